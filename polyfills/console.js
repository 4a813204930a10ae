// placeholder console (to be replaced by the Node-compatible one)
const fmt = (args) => args.map((a) => typeof a === "string" ? a : (() => { try { return JSON.stringify(a); } catch { return String(a); } })()).join(" ");
const console = {};
for (const level of ["log", "info", "warn", "error", "debug"]) console[level] = (...args) => internals.log(level, fmt(args));
internals.defineGlobal("console", console);
