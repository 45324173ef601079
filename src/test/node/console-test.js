#!/usr/bin/env node
// Drives the Issuehooks web console (/ui/) in a real headless Chromium against a running server, step by step, and
// exits non-zero at the first failure. ConsoleIT runs it against the integration-test server; it also runs by hand:
//
//   CONSOLE_ADMIN_KEY=ihk_... CONSOLE_MEMBER_KEY=ihk_... node console-test.js --base http://127.0.0.1:8080 \
//     --ok-url http://127.0.0.1:9000/ok --fail-url http://127.0.0.1:9000/failing --fail-body 'boom' \
//     --screenshots ../../../target/console-screenshots [--chromium /usr/bin/chromium] [--timeout-ms 300000]
//
// Every option can also be given as an environment variable: CONSOLE_BASE_URL, CONSOLE_ADMIN_KEY, CONSOLE_MEMBER_KEY,
// CONSOLE_OK_URL, CONSOLE_FAIL_URL, CONSOLE_FAIL_BODY, CONSOLE_SCREENSHOTS, CHROMIUM_PATH, CONSOLE_TIMEOUT_MS. Keys are
// better passed in the environment (the process list shows arguments). The ok URL must answer 2xx, the fail URL 500
// with the fail body; both must be allowed webhook destinations of the server. Keys and secrets are never printed.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const {chromium} = require('playwright-core');

// ---- Options -------------------------------------------------------------------------------------------------

function options() {
    const args = {};
    const argv = process.argv.slice(2);
    for (let i = 0; i < argv.length; i++) {
        const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
        if (!m) {
            throw new Error('Unexpected argument ' + argv[i]);
        }
        args[m[1]] = m[2] !== undefined ? m[2] : argv[++i];
    }
    const pick = (name, env, fallback) => {
        const v = args[name] !== undefined ? args[name] : process.env[env] !== undefined ? process.env[env] : fallback;
        if (v === undefined || v === '') {
            throw new Error('Missing --' + name + ' (or ' + env + ')');
        }
        return v;
    };
    return {
        base: pick('base', 'CONSOLE_BASE_URL').replace(/\/+$/, ''),
        adminKey: pick('admin-key', 'CONSOLE_ADMIN_KEY'),
        memberKey: pick('member-key', 'CONSOLE_MEMBER_KEY'),
        okUrl: pick('ok-url', 'CONSOLE_OK_URL'),
        failUrl: pick('fail-url', 'CONSOLE_FAIL_URL'),
        failBody: pick('fail-body', 'CONSOLE_FAIL_BODY', ''),
        screenshots: path.resolve(pick('screenshots', 'CONSOLE_SCREENSHOTS', 'console-screenshots')),
        chromium: pick('chromium', 'CHROMIUM_PATH', '/usr/bin/chromium'),
        timeoutMs: Number(pick('timeout-ms', 'CONSOLE_TIMEOUT_MS', '300000')),
    };
}

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'];

/** How long one expectation waits (the server delivers within a second or two; retries are 0s, 1s, 2s). */
const WAIT = 30_000;

/** Text that would run script if the console ever parsed data as HTML. */
const XSS = {
    script: '<script>window.__xss=1</script>',
    img: '<img src=x onerror="window.__xss=1">',
    svg: '"><svg onload="window.__xss=1"></svg>',
};

const ISSUEHOOKS_KEY_STORAGE = 'issuehooks.apiKey';

// ---- Small helpers -------------------------------------------------------------------------------------------

function log(line) {
    process.stdout.write('[console-test] ' + line + '\n');
}

function assert(condition, message) {
    if (!condition) {
        throw new Error('Assertion failed: ' + message);
    }
}

function assertEqual(actual, expected, what) {
    if (actual !== expected) {
        throw new Error('Assertion failed: ' + what + ': expected ' + JSON.stringify(expected) + ' but was '
            + JSON.stringify(actual));
    }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls fn until it returns a truthy value; the value is returned. */
async function until(what, fn, timeout = WAIT, interval = 250) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
        try {
            const v = await fn();
            if (v) {
                return v;
            }
            last = v;
        } catch (e) {
            last = e;
        }
        if (Date.now() > deadline) {
            throw new Error('Timed out after ' + timeout + ' ms waiting for ' + what
                + (last instanceof Error ? ' (last error: ' + last.message + ')' : ''));
        }
        await sleep(interval);
    }
}

let stepNumber = 0;

async function step(name, fn) {
    stepNumber++;
    const started = Date.now();
    log('STEP ' + stepNumber + ': ' + name);
    try {
        await fn();
    } catch (e) {
        e.step = stepNumber + ' (' + name + ')';
        throw e;
    }
    log('  ok, ' + (Date.now() - started) + ' ms');
}

// ---- The run -------------------------------------------------------------------------------------------------

