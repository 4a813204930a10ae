// Node 20's util.inspect / util.format, in plain JS for QuickJS.
//
// console.log output is compared with Node's byte for byte, so this follows the
// behaviour of Node 20's lib/internal/util/inspect.js (documented at
// https://nodejs.org/docs/latest-v20.x/api/util.html#utilinspectobject-options):
// the same default options, the same "compact: 3" line-breaking rules, array
// grouping, circular markers, error stacks and custom inspection hook.
//
// QuickJS has no V8 internals, so some facts Node reads from the engine are
// derived here from plain JS: an object's kind comes from
// Object.prototype.toString confirmed by a brand check (an intrinsic getter that
// only accepts the real kind), and a promise's state cannot be read at all
// (`Promise { <pending> }` always). Proxies are not detectable and are inspected
// through their traps.

const ObjectProto = Object.prototype;
const ObjectToString = ObjectProto.toString;
const hasOwn = Object.hasOwn;
const getProto = Object.getPrototypeOf;
const getOwnDesc = Object.getOwnPropertyDescriptor;
const getOwnNames = Object.getOwnPropertyNames;
const getOwnSymbols = Object.getOwnPropertySymbols;
const objectKeys = Object.keys;
const isEnumerable = (obj, key) => ObjectProto.propertyIsEnumerable.call(obj, key);
const isArray = Array.isArray;
const FunctionToString = Function.prototype.toString;
const SymbolToString = Symbol.prototype.toString;
const getter = (proto, name) => getOwnDesc(proto, name).get;

const TypedArrayProto = getProto(Uint8Array.prototype);
const typedArrayTag = getter(TypedArrayProto, Symbol.toStringTag);
const typedArrayLength = getter(TypedArrayProto, "length");
const mapSize = getter(Map.prototype, "size");
const setSize = getter(Set.prototype, "size");
const mapEntries = Map.prototype.entries;
const setValues = Set.prototype.values;
const MapIteratorProto = getProto(new Map().entries());
const SetIteratorProto = getProto(new Set().values());
const mapIterNext = MapIteratorProto.next;
const setIterNext = SetIteratorProto.next;
const arrayBufferByteLength = getter(ArrayBuffer.prototype, "byteLength");
const sharedArrayBufferByteLength = typeof SharedArrayBuffer === "function"
  ? getter(SharedArrayBuffer.prototype, "byteLength") : undefined;
const dataViewByteLength = getter(DataView.prototype, "byteLength");
const regExpGlobal = getter(RegExp.prototype, "global");
const RegExpToString = RegExp.prototype.toString;
const DateGetTime = Date.prototype.getTime;
const DateToISOString = Date.prototype.toISOString;
const DateToString = Date.prototype.toString;
const ErrorToString = Error.prototype.toString;
const weakMapHas = WeakMap.prototype.has;
const weakSetHas = WeakSet.prototype.has;
const AsyncFunctionProto = getProto(async function () {});
const GeneratorFunctionProto = getProto(function* () {});
const AsyncGeneratorFunctionProto = getProto(async function* () {});
const valueOfs = {
  Number: Number.prototype.valueOf,
  String: String.prototype.valueOf,
  Boolean: Boolean.prototype.valueOf,
  BigInt: BigInt.prototype.valueOf,
  Symbol: Symbol.prototype.valueOf,
};

// A brand check that throws for the wrong kind. The runtime's prepareStackTrace
// records every Error it sees (internals.lastError, used by entry.js), so a
// failed probe must not leave its TypeError behind.
function passes(check, value, arg) {
  const last = internals.lastError;
  try {
    check.call(value, arg);
    return true;
  } catch {
    internals.lastError = last;
    return false;
  }
}

function protoChainHas(value, proto) {
  return ObjectProto.isPrototypeOf.call(proto, value);
}

// The internal kind of an object, as V8's type checks would say (util.types.*):
// "Map", "Set", "Date", ... or "" for an ordinary object. The toStringTag of the
// object proposes a kind cheaply; only that kind's brand check then runs.
function kindOf(value) {
  if (typeof value === "function") return "Function";
  if (isArray(value)) return "Array";
  if (typedArrayTag.call(value) !== undefined) return "TypedArray";
  const hint = ObjectToString.call(value);
  const kind = confirmKind(value, hint.slice(8, -1));
  if (kind !== undefined) return kind;
  // A custom toStringTag hides the kind: ask each prototype chain (rare path).
  for (const [name, proto] of kindProtos()) {
    if (protoChainHas(value, proto)) {
      const k = confirmKind(value, name);
      if (k) return k;
    }
  }
  return protoChainHas(value, Error.prototype) ? "Error" : "";
}

let kindProtoList;
function kindProtos() {
  if (kindProtoList === undefined) {
    kindProtoList = [["Map", Map.prototype], ["Set", Set.prototype], ["Date", Date.prototype],
      ["RegExp", RegExp.prototype], ["Promise", Promise.prototype], ["WeakMap", WeakMap.prototype],
      ["WeakSet", WeakSet.prototype], ["ArrayBuffer", ArrayBuffer.prototype],
      ["DataView", DataView.prototype], ["Number", Number.prototype], ["String", String.prototype],
      ["Boolean", Boolean.prototype], ["BigInt", BigInt.prototype], ["Symbol", Symbol.prototype],
      ["Map Iterator", MapIteratorProto], ["Set Iterator", SetIteratorProto]];
  }
  return kindProtoList;
}

// undefined: the tag names no known kind; "": it does, but the brand is wrong.
function confirmKind(value, tag) {
  switch (tag) {
    case "Object":
      if (protoChainHas(value, Error.prototype)) return "Error";
      // Without a prototype a Map, Set, ... has no toStringTag left: probe the
      // brands whose tag lives on the prototype (promises cannot be probed).
      if (getProto(value) === null) {
        for (const kind of ["Map", "Set", "WeakMap", "WeakSet", "ArrayBuffer", "DataView", "BigInt", "Symbol"]) {
          if (confirmKind(value, kind)) return kind;
        }
      }
      return "";
    case "Error": return "Error";            // builtin tag: only real errors get it
    case "Arguments": return "Arguments";
    case "Date": return passes(DateGetTime, value) ? "Date" : "";
    case "RegExp": {
      const last = internals.lastError;
      try { return typeof regExpGlobal.call(value) === "boolean" ? "RegExp" : ""; }
      catch { internals.lastError = last; return ""; }
    }
    case "Map": return passes(mapSize, value) ? "Map" : "";
    case "Set": return passes(setSize, value) ? "Set" : "";
    case "WeakMap": return passes(weakMapHas, value, ObjectProto) ? "WeakMap" : "";
    case "WeakSet": return passes(weakSetHas, value, ObjectProto) ? "WeakSet" : "";
    case "ArrayBuffer": return passes(arrayBufferByteLength, value) ? "ArrayBuffer" : "";
    case "SharedArrayBuffer":
      return sharedArrayBufferByteLength && passes(sharedArrayBufferByteLength, value) ? "SharedArrayBuffer" : "";
    case "DataView": return passes(dataViewByteLength, value) ? "DataView" : "";
    // No side-effect-free brand check exists for promises in plain JS.
    case "Promise": return protoChainHas(value, Promise.prototype) ? "Promise" : "";
    case "Number": case "String": case "Boolean": case "BigInt": case "Symbol":
      return passes(valueOfs[tag], value) ? tag : "";
    case "Map Iterator": return protoChainHas(value, MapIteratorProto) ? "MapIterator" : "";
    case "Set Iterator": return protoChainHas(value, SetIteratorProto) ? "SetIterator" : "";
    default: return undefined;
  }
}

const isKind = (kind) => (value) =>
  value !== null && (typeof value === "object" || typeof value === "function") && kindOf(value) === kind;

function isError(value) {
  return value !== null && typeof value === "object" && kindOf(value) === "Error";
}

function functionKind(fn) {
  if (protoChainHas(fn, AsyncGeneratorFunctionProto)) return "AsyncGeneratorFunction";
  if (protoChainHas(fn, AsyncFunctionProto)) return "AsyncFunction";
  if (protoChainHas(fn, GeneratorFunctionProto)) return "GeneratorFunction";
  return "Function";
}

