// structuredClone(value, { transfer }), as Node 20 does it.
// https://html.spec.whatwg.org/multipage/structured-data.html#structuredserializeinternal
// https://html.spec.whatwg.org/multipage/structured-data.html#structureddeserialize
//
// Node 20 runs V8's ValueSerializer, whose choices are reproduced where the HTML
// algorithm leaves room or where V8 departs from it:
//   - a value is classified by its internal type, not its prototype: a class
//     instance clones to a plain object, `Object.create(Map.prototype)` too;
//   - plain objects and arrays copy own enumerable string keys; getters run; a
//     key deleted by an earlier getter is skipped; array holes stay holes;
//   - Map, Set, Date, RegExp, wrappers, ArrayBuffer and views keep only their
//     contents (extra properties are dropped), RegExp's lastIndex is reset;
//   - views keep their offset into one clone of their whole buffer, so views
//     that shared a buffer still share one; a Buffer becomes a Uint8Array;
//   - errors keep name (one of the seven native ones, else "Error"), message,
//     stack and cause, and nothing else;
//   - anything else throws DOMException [DataCloneError] "<value> could not be
//     cloned.", the value written the way V8 writes it without side effects.
// Where plain JS cannot see what V8 sees, this falls short: a Proxy is cloned
// through its traps (V8 refuses it), a SharedArrayBuffer is shared as the same
// object (V8 makes a new object over the same memory), a view that tracks a
// resizable buffer's length gets a fixed length, and a built-in whose
// Symbol.toStringTag or prototype was replaced is taken for what those say.

const { DOMException } = internals;

const ObjectDefineProperty = Object.defineProperty;
const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const ObjectGetPrototypeOf = Object.getPrototypeOf;
const ObjectKeys = Object.keys;
const ObjectHasOwn = Object.hasOwn;
const ObjectPrototype = Object.prototype;
const ObjectPrototypeToString = Object.prototype.toString;
const ArrayPrototype = Array.prototype;
const ArrayIsArray = Array.isArray;
const FunctionPrototypeToString = Function.prototype.toString;
const SymbolPrototypeToString = Symbol.prototype.toString;
const ErrorIsError = typeof Error.isError === "function" ? Error.isError : null;

// Originals of everything reached through a prototype, so user code that patches
// built-ins cannot change what a clone is.
const getter = (proto, key) => ObjectGetOwnPropertyDescriptor(proto, key).get;
const call = Function.prototype.call.bind(Function.prototype.call);
const DatePrototypeGetTime = Date.prototype.getTime;
const RegExpSource = getter(RegExp.prototype, "source");
const RegExpFlags = getter(RegExp.prototype, "flags");
const BooleanValueOf = Boolean.prototype.valueOf;
const NumberValueOf = Number.prototype.valueOf;
const StringValueOf = String.prototype.valueOf;
const BigIntValueOf = BigInt.prototype.valueOf;
const SymbolValueOf = Symbol.prototype.valueOf;
const MapSize = getter(Map.prototype, "size");
const MapForEach = Map.prototype.forEach;
const MapSet = Map.prototype.set;
const SetSize = getter(Set.prototype, "size");
const SetForEach = Set.prototype.forEach;
const SetAdd = Set.prototype.add;
const WeakMapHas = WeakMap.prototype.has;
const WeakSetHas = WeakSet.prototype.has;
const WeakRefDeref = WeakRef.prototype.deref;
const FinalizationRegistryUnregister = FinalizationRegistry.prototype.unregister;
const ArrayBufferByteLength = getter(ArrayBuffer.prototype, "byteLength");
const ArrayBufferSlice = ArrayBuffer.prototype.slice;
const ArrayBufferResizable = getter(ArrayBuffer.prototype, "resizable");
const ArrayBufferMaxByteLength = getter(ArrayBuffer.prototype, "maxByteLength");
const ArrayBufferDetached = getter(ArrayBuffer.prototype, "detached");
const ArrayBufferTransfer = ArrayBuffer.prototype.transfer;
const SharedArrayBufferByteLength = typeof SharedArrayBuffer === "function"
  ? getter(SharedArrayBuffer.prototype, "byteLength") : null;
