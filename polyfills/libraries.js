// The npm library globals Segment exposes (`_`, `moment`, `xml2js`, ...; docs 004, "Runtime
// and dependencies") and the files behind them. Small and eager: the CommonJS loader itself
// (module.js) is compiled only when a library is first used.
//
// The host sends one "libraries" command per slot (jshost/libraries.py, LibraryPlan.payload):
//   line 1: {"globals": {name: {require, as}}, "missing": {name: message},
//            "unsupported": {name: [library, alternative]}}
//   line 2: [path, length, path, length, ...] of the library files
//   then the files back to back.
// The files stay in that one string: the index is parsed when the loader first looks for a
// file, and a file is cut out only when it is read, so a slot that never uses a library
// pays for nothing but the string.

// The runtime's own timers, taken before user code can replace the globals: the timers
// module library code requires (node_timers.js) is built on them.
internals.runtimeTimers = {
  setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout,
  setInterval: globalThis.setInterval, clearInterval: globalThis.clearInterval,
};

let fileText = "";
let indexStart = -1, indexEnd = -1;
let fileSpans = null;  // virtual path ("/node_modules/lodash/lodash.js") -> [start, end], built on first use

function spans() {
  if (fileSpans === null) {
    fileSpans = new Map();
    const index = indexStart < 0 ? [] : internals.JSONParse(fileText.slice(indexStart, indexEnd));
    let offset = indexEnd + 1;
    for (let i = 0; i < index.length; i += 2) {
      fileSpans.set(index[i], [offset, offset + index[i + 1]]);
      offset += index[i + 1];
    }
  }
  return fileSpans;
}

internals.moduleSources = {
  has: (path) => spans().has(path),
  read(path) {
    const span = spans().get(path);
    return span === undefined ? undefined : fileText.slice(span[0], span[1]);
  },
};

// A global standing for a library that needs a real Node.js (aws-sdk, stripe, ...): reading
// it works (`typeof AWS`), using it throws one sentence naming the library and the alternative.
function unavailable(name, library, alternative) {
  const message = `${name} (${library}) is not available in jshost: it needs a real Node.js runtime; ${alternative}`;
  const fail = () => { throw new Error(message); };
  const shown = () => `[${name}: not available in jshost]`;
  return new Proxy(function () {}, {
    get(target, key) {
      if (key === Symbol.toPrimitive || key === "toString") return shown;
      if (key === Symbol.for("nodejs.util.inspect.custom")) return shown;
      if (typeof key === "symbol") return undefined;
      return fail();
    },
    apply: fail,
    construct: fail,
    set: fail,
  });
}

// A library global, loaded on first read. While a library loads, the library globals not
// loaded yet read as undefined, as they would in Node: lodash reads `root._` (for noConflict)
// while it loads, which must not load lodash again through `_` and keep its half-built exports.
let loadingLibraries = 0;
function libraryGlobal(name, factory) {
  Object.defineProperty(globalThis, name, {
    get() {
      if (loadingLibraries > 0) return undefined;
      loadingLibraries++;
      let value;
      try {
        value = factory();
      } finally {
        loadingLibraries--;
      }
      internals.defineGlobal(name, value);
      return value;
    },
    set(value) { internals.defineGlobal(name, value); },
    enumerable: false,
    configurable: true,
  });
}

internals.commands.libraries = (text) => {
  const cut = text.indexOf("\n");
  const plan = internals.JSONParse(text.slice(0, cut));
  fileText = text;
  indexStart = cut + 1;
  indexEnd = text.indexOf("\n", indexStart);
  fileSpans = null;
  for (const name of Object.keys(plan.globals)) {
    const spec = plan.globals[name];
    libraryGlobal(name, () => {
      const value = internals.require(spec.require);
      return spec.as ? { [spec.as]: value } : value;
    });
  }
  for (const name of Object.keys(plan.missing)) {
    const message = `jshost: ${plan.missing[name]}`;
    Object.defineProperty(globalThis, name, {
      get() { throw new Error(message); },
      set(value) { internals.defineGlobal(name, value); },
      enumerable: false,
      configurable: true,
    });
  }
  for (const name of Object.keys(plan.unsupported)) {
    const [library, alternative] = plan.unsupported[name];
    internals.defineLazyGlobal(name, () => unavailable(name, library, alternative));
  }
};