// https://nodejs.org/docs/latest-v20.x/api/util.html#utiltypes
const types = {
  isDate: isKind("Date"),
  isRegExp: isKind("RegExp"),
  isMap: isKind("Map"),
  isSet: isKind("Set"),
  isWeakMap: isKind("WeakMap"),
  isWeakSet: isKind("WeakSet"),
  isPromise: isKind("Promise"),
  isDataView: isKind("DataView"),
  isArrayBuffer: isKind("ArrayBuffer"),
  isSharedArrayBuffer: isKind("SharedArrayBuffer"),
  isAnyArrayBuffer: (v) => types.isArrayBuffer(v) || types.isSharedArrayBuffer(v),
  isArgumentsObject: isKind("Arguments"),
  isMapIterator: isKind("MapIterator"),
  isSetIterator: isKind("SetIterator"),
  isNumberObject: isKind("Number"),
  isStringObject: isKind("String"),
  isBooleanObject: isKind("Boolean"),
  isBigIntObject: isKind("BigInt"),
  isSymbolObject: isKind("Symbol"),
  isBoxedPrimitive: (v) => v !== null && typeof v === "object" &&
    ["Number", "String", "Boolean", "BigInt", "Symbol"].includes(kindOf(v)),
  isNativeError: (v) => v !== null && typeof v === "object" && ObjectToString.call(v) === "[object Error]",
  isTypedArray: (v) => typedArrayTag.call(v) !== undefined,
  isAsyncFunction: (v) => typeof v === "function" &&
    (protoChainHas(v, AsyncFunctionProto) || protoChainHas(v, AsyncGeneratorFunctionProto)),
  isGeneratorFunction: (v) => typeof v === "function" &&
    (protoChainHas(v, GeneratorFunctionProto) || protoChainHas(v, AsyncGeneratorFunctionProto)),
  isGeneratorObject: (v) => v !== null && typeof v === "object" && ObjectToString.call(v) === "[object Generator]",
  isProxy: () => false,        // not observable from JS
  isExternal: () => false,
  isModuleNamespaceObject: () => false,
};
for (const name of ["Uint8Array", "Uint8ClampedArray", "Uint16Array", "Uint32Array", "Int8Array",
  "Int16Array", "Int32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array"]) {
  types[`is${name}`] = (v) => typedArrayTag.call(v) === name;
}

// ---------------------------------------------------------------------------
// Options, colours
// ---------------------------------------------------------------------------

// util.inspect.defaultOptions (Node 20 values).
const inspectDefaultOptions = {
  showHidden: false,
  depth: 2,
  colors: false,
  customInspect: true,
  showProxy: false,
  maxArrayLength: 100,
  maxStringLength: 10000,
  breakLength: 80,
  compact: 3,
  sorted: false,
  getters: false,
  numericSeparator: false,
};

const customInspectSymbol = Symbol.for("nodejs.util.inspect.custom");

// Node's ANSI codes: [open, close] per colour name, and the colour of each style.
const colors = Object.assign(Object.create(null), {
  reset: [0, 0], bold: [1, 22], dim: [2, 22], italic: [3, 23], underline: [4, 24], blink: [5, 25],
  inverse: [7, 27], hidden: [8, 28], strikethrough: [9, 29], doubleunderline: [21, 24],
  black: [30, 39], red: [31, 39], green: [32, 39], yellow: [33, 39], blue: [34, 39],
  magenta: [35, 39], cyan: [36, 39], white: [37, 39], bgBlack: [40, 49], bgRed: [41, 49],
  bgGreen: [42, 49], bgYellow: [43, 49], bgBlue: [44, 49], bgMagenta: [45, 49], bgCyan: [46, 49],
  bgWhite: [47, 49], framed: [51, 54], overlined: [53, 55], gray: [90, 39], redBright: [91, 39],
  greenBright: [92, 39], yellowBright: [93, 39], blueBright: [94, 39], magentaBright: [95, 39],
  cyanBright: [96, 39], whiteBright: [97, 39], bgGray: [100, 49], bgRedBright: [101, 49],
  bgGreenBright: [102, 49], bgYellowBright: [103, 49], bgBlueBright: [104, 49],
  bgMagentaBright: [105, 49], bgCyanBright: [106, 49], bgWhiteBright: [107, 49],
});
// Aliases are non-enumerable, as in Node (Object.keys lists the 44 names above).
for (const [alias, name] of [["grey", "gray"], ["blackBright", "gray"], ["bgGrey", "bgGray"],
  ["bgBlackBright", "bgGray"], ["faint", "dim"], ["crossedout", "strikethrough"],
  ["strikeThrough", "strikethrough"], ["crossedOut", "strikethrough"], ["conceal", "hidden"],
  ["swapColors", "inverse"], ["swapcolors", "inverse"], ["doubleUnderline", "doubleunderline"]]) {
  Object.defineProperty(colors, alias, {
    get() { return this[name]; },
    set(value) { this[name] = value; },
    enumerable: false,
    configurable: true,
  });
}

const styles = Object.assign(Object.create(null), {
  special: "cyan", number: "yellow", bigint: "yellow", boolean: "yellow", undefined: "grey",
  null: "bold", string: "green", symbol: "green", date: "magenta", regexp: "red", module: "underline",
});

function stylizeNoColor(str) {
  return str;
}

function stylizeWithColor(str, styleType) {
  const style = styles[styleType];
  if (style !== undefined) {
    const color = colors[style];
    if (color !== undefined) return `\u001b[${color[0]}m${str}\u001b[${color[1]}m`;
  }
  return str;
}

const colorRegExp = /\u001b\[\d\d?m/g;
const removeColors = (str) => str.replace(colorRegExp, "");

// Terminal control sequences (CSI and OSC), removed before measuring width.
const ansiRegExp = /[\u001b\u009b](?:\[[\d;?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\))/g;
const stripVTControlCharacters = (str) => String(str).replace(ansiRegExp, "");

const nonPrintableAscii = /[^\x20-\x7e]/;

// Columns a string takes in a terminal. Node asks ICU; without Intl, East Asian
// wide characters and emoji count 2, combining marks and zero-width characters 0.
function getStringWidth(str, removeControlChars = true) {
  if (!nonPrintableAscii.test(str)) return str.length;  // the common case
  if (removeControlChars && (str.includes("\u001b") || str.includes("\u009b"))) {
    str = stripVTControlCharacters(str);
  }
  let width = 0;
  for (let i = 0; i < str.length; i++) {
    const code = str.charCodeAt(i);
    if (code < 127) {
      if (code >= 32) width++;
      continue;
    }
    const point = str.codePointAt(i);
    if (point > 0xffff) i++;
    if (isZeroWidth(point)) continue;
    width += isFullWidth(point) ? 2 : 1;
  }
  return width;
}

function isZeroWidth(c) {
  return c <= 0x9f || (c >= 0x300 && c <= 0x36f) || (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x20d0 && c <= 0x20ff) || (c >= 0xfe00 && c <= 0xfe0f) || (c >= 0xfe20 && c <= 0xfe2f) ||
    (c >= 0x1ab0 && c <= 0x1aff) || (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0xe0100 && c <= 0xe01ef);
}

function isFullWidth(c) {
  return c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0x303e) || (c >= 0x3041 && c <= 0x33ff) ||
    (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xa000 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) ||
    (c >= 0x1f680 && c <= 0x1f6ff) || (c >= 0x1f900 && c <= 0x1f9ff) || (c >= 0x20000 && c <= 0x3fffd));
}

// ---------------------------------------------------------------------------
// Primitives
// ---------------------------------------------------------------------------