const TypedArrayPrototype = ObjectGetPrototypeOf(Uint8Array.prototype);
const TypedArrayTag = getter(TypedArrayPrototype, Symbol.toStringTag);
const TypedArrayBuffer = getter(TypedArrayPrototype, "buffer");
const TypedArrayByteOffset = getter(TypedArrayPrototype, "byteOffset");
const TypedArrayLength = getter(TypedArrayPrototype, "length");
const DataViewBuffer = getter(DataView.prototype, "buffer");
const DataViewByteOffset = getter(DataView.prototype, "byteOffset");
const DataViewByteLength = getter(DataView.prototype, "byteLength");
const Uint8ArraySet = TypedArrayPrototype.set;
const IteratorPrototype = ObjectGetPrototypeOf(ObjectGetPrototypeOf([][Symbol.iterator]()));
const global = globalThis;

const errorConstructors = {
  __proto__: null,
  Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError,
};

const typedArrayConstructors = {
  __proto__: null,
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
};
if (typeof Float16Array === "function") typedArrayConstructors.Float16Array = Float16Array;

// What Object.prototype.toString says -> how the value is cloned. A tag only
// suggests a type (Symbol.toStringTag can lie); `isBrand` confirms it, and an
// object that fails the check is cloned as a plain object, as V8 would.
const kinds = {
  __proto__: null,
  "[object Date]": "Date",
  "[object RegExp]": "RegExp",
  "[object Boolean]": "Boolean",
  "[object Number]": "Number",
  "[object String]": "String",
  "[object BigInt]": "BigInt",
  "[object Symbol]": "Symbol",
  "[object Error]": "Error",
  "[object Map]": "Map",
  "[object Set]": "Set",
  "[object ArrayBuffer]": "ArrayBuffer",
  "[object SharedArrayBuffer]": "SharedArrayBuffer",
  "[object DataView]": "DataView",
  "[object WeakMap]": "WeakMap",
  "[object WeakSet]": "WeakSet",
  "[object WeakRef]": "WeakRef",
  "[object FinalizationRegistry]": "FinalizationRegistry",
  // No side-effect-free brand check exists for these; the tag is trusted.
  "[object Promise]": "Promise",
  "[object Generator]": "Generator",
  "[object AsyncGenerator]": "AsyncGenerator",
  "[object Map Iterator]": "Map Iterator",
  "[object Set Iterator]": "Set Iterator",
  "[object Array Iterator]": "Array Iterator",
  "[object String Iterator]": "String Iterator",
  "[object RegExp String Iterator]": "RegExp String Iterator",
  "[object Iterator Helper]": "Iterator Helper",
  "[object Arguments]": "Arguments",
  "[object Module]": "Module",
};
for (const name in typedArrayConstructors) kinds[`[object ${name}]`] = "TypedArray";

// Calls a brand-checking built-in; true when `value` has the internal slots.
function isBrand(fn, value, arg) {
  try {
    call(fn, value, arg);
    return true;
  } catch {
    return false;
  }
}

function confirmKind(kind, value) {
  switch (kind) {
    case "Date": return isBrand(DatePrototypeGetTime, value);
    case "RegExp": return value !== RegExp.prototype && isBrand(RegExpSource, value);
    case "Boolean": return isBrand(BooleanValueOf, value);
    case "Number": return isBrand(NumberValueOf, value);
    case "String": return isBrand(StringValueOf, value);
    case "BigInt": return isBrand(BigIntValueOf, value);
    case "Symbol": return isBrand(SymbolValueOf, value);
    case "Error": return ErrorIsError === null || ErrorIsError(value);
    case "Map": return isBrand(MapSize, value);
    case "Set": return isBrand(SetSize, value);
    case "ArrayBuffer": return isBrand(ArrayBufferByteLength, value);
    case "SharedArrayBuffer": return SharedArrayBufferByteLength !== null && isBrand(SharedArrayBufferByteLength, value);
    case "DataView": return isBrand(DataViewBuffer, value);
    case "TypedArray": return call(TypedArrayTag, value) !== undefined;
    case "WeakMap": return isBrand(WeakMapHas, value, {});
    case "WeakSet": return isBrand(WeakSetHas, value, {});
    case "WeakRef": return isBrand(WeakRefDeref, value);
    case "FinalizationRegistry": return isBrand(FinalizationRegistryUnregister, value, {});
    default: return true;
  }
}

// ---------------------------------------------------------------------------
// Errors Node throws
// ---------------------------------------------------------------------------

function dataCloneError(message) {
  return new DOMException(message, "DataCloneError");
}

