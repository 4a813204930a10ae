// jshost runtime bootstrap. Runs first in every slot and fills `internals`, the
// runtime's private namespace, with what the other polyfill files share:
//   - defineGlobal / defineLazyGlobal: how runtime globals are installed;
//   - the host-op queue (startOp / op / cancelOp / settle), the only way JS asks
//     Python for I/O (DESIGN.md "Host ops": JS never calls Python);
//   - the per-invocation state (console lines, Segment messages, entropy);
//   - Node-style stack traces that show only the user's frames.
// Nothing here is reachable from user code: `internals` lives in the bundle's closure.

const ObjectDefineProperty = Object.defineProperty;
const JSONStringify = JSON.stringify;
const JSONParse = JSON.parse;
internals.JSONStringify = JSONStringify;
internals.JSONParse = JSONParse;
// The engine's own WHATWG atob/btoa (fast codecs for encoding.js), taken before
// base64.js installs Segment's npm versions under those names.
internals.nativeAtob = typeof globalThis.atob === "function" ? globalThis.atob : undefined;
internals.nativeBtoa = typeof globalThis.btoa === "function" ? globalThis.btoa : undefined;

// ---------------------------------------------------------------------------
// Globals
// ---------------------------------------------------------------------------

// Runtime globals are writable, configurable and non-enumerable, as Web IDL
// interface objects and Node's globals are, so user code may shadow them.
// https://webidl.spec.whatwg.org/#es-interfaces
internals.defineGlobal = function defineGlobal(name, value) {
  ObjectDefineProperty(globalThis, name, {
    value,
    writable: true,
    enumerable: false,
    configurable: true,
  });
};

// A global whose value is built on first use, so a function that never touches
// it pays nothing for it. The first read replaces the accessor with a plain value.
internals.defineLazyGlobal = function defineLazyGlobal(name, factory) {
  ObjectDefineProperty(globalThis, name, {
    get() {
      const value = factory();
      internals.defineGlobal(name, value);
      return value;
    },
    set(value) {
      internals.defineGlobal(name, value);
    },
    enumerable: false,
    configurable: true,
  });
};

// A polyfill file compiled on first use (jshost/polyfills.py, LAZY): accessors
// for the globals and internals it defines load it when read. The source is
// evaluated past lineBase so its frames count as runtime frames. A value user
// code assigned to one of those globals before the load is kept.
let lazyPrefix = null;
internals.lazyFiles = Object.create(null);
const lazySources = new Map();  // name -> source text, sent by the host ("source" command)
internals.lazyFile = function lazyFile(name, globals, provides) {
  let loaded = false;
  const userValues = new Map();
  const getters = new Set();
  function load() {
    if (loaded) return;
    loaded = true;
    for (const key of globals) {
      const desc = Object.getOwnPropertyDescriptor(globalThis, key);
      if (desc !== undefined && getters.has(desc.get)) delete globalThis[key];
    }
    for (const key of provides) delete internals[key];
    const source = lazySources.get(name);
    if (source === undefined) throw new Error(`jshost: the runtime file ${name} was never handed to this slot`);
    if (lazyPrefix === null) lazyPrefix = "\n".repeat(internals.lineBase);
    const body = (0, eval)(`${lazyPrefix}(function (internals) {"use strict";\n${source}\n})`);
    body(internals);
    for (const [key, value] of userValues) internals.defineGlobal(key, value);
  }
  for (const key of globals) {
    const get = function () { load(); return globalThis[key]; };
    getters.add(get);
    ObjectDefineProperty(globalThis, key, {
      get,
      set(value) { userValues.set(key, value); internals.defineGlobal(key, value); },
      enumerable: false,
      configurable: true,
    });
  }
  for (const key of provides) {
    ObjectDefineProperty(internals, key, {
      get() { load(); return internals[key]; },
      set(value) { ObjectDefineProperty(internals, key, { value, writable: true, enumerable: true, configurable: true }); },
      enumerable: true,
      configurable: true,
    });
  }
  internals.lazyFiles[name] = load;
};

