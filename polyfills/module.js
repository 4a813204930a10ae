// A CommonJS loader for library code, and the library globals Segment exposes.
// https://nodejs.org/docs/latest-v20.x/api/modules.html#all-together
//
// The host hands the slot the files of the libraries a function names (jshost/
// libraries.py) with the "module" command: "<virtual path>\n<source>", paths like
// "/node_modules/lodash/lodash.js". `require` resolves as Node does (relative paths,
// node_modules lookup, package.json "main" and "exports", index files, .js/.json),
// caches modules, and tolerates cycles. A module is compiled the first time it is
// required, past lineBase so that its frames stay out of user stack traces.
// `require` is for library code only: user code keeps Segment's rule (no require).

const files = new Map();   // virtual path -> source text
const cache = new Map();   // resolved path -> module

internals.commands.module = (text) => {
  const cut = text.indexOf("\n");
  files.set(text.slice(0, cut), text.slice(cut + 1));
};

// Node built-ins library code may require, also as "node:<name>".
const BUILTINS = {
  assert: () => internals.node_assert,
  buffer: () => internals.buffer,
  crypto: () => internals.crypto,
  events: () => internals.node_events,
  querystring: () => internals.node_querystring,
  stream: () => internals.node_stream,
  string_decoder: () => internals.node_string_decoder,
  timers: () => timersModule,
  url: () => urlModule,
  util: () => internals.util,
  zlib: () => internals.node_zlib,
};
const NOT_PROVIDED = {
  fs: "functions cannot read files", path: "functions have no file system", http: "use fetch",
  https: "use fetch", net: "use fetch", tls: "use fetch", child_process: "functions cannot start processes",
  os: "functions run in a sandbox", worker_threads: "functions run in one thread", vm: "functions run in a sandbox",
  dns: "fetch resolves names itself", http2: "use fetch", cluster: "functions run in one thread",
};

function notFound(spec, from) {
  const name = spec.startsWith("node:") ? spec.slice(5) : spec;
  let why;
  if (NOT_PROVIDED[name] !== undefined) {
    why = `jshost does not provide the Node built-in "${name}" (${NOT_PROVIDED[name]})`;
  } else if (!spec.startsWith(".") && !spec.startsWith("/")) {
    why = `the package is not among the libraries this function was given (jshost/libraries.json, or the instance's own libraries)`;
  } else {
    why = "no such file in the library";
  }
  const err = new Error(`Cannot find module '${spec}' required from ${from}: ${why}`);
  err.code = "MODULE_NOT_FOUND";
  return err;
}

// --- paths ---------------------------------------------------------------------------

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

function asFile(path) {
  for (const candidate of [path, path + ".js", path + ".json", path + ".cjs"]) {
    if (files.has(candidate)) return candidate;
  }
  return null;
}

function asDirectory(path) {
  const pkgText = files.get(path + "/package.json");
  if (pkgText !== undefined) {
    const main = JSON.parse(pkgText).main;
    if (main) {
      const found = asFile(normalise(path + "/" + main)) || asIndex(normalise(path + "/" + main));
      if (found) return found;
    }
  }
  return asIndex(path);
}

function asIndex(path) {
  for (const index of ["/index.js", "/index.json", "/index.cjs"]) {
    if (files.has(path + index)) return path + index;
  }
  return null;
}

// https://nodejs.org/docs/latest-v20.x/api/packages.html#conditional-exports (require, node, default)
function conditions(value) {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    for (const item of value) { const found = conditions(item); if (found) return found; }
    return null;
  }
  if (value && typeof value === "object") {
    for (const key of ["require", "node", "default"]) {
      if (key in value) { const found = conditions(value[key]); if (found) return found; }
    }
  }
  return null;
}

