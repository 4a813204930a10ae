// Node's `events` module (EventEmitter), for library code (xml2js, sax, streams).
// https://nodejs.org/docs/latest-v20.x/api/events.html

const kEvents = Symbol("events");

function listenersOf(emitter) {
  if (!Object.prototype.hasOwnProperty.call(emitter, kEvents)) {
    Object.defineProperty(emitter, kEvents, { value: new Map(), enumerable: false, configurable: true });
  }
  return emitter[kEvents];
}

function EventEmitter(options) {
  listenersOf(this);
  this._maxListeners = undefined;
}

EventEmitter.defaultMaxListeners = 10;
// Listeners of errorMonitor see 'error' events before the 'error' listeners (or the throw).
const errorMonitor = Symbol("events.errorMonitor");
EventEmitter.errorMonitor = errorMonitor;
EventEmitter.captureRejections = false;
EventEmitter.captureRejectionSymbol = Symbol.for("nodejs.rejection");
EventEmitter.EventEmitter = EventEmitter;

function add(emitter, name, listener, prepend, once) {
  if (typeof listener !== "function") {
    throw internals.invalidArgType("listener", "function", listener);
  }
  const map = listenersOf(emitter);
  if (map.has("newListener")) emitter.emit("newListener", name, listener.listener || listener);
  let entry = listener;
  if (once) {
    // Node's once wrapper is `onceWrapper.bind(state)`: its name reads "bound onceWrapper".
    const state = { fired: false, emitter, name, listener };
    entry = onceWrapper.bind(state);
    entry.listener = listener;
    state.entry = entry;
  }
  const list = map.get(name) || [];
  if (prepend) list.unshift(entry); else list.push(entry);
  map.set(name, list);
  return emitter;
}

function onceWrapper(...args) {
  if (this.fired) return undefined;
  this.fired = true;
  this.emitter.removeListener(this.name, this.entry);
  return this.listener.apply(this.emitter, args);
}

Object.assign(EventEmitter.prototype, {
  on(name, listener) { return add(this, name, listener, false, false); },
  addListener(name, listener) { return add(this, name, listener, false, false); },
  prependListener(name, listener) { return add(this, name, listener, true, false); },
  once(name, listener) { return add(this, name, listener, false, true); },
  prependOnceListener(name, listener) { return add(this, name, listener, true, true); },
  removeListener(name, listener) {
    const map = listenersOf(this);
    const list = map.get(name);
    if (!list) return this;
    // The most recently added copy goes first, as in Node.
    let index = -1;
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i] === listener || list[i].listener === listener) { index = i; break; }
    }
    if (index >= 0) {
      list.splice(index, 1);
      if (list.length === 0) map.delete(name);
      if (map.has("removeListener")) this.emit("removeListener", name, listener);
    }
    return this;
  },
  off(name, listener) { return this.removeListener(name, listener); },
  removeAllListeners(name) {
    const map = listenersOf(this);
    if (name === undefined) map.clear(); else map.delete(name);
    return this;
  },
  emit(name, ...args) {
    if (name === "error" && listenersOf(this).has(errorMonitor)) this.emit(errorMonitor, ...args);
    const list = listenersOf(this).get(name);
    if (!list || list.length === 0) {
      if (name === "error") {
        const err = args[0];
        if (err instanceof Error) throw err;
        const wrapped = new Error(`Unhandled error. (${internals.inspect(err)})`);
        wrapped.code = "ERR_UNHANDLED_ERROR";
        wrapped.context = err;
        throw wrapped;
      }
      return false;
    }
    for (const listener of list.slice()) listener.apply(this, args);
    return true;
  },
  listeners(name) { return (listenersOf(this).get(name) || []).map((l) => l.listener || l); },
  rawListeners(name) { return (listenersOf(this).get(name) || []).slice(); },
  listenerCount(name) { return (listenersOf(this).get(name) || []).length; },
  eventNames() { return [...listenersOf(this).keys()]; },
  setMaxListeners(n) { this._maxListeners = n; return this; },
  getMaxListeners() { return this._maxListeners === undefined ? EventEmitter.defaultMaxListeners : this._maxListeners; },
});

// events.once(emitter, name): a promise of the next emission's arguments.
EventEmitter.once = (emitter, name) => new Promise((resolve, reject) => {
  const onError = (err) => { emitter.removeListener(name, onEvent); reject(err); };
  const onEvent = (...args) => { if (name !== "error") emitter.removeListener("error", onError); resolve(args); };
  emitter.once(name, onEvent);
  if (name !== "error") emitter.once("error", onError);
});
EventEmitter.listenerCount = (emitter, name) => emitter.listenerCount(name);

internals.node_events = EventEmitter;
