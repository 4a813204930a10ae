// A CommonJS loader for library code: `require` as Node 20 resolves and runs it.
// https://nodejs.org/docs/latest-v20.x/api/modules.html#all-together
//
// Compiled on first use (jshost/polyfills.py, LAZY): when a library global is first read
// (library_globals.js). The files come from the host, under virtual paths such as
// "/node_modules/lodash/lodash.js" (internals.libraryFiles); a module is compiled the first
// time it is required, past lineBase so that its frames stay out of user stack traces.
// `require` exists only inside library code: user code keeps Segment's rule (RUNTIME-FACTS:
// no require).

const sources = internals.libraryFiles;
const cache = Object.create(null);  // resolved path -> Module (Node's require.cache)

// --- Node built-ins ---------------------------------------------------------------------

let utilModule = null;
// Node's core modules library code may require, also as "node:<name>".
const BUILTINS = {
  assert: () => internals.node_assert,
  "assert/strict": () => internals.node_assert.strict,
  buffer: () => internals.buffer,
  crypto: () => internals.node_crypto,
  events: () => internals.node_events,
  querystring: () => internals.node_querystring,
  stream: () => internals.node_stream,
  "stream/promises": () => internals.node_stream.promises,
  string_decoder: () => internals.node_string_decoder,
  timers: () => internals.node_timers,
  "timers/promises": () => internals.node_timers.promises,
  url: () => internals.node_url,
  util: () => utilModule ??= Object.assign(Object.create(null), internals.util,
    { TextEncoder: internals.TextEncoder, TextDecoder: internals.TextDecoder }),
  "util/types": () => internals.util.types,
  zlib: () => internals.node_zlib,
};

// Node's other built-ins: they exist in Node, so a library asking for one gets a sentence
// saying why jshost has none, not "no such package".
const NOT_PROVIDED = {
  async_hooks: "functions run one invocation at a time", child_process: "functions cannot start processes",
  cluster: "functions run in one thread", dgram: "functions cannot open sockets; use fetch",
  diagnostics_channel: "functions have no diagnostics channels", dns: "fetch resolves names itself",
  fs: "functions cannot read files", "fs/promises": "functions cannot read files",
  http: "functions make requests with fetch", http2: "functions make requests with fetch",
  https: "functions make requests with fetch", inspector: "functions run without a debugger",
  module: "libraries are loaded by jshost", net: "functions cannot open sockets; use fetch",
  os: "functions run in a sandbox", path: "functions have no file system", perf_hooks: "use performance.now()",
  process: "library code sees a minimal process object", punycode: "URL converts host names itself",
  readline: "functions have no terminal", repl: "functions have no terminal", sys: "use util",
  tls: "functions cannot open sockets; use fetch", tty: "functions have no terminal", v8: "jshost runs QuickJS",
  vm: "functions run in a sandbox", wasi: "functions run in a sandbox",
  worker_threads: "functions run in one thread",
};

function moduleNotFound(spec, parent, why) {
  const err = new Error(`Cannot find module '${spec}': ${why}`);
  err.code = "MODULE_NOT_FOUND";
  const stack = [];
  for (let m = parent; m && m !== root; m = m.parent) stack.push(m.filename);
  err.requireStack = stack;
  return err;
}

function notFound(spec, parent) {
  const name = spec.startsWith("node:") ? spec.slice(5) : spec;
  if (NOT_PROVIDED[name] !== undefined) {
    return moduleNotFound(spec, parent, `jshost does not provide the Node built-in "${name}" (${NOT_PROVIDED[name]})`);
  }
  if (spec.startsWith("node:")) return moduleNotFound(spec, parent, `there is no Node built-in "${name}"`);
  if (isRelative(spec)) return moduleNotFound(spec, parent, `no such file beside ${parent.filename}`);
  return moduleNotFound(spec, parent, "the package is not among the files jshost handed this function " +
    "(a library of the manifest, jshost/libraries.json, or of the function's own `libraries`, and what they require)");
}

// --- paths ------------------------------------------------------------------------------

function normalise(path) {
  const out = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return "/" + out.join("/");
}

function dirname(path) {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}

const isRelative = (spec) => spec === "." || spec === ".." || spec.startsWith("./") || spec.startsWith("../") ||
  spec.startsWith("/");

// LOAD_AS_FILE: X, X.js, X.json (X.node: native addons do not exist here).
function asFile(path) {
  for (const candidate of [path, path + ".js", path + ".json"]) {
    if (sources.has(candidate)) return candidate;
  }
  return null;
}

function asIndex(path) {
  for (const index of ["/index.js", "/index.json"]) {
    if (sources.has(path + index)) return path + index;
  }
  return null;
}

