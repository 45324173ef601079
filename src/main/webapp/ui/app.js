// The console's shell: sign-in state, the caller's role, and hash routing (#/webhooks, #/issues/<id>, ...).
// Pages render into <main id="view">; a page whose data arrives after the user has moved on is dropped.

import {onUnauthorized, roleOf, ApiError} from './api.js';
import {h, replace} from './dom.js';
import {errorBox, flash, loading, showPendingFlash} from './components.js';
import {apiKey, keyPrefix, signIn, signOut} from './session.js';
import {webhookList, webhookForm, webhookPage} from './webhooks.js';
import {deliveryPage} from './deliveries.js';
import {issueList, issuePage} from './issues.js';

const view = document.getElementById('view');

/** What the pages know about the caller: role 'admin' or 'member'; null until found out. */
const session = {role: null};

/** Increases with every navigation; a render whose number is no longer current draws nothing. */
let generation = 0;
let timers = [];

const routes = [
    [/^\/?$/, () => redirect(session.role === 'admin' ? '#/webhooks' : '#/issues')],
    [/^\/webhooks$/, (ctx) => adminOnly(ctx, () => webhookList(ctx))],
    [/^\/webhooks\/new$/, (ctx) => adminOnly(ctx, () => webhookForm(ctx, null))],
    [/^\/webhooks\/([^/]+)\/edit$/, (ctx, id) => adminOnly(ctx, () => webhookForm(ctx, id))],
    [/^\/webhooks\/([^/]+)$/, (ctx, id) => adminOnly(ctx, () => webhookPage(ctx, id))],
    [/^\/webhooks\/([^/]+)\/deliveries\/([^/]+)$/, (ctx, id, deliveryId) => adminOnly(ctx, () => deliveryPage(ctx, id, deliveryId))],
    [/^\/issues$/, (ctx) => issueList(ctx)],
    [/^\/issues\/([^/]+)$/, (ctx, id) => issuePage(ctx, id)],
];

function redirect(target) {
    location.replace(target);
}

function adminOnly(ctx, render) {
    if (session.role === 'admin') {
        return render();
    }
    ctx.show(h('section', {class: 'card notice-card', id: 'admin-only'},
        h('h1', null, 'Organisation admins only'),
        h('p', null, 'Webhooks and their deliveries are managed with an organisation admin key. The key you signed in with '
            + 'is a member key (or scoped to a team): it can read issues and comment on them.'),
        h('p', null, h('a', {href: '#/issues'}, 'Go to the issues'))));
    return undefined;
}

/** The current route as path and query: '#/webhooks/x?status=failed' gives '/webhooks/x' and {status: 'failed'}. */
function currentRoute() {
    const raw = location.hash.replace(/^#/, '') || '/';
    const q = raw.indexOf('?');
    const path = q < 0 ? raw : raw.slice(0, q);
    const query = Object.fromEntries(new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)));
    return {path, query};
}

/** The context a page renders with. */
function context(number, path, query) {
    return {
        query,
        path,
        role: session.role,
        isAdmin: session.role === 'admin',
        current: () => number === generation,
        /** Replaces the page's content, unless the user has moved on. */
        show(...nodes) {
            if (number === generation) {
                replace(view, ...nodes);
            }
        },
        /** Navigates to a route (keeping history). */
        go(target) {
            if (location.hash === target) {
                route();
            } else {
                location.hash = target;
            }
        },
        /** Runs fn every ms milliseconds while this page is shown. */
        every(ms, fn) {
            const id = setInterval(() => {
                if (number === generation) {
                    fn();
                } else {
                    clearInterval(id);
                }
            }, ms);
            timers.push(id);
        },
        reload: () => route(),
    };
}