function exportsTarget(exportsField, subpath) {
  if (typeof exportsField === "string" || Array.isArray(exportsField)) return subpath === "." ? conditions(exportsField) : null;
  if (!exportsField || typeof exportsField !== "object") return null;
  const keys = Object.keys(exportsField);
  if (keys.length && !keys.every((k) => k.startsWith("."))) return subpath === "." ? conditions(exportsField) : null;
  if (subpath in exportsField) return conditions(exportsField[subpath]);
  for (const pattern of keys) {
    const star = pattern.indexOf("*");
    if (star < 0) continue;
    const prefix = pattern.slice(0, star), suffix = pattern.slice(star + 1);
    if (subpath.startsWith(prefix) && subpath.endsWith(suffix)) {
      const target = conditions(exportsField[pattern]);
      return target ? target.replace("*", subpath.slice(prefix.length, subpath.length - suffix.length)) : null;
    }
  }
  return null;
}

function resolvePackage(directory, sub) {
  const pkgText = files.get(directory + "/package.json");
  if (pkgText !== undefined) {
    const pkg = JSON.parse(pkgText);
    if (pkg.exports !== undefined) {
      const target = exportsTarget(pkg.exports, sub ? "./" + sub : ".");
      if (target) return asFile(normalise(directory + "/" + target)) || asDirectory(normalise(directory + "/" + target));
    }
  }
  if (sub) return asFile(normalise(directory + "/" + sub)) || asDirectory(normalise(directory + "/" + sub));
  return asDirectory(directory);
}

function resolve(spec, fromDir) {
  if (spec.startsWith("./") || spec.startsWith("../") || spec.startsWith("/") || spec === "." || spec === "..") {
    const path = normalise((spec.startsWith("/") ? "" : fromDir + "/") + spec);
    return asFile(path) || asDirectory(path);
  }
  const parts = spec.split("/");
  const count = spec.startsWith("@") ? 2 : 1;
  const name = parts.slice(0, count).join("/");
  const sub = parts.slice(count).join("/");
  let dir = fromDir;
  for (;;) {
    const candidate = normalise(dir + "/node_modules/" + name);
    if (files.has(candidate + "/package.json") || asFile(candidate) || asIndex(candidate) || sub) {
      const found = resolvePackage(candidate, sub);
      if (found) return found;
    }
    if (dir === "/") return null;
    dir = dirname(dir);
  }
}

// --- modules ---------------------------------------------------------------------------

// `process` as library code sees it: enough for feature checks (process.version,
// process.env.X, process.nextTick), never the host's.
const processShim = {
  env: {}, argv: [], version: "v20.20.0", versions: { node: "20.20.0" }, platform: "linux", arch: "x64",
  browser: false, title: "jshost", release: { name: "node" },
  nextTick: (fn, ...args) => queueMicrotask(() => fn(...args)),
  cwd: () => "/", emitWarning: () => {}, on() { return this; }, hrtime: Object.assign(
    (prev) => { const ms = Date.now(); const t = [Math.floor(ms / 1000), (ms % 1000) * 1e6]; return prev ? [t[0] - prev[0], t[1] - prev[1]] : t; },
    { bigint: () => BigInt(Date.now()) * 1000000n }),
};

function setImmediate(fn, ...args) { return globalThis.setTimeout(fn, 0, ...args); }
function clearImmediate(handle) { globalThis.clearTimeout(handle); }
const timersModule = {
  setTimeout: (...a) => globalThis.setTimeout(...a), clearTimeout: (h) => globalThis.clearTimeout(h),
  setInterval: (...a) => globalThis.setInterval(...a), clearInterval: (h) => globalThis.clearInterval(h),
  setImmediate, clearImmediate,
};

// The legacy url module: the WHATWG classes, and parse/format/resolve over them.
const urlModule = {
  get URL() { return internals.URL; },
  get URLSearchParams() { return internals.URLSearchParams; },
  parse(text) {
    const u = new internals.URL(text, "resolve://");
    const relative = u.protocol === "resolve:";
    return {
      protocol: relative ? null : u.protocol, slashes: !relative, auth: u.username ? `${u.username}${u.password ? ":" + u.password : ""}` : null,
      host: relative ? null : u.host, port: u.port || null, hostname: relative ? null : u.hostname, hash: u.hash || null,
      search: u.search || null, query: u.search ? u.search.slice(1) : null, pathname: u.pathname,
      path: u.pathname + u.search, href: relative ? text : u.href,
    };
  },
  format(value) { return typeof value === "string" ? value : value instanceof internals.URL ? value.href : `${value.protocol || ""}//${value.host || value.hostname || ""}${value.pathname || ""}${value.search || ""}${value.hash || ""}`; },
  resolve(from, to) { return new internals.URL(to, new internals.URL(from, "resolve://x/")).href.replace(/^resolve:\/\/x/, ""); },
};

