// Node's `timers` and `timers/promises` modules, for library code, over the runtime's timers
// (timers.js). https://nodejs.org/docs/latest-v20.x/api/timers.html
// setImmediate runs its callback in a later turn, after the microtasks queued before it, as
// Node's check phase does (here: a 0 ms timer, so it also waits for timers already due).

const { setTimeout, clearTimeout, setInterval, clearInterval } = internals.runtimeTimers;

function setImmediate(callback, ...args) {
  if (typeof callback !== "function") throw internals.invalidArgType("callback", "Function", callback);
  return setTimeout(callback, 0, ...args);
}

function clearImmediate(immediate) {
  clearTimeout(immediate);
}

// Node's AbortError (lib/internal/errors.js): what an aborted timer promise rejects with.
class AbortError extends Error {
  constructor(message = "The operation was aborted", options = undefined) {
    super(message, options);
    this.code = "ABORT_ERR";
    this.name = "AbortError";
  }
}

function validateSignal(options) {
  if (options === undefined) return undefined;
  if (options === null || typeof options !== "object") throw internals.invalidArgType("options", "Object", options);
  const signal = options.signal;
  if (signal !== undefined && !internals.isAbortSignal(signal)) {
    throw internals.invalidArgType("options.signal", "AbortSignal", signal);
  }
  return signal;
}

// A promise settled by `start(resolve)` unless `signal` aborts first.
function abortable(signal, start, cancel) {
  if (signal !== undefined && signal.aborted) {
    return Promise.reject(new AbortError(undefined, { cause: signal.reason }));
  }
  return new Promise((resolve, reject) => {
    let onAbort = null;
    const handle = start((value) => {
      if (onAbort !== null) signal.removeEventListener("abort", onAbort);
      resolve(value);
    });
    if (signal !== undefined) {
      onAbort = () => { cancel(handle); reject(new AbortError(undefined, { cause: signal.reason })); };
      signal.addEventListener("abort", onAbort, { once: true });
    }
  });
}

const promises = {
  setTimeout(delay, value, options) {
    const signal = validateSignal(options);
    return abortable(signal, (done) => setTimeout(() => done(value), delay), clearTimeout);
  },
  setImmediate(value, options) {
    const signal = validateSignal(options);
    return abortable(signal, (done) => setImmediate(() => done(value)), clearImmediate);
  },
  // An async iterator yielding `value` every `delay` ms.
  async *setInterval(delay, value, options) {
    const signal = validateSignal(options);
    if (signal !== undefined && signal.aborted) throw new AbortError(undefined, { cause: signal.reason });
    let ticks = 0;
    let wake = null;
    const timer = setInterval(() => { ticks++; if (wake !== null) { wake(); wake = null; } }, delay);
    let onAbort = null;
    const aborted = signal === undefined ? null : new Promise((resolve, reject) => {
      onAbort = () => reject(new AbortError(undefined, { cause: signal.reason }));
      signal.addEventListener("abort", onAbort, { once: true });
    });
    try {
      for (;;) {
        if (ticks === 0) {
          const tick = new Promise((resolve) => { wake = resolve; });
          await (aborted === null ? tick : Promise.race([tick, aborted]));
        }
        ticks--;
        yield value;
      }
    } finally {
      clearInterval(timer);
      if (onAbort !== null) signal.removeEventListener("abort", onAbort);
    }
  },
  scheduler: {
    wait: (delay, options) => promises.setTimeout(delay, undefined, options),
    yield: () => promises.setImmediate(),
  },
};

internals.node_timers = {
  setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, clearImmediate, promises,
};
