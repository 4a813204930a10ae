// The library globals of a function (`_`, `moment`, `xml2js`, ...; docs 004, "Runtime and
// dependencies") and the files behind them. Compiled on first use (jshost/polyfills.py, LAZY):
// when the host sends the "libraries" command (libraries.js), which only the slots of a
// function naming a library get. The command's text (jshost/libraries.py, LibraryPlan.payload):
//   line 1: {"globals": {name: {require, as}}, "missing": {name: message}}
//   line 2: [path, length, path, length, ...] of the library files
//   then the files back to back, under virtual paths like "/node_modules/lodash/lodash.js".
// The files stay in that one string: the index is parsed when the loader (module.js) first
// looks for a file, and a file is cut out only when it is first required.

let fileText = "";
let indexStart = -1, indexEnd = -1;
let fileSpans = null;  // virtual path -> [start, end], built on first use

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

internals.libraryFiles = {
  has: (path) => spans().has(path),
  read(path) {
    const span = spans().get(path);
    return span === undefined ? undefined : fileText.slice(span[0], span[1]);
  },
};

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

// The "libraries" command (see the top of this file).
internals.installLibraries = (text) => {
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
  // A library that is not installed: its use fails with a sentence saying what to run.
  for (const name of Object.keys(plan.missing)) {
    const message = `jshost: ${plan.missing[name]}`;
    Object.defineProperty(globalThis, name, {
      get() { throw new Error(message); },
      set(value) { internals.defineGlobal(name, value); },
      enumerable: false,
      configurable: true,
    });
  }
};
