// Building the page from data without ever parsing it as HTML: every string becomes a Text node, attributes are set
// one by one with setAttribute, and nothing in the console uses innerHTML, outerHTML, insertAdjacentHTML or
// document.write. Whatever the API returns (an issue's pluginId, a webhook's name, a receiver's response) is shown
// literally.

/**
 * Creates an element: h('a', {href: '#/issues', class: 'x', onclick: fn}, 'text', otherNode, [more, children]).
 * Props: 'class' (string or array), 'dataset' (object), on<event> (function), value/checked/selected/disabled
 * (properties), anything else an attribute (true: present, false/null/undefined: absent).
 */
export function h(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(props || {})) {
        if (value === undefined || value === null || value === false) {
            continue;
        }
        if (name.startsWith('on') && typeof value === 'function') {
            el.addEventListener(name.slice(2), value);
        } else if (name === 'class') {
            el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : String(value);
        } else if (name === 'dataset') {
            for (const [k, v] of Object.entries(value)) {
                el.dataset[k] = String(v);
            }
        } else if (name === 'value' || name === 'checked' || name === 'selected' || name === 'disabled') {
            el[name] = value;
        } else if (name === 'href') {
            el.setAttribute('href', internalHref(value));
        } else {
            el.setAttribute(name, value === true ? '' : String(value));
        }
    }
    append(el, children);
    return el;
}

/** Appends children: nodes as they are, anything else as text; arrays are flattened, null and false skipped. */
export function append(el, children) {
    for (const child of [children].flat(Infinity)) {
        if (child === null || child === undefined || child === false) {
            continue;
        }
        el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
}

/** Replaces all children of el. */
export function replace(el, ...children) {
    el.replaceChildren();
    return append(el, children);
}

/** The console links only to its own routes: a link built from data can never become javascript: or another site. */
function internalHref(value) {
    const s = String(value);
    if (!s.startsWith('#')) {
        throw new Error('Only in-console links are allowed');
    }
    return s;
}

/** A route link, its path segments encoded. */
export function link(text, path, query, props) {
    return h('a', {...(props || {}), href: hash(path, query)}, text);
}

/** '#/a/b?x=1' from ['a', 'b'] (or '/a/b') and {x: 1}; empty query values are left out. */
export function hash(path, query) {
    const segments = Array.isArray(path) ? path : String(path).split('/').filter(Boolean);
    let s = '#/' + segments.map((p) => encodeURIComponent(p)).join('/');
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query || {})) {
        if (v !== undefined && v !== null && v !== '') {
            params.set(k, String(v));
        }
    }
    const q = params.toString();
    return q ? s + '?' + q : s;
}

/** A time as the API writes it (ISO-8601 UTC), with the local time and how long ago (or from now) as a tooltip. */
export function time(iso) {
    if (!iso) {
        return h('span', {class: 'muted'}, '—');
    }
    const d = new Date(iso);
    const title = Number.isNaN(d.getTime()) ? iso : d.toLocaleString() + ' (' + relative(d) + ')';
    return h('time', {datetime: iso, title}, iso);
}

/** "in 3 s", "5 min ago". */
export function relative(date, now = Date.now()) {
    const diff = Math.round((date.getTime() - now) / 1000);
    const abs = Math.abs(diff);
    let text;
    if (abs < 60) {
        text = abs + ' s';
    } else if (abs < 3600) {
        text = Math.round(abs / 60) + ' min';
    } else if (abs < 86400) {
        text = Math.round(abs / 3600) + ' h';
    } else {
        text = Math.round(abs / 86400) + ' d';
    }
    return diff >= 0 ? 'in ' + text : text + ' ago';
}

/** A definition list from [label, value] pairs; null pairs are skipped. */
export function fieldList(pairs, props) {
    const dl = h('dl', {class: 'fields', ...(props || {})});
    for (const pair of pairs) {
        if (!pair) {
            continue;
        }
        const [label, value, ddProps] = pair;
        dl.append(h('dt', null, label), h('dd', ddProps || null, value === null || value === undefined || value === ''
            ? h('span', {class: 'muted'}, '—') : value));
    }
    return dl;
}
