// Node's `assert` module for library code. https://nodejs.org/docs/latest-v20.x/api/assert.html
// Same checks, operators, error classes and codes as Node 20; a message Node writes itself
// (generatedMessage: true) is a plainer rendering here (Node prints a coloured diff, and for
// assert.ok the source text of the call).

const inspect = (value) => internals.inspect(value);

class AssertionError extends Error {
  constructor(options) {
    if (options === null || typeof options !== "object") throw internals.invalidArgType("options", "Object", options);
    const { message, actual, expected, operator } = options;
    super(message !== undefined && message !== null ? String(message) : `${inspect(actual)} ${operator} ${inspect(expected)}`);
    this.generatedMessage = message === undefined || message === null;
    this.code = "ERR_ASSERTION";
    this.actual = actual;
    this.expected = expected;
    this.operator = operator;
  }
}
Object.defineProperty(AssertionError.prototype, "name", { value: "AssertionError", writable: true, configurable: true });

// Throws for a failed check: the caller's message (or Error), else Node's wording.
function fail(actual, expected, message, operator, generated) {
  if (message instanceof Error) throw message;
  const err = new AssertionError({ message: message !== undefined ? message : generated, actual, expected, operator });
  err.generatedMessage = message === undefined;
  throw err;
}

function innerOk(args, value, message) {
  if (args === 0) fail(undefined, true, message, "==", "No value argument passed to `assert.ok()`");
  if (!value) fail(value, true, message, "==", `The expression evaluated to a falsy value:\n\n  assert.ok(${inspect(value)})\n`);
}

function ok(...args) { innerOk(args.length, args[0], args[1]); }

// Loose deep equality (assert.deepEqual): == for primitives, prototypes ignored.
// https://nodejs.org/docs/latest-v20.x/api/assert.html#comparison-details
function looseEqual(a, b, memo) {
  if (a === b) return true;
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) {
    const objA = typeof a === "object" && a !== null, objB = typeof b === "object" && b !== null;
    if (objA || objB) return false;
    // eslint-disable-next-line eqeqeq
    return a == b || (Number.isNaN(a) && Number.isNaN(b));
  }
  const tag = Object.prototype.toString.call(a);
  if (tag !== Object.prototype.toString.call(b)) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (a instanceof Date && b instanceof Date && a.getTime() !== b.getTime()) return false;
  if (a instanceof RegExp && b instanceof RegExp && (String(a) !== String(b) || a.lastIndex !== b.lastIndex)) return false;
  if (a instanceof Error && b instanceof Error && (a.message !== b.message || a.name !== b.name)) return false;
  if (ArrayBuffer.isView(a)) {
    if (a.byteLength !== b.byteLength) return false;
    for (let i = 0; i < a.length; i++) if (!looseEqual(a[i], b[i], memo)) return false;
  }
  const pair = memo.get(a);
  if (pair !== undefined && pair.has(b)) return true;
  if (pair === undefined) memo.set(a, new Set([b])); else pair.add(b);
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [key, value] of a) if (!b.has(key) || !looseEqual(value, b.get(key), memo)) return false;
  } else if (a instanceof Set && b instanceof Set) {
    if (a.size !== b.size) return false;
    outer: for (const value of a) {
      if (b.has(value)) continue;
      for (const other of b) if (looseEqual(value, other, memo)) continue outer;
      return false;
    }
  }
  const keysA = Object.keys(a), keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  for (const key of keysA) {
    if (!Object.prototype.propertyIsEnumerable.call(b, key) || !looseEqual(a[key], b[key], memo)) return false;
  }
  return true;
}

const isDeepEqual = (a, b) => looseEqual(a, b, new Map());
const isDeepStrictEqual = (a, b) => internals.util.isDeepStrictEqual(a, b);

