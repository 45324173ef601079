// Webhooks: the list with each one's health, the create and edit form, and a webhook's page (its settings, the
// actions on it, a test event, recovery, and its deliveries).

import {api, eventTypes, teams} from './api.js';
import {h, link, hash, time, fieldList, replace} from './dom.js';
import {badge, button, confirmDialog, empty, errorBox, flash, formSection, loading, pageHeader, pager, secretDialog,
    select} from './components.js';
import {deliveriesSection} from './deliveries.js';
import {describeFilter, routingFields} from './routing.js';

/** Enabled and healthy, enabled but failing (since when), disabled by an admin, or disabled by Issuehooks (why). */
export function health(webhook) {
    if (!webhook.enabled) {
        if (webhook.disabledReason) {
            return h('div', {class: 'health'}, badge('Disabled by Issuehooks', 'bad'),
                h('div', {class: 'health-detail disabled-reason'}, webhook.disabledReason));
        }
        return h('div', {class: 'health'}, badge('Disabled', 'off'),
            webhook.failingSince ? h('div', {class: 'health-detail'}, 'Failing since ', time(webhook.failingSince)) : null);
    }
    if (webhook.failingSince) {
        return h('div', {class: 'health'}, badge('Failing', 'bad'),
            h('div', {class: 'health-detail failing-since'}, 'Failing since ', time(webhook.failingSince)));
    }
    return h('div', {class: 'health'}, badge('Enabled', 'ok'));
}

function teamName(byId, teamId) {
    if (!teamId) {
        return h('span', {class: 'muted'}, 'All teams');
    }
    const team = byId.get(teamId);
    return team ? team.name : teamId;
}

export async function webhookList(ctx) {
    const limit = ctx.query.limit || 25;
    const [page, byId] = await Promise.all([api.get('webhooks', {limit, cursor: ctx.query.cursor}), teams()]);
    const rows = page.data.map((w) => h('tr', {dataset: {id: w.id}},
        h('td', {class: 'name'}, link(w.name, ['webhooks', w.id])),
        h('td', {class: 'url'}, h('code', null, w.url)),
        h('td', {class: 'events'}, w.events.join(', ')),
        h('td', null, teamName(byId, w.teamId)),
        h('td', {class: 'health-cell'}, health(w)),
        h('td', null, link('Deliveries', ['webhooks', w.id]))));
    ctx.show(
        pageHeader('Webhooks',
            link('New webhook', 'webhooks/new', null, {class: 'button', id: 'new-webhook'}),
            button('Refresh', () => ctx.reload(), {class: 'button secondary', id: 'refresh'})),
        page.data.length === 0 && !ctx.query.cursor
            ? empty('No webhooks yet. Create one to have issue events sent to an endpoint of yours.')
            : h('div', {class: 'table-wrap'}, h('table', {class: 'table', id: 'webhooks'},
                h('thead', null, h('tr', null, ['Name', 'URL', 'Events', 'Team', 'Health', ''].map((t) => h('th', null, t)))),
                h('tbody', null, rows))),
        pager('webhooks:' + limit, ctx.query.cursor, page.nextCursor,
            (cursor) => ctx.go(hash('webhooks', {limit: ctx.query.limit, cursor}))));
}

