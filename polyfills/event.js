// Event and EventTarget, as Node 20 exposes them (AbortSignal is an EventTarget).
// https://dom.spec.whatwg.org/#interface-event
// https://dom.spec.whatwg.org/#interface-eventtarget
// There is no DOM tree here, so dispatch has no capture/bubble path: listeners of
// the target run in registration order.

const kStop = Symbol("stopImmediatePropagation");
const kListeners = Symbol("listeners");

class Event {
  #type;
  #bubbles;
  #cancelable;
  #composed;
  #defaultPrevented = false;
  #timeStamp = Date.now();
  constructor(type, options = undefined) {
    if (arguments.length === 0) {
      const err = new TypeError('The "type" argument must be specified');
      err.code = "ERR_MISSING_ARGS";
      throw err;
    }
    this.#type = String(type);
    this.#bubbles = !!(options && options.bubbles);
    this.#cancelable = !!(options && options.cancelable);
    this.#composed = !!(options && options.composed);
    this[kStop] = false;
    this.target = null;
    this.currentTarget = null;
  }
  get type() { return this.#type; }
  get bubbles() { return this.#bubbles; }
  get cancelable() { return this.#cancelable; }
  get composed() { return this.#composed; }
  get defaultPrevented() { return this.#cancelable && this.#defaultPrevented; }
  get timeStamp() { return this.#timeStamp; }
  get eventPhase() { return this.currentTarget === null ? 0 : 2; }
  get isTrusted() { return false; }
  get returnValue() { return !this.defaultPrevented; }
  preventDefault() { this.#defaultPrevented = true; }
  stopPropagation() {}
  stopImmediatePropagation() { this[kStop] = true; }
  composedPath() { return this.currentTarget ? [this.currentTarget] : []; }
  get [Symbol.toStringTag]() { return "Event"; }
}
Event.NONE = 0;
Event.CAPTURING_PHASE = 1;
Event.AT_TARGET = 2;
Event.BUBBLING_PHASE = 3;

class EventTarget {
  constructor() {
    Object.defineProperty(this, kListeners, { value: new Map(), enumerable: false });
  }

  // https://dom.spec.whatwg.org/#dom-eventtarget-addeventlistener
  addEventListener(type, listener, options = undefined) {
    if (listener === null || listener === undefined) return;
    const once = typeof options === "object" && options !== null && !!options.once;
    const capture = typeof options === "boolean" ? options : !!(options && options.capture);
    const signal = typeof options === "object" && options !== null ? options.signal : undefined;
    if (signal && signal.aborted) return;
    type = String(type);
    let list = this[kListeners].get(type);
    if (list === undefined) this[kListeners].set(type, (list = []));
    if (list.some((entry) => entry.listener === listener && entry.capture === capture)) return;
    const entry = { listener, capture, once, removed: false };
    list.push(entry);
    if (signal) signal.addEventListener("abort", () => this.removeEventListener(type, listener, { capture }), { once: true });
  }

  removeEventListener(type, listener, options = undefined) {
    const capture = typeof options === "boolean" ? options : !!(options && options.capture);
    const list = this[kListeners].get(String(type));
    if (list === undefined) return;
    const index = list.findIndex((entry) => entry.listener === listener && entry.capture === capture);
    if (index >= 0) {
      list[index].removed = true;
      list.splice(index, 1);
    }
  }

  // https://dom.spec.whatwg.org/#concept-event-dispatch (target phase only)
  dispatchEvent(event) {
    if (!(event instanceof Event)) {
      const err = new TypeError('The "event" argument must be an instance of Event. Received ' + typeof event);
      err.code = "ERR_INVALID_ARG_TYPE";
      throw err;
    }
    event.target = this;
    event.currentTarget = this;
    const handlerName = "on" + event.type;
    const list = (this[kListeners].get(event.type) || []).slice();
    for (const entry of list) {
      if (entry.removed) continue;
      if (entry.once) this.removeEventListener(event.type, entry.listener, { capture: entry.capture });
      invoke(this, entry.listener, event);
      if (event[kStop]) break;
    }
    // The event handler attribute (signal.onabort) runs after listeners added earlier.
    const attribute = Object.prototype.hasOwnProperty.call(this, handlerName) ? this[handlerName] : undefined;
    if (typeof attribute === "function" && !event[kStop]) invoke(this, attribute, event);
    event.currentTarget = null;
    return !event.defaultPrevented;
  }

  get [Symbol.toStringTag]() { return "EventTarget"; }
}

// An exception in a listener does not stop dispatch; in Node it becomes an
// uncaught exception, which fails the invocation.
function invoke(target, listener, event) {
  try {
    if (typeof listener === "function") listener.call(target, event);
    else if (listener && typeof listener.handleEvent === "function") listener.handleEvent(event);
  } catch (error) {
    internals.uncaught(error);
  }
}

internals.Event = Event;
internals.EventTarget = EventTarget;
internals.defineGlobal("Event", Event);
internals.defineGlobal("EventTarget", EventTarget);
