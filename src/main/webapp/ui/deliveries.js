// Deliveries: a webhook's delivery log (filters, pages, pending ones with their next attempt) and one delivery with
// its attempts exactly as sent (request headers and body) and answered (status, error, response excerpt).

import {api} from './api.js';
import {h, link, hash, time, fieldList, relative, replace} from './dom.js';
import {button, empty, errorBox, flash, loading, pageHeader, pager, select, statusBadge} from './components.js';

const STATUSES = ['pending', 'succeeded', 'failed'];

/** "HTTP 500", "connection refused", "HTTP 200". */
function outcome(statusCode, error) {
    if (error) {
        return statusCode === null || statusCode === undefined || error.startsWith('HTTP ') ? error : 'HTTP ' + statusCode + ': ' + error;
    }
    return statusCode === null || statusCode === undefined ? h('span', {class: 'muted'}, '—') : 'HTTP ' + statusCode;
}

function nextAttempt(d) {
    if (d.status !== 'pending' || !d.nextAttemptAt) {
        return h('span', {class: 'muted'}, '—');
    }
    return h('span', {class: 'next-attempt'}, time(d.nextAttemptAt), h('span', {class: 'muted'},
        ' (' + relative(new Date(d.nextAttemptAt)) + ')'));
}

/**
 * The delivery log of a webhook, filtered by the route's query (status, event, limit, cursor). Refreshes itself
 * every few seconds while a delivery on the page is pending. Returns {element, refresh}.
 */
export function deliveriesSection(ctx, webhookId, types) {
    const q = ctx.query;
    const limit = q.limit || 20;
    const filter = (changes) => ctx.go(hash(['webhooks', webhookId], {status: q.status, event: q.event, limit: q.limit, ...changes}));
    const body = h('div', {class: 'deliveries-body'}, loading('Loading deliveries…'));
    const refreshButton = button('Refresh', () => refresh(), {class: 'button secondary', id: 'refresh-deliveries'});
    const element = h('section', {class: 'card', id: 'deliveries'},
        h('div', {class: 'section-header'}, h('h2', null, 'Deliveries'), refreshButton),
        h('div', {class: 'filters'},
            select('Status', 'status', [['', 'Any status'], ...STATUSES.map((s) => [s, s])], q.status,
                (v) => filter({status: v, cursor: null})),
            select('Event', 'event', [['', 'Any event'], ...types.map((t) => [t.name, t.name])], q.event,
                (v) => filter({event: v, cursor: null})),
            select('Per page', 'limit', [...new Set(['10', '20', '50', '100', String(limit)])].map((n) => [n, n]), String(limit),
                (v) => filter({limit: v, cursor: null}))),
        body);

    let busy = false;
    let anyPending = false;

    async function refresh() {
        if (busy) {
            return;
        }
        busy = true;
        try {
            const page = await api.get('webhooks/' + webhookId + '/deliveries',
                {status: q.status, event: q.event, limit, cursor: q.cursor});
            if (!ctx.current()) {
                return;
            }
            anyPending = page.data.some((d) => d.status === 'pending');
            replace(body, table(page), pager('deliveries:' + webhookId + ':' + q.status + ':' + q.event + ':' + limit,
                q.cursor, page.nextCursor, (cursor) => filter({cursor})));
        } catch (e) {
            if (ctx.current()) {
                replace(body, errorBox(e, 'Could not load the deliveries.'));
            }
        } finally {
            busy = false;
        }
    }

    function table(page) {
        if (page.data.length === 0) {
            return empty(q.status || q.event ? 'No deliveries match these filters.'
                : 'No deliveries yet. They appear here when an issue event is sent to this webhook.');
        }
        return h('div', {class: 'table-wrap'}, h('table', {class: 'table', id: 'deliveries-table'},
            h('thead', null, h('tr', null,
                ['Created', 'Event', 'Status', 'Attempts', 'Last result', 'Next attempt', ''].map((t) => h('th', null, t)))),
            h('tbody', null, page.data.map((d) => h('tr', {dataset: {id: d.id, status: d.status}},
                h('td', null, time(d.createdAt)),
                h('td', null, h('code', null, d.event)),
                h('td', {class: 'status'}, statusBadge(d.status)),
                h('td', {class: 'attempts'}, String(d.attemptCount)),
                h('td', {class: 'last-result'}, outcome(d.lastStatusCode, d.lastError)),
                h('td', null, nextAttempt(d)),
                h('td', null, link('View', ['webhooks', webhookId, 'deliveries', d.id], null, {class: 'view-delivery'})))))));
    }

    refresh();
    ctx.every(2500, () => {
        if (anyPending) {
            refresh();
        }
    });
    return {element, refresh};
}

