// A minimal Segment Functions runtime on Node 20, for benchmarks only: the same
// functions jshost runs, under Node's own V8, URL, Headers and console, loaded
// the way Segment's buildpack loads them (a vm context, sloppy mode).
//
//   node node_harness.js invoke HANDLER PAYLOAD N   warm timings (JSON on stdout)
//   node node_harness.js cold HANDLER PAYLOAD       load-to-first-result of one fresh context
//   node node_harness.js serve HANDLER PORT [SETTINGS_JSON]   an HTTP server (POST /) running the source
//   node node_harness.js event HANDLER EVENT N MOCK  warm timings of a destination with canned fetch
'use strict';
const fs = require('fs');
const vm = require('vm');
const http = require('http');
const util = require('util');

function makeRuntime(mockRules) {
  const state = { events: [], objects: [], logs: [] };
  const set = (o, k, v) => { if (v) o[k] = v; };
  class ValidationError extends Error { constructor(m) { super(m); this.name = 'ValidationError'; } }
  class InvalidEventPayload extends Error { constructor(m) { super(m); this.name = 'InvalidEventPayload'; } }
  class EventNotSupported extends Error { constructor(m) { super(m); this.name = 'EventNotSupported'; } }
  class RetryError extends Error { constructor(m) { super(m); this.name = 'RetryError'; } }
  const need = (d, k) => { if (d[k] === undefined || d[k] === '') throw new ValidationError(`${k} is required but not defined`); };
  const common = (d, m) => {
    if (!d.userId && !d.anonymousId) throw new ValidationError('One of userId,anonymousId is required but not defined');
    for (const k of ['userId', 'anonymousId', 'context', 'integrations', 'messageId', 'sentAt', 'timestamp']) set(m, k, d[k]);
    return m;
  };
  const Segment = {
    identify(d) { const m = { type: 'identify' }; set(m, 'traits', d.traits); state.events.push(common(d, m)); return m; },
    track(d) { need(d, 'event'); const m = { type: 'track', event: d.event }; set(m, 'properties', d.properties); state.events.push(common(d, m)); return m; },
    group(d) { need(d, 'groupId'); const m = { type: 'group', groupId: d.groupId }; set(m, 'traits', d.traits); state.events.push(common(d, m)); return m; },
    set(d) { need(d, 'collection'); need(d, 'id'); const o = { collection: d.collection, id: d.id }; set(o, 'properties', d.properties); state.objects.push(o); return o; },
  };
  const fetch = async (url, init = {}) => {
    const method = (init.method || 'GET').toUpperCase();
    const rule = (mockRules || []).find((r) => (!r.method || r.method.toUpperCase() === method) && (!r.url || new RegExp(r.url).test(String(url))));
    if (!rule) throw new Error(`request to ${url} failed, reason: no mock`);
    const body = typeof rule.body === 'string' ? rule.body : JSON.stringify(rule.body || '');
    return new Response(body, { status: rule.status || 200, headers: rule.headers || {} });
  };
  const console = {};
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) console[level] = (...a) => state.logs.push({ level, message: util.format(...a) });
  const globals = { Segment, fetch, Headers, URL, URLSearchParams, Response, Request, console, Buffer, crypto: require('crypto'),
    btoa: (s) => Buffer.from(String(s), 'binary').toString('base64'), atob: (s) => Buffer.from(s, 'base64').toString('binary'),
    ValidationError, InvalidEventPayload, EventNotSupported, RetryError, setTimeout, clearTimeout, exports: {} };
  globals.window = globals;
  return { state, globals };
}

function load(file, mockRules) {
  const rt = makeRuntime(mockRules);
  const ctx = vm.createContext(rt.globals);
  vm.runInContext(fs.readFileSync(file, 'utf8'), ctx, { filename: file });
  const find = (n) => vm.runInContext(`typeof ${n} === 'function' ? ${n} : undefined`, ctx);
  return { rt, onRequest: find('onRequest'), find, exports: rt.globals.exports };
}

