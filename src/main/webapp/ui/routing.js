// The routing part of the webhook form: the destination format, the filter on the issue, and the custom headers
// (docs/api.md, "Webhooks"). The form sends what changed as the API expects it: the whole filter and headers on
// create; on edit a merge patch that names every condition the form manages (null removes it), leaves alone the
// ones it does not show, and sends only the headers added, replaced or removed (stored values are never shown).

import {h} from './dom.js';
import {button} from './components.js';

export const FORMATS = [
    ['promptfoo', 'Promptfoo (the public contract\'s envelope, X-Promptfoo-Signature)'],
    ['slack', 'Slack incoming webhook (Block Kit message)'],
    ['splunk-hec', 'Splunk HTTP Event Collector (needs an Authorization: Splunk <token> header)'],
    ['cloudevents', 'CloudEvents 1.0, structured JSON'],
];
const SEVERITIES = ['low', 'medium', 'high', 'critical'];
const STATUSES = ['open', 'fixed', 'false_positive', 'ignored'];
const LISTS = [['pluginIds', 'Plugins', 'harmful:, prompt-injection'], ['targetIds', 'Targets', ''],
    ['providerIds', 'Providers', '']];
const MANAGED = ['minSeverity', 'statuses', ...LISTS.map(([key]) => key)];

/** Comma-separated text as a list, blanks dropped. */
function items(text) {
    return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** The format, filter and header fields for webhook w (a new one: no filter, no headers, promptfoo). */
export function routingFields(w) {
    const filter = w.filter || {};
    const format = h('select', {id: 'webhook-format', name: 'format'},
        FORMATS.map(([v, text]) => h('option', {value: v, selected: v === (w.format || 'promptfoo')}, text)));
    const minSeverity = h('select', {id: 'filter-min-severity', name: 'minSeverity'},
        h('option', {value: ''}, 'Any severity'),
        SEVERITIES.map((s) => h('option', {value: s, selected: s === filter.minSeverity}, s + ' or higher')));
    const statuses = STATUSES.map((s) => h('label', {class: 'check'},
        h('input', {type: 'checkbox', name: 'statuses', value: s, checked: (filter.statuses || []).includes(s)}), h('span', null, s)));
    const lists = LISTS.map(([key, label, placeholder]) => [key, h('input', {type: 'text', id: 'filter-' + key, name: key,
        value: (filter[key] || []).join(', '), placeholder: placeholder || 'any', maxlength: 20000}), label]);
    const other = Object.keys(filter).filter((k) => !MANAGED.includes(k));

    const existing = Object.keys(w.headers || {});
    const removals = existing.map((name) => h('label', {class: 'check header-existing'},
        h('input', {type: 'checkbox', name: 'remove-header', value: name}),
        h('span', null, 'Remove ', h('code', null, name + ': ' + w.headers[name]))));
    const rows = h('div', {class: 'header-rows', id: 'header-rows'});
    const addRow = () => rows.append(h('div', {class: 'row header-row'},
        h('input', {type: 'text', name: 'header-name', placeholder: 'Authorization', maxlength: 100, 'aria-label': 'Header name'}),
        h('input', {type: 'password', name: 'header-value', placeholder: 'value (kept secret)', maxlength: 1000,
            autocomplete: 'off', 'aria-label': 'Header value'})));
    addRow();

    const elements = [
        h('label', {class: 'field', for: 'webhook-format'}, h('span', null, 'Format')), format,
        h('fieldset', {class: 'events-field', id: 'filter-field'}, h('legend', null, 'Filter (only these findings)'),
            h('label', {class: 'field', for: 'filter-min-severity'}, h('span', null, 'Severity')), minSeverity,
            h('div', {class: 'field'}, h('span', null, 'Status (none checked: any)')), statuses,
            lists.map(([key, input, label]) => [h('label', {class: 'field', for: 'filter-' + key},
                h('span', null, label + ' (comma-separated; an entry ending in “:” is a prefix)')), input]),
            other.length ? h('p', {class: 'help'}, 'Also kept as they are: ', other.join(', '), ' (set through the API).') : null),
        h('fieldset', {class: 'events-field', id: 'headers-field'}, h('legend', null, 'Custom headers (sent with every delivery)'),
            h('p', {class: 'help'}, 'Values are stored encrypted and never shown again. A name given again replaces its value.'),
            removals, rows, button('Add header', addRow, {class: 'button secondary', id: 'add-header'})),
    ];

    /** The filter the form describes on top of w's: {} when no condition is left. */
    function wanted() {
        const f = {};
        for (const k of other) {
            f[k] = filter[k];
        }
        if (minSeverity.value) {
            f.minSeverity = minSeverity.value;
        }
        const checked = statuses.map((l) => l.querySelector('input')).filter((b) => b.checked).map((b) => b.value);
        if (checked.length) {
            f.statuses = checked;
        }
        for (const [key, input] of lists) {
            if (items(input.value).length) {
                f[key] = items(input.value);
            }
        }
        return f;
    }

    function added() {
        const result = {};
        for (const row of rows.querySelectorAll('.header-row')) {
            const name = row.querySelector('[name=header-name]').value.trim();
            if (name !== '') {
                result[name] = row.querySelector('[name=header-value]').value;
            }
        }
        return result;
    }

    return {
        elements,
        /** Fields of a POST (create) or PUT: format, filter and headers whole. */
        create() {
            const f = wanted();
            const headers = added();
            return {format: format.value, ...(Object.keys(f).length ? {filter: f} : {}),
                ...(Object.keys(headers).length ? {headers} : {})};
        },
        /** Fields of a merge patch onto w: every managed condition named (null: removed), changed headers only. */
        patch() {
            const f = wanted();
            const body = {format: format.value};
            if (Object.keys(f).length === 0) {
                body.filter = null;
            } else {
                body.filter = {...f};
                for (const k of MANAGED) {
                    if (!(k in f)) {
                        body.filter[k] = null;
                    }
                }
            }
            const headers = {};
            for (const l of removals) {
                const box = l.querySelector('input');
                if (box.checked) {
                    headers[box.value] = null;
                }
            }
            Object.assign(headers, added());
            if (Object.keys(headers).length) {
                body.headers = headers;
            }
            return body;
        },
    };
}

/** The filter in words for the settings card: "severity high or higher; plugins harmful:". */
export function describeFilter(filter) {
    if (!filter) {
        return null;
    }
    return Object.entries(filter).map(([k, v]) => k + ' ' + (Array.isArray(v) ? v.join(', ') : v)).join('; ');
}
