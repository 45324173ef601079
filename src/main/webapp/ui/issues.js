// Issues: the list with the API's filters (status, severity, team) and pages, and one issue with its history, its
// comments and a form to add one. Any organisation key may do all of this.

import {api, teams} from './api.js';
import {h, link, hash, time, fieldList, replace} from './dom.js';
import {button, empty, errorBox, flash, formSection, pageHeader, pager, select, severityBadge,
    statusBadge} from './components.js';

const STATUSES = ['open', 'fixed', 'false_positive', 'ignored'];
const SEVERITIES = ['critical', 'high', 'medium', 'low'];

function teamName(byId, teamId) {
    if (!teamId) {
        return h('span', {class: 'muted'}, '—');
    }
    const team = byId.get(teamId);
    return team ? team.name : teamId;
}

export async function issueList(ctx) {
    const q = ctx.query;
    const limit = q.limit || 25;
    const [page, byId] = await Promise.all([
        api.get('issues', {status: q.status, severity: q.severity, teamId: q.teamId, limit, cursor: q.cursor}),
        teams()]);
    const filter = (changes) => ctx.go(hash('issues',
        {status: q.status, severity: q.severity, teamId: q.teamId, limit: q.limit, ...changes}));
    const rows = page.data.map((i) => h('tr', {dataset: {id: i.id}},
        h('td', null, time(i.createdAt)),
        h('td', {class: 'plugin'}, link(i.pluginId, ['issues', i.id])),
        h('td', {class: 'weakness'}, i.weakness === null ? h('span', {class: 'muted'}, '—') : i.weakness),
        h('td', {class: 'severity'}, severityBadge(i.severity)),
        h('td', {class: 'status'}, statusBadge(i.status)),
        h('td', null, teamName(byId, i.teamId)),
        h('td', {class: 'target'}, i.targetId === null ? h('span', {class: 'muted'}, '—') : i.targetId)));
    const filtered = q.status || q.severity || q.teamId;
    ctx.show(
        pageHeader('Issues', button('Refresh', () => ctx.reload(), {class: 'button secondary', id: 'refresh'})),
        h('div', {class: 'filters'},
            select('Status', 'status', [['', 'Any status'], ...STATUSES.map((s) => [s, s])], q.status, (v) => filter({status: v})),
            select('Severity', 'severity', [['', 'Any severity'], ...SEVERITIES.map((s) => [s, s])], q.severity,
                (v) => filter({severity: v})),
            byId.size > 0 ? select('Team', 'teamId', [['', 'Any team'], ...[...byId.values()].map((t) => [t.id, t.name])],
                q.teamId, (v) => filter({teamId: v})) : null,
            select('Per page', 'limit', [...new Set(['10', '25', '50', '100', String(limit)])].map((n) => [n, n]), String(limit),
                (v) => filter({limit: v}))),
        page.data.length === 0 && !q.cursor
            ? empty(filtered ? 'No issues match these filters.' : 'No issues yet. Issues recorded through the API appear here.')
            : h('div', {class: 'table-wrap'}, h('table', {class: 'table', id: 'issues'},
                h('thead', null, h('tr', null,
                    ['Created', 'Plugin', 'Weakness', 'Severity', 'Status', 'Team', 'Target'].map((t) => h('th', null, t)))),
                h('tbody', null, rows))),
        pager('issues:' + q.status + ':' + q.severity + ':' + q.teamId + ':' + limit, q.cursor, page.nextCursor,
            (cursor) => filter({cursor})));
}

export async function issuePage(ctx, id) {
    const [issue, comments, byId] = await Promise.all([api.get('issues/' + id),
        api.get('issues/' + id + '/comments', {limit: 100}), teams()]);

    const commentList = h('ol', {class: 'comments', id: 'comments'});
    const more = h('div', {class: 'more'});
    function addComments(page) {
        for (const c of page.data) {
            commentList.append(comment(c));
        }
        replace(more, page.nextCursor ? button('Load more comments', async (event) => {
            event.target.disabled = true;
            try {
                addComments(await api.get('issues/' + id + '/comments', {limit: 100, cursor: page.nextCursor}));
            } catch (e) {
                replace(more, errorBox(e));
            }
        }, {class: 'button secondary'}) : null);
    }
    addComments(comments);

    const textarea = h('textarea', {id: 'comment-body', name: 'body', rows: 4, maxlength: 20000, required: true,
        placeholder: 'Reproduced on staging…'});
    const form = formSection('Add a comment', [h('label', {class: 'field', for: 'comment-body'}, h('span', null, 'Comment')),
        textarea], 'Add comment', async () => {
        await api.post('issues/' + id + '/comments', {body: textarea.value});
        flash('Comment added.', 'ok', true);
        ctx.reload();
    });
    form.id = 'comment-form';

    ctx.show(
        h('nav', {class: 'crumbs'}, link('Issues', 'issues'), ' / ', issue.pluginId),
        pageHeader(issue.pluginId),
        h('section', {class: 'card', id: 'issue'}, fieldList([
            ['Weakness', issue.weakness, {class: 'weakness'}],
            ['Severity', severityBadge(issue.severity)],
            ['Status', statusBadge(issue.status)],
            ['Plugin', h('code', {class: 'plugin'}, issue.pluginId)],
            ['Team', teamName(byId, issue.teamId)],
            ['Target', issue.targetId, {class: 'target'}],
            ['Provider', issue.providerId, {class: 'provider'}],
            ['Issue id', h('code', null, issue.id)],
            ['Created', time(issue.createdAt)],
            ['Updated', time(issue.updatedAt)],
        ])),
        h('section', {class: 'card', id: 'history'}, h('h2', null, 'History'),
            issue.history.length === 0 ? empty('No history.') : h('ol', {class: 'history'}, issue.history.map(historyEntry))),
        h('section', {class: 'card', id: 'comments-card'}, h('h2', null, 'Comments'),
            comments.data.length === 0 ? empty('No comments yet.') : null, commentList, more),
        form);
}

function historyEntry(e) {
    return h('li', {class: 'history-entry'},
        h('div', {class: 'history-head'}, time(e.timestamp), ' ', h('code', {class: 'event'}, e.event),
            h('span', {class: 'muted'}, e.userId ? ' by service account ' + e.userId : ' by Issuehooks')),
        e.changes.length ? h('ul', {class: 'changes'}, e.changes.map((c) => h('li', null, c))) : null);
}

function comment(c) {
    return h('li', {class: 'comment', dataset: {id: c.id}},
        h('div', {class: 'comment-head'}, time(c.createdAt),
            h('span', {class: 'muted'}, c.authorId ? ' by service account ' + c.authorId : '')),
        h('div', {class: 'comment-body'}, c.body));
}