/** The create form (id null) or the edit form of a webhook. */
export async function webhookForm(ctx, id) {
    const [types, byId, webhook] = await Promise.all([eventTypes(), teams(), id ? api.get('webhooks/' + id) : null]);
    const w = webhook || {name: '', url: '', events: types.filter((t) => t.group === 'issue').map((t) => t.name), teamId: null, rateLimit: null, enabled: true};
    const name = h('input', {type: 'text', id: 'webhook-name', name: 'name', maxlength: 200, required: true, value: w.name});
    const url = h('input', {type: 'url', id: 'webhook-url', name: 'url', maxlength: 2048, required: true, value: w.url,
        placeholder: 'https://siem.example.com/hooks/issuehooks'});
    const boxes = types.map((t) => h('label', {class: 'check'},
        h('input', {type: 'checkbox', name: 'events', value: t.name, checked: w.events.includes(t.name)}),
        h('span', null, h('code', null, t.name), ' ', h('span', {class: 'muted'}, t.description))));
    const team = h('select', {id: 'webhook-team', name: 'teamId'},
        h('option', {value: ''}, 'All issues of the organisation'),
        [...byId.values()].map((t) => h('option', {value: t.id, selected: t.id === w.teamId}, 'Team ' + t.name)));
    const rate = h('input', {type: 'number', id: 'webhook-rate', name: 'rateLimit', min: 1, max: 10000, step: 1,
        value: w.rateLimit === null ? '' : String(w.rateLimit), placeholder: 'no limit'});
    const enabled = h('input', {type: 'checkbox', id: 'webhook-enabled', name: 'enabled', checked: w.enabled});
    const routing = routingFields(w);

    const form = formSection(null, [
        h('label', {class: 'field', for: 'webhook-name'}, h('span', null, 'Name')), name,
        h('label', {class: 'field', for: 'webhook-url'}, h('span', null, 'Endpoint URL')), url,
        h('fieldset', {class: 'events-field'}, h('legend', null, 'Events'), boxes),
        h('label', {class: 'field', for: 'webhook-team'}, h('span', null, 'Issues of')), team,
        h('label', {class: 'field', for: 'webhook-rate'}, h('span', null, 'Rate limit (requests a second, optional)')), rate,
        routing.elements,
        h('label', {class: 'check'}, enabled, h('span', null, 'Enabled')),
    ], id ? 'Save' : 'Create webhook', async () => {
        const body = {
            name: name.value,
            url: url.value.trim(),
            events: boxes.map((l) => l.querySelector('input')).filter((b) => b.checked).map((b) => b.value),
            enabled: enabled.checked,
        };
        if (id) {
            // A merge patch, not a PUT: a PUT would need the stored header values, which are never shown.
            await api.patch('webhooks/' + id, {...body, teamId: team.value || null,
                rateLimit: rate.value.trim() === '' ? null : Number(rate.value), ...routing.patch()});
            flash('Webhook saved.', 'ok', true);
            ctx.go(hash(['webhooks', id]));
        } else {
            if (team.value) {
                body.teamId = team.value;
            }
            if (rate.value.trim() !== '') {
                body.rateLimit = Number(rate.value);
            }
            const created = await api.post('webhooks', {...body, ...routing.create()});
            await secretDialog('Webhook created', created.secret,
                'Issuehooks signs every request to this webhook with this secret (headers webhook-signature and '
                + 'X-Promptfoo-Signature). Your endpoint verifies them with it.');
            if (ctx.current()) {
                flash('Webhook “' + created.name + '” created.', 'ok', true);
                ctx.go(hash(['webhooks', created.id]));
            }
        }
    });
    form.id = 'webhook-form';
    ctx.show(
        h('nav', {class: 'crumbs'}, link('Webhooks', 'webhooks'), id ? [' / ', link(webhook.name, ['webhooks', id])] : null),
        pageHeader(id ? 'Edit webhook' : 'New webhook'),
        form);
    name.focus();
}

/** A webhook: its settings, health and actions, test events, recovery, and its deliveries. */
export async function webhookPage(ctx, id) {
    const [w, types, byId] = await Promise.all([api.get('webhooks/' + id), eventTypes(), teams()]);

    const toggle = button(w.enabled ? 'Disable' : 'Enable', async () => {
        toggle.disabled = true;
        try {
            await api.patch('webhooks/' + id, {enabled: !w.enabled});
            flash(w.enabled ? 'Webhook disabled: nothing is sent to it until it is enabled again.'
                : 'Webhook enabled.', 'ok', true);
            ctx.reload();
        } catch (e) {
            flash(e.message, 'bad');
            toggle.disabled = false;
        }
    }, {class: 'button secondary', id: 'toggle-enabled'});

    const regenerate = button('Regenerate secret', async () => {
        const ok = await confirmDialog('Regenerate the secret?',
            'A new secret signs every request from now on. The current one keeps signing webhook-signature as a second '
            + 'signature for a grace period (24 hours by default), so that your endpoint can switch over.',
            'Regenerate', false);
        if (!ok) {
            return;
        }
        try {
            const result = await api.post('webhooks/' + id + '/regenerate-secret');
            await secretDialog('New secret', result.secret, 'From now on Issuehooks signs requests to “' + w.name
                + '” with this secret.');
            if (ctx.current()) {
                flash('Secret regenerated.', 'ok', true);
                ctx.reload();
            }
        } catch (e) {
            flash(e.message, 'bad');
        }
    }, {class: 'button secondary', id: 'regenerate-secret'});

    const remove = button('Delete', async () => {
        const ok = await confirmDialog('Delete webhook “' + w.name + '”?',
            'Its deliveries and their attempts are deleted with it, and queued attempts are dropped. This cannot be undone.',
            'Delete webhook');
        if (!ok) {
            return;
        }
        try {
            await api.del('webhooks/' + id);
            flash('Webhook “' + w.name + '” deleted.', 'ok', true);
            ctx.go('#/webhooks');
        } catch (e) {
            flash(e.message, 'bad');
        }
    }, {class: 'button danger', id: 'delete-webhook'});

    const deliveries = deliveriesSection(ctx, id, types);

    ctx.show(
        h('nav', {class: 'crumbs'}, link('Webhooks', 'webhooks'), ' / ', w.name),
        pageHeader(w.name, link('Edit', ['webhooks', id, 'edit'], null, {class: 'button secondary', id: 'edit-webhook'}),
            toggle, regenerate, remove),
        h('section', {class: 'card', id: 'webhook-settings'},
            fieldList([
                ['Health', health(w)],
                ['Endpoint URL', h('code', {class: 'url'}, w.url)],
                ['Events', h('ul', {class: 'plain'}, w.events.map((e) => h('li', null, h('code', null, e))))],
                ['Issues of', teamName(byId, w.teamId)],
                ['Rate limit', w.rateLimit === null ? 'none' : w.rateLimit + ' requests a second'],
                ['Format', h('code', {class: 'format'}, w.format)],
                ['Filter', w.filter ? h('span', {class: 'filter'}, describeFilter(w.filter)) : 'none: every event of its types'],
                ['Custom headers', Object.keys(w.headers || {}).length
                    ? h('ul', {class: 'plain headers'}, Object.entries(w.headers).map(([n, v]) => h('li', null, h('code', null, n + ': ' + v))))
                    : 'none'],
                ['Failing since', w.failingSince ? time(w.failingSince) : null],
                w.disabledReason ? ['Disabled because', w.disabledReason] : null,
                ['Webhook id', h('code', null, w.id)],
                ['Created', time(w.createdAt)],
                ['Updated', time(w.updatedAt)],
            ])),
        h('div', {class: 'columns'},
            testEventCard(w, types, deliveries),
            recoverCard(w, deliveries)),
        deliveries.element);
}