let modulePrefix = null;

class Module {
  constructor(id) {
    this.id = id;
    this.filename = id;
    this.path = dirname(id);
    this.exports = {};
    this.loaded = false;
    this.children = [];
  }
}

function makeRequire(module) {
  const from = module.filename;
  function require(spec) {
    if (typeof spec !== "string") throw new TypeError(`The "id" argument must be of type string. Received ${typeof spec}`);
    // Node's core modules win over packages of the same name.
    const name = spec.startsWith("node:") ? spec.slice(5) : spec;
    if (BUILTINS[name] !== undefined) return BUILTINS[name]();
    const path = resolve(spec, dirname(from));
    if (path === null) throw notFound(spec, from);
    return load(path, module);
  }
  require.resolve = (spec) => {
    if (BUILTINS[spec.replace(/^node:/, "")] !== undefined) return spec;
    const path = resolve(spec, dirname(from));
    if (path === null) throw notFound(spec, from);
    return path;
  };
  require.cache = cache;
  require.main = undefined;
  return require;
}

function load(path, parent) {
  const cached = cache.get(path);
  if (cached !== undefined) return cached.exports;  // a cycle sees the exports so far, as in Node
  const module = new Module(path);
  cache.set(path, module);
  if (parent) parent.children.push(module);
  const source = files.get(path);
  try {
    if (path.endsWith(".json")) {
      module.exports = JSON.parse(source);
    } else {
      if (modulePrefix === null) modulePrefix = "\n".repeat(internals.lineBase);
      // Sloppy mode, as CommonJS modules are unless they say "use strict".
      const wrapper = (0, eval)(`${modulePrefix}(function (exports, require, module, __filename, __dirname, process, global, setImmediate, clearImmediate) {${source}\n})`);
      wrapper.call(module.exports, module.exports, makeRequire(module), module, path, dirname(path), processShim,
        globalThis, setImmediate, clearImmediate);
    }
  } catch (error) {
    cache.delete(path);
    throw error;
  }
  module.loaded = true;
  return module.exports;
}

internals.require = (spec) => makeRequire(new Module("/index.js"))(spec);

// --- library globals (Segment's names) -----------------------------------------------------

function unavailable(name, library, alternative) {
  const fail = () => {
    throw new Error(`${name} (${library}) is not available in jshost: it needs a real Node.js runtime; ${alternative}`);
  };
  return new Proxy(function () {}, {
    get(target, key) {
      if (key === Symbol.toPrimitive || key === "toString") return () => `[${name}: not available in jshost]`;
      if (key === Symbol.for("nodejs.util.inspect.custom")) return () => `[${name}: not available in jshost]`;
      if (typeof key === "symbol") return undefined;
      return fail();
    },
    apply: fail,
    construct: fail,
  });
}

// "libraries": {globals: {name: {require, as}}, missing: {name: message}, unsupported: {name: [library, alternative]}}
internals.commands.libraries = (text) => {
  const plan = JSON.parse(text);
  for (const [name, spec] of Object.entries(plan.globals || {})) {
    internals.defineLazyGlobal(name, () => {
      const value = internals.require(spec.require);
      return spec.as ? { [spec.as]: value } : value;
    });
  }
  for (const [name, message] of Object.entries(plan.missing || {})) {
    Object.defineProperty(globalThis, name, {
      get() { throw new Error(`jshost: ${message}`); },
      set(value) { internals.defineGlobal(name, value); },
      enumerable: false, configurable: true,
    });
  }
  for (const [name, [library, alternative]] of Object.entries(plan.unsupported || {})) {
    internals.defineGlobal(name, unavailable(name, library, alternative));
  }
};