// Characters Node escapes inside quoted strings: C0/C1 controls, the quote,
// backslash, and unpaired surrogates.
const escapeTestSingle = /[\x00-\x1f\x27\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const escapeTestOther = /[\x00-\x1f\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const escapeAllSingle = new RegExp(escapeTestSingle.source, "g");
const escapeAllOther = new RegExp(escapeTestOther.source, "g");
const namedEscapes = { 8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r", 39: "\\'", 92: "\\\\" };

function escapeChar(ch) {
  const code = ch.charCodeAt(0);
  const named = namedEscapes[code];
  if (named !== undefined) return named;
  if (code >= 0xd800) return `\\u${code.toString(16)}`;
  return `\\x${code < 16 ? "0" : ""}${code.toString(16).toUpperCase()}`;
}

// Quotes a string as Node does: single quotes unless the text contains one, then
// double quotes, then backticks, escaping only what the chosen quote needs.
function strEscape(str) {
  let quote = "'";
  let test = escapeTestSingle;
  let all = escapeAllSingle;
  if (str.includes("'")) {
    if (!str.includes('"')) quote = '"';
    else if (!str.includes("`") && !str.includes("${")) quote = "`";
    if (quote !== "'") {
      test = escapeTestOther;
      all = escapeAllOther;
    }
  }
  if (test.test(str)) str = str.replace(all, escapeChar);
  return quote + str + quote;
}

// Symbols and hidden keys are shown unquoted, with the same escapes.
const escapeName = (str) => str.replace(escapeAllSingle, escapeChar);

// Inserts `_` every three digits from the right (numericSeparator).
function groupDigits(digits) {
  let out = "";
  let i = digits.length;
  const start = digits[0] === "-" ? 1 : 0;
  for (; i >= start + 4; i -= 3) out = `_${digits.slice(i - 3, i)}${out}`;
  return i === digits.length ? digits : digits.slice(0, i) + out;
}

function groupFraction(digits) {
  let out = "";
  let i = 0;
  for (; i < digits.length - 3; i += 3) out += `${digits.slice(i, i + 3)}_`;
  return i === 0 ? digits : out + digits.slice(i);
}

function formatNumber(fn, number, numericSeparator) {
  if (!numericSeparator) {
    if (Object.is(number, -0)) return fn("-0", "number");
    return fn(`${number}`, "number");
  }
  const text = `${number}`;
  if (!Number.isFinite(number) || text.includes("e")) return fn(text, "number");
  const dot = text.indexOf(".");
  if (dot === -1) return fn(groupDigits(text), "number");
  return fn(`${groupDigits(text.slice(0, dot))}.${groupFraction(text.slice(dot + 1))}`, "number");
}

function formatBigInt(fn, bigint, numericSeparator) {
  const text = `${bigint}`;
  return fn(`${numericSeparator ? groupDigits(text) : text}n`, "bigint");
}

function formatPrimitive(fn, value, ctx) {
  if (typeof value === "string") {
    let trailer = "";
    if (value.length > ctx.maxStringLength) {
      const remaining = value.length - ctx.maxStringLength;
      value = value.slice(0, ctx.maxStringLength);
      trailer = `... ${remaining} more character${remaining > 1 ? "s" : ""}`;
    }
    // Long strings are split after each newline into 'a\n' + 'b' pieces.
    if (ctx.compact !== true && value.length > 16 &&
        value.length > ctx.breakLength - ctx.indentationLvl - 4 && value.indexOf("\n") !== -1) {
      const pieces = [];
      let start = 0;
      for (let nl = value.indexOf("\n"); nl !== -1 && nl < value.length - 1; nl = value.indexOf("\n", start)) {
        pieces.push(fn(strEscape(value.slice(start, nl + 1)), "string"));
        start = nl + 1;
      }
      pieces.push(fn(strEscape(value.slice(start)), "string"));
      return pieces.join(` +\n${" ".repeat(ctx.indentationLvl + 2)}`) + trailer;
    }
    return fn(strEscape(value), "string") + trailer;
  }
  if (typeof value === "number") return formatNumber(fn, value, ctx.numericSeparator);
  if (typeof value === "bigint") return formatBigInt(fn, value, ctx.numericSeparator);
  if (typeof value === "boolean") return fn(`${value}`, "boolean");
  if (value === undefined) return fn("undefined", "undefined");
  return fn(SymbolToString.call(value), "symbol");
}

// ---------------------------------------------------------------------------
// Objects
// ---------------------------------------------------------------------------

const kObjectType = 0;
const kArrayType = 1;
const kArrayExtrasType = 2;

// Names of the ECMAScript globals: Node treats their prototypes as built-in
// (no prototype properties listed, %s uses inspect for their instances).
let builtInNames;
function isBuiltInName(name) {
  if (builtInNames === undefined) {
    builtInNames = new Set(["Object", "Function", "Array", "Number", "Boolean", "String", "Symbol",
      "Date", "Promise", "RegExp", "Error", "AggregateError", "EvalError", "RangeError",
      "ReferenceError", "SyntaxError", "TypeError", "URIError", "ArrayBuffer", "Uint8Array",
      "Int8Array", "Uint16Array", "Int16Array", "Uint32Array", "Int32Array", "Float32Array",
      "Float64Array", "Uint8ClampedArray", "BigUint64Array", "BigInt64Array", "DataView", "Map",
      "BigInt", "Set", "WeakMap", "WeakSet", "Proxy", "Reflect", "SharedArrayBuffer", "WeakRef",
      "FinalizationRegistry", "JSON", "Math", "Atomics", "Intl", "WebAssembly"]);
  }
  return builtInNames.has(name);
}

function isInstanceof(object, ctor) {
  try {
    return object instanceof ctor;
  } catch {
    return false;
  }
}

// The name of the first constructor up the prototype chain that `obj` is an
// instance of; null for a null-prototype chain. Also collects prototype
// properties for showHidden.
function getConstructorName(obj, ctx, recurseTimes, protoProps) {
  let firstProto;
  const start = obj;
  while (obj) {
    const desc = getOwnDesc(obj, "constructor");
    if (desc !== undefined && typeof desc.value === "function" && desc.value.name !== "" &&
        isInstanceof(start, desc.value)) {
      if (protoProps !== undefined && (firstProto !== obj || !isBuiltInName(desc.value.name))) {
        addPrototypeProperties(ctx, start, firstProto || start, recurseTimes, protoProps);
      }
      return String(desc.value.name);
    }
    obj = getProto(obj);
    if (firstProto === undefined) firstProto = obj;
  }
  if (firstProto === null) return null;
  const own = ObjectToString.call(start).slice(8, -1);
  if (recurseTimes > ctx.depth && ctx.depth !== null) return `${own} <Complex prototype>`;
  const protoName = getConstructorName(firstProto, ctx, recurseTimes + 1, protoProps);
  if (protoName === null) {
    return `${own} <${inspect(firstProto, { ...ctx, customInspect: false, depth: -1 })}>`;
  }
  return `${own} <${protoName}>`;
}

// showHidden: the non-method properties of user-defined prototypes (getters,
// data), up to three levels, as Node lists them.
function addPrototypeProperties(ctx, main, obj, recurseTimes, output) {
  let depth = 0;
  let keys;
  let seenKeys;
  do {
    if (depth !== 0 || main === obj) {
      obj = getProto(obj);
      if (obj === null) return;
      const desc = getOwnDesc(obj, "constructor");
      if (desc !== undefined && typeof desc.value === "function" && isBuiltInName(desc.value.name)) return;
    }
    if (depth === 0) seenKeys = new Set();
    else for (const key of keys) seenKeys.add(key);
    keys = Reflect.ownKeys(obj);
    ctx.seen.push(main);
    for (const key of keys) {
      if (key === "constructor" || hasOwn(main, key) || (depth !== 0 && seenKeys.has(key))) continue;
      const desc = getOwnDesc(obj, key);
      if (typeof desc.value === "function") continue;
      const text = formatProperty(ctx, obj, recurseTimes, key, kObjectType, desc, main);
      output.push(ctx.colors ? `\u001b[2m${text}\u001b[22m` : text);
    }
    ctx.seen.pop();
  } while (++depth !== 3);
}

function getPrefix(constructor, tag, fallback, size = "") {
  if (constructor === null) {
    if (tag !== "" && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
    return `[${fallback}${size}: null prototype] `;
  }
  if (tag !== "" && constructor !== tag) return `${constructor}${size} [${tag}] `;
  return `${constructor}${size} `;
}

// Own keys shown for an object: enumerable names and symbols, or every own key
// with showHidden.
function getKeys(value, showHidden) {
  const symbols = getOwnSymbols(value);
  let keys;
  if (showHidden) {
    keys = getOwnNames(value);
    for (const s of symbols) keys.push(s);
  } else {
    keys = objectKeys(value);
    for (const s of symbols) if (isEnumerable(value, s)) keys.push(s);
  }
  return keys;
}

// Array-index keys are canonical numeric strings below 2**32 - 1.
const indexRegExp = /^(?:0|[1-9][0-9]*)$/;
function isIndexKey(key) {
  return typeof key === "string" && indexRegExp.test(key) && +key < 4294967295;
}

function getNonIndexKeys(value, showHidden) {
  const keys = [];
  for (const key of Reflect.ownKeys(value)) {
    if (isIndexKey(key)) continue;
    if (showHidden || isEnumerable(value, key)) keys.push(key);
  }
  return keys;
}

function formatValue(ctx, value, recurseTimes, typedArray) {
  if (typeof value !== "object" && typeof value !== "function") {
    return formatPrimitive(ctx.stylize, value, ctx);
  }
  if (value === null) return ctx.stylize("null", "null");

  if (ctx.customInspect) {
    const custom = value[customInspectSymbol];
    if (typeof custom === "function" && custom !== inspect &&
        !(value.constructor && value.constructor.prototype === value)) {
      const depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
      const ret = custom.call(value, depth, getUserOptions(ctx), inspect);
      if (ret !== value) {
        if (typeof ret !== "string") return formatValue(ctx, ret, recurseTimes);
        return ret.replaceAll("\n", `\n${" ".repeat(ctx.indentationLvl)}`);
      }
    }
  }

  if (ctx.seen.includes(value)) {
    let index = 1;
    if (ctx.circular === undefined) {
      ctx.circular = new Map([[value, index]]);
    } else {
      index = ctx.circular.get(value);
      if (index === undefined) {
        index = ctx.circular.size + 1;
        ctx.circular.set(value, index);
      }
    }
    return ctx.stylize(`[Circular *${index}]`, "special");
  }
  return formatRaw(ctx, value, recurseTimes, typedArray);
}

// The options object a custom inspect function receives.
function getUserOptions(ctx) {
  return {
    stylize: ctx.stylize,
    showHidden: ctx.showHidden,
    depth: ctx.depth,
    colors: ctx.colors,
    customInspect: ctx.customInspect,
    showProxy: ctx.showProxy,
    maxArrayLength: ctx.maxArrayLength,
    maxStringLength: ctx.maxStringLength,
    breakLength: ctx.breakLength,
    compact: ctx.compact,
    sorted: ctx.sorted,
    getters: ctx.getters,
    numericSeparator: ctx.numericSeparator,
    ...ctx.userOptions,
  };
}

function formatRaw(ctx, value, recurseTimes, typedArray) {
  let keys;
  let protoProps;
  if (ctx.showHidden && (recurseTimes <= ctx.depth || ctx.depth === null)) protoProps = [];
  const constructor = getConstructorName(value, ctx, recurseTimes, protoProps);
  if (protoProps !== undefined && protoProps.length === 0) protoProps = undefined;

  // A toStringTag is shown only when it is not an own (enumerable) property,
  // which the key list would print anyway.
  let tag = value[Symbol.toStringTag];
  if (typeof tag !== "string" ||
      (tag !== "" && (ctx.showHidden ? hasOwn(value, Symbol.toStringTag) : isEnumerable(value, Symbol.toStringTag)))) {
    tag = "";
  }
  const kind = kindOf(value);
  let base = "";
  let formatter = formatNothing;
  let braces;
  let noIterator = true;
  let extrasType = kObjectType;
  const showHidden = ctx.showHidden;

  if (Symbol.iterator in value || constructor === null) {
    noIterator = false;
    if (kind === "Array") {
      const prefix = (constructor !== "Array" || tag !== "")
        ? getPrefix(constructor, tag, "Array", `(${value.length})`) : "";
      keys = getNonIndexKeys(value, showHidden);
      braces = [`${prefix}[`, "]"];
      if (value.length === 0 && keys.length === 0 && protoProps === undefined) return `${braces[0]}]`;
      extrasType = kArrayExtrasType;
      formatter = formatArray;
    } else if (kind === "Set") {
      const size = setSize.call(value);
      const prefix = getPrefix(constructor, tag, "Set", `(${size})`);
      keys = getKeys(value, showHidden);
      formatter = formatSet;
      if (size === 0 && keys.length === 0 && protoProps === undefined) return `${prefix}{}`;
      braces = [`${prefix}{`, "}"];
    } else if (kind === "Map") {
      const size = mapSize.call(value);
      const prefix = getPrefix(constructor, tag, "Map", `(${size})`);
      keys = getKeys(value, showHidden);
      formatter = formatMap;
      if (size === 0 && keys.length === 0 && protoProps === undefined) return `${prefix}{}`;
      braces = [`${prefix}{`, "}"];
    } else if (kind === "TypedArray") {
      keys = getNonIndexKeys(value, showHidden);
      const fallback = constructor === null ? typedArrayTag.call(value) : "";
      const size = typedArrayLength.call(value);
      const prefix = getPrefix(constructor, tag, fallback, `(${size})`);
      braces = [`${prefix}[`, "]"];
      if (size === 0 && keys.length === 0 && !showHidden) return `${braces[0]}]`;
      formatter = formatTypedArray;
      extrasType = kArrayExtrasType;
    } else if (kind === "MapIterator" || kind === "SetIterator") {
      // V8 can peek at an iterator's remaining entries; plain JS cannot
      // without consuming them.
      keys = getKeys(value, showHidden);
      braces = [`[${tag || (kind === "MapIterator" ? "Map Iterator" : "Set Iterator")}] {`, "}"];
      formatter = formatUnknownItems;
    } else {
      noIterator = true;
    }
  }
  if (noIterator) {
    keys = getKeys(value, showHidden);
    braces = ["{", "}"];
    if (constructor === "Object") {
      if (kind === "Arguments") {
        braces[0] = "[Arguments] {";
      } else if (tag !== "") {
        braces[0] = `${getPrefix(constructor, tag, "Object")}{`;
      }
      if (keys.length === 0 && protoProps === undefined) return `${braces[0]}}`;
    } else if (kind === "Function") {
      base = getFunctionBase(value, constructor, tag);
      if (keys.length === 0 && protoProps === undefined) return ctx.stylize(base, "special");
    } else if (kind === "RegExp") {
      base = RegExpToString.call(constructor !== null ? value : new RegExp(value));
      const prefix = getPrefix(constructor, tag, "RegExp");
      if (prefix !== "RegExp ") base = `${prefix}${base}`;
      if ((keys.length === 0 && protoProps === undefined) || (recurseTimes > ctx.depth && ctx.depth !== null)) {
        return ctx.stylize(base, "regexp");
      }
    } else if (kind === "Date") {
      base = Number.isNaN(DateGetTime.call(value)) ? DateToString.call(value) : DateToISOString.call(value);
      const prefix = getPrefix(constructor, tag, "Date");
      if (prefix !== "Date ") base = `${prefix}${base}`;
      if (keys.length === 0 && protoProps === undefined) return ctx.stylize(base, "date");
    } else if (kind === "Error") {
      base = formatError(value, constructor, tag, ctx, keys);
      if (keys.length === 0 && protoProps === undefined) return base;
    } else if (kind === "ArrayBuffer" || kind === "SharedArrayBuffer") {
      const prefix = getPrefix(constructor, tag, kind);
      if (typedArray === undefined) {
        formatter = formatArrayBuffer;
      } else if (keys.length === 0 && protoProps === undefined) {
        const length = (kind === "ArrayBuffer" ? arrayBufferByteLength : sharedArrayBufferByteLength).call(value);
        return `${prefix}{ byteLength: ${formatNumber(ctx.stylize, length, false)} }`;
      }
      braces[0] = `${prefix}{`;
      keys.unshift("byteLength");
    } else if (kind === "DataView") {
      braces[0] = `${getPrefix(constructor, tag, "DataView")}{`;
      keys.unshift("byteLength", "byteOffset", "buffer");
    } else if (kind === "Promise") {
      braces[0] = `${getPrefix(constructor, tag, "Promise")}{`;
      formatter = formatPromise;
    } else if (kind === "WeakSet" || kind === "WeakMap") {
      braces[0] = `${getPrefix(constructor, tag, kind)}{`;
      formatter = formatUnknownItems;
    } else if (kind === "Number" || kind === "String" || kind === "Boolean" || kind === "BigInt" || kind === "Symbol") {
      base = getBoxedBase(value, ctx, keys, constructor, tag, kind);
      if (keys.length === 0 && protoProps === undefined) return base;
    } else {
      if (keys.length === 0 && protoProps === undefined) return `${getPrefix(constructor, tag, "Object")}{}`;
      braces[0] = `${getPrefix(constructor, tag, "Object")}{`;
    }
  }

  if (recurseTimes > ctx.depth && ctx.depth !== null) {
    let name = getPrefix(constructor, tag, "Object").slice(0, -1);
    if (constructor !== null) name = `[${name}]`;
    return ctx.stylize(name, "special");
  }
  recurseTimes += 1;
  ctx.seen.push(value);
  ctx.currentDepth = recurseTimes;
  let output;
  const indentationLvl = ctx.indentationLvl;
  try {
    output = formatter(ctx, value, recurseTimes);
    for (let i = 0; i < keys.length; i++) {
      output.push(formatProperty(ctx, value, recurseTimes, keys[i], extrasType));
    }
    if (protoProps !== undefined) for (const p of protoProps) output.push(p);
  } catch (err) {
    if (isStackOverflow(err)) {
      ctx.seen.pop();
      ctx.indentationLvl = indentationLvl;
      const name = getPrefix(constructor, tag, "Object").slice(0, -1);
      return ctx.stylize(`[${name}: Inspection interrupted prematurely. Maximum call stack size exceeded.]`, "special");
    }
    throw err;
  }
  if (ctx.circular !== undefined) {
    const index = ctx.circular.get(value);
    if (index !== undefined) {
      const reference = ctx.stylize(`<ref *${index}>`, "special");
      if (ctx.compact !== true) base = base === "" ? reference : `${reference} ${base}`;
      else braces[0] = `${reference} ${braces[0]}`;
    }
  }
  ctx.seen.pop();

  if (ctx.sorted) {
    const comparator = ctx.sorted === true ? undefined : ctx.sorted;
    if (extrasType === kObjectType) {
      output.sort(comparator);
    } else if (keys.length > 1) {
      const tail = output.splice(output.length - keys.length, keys.length).sort(comparator);
      for (const entry of tail) output.push(entry);
    }
  }

  const res = reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
  // Node stops descending once one nesting level has produced 2**27 characters.
  const newLength = (ctx.budget[ctx.indentationLvl] || 0) + res.length;
  ctx.budget[ctx.indentationLvl] = newLength;
  if (newLength > 2 ** 27) ctx.depth = -1;
  return res;
}

function isStackOverflow(err) {
  return err !== null && typeof err === "object" &&
    (err.name === "RangeError" || err.name === "InternalError") && /stack/i.test(String(err.message));
}

function formatNothing() {
  return [];
}

function formatUnknownItems(ctx) {
  return [ctx.stylize("<items unknown>", "special")];
}

function formatPromise(ctx) {
  return [ctx.stylize("<pending>", "special")];
}

function getFunctionBase(value, constructor, tag) {
  let source = "";
  try { source = FunctionToString.call(value); } catch { /* a revoked proxy */ }
  if (source.startsWith("class") && source.endsWith("}")) {
    const body = source.slice(5, -1);
    const brace = body.indexOf("{");
    if (brace !== -1 && (!body.slice(0, brace).includes("(") ||
        /^\s*(?:[^{(]*\([^)]*\))?[^{(]*\{/.test(body.replace(/\/\/.*|\/\*[^]*?\*\//g, "")))) {
      return getClassBase(value, constructor, tag);
    }
  }
  const type = functionKind(value);
  let base = `[${type}`;
  if (constructor === null) base += " (null prototype)";
  base += value.name === "" ? " (anonymous)" : `: ${value.name}`;
  base += "]";
  if (constructor !== type && constructor !== null) base += ` ${constructor}`;
  if (tag !== "" && constructor !== tag) base += ` [${tag}]`;
  return base;
}

function getClassBase(value, constructor, tag) {
  const name = (hasOwn(value, "name") && value.name) || "(anonymous)";
  let base = `class ${name}`;
  if (constructor !== "Function" && constructor !== null) base += ` [${constructor}]`;
  if (tag !== "" && constructor !== tag) base += ` [${tag}]`;
  if (constructor !== null) {
    const superName = getProto(value).name;
    if (superName) base += ` extends ${superName}`;
  } else {
    base += " extends [null prototype]";
  }
  return `[${base}]`;
}

function getBoxedBase(value, ctx, keys, constructor, tag, type) {
  if (type === "String") keys.splice(0, value.length);  // the index keys repeat the text
  let base = `[${type}`;
  if (type !== constructor) base += constructor === null ? " (null prototype)" : ` (${constructor})`;
  base += `: ${formatPrimitive(stylizeNoColor, valueOfs[type].call(value), ctx)}]`;
  if (tag !== "" && tag !== constructor) base += ` [${tag}]`;
  if (keys.length !== 0 || ctx.stylize === stylizeNoColor) return base;
  return ctx.stylize(base, type.toLowerCase());
}

// --- errors ------------------------------------------------------------------

// QuickJS keeps `stack` behind an accessor on Error.prototype where V8 has an
// own property, so an error whose prototype chain lost Error.prototype still
// has a stack in Node: read it through the intrinsic accessor then.
const errorStackGetter = (getOwnDesc(Error.prototype, "stack") || {}).get;

function getStackString(err) {
  let stack = err.stack;
  if (stack === undefined && errorStackGetter !== undefined && !("stack" in err)) {
    try { stack = errorStackGetter.call(err); } catch { stack = undefined; }
    if (typeof stack === "string" && stack) return stack;
  }
  if (!stack) return ErrorToString.call(err);
  return typeof stack === "string" ? internals.errorStack(err) : String(stack);
}

function formatError(err, constructor, tag, ctx, keys) {
  const name = err.name != null ? String(err.name) : "Error";
  let stack = getStackString(err);
  // name/message/stack own properties already visible in the stack are not repeated.
  if (!ctx.showHidden && keys.length !== 0) {
    for (const key of ["name", "message", "stack"]) {
      const index = keys.indexOf(key);
      if (index !== -1 && stack.includes(err[key])) keys.splice(index, 1);
    }
  }
  if ("cause" in err && (keys.length === 0 || !keys.includes("cause"))) keys.push("cause");
  if (isArray(err.errors) && (keys.length === 0 || !keys.includes("errors"))) keys.push("errors");

  stack = improveStack(stack, constructor, name, tag);

  let pos = (err.message && stack.indexOf(err.message)) || -1;
  if (pos !== -1) pos += err.message.length;
  const stackStart = stack.indexOf("\n    at", pos);
  if (stackStart === -1) {
    stack = `[${stack}]`;
  } else {
    const frames = getStackFrames(ctx, err, stack.slice(stackStart + 1));
    stack = `${stack.slice(0, stackStart)}\n${frames.join("\n")}`;
  }
  if (ctx.indentationLvl !== 0) stack = stack.replaceAll("\n", `\n${" ".repeat(ctx.indentationLvl)}`);
  return stack;
}

// Names the error's class in the first line when the stack does not:
// `class Foo extends Error` prints "Foo: msg" or "Foo [TypeError]: msg".
function improveStack(stack, constructor, name, tag) {
  let len = name.length;
  if (constructor === null ||
      (name.endsWith("Error") && stack.startsWith(name) &&
       (stack.length === len || stack[len] === ":" || stack[len] === "\n"))) {
    let fallback = "Error";
    if (constructor === null) {
      const start = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n\s+at)/.exec(stack) || /^([a-z_A-Z0-9-]*Error)$/.exec(stack);
      fallback = (start && start[1]) || "";
      len = fallback.length;
      fallback = fallback || "Error";
    }
    const prefix = getPrefix(constructor, tag, fallback).slice(0, -1);
    if (name !== prefix) {
      if (prefix.includes(name)) {
        stack = len === 0 ? `${prefix}: ${stack}` : `${prefix}${stack.slice(len)}`;
      } else {
        stack = `${prefix} [${name}]${stack.slice(len)}`;
      }
    }
  }
  return stack;
}

// Frames shared with the cause's stack are folded into one "... n lines" line.
function getStackFrames(ctx, err, stack) {
  const frames = stack.split("\n");
  let cause;
  try { cause = err.cause; } catch { /* a throwing getter is ignored */ }
  if (cause != null && isError(cause)) {
    const causeStack = getStackString(cause);
    const causeStart = causeStack.indexOf("\n    at");
    if (causeStart !== -1) {
      const causeFrames = causeStack.slice(causeStart + 1).split("\n");
      const { len, offset } = identicalSequenceRange(frames, causeFrames);
      if (len > 0) {
        const skipped = len - 2;
        const msg = `    ... ${skipped} lines matching cause stack trace ...`;
        frames.splice(offset + 1, skipped, ctx.stylize(msg, "undefined"));
      }
    }
  }
  return frames;
}

// The first run of more than three equal consecutive lines of `a` also in `b`.
function identicalSequenceRange(a, b) {
  for (let i = 0; i < a.length - 3; i++) {
    const pos = b.indexOf(a[i]);
    if (pos === -1) continue;
    const rest = b.length - pos;
    if (rest > 3) {
      let len = 1;
      const maxLen = Math.min(a.length - i, rest);
      while (maxLen > len && a[i + len] === b[pos + len]) len++;
      if (len > 3) return { len, offset: i };
    }
  }
  return { len: 0, offset: 0 };
}

// --- collections ---------------------------------------------------------------

const remainingText = (n) => `... ${n} more item${n > 1 ? "s" : ""}`;

function formatArray(ctx, value, recurseTimes) {
  const length = value.length;
  const shown = Math.min(Math.max(0, ctx.maxArrayLength), length);
  const output = [];
  for (let i = 0; i < shown; i++) {
    const desc = getOwnDesc(value, i);
    if (desc === undefined) return formatSparseArray(ctx, value, recurseTimes, shown, output, i);
    // Fast path (arrays of numbers are common): what formatProperty would do
    // for a primitive that is neither a string nor undefined.
    const v = desc.value;
    const type = typeof v;
    if (type === "number" || type === "boolean" || type === "bigint" || type === "symbol") {
      output.push(formatPrimitive(ctx.stylize, v, ctx));
    } else {
      output.push(formatProperty(ctx, value, recurseTimes, i, kArrayType, desc));
    }
  }
  if (length > shown) output.push(remainingText(length - shown));
  return output;
}

// Runs of holes print as `<n empty items>`; each counts as one shown entry.
function formatSparseArray(ctx, value, recurseTimes, maxLength, output, i) {
  const keys = objectKeys(value);
  let index = i;
  for (; i < keys.length && output.length < maxLength; i++) {
    const key = keys[i];
    const n = +key;
    if (n > 2 ** 32 - 2) break;
    if (`${index}` !== key) {
      if (!indexRegExp.test(key)) break;
      const holes = n - index;
      output.push(ctx.stylize(`<${holes} empty item${holes > 1 ? "s" : ""}>`, "undefined"));
      index = n;
      if (output.length === maxLength) break;
    }
    output.push(formatProperty(ctx, value, recurseTimes, key, kArrayType));
    index++;
  }
  const remaining = value.length - index;
  if (output.length !== maxLength) {
    if (remaining > 0) output.push(ctx.stylize(`<${remaining} empty item${remaining > 1 ? "s" : ""}>`, "undefined"));
  } else if (remaining > 0) {
    output.push(remainingText(remaining));
  }
  return output;
}

function formatTypedArray(ctx, value, recurseTimes) {
  const length = typedArrayLength.call(value);
  const shown = Math.min(Math.max(0, ctx.maxArrayLength), length);
  const output = new Array(shown);
  const numeric = length > 0 && typeof value[0] === "number";
  for (let i = 0; i < shown; i++) {
    output[i] = numeric ? formatNumber(ctx.stylize, value[i], ctx.numericSeparator)
      : formatBigInt(ctx.stylize, value[i], ctx.numericSeparator);
  }
  if (length > shown) output[shown] = remainingText(length - shown);
  if (ctx.showHidden) {
    ctx.indentationLvl += 2;
    for (const key of ["BYTES_PER_ELEMENT", "length", "byteLength", "byteOffset", "buffer"]) {
      output.push(`[${key}]: ${formatValue(ctx, value[key], recurseTimes, true)}`);
    }
    ctx.indentationLvl -= 2;
  }
  return output;
}

function formatArrayBuffer(ctx, value) {
  let bytes;
  try {
    bytes = new Uint8Array(value);
  } catch {
    return [ctx.stylize("(detached)", "special")];
  }
  const shown = Math.min(ctx.maxArrayLength, bytes.length);
  let str = "";
  for (let i = 0; i < shown; i++) {
    str += (i === 0 ? "" : " ") + (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
  }
  const remaining = bytes.length - ctx.maxArrayLength;
  if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? "s" : ""}`;
  return [`${ctx.stylize("[Uint8Contents]", "special")}: <${str}>`];
}

function formatSet(ctx, value, recurseTimes) {
  const size = setSize.call(value);
  const shown = Math.min(Math.max(0, ctx.maxArrayLength), size);
  const output = [];
  ctx.indentationLvl += 2;
  const it = setValues.call(value);
  for (let i = 0; i < shown; i++) {
    const step = setIterNext.call(it);
    if (step.done) break;
    output.push(formatValue(ctx, step.value, recurseTimes));
  }
  if (size > shown) output.push(remainingText(size - shown));
  ctx.indentationLvl -= 2;
  return output;
}

function formatMap(ctx, value, recurseTimes) {
  const size = mapSize.call(value);
  const shown = Math.min(Math.max(0, ctx.maxArrayLength), size);
  const output = [];
  ctx.indentationLvl += 2;
  const it = mapEntries.call(value);
  for (let i = 0; i < shown; i++) {
    const step = mapIterNext.call(it);
    if (step.done) break;
    const [k, v] = step.value;
    output.push(`${formatValue(ctx, k, recurseTimes)} => ${formatValue(ctx, v, recurseTimes)}`);
  }
  if (size > shown) output.push(remainingText(size - shown));
  ctx.indentationLvl -= 2;
  return output;
}

// --- properties ----------------------------------------------------------------

const identifierRegExp = /^[a-zA-Z_][a-zA-Z_0-9]*$/;

function formatProperty(ctx, value, recurseTimes, key, type, desc, original = value) {
  let name, str;
  let extra = " ";
  desc = desc || getOwnDesc(value, key) || { value: value[key], enumerable: true };
  if (desc.value !== undefined) {
    const diff = (ctx.compact !== true || type !== kObjectType) ? 2 : 3;
    ctx.indentationLvl += diff;
    str = formatValue(ctx, desc.value, recurseTimes);
    if (diff === 3 && ctx.breakLength < getStringWidth(str, ctx.colors)) {
      extra = `\n${" ".repeat(ctx.indentationLvl)}`;
    }
    ctx.indentationLvl -= diff;
  } else if (desc.get !== undefined) {
    const label = desc.set !== undefined ? "Getter/Setter" : "Getter";
    const s = ctx.stylize;
    const getters = ctx.getters;
    if (getters && (getters === true || (getters === "get" && desc.set === undefined) ||
        (getters === "set" && desc.set !== undefined))) {
      try {
        const got = desc.get.call(original);
        ctx.indentationLvl += 2;
        if (got === null) str = `${s(`[${label}:`, "special")} ${s("null", "null")}${s("]", "special")}`;
        else if (typeof got === "object") str = `${s(`[${label}]`, "special")} ${formatValue(ctx, got, recurseTimes)}`;
        else str = `${s(`[${label}:`, "special")} ${formatPrimitive(s, got, ctx)}${s("]", "special")}`;
        ctx.indentationLvl -= 2;
      } catch (err) {
        str = `${s(`[${label}:`, "special")} <Inspection threw (${err && err.message})>${s("]", "special")}`;
      }
    } else {
      str = s(`[${label}]`, "special");
    }
  } else if (desc.set !== undefined) {
    str = ctx.stylize("[Setter]", "special");
  } else {
    str = ctx.stylize("undefined", "undefined");
  }
  if (type === kArrayType) return str;
  if (typeof key === "symbol") {
    name = `[${ctx.stylize(escapeName(SymbolToString.call(key)), "symbol")}]`;
  } else if (key === "__proto__") {
    name = "['__proto__']";
  } else if (desc.enumerable === false) {
    name = `[${escapeName(key)}]`;
  } else if (identifierRegExp.test(key)) {
    name = ctx.stylize(key, "name");
  } else {
    name = ctx.stylize(strEscape(key), "string");
  }
  return `${name}:${extra}${str}`;
}

// --- layout --------------------------------------------------------------------

// Whether the entries fit on one line: their lengths plus one separator each,
// plus `start` columns of surrounding text, within breakLength.
function isBelowBreakLength(ctx, output, start, base) {
  let total = output.length + start;
  if (total + output.length > ctx.breakLength) return false;
  for (let i = 0; i < output.length; i++) {
    total += ctx.colors ? removeColors(output[i]).length : output[i].length;
    if (total > ctx.breakLength) return false;
  }
  return base === "" || !base.includes("\n");
}

function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
  if (ctx.compact !== true) {
    if (typeof ctx.compact === "number" && ctx.compact >= 1) {
      const entries = output.length;
      if (extrasType === kArrayExtrasType && entries > 6) output = groupArrayElements(ctx, output, value);
      // Only the innermost `compact` levels may share a line.
      if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
        const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
        if (isBelowBreakLength(ctx, output, start, base)) {
          const joined = output.join(", ");
          if (!joined.includes("\n")) {
            return `${base ? `${base} ` : ""}${braces[0]} ${joined} ${braces[1]}`;
          }
        }
      }
    }
    const indentation = `\n${" ".repeat(ctx.indentationLvl)}`;
    return `${base ? `${base} ` : ""}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
  }
  if (isBelowBreakLength(ctx, output, 0, base)) {
    return `${braces[0]}${base ? ` ${base}` : ""} ${output.join(", ")} ${braces[1]}`;
  }
  const indentation = " ".repeat(ctx.indentationLvl);
  const ln = base === "" && braces[0].length === 1 ? " " : `${base ? ` ${base}` : ""}\n${indentation}  `;
  return `${braces[0]}${ln}${output.join(`,\n${indentation}  `)} ${braces[1]}`;
}

// Lays out many short array entries in aligned columns (numbers right-aligned).
function groupArrayElements(ctx, output, value) {
  let totalLength = 0;
  let maxLength = 0;
  let outputLength = output.length;
  if (ctx.maxArrayLength < output.length) outputLength--;  // "... n more items" stays apart
  const separatorSpace = 2;
  const dataLen = new Array(outputLength);
  for (let i = 0; i < outputLength; i++) {
    const len = getStringWidth(output[i], ctx.colors);
    dataLen[i] = len;
    totalLength += len + separatorSpace;
    if (maxLength < len) maxLength = len;
  }
  const actualMax = maxLength + separatorSpace;
  // At least three columns must fit, and no entry may dwarf the others.
  if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength &&
      (totalLength / actualMax > 5 || maxLength <= 6)) {
    const averageBias = Math.sqrt(actualMax - totalLength / output.length);
    const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
    // Aim for a roughly square block, characters being ~2.5 times taller than wide.
    const columns = Math.min(
      Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
      Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
      ctx.compact * 4,
      15,
    );
    if (columns <= 1) return output;
    const grouped = [];
    const maxLineLength = [];
    for (let i = 0; i < columns; i++) {
      let lineLength = 0;
      for (let j = i; j < output.length; j += columns) {
        if (dataLen[j] > lineLength) lineLength = dataLen[j];
      }
      maxLineLength.push(lineLength + separatorSpace);
    }
    let padStart = true;
    if (value !== undefined) {
      for (let i = 0; i < output.length; i++) {
        if (typeof value[i] !== "number" && typeof value[i] !== "bigint") {
          padStart = false;
          break;
        }
      }
    }
    for (let i = 0; i < outputLength; i += columns) {
      const max = Math.min(i + columns, outputLength);
      let str = "";
      let j = i;
      for (; j < max - 1; j++) {
        const padding = maxLineLength[j - i] + output[j].length - dataLen[j];
        str += padStart ? `${output[j]}, `.padStart(padding, " ") : `${output[j]}, `.padEnd(padding, " ");
      }
      if (padStart) {
        const padding = maxLineLength[j - i] + output[j].length - dataLen[j] - separatorSpace;
        str += output[j].padStart(padding, " ");
      } else {
        str += output[j];
      }
      grouped.push(str);
    }
    if (ctx.maxArrayLength < output.length) grouped.push(output[outputLength]);
    output = grouped;
  }
  return output;
}

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

// https://nodejs.org/docs/latest-v20.x/api/util.html#utilinspectobject-options
function inspect(value, opts) {
  const ctx = {
    budget: {},
    indentationLvl: 0,
    seen: [],
    currentDepth: 0,
    stylize: stylizeNoColor,
    showHidden: inspectDefaultOptions.showHidden,
    depth: inspectDefaultOptions.depth,
    colors: inspectDefaultOptions.colors,
    customInspect: inspectDefaultOptions.customInspect,
    showProxy: inspectDefaultOptions.showProxy,
    maxArrayLength: inspectDefaultOptions.maxArrayLength,
    maxStringLength: inspectDefaultOptions.maxStringLength,
    breakLength: inspectDefaultOptions.breakLength,
    compact: inspectDefaultOptions.compact,
    sorted: inspectDefaultOptions.sorted,
    getters: inspectDefaultOptions.getters,
    numericSeparator: inspectDefaultOptions.numericSeparator,
    userOptions: undefined,
    circular: undefined,
  };
  if (arguments.length > 1) {
    // Legacy signature: inspect(value, showHidden, depth, colors).
    if (arguments.length > 2) {
      if (arguments[2] !== undefined) ctx.depth = arguments[2];
      if (arguments.length > 3 && arguments[3] !== undefined) ctx.colors = arguments[3];
    }
    if (typeof opts === "boolean") {
      ctx.showHidden = opts;
    } else if (opts) {
      for (const key of objectKeys(opts)) {
        if (hasOwn(inspectDefaultOptions, key) || key === "stylize") ctx[key] = opts[key];
        else if (ctx.userOptions === undefined) ctx.userOptions = opts;  // passed on to custom inspectors
      }
    }
  }
  if (ctx.colors) ctx.stylize = stylizeWithColor;
  if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity;
  if (ctx.maxStringLength === null) ctx.maxStringLength = Infinity;
  return formatValue(ctx, value, 0);
}

inspect.custom = customInspectSymbol;
Object.defineProperty(inspect, "defaultOptions", {
  get() { return inspectDefaultOptions; },
  set(options) {
    if (options === null || typeof options !== "object") {
      throw internals.invalidArgType("options", "object", options);
    }
    Object.assign(inspectDefaultOptions, options);
  },
  enumerable: true,
  configurable: true,
});
inspect.colors = colors;
inspect.styles = styles;

// Node's ERR_INVALID_ARG_TYPE, shared with the other runtime files.
internals.invalidArgType = function invalidArgType(name, expected, actual) {
  let received;
  if (actual == null) received = ` Received ${actual}`;
  else if (typeof actual === "function") received = ` Received function ${actual.name}`;
  else if (typeof actual === "object") {
    const ctor = actual.constructor && actual.constructor.name;
    received = ctor ? ` Received an instance of ${ctor}` : ` Received ${inspect(actual, { depth: -1 })}`;
  } else {
    let shown = inspect(actual, { colors: false });
    if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
    received = ` Received type ${typeof actual} (${shown})`;
  }
  const err = new TypeError(`The "${name}" argument must be of type ${expected}.${received}`);
  err.code = "ERR_INVALID_ARG_TYPE";
  return err;
};

// Whether `%s` should inspect `value` rather than String() it: objects whose
// toString is the one of a built-in prototype (or missing).
function hasBuiltInToString(value) {
  if (typeof value.toString !== "function") return true;
  if (hasOwn(value, "toString")) return false;
  let pointer = value;
  do {
    pointer = getProto(pointer);
  } while (pointer !== null && !hasOwn(pointer, "toString"));
  if (pointer === null) return true;
  const desc = getOwnDesc(pointer, "constructor");
  return desc !== undefined && typeof desc.value === "function" && isBuiltInName(desc.value.name);
}

let circularMessage;
function tryStringify(arg) {
  try {
    return internals.JSONStringify(arg);
  } catch (err) {
    if (circularMessage === undefined) {
      const a = {};
      a.a = a;
      try { internals.JSONStringify(a); } catch (e) { circularMessage = firstLine(e); }
    }
    if (err && err.name === "TypeError" && firstLine(err) === circularMessage) return "[Circular]";
    throw err;
  }
}

function firstLine(err) {
  const message = String(err && err.message);
  const nl = message.indexOf("\n");
  return nl === -1 ? message : message.slice(0, nl);
}

function formatWithOptionsInternal(inspectOptions, args) {
  const first = args[0];
  let a = 0;
  let str = "";
  let join = "";
  if (typeof first === "string") {
    if (args.length === 1) return first;
    let tempStr;
    let lastPos = 0;
    for (let i = 0; i < first.length - 1; i++) {
      if (first.charCodeAt(i) !== 37) continue;  // '%'
      const next = first.charCodeAt(++i);
      if (a + 1 !== args.length) {
        switch (next) {
          case 115: {  // 's'
            const arg = args[++a];
            if (typeof arg === "number") tempStr = formatNumber(stylizeNoColor, arg, false);
            else if (typeof arg === "bigint") tempStr = formatBigInt(stylizeNoColor, arg, false);
            else if (typeof arg !== "object" || arg === null || !hasBuiltInToString(arg)) tempStr = String(arg);
            else tempStr = inspect(arg, { ...inspectOptions, depth: 0, colors: false, compact: 3 });
            break;
          }
          case 106:  // 'j'
            tempStr = tryStringify(args[++a]);
            break;
          case 100: {  // 'd'
            const arg = args[++a];
            if (typeof arg === "bigint") tempStr = formatBigInt(stylizeNoColor, arg, false);
            else if (typeof arg === "symbol") tempStr = "NaN";
            else tempStr = formatNumber(stylizeNoColor, Number(arg), false);
            break;
          }
          case 79:  // 'O'
            tempStr = inspect(args[++a], inspectOptions);
            break;
          case 111:  // 'o'
            tempStr = inspect(args[++a], { ...inspectOptions, showHidden: true, showProxy: true, depth: 4 });
            break;
          case 105: {  // 'i'
            const arg = args[++a];
            if (typeof arg === "bigint") tempStr = formatBigInt(stylizeNoColor, arg, false);
            else if (typeof arg === "symbol") tempStr = "NaN";
            else tempStr = formatNumber(stylizeNoColor, Number.parseInt(arg), false);
            break;
          }
          case 102: {  // 'f'
            const arg = args[++a];
            tempStr = typeof arg === "symbol" ? "NaN" : formatNumber(stylizeNoColor, Number.parseFloat(arg), false);
            break;
          }
          case 99:  // 'c': CSS, consumed and dropped
            a += 1;
            tempStr = "";
            break;
          case 37:  // '%%'
            str += first.slice(lastPos, i);
            lastPos = i + 1;
            continue;
          default:
            continue;
        }
        if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
        str += tempStr;
        lastPos = i + 1;
      } else if (next === 37) {
        str += first.slice(lastPos, i);
        lastPos = i + 1;
      }
    }
    if (lastPos !== 0) {
      a++;
      join = " ";
      if (lastPos < first.length) str += first.slice(lastPos);
    }
  }
  while (a < args.length) {
    const value = args[a];
    str += join;
    str += typeof value !== "string" ? inspect(value, inspectOptions) : value;
    join = " ";
    a++;
  }
  return str;
}

// https://nodejs.org/docs/latest-v20.x/api/util.html#utilformatformat-args
function format(...args) {
  return formatWithOptionsInternal(undefined, args);
}

function formatWithOptions(inspectOptions, ...args) {
  if (inspectOptions === null || typeof inspectOptions !== "object") {
    throw internals.invalidArgType("inspectOptions", "object", inspectOptions);
  }
  return formatWithOptionsInternal(inspectOptions, args);
}

internals.inspect = inspect;
internals.format = format;
internals.formatWithOptions = formatWithOptions;
internals.getStringWidth = getStringWidth;
internals.stripVTControlCharacters = stripVTControlCharacters;
internals.types = types;
internals.isError = isError;
internals.kindOf = kindOf;

// ---------------------------------------------------------------------------
// The rest of Node's `util` module (for a later require('util'))
// ---------------------------------------------------------------------------

// Node prints process warnings on stderr as "(node:<pid>) <Type>: <message>";
// there is no process here, so the pid is a fixed 1.
const warned = new Set();
internals.emitWarning = function emitWarning(message, type = "Warning", code) {
  internals.log("warn", `(node:1) ${code ? `[${code}] ` : ""}${type}: ${message}`);
};

const promisifyCustom = Symbol.for("nodejs.util.promisify.custom");

// https://nodejs.org/docs/latest-v20.x/api/util.html#utilpromisifyoriginal
function promisify(original) {
  if (typeof original !== "function") throw internals.invalidArgType("original", "function", original);
  const custom = original[promisifyCustom];
  if (custom !== undefined) {
    if (typeof custom !== "function") throw internals.invalidArgType("util.promisify.custom", "function", custom);
    return Object.defineProperty(custom, promisifyCustom, { value: custom, configurable: true });
  }
  function fn(...args) {
    return new Promise((resolve, reject) => {
      original.call(this, ...args, (err, ...values) => {
        if (err) reject(err);
        else resolve(values[0]);
      });
    });
  }
  Object.setPrototypeOf(fn, getProto(original));
  Object.defineProperty(fn, promisifyCustom, { value: fn, configurable: true });
  return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
}
promisify.custom = promisifyCustom;

// https://nodejs.org/docs/latest-v20.x/api/util.html#utilcallbackifyoriginal
function callbackify(original) {
  if (typeof original !== "function") throw internals.invalidArgType("original", "function", original);
  function callbackified(...args) {
    const callback = args.pop();
    if (typeof callback !== "function") throw internals.invalidArgType("last argument", "function", callback);
    const onError = (reason) => {
      if (!reason) {
        const err = new Error("Promise was rejected with falsy value");
        err.code = "ERR_FALSY_VALUE_REJECTION";
        err.reason = reason;
        reason = err;
      }
      callback.call(this, reason);
    };
    Reflect.apply(original, this, args).then((value) => callback.call(this, null, value), onError);
  }
  Object.defineProperties(callbackified, Object.getOwnPropertyDescriptors(original));
  return callbackified;
}

// https://nodejs.org/docs/latest-v20.x/api/util.html#utilinheritsconstructor-superconstructor
function inherits(ctor, superCtor) {
  if (typeof ctor !== "function") throw internals.invalidArgType("ctor", "function", ctor);
  if (typeof superCtor !== "function") throw internals.invalidArgType("superCtor", "function", superCtor);
  if (superCtor.prototype === undefined) throw internals.invalidArgType("superCtor.prototype", "object", undefined);
  Object.defineProperty(ctor, "super_", { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

// https://nodejs.org/docs/latest-v20.x/api/util.html#utildeprecatefn-msg-code
function deprecate(fn, msg, code) {
  let done = false;
  function deprecated(...args) {
    if (!done && !(code !== undefined && warned.has(code))) {
      done = true;
      if (code !== undefined) warned.add(code);
      internals.emitWarning(msg, "DeprecationWarning", code);
    }
    return new.target ? Reflect.construct(fn, args, new.target) : Reflect.apply(fn, this, args);
  }
  Object.setPrototypeOf(deprecated, fn);
  if (fn.prototype) deprecated.prototype = fn.prototype;
  return deprecated;
}

// https://nodejs.org/docs/latest-v20.x/api/util.html#utilisdeepstrictequalval1-val2
// The strict mode of assert.deepStrictEqual: same prototypes and tags, own
// enumerable keys, Object.is for primitives, unordered Map/Set contents.
function isDeepStrictEqual(a, b) {
  return deepEqual(a, b, new Map());
}

function deepEqual(a, b, memo) {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    return false;
  }
  if (getProto(a) !== getProto(b) || ObjectToString.call(a) !== ObjectToString.call(b)) return false;
  const kind = kindOf(a);
  if (kind !== kindOf(b) || isArray(a) !== isArray(b)) return false;
  const pair = memo.get(a);
  if (pair !== undefined && pair.has(b)) return true;   // already being compared (cycles)
  if (pair === undefined) memo.set(a, new Set([b])); else pair.add(b);

  switch (kind) {
    case "Date":
      if (DateGetTime.call(a) !== DateGetTime.call(b)) return false;
      break;
    case "RegExp":
      if (String(a) !== String(b) || a.lastIndex !== b.lastIndex) return false;
      break;
    case "Error":
      if (a.message !== b.message || a.name !== b.name) return false;
      break;
    case "Number": case "String": case "Boolean": case "BigInt": case "Symbol":
      if (!Object.is(valueOfs[kind].call(a), valueOfs[kind].call(b))) return false;
      break;
    case "TypedArray": case "ArrayBuffer": case "SharedArrayBuffer": case "DataView": {
      const view = (x) => kind === "TypedArray" || kind === "DataView"
        ? new Uint8Array(x.buffer, x.byteOffset, x.byteLength) : new Uint8Array(x);
      const x = view(a);
      const y = view(b);
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
      if (kind === "TypedArray") return keysEqual(a, b, memo, getNonIndexKeys(a, false), getNonIndexKeys(b, false));
      break;
    }
    case "Set":
      if (setSize.call(a) !== setSize.call(b) || !setEqual(a, b, memo)) return false;
      break;
    case "Map":
      if (mapSize.call(a) !== mapSize.call(b) || !mapEqual(a, b, memo)) return false;
      break;
    case "WeakMap": case "WeakSet": case "Promise":
      return false;  // only identical instances are equal (checked above)
    default:
      break;
  }
  if (isArray(a)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (hasOwn(a, i) !== hasOwn(b, i) || !deepEqual(a[i], b[i], memo)) return false;
    }
    return keysEqual(a, b, memo, getNonIndexKeys(a, false), getNonIndexKeys(b, false));
  }
  return keysEqual(a, b, memo, getKeys(a, false), getKeys(b, false));
}

function keysEqual(a, b, memo, keysA, keysB) {
  if (keysA.length !== keysB.length) return false;
  for (const key of keysA) {
    if (!isEnumerable(b, key)) return false;
    if (!deepEqual(a[key], b[key], memo)) return false;
  }
  return true;
}

function setEqual(a, b, memo) {
  let pending;
  for (const v of a) {
    if (typeof v === "object" && v !== null) (pending ??= []).push(v);
    else if (!b.has(v)) return false;
  }
  if (pending === undefined) return true;
  const candidates = [];
  for (const v of b) if (typeof v === "object" && v !== null && !a.has(v)) candidates.push(v);
  for (const v of pending) {
    if (b.has(v)) continue;
    const i = candidates.findIndex((w) => deepEqual(v, w, memo));
    if (i === -1) return false;
    candidates.splice(i, 1);
  }
  return true;
}

function mapEqual(a, b, memo) {
  const loose = [];
  for (const [k, v] of a) {
    if (b.has(k)) {
      if (!deepEqual(v, b.get(k), memo)) return false;
    } else if (typeof k === "object" && k !== null) {
      loose.push([k, v]);
    } else {
      return false;
    }
  }
  if (loose.length === 0) return true;
  const candidates = [];
  for (const [k, v] of b) if (typeof k === "object" && k !== null && !a.has(k)) candidates.push([k, v]);
  for (const [k, v] of loose) {
    const i = candidates.findIndex(([k2, v2]) => deepEqual(k, k2, memo) && deepEqual(v, v2, memo));
    if (i === -1) return false;
    candidates.splice(i, 1);
  }
  return true;
}

internals.util = {
  format,
  formatWithOptions,
  inspect,
  isDeepStrictEqual,
  types,
  inherits,
  promisify,
  callbackify,
  deprecate,
  stripVTControlCharacters,
  toUSVString: (str) => String(str).toWellFormed(),
  debuglog: () => { const log = () => {}; log.enabled = false; return log; },
  // Legacy type checks, still exported by Node 20.
  isArray,
  isBoolean: (v) => typeof v === "boolean",
  isNull: (v) => v === null,
  isNullOrUndefined: (v) => v == null,
  isNumber: (v) => typeof v === "number",
  isString: (v) => typeof v === "string",
  isSymbol: (v) => typeof v === "symbol",
  isUndefined: (v) => v === undefined,
  isRegExp: types.isRegExp,
  isObject: (v) => v !== null && typeof v === "object",
  isDate: types.isDate,
  isError,
  isFunction: (v) => typeof v === "function",
  isPrimitive: (v) => v === null || (typeof v !== "object" && typeof v !== "function"),
};
internals.util.debug = internals.util.debuglog;