function testEventCard(w, types, deliveries) {
    const result = h('div', {class: 'result', id: 'test-result'});
    // Test events are made-up issue events: the operational types have nothing to make up.
    const eventSelect = select('Event', 'test-event', types.filter((t) => t.group === 'issue').map((t) => [t.name, t.name]), 'issue.created');
    const send = button('Send test event', async () => {
        send.disabled = true;
        replace(result, loading('Sending…'));
        try {
            const d = await api.post('webhooks/' + w.id + '/test', {event: eventSelect.querySelector('select').value});
            const a = d.attempts[d.attempts.length - 1] || {};
            replace(result, h('p', {class: d.status === 'succeeded' ? 'ok-text' : 'bad-text'},
                'Test event ', h('code', null, d.event), ': ', d.status,
                a.statusCode !== null && a.statusCode !== undefined ? ', HTTP ' + a.statusCode : '',
                a.error && a.error !== 'HTTP ' + a.statusCode ? ' (' + a.error + ')' : '',
                a.durationMs !== undefined ? ', ' + a.durationMs + ' ms. ' : '. ',
                link('View delivery', ['webhooks', w.id, 'deliveries', d.id])));
            deliveries.refresh();
        } catch (e) {
            replace(result, errorBox(e));
        } finally {
            send.disabled = false;
        }
    }, {id: 'send-test'});
    return h('section', {class: 'card', id: 'test-event'},
        h('h2', null, 'Test event'),
        h('p', {class: 'help'}, 'Sends a signed event about a made-up issue now, once, without retries, even while the '
            + 'webhook is disabled. It does not count for the webhook’s health.'),
        h('div', {class: 'row'}, eventSelect, send), result);
}

/** A datetime-local value (local time, seconds) for a Date. */
function localInputValue(date) {
    const pad = (n) => String(n).padStart(2, '0');
    return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + 'T' + pad(date.getHours())
        + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds());
}

function recoverCard(w, deliveries) {
    const since = h('input', {type: 'datetime-local', id: 'recover-since', step: 1,
        value: localInputValue(new Date(Date.now() - 24 * 3600 * 1000))});
    const result = h('div', {class: 'result', id: 'recover-result'});
    const recover = button('Recover', async () => {
        const date = new Date(since.value);
        if (!since.value || Number.isNaN(date.getTime())) {
            replace(result, errorBox(new Error('Choose the time to recover from.')));
            return;
        }
        recover.disabled = true;
        replace(result, loading('Requeueing…'));
        try {
            const r = await api.post('webhooks/' + w.id + '/recover', {since: date.toISOString()});
            replace(result, h('p', {class: 'ok-text'}, 'Redelivering ' + r.redelivering
                + (r.redelivering === 1 ? ' delivery' : ' deliveries') + ' created since ' + date.toISOString() + '.'));
            deliveries.refresh();
        } catch (e) {
            replace(result, errorBox(e));
        } finally {
            recover.disabled = false;
        }
    }, {id: 'recover'});
    return h('section', {class: 'card', id: 'recover-card'},
        h('h2', null, 'Recover'),
        h('p', {class: 'help'}, 'Redelivers every failed or skipped delivery created since this time (and pending ones whose attempt '
            + 'is over 5 minutes late), oldest first, with a fresh run of retries.'),
        h('div', {class: 'row'}, h('label', {class: 'field inline', for: 'recover-since'},
            h('span', null, 'Since (your local time)')), since, recover), result);
}
