// The `Segment` global of source functions: builds Segment Spec messages and
// collects them for the current invocation.
// Segment docs 004 "Sending messages"; RUNTIME-FACTS "Segment.*", which records
// what Segment's buildpack (buildpack/boreal/window.js) does:
//   - attributes are copied only when truthy;
//   - required fields are checked with `=== undefined || === ""`, the event /
//     groupId / previousId / collection / id check first, then userId/anonymousId;
//   - the message is `merge(partial, common(d))` with lodash's merge, so the
//     common fields (context, integrations, ...) are deep copies of plain objects
//     and arrays while traits/properties are the caller's own objects;
//   - each method returns the message it built, and pushes nothing when it throws.
// Messages are collected per invocation (internals.state), never across.

const { ValidationError } = internals.errors;

// Property read that fails as V8 does on null/undefined, so a call without an
// argument throws the TypeError Node would throw.
function read(d, key) {
  if (d === null || d === undefined) {
    throw new TypeError(`Cannot read properties of ${d} (reading '${key}')`);
  }
  return d[key];
}

// https://segment.com/docs/spec/common/ — a value is kept only when truthy.
function setAttribute(object, attribute, value) {
  if (value) object[attribute] = value;
}

function assertExists(d, attribute) {
  const value = read(d, attribute);
  if (value === undefined || value === "") {
    throw new ValidationError(`${attribute} is required but not defined`);
  }
}

function assertOneOfExists(d, attributes) {
  for (const attribute of attributes) {
    if (read(d, attribute)) return;
  }
  throw new ValidationError(`One of ${attributes} is required but not defined`);
}

// https://segment.com/docs/spec/common/ (receivedAt and version are set by the Tracking API)
function common(d) {
  assertOneOfExists(d, ["userId", "anonymousId"]);
  const res = {};
  setAttribute(res, "userId", d.userId);
  setAttribute(res, "anonymousId", d.anonymousId);
  setAttribute(res, "context", d.context);
  setAttribute(res, "integrations", d.integrations);
  setAttribute(res, "messageId", d.messageId);
  setAttribute(res, "sentAt", d.sentAt);
  setAttribute(res, "timestamp", d.timestamp);
  return res;
}

// --- lodash 4.17 `_.merge`, for the values `common()` produces -------------
// Plain objects and arrays are copied deeply; anything else (Date, class
// instances, Map, functions) is assigned by reference. `undefined` values are
// assigned only where the key is absent. Cycles map to the same copy.

const TypedArraySlice = Object.getPrototypeOf(Uint8Array.prototype).slice;

function isObjectLike(value) {
  return value !== null && (typeof value === "object" || typeof value === "function");
}

function isPlainObject(value) {
  if (value === null || typeof value !== "object") return false;
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") && proto.constructor;
  return typeof Ctor === "function" && Function.prototype.toString.call(Ctor) === Function.prototype.toString.call(Object);
}

function isArguments(value) {
  return isObjectLike(value) && Object.prototype.toString.call(value) === "[object Arguments]";
}

// lodash keysIn: own and inherited enumerable string keys.
function keysIn(object) {
  const keys = [];
  for (const key in object) keys.push(key);
  return keys;
}

// lodash `eq`: SameValueZero.
function eq(a, b) {
  return a === b || (a !== a && b !== b);
}

function assignMergeValue(object, key, value) {
  if ((value !== undefined && !eq(object[key], value)) || (value === undefined && !(key in object))) {
    if (key === "__proto__") {
      Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
    } else {
      object[key] = value;
    }
  }
}

function baseMerge(object, source, stack) {
  for (const key of keysIn(source)) {
    const srcValue = source[key];
    if (isObjectLike(srcValue) && typeof srcValue !== "function") {
      baseMergeDeep(object, key, srcValue, stack);
    } else {
      assignMergeValue(object, key, srcValue);
    }
  }
}

function baseMergeDeep(object, key, srcValue, stack) {
  const stacked = stack.get(srcValue);
  if (stacked !== undefined) {
    assignMergeValue(object, key, stacked);
    return;
  }
  const objValue = object[key];
  let newValue = srcValue;
  let deep = true;
  if (Array.isArray(srcValue)) {
    newValue = Array.isArray(objValue) ? objValue : [];
  } else if (ArrayBuffer.isView(srcValue) && !(srcValue instanceof DataView)) {
    newValue = TypedArraySlice.call(srcValue);  // a copy, as lodash's cloneTypedArray
    deep = false;
  } else if (isPlainObject(srcValue) || isArguments(srcValue)) {
    newValue = isObjectLike(objValue) && typeof objValue !== "function"
      ? objValue
      : Object.create(Object.getPrototypeOf(srcValue));
  } else {
    deep = false;
  }
  if (deep) {
    stack.set(srcValue, newValue);
    baseMerge(newValue, srcValue, stack);
    stack.delete(srcValue);
  }
  assignMergeValue(object, key, newValue);
}

function merge(object, source) {
  baseMerge(object, source, new Map());
  return object;
}

// --- the message builders ---------------------------------------------------

function emit(message) {
  internals.state.events.push(message);
  return message;
}

const Segment = {
  // https://segment.com/docs/spec/identify/
  identify(d) {
    const partial = { type: "identify" };
    setAttribute(partial, "traits", read(d, "traits"));
    return emit(merge(partial, common(d)));
  },

  // https://segment.com/docs/spec/track/
  track(d) {
    assertExists(d, "event");
    const partial = { type: "track", event: d.event };
    setAttribute(partial, "properties", d.properties);
    return emit(merge(partial, common(d)));
  },

  // https://segment.com/docs/spec/page/
  page(d) {
    const partial = { type: "page" };
    setAttribute(partial, "name", read(d, "name"));
    setAttribute(partial, "properties", d.properties);
    return emit(merge(partial, common(d)));
  },

  // https://segment.com/docs/spec/screen/
  screen(d) {
    const partial = { type: "screen" };
    setAttribute(partial, "name", read(d, "name"));
    setAttribute(partial, "properties", d.properties);
    return emit(merge(partial, common(d)));
  },

  // https://segment.com/docs/spec/group/
  group(d) {
    assertExists(d, "groupId");
    const partial = { type: "group", groupId: d.groupId };
    setAttribute(partial, "traits", d.traits);
    return emit(merge(partial, common(d)));
  },

  // https://segment.com/docs/spec/alias/
  alias(d) {
    assertExists(d, "previousId");
    const partial = { type: "alias" };
    setAttribute(partial, "previousId", d.previousId);
    return emit(merge(partial, common(d)));
  },

  // Objects API: https://segment.com/docs/connections/sources/catalog/libraries/server/object-api/
  set(d) {
    assertExists(d, "collection");
    assertExists(d, "id");
    const object = { collection: d.collection, id: d.id };
    setAttribute(object, "properties", d.properties);
    internals.state.objects.push(object);
    return object;
  },
};

// Segment's buildpack exposes the collected arrays as `Segment.events` and
// `Segment.objects`; here they are the current invocation's.
Object.defineProperty(Segment, "events", { get: () => internals.state.events, enumerable: false });
Object.defineProperty(Segment, "objects", { get: () => internals.state.objects, enumerable: false });

internals.defineGlobal("Segment", Segment);
