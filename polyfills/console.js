// The `console` global, as Node 20's console writes to stdout/stderr.
// https://nodejs.org/docs/latest-v20.x/api/console.html
//
// Each call produces exactly one log entry, internals.log(level, text), where
// text is what Node would write minus the trailing newline. Levels: "log",
// "info", "debug" (stdout in Node), "warn", "error" (stderr). Formatting is
// util.format's (internals.formatWithOptions from util.js); groups indent every
// line of a message by two spaces per level.

// util.js is compiled on first use (jshost/polyfills.py LAZY): look its functions
// up at call time, and print plain strings without it.
const inspect = (value, options) => internals.inspect(value, options);
const getStringWidth = (text) => internals.getStringWidth(text);
const types = { isMap: (v) => internals.types.isMap(v), isSet: (v) => internals.types.isSet(v) };
const noColor = {};  // Node's options when the stream is not a colour TTY

// util.format of arguments that are all strings, the first without "%", is
// their join with spaces: the common `console.log('text', value)` needs no util.
function formatWithOptions(options, ...args) {
  let plain = args.length > 0 && typeof args[0] === "string" && !args[0].includes("%");
  for (let i = 1; plain && i < args.length; i++) plain = typeof args[i] === "string";
  return plain ? args.join(" ") : internals.formatWithOptions(options, ...args);
}

// Time source for console.time: the engine's monotonic clock when present,
// captured now so that user code replacing `performance` cannot change it.
const perf = globalThis.performance;
const now = perf && typeof perf.now === "function" ? perf.now.bind(perf) : Date.now;

let groupIndent = "";
const counts = new Map();
const timers = new Map();

function write(level, text) {
  if (groupIndent.length !== 0) {
    if (text.includes("\n")) text = text.replaceAll("\n", `\n${groupIndent}`);
    text = groupIndent + text;
  }
  internals.log(level, text);
}

const print = (level) => function (...args) {
  write(level, formatWithOptions(noColor, ...args));
};

// The V8-style frames of the caller: a fresh Error's stack minus its header line.
// The runtime's own frames are already filtered out by bootstrap.js.
function callerFrames() {
  const last = internals.lastError;
  const stack = internals.errorStack(new Error());
  internals.lastError = last;
  const start = stack.indexOf("\n    at ");
  return start === -1 ? "" : stack.slice(start);
}