async function main() {
    const o = options();
    fs.mkdirSync(o.screenshots, {recursive: true});
    assert(fs.existsSync(o.chromium), 'Chromium not found at ' + o.chromium + ' (apt-get install -y chromium)');

    let browser = null;
    let page = null;
    let timedOut = false;
    const timer = setTimeout(async () => {
        timedOut = true;
        log('FAILED: the whole run took longer than ' + o.timeoutMs + ' ms (step ' + stepNumber + ')');
        const force = setTimeout(() => process.exit(3), 10_000);
        force.unref();
        try {
            if (browser) {
                await browser.close();
            }
        } finally {
            process.exit(3);
        }
    }, o.timeoutMs);

    const started = Date.now();
    try {
        log('Chromium ' + o.chromium + ', server ' + o.base + ', screenshots in ' + o.screenshots);
        browser = await chromium.launch({executablePath: o.chromium, headless: true, args: CHROMIUM_ARGS, timeout: 60_000});
        log('Browser ' + browser.version());
        const run = new Run(o, browser);
        try {
            await run.all();
            page = null;
        } catch (e) {
            page = run.page;
            throw e;
        }
        log('PASSED: ' + stepNumber + ' steps in ' + ((Date.now() - started) / 1000).toFixed(1) + ' s');
    } catch (e) {
        if (!timedOut) {
            log('FAILED at step ' + (e.step || stepNumber) + ': ' + (e && e.stack ? e.stack : e));
            if (page) {
                try {
                    await page.screenshot({path: path.join(o.screenshots, 'failure.png'), fullPage: true, timeout: 10_000});
                    log('Screenshot of the failure: ' + path.join(o.screenshots, 'failure.png'));
                } catch {
                    // no screenshot then
                }
            }
        }
        process.exitCode = 1;
    } finally {
        clearTimeout(timer);
        if (browser && !timedOut) {
            await browser.close().catch(() => {});
        }
    }
}

class Run {
    constructor(o, browser) {
        this.o = o;
        this.browser = browser;
        this.startedAt = new Date();
        this.secrets = [];
        this.pageErrors = [];
        this.consoleMessages = [];
        this.urls = [];
        this.requests = [];
        this.shots = 0;
    }

    // -- API calls the test makes itself (set-up and cross-checks) --

