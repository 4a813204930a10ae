// Handler discovery and the invocation protocol between the host and a slot.
//
// Commands (host(command, text) -> text; see jshost/engine.py):
//   configure {userFile, maxLogBytes, entropy}   before user code runs
//   discover                            after user code ran: which entry points exist
//   loadError <exception text>          describe what user code threw while loading
//   invoke {mode, input, settings, entropy}
//   settle [{id, ok, value | error}]    results of host ops
//   timer                               run the earliest due timer, if any
//   poll                                state after the turn: done?, new ops, console lines
//
// Entry points are found by name, as Segment does (RUNTIME-FACTS "Loading user
// code"): onRequest (source); onIdentify ... onDelete and onBatch (destination);
// exports.processEvents (legacy source).

const { EventNotSupported } = internals.errors;
const JSONStringify = internals.JSONStringify;
const JSONParse = internals.JSONParse;

// Segment's event types and the handler each selects (buildpack/boreal `eventNames`).
const EVENT_HANDLERS = Object.assign(Object.create(null), {
  identify: "onIdentify",
  track: "onTrack",
  page: "onPage",
  screen: "onScreen",
  group: "onGroup",
  alias: "onAlias",
  delete: "onDelete",
});
const HANDLER_NAMES = ["onRequest", ...Object.values(EVENT_HANDLERS), "onBatch"];

// Legacy sources assign `exports.processEvents`; Segment's docs keep them working.
const legacyExports = {};
internals.defineGlobal("exports", legacyExports);

let handlers = Object.create(null);

// Looks a name up in the global scope, so `function onTrack`, `var`, `let` and
// `const` declarations of the user's script are all found.
function lookupGlobal(name) {
  try {
    return (0, eval)(`typeof ${name} === "function" ? ${name} : undefined`);
  } catch {
    return undefined;
  }
}

const commands = internals.commands;

commands.configure = (text) => {
  const options = JSONParse(text);
  if (typeof options.userFile === "string") internals.userFile = options.userFile;
  if (typeof options.maxLogBytes === "number") internals.maxLogBytes = options.maxLogBytes;
  // Fresh entropy before user code runs, so randomness drawn by top-level code is sound.
  if (typeof options.entropy === "string") internals.state.entropy = options.entropy;
};

commands.discover = () => {
  handlers = Object.create(null);
  for (const name of HANDLER_NAMES) {
    const fn = lookupGlobal(name);
    if (fn !== undefined) handlers[name] = fn;
  }
  let exported = globalThis.exports;
  if (exported && typeof exported.processEvents === "function") handlers.processEvents = exported.processEvents;
  return JSONStringify({ handlers: Object.keys(handlers) });
};

// The binding reports an exception as `String(value) + "\n" + String(value.stack)`.
// When that text is the last Error the runtime saw being created, describe that
// error; otherwise the thrown value was not an Error and the text is all there is.
commands.loadError = (text) => {
  const last = internals.lastError;
  if (last !== undefined && last !== null) {
    let head;
    try { head = String(last); } catch { head = undefined; }
    if (head !== undefined && text.startsWith(head + "\n")) {
      internals.lastError = undefined;
      return JSONStringify(internals.describeError(last));
    }
  }
  const cut = text.lastIndexOf("\nundefined");
  const message = cut >= 0 ? text.slice(0, cut) : text;
  return JSONStringify({ name: "Error", message, type: "Bad Request", stack: "" });
};

// --- one invocation -----------------------------------------------------------

async function run(mode, input, settings) {
  switch (mode) {
    case "source": {
      const fn = handlers.onRequest;
      if (typeof fn !== "function") throw new EventNotSupported("request not supported");
      const request = internals.buildRequest(input);
      await fn(request, settings);
      return undefined;  // a source's own return value is discarded
    }
    case "destination": {
      const event = input;
      const type = event !== null && typeof event === "object" ? event.type : undefined;
      const name = typeof type === "string" ? EVENT_HANDLERS[type] : undefined;
      if (name === undefined) return undefined;  // unknown types: nothing runs, no error
      const fn = handlers[name];
      if (typeof fn !== "function") throw new EventNotSupported(`${type} not supported`);
      return await fn(event, settings);
    }
    case "batch": {
      const fn = handlers.onBatch;
      if (typeof fn !== "function") throw new EventNotSupported("batch not supported");
      return await fn(input, settings);
    }
    case "legacy": {
      const fn = handlers.processEvents;
      if (typeof fn !== "function") throw new EventNotSupported("request not supported");
      return await fn({ payload: input });
    }
    case "eval":
      // For tests and tools: evaluate a script in the global scope and await it.
      return await (0, eval)(input);
    default:
      throw new Error(`jshost: unknown invocation mode ${mode}`);
  }
}

let current = null;  // {mode, done: null | text}

function failure(error) {
  return JSONStringify({ ok: false, error: internals.describeError(error) });
}

// Serialises the outcome once, when the handler settles: messages are sent only
// when the handler completes (RUNTIME-FACTS "Segment.*"), as JSON (a Date becomes
// its ISO string).
function success(mode, value) {
  const state = internals.state;
  let events = state.events;
  let objects = state.objects;
  let returned = value;
  if (mode === "legacy") {
    const out = value !== null && typeof value === "object" ? value : {};
    events = Array.isArray(out.events) ? out.events : [];
    objects = Array.isArray(out.objects) ? out.objects : [];
    returned = undefined;
  } else if (mode !== "source") {
    events = [];
    objects = [];
  }
  try {
    const text = JSONStringify({ ok: true, value: returned === undefined ? null : returned, events, objects });
    return text === undefined ? JSONStringify({ ok: true, value: null, events, objects }) : text;
  } catch (error) {
    const what = mode === "source" || mode === "legacy" ? "the messages" : "the handler's return value";
    return failure(new TypeError(`${what} could not be serialised to JSON: ${error && error.message}`));
  }
}

commands.invoke = (text) => {
  const { mode, input, settings, entropy } = JSONParse(text);
  internals.resetOps();
  internals.timers.reset();
  internals.state = internals.newState();
  internals.state.entropy = typeof entropy === "string" ? entropy : "";
  const invocation = { mode, done: null };
  current = invocation;
  let promise;
  try {
    promise = run(mode, input, settings === null || settings === undefined ? {} : settings);
  } catch (error) {
    promise = Promise.reject(error);
  }
  promise.then(
    (value) => { if (invocation.done === null) invocation.done = success(mode, value); },
    (error) => { if (invocation.done === null) invocation.done = failure(error); },
  );
  return timersHint();
};

// "t" when a timer exists, so the host asks for due timers only when there can be one.
function timersHint() {
  return internals.timers.nextDelay() >= 0 ? "t" : "";
}

commands.settle = (text) => {
  internals.settle(JSONParse(text));
  return timersHint();
};

commands.timer = () => (current !== null && current.done === null && internals.timers.fireOne() ? "1" : "");

commands.poll = () => {
  const state = internals.state;
  if (current !== null && current.done === null && state.uncaught !== undefined) {
    current.done = failure(state.uncaught);
  }
  const done = current === null ? null : current.done;
  const logs = state.logs;
  state.logs = [];
  const ops = internals.takeOps();
  const timer = done === null ? internals.timers.nextDelay() : -1;
  if (done !== null) current = null;
  return `{"done":${done === null ? "null" : done},"ops":${JSONStringify(ops)},"logs":${JSONStringify(logs)},` +
    `"timer":${timer}}`;
};