/** One delivery with every attempt. */
export async function deliveryPage(ctx, webhookId, deliveryId) {
    const [webhook, delivery] = await Promise.all([api.get('webhooks/' + webhookId),
        api.get('webhooks/' + webhookId + '/deliveries/' + deliveryId)]);
    const container = h('div', {class: 'delivery'});
    let current = delivery;

    const redeliver = button('Redeliver', async () => {
        redeliver.disabled = true;
        try {
            current = await api.post('webhooks/' + webhookId + '/deliveries/' + deliveryId + '/redeliver');
            flash('Redelivery queued: the same webhook-id and body are sent again, with a fresh run of retries.');
            draw();
        } catch (e) {
            flash(e.message, 'bad');
        } finally {
            redeliver.disabled = false;
        }
    }, {id: 'redeliver'});

    function draw() {
        const d = current;
        replace(container,
            h('section', {class: 'card', id: 'delivery-summary'}, fieldList([
                ['Status', statusBadge(d.status), {class: 'delivery-status', 'data-status': d.status}],
                d.status === 'pending' ? ['Next attempt', nextAttempt(d), {id: 'next-attempt'}] : null,
                ['Event', h('code', null, d.event)],
                ['Attempts', String(d.attemptCount), {class: 'attempt-count'}],
                ['Last result', outcome(d.lastStatusCode, d.lastError), {class: 'last-result'}],
                ['Delivery id (webhook-id)', h('code', null, d.id)],
                ['Event id', h('code', null, d.eventId)],
                ['Created', time(d.createdAt)],
                ['Updated', time(d.updatedAt)],
            ])),
            h('section', {class: 'card', id: 'request-body-card'},
                h('h2', null, 'Request body'),
                h('p', {class: 'help'}, 'Exactly as sent with every attempt.'),
                h('pre', {class: 'code', id: 'request-body'}, d.body),
                formatted(d.body)),
            h('section', {class: 'card', id: 'attempts'},
                h('h2', null, 'Attempts'),
                d.attempts.length === 0 ? empty(d.status === 'pending' ? 'No attempt yet: the first one is due at '
                    + (d.nextAttemptAt || 'once') + '.' : 'No attempts.') : null,
                [...d.attempts].reverse().map(attempt)));
    }

    draw();
    ctx.show(
        h('nav', {class: 'crumbs'}, link('Webhooks', 'webhooks'), ' / ', link(webhook.name, ['webhooks', webhookId]),
            ' / delivery'),
        pageHeader('Delivery of ' + delivery.event, redeliver,
            button('Refresh', () => reload(), {class: 'button secondary', id: 'refresh-delivery'})),
        container);

    async function reload() {
        try {
            const d = await api.get('webhooks/' + webhookId + '/deliveries/' + deliveryId);
            if (ctx.current()) {
                current = d;
                draw();
            }
        } catch (e) {
            if (ctx.current()) {
                flash(e.message, 'bad');
            }
        }
    }

    ctx.every(2000, () => {
        if (current.status === 'pending') {
            reload();
        }
    });
}

function formatted(body) {
    let pretty;
    try {
        pretty = JSON.stringify(JSON.parse(body), null, 2);
    } catch {
        return null;
    }
    return h('details', null, h('summary', null, 'Formatted JSON'), h('pre', {class: 'code'}, pretty));
}

function attempt(a) {
    const headers = a.requestHeaders || {};
    const names = Object.keys(headers);
    return h('article', {class: 'attempt', dataset: {number: a.number}},
        h('h3', null, 'Attempt ' + a.number),
        fieldList([
            ['Started', time(a.startedAt)],
            ['Duration', a.durationMs + ' ms'],
            ['Response status', a.statusCode === null || a.statusCode === undefined ? null : String(a.statusCode),
                {class: 'attempt-status'}],
            ['Error', a.error, {class: 'attempt-error'}],
        ]),
        h('h4', null, 'Request headers'),
        names.length === 0 ? empty('None recorded (the request was not sent).') : h('table', {class: 'table headers'},
            h('thead', null, h('tr', null, h('th', null, 'Header'), h('th', null, 'Value'))),
            h('tbody', null, names.map((name) => h('tr', null, h('td', null, h('code', null, name)),
                h('td', null, h('code', {class: 'header-value'}, String(headers[name]))))))),
        h('h4', null, 'Response excerpt'),
        a.responseExcerpt === null || a.responseExcerpt === undefined || a.responseExcerpt === ''
            ? empty('No response body.')
            : h('pre', {class: 'code response-excerpt'}, a.responseExcerpt));
}