// Segment's runtime hands user code a `window` that is its own global object
// (buildpack/boreal: `contextWindow.window = contextWindow`).
internals.defineGlobal("window", globalThis);

// ---------------------------------------------------------------------------
// Per-invocation state
// ---------------------------------------------------------------------------

internals.maxLogBytes = 1024 * 1024;

internals.newState = function newState() {
  return {
    logs: [],        // [{level, message}] not yet handed to the host
    logBytes: 0,
    logsTruncated: false,
    events: [],      // Segment.track/identify/... messages, in call order
    objects: [],     // Segment.set objects
    entropy: "",     // hex string from the host: the seed of crypto randomness
  };
};
internals.state = internals.newState();

// One console line. Output past maxLogBytes is dropped with one notice, so a
// function that logs in a loop cannot exhaust the host's memory.
internals.log = function log(level, message) {
  const state = internals.state;
  if (state.logsTruncated) return;
  state.logBytes += message.length;
  if (state.logBytes > internals.maxLogBytes) {
    state.logsTruncated = true;
    state.logs.push({ level: "warn", message: `[jshost] console output past ${internals.maxLogBytes} bytes was dropped` });
    return;
  }
  state.logs.push({ level, message });
};

// An exception nothing caught (thrown by a timer callback): it fails the
// invocation, as an uncaught exception fails a Node Lambda invocation.
internals.uncaught = function uncaught(error) {
  if (internals.state.uncaught === undefined) internals.state.uncaught = error;
};

// ---------------------------------------------------------------------------
// Host ops: message passing to Python (DESIGN.md "Host ops")
// ---------------------------------------------------------------------------

let nextOpId = 1;
let pendingOps = new Map();  // id -> { resolve, reject }
let opOutbox = [];           // [{id, op, args}] not yet taken by the host

// Queues `op` for the host and returns {id, promise}. The promise settles when the
// host calls `settle` with this id. Ops are named by area and verb ("fetch.start").
internals.startOp = function startOp(op, args) {
  const id = nextOpId++;
  let resolve, reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  pendingOps.set(id, { resolve, reject });
  opOutbox.push({ id, op, args: args === undefined ? null : args });
  return { id, promise };
};

internals.op = function op(name, args) {
  return internals.startOp(name, args).promise;
};

// Asks the host to stop an op; its promise is settled by the caller, not the host.
internals.cancelOp = function cancelOp(id) {
  if (pendingOps.delete(id)) opOutbox.push({ id, op: "cancel", args: null });
};

// An Error built from the host's description of a failed op: {name, message, ...fields}.
internals.hostError = function hostError(desc) {
  const err = new Error(desc && desc.message !== undefined ? String(desc.message) : "host operation failed");
  if (desc && typeof desc === "object") {
    for (const key of Object.keys(desc)) {
      if (key !== "message" && key !== "stack") err[key] = desc[key];
    }
  }
  return err;
};

internals.takeOps = function takeOps() {
  const ops = opOutbox;
  opOutbox = [];
  return ops;
};

// items: [{id, ok, value} | {id, ok: false, error: {name, message, ...}}]
internals.settle = function settle(items) {
  for (const item of items) {
    const entry = pendingOps.get(item.id);
    if (!entry) continue;  // cancelled meanwhile
    pendingOps.delete(item.id);
    if (item.ok) entry.resolve(item.value);
    else entry.reject(internals.hostError(item.error));
  }
};

// Forget every op of the previous invocation: their promises never settle.
internals.resetOps = function resetOps() {
  if (pendingOps.size !== 0) pendingOps = new Map();
  if (opOutbox.length !== 0) opOutbox = [];
};

// ---------------------------------------------------------------------------
// Stack traces (V8/Node format, user frames only)
// ---------------------------------------------------------------------------

// The user's file name as shown in frames; set by the host before user code runs.
internals.userFile = "handler.js";
// Frames at or past lineBase are the runtime's own code (see jshost/polyfills.py).
const lineBase = internals.lineBase;

