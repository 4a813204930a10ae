// The reference side of the compatibility suite: RUNTIME-FACTS.md implemented on
// Node 20's own V8, URL, Headers, Response, util.format and crypto, without npm
// packages. It runs the cases of a manifest and prints one JSON array of results in
// the `jshost run --json` contract's shape, for tests/test_compat.py to compare.
//
//   node node_harness.js CASES.json    (CASES.json: [{handler, payload?|event?, settings?, mock_fetch?}])
'use strict';
const fs = require('fs');
const vm = require('vm');
const util = require('util');
const nodeCrypto = require('crypto');

// --- Segment.* (RUNTIME-FACTS "Segment.*") -----------------------------------------

function errorClasses() {
  const make = (name) => {
    const cls = class extends Error {
      constructor(message) { super(message); this.name = name; }
    };
    Object.defineProperty(cls, 'name', { value: name });
    return cls;
  };
  return {
    ValidationError: make('ValidationError'),
    InvalidEventPayload: make('InvalidEventPayload'),
    EventNotSupported: make('EventNotSupported'),
    RetryError: make('RetryError'),
  };
}

// Plain objects and arrays copied deeply (what lodash's merge does to the common
// fields); anything else kept by reference.
function deepCopy(value) {
  if (Array.isArray(value)) return value.map(deepCopy);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out = {};
    for (const key of Object.keys(value)) if (value[key] !== undefined) out[key] = deepCopy(value[key]);
    return out;
  }
  return value;
}

function makeSegment(state, errors) {
  const { ValidationError } = errors;
  const required = (d, key) => {
    if (d[key] === undefined || d[key] === '') throw new ValidationError(`${key} is required but not defined`);
  };
  const keep = (target, key, value) => { if (value) target[key] = value; };
  const withCommon = (d, message) => {
    if (!d.userId && !d.anonymousId) throw new ValidationError('One of userId,anonymousId is required but not defined');
    for (const key of ['userId', 'anonymousId', 'context', 'integrations', 'messageId', 'sentAt', 'timestamp']) {
      if (d[key]) message[key] = deepCopy(d[key]);
    }
    state.events.push(message);
    return message;
  };
  return {
    identify(d) { const m = { type: 'identify' }; keep(m, 'traits', d.traits); return withCommon(d, m); },
    track(d) { required(d, 'event'); const m = { type: 'track', event: d.event }; keep(m, 'properties', d.properties); return withCommon(d, m); },
    page(d) { const m = { type: 'page' }; keep(m, 'name', d.name); keep(m, 'properties', d.properties); return withCommon(d, m); },
    screen(d) { const m = { type: 'screen' }; keep(m, 'name', d.name); keep(m, 'properties', d.properties); return withCommon(d, m); },
    group(d) { required(d, 'groupId'); const m = { type: 'group', groupId: d.groupId }; keep(m, 'traits', d.traits); return withCommon(d, m); },
    alias(d) { required(d, 'previousId'); const m = { type: 'alias' }; keep(m, 'previousId', d.previousId); return withCommon(d, m); },
    set(d) {
      required(d, 'collection'); required(d, 'id');
      const o = { collection: d.collection, id: d.id };
      keep(o, 'properties', d.properties);
      state.objects.push(o);
      return o;
    },
  };
}

// --- the source request (RUNTIME-FACTS "The source request") ------------------------

class ServerRequest {
  constructor(body, headers, url) {
    if (typeof body === 'object') this._body = { json: body };
    else if (typeof body === 'string') this._body = { text: body };
    else throw new TypeError('unsupported body type');
    this.headers = new Headers(headers);
    this.url = new URL(url);
  }
  json() { if (!this._body.json) this._body.json = JSON.parse(this._body.text); return this._body.json; }
  text() { if (!this._body.text) this._body.text = JSON.stringify(this._body.json); return this._body.text; }
}

function requestUrl(p) {
  if (p.url) return p.url;
  let url = 'https://fn.segmentapis.com/';
  const q = p.queryParameters;
  if (typeof q === 'string') url += (q[0] === '?' ? '' : '?') + q;
  else if (q && typeof q === 'object') {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
    url += '?' + params.toString();
  }
  return url;
}

// --- fetch over canned rules, as node-fetch 2 would send the request ------------------