    async api(method, p, key, body) {
        const headers = {Authorization: 'Bearer ' + key, Accept: 'application/json'};
        if (body !== undefined) {
            headers['Content-Type'] = 'application/json';
        }
        const r = await fetch(this.o.base + '/api/v1/' + p, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
        const text = await r.text();
        return {status: r.status, json: text && (r.headers.get('content-type') || '').includes('json') ? JSON.parse(text) : null, text};
    }

    async apiOk(method, p, body) {
        const r = await this.api(method, p, this.o.adminKey, body);
        assert(r.status >= 200 && r.status < 300, method + ' ' + p + ' answered ' + r.status + ' ' + r.text);
        return r.json;
    }

    // -- Browser plumbing --

    async newContext(extra) {
        const context = await this.browser.newContext({
            viewport: {width: 1280, height: 900},
            timezoneId: 'UTC',
            locale: 'en-GB',
            permissions: ['clipboard-read', 'clipboard-write'],
            ...(extra || {}),
        });
        context.setDefaultTimeout(WAIT);
        // Records Content-Security-Policy violations: the console must cause none (no inline script or style).
        await context.addInitScript(() => {
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', (e) => {
                window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || ''));
            });
        });
        return context;
    }

    watch(page) {
        page.on('pageerror', (e) => this.pageErrors.push(String(e && e.stack ? e.stack : e)));
        page.on('console', (m) => this.consoleMessages.push(m.type() + ': ' + m.text()));
        page.on('framenavigated', (f) => {
            if (f === page.mainFrame()) {
                this.urls.push(f.url());
            }
        });
        page.on('request', (r) => this.requests.push({url: r.url(), headers: r.headers()}));
    }

    async screenshot(name) {
        this.shots++;
        const file = path.join(this.o.screenshots, name + '.png');
        await this.page.screenshot({path: file, fullPage: true});
        log('  screenshot ' + file);
    }

    /** Navigates to a route and waits until its page is drawn. */
    async go(hash) {
        await this.page.evaluate((h) => {
            location.hash = h;
        }, hash);
        await this.ready(hash);
    }

    /** Waits until the console has drawn the page of the current route (or of this one, when given). */
    async ready(hash) {
        await until('the page of ' + (hash || 'the route') + ' to be drawn', () => this.page.evaluate((h) =>
            (!h || location.hash === h) && document.getElementById('view').dataset.route === location.hash, hash || null));
    }

    /** Waits until the route matches (after a filter changed it) and its page is drawn. */
    async routed(pattern) {
        await until('the route to match ' + pattern, async () => pattern.test(await this.hash()));
        await this.ready();
    }

    deliveryRows() {
        return this.page.locator('#deliveries-table tbody tr').evaluateAll((rows) =>
            rows.map((r) => ({id: r.dataset.id, status: r.dataset.status, event: r.cells[1].textContent,
                attempts: Number(r.querySelector('td.attempts').textContent)})));
    }

    hash() {
        return this.page.evaluate(() => location.hash);
    }

    /** Waits until the text of the first match contains expected (a string or a RegExp); returns the text. */
    async text(selector, expected, timeout = WAIT) {
        const loc = this.page.locator(selector).first();
        return until(selector + ' to contain ' + expected, async () => {
            const t = await loc.textContent({timeout: 1000});
            if (t === null) {
                return false;
            }
            return (expected instanceof RegExp ? expected.test(t) : t.includes(expected)) ? t : false;
        }, timeout);
    }

    async visible(selector) {
        await this.page.locator(selector).first().waitFor({state: 'visible'});
    }

    async gone(selector) {
        await this.page.locator(selector).first().waitFor({state: 'detached'});
    }

    /** Nothing ran from data, no element came from data, the CSP was never violated, no script error. */
    async assertSafe(where, page = this.page) {
        const state = await page.evaluate(() => ({
            xss: typeof window.__xss,
            csp: window.__cspViolations || [],
            injected: document.querySelectorAll('main img, main svg, main iframe, main object, main embed, script:not([src])').length,
        }));
        assertEqual(state.xss, 'undefined', where + ': window.__xss (no script from data ran)');
        assertEqual(state.injected, 0, where + ': elements from data (img, svg, iframe, inline script)');
        assertEqual(state.csp.join(' | '), '', where + ': Content-Security-Policy violations');
        assertEqual(this.pageErrors.join('\n'), '', where + ': script errors in the page');
    }

    /** Clicks the Refresh button until selector matches something. */
    async refreshUntil(selector, refreshButton, what, timeout = WAIT) {
        await until(what, async () => {
            if (await this.page.locator(selector).count() > 0) {
                return true;
            }
            await this.page.locator(refreshButton).click();
            await sleep(400);
            return (await this.page.locator(selector).count()) > 0;
        }, timeout, 300);
    }

    /** The id of the webhook whose page is shown (waits for the page). */
    async webhookId() {
        const m = await until('a webhook page', async () => /^#\/webhooks\/([0-9a-f-]{36})$/.exec(await this.hash()));
        await this.ready();
        return m[1];
    }

    async readSecretDialog(title) {
        await this.visible('dialog.secret-dialog');
        await this.text('dialog.secret-dialog h2', title);
        const secret = (await this.page.locator('#secret-value').textContent()).trim();
        assert(/^whsec_[A-Za-z0-9+/]{43}=$/.test(secret), 'the secret looks like whsec_ and 32 bytes of base64');
        this.secrets.push(secret);
        return secret;
    }

    async closeSecretDialog(secret) {
        await this.page.locator('dialog.secret-dialog [data-action=close]').click();
        await this.gone('dialog.secret-dialog');
        const html = await this.page.content();
        assert(!html.includes(secret), 'the secret is gone from the document once its dialog is closed');
        const bodyText = await this.page.evaluate(() => document.body.innerText);
        assert(!bodyText.includes(secret), 'the secret is not shown anywhere once its dialog is closed');
    }

    // -- The steps --

    async all() {
        const o = this.o;
        let okId;
        let failId;
        let demoIssue;
        let firstSecret;
        let deliveryId;

        await step('the console is served with a strict Content-Security-Policy and security headers', async () => {
            const r = await fetch(o.base + '/ui/', {redirect: 'manual'});
            assertEqual(r.status, 200, 'GET /ui/ status');
            assert((r.headers.get('content-type') || '').startsWith('text/html'), 'GET /ui/ is HTML');
            assertEqual(r.headers.get('content-security-policy'), "default-src 'none'; script-src 'self'; style-src 'self'; "
                + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            'Content-Security-Policy of /ui/');
            assertEqual(r.headers.get('x-content-type-options'), 'nosniff', 'X-Content-Type-Options');
            assertEqual(r.headers.get('referrer-policy'), 'no-referrer', 'Referrer-Policy');
            assertEqual(r.headers.get('cache-control'), 'no-store', 'Cache-Control');
            const html = await r.text();
            assert(/<script type="module" src="app.js"><\/script>/.test(html), 'index.html loads app.js as a module');
            assert(!/<script(?![^>]*\ssrc=)[^>]*>/i.test(html), 'no inline script in index.html');
            assert(!/\sstyle\s*=|<style/i.test(html), 'no inline style in index.html');
            const bare = await fetch(o.base + '/ui', {redirect: 'manual'});
            log('  GET /ui answers ' + bare.status + (bare.headers.get('location') ? ' to ' + bare.headers.get('location') : ''));
            const js = await fetch(o.base + '/ui/app.js');
            assertEqual(js.status, 200, 'GET /ui/app.js status');
            assert(/javascript/.test(js.headers.get('content-type') || ''), 'app.js is served as JavaScript');
            assert(js.headers.get('content-security-policy'), 'app.js has the CSP too');
        });

        const context = await this.newContext();
        this.context = context;
        this.page = await context.newPage();
        this.watch(this.page);
        const page = this.page;

        await step('sign in: a wrong key is refused in words', async () => {
            await page.goto(o.base + '/ui/');
            await this.visible('#sign-in-form');
            await this.screenshot('01-sign-in');
            await page.locator('#api-key').fill('ihk_' + 'x'.repeat(43));
            await page.locator('#sign-in').click();
            await this.text('#sign-in-form .error', 'The API key is not valid');
            assertEqual(await page.evaluate((k) => sessionStorage.getItem(k), ISSUEHOOKS_KEY_STORAGE), null,
                'nothing stored for a refused key');
        });

        await step('sign in with an organisation admin key: the key is in sessionStorage only', async () => {
            await page.locator('#api-key').fill(o.adminKey);
            await page.locator('#sign-in').click();
            await this.text('#role', 'organisation admin');
            await this.text('main h1', 'Webhooks');
            assertEqual(await this.hash(), '#/webhooks', 'an admin lands on the webhooks');
            const storage = await page.evaluate((k) => ({
                session: sessionStorage.getItem(k), local: localStorage.length, cookie: document.cookie, url: location.href,
            }), ISSUEHOOKS_KEY_STORAGE);
            assertEqual(storage.session === o.adminKey, true, 'the key is in sessionStorage');
            assertEqual(storage.local, 0, 'localStorage is empty');
            assertEqual(storage.cookie, '', 'no cookie');
            assert(!storage.url.includes(o.adminKey), 'the key is not in the URL');
            assertEqual((await context.cookies()).length, 0, 'no cookies at all');
            await this.visible('#nav-webhooks');
            await this.text('main .empty', 'No webhooks yet');
            await this.screenshot('02-webhooks-empty');
            await this.assertSafe('empty webhook list');
        });

        await step('create a webhook: a refused URL is explained with the API\'s detail', async () => {
            await page.locator('#new-webhook').click();
            await this.visible('#webhook-form');
            assertEqual(await page.locator('#webhook-form input[name=events]:checked').count(), 5, 'all five events preselected');
            assertEqual(await page.locator('#webhook-form input[name=events]').count(), 8, 'the operational events offered too');
            assertEqual(await page.locator('#webhook-form input[name=events][value="webhook.disabled"]:checked').count(), 0,
                'operational events only when chosen');
            await page.locator('#webhook-name').fill('SIEM (console test)');
            await page.locator('#webhook-url').fill('ftp://siem.example.com/hooks');
            await page.locator('#webhook-form button[type=submit]').click();
            await this.text('#webhook-form .error', /^url: /);
            await this.text('#webhook-form .error', 'HTTP 400');
        });

        await step('create a webhook: its secret is shown once, can be copied, and is gone after closing', async () => {
            await page.locator('#webhook-url').fill(o.okUrl);
            await page.locator('#webhook-form button[type=submit]').click();
            firstSecret = await this.readSecretDialog('Webhook created');
            await page.locator('#copy-secret').click();
            await this.text('dialog.secret-dialog .copy-status', /Copied|Selected/);
            const copied = await page.evaluate(() => navigator.clipboard.readText().catch(() => null));
            if (copied !== null) {
                assertEqual(copied === firstSecret, true, 'the clipboard holds the secret');
            } else {
                log('  (the clipboard cannot be read in this browser; checked the copy status only)');
            }
            await this.screenshot('03-webhook-created-secret');
            await this.closeSecretDialog(firstSecret);
            okId = await this.webhookId();
            await this.text('#flash', 'created');
            await this.text('main h1', 'SIEM (console test)');
            const w = await this.apiOk('GET', 'webhooks/' + okId);
            assertEqual(w.url, o.okUrl, 'the webhook\'s URL');
            assertEqual(w.events.length, 5, 'the webhook\'s events');
            await this.assertSafe('new webhook page');
        });

        await step('an issue created through the API is delivered: the console shows it succeeded', async () => {
            demoIssue = (await this.apiOk('POST', 'issues', {pluginId: 'prompt-injection', severity: 'high',
                weakness: 'Prompt Injection', targetId: 'target-1', providerId: 'openai:gpt-4o'})).id;
            await this.refreshUntil('#deliveries-table tr[data-status=succeeded]', '#refresh-deliveries',
                'the delivery to be listed as succeeded');
            const row = page.locator('#deliveries-table tr[data-status=succeeded]').first();
            assertEqual((await row.locator('td').nth(1).textContent()).trim(), 'issue.created', 'the delivery\'s event');
            assertEqual((await row.locator('td.last-result').textContent()).trim(), 'HTTP 200', 'the delivery\'s result');
            assertEqual((await row.locator('td.attempts').textContent()).trim(), '1', 'the delivery\'s attempts');
            await this.screenshot('04-webhook-deliveries');
        });

        await step('a delivery shows the exact request headers and body of its attempt', async () => {
            await page.locator('#deliveries-table tr[data-status=succeeded] a.view-delivery').first().click();
            await this.visible('#delivery-summary');
            const m = /deliveries\/([0-9a-f-]{36})$/.exec(await this.hash());
            assert(m, 'on a delivery page');
            deliveryId = m[1];
            const detail = await this.apiOk('GET', 'webhooks/' + okId + '/deliveries/' + deliveryId);
            assertEqual(await page.locator('#request-body').textContent(), detail.body, 'the body shown is the exact body sent');
            const body = JSON.parse(detail.body);
            assertEqual(body.event, 'issue.created', 'payload event');
            assertEqual(body.data.issue.id, demoIssue, 'payload issue');
            const shown = await page.locator('#attempts .attempt[data-number="1"] table.headers tbody tr').evaluateAll((rows) =>
                Object.fromEntries(rows.map((r) => [r.cells[0].textContent, r.cells[1].textContent])));
            assertEqual(JSON.stringify(shown), JSON.stringify(detail.attempts[0].requestHeaders), 'the headers shown are the headers sent');
            assertEqual(shown['webhook-id'], deliveryId, 'webhook-id is the delivery id');
            assert(/^v1,/.test(shown['webhook-signature']), 'webhook-signature is shown');
            assert(/^[0-9a-f]{64}$/.test(shown['X-Promptfoo-Signature']), 'X-Promptfoo-Signature is shown');
            await this.text('#attempts .attempt[data-number="1"] .attempt-status', '200');
            await this.text('#delivery-summary .delivery-status', 'succeeded');
            await this.screenshot('05-delivery');
            await this.assertSafe('delivery page');
        });

        await step('redeliver: the same delivery is sent again and succeeds', async () => {
            await page.locator('#redeliver').click();
            await this.text('#flash', 'Redelivery queued');
            await until('a second attempt, succeeded', async () =>
                (await page.locator('#attempts .attempt').count()) >= 2
                && (await page.locator('#delivery-summary .delivery-status[data-status=succeeded]').count()) === 1);
            await this.text('#attempts .attempt[data-number="2"] .attempt-status', '200');
            const shown = await page.locator('#attempts .attempt[data-number="2"] table.headers tbody tr').evaluateAll((rows) =>
                Object.fromEntries(rows.map((r) => [r.cells[0].textContent, r.cells[1].textContent])));
            assertEqual(shown['webhook-id'], deliveryId, 'the redelivery has the same webhook-id');
        });

        await step('send a test event from the webhook page', async () => {
            await page.locator('nav.crumbs a', {hasText: 'SIEM (console test)'}).click();
            await this.visible('#send-test');
            await page.locator('#filter-test-event').selectOption('issue.status_changed');
            await page.locator('#send-test').click();
            await this.text('#test-result', /issue\.status_changed.*succeeded, HTTP 200/);
            await this.refreshUntil('#deliveries-table tr[data-status=succeeded] >> text=issue.status_changed',
                '#refresh-deliveries', 'the test delivery in the list');
        });

        await step('edit the webhook: name and rate limit', async () => {
            await page.locator('#edit-webhook').click();
            await this.visible('#webhook-form');
            assertEqual(await page.locator('#webhook-name').inputValue(), 'SIEM (console test)', 'the form holds the name');
            assertEqual(await page.locator('#webhook-url').inputValue(), o.okUrl, 'the form holds the URL');
            await page.locator('#webhook-name').fill('SIEM (renamed)');
            await page.locator('#webhook-rate').fill('50');
            await page.locator('#webhook-form button[type=submit]').click();
            await this.text('#flash', 'Webhook saved.');
            await this.text('main h1', 'SIEM (renamed)');
            await this.text('#webhook-settings', '50 requests a second');
            const w = await this.apiOk('GET', 'webhooks/' + okId);
            assertEqual(w.name, 'SIEM (renamed)', 'saved name');
            assertEqual(w.rateLimit, 50, 'saved rate limit');
            assertEqual(w.events.length, 5, 'events unchanged');
            assertEqual(w.enabled, true, 'still enabled');
        });

        await step('route the webhook: format, filter and a custom header, then back to everything', async () => {
            await page.locator('#edit-webhook').click();
            await this.visible('#webhook-form');
            await page.locator('#webhook-format').selectOption('cloudevents');
            await page.locator('#filter-min-severity').selectOption('high');
            await page.locator('#filter-field input[name=statuses][value=open]').check();
            await page.locator('#filter-pluginIds').fill('harmful:, prompt-injection');
            await page.locator('#header-rows [name=header-name]').first().fill('X-Collector-Token');
            await page.locator('#header-rows [name=header-value]').first().fill('token-in-the-console-1');
            await page.locator('#webhook-form button[type=submit]').click();
            await this.text('#flash', 'Webhook saved.');
            await this.text('#webhook-settings .format', 'cloudevents');
            await this.text('#webhook-settings .filter', 'minSeverity high; statuses open; pluginIds harmful:, prompt-injection');
            await this.text('#webhook-settings .headers', 'X-Collector-Token: ********');
            assert(!(await page.content()).includes('token-in-the-console-1'), 'the header value is not in the page');
            let w = await this.apiOk('GET', 'webhooks/' + okId);
            assertEqual(w.format, 'cloudevents', 'saved format');
            assertEqual(JSON.stringify(w.filter), JSON.stringify({minSeverity: 'high', statuses: ['open'],
                pluginIds: ['harmful:', 'prompt-injection']}), 'saved filter');
            assertEqual(JSON.stringify(w.headers), JSON.stringify({'X-Collector-Token': '********'}), 'saved header, masked');
            assertEqual(w.name, 'SIEM (renamed)', 'the rest unchanged');
            await this.screenshot('05b-webhook-routing');

            await page.locator('#edit-webhook').click();
            await this.visible('#webhook-form');
            assertEqual(await page.locator('#filter-pluginIds').inputValue(), 'harmful:, prompt-injection', 'the form holds the filter');
            await page.locator('#webhook-format').selectOption('promptfoo');
            await page.locator('#filter-min-severity').selectOption('');
            await page.locator('#filter-field input[name=statuses][value=open]').uncheck();
            await page.locator('#filter-pluginIds').fill('');
            await page.locator('#headers-field input[name=remove-header][value=X-Collector-Token]').check();
            await page.locator('#webhook-form button[type=submit]').click();
            await this.text('#flash', 'Webhook saved.');
            w = await this.apiOk('GET', 'webhooks/' + okId);
            assertEqual(w.format, 'promptfoo', 'format back');
            assertEqual(w.filter, null, 'no filter');
            assertEqual(JSON.stringify(w.headers), '{}', 'no header');
            await this.text('#webhook-settings .format', 'promptfoo');
        });

        await step('disable the webhook; a redelivery is then refused in words; enable it again', async () => {
            await this.text('#toggle-enabled', 'Disable');
            await page.locator('#toggle-enabled').click();
            await this.text('#flash', 'Webhook disabled');
            await this.text('#webhook-settings .health', 'Disabled');
            assertEqual((await this.apiOk('GET', 'webhooks/' + okId)).enabled, false, 'disabled in the API');
            await this.go('#/webhooks/' + okId + '/deliveries/' + deliveryId);
            await this.visible('#redeliver');
            await page.locator('#redeliver').click();
            await this.text('#flash .flash-bad', 'The webhook is disabled; enable it, then redeliver');
            await page.locator('nav.crumbs a', {hasText: 'SIEM (renamed)'}).click();
            await this.text('#toggle-enabled', 'Enable');
            await page.locator('#toggle-enabled').click();
            await this.text('#flash', 'Webhook enabled.');
            await this.text('#webhook-settings .health', 'Enabled');
            assertEqual((await this.apiOk('GET', 'webhooks/' + okId)).enabled, true, 'enabled in the API');
        });

        await step('regenerate the secret: asked first, shown once, gone after closing', async () => {
            await page.locator('#regenerate-secret').click();
            await this.visible('dialog.confirm-dialog');
            await page.locator('dialog.confirm-dialog [data-action=confirm]').click();
            const secret = await this.readSecretDialog('New secret');
            assert(secret !== firstSecret, 'a new secret');
            await this.closeSecretDialog(secret);
            await this.text('#flash', 'Secret regenerated.');
            assert(!(await page.content()).includes(firstSecret), 'the first secret is not in the page either');
        });

        await step('a webhook whose endpoint fails shows HTTP 500 and its failing state', async () => {
            failId = (await this.apiOk('POST', 'webhooks', {name: 'Failing ' + XSS.img, url: o.failUrl,
                events: ['issue.created']})).id;
            await this.apiOk('POST', 'issues', {pluginId: 'jailbreak', severity: 'low'});
            await this.go('#/webhooks/' + failId);
            await this.text('main h1', 'Failing ' + XSS.img);
            await this.refreshUntil('#deliveries-table tr[data-status=failed]', '#refresh-deliveries',
                'the delivery to the failing endpoint to fail after its three attempts');
            const row = page.locator('#deliveries-table tr[data-status=failed]').first();
            assertEqual((await row.locator('td.last-result').textContent()).trim(), 'HTTP 500', 'the failed delivery\'s result');
            assertEqual((await row.locator('td.attempts').textContent()).trim(), '3', 'three attempts (0s, 1s, 2s)');
            await this.go('#/webhooks');
            const failingRow = page.locator('#webhooks tr[data-id="' + failId + '"]');
            await failingRow.waitFor();
            await this.text('#webhooks tr[data-id="' + failId + '"] .health-cell', /Failing\s*Failing since \d{4}-/);
            await this.text('#webhooks tr[data-id="' + okId + '"] .health-cell', 'Enabled');
            assertEqual(await failingRow.locator('td.name a').textContent(), 'Failing ' + XSS.img, 'the hostile name, literally');
            await this.screenshot('06-webhooks-failing');
            await this.assertSafe('webhook list with a hostile name');
            await failingRow.locator('td.name a').click();
            await this.visible('#deliveries-table');
            await page.locator('#deliveries-table tr[data-status=failed] a.view-delivery').first().click();
            await this.visible('#attempts .attempt[data-number="3"]');
            for (const n of ['1', '2', '3']) {
                const a = '#attempts .attempt[data-number="' + n + '"]';
                await this.text(a + ' .attempt-status', '500');
                await this.text(a + ' .attempt-error', 'HTTP 500');
                if (o.failBody) {
                    assertEqual(await page.locator(a + ' .response-excerpt').textContent(), o.failBody,
                        'attempt ' + n + ': the response excerpt, literally');
                }
            }
            await this.text('#delivery-summary .delivery-status', 'failed');
            await this.text('#delivery-summary .last-result', 'HTTP 500');
            await this.screenshot('07-failed-delivery');
            await this.assertSafe('failed delivery with a hostile response');
        });

        await step('a test event to the failing endpoint; filter the delivery log by event and status', async () => {
            await page.locator('nav.crumbs a').nth(1).click();
            await this.ready('#/webhooks/' + failId);
            await page.locator('#filter-test-event').selectOption('issue.updated');
            await page.locator('#send-test').click();
            await this.text('#test-result', /issue\.updated: failed, HTTP 500, \d+ ms/);
            await until('both deliveries listed', async () => (await this.deliveryRows()).length === 2);

            await page.locator('#filter-event').selectOption('issue.updated');
            await this.routed(/^#\/webhooks\/[^?]+\?event=issue\.updated$/);
            await until('only the issue.updated delivery', async () => {
                const rows = await this.deliveryRows();
                return rows.length === 1 && rows[0].event === 'issue.updated' && rows[0].status === 'failed';
            });
            await page.locator('#filter-event').selectOption('');
            await this.routed(/^#\/webhooks\/[^?]+$/);
            await page.locator('#filter-status').selectOption('failed');
            await this.routed(/^#\/webhooks\/[^?]+\?status=failed$/);
            await until('the two failed deliveries', async () => {
                const rows = await this.deliveryRows();
                return rows.length === 2 && rows.every((r) => r.status === 'failed');
            });
            await page.locator('#filter-status').selectOption('succeeded');
            await this.routed(/\?status=succeeded$/);
            await this.text('#deliveries .empty', 'No deliveries match these filters.');
            await page.locator('#filter-status').selectOption('');
            await this.routed(/^#\/webhooks\/[^?]+$/);
            await until('both deliveries again', async () => (await this.deliveryRows()).length === 2);
        });

        await step('recover since a time: failed deliveries are sent again', async () => {
            const since = new Date(this.startedAt.getTime() - 60_000).toISOString().slice(0, 19);
            const failed = (await this.apiOk('GET', 'webhooks/' + failId + '/deliveries?status=failed')).data;
            const issueDelivery = failed.find((d) => d.event === 'issue.created');
            assert(issueDelivery, 'the failed delivery of the issue');
            await page.locator('#recover-since').fill(since);
            await page.locator('#recover').click();
            await this.text('#recover-result', 'Redelivering ' + failed.length + (failed.length === 1 ? ' delivery' : ' deliveries')
                + ' created since ' + since);
            await until('the recovered delivery to be attempted again', async () =>
                (await this.apiOk('GET', 'webhooks/' + failId + '/deliveries/' + issueDelivery.id)).attemptCount > 3);
            await until('the console to show the new attempts', async () => {
                await page.locator('#refresh-deliveries').click();
                await sleep(400);
                const row = (await this.deliveryRows()).find((r) => r.id === issueDelivery.id);
                return row && row.attempts > 3;
            });
        });

        await step('page through the delivery log', async () => {
            const all = (await this.apiOk('GET', 'webhooks/' + okId + '/deliveries?limit=100')).data.map((d) => d.id);
            assert(all.length >= 3, 'at least three deliveries to page through, got ' + all.length);
            await this.go('#/webhooks/' + okId + '?limit=2');
            const ids = async () => (await this.deliveryRows()).map((r) => r.id);
            await until('the first page', async () => JSON.stringify(await ids()) === JSON.stringify(all.slice(0, 2)));
            await page.locator('#deliveries [data-page=next]').click();
            await until('the second page', async () => JSON.stringify(await ids()) === JSON.stringify(all.slice(2, 4)));
            assert(/cursor=/.test(await this.hash()), 'the cursor is in the route');
            await page.locator('#deliveries [data-page=previous]').click();
            await until('back on the first page', async () => JSON.stringify(await ids()) === JSON.stringify(all.slice(0, 2)));
        });

        let xssIssue;
        await step('issues: the list with filters, hostile text shown literally', async () => {
            xssIssue = (await this.apiOk('POST', 'issues', {pluginId: XSS.script, severity: 'critical', weakness: XSS.img,
                targetId: XSS.svg})).id;
            await page.locator('#nav-issues').click();
            await this.visible('#issues');
            const row = page.locator('#issues tr[data-id="' + xssIssue + '"]');
            await row.waitFor();
            assertEqual(await row.locator('td.plugin').textContent(), XSS.script, 'pluginId shown literally');
            assertEqual(await row.locator('td.weakness').textContent(), XSS.img, 'weakness shown literally');
            assertEqual(await row.locator('td.target').textContent(), XSS.svg, 'targetId shown literally');
            assert(await page.locator('#issues tr[data-id="' + demoIssue + '"]').count() === 1, 'the other issue is listed');
            await this.screenshot('08-issues');
            await page.locator('#filter-severity').selectOption('critical');
            await until('the severity filter', async () => /severity=critical/.test(await this.hash())
                && (await page.locator('#issues tr[data-id="' + demoIssue + '"]').count()) === 0
                && (await page.locator('#issues tr[data-id="' + xssIssue + '"]').count()) === 1);
            const severities = await page.locator('#issues td.severity').allTextContents();
            assert(severities.every((s) => s === 'critical'), 'only critical issues: ' + severities);
            await page.locator('#filter-status').selectOption('fixed');
            await this.text('main .empty', 'No issues match these filters.');
            await page.locator('#filter-status').selectOption('');
            await this.assertSafe('issue list with hostile text');
        });

        const comment = 'Reproduced on staging ' + XSS.img + ' & ' + XSS.script + '\nsecond line';
        await step('one issue: history and comments; a comment added in the console', async () => {
            await page.locator('#issues tr[data-id="' + xssIssue + '"] td.plugin a').click();
            await this.visible('#history');
            assertEqual(await page.locator('main h1').textContent(), XSS.script, 'the title, literally');
            assertEqual(await page.locator('#issue dd.weakness').textContent(), XSS.img, 'the weakness, literally');
            await this.text('#history', 'issue.created');
            await this.text('#comments-card .empty', 'No comments yet.');
            await page.locator('#comment-body').fill(comment);
            await page.locator('#comment-form button[type=submit]').click();
            await this.text('#flash', 'Comment added.');
            await this.visible('#comments .comment');
            assertEqual(await page.locator('#comments .comment .comment-body').first().textContent(), comment,
                'the comment, literally');
            await this.text('#history', 'issue.comment_added');
            await this.text('#history', 'comment added');
            const comments = await this.apiOk('GET', 'issues/' + xssIssue + '/comments');
            assertEqual(comments.data.length, 1, 'one comment stored');
            assertEqual(comments.data[0].body, comment, 'the comment as stored');
            await this.screenshot('09-issue');
            await this.assertSafe('issue page with hostile text');
        });

        await step('hostile text stays text even without the Content-Security-Policy', async () => {
            const bare = await this.newContext({bypassCSP: true});
            try {
                const p = await bare.newPage();
                p.on('pageerror', (e) => this.pageErrors.push(String(e)));
                await p.goto(o.base + '/ui/');
                await p.locator('#api-key').fill(o.adminKey);
                await p.locator('#sign-in').click();
                await p.locator('#role').waitFor();
                for (const [hash, ready] of [
                    ['#/issues', '#issues tr[data-id="' + xssIssue + '"]'],
                    ['#/issues/' + xssIssue, '#comments .comment'],
                    ['#/webhooks', '#webhooks tr[data-id="' + failId + '"]'],
                    ['#/webhooks/' + failId, '#deliveries-table tr'],
                ]) {
                    await p.evaluate((h) => {
                        location.hash = h;
                    }, hash);
                    await p.locator(ready).first().waitFor();
                    await sleep(300);
                    await this.assertSafe('without CSP, ' + hash, p);
                }
                // A failed one (with the endpoint's response): by now the webhook may be disabled (ISSUEHOOKS_DISABLE_AFTER
                // is 8 s in the tests), and the newest deliveries skipped, without an attempt.
                await p.locator('#deliveries-table tr[data-status=failed] a.view-delivery').first().click();
                await p.locator('.response-excerpt').first().waitFor();
                await sleep(300);
                await this.assertSafe('without CSP, the failed delivery', p);
            } finally {
                await bare.close();
            }
        });

        await step('delete a webhook: asked first, cancel keeps it, confirm deletes it', async () => {
            await this.go('#/webhooks/' + failId);
            await this.visible('#delete-webhook');
            await page.locator('#delete-webhook').click();
            await this.visible('dialog.confirm-dialog');
            await this.text('dialog.confirm-dialog h2', 'Delete webhook');
            await page.locator('dialog.confirm-dialog [data-action=cancel]').click();
            await this.gone('dialog.confirm-dialog');
            assertEqual((await this.api('GET', 'webhooks/' + failId, o.adminKey)).status, 200, 'still there after cancel');
            await page.locator('#delete-webhook').click();
            await page.locator('dialog.confirm-dialog [data-action=confirm]').click();
            await this.text('#flash', 'deleted');
            assertEqual(await this.hash(), '#/webhooks', 'back on the list');
            await this.visible('#webhooks');
            assertEqual(await page.locator('#webhooks tr[data-id="' + failId + '"]').count(), 0, 'gone from the list');
            assertEqual((await this.api('GET', 'webhooks/' + failId, o.adminKey)).status, 404, 'gone from the API');
        });

        await step('sign out: the key is forgotten', async () => {
            await page.locator('#sign-out').click();
            await this.visible('#sign-in-form');
            await this.text('#flash', 'signed out');
            assertEqual(await page.evaluate((k) => sessionStorage.getItem(k), ISSUEHOOKS_KEY_STORAGE), null,
                'no key in sessionStorage');
            assert(await page.locator('#nav').isHidden(), 'no navigation while signed out');
        });

        await step('a member key sees no admin-only actions but may read and comment on issues', async () => {
            await page.locator('#api-key').fill(o.memberKey);
            await page.locator('#sign-in').click();
            await this.text('#role', 'member');
            assertEqual(await this.hash(), '#/issues', 'a member lands on the issues');
            await this.visible('#issues');
            assert(await page.locator('#nav-webhooks').isHidden(), 'no Webhooks link for a member');
            await this.go('#/webhooks');
            await this.visible('#admin-only');
            await this.go('#/webhooks/' + okId);
            await this.visible('#admin-only');
            for (const admin of ['#new-webhook', '#edit-webhook', '#toggle-enabled', '#regenerate-secret', '#delete-webhook',
                '#send-test', '#recover', '#redeliver', '#deliveries']) {
                assertEqual(await page.locator(admin).count(), 0, 'no ' + admin + ' for a member');
            }
            await this.screenshot('10-member-no-webhooks');
            await this.go('#/issues/' + demoIssue);
            await this.visible('#comment-form');
            await page.locator('#comment-body').fill('Seen by a member');
            await page.locator('#comment-form button[type=submit]').click();
            await this.text('#comments', 'Seen by a member');
            await this.screenshot('11-member-issue');
            await this.assertSafe('member pages');
        });

        await step('the key never left sessionStorage: not in a URL, a cookie or the console log', async () => {
            const keys = [o.adminKey, o.memberKey];
            for (const url of [...this.urls, ...this.requests.map((r) => r.url)]) {
                assert(!keys.some((k) => url.includes(k)), 'no key in the URL ' + url);
            }
            for (const m of this.consoleMessages) {
                assert(!keys.some((k) => m.includes(k)), 'no key in the console log');
                assert(!this.secrets.some((s) => m.includes(s)), 'no secret in the console log');
            }
            const origin = new URL(o.base).origin;
            for (const r of this.requests) {
                assert(r.url.startsWith(origin + '/') || r.url.startsWith('data:'), 'only requests to the server itself: ' + r.url);
                if (r.url.startsWith(origin + '/ui/')) {
                    assert(!('authorization' in r.headers), 'no key sent with the console\'s own files');
                }
            }
            assert(this.requests.some((r) => r.url.startsWith(origin + '/api/v1/') && r.headers.authorization === 'Bearer ' + o.adminKey),
                'API requests carry the key as a bearer token');
            assertEqual((await context.cookies()).length, 0, 'no cookies');
            assertEqual(this.consoleMessages.filter((m) => m.startsWith('error')).filter((m) => !/status of 40[0-9]/.test(m)).join('\n'),
                '', 'no console errors other than the API\'s refusals');
        });
        await context.close();
        log(this.shots + ' screenshots in ' + this.o.screenshots);
    }
}

main();