async function route() {
    const number = ++generation;
    timers.forEach(clearInterval);
    timers = [];
    for (const dialog of document.querySelectorAll('dialog')) {
        dialog.close();
    }
    showPendingFlash();
    const routeHash = location.hash;
    const {path, query} = currentRoute();
    if (!apiKey()) {
        showShell(false);
        renderSignIn(null);
        return;
    }
    if (!session.role) {
        replace(view, loading('Checking your key…'));
        try {
            session.role = await roleOf(apiKey());
        } catch (e) {
            if (number !== generation) {
                return;
            }
            if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
                signOut();
                showShell(false);
                renderSignIn(e);
            } else {
                replace(view, errorBox(e, 'Could not check your key.'),
                    h('p', null, h('button', {type: 'button', class: 'button', onclick: () => route()}, 'Try again')));
            }
            return;
        }
        if (number !== generation) {
            return;
        }
    }
    showShell(true);
    markNav(path);
    const ctx = context(number, path, query);
    for (const [pattern, render] of routes) {
        const match = pattern.exec(path);
        if (match) {
            replace(view, loading());
            view.removeAttribute('data-route');
            view.focus({preventScroll: true});
            try {
                await render(ctx, ...match.slice(1).map(decodeURIComponent));
            } catch (e) {
                ctx.show(errorBox(e));
            }
            if (number === generation && location.hash === routeHash) {
                // The page is drawn (its own sections may still be loading): tests wait for this.
                view.dataset.route = routeHash;
            }
            return;
        }
    }
    replace(view, h('section', {class: 'card'}, h('h1', null, 'Not found'),
        h('p', null, 'The console has no page here. '), h('a', {href: '#/'}, 'Home')));
}

function showShell(signedIn) {
    document.getElementById('nav').hidden = !signedIn;
    document.getElementById('who').hidden = !signedIn;
    document.getElementById('nav-webhooks').hidden = !(signedIn && session.role === 'admin');
    const who = document.getElementById('who-text');
    who.replaceChildren();
    if (signedIn) {
        who.append(h('span', {class: 'key-prefix', title: 'The first characters of your API key'}, keyPrefix(apiKey())), ' ',
            h('span', {class: ['badge', session.role === 'admin' ? 'badge-ok' : 'badge-off'], id: 'role'},
                session.role === 'admin' ? 'organisation admin' : 'member'));
    }
}

function markNav(path) {
    for (const a of document.querySelectorAll('#nav a')) {
        const target = a.getAttribute('href').slice(1);
        if (path === target || path.startsWith(target + '/')) {
            a.setAttribute('aria-current', 'page');
        } else {
            a.removeAttribute('aria-current');
        }
    }
}

function renderSignIn(error) {
    const input = h('input', {type: 'password', id: 'api-key', name: 'api-key', autocomplete: 'off', spellcheck: 'false',
        required: true, placeholder: 'ihk_…', 'aria-describedby': 'api-key-help'});
    const message = h('div', {class: 'form-error'}, error ? errorBox(error, 'Sign-in failed:') : null);
    const submit = h('button', {type: 'submit', class: 'button', id: 'sign-in'}, 'Sign in');
    // method=post and no action: even without this script the key could never end up in a URL (and the CSP's
    // form-action 'none' stops any submission).
    const form = h('form', {class: 'form', method: 'post', id: 'sign-in-form'},
        h('label', {class: 'field', for: 'api-key'}, h('span', null, 'API key')),
        input,
        h('p', {class: 'help', id: 'api-key-help'}, 'A service-account key of your organisation. It is kept in this tab only '
            + '(session storage) and forgotten when you sign out or close the tab.'),
        h('div', {class: 'form-actions'}, submit),
        message);
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const key = input.value.trim();
        if (!key) {
            replace(message, errorBox(new Error('Enter an API key.')));
            return;
        }
        submit.disabled = true;
        replace(message, loading('Checking your key…'));
        try {
            const role = await roleOf(key);
            signIn(key);
            session.role = role;
            input.value = '';
            route();
        } catch (e) {
            replace(message, errorBox(e, 'Sign-in failed:'));
        } finally {
            submit.disabled = false;
        }
    });
    replace(view, h('section', {class: 'card signin', id: 'signin'}, h('h1', null, 'Sign in to Issuehooks'), form));
    input.focus();
}

document.getElementById('sign-out').addEventListener('click', () => {
    signOut();
    session.role = null;
    replace(view);
    flash('You are signed out; your key was removed from this tab.', 'ok', true);
    if (location.hash === '' || location.hash === '#/') {
        route();
    } else {
        location.hash = '#/';
    }
});

onUnauthorized((error) => {
    signOut();
    session.role = null;
    flash('Signed out: ' + error.message, 'bad', true);
    route();
});

window.addEventListener('hashchange', route);
route();
