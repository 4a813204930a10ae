// setTimeout / setInterval / clearTimeout / clearInterval / queueMicrotask.
// https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#timers
// with Node's shape: the functions return a Timeout object (ref/unref/hasRef/
// refresh, and a primitive value that is its numeric id) and a delay below 1 or
// above 2^31-1 becomes 1 ms, as in Node 20 (lib/internal/timers.js).
//
// Timers live in JS. The host loop asks for the next due time after each turn
// and calls `internals.timers.fireOne()` once it has passed, draining the
// microtask queue between two callbacks as Node does.

const TIMEOUT_MAX = 2 ** 31 - 1;

let nextTimerId = 1;
let sequence = 0;
let active = new Map();  // id -> Timeout

class Timeout {
  #id;
  constructor(id, callback, delay, args, repeat) {
    this.#id = id;
    this._callback = callback;
    this._delay = delay;
    this._args = args;
    this._repeat = repeat;
    this._due = 0;
    this._seq = 0;
    this._ref = true;
  }
  ref() { this._ref = true; return this; }
  unref() { this._ref = false; return this; }
  hasRef() { return this._ref; }
  refresh() {
    if (active.has(this.#id)) schedule(this);
    return this;
  }
  close() { clear(this); return this; }
  [Symbol.toPrimitive]() { return this.#id; }
  get _id() { return this.#id; }
}

function schedule(timer) {
  timer._due = Date.now() + timer._delay;
  timer._seq = sequence++;
  active.set(timer._id, timer);
}

function normaliseDelay(delay) {
  delay = Number(delay);
  if (!(delay >= 1 && delay <= TIMEOUT_MAX)) return 1;  // NaN included
  return Math.trunc(delay);
}

function checkCallback(callback) {
  if (typeof callback !== "function") {
    const err = new TypeError(`The "callback" argument must be of type function. Received ${describe(callback)}`);
    err.code = "ERR_INVALID_ARG_TYPE";
    throw err;
  }
}

function describe(value) {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "string") return `type string ('${value}')`;
  if (typeof value === "object") return "an instance of " + ((value.constructor && value.constructor.name) || "Object");
  return `type ${typeof value} (${String(value)})`;
}

function setTimeout(callback, delay, ...args) {
  checkCallback(callback);
  const timer = new Timeout(nextTimerId++, callback, normaliseDelay(delay), args, false);
  schedule(timer);
  return timer;
}

function setInterval(callback, delay, ...args) {
  checkCallback(callback);
  const timer = new Timeout(nextTimerId++, callback, normaliseDelay(delay), args, true);
  schedule(timer);
  return timer;
}

function clear(timer) {
  if (timer === null || timer === undefined) return;
  const id = typeof timer === "object" ? timer[Symbol.toPrimitive]?.() : Number(timer);
  active.delete(id);
}

function clearTimeout(timer) { clear(timer); }
function clearInterval(timer) { clear(timer); }

// https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#microtask-queuing
function queueMicrotask(callback) {
  checkCallback(callback);
  Promise.resolve().then(() => callback());
}

// The earliest timer: smallest due time, then creation order (Node's lists run
// in insertion order for equal expiry).
function earliest() {
  let best = null;
  for (const timer of active.values()) {
    if (best === null || timer._due < best._due || (timer._due === best._due && timer._seq < best._seq)) best = timer;
  }
  return best;
}

internals.timers = {
  // Milliseconds until the next timer is due (0 if overdue), or -1 when none.
  nextDelay() {
    const timer = earliest();
    if (timer === null) return -1;
    return Math.max(0, timer._due - Date.now());
  },
  // Runs the earliest due timer, if any. Returns whether one ran.
  fireOne() {
    const timer = earliest();
    if (timer === null || timer._due > Date.now()) return false;
    if (timer._repeat) schedule(timer);
    else active.delete(timer._id);
    const callback = timer._callback;
    try {
      callback.apply(undefined, timer._args);
    } catch (error) {
      // An exception thrown by a timer callback is an uncaught exception: in Node
      // (and so in Segment's Lambda runtime) it fails the invocation.
      internals.uncaught(error);
    }
    return true;
  },
  // Timers do not outlive their invocation.
  reset() {
    if (active.size !== 0) active = new Map();
  },
};

internals.defineGlobal("setTimeout", setTimeout);
internals.defineGlobal("setInterval", setInterval);
internals.defineGlobal("clearTimeout", clearTimeout);
internals.defineGlobal("clearInterval", clearInterval);
internals.defineGlobal("queueMicrotask", queueMicrotask);