// Node's C++ argument errors: a TypeError with an own enumerable `code`.
function codedTypeError(code, message) {
  const error = new TypeError(message);
  error.code = code;
  return error;
}

// `${value}` with V8's message for a Symbol (QuickJS words it differently).
function toStringV8(value) {
  if (typeof value === "symbol") throw new TypeError("Cannot convert a Symbol value to a string");
  return `${value}`;
}

// V8's side-effect-free rendering of a value in "<value> could not be cloned.":
// a function's source text (native ones as "function f() { [native code] }"), a
// symbol as Symbol(desc), an object as #<Constructor> when the first
// `constructor` on its chain is a named function, else as [object Type].
function describeFunction(fn) {
  let text = call(FunctionPrototypeToString, fn);
  const native = /^function (.*)\(\) \{\s*\[native code\]\s*\}$/.exec(text);
  if (native !== null) {
    // V8 writes bound functions without a name.
    const name = native[1].startsWith("bound ") ? "" : native[1];
    text = `function ${name}() { [native code] }`;
  }
  return text;
}

function describeObject(object, type) {
  if (type === "Symbol") return "[object Symbol]";  // V8 names wrappers by type
  for (let o = object; o !== null; o = ObjectGetPrototypeOf(o)) {
    // Node 20's %IteratorPrototype% has no `constructor` (QuickJS's has an accessor).
    if (o === IteratorPrototype) continue;
    const desc = ObjectGetOwnPropertyDescriptor(o, "constructor");
    if (desc === undefined) continue;
    const ctor = desc.value;
    if (typeof ctor === "function" && typeof ctor.name === "string" && ctor.name !== "") {
      return `#<${ctor.name}>`;
    }
    break;
  }
  return `[object ${type}]`;
}

function uncloneable(value, type) {
  let text;
  if (typeof value === "function") text = describeFunction(value);
  else if (typeof value === "symbol") text = call(SymbolPrototypeToString, value);
  else text = describeObject(value, type);
  return dataCloneError(`${text} could not be cloned.`);
}

// ---------------------------------------------------------------------------
// The walk: one pass that builds the clone, `memo` mapping each source object
// to its clone so shared references and cycles come out the same.
// ---------------------------------------------------------------------------