const packageJsonCache = new Map();
function readPackage(directory) {
  if (packageJsonCache.has(directory)) return packageJsonCache.get(directory);
  const text = sources.read(directory + "/package.json");
  let pkg = null;
  if (text !== undefined) {
    try {
      pkg = internals.JSONParse(text);
    } catch (error) {
      error.message = `Error parsing ${directory}/package.json: ${error.message}`;
      throw error;
    }
  }
  packageJsonCache.set(directory, pkg);
  return pkg;
}

// LOAD_AS_DIRECTORY: package.json "main" (as a file, then as a folder's index), else index.
function asDirectory(path) {
  const pkg = readPackage(path);
  if (pkg && typeof pkg.main === "string" && pkg.main) {
    const main = normalise(path + "/" + pkg.main);
    const found = asFile(main) || asIndex(main);
    if (found) return found;
  }
  return asIndex(path);
}

// --- package.json "exports" ---------------------------------------------------------------
// https://nodejs.org/docs/latest-v20.x/api/esm.html#resolution-algorithm-specification
// (PACKAGE_EXPORTS_RESOLVE, PACKAGE_TARGET_RESOLVE) under require()'s conditions.

const CONDITIONS = new Set(["require", "node", "node-addons", "default"]);

function exportsError(directory, subpath) {
  const err = subpath === "."
    ? new Error(`No "exports" main defined in ${directory}/package.json`)
    : new Error(`Package subpath '${subpath}' is not defined by "exports" in ${directory}/package.json`);
  err.code = "ERR_PACKAGE_PATH_NOT_EXPORTED";
  return err;
}

// A target: a "./" string (with `*` replaced), an array (first that resolves), or conditions
// in the object's own key order. undefined: no match; null: explicitly not exported.
function targetResolve(target, star) {
  if (typeof target === "string") {
    if (!target.startsWith("./")) return undefined;
    return star === undefined ? target : target.replaceAll("*", star);
  }
  if (Array.isArray(target)) {
    for (const item of target) {
      const found = targetResolve(item, star);
      if (found !== undefined && found !== null) return found;
    }
    return target.length ? null : undefined;
  }
  if (target !== null && typeof target === "object") {
    for (const key of Object.keys(target)) {
      if (!CONDITIONS.has(key)) continue;
      const found = targetResolve(target[key], star);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return target === null ? null : undefined;
}

function exportsResolve(directory, exportsField, subpath) {
  let map = exportsField;
  const sugar = typeof map === "string" || Array.isArray(map) ||
    (map !== null && typeof map === "object" && !Object.keys(map).some((k) => k.startsWith(".")));
  if (sugar) map = { ".": exportsField };
  let target;
  if (Object.prototype.hasOwnProperty.call(map, subpath) && !subpath.includes("*")) {
    target = targetResolve(map[subpath], undefined);
  } else {
    // The longest matching "prefix*suffix" key wins (PATTERN_KEY_COMPARE).
    let best = null, bestStar;
    for (const key of Object.keys(map)) {
      const star = key.indexOf("*");
      if (star < 0 || key.indexOf("*", star + 1) >= 0) continue;
      const prefix = key.slice(0, star), suffix = key.slice(star + 1);
      if (subpath.length >= key.length && subpath.startsWith(prefix) && subpath.endsWith(suffix) &&
          (best === null || prefix.length > best.indexOf("*") ||
           (prefix.length === best.indexOf("*") && key.length > best.length))) {
        best = key;
        bestStar = subpath.slice(prefix.length, subpath.length - suffix.length);
      }
    }
    if (best !== null) target = targetResolve(map[best], bestStar);
  }
  if (target === undefined || target === null) throw exportsError(directory, subpath);
  const file = normalise(directory + "/" + target);
  if (!sources.has(file)) return null;  // an exports target is exact: no extension probing
  return file;
}

// --- resolution -------------------------------------------------------------------------------

// The node_modules folders a require from `fromDir` looks in, nearest first.
function nodeModulesPaths(fromDir) {
  const out = [];
  let dir = fromDir;
  for (;;) {
    if (!dir.endsWith("/node_modules")) out.push(dir === "/" ? "/node_modules" : dir + "/node_modules");
    if (dir === "/") return out;
    dir = dirname(dir);
  }
}

function resolveFilename(spec, parent) {
  const fromDir = parent.path;
  if (isRelative(spec)) {
    const path = normalise(spec.startsWith("/") ? spec : fromDir + "/" + spec);
    return (spec.endsWith("/") ? null : asFile(path)) || asDirectory(path);
  }
  const parts = spec.split("/");
  const count = spec.startsWith("@") ? 2 : 1;
  const name = parts.slice(0, count).join("/");
  const subpath = parts.length > count ? "./" + parts.slice(count).join("/") : ".";
  for (const modules of nodeModulesPaths(fromDir)) {
    const directory = modules + "/" + name;
    const pkg = readPackage(directory);
    if (pkg && pkg.exports !== undefined && pkg.exports !== null) {
      const found = exportsResolve(directory, pkg.exports, subpath);
      if (found) return found;
      continue;
    }
    const path = normalise(modules + "/" + spec);
    const found = asFile(path) || asDirectory(path);
    if (found) return found;
  }
  return null;
}

// --- modules -----------------------------------------------------------------------------------

// `process` as library code sees it: enough for feature checks (process.version,
// process.env.X, process.nextTick), never the host's.
const processShim = {
  env: {}, argv: ["node"], execArgv: [], version: "v20.20.0", versions: { node: "20.20.0" }, platform: "linux",
  arch: "x64", browser: false, title: "node", pid: 1, release: { name: "node" }, exitCode: undefined,
  nextTick: (fn, ...args) => queueMicrotask(() => fn(...args)),
  cwd: () => "/", emitWarning: () => {}, on() { return this; }, once() { return this; }, off() { return this; },
  removeListener() { return this; }, listenerCount: () => 0, binding() { throw new Error("process.binding is not supported"); },
  memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }),
  hrtime: Object.assign(
    (prev) => {
      const ns = BigInt(Math.round(performance.now() * 1e6));
      const t = [Number(ns / 1000000000n), Number(ns % 1000000000n)];
      if (!prev) return t;
      let s = t[0] - prev[0], n = t[1] - prev[1];
      if (n < 0) { s--; n += 1e9; }
      return [s, n];
    },
    { bigint: () => BigInt(Math.round(performance.now() * 1e6)) }),
  uptime: () => performance.now() / 1000,
};