// V8 formats `err.stack` lazily, so a name set after `super()` shows in it
// (`class A extends Error { constructor(m) { super(m); this.name = 'A' } }`).
// QuickJS calls prepareStackTrace at construction; we remember the header it saw
// and swap in the current one when the stack is read by the runtime.
const stackHeaders = new WeakMap();

// https://tc39.es/ecma262/#sec-error.prototype.tostring
function errorHeader(error) {
  let name, message;
  try { name = error.name; } catch { name = undefined; }
  try { message = error.message; } catch { message = undefined; }
  name = name === undefined ? "Error" : String(name);
  message = message === undefined ? "" : String(message);
  if (name === "") return message;
  if (message === "") return name;
  return `${name}: ${message}`;
}

function formatFrame(site) {
  if (site.isNative()) return null;
  const line = site.getLineNumber();
  if (typeof line !== "number" || line >= lineBase) return null;
  const location = `${internals.userFile}:${line}:${site.getColumnNumber()}`;
  let name = site.getFunctionName();
  if (!name || name === "<eval>" || name === "<anonymous>") return `    at ${location}`;
  return `    at ${name} (${location})`;
}

internals.stackTraceLimit = 10;
Error.stackTraceLimit = 50;  // collected past runtime frames, trimmed to 10 user frames

// The constructors an error was built by (its class and the classes it extends).
function constructorsOf(error) {
  const found = new Set();
  let proto = error !== null && typeof error === "object" ? Object.getPrototypeOf(error) : null;
  while (proto !== null && proto !== Object.prototype) {
    const ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") ? proto.constructor : undefined;
    if (typeof ctor === "function") found.add(ctor);
    proto = Object.getPrototypeOf(proto);
  }
  return found;
}

function prepareStackTrace(error, sites) {
  internals.lastError = error;
  const header = errorHeader(error);
  const frames = [];
  // V8 starts the trace where `new X()` was called: the frames of X's own
  // constructor (and of the classes it extends) are not shown.
  let first = 0;
  if (sites.length > 1) {
    const ctors = constructorsOf(error);
    while (first < sites.length - 1 && ctors.has(sites[first].getFunction())) first++;
  }
  for (let i = first; i < sites.length; i++) {
    const site = sites[i];
    const frame = formatFrame(site);
    if (frame !== null) frames.push(frame);
    if (frames.length >= internals.stackTraceLimit) break;
  }
  if (error !== null && typeof error === "object") stackHeaders.set(error, header);
  return frames.length ? `${header}\n${frames.join("\n")}` : header;
}
// Plain assignment: QuickJS keeps prepareStackTrace behind an accessor on Error,
// which defineProperty would replace with an inert data property.
Error.prepareStackTrace = prepareStackTrace;

// The stack of `error` as Node would print it: its header reflects the error's
// current name and message.
internals.errorStack = function errorStack(error) {
  let stack;
  try { stack = error.stack; } catch { stack = undefined; }
  if (typeof stack !== "string") return errorHeader(error);
  const seen = stackHeaders.get(error);
  if (seen !== undefined && stack.startsWith(seen)) {
    return errorHeader(error) + stack.slice(seen.length);
  }
  return stack;
};

internals.errorHeader = errorHeader;

// Built-in commands the host may send; entry.js adds the invocation protocol.
internals.commands = Object.create(null);

// "source": "<file name>\n<source text>" of a lazily loaded runtime file.
internals.commands.source = (text) => {
  const cut = text.indexOf("\n");
  lazySources.set(text.slice(0, cut), text.slice(cut + 1));
};

// The one function Python calls: host(command, argumentText) -> resultText.
// Only JSON text crosses the boundary (DESIGN.md).
internals.host = function host(command, argument) {
  const handler = internals.commands[command];
  if (handler === undefined) throw new Error(`jshost: unknown host command ${command}`);
  const result = handler(argument);
  // A long concatenation is a rope string in QuickJS-ng, which the Python binding
  // cannot convert ("Unknown quickjs tag: -6"); slice() hands back a flat copy.
  return result === undefined ? "" : result.slice(0);
};