// Sets a data property as CreateDataProperty does; plain assignment would make
// an own "__proto__" key replace the clone's prototype instead.
function setData(target, key, value) {
  if (key === "__proto__") {
    ObjectDefineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

function cloneValue(value, memo) {
  switch (typeof value) {
    case "undefined":
    case "boolean":
    case "number":
    case "string":
    case "bigint":
      return value;
    case "symbol":
    case "function":
      throw uncloneable(value);
  }
  if (value === null) return null;
  const seen = memo.get(value);
  if (seen !== undefined) return seen;

  // Fast path for the usual case, an object literal or an array. Of the
  // uncloneable objects, an arguments object (own `callee`) and the global object
  // inherit from Object.prototype too.
  const proto = ObjectGetPrototypeOf(value);
  if (proto === ObjectPrototype) {
    if (value !== global && !ObjectHasOwn(value, "callee")) return clonePlainObject(value, memo);
  } else if (proto === ArrayPrototype && ArrayIsArray(value)) {
    return cloneArray(value, memo);
  }
  if (ArrayIsArray(value)) return cloneArray(value, memo);  // subclasses, other realms' arrays
  if (value === global) throw uncloneable(value, "Object");

  const tag = call(ObjectPrototypeToString, value);
  let kind = kinds[tag];
  if (kind !== undefined && !confirmKind(kind, value)) kind = undefined;
  switch (kind) {
    case undefined:
      return clonePlainObject(value, memo);
    case "Date": {
      const out = new Date(call(DatePrototypeGetTime, value));
      memo.set(value, out);
      return out;
    }
    case "RegExp": {
      // lastIndex and extra properties are not part of the serialization.
      const out = new RegExp(call(RegExpSource, value), call(RegExpFlags, value));
      memo.set(value, out);
      return out;
    }
    case "Boolean":
      return remember(memo, value, Object(call(BooleanValueOf, value)));
    case "Number":
      return remember(memo, value, Object(call(NumberValueOf, value)));
    case "String":
      return remember(memo, value, Object(call(StringValueOf, value)));
    case "BigInt":
      return remember(memo, value, Object(call(BigIntValueOf, value)));
    case "Error":
      return cloneError(value, memo);
    case "Map": {
      const out = new Map();
      memo.set(value, out);
      // Entries are taken before any is cloned, as V8 does: a getter run while
      // cloning cannot add to what is written.
      const entries = [];
      call(MapForEach, value, (v, k) => { entries.push(k, v); });
      for (let i = 0; i < entries.length; i += 2) {
        call(MapSet, out, cloneValue(entries[i], memo), cloneValue(entries[i + 1], memo));
      }
      return out;
    }
    case "Set": {
      const out = new Set();
      memo.set(value, out);
      const items = [];
      call(SetForEach, value, (v) => { items.push(v); });
      for (let i = 0; i < items.length; i++) call(SetAdd, out, cloneValue(items[i], memo));
      return out;
    }
    case "ArrayBuffer":
      return remember(memo, value, copyArrayBuffer(value));
    case "SharedArrayBuffer":
      // Shared memory stays shared; QuickJS cannot make a second object over it.
      return remember(memo, value, value);
    case "TypedArray": {
      const buffer = cloneValue(call(TypedArrayBuffer, value), memo);
      const Ctor = typedArrayConstructors[call(TypedArrayTag, value)];
      const out = new Ctor(buffer, call(TypedArrayByteOffset, value), call(TypedArrayLength, value));
      memo.set(value, out);
      return out;
    }
    case "DataView": {
      const buffer = cloneValue(call(DataViewBuffer, value), memo);
      const out = new DataView(buffer, call(DataViewByteOffset, value), call(DataViewByteLength, value));
      memo.set(value, out);
      return out;
    }
    default:
      // WeakMap, WeakSet, WeakRef, FinalizationRegistry, Promise, generators,
      // iterators, arguments objects, Symbol wrappers, module namespaces.
      throw uncloneable(value, kind);
  }
}

function remember(memo, value, out) {
  memo.set(value, out);
  return out;
}

function clonePlainObject(value, memo) {
  const out = {};
  memo.set(value, out);
  const keys = ObjectKeys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const v = value[key];
    // A key an earlier getter deleted is not written (V8 checks it is still there).
    if (v === undefined && !ObjectHasOwn(value, key)) continue;
    // Primitives are tested inline: most values are, and a call each adds up.
    const c = (typeof v !== "object" || v === null) && typeof v !== "function" && typeof v !== "symbol"
      ? v : cloneValue(v, memo);
    if (key !== "__proto__") out[key] = c;
    else setData(out, key, c);
  }
  return out;
}

function cloneArray(value, memo) {
  const out = [];
  memo.set(value, out);
  const length = value.length;
  const keys = ObjectKeys(value);
  const count = keys.length;
  if (count === length && (length === 0 || keys[length - 1] === `${length - 1}`)) {
    // Every index present and nothing else: the common, dense case. Reading may
    // still find a hole if a getter shortened the array meanwhile.
    for (let i = 0; i < length; i++) {
      const v = value[i];
      if (v === undefined && !(i in value)) continue;
      out[i] = (typeof v !== "object" || v === null) && typeof v !== "function" && typeof v !== "symbol"
        ? v : cloneValue(v, memo);
    }
  } else {
    // Holes or extra properties: write the own keys (indices first, as Object.keys
    // orders them), then restore the length so trailing holes stay.
    for (let i = 0; i < count; i++) {
      const key = keys[i];
      const v = value[key];
      if (v === undefined && !ObjectHasOwn(value, key)) continue;
      setData(out, key, cloneValue(v, memo));
    }
  }
  if (out.length !== length) out.length = length;
  return out;
}

// A data property, found without running getters (V8's GetDataProperty).
function ownDataValue(object, key) {
  const desc = ObjectGetOwnPropertyDescriptor(object, key);
  if (desc === undefined || !("value" in desc)) return { found: false, value: undefined };
  return { found: true, value: desc.value };
}

function cloneError(error, memo) {
  // V8 reads `name` with [[Get]] and keeps the prototype only for the native names.
  const name = toStringV8(error.name);
  const Ctor = errorConstructors[name] || Error;
  const message = ownDataValue(error, "message");
  const messageText = message.found ? toStringV8(message.value) : undefined;
  const stack = stackOf(error);
  const cause = ownDataValue(error, "cause");

  // Built with its message, so the stack header the runtime remembers for it
  // (bootstrap.js errorStack) is the one it ends up with; the message is then
  // re-added so own keys come out as in Node: stack, message, cause.
  let out;
  if (messageText === undefined) {
    out = new Ctor();
  } else {
    out = new Ctor(messageText);
    delete out.message;
  }
  memo.set(error, out);
  ObjectDefineProperty(out, "stack", {
    value: typeof stack === "string" ? stack : undefined,
    writable: true, enumerable: false, configurable: true,
  });
  if (messageText !== undefined) {
    ObjectDefineProperty(out, "message", { value: messageText, writable: true, enumerable: false, configurable: true });
  }
  if (cause.found) {
    ObjectDefineProperty(out, "cause", {
      value: cloneValue(cause.value, memo), writable: true, enumerable: false, configurable: true,
    });
  }
  return out;
}

// The stack as V8 would hand it over: a string, with the header the error's
// current name and message give it (V8 formats lazily; see bootstrap.js).
function stackOf(error) {
  let stack;
  try { stack = error.stack; } catch { return undefined; }
  if (typeof stack !== "string") return stack;
  return internals.errorStack(error);
}

function copyArrayBuffer(buffer) {
  if (call(ArrayBufferDetached, buffer)) {
    throw dataCloneError("An ArrayBuffer is detached and could not be cloned.");
  }
  if (!call(ArrayBufferResizable, buffer)) return call(ArrayBufferSlice, buffer, 0);
  // A resizable buffer stays resizable, with the same maximum (V8 keeps both).
  const out = new ArrayBuffer(call(ArrayBufferByteLength, buffer), {
    maxByteLength: call(ArrayBufferMaxByteLength, buffer),
  });
  call(Uint8ArraySet, new Uint8Array(out), new Uint8Array(buffer));
  return out;
}

// ---------------------------------------------------------------------------
// structuredClone: https://html.spec.whatwg.org/multipage/structured-data.html#dom-structuredclone
// ---------------------------------------------------------------------------

// Node 20 accepts only ArrayBuffers here (MessagePorts do not exist in jshost).
function transferList(options) {
  const transfer = options.transfer;
  if (transfer === undefined || transfer === null) return null;
  if (typeof transfer !== "object" && typeof transfer !== "function") {
    throw codedTypeError("ERR_INVALID_ARG_TYPE", "Optional transferList argument must be an iterable");
  }
  if (typeof transfer[Symbol.iterator] !== "function") {
    throw codedTypeError("ERR_INVALID_ARG_TYPE", "Optional transferList argument must be an iterable");
  }
  const list = [];
  for (const item of transfer) {
    if (item === null || typeof item !== "object" || !isBrand(ArrayBufferByteLength, item)) {
      throw codedTypeError("ERR_INVALID_TRANSFER_OBJECT", "Found invalid object in transferList");
    }
    if (list.includes(item)) throw dataCloneError("Transfer list contains duplicate ArrayBuffer");
    list.push(item);
  }
  return list;
}

function structuredClone(value, options) {
  if (arguments.length === 0) {
    throw codedTypeError("ERR_MISSING_ARGS", "The value argument must be specified");
  }
  let transfer = null;
  if (options !== undefined && options !== null) {
    if (typeof options !== "object" && typeof options !== "function") {
      throw codedTypeError("ERR_INVALID_ARG_TYPE", "The options argument must be either an object or undefined");
    }
    transfer = transferList(options);
  }
  const memo = new Map();
  if (transfer !== null) {
    // A transferred buffer's contents move to the clone. They are copied first
    // and the original detached only once the whole clone succeeded, so a value
    // that cannot be cloned leaves the buffers untouched, as in Node.
    for (const buffer of transfer) {
      if (!call(ArrayBufferDetached, buffer)) memo.set(buffer, copyArrayBuffer(buffer));
    }
  }
  const out = cloneValue(value, memo);
  if (transfer !== null) {
    for (const buffer of transfer) {
      if (!call(ArrayBufferDetached, buffer)) call(ArrayBufferTransfer, buffer);
    }
  }
  return out;
}

// Node's structuredClone has length 0 (its parameters are not declared).
ObjectDefineProperty(structuredClone, "length", { value: 0 });

internals.structuredClone = structuredClone;
internals.defineGlobal("structuredClone", structuredClone);
