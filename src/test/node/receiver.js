'use strict';
/*
 * A real webhook consumer for the integration tests, run by io.issuehooks.testsupport.NodeReceiver.
 *
 * Usage: WEBHOOK_SECRET=whsec_... node receiver.js [port]      (port 0 or absent = any free port)
 *
 * Routes
 *   POST /webhook-endpoint   the Node.js snippet of the spec page (spec-snippet.js), evaluated unchanged except
 *                            that its literal 'your-webhook-secret' is replaced by the JSON-quoted secret,
 *                            exactly as a user who pasted it and put in their secret.
 *   POST /standard-webhooks  verification with the `standardwebhooks` package over the raw body bytes: 200 or 401.
 *   POST /__secret           control: {"secret":"..."} swaps the secret used by both routes for later requests
 *                            (the snippet is evaluated again into a fresh router with the new literal).
 *
 * Stdout is a protocol channel of JSON lines:
 *   {"listening":<port>}                                    once, when the server is bound
 *   {"route":..,"status":..,"event":..,"webhookId":..,"signature":..,"rawBody":..,"reproduced":..,...}
 *                                                           one per request on either webhook route
 * Everything else (the snippet's console.log, express's error traces) goes to stderr.
 * The process exits when its stdin closes, so a dead JVM never leaves it running
 * (set RECEIVER_IGNORE_STDIN=1 to run it by hand in the background).
 */
const fs = require('fs');
const path = require('path');
const { Console } = require('console');
const express = require('express');
const { Webhook } = require('standardwebhooks');

const SPEC_ROUTE = '/webhook-endpoint';
const STANDARD_ROUTE = '/standard-webhooks';
const SECRET_LITERAL = "'your-webhook-secret'";
const SNIPPET = fs.readFileSync(path.join(__dirname, 'spec-snippet.js'), 'utf8');

if (SNIPPET.split(SECRET_LITERAL).length !== 2) {
  fail(`spec-snippet.js must contain ${SECRET_LITERAL} exactly once`);
}

function fail(message) {
  process.stderr.write(`receiver.js: ${message}\n`);
  process.exit(2);
}

/** One JSON line on stdout; never anything else there. */
function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

// What the snippet prints with console.log goes to stderr, so that stdout carries JSON lines only.
const snippetConsole = new Console({ stdout: process.stderr, stderr: process.stderr });

/**
 * The snippet's text with only the secret literal replaced, evaluated with `app` bound to a fresh router:
 * its `app.post('/webhook-endpoint', ...)` registers the handler there.
 */
function evaluateSnippet(secret) {
  const text = SNIPPET.replace(SECRET_LITERAL, () => JSON.stringify(secret));
  const router = express.Router();
  // eslint-disable-next-line no-new-func
  new Function('app', 'require', 'console', text)(router, require, snippetConsole);
  return router;
}

function startingSecret() {
  const secret = process.env.WEBHOOK_SECRET;
  if (typeof secret !== 'string' || secret === '') {
    fail('set WEBHOOK_SECRET to the webhook secret (whsec_...)');
  }
  return secret;
}

let current = { secret: startingSecret() };
current.router = evaluateSnippet(current.secret);

function rawBodyOf(req) {
  if (Buffer.isBuffer(req.rawBody)) return req.rawBody;
  if (Buffer.isBuffer(req.body)) return req.body;
  return null;
}

function eventOf(rawText) {
  try {
    const payload = JSON.parse(rawText);
    return payload !== null && typeof payload === 'object' && payload.event !== undefined ? payload.event : null;
  } catch (e) {
    return null;
  }
}

function reproduces(rawText) {
  try {
    return JSON.stringify(JSON.parse(rawText)) === rawText;
  } catch (e) {
    return false;
  }
}

const app = express();

// Record every request on the two webhook routes once its response is sent, whatever sent it
// (the handler, the body parser's 400/413, or express's 500 when the snippet throws).
app.use((req, res, next) => {
  if (req.method === 'POST' && (req.path === SPEC_ROUTE || req.path === STANDARD_ROUTE)) {
    res.on('finish', () => {
      const raw = rawBodyOf(req);
      const rawText = raw === null ? null : raw.toString('utf8');
      const line = {
        route: req.path,
        status: res.statusCode,
        event: rawText === null ? null : eventOf(rawText),
        webhookId: req.headers['webhook-id'] ?? null,
        signature: req.headers['x-promptfoo-signature'] ?? null,
        rawBody: rawText,
        reproduced: rawText !== null && reproduces(rawText),
        headers: req.headers,
      };
      if (req.verifyError) line.error = req.verifyError;
      emit(line);
    });
  }
  next();
});

// As a user sets it up. The `verify` hook only looks at the bytes the parser has read (for the record
// above and for the raw-body verification); it changes nothing in what the parser does.
app.use(express.json({
  limit: '10mb',
  verify: (req, res, buf) => {
    req.rawBody = buf;
  },
}));

app.post('/__secret', (req, res) => {
  const secret = req.body && req.body.secret;
  if (typeof secret !== 'string' || secret === '') {
    return res.status(400).json({ error: 'body must be {"secret":"<non-empty string>"}' });
  }
  const router = evaluateSnippet(secret);
  current = { secret, router };
  return res.status(200).json({ rotated: true });
});

// The snippet's routes, from the router of the current secret.
app.use((req, res, next) => current.router(req, res, next));

// Bodies that are not application/json did not go through express.json: read them raw here.
app.post(STANDARD_ROUTE, express.raw({ type: () => true, limit: '10mb' }), (req, res) => {
  const raw = rawBodyOf(req) ?? Buffer.alloc(0);
  try {
    new Webhook(current.secret).verify(raw, req.headers);
  } catch (e) {
    req.verifyError = `${e && e.name}: ${e && e.message}`;
    return res.status(401).send('Invalid signature');
  }
  return res.status(200).send('Webhook received');
});

// Keep express's own error response (a user's app would send it), but remember the message for the record.
app.use((err, req, res, next) => {
  req.verifyError = `${err && err.name}: ${err && err.message}`;
  next(err);
});

const portArg = process.argv[2] ?? process.env.PORT ?? '0';
const port = Number.parseInt(portArg, 10);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  fail(`invalid port ${JSON.stringify(portArg)}`);
}
const host = process.env.RECEIVER_HOST || '127.0.0.1';

const server = app.listen(port, host, () => {
  emit({ listening: server.address().port });
});
server.on('error', (e) => fail(`cannot listen on ${host}:${port}: ${e.message}`));

process.stdout.on('error', () => process.exit(0)); // the reader is gone (EPIPE)

if (process.env.RECEIVER_IGNORE_STDIN !== '1') {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('close', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();
}
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
