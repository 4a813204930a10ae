// AbortController and AbortSignal, as Node 20 exposes them; fetch honours them.
// https://dom.spec.whatwg.org/#interface-abortcontroller
// https://dom.spec.whatwg.org/#interface-AbortSignal

const { Event, EventTarget } = internals;
const kAborted = Symbol("aborted");
const kReason = Symbol("reason");
const kCreate = Symbol("create");

// https://webidl.spec.whatwg.org/#aborterror
function domException(message, name) {
  return new internals.DOMException(message, name);
}

function abortError() {
  return domException("This operation was aborted", "AbortError");
}

class AbortSignal extends EventTarget {
  constructor(key) {
    if (key !== kCreate) throw new TypeError("Illegal constructor");
    super();
    this[kAborted] = false;
    this[kReason] = undefined;
  }

  get aborted() { return this[kAborted]; }
  get reason() { return this[kReason]; }

  throwIfAborted() {
    if (this[kAborted]) throw this[kReason];
  }

  static abort(reason = undefined) {
    const signal = new AbortSignal(kCreate);
    signal[kAborted] = true;
    signal[kReason] = reason === undefined ? abortError() : reason;
    return signal;
  }

  // https://dom.spec.whatwg.org/#dom-abortsignal-timeout
  static timeout(ms) {
    const signal = new AbortSignal(kCreate);
    setTimeoutInternal(() => {
      signalAbort(signal, domException("The operation was aborted due to timeout", "TimeoutError"));
    }, ms);
    return signal;
  }

  // https://dom.spec.whatwg.org/#dom-abortsignal-any
  static any(signals) {
    const result = new AbortSignal(kCreate);
    for (const signal of signals) {
      if (signal.aborted) {
        result[kAborted] = true;
        result[kReason] = signal.reason;
        return result;
      }
    }
    for (const signal of signals) {
      signal.addEventListener("abort", () => signalAbort(result, signal.reason), { once: true });
    }
    return result;
  }

  get [Symbol.toStringTag]() { return "AbortSignal"; }

  [Symbol.for("nodejs.util.inspect.custom")](depth, options, inspect) {
    return "AbortSignal " + inspect({ aborted: this[kAborted] }, options);
  }
}

// The runtime's own setTimeout, not a global user code may have replaced.
const setTimeoutInternal = globalThis.setTimeout;

// https://dom.spec.whatwg.org/#abortsignal-signal-abort
function signalAbort(signal, reason) {
  if (signal[kAborted]) return;
  signal[kAborted] = true;
  signal[kReason] = reason === undefined ? abortError() : reason;
  signal.dispatchEvent(new Event("abort"));
}

class AbortController {
  #signal = new AbortSignal(kCreate);
  get signal() { return this.#signal; }
  abort(reason = undefined) { signalAbort(this.#signal, reason); }
  get [Symbol.toStringTag]() { return "AbortController"; }

  [Symbol.for("nodejs.util.inspect.custom")](depth, options, inspect) {
    return "AbortController { signal: " + inspect(this.#signal, options) + " }";
  }
}

internals.AbortSignal = AbortSignal;
internals.AbortController = AbortController;
internals.isAbortSignal = (value) => value instanceof AbortSignal;
internals.defineGlobal("AbortSignal", AbortSignal);
internals.defineGlobal("AbortController", AbortController);