class ServerRequest {
  constructor(body, headers, url) { this._b = typeof body === 'string' ? { text: body } : { json: body }; this.headers = new Headers(headers); this._url = url; }
  get url() { return new URL(this._url); }
  json() { if (!this._b.json) this._b.json = JSON.parse(this._b.text); return this._b.json; }
  text() { if (!this._b.text) this._b.text = JSON.stringify(this._b.json); return this._b.text; }
}

async function runSource(fn, payload) {
  const { rt } = fn;
  rt.state.events = []; rt.state.objects = []; rt.state.logs = [];
  const p = payload.payload;
  let ok = true;
  try {
    if (fn.onRequest) {
      await fn.onRequest(new ServerRequest(p.body, p.headers || {}, p.url || 'https://fn.segmentapis.com/'), payload.settings || {});
    } else {
      const out = await fn.exports.processEvents({ payload: { body: p.body, headers: p.headers || {}, queryParameters: p.queryParameters || {} } });
      rt.state.events = out.events || []; rt.state.objects = out.objects || [];
    }
  } catch (e) { ok = false; }
  return JSON.stringify({ ok, events: ok ? rt.state.events : [], objects: ok ? rt.state.objects : [] });
}

const NAMES = { identify: 'onIdentify', track: 'onTrack', page: 'onPage', screen: 'onScreen', group: 'onGroup', alias: 'onAlias', delete: 'onDelete' };
async function runEvent(fn, event, settings) {
  fn.rt.state.logs = [];
  const h = fn.find(NAMES[event.type]);
  try { return JSON.stringify({ ok: true, return: await h(event, settings) }); } catch (e) { return JSON.stringify({ ok: false }); }
}

function percentile(sorted, p) { return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]; }

async function main() {
  const [mode, file, arg, n, extra] = process.argv.slice(2);
  const now = () => Number(process.hrtime.bigint()) / 1e6;
  if (mode === 'cold') {
    const payload = JSON.parse(fs.readFileSync(arg, 'utf8'));
    const t0 = now();
    const fn = load(file);
    await runSource(fn, payload);
    console.log(JSON.stringify({ cold_ms: now() - t0 }));
  } else if (mode === 'invoke' || mode === 'event') {
    const input = JSON.parse(fs.readFileSync(arg, 'utf8'));
    const mock = extra ? JSON.parse(fs.readFileSync(extra, 'utf8')) : [];
    const settings = mode === 'event' && process.argv[7] ? JSON.parse(fs.readFileSync(process.argv[7], 'utf8')) : {};
    const fn = load(file, mock);
    const times = [];
    for (let i = 0; i < Number(n); i++) {
      const t0 = now();
      if (mode === 'invoke') await runSource(fn, input); else await runEvent(fn, input, settings);
      times.push(now() - t0);
    }
    times.sort((a, b) => a - b);
    const warm = times.slice(Math.floor(times.length / 10));  // drop the warm-up tenth
    warm.sort((a, b) => a - b);
    console.log(JSON.stringify({ p50_ms: percentile(warm, 0.5), p99_ms: percentile(warm, 0.99), n: warm.length }));
  } else if (mode === 'serve') {
    const cluster = require('cluster');
    const workers = Number(process.env.WORKERS || 1);
    if (workers > 1 && cluster.isPrimary) {
      for (let i = 0; i < workers; i++) cluster.fork();
      let ready = 0;
      cluster.on('message', () => { if (++ready === workers) console.log('ready'); });
      return;
    }
    const fn = load(file);
    const settings = extra ? JSON.parse(extra) : {};
    http.createServer((req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', async () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        const out = await runSource(fn, { payload: { body, headers: req.headers, url: 'http://localhost' + req.url }, settings });
        const parsed = JSON.parse(out);
        const reply = JSON.stringify({ ok: parsed.ok, events: parsed.events.length, objects: parsed.objects.length });
        res.writeHead(parsed.ok ? 200 : 400, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(reply) });
        res.end(reply);
      });
    }).listen(Number(arg), '127.0.0.1', () => (process.send ? process.send('ready') : console.log('ready')));
  }
}
main();