// throws/rejects: does `error` satisfy `expected` (a class, a RegExp, a validation function, an object)?
function checkError(error, expected, message, operator) {
  if (expected === undefined) return;
  if (typeof expected === "function") {
    if (expected.prototype !== undefined && error instanceof expected) return;
    if (Error.isPrototypeOf(expected) || expected === Error) {
      fail(error, expected, message, operator, `The error is expected to be an instance of "${expected.name}". ` +
        `Received "${error && error.constructor ? error.constructor.name : inspect(error)}"`);
    }
    const result = expected.call({}, error);
    if (result !== true) {
      fail(error, expected, message, operator,
        `The ${expected.name ? `"${expected.name}" ` : ""}validation function is expected to return "true". Received ${inspect(result)}`);
    }
    return;
  }
  if (expected instanceof RegExp) {
    if (!expected.test(String(error))) {
      fail(error, expected, message, operator,
        `The input did not match the regular expression ${inspect(expected)}. Input:\n\n${inspect(String(error))}\n`);
    }
    return;
  }
  if (expected !== null && typeof expected === "object") {
    for (const key of Object.keys(expected)) {
      const want = expected[key];
      const got = error === null || error === undefined ? undefined : error[key];
      const same = want instanceof RegExp && typeof got === "string" ? want.test(got) : isDeepStrictEqual(got, want);
      if (!same) {
        fail(error, expected, message, operator,
          `Expected values to be strictly deep-equal:\n+ actual - expected\n\n  Comparison {\n+   ${key}: ${inspect(got)}\n-   ${key}: ${inspect(want)}\n  }`);
      }
    }
    return;
  }
  throw internals.invalidArgType("expected", ["Function", "RegExp", "Object", "Error"], expected);
}

// The optional second argument of throws/rejects may be the message instead of `expected`.
function splitExpected(expected, message) {
  if (typeof expected === "string") return [undefined, expected];
  return [expected, message];
}

function getActual(fn) {
  if (typeof fn !== "function") throw internals.invalidArgType("fn", "Function", fn);
  try {
    fn();
  } catch (error) {
    return { error };
  }
  return null;
}

async function waitActual(promiseFn) {
  let promise = promiseFn;
  if (typeof promiseFn === "function") {
    promise = promiseFn();
    if (promise === null || typeof promise !== "object" || typeof promise.then !== "function") {
      const err = new TypeError(`Expected instance of Promise to be returned from the "promiseFn" function but got ${
        promise === null ? "null" : typeof promise === "object" ? `an instance of ${promise.constructor.name}` : `type ${typeof promise}`}.`);
      err.code = "ERR_INVALID_RETURN_VALUE";
      throw err;
    }
  } else if (promise === null || typeof promise !== "object" || typeof promise.then !== "function") {
    throw internals.invalidArgType("promiseFn", ["Function", "Promise"], promiseFn);
  }
  try {
    await promise;
  } catch (error) {
    return { error };
  }
  return null;
}

const describeError = (error) => (error && error.message !== undefined ? error.message : inspect(error));

const assert = function assert(...args) { innerOk(args.length, args[0], args[1]); };