let modulePrefix = null;

class Module {
  constructor(id, parent) {
    this.id = id;
    this.filename = id;
    this.path = dirname(id);
    this.exports = {};
    this.parent = parent;
    this.loaded = false;
    this.children = [];
    this.paths = nodeModulesPaths(this.path);
  }

  require(spec) {
    return requireFrom(this, spec);
  }
}

function requireFrom(parent, spec) {
  if (typeof spec !== "string") throw internals.invalidArgType("id", "string", spec);
  if (spec === "") {
    const err = new TypeError("The argument 'id' must be a non-empty string. Received ''");
    err.code = "ERR_INVALID_ARG_VALUE";
    throw err;
  }
  // Node's core modules win over packages of the same name.
  const name = spec.startsWith("node:") ? spec.slice(5) : spec;
  if (BUILTINS[name] !== undefined) return BUILTINS[name]();
  const path = resolveFilename(spec, parent);
  if (path === null) throw notFound(spec, parent);
  return load(path, parent);
}

function makeRequire(module) {
  const require = (spec) => requireFrom(module, spec);
  require.resolve = function resolve(spec) {
    if (typeof spec !== "string") throw internals.invalidArgType("request", "string", spec);
    if (BUILTINS[spec.startsWith("node:") ? spec.slice(5) : spec] !== undefined) return spec;
    const path = resolveFilename(spec, module);
    if (path === null) throw notFound(spec, module);
    return path;
  };
  require.resolve.paths = (spec) => (isRelative(spec) ? [module.path] : BUILTINS[spec] ? null : module.paths.slice());
  require.cache = cache;
  require.main = undefined;
  require.extensions = Object.create(null);
  return require;
}

function compile(module, source) {
  if (modulePrefix === null) modulePrefix = "\n".repeat(internals.lineBase);
  if (source.startsWith("#!")) source = "//" + source.slice(2);  // a shebang line, as Node strips it
  // Sloppy mode, as CommonJS modules are unless they say "use strict" themselves.
  const wrapper = (0, eval)(`${modulePrefix}(function (exports, require, module, __filename, __dirname, process, ` +
    `global, setImmediate, clearImmediate) {${source}\n})`);
  const timers = internals.node_timers;
  wrapper.call(module.exports, module.exports, makeRequire(module), module, module.filename, module.path, processShim,
    globalThis, timers.setImmediate, timers.clearImmediate);
}

function load(path, parent) {
  const cached = cache[path];
  if (cached !== undefined) {
    if (parent && !parent.children.includes(cached)) parent.children.push(cached);
    return cached.exports;  // a cycle sees the exports so far, as in Node
  }
  const module = new Module(path, parent);
  cache[path] = module;
  if (parent) parent.children.push(module);
  const source = sources.read(path);
  let threw = true;
  try {
    if (path.endsWith(".json")) {
      try {
        module.exports = internals.JSONParse(source);
      } catch (error) {
        error.message = `${path}: ${error.message}`;
        throw error;
      }
    } else {
      compile(module, source);
    }
    threw = false;
  } finally {
    if (threw) {
      delete cache[path];
      if (parent) parent.children.splice(parent.children.indexOf(module), 1);
    }
  }
  module.loaded = true;
  return module.exports;
}

// The entry point for the runtime (library globals, zlib over pako): requires from "/".
const root = new Module("/[jshost]", null);
internals.require = (spec) => requireFrom(root, spec);
