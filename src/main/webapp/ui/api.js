// The console's only way to the server: the public JSON API under /api/v1, with Authorization: Bearer <key>.
// Errors become ApiError with the problem+json detail (RFC 9457), which the pages show in words.

import {apiKey} from './session.js';

/** /api/v1/ of the server that served the console (the console is at /ui/, this module at /ui/api.js). */
const BASE = new URL('../api/v1/', import.meta.url);

export class ApiError extends Error {
    constructor(status, detail, field) {
        super(detail);
        this.name = 'ApiError';
        this.status = status;
        this.field = field || null;
    }
}

/**
 * One request. path is relative to /api/v1 ('webhooks', 'issues/<id>'); query values that are empty are left out;
 * body is sent as JSON. Resolves to the parsed JSON (null for 204); rejects with ApiError. A 401 (the key was
 * revoked, say) also calls the handler given to onUnauthorized, unless options.key was given (signing in).
 */
export async function request(method, path, options = {}) {
    const url = new URL(String(path).replace(/^\/+/, ''), BASE);
    for (const [k, v] of Object.entries(options.query || {})) {
        if (v !== undefined && v !== null && v !== '') {
            url.searchParams.set(k, String(v));
        }
    }
    const key = options.key !== undefined ? options.key : apiKey();
    const headers = {Accept: 'application/json'};
    if (key) {
        headers.Authorization = 'Bearer ' + key;
    }
    const init = {method, headers, cache: 'no-store', credentials: 'omit', redirect: 'error', referrerPolicy: 'no-referrer'};
    if (options.body !== undefined) {
        headers['Content-Type'] = options.contentType || 'application/json';
        init.body = JSON.stringify(options.body);
    }
    let response;
    try {
        response = await fetch(url, init);
    } catch (e) {
        throw new ApiError(0, 'The server could not be reached (' + (e && e.message ? e.message : 'network error') + ')');
    }
    if (response.status === 204) {
        return null;
    }
    let data = null;
    const type = response.headers.get('Content-Type') || '';
    if (type.includes('json')) {
        try {
            data = await response.json();
        } catch {
            data = null;
        }
    }
    if (!response.ok) {
        const detail = data && typeof data.detail === 'string' && data.detail
            ? data.detail
            : 'The server answered ' + response.status + (response.statusText ? ' ' + response.statusText : '');
        const error = new ApiError(response.status, detail, data && typeof data.field === 'string' ? data.field : null);
        if (response.status === 401 && options.key === undefined && unauthorized) {
            unauthorized(error);
        }
        throw error;
    }
    return data;
}

let unauthorized = null;

/** Called with the ApiError when a request with the stored key is refused with 401. */
export function onUnauthorized(handler) {
    unauthorized = handler;
}

export const api = {
    get: (path, query, options) => request('GET', path, {...(options || {}), query}),
    post: (path, body, options) => request('POST', path, {...(options || {}), body}),
    put: (path, body) => request('PUT', path, {body}),
    patch: (path, body) => request('PATCH', path, {body, contentType: 'application/merge-patch+json'}),
    del: (path) => request('DELETE', path),
};

/**
 * Who the key is: 'admin' (an organisation admin key, which may manage webhooks) or 'member' (a member key, or a
 * team-scoped key: issues only). The API has no "who am I" endpoint, so the console asks what the key may read:
 * the issue list (any organisation key; 401 for an unknown key, 403 for the bootstrap key) and the webhook list
 * (organisation admins only).
 */
export async function roleOf(key) {
    await request('GET', 'issues', {key, query: {limit: 1}});
    try {
        await request('GET', 'webhooks', {key, query: {limit: 1}});
        return 'admin';
    } catch (e) {
        if (e instanceof ApiError && e.status === 403) {
            return 'member';
        }
        throw e;
    }
}

/** Every page of a list (at most maxPages of 100), for small lists such as teams. */
export async function all(path, query, maxPages = 10) {
    const items = [];
    let cursor = null;
    for (let i = 0; i < maxPages; i++) {
        const page = await api.get(path, {...(query || {}), limit: 100, cursor});
        items.push(...page.data);
        cursor = page.nextCursor;
        if (!cursor) {
            break;
        }
    }
    return items;
}

let teamCache = null;

/** The organisation's teams by id (cached for a minute): names for team ids, options for team filters. */
export async function teams() {
    if (!teamCache || teamCache.key !== apiKey() || Date.now() - teamCache.at > 60_000) {
        const list = await all('teams');
        teamCache = {key: apiKey(), at: Date.now(), byId: new Map(list.map((t) => [t.id, t]))};
    }
    return teamCache.byId;
}

let eventTypeCache = null;

/** The event types with their descriptions and groups, issue events first (GET /webhooks/event-types). */
export async function eventTypes() {
    if (!eventTypeCache || eventTypeCache.key !== apiKey()) {
        const list = (await api.get('webhooks/event-types')).data;
        eventTypeCache = {key: apiKey(), list};
    }
    return eventTypeCache.list;
}
