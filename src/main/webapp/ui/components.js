// Pieces every page uses: loading, empty and error states, badges, filters, the pager, notices and dialogs.

import {h, append} from './dom.js';

export function loading(text = 'Loading…') {
    return h('p', {class: 'loading', role: 'status'}, text);
}

export function empty(text) {
    return h('p', {class: 'empty'}, text);
}

/** An error in words: the API's problem detail (or any error's message). */
export function errorBox(error, prefix) {
    const message = error && error.message ? error.message : String(error);
    return h('div', {class: 'error', role: 'alert'},
        prefix ? h('strong', null, prefix + ' ') : null,
        message,
        error && error.status ? h('span', {class: 'status-code'}, ' (HTTP ' + error.status + ')') : null);
}

export function badge(text, kind) {
    return h('span', {class: ['badge', kind ? 'badge-' + kind : null]}, text);
}

export function statusBadge(status) {
    const kinds = {succeeded: 'ok', failed: 'bad', pending: 'warn', open: 'warn', fixed: 'ok', false_positive: 'off', ignored: 'off'};
    return badge(status, kinds[status] || null);
}

export function severityBadge(severity) {
    const kinds = {critical: 'bad', high: 'bad', medium: 'warn', low: 'off'};
    return badge(severity, kinds[severity] || null);
}

/** A page title with optional actions on its right. */
export function pageHeader(title, ...actions) {
    return h('div', {class: 'page-header'}, h('h1', null, title), h('div', {class: 'actions'}, actions));
}

export function button(text, onclick, props) {
    return h('button', {type: 'button', class: 'button', ...(props || {}), onclick}, text);
}

/**
 * A labelled select: options are [value, text] pairs; onchange gets the new value.
 */
export function select(label, name, options, value, onchange, props) {
    const el = h('select', {name, id: 'filter-' + name, ...(props || {})},
        options.map(([v, text]) => h('option', {value: v, selected: String(v) === String(value ?? '')}, text)));
    if (onchange) {
        el.addEventListener('change', () => onchange(el.value));
    }
    return h('label', {class: 'field inline'}, h('span', null, label), el);
}

/**
 * Keyset paging: the API gives only the next page's cursor, so the pages seen before are remembered here (per list
 * and filter) to go back. Returns the pager element.
 */
const trails = new Map();

export function pager(listKey, cursor, nextCursor, go) {
    let trail = trails.get(listKey);
    if (!trail) {
        trail = [];
        trails.clear();
        trails.set(listKey, trail);
    }
    // A cursor that is not where the trail says we are (a reload, a typed URL): the trail no longer applies.
    if (!cursor) {
        trail.length = 0;
    }
    const previous = trail.length > 0;
    return h('div', {class: 'pager'},
        cursor ? button('First page', () => {
            trail.length = 0;
            go(null);
        }, {class: 'button secondary', 'data-page': 'first'}) : null,
        button('Previous page', () => go(trail.pop() || null), {class: 'button secondary', disabled: !previous, 'data-page': 'previous'}),
        button('Next page', () => {
            trail.push(cursor || null);
            go(nextCursor);
        }, {class: 'button secondary', disabled: !nextCursor, 'data-page': 'next'}));
}

// ---- Notices ---------------------------------------------------------------------------------------------------

let pendingFlash = null;

/** A notice shown now, or on the next page when keep is true (after a navigation). */
export function flash(message, kind = 'ok', keep = false) {
    if (keep) {
        pendingFlash = {message, kind};
        return;
    }
    showFlash(message, kind);
}

export function showPendingFlash() {
    const area = document.getElementById('flash');
    area.replaceChildren();
    if (pendingFlash) {
        showFlash(pendingFlash.message, pendingFlash.kind);
        pendingFlash = null;
    }
}

function showFlash(message, kind) {
    const area = document.getElementById('flash');
    const note = h('div', {class: ['flash', 'flash-' + kind]}, h('span', {class: 'flash-text'}, message),
        h('button', {type: 'button', class: 'flash-close', 'aria-label': 'Dismiss', onclick: () => note.remove()}, '×'));
    area.replaceChildren(note);
}

// ---- Dialogs ---------------------------------------------------------------------------------------------------

/** A modal dialog that removes itself from the document when it closes. */
function modal(className, ...content) {
    const dialog = h('dialog', {class: ['dialog', className]}, content);
    dialog.addEventListener('close', () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
    return dialog;
}

/** Asks before doing something that cannot be undone. Resolves to true when confirmed. */
export function confirmDialog(title, message, confirmText, danger = true) {
    return new Promise((resolve) => {
        let confirmed = false;
        const dialog = modal('confirm-dialog',
            h('h2', null, title),
            h('p', null, message),
            h('div', {class: 'dialog-actions'},
                button('Cancel', () => dialog.close(), {class: 'button secondary', 'data-action': 'cancel'}),
                button(confirmText, () => {
                    confirmed = true;
                    dialog.close();
                }, {class: danger ? 'button danger' : 'button', 'data-action': 'confirm'})));
        dialog.addEventListener('close', () => resolve(confirmed));
    });
}

/**
 * Shows a webhook secret once, with a copy button. The secret exists only in this dialog's text node; closing the
 * dialog (button or Escape) removes the dialog, and with it the secret, from the document.
 */
export function secretDialog(title, secret, explanation) {
    return new Promise((resolve) => {
        const value = h('code', {class: 'secret-value', id: 'secret-value'}, secret);
        const status = h('span', {class: 'copy-status', role: 'status'});
        const copy = button('Copy', async () => {
            try {
                await navigator.clipboard.writeText(value.textContent);
                status.textContent = 'Copied to the clipboard.';
            } catch {
                const range = document.createRange();
                range.selectNodeContents(value);
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                status.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
            }
        }, {id: 'copy-secret'});
        const dialog = modal('secret-dialog',
            h('h2', null, title),
            h('p', null, explanation),
            h('p', {class: 'warning'}, 'This is the only time the secret is shown. Store it now.'),
            h('div', {class: 'secret-row'}, value, copy),
            status,
            h('div', {class: 'dialog-actions'},
                button('Done, I stored it', () => dialog.close(), {'data-action': 'close'})));
        dialog.addEventListener('close', () => resolve());
    });
}

/** A form in a section, with its own error area: submit(values) runs with the button disabled. */
export function formSection(title, fields, submitText, submit) {
    const error = h('div', {class: 'form-error'});
    const submitButton = h('button', {type: 'submit', class: 'button'}, submitText);
    const form = h('form', {class: 'form', method: 'post', novalidate: true}, fields,
        h('div', {class: 'form-actions'}, submitButton), error);
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        error.replaceChildren();
        submitButton.disabled = true;
        try {
            await submit(form);
        } catch (e) {
            error.replaceChildren(errorBox(e));
        } finally {
            submitButton.disabled = false;
        }
    });
    return append(h('section', {class: 'card'}, title ? h('h2', null, title) : null), form);
}