// Node's console.time display: ms below a second, then s, m:ss, h:mm:ss.
function formatTime(ms) {
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  if (ms >= 1000) {
    if (ms >= 60000) {
      if (ms >= 3600000) {
        hours = Math.floor(ms / 3600000);
        ms %= 3600000;
      }
      minutes = Math.floor(ms / 60000);
      ms %= 60000;
    }
    seconds = ms / 1000;
  }
  if (hours !== 0 || minutes !== 0) {
    const [whole, fraction] = seconds.toFixed(3).split(".");
    const head = hours !== 0 ? `${hours}:${String(minutes).padStart(2, "0")}` : minutes;
    return `${head}:${whole.padStart(2, "0")}.${fraction} (${hours !== 0 ? "h:m" : ""}m:ss.mmm)`;
  }
  if (seconds !== 0) return `${seconds.toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

function timeLog(name, label, data) {
  const start = timers.get(label);
  if (start === undefined) {
    internals.emitWarning(`No such label '${label}' for console.${name}()`);
    return false;
  }
  const text = formatTime(now() - start);
  write("log", formatWithOptions(noColor, "%s: %s", label, text, ...data));
  return true;
}

// --- console.table (Node's lib/internal/cli_table.js layout) -------------------

const box = {
  top: ["┌", "┬", "┐"], middle: ["├", "┼", "┤"], bottom: ["└", "┴", "┘"], line: "─",
};

function renderRow(row, widths) {
  let out = "│ ";
  for (let i = 0; i < row.length; i++) {
    const cell = row[i];
    // Cells are left-aligned (Node 20.13+; earlier releases centred them).
    out += cell + " ".repeat(widths[i] - getStringWidth(cell));
    if (i !== row.length - 1) out += " │ ";
  }
  return `${out} │`;
}

function renderTable(head, columns) {
  const rows = [];
  const widths = head.map((h) => getStringWidth(h));
  const longest = Math.max(...columns.map((c) => c.length));
  for (let i = 0; i < head.length; i++) {
    const column = columns[i];
    for (let j = 0; j < longest; j++) {
      if (rows[j] === undefined) rows[j] = [];
      const value = rows[j][i] = Object.hasOwn(column, j) ? column[j] : "";
      widths[i] = Math.max(widths[i] || 0, getStringWidth(value));
    }
  }
  const divider = widths.map((w) => box.line.repeat(w + 2));
  const rule = ([l, m, r]) => l + divider.join(m) + r;
  let result = `${rule(box.top)}\n${renderRow(head, widths)}\n${rule(box.middle)}\n`;
  for (const row of rows) result += `${renderRow(row, widths)}\n`;
  return result + rule(box.bottom);
}

// Cells: objects with more than two keys are shown as their constructor only.
function cell(v) {
  const depth = v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 2 ? -1 : 0;
  return inspect(v, { depth, maxArrayLength: 3, breakLength: Infinity, ...noColor });
}

function table(data, properties) {
  if (properties !== undefined && !Array.isArray(properties)) {
    throw internals.invalidArgType("properties", "Array", properties);
  }
  if (data === null || typeof data !== "object") return console.log(data);
  const indexColumn = (length) => Array.from({ length }, (_, i) => cell(i));

  if (types.isMap(data)) {
    const keys = [];
    const values = [];
    for (const [k, v] of data) {
      keys.push(cell(k));
      values.push(cell(v));
    }
    return write("log", renderTable(["(iteration index)", "Key", "Values"], [indexColumn(keys.length), keys, values]));
  }
  if (types.isSet(data)) {
    const values = [];
    for (const v of data) values.push(cell(v));
    return write("log", renderTable(["(iteration index)", "Values"], [indexColumn(values.length), values]));
  }

  const map = Object.create(null);
  let hasPrimitives = false;
  const valuesColumn = [];
  const indexKeys = Object.keys(data);
  for (let i = 0; i < indexKeys.length; i++) {
    const item = data[indexKeys[i]];
    const primitive = item === null || (typeof item !== "function" && typeof item !== "object");
    if (properties === undefined && primitive) {
      hasPrimitives = true;
      valuesColumn[i] = cell(item);
    } else {
      for (const key of properties || Object.keys(item)) {
        map[key] ??= [];
        map[key][i] = (primitive && properties) || !Object.hasOwn(item, key) ? "" : cell(item[key]);
      }
    }
  }
  const head = Object.keys(map);
  const columns = Object.values(map);
  if (hasPrimitives) {
    head.push("Values");
    columns.push(valuesColumn);
  }
  head.unshift("(index)");
  columns.unshift(indexKeys);
  return write("log", renderTable(head, columns));
}

// --- the console object ----------------------------------------------------------

const console = {
  log: print("log"),
  info: print("info"),
  debug: print("debug"),
  warn: print("warn"),
  error: print("error"),
  dirxml: print("log"),
  dir(object, options) {
    write("log", inspect(object, { customInspect: false, ...noColor, ...options }));
  },
  trace(...args) {
    const message = formatWithOptions(noColor, ...args);
    write("error", `Trace${message === "" ? "" : `: ${message}`}${callerFrames()}`);
  },
  // Node's assert() prefixes the first argument and formats the rest as warn() does.
  assert(expression, ...args) {
    if (expression) return;
    args[0] = `Assertion failed${args.length === 0 ? "" : `: ${args[0]}`}`;
    write("error", formatWithOptions(noColor, ...args));
  },
  count(label = "default") {
    label = `${label}`;
    const count = (counts.get(label) || 0) + 1;
    counts.set(label, count);
    write("log", `${label}: ${count}`);
  },
  countReset(label = "default") {
    if (!counts.has(label)) {
      internals.emitWarning(`Count for '${label}' does not exist`);
      return;
    }
    counts.delete(`${label}`);
  },
  time(label = "default") {
    label = `${label}`;
    if (timers.has(label)) {
      internals.emitWarning(`Label '${label}' already exists for console.time()`);
      return;
    }
    timers.set(label, now());
  },
  timeEnd(label = "default") {
    label = `${label}`;
    if (timeLog("timeEnd", label, [])) timers.delete(label);
  },
  timeLog(label = "default", ...data) {
    timeLog("timeLog", `${label}`, data);
  },
  group(...data) {
    if (data.length > 0) write("log", formatWithOptions(noColor, ...data));
    groupIndent += "  ";
  },
  groupCollapsed(...data) {
    if (data.length > 0) write("log", formatWithOptions(noColor, ...data));
    groupIndent += "  ";
  },
  groupEnd() {
    groupIndent = groupIndent.slice(0, groupIndent.length - 2);
  },
  table,
  // Inspector-only methods: no output in Node either.
  clear() {},
  profile() {},
  profileEnd() {},
  timeStamp() {},
};
// Node names the methods after themselves (console.log.name === "log").
for (const name of ["log", "info", "debug", "warn", "error", "dirxml"]) {
  Object.defineProperty(console[name], "name", { value: name });
}
Object.defineProperty(console, Symbol.toStringTag, {
  value: "console", writable: false, enumerable: false, configurable: true,
});

internals.console = console;
internals.defineGlobal("console", console);