Object.assign(assert, {
  AssertionError,
  ok,
  fail(message) {
    if (message instanceof Error) throw message;
    fail(undefined, undefined, message, "fail", "Failed");
  },
  equal(a, b, message) {
    // eslint-disable-next-line eqeqeq
    if (!(a == b || (Number.isNaN(a) && Number.isNaN(b)))) fail(a, b, message, "==", `${inspect(a)} == ${inspect(b)}`);
  },
  notEqual(a, b, message) {
    // eslint-disable-next-line eqeqeq
    if (a == b || (Number.isNaN(a) && Number.isNaN(b))) fail(a, b, message, "!=", `${inspect(a)} != ${inspect(b)}`);
  },
  strictEqual(a, b, message) {
    if (Object.is(a, b)) return;
    // Node 20 appends the values to a message of the caller's own.
    fail(a, b, typeof message === "string" ? `${message}\n\n${inspect(a)} !== ${inspect(b)}\n` : message, "strictEqual",
      `Expected values to be strictly equal:\n\n${inspect(a)} !== ${inspect(b)}\n`);
  },
  notStrictEqual(a, b, message) {
    if (Object.is(a, b)) fail(a, b, message, "notStrictEqual", `Expected "actual" to be strictly unequal to: ${inspect(b)}`);
  },
  deepEqual(a, b, message) {
    if (!isDeepEqual(a, b)) {
      fail(a, b, message, "deepEqual",
        `Expected values to be loosely deep-equal:\n\n${inspect(a)}\n\nshould loosely deep-equal\n\n${inspect(b)}`);
    }
  },
  notDeepEqual(a, b, message) {
    if (isDeepEqual(a, b)) fail(a, b, message, "notDeepEqual", `Expected "actual" not to be loosely deep-equal to:\n\n${inspect(b)}\n`);
  },
  deepStrictEqual(a, b, message) {
    if (!isDeepStrictEqual(a, b)) {
      fail(a, b, message, "deepStrictEqual",
        `Expected values to be strictly deep-equal:\n${inspect(a)}\n\nshould equal\n\n${inspect(b)}`);
    }
  },
  notDeepStrictEqual(a, b, message) {
    if (isDeepStrictEqual(a, b)) {
      fail(a, b, message, "notDeepStrictEqual", `Expected "actual" not to be strictly deep-equal to:\n\n${inspect(b)}\n`);
    }
  },
  throws(fn, expectedArg, messageArg) {
    const [expected, message] = splitExpected(expectedArg, messageArg);
    const actual = getActual(fn);
    if (actual === null) {
      // Node marks these messages as not generated, even its own wording.
      fail(undefined, expected, `Missing expected exception${message === undefined ? "." : `: ${message}`}`, "throws");
    }
    checkError(actual.error, expected, message, "throws");
  },
  doesNotThrow(fn, expectedArg, messageArg) {
    const [, message] = splitExpected(expectedArg, messageArg);
    const actual = getActual(fn);
    if (actual !== null) {
      fail(actual.error, expectedArg, `Got unwanted exception${message === undefined ? "." : `: ${message}`}\n` +
        `Actual message: "${describeError(actual.error)}"`, "doesNotThrow");
    }
  },
  async rejects(promiseFn, expectedArg, messageArg) {
    const [expected, message] = splitExpected(expectedArg, messageArg);
    const actual = await waitActual(promiseFn);
    if (actual === null) {
      fail(undefined, expected, `Missing expected rejection${message === undefined ? "." : `: ${message}`}`, "rejects");
    }
    checkError(actual.error, expected, message, "rejects");
  },
  async doesNotReject(promiseFn, expectedArg, messageArg) {
    const [, message] = splitExpected(expectedArg, messageArg);
    const actual = await waitActual(promiseFn);
    if (actual !== null) {
      fail(actual.error, expectedArg, `Got unwanted rejection${message === undefined ? "." : `: ${message}`}\n` +
        `Actual message: "${describeError(actual.error)}"`, "doesNotReject");
    }
  },
  ifError(value) {
    if (value === null || value === undefined) return;
    const text = value && typeof value === "object" && typeof value.message === "string"
      ? (value.message.length === 0 && value.constructor ? value.constructor.name : value.message) : inspect(value);
    const err = new AssertionError({ message: `ifError got unwanted exception: ${text}`, actual: value,
      expected: null, operator: "ifError" });
    throw err;
  },
  match(text, regexp, message) {
    if (!(regexp instanceof RegExp)) throw internals.invalidArgType("regexp", "RegExp", regexp);
    if (typeof text !== "string" || !regexp.test(text)) {
      fail(text, regexp, message, "match", typeof text !== "string"
        ? `The "string" argument must be of type string. Received type ${typeof text} (${inspect(text)})`
        : `The input did not match the regular expression ${inspect(regexp)}. Input:\n\n${inspect(text)}\n`);
    }
  },
  doesNotMatch(text, regexp, message) {
    if (!(regexp instanceof RegExp)) throw internals.invalidArgType("regexp", "RegExp", regexp);
    if (typeof text !== "string" || regexp.test(text)) {
      fail(text, regexp, message, "doesNotMatch", typeof text !== "string"
        ? `The "string" argument must be of type string. Received type ${typeof text} (${inspect(text)})`
        : `The input was expected to not match the regular expression ${inspect(regexp)}. Input:\n\n${inspect(text)}\n`);
    }
  },
});

// assert.strict: the same module with the loose checks replaced by the strict ones.
const strict = function strict(...args) { innerOk(args.length, args[0], args[1]); };
Object.assign(strict, assert, {
  equal: assert.strictEqual, notEqual: assert.notStrictEqual,
  deepEqual: assert.deepStrictEqual, notDeepEqual: assert.notDeepStrictEqual,
});
strict.strict = strict;
assert.strict = strict;

internals.node_assert = assert;