function makeFetch(rules, records) {
  return async function fetch(input, init = {}) {
    const url = String(input && input.href ? input.href : input).split('#')[0];
    const method = String(init.method || 'GET').toUpperCase();
    const headers = {};
    const given = init.headers instanceof Headers ? [...init.headers]
      : Array.isArray(init.headers) ? init.headers : Object.entries(init.headers || {});
    for (const [k, v] of given) {
      const key = String(k).toLowerCase();
      headers[key] = key in headers ? `${headers[key]}, ${v}` : String(v);
    }
    let body = null;
    if (init.body !== undefined && init.body !== null) {
      if (init.body instanceof URLSearchParams) {
        body = init.body.toString();
        if (!('content-type' in headers)) headers['content-type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
      } else if (Buffer.isBuffer(init.body) || ArrayBuffer.isView(init.body)) {
        body = Buffer.from(init.body.buffer, init.body.byteOffset, init.body.byteLength).toString('utf8');
      } else {
        body = String(init.body);
        if (!('content-type' in headers)) headers['content-type'] = 'text/plain;charset=UTF-8';
      }
    }
    if (!('accept' in headers)) headers.accept = '*/*';
    const record = { method, url, headers, body, status: null };
    records.push(record);
    const rule = rules.find((r) => (!r.method || r.method.toUpperCase() === method) && (!r.url || new RegExp(r.url).test(url)));
    if (!rule) {
      const err = new Error(`request to ${url} failed, reason: no route`);
      err.name = 'FetchError'; err.type = 'system'; err.code = 'ENOTFOUND';
      throw err;
    }
    record.status = rule.status || 200;
    const text = typeof rule.body === 'string' ? rule.body : rule.body === undefined ? '' : JSON.stringify(rule.body);
    const replyHeaders = { ...(rule.headers || {}) };
    if (typeof rule.body !== 'string' && rule.body !== undefined && !Object.keys(replyHeaders).some((k) => k.toLowerCase() === 'content-type')) {
      replyHeaders['content-type'] = 'application/json';
    }
    const nullBody = [101, 204, 205, 304].includes(record.status);  // the Fetch standard forbids a body there
    return new Response(nullBody ? null : text, { status: record.status, headers: replyHeaders });
  };
}

// --- one case -------------------------------------------------------------------------

const EVENT_HANDLERS = { identify: 'onIdentify', track: 'onTrack', page: 'onPage', screen: 'onScreen', group: 'onGroup', alias: 'onAlias', delete: 'onDelete' };

function category(error) {
  switch (error && error.name) {
    case 'ValidationError': case 'InvalidEventPayload': return 'Message Rejected';
    case 'EventNotSupported': return 'Unsupported Event Type';
    case 'RetryError': return 'Retry';
    default: return 'Bad Request';
  }
}

async function runCase(spec) {
  const state = { events: [], objects: [], logs: [] };
  const records = [];
  const errors = errorClasses();
  const rules = spec.mock_fetch ? JSON.parse(fs.readFileSync(spec.mock_fetch, 'utf8')) : [];
  const console = {};
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    console[level] = (...args) => state.logs.push({ level, message: util.format(...args) });
  }
  const globals = {
    ...errors, Segment: makeSegment(state, errors), console, fetch: makeFetch(rules, records),
    Headers, URL, URLSearchParams, Response, Request, Buffer, crypto: nodeCrypto,
    atob: (s) => Buffer.from(s, 'base64').toString('binary'),
    btoa: (s) => (Buffer.isBuffer(s) ? s : Buffer.from(s.toString(), 'binary')).toString('base64'),
    setTimeout, clearTimeout, setInterval, clearInterval, exports: {},
  };
  globals.window = globals;
  const context = vm.createContext(globals);
  const out = { ok: false, kind: 'source', events: [], objects: [], return: null, error: null, logs: state.logs, requests: records };
  let settings = spec.settings ? JSON.parse(fs.readFileSync(spec.settings, 'utf8')) : null;
  try {
    vm.runInContext(fs.readFileSync(spec.handler, 'utf8'), context, { filename: spec.handler });
    const lookup = (name) => vm.runInContext(`typeof ${name} === 'function' ? ${name} : undefined`, context);
    if (spec.event) {
      out.kind = 'destination';
      let event = JSON.parse(fs.readFileSync(spec.event, 'utf8'));
      if (!Array.isArray(event) && !('type' in event) && event.event && typeof event.event === 'object') {
        settings = settings || event.settings; event = event.event;
      }
      settings = settings || {};
      let value;
      if (Array.isArray(event)) {
        const onBatch = lookup('onBatch');
        if (!onBatch) throw new errors.EventNotSupported('batch not supported');
        value = await onBatch(event, settings);
      } else if (EVENT_HANDLERS[event.type]) {
        const handler = lookup(EVENT_HANDLERS[event.type]);
        if (!handler) throw new errors.EventNotSupported(`${event.type} not supported`);
        value = await handler(event, settings);
      }
      out.return = value === undefined ? null : JSON.parse(JSON.stringify(value));
    } else {
      const file = JSON.parse(fs.readFileSync(spec.payload, 'utf8'));
      const p = file.payload;
      settings = settings || file.settings || {};
      const onRequest = lookup('onRequest');
      const legacy = globals.exports && globals.exports.processEvents;
      if (onRequest) {
        await onRequest(new ServerRequest(p.body, p.headers || {}, requestUrl(p)), settings);
        out.events = JSON.parse(JSON.stringify(state.events));
        out.objects = JSON.parse(JSON.stringify(state.objects));
      } else if (typeof legacy === 'function') {
        out.kind = 'legacy';
        const query = typeof p.queryParameters === 'string'
          ? Object.fromEntries(new URLSearchParams(p.queryParameters)) : (p.queryParameters || {});
        const returned = (await legacy({ payload: { body: p.body, headers: p.headers || {}, queryParameters: query } })) || {};
        out.events = JSON.parse(JSON.stringify(Array.isArray(returned.events) ? returned.events : []));
        out.objects = JSON.parse(JSON.stringify(Array.isArray(returned.objects) ? returned.objects : []));
      } else {
        throw new errors.EventNotSupported('request not supported');
      }
    }
    out.ok = true;
  } catch (error) {
    out.events = []; out.objects = [];
    out.error = { name: error && error.name !== undefined ? String(error.name) : 'Error',
                  message: error && error.message !== undefined ? String(error.message) : String(error),
                  type: category(error) };
  }
  return out;
}

async function main() {
  const cases = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const results = [];
  for (const spec of cases) results.push(await runCase(spec));
  process.stdout.write(JSON.stringify(results));
}

main();
