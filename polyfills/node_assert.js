// Node's `assert` module, the common part. https://nodejs.org/docs/latest-v20.x/api/assert.html

class AssertionError extends Error {
  constructor(options) {
    super(options.message);
    this.name = "AssertionError";
    this.code = "ERR_ASSERTION";
    this.actual = options.actual;
    this.expected = options.expected;
    this.operator = options.operator;
    this.generatedMessage = !options.userMessage;
  }
}

function fail(actual, expected, message, operator, defaultMessage) {
  if (message instanceof Error) throw message;
  throw new AssertionError({ message: message !== undefined ? message : defaultMessage, userMessage: message !== undefined,
    actual, expected, operator });
}

const show = (value) => internals.inspect(value);

function ok(value, message) {
  if (!value) fail(value, true, message, "==", "The expression evaluated to a falsy value:\n\n  assert.ok(" + show(value) + ")\n");
}

const assert = function assert(value, message) { ok(value, message); };
Object.assign(assert, {
  ok,
  AssertionError,
  fail(message = "Failed") { fail(undefined, undefined, message, "fail", "Failed"); },
  equal(a, b, m) { if (!(a == b)) fail(a, b, m, "==", `${show(a)} == ${show(b)}`); },
  notEqual(a, b, m) { if (a == b) fail(a, b, m, "!=", `${show(a)} != ${show(b)}`); },
  strictEqual(a, b, m) {
    // Node 20 appends the values to a message of the caller's own.
    if (!Object.is(a, b)) {
      fail(a, b, typeof m === "string" ? `${m}\n\n${show(a)} !== ${show(b)}\n` : m, "strictEqual",
        `Expected values to be strictly equal:\n\n${show(a)} !== ${show(b)}\n`);
    }
  },
  notStrictEqual(a, b, m) { if (Object.is(a, b)) fail(a, b, m, "notStrictEqual", `Expected "actual" to be strictly unequal to: ${show(b)}`); },
  deepStrictEqual(a, b, m) { if (!internals.util.isDeepStrictEqual(a, b)) fail(a, b, m, "deepStrictEqual", `Expected values to be strictly deep-equal:\n${show(a)}\n\nshould equal\n\n${show(b)}`); },
  notDeepStrictEqual(a, b, m) { if (internals.util.isDeepStrictEqual(a, b)) fail(a, b, m, "notDeepStrictEqual", `Expected "actual" not to be strictly deep-equal to: ${show(b)}`); },
  throws(fn, expected, message) {
    try { fn(); } catch (error) {
      if (typeof expected === "function" && expected.prototype !== undefined && !(error instanceof expected)) throw error;
      if (expected instanceof RegExp && !expected.test(String(error && error.message))) fail(error, expected, message, "throws", `The error message does not match ${expected}`);
      return;
    }
    fail(undefined, expected, typeof expected === "string" ? expected : message, "throws", "Missing expected exception.");
  },
  doesNotThrow(fn, message) {
    try { fn(); } catch (error) { fail(error, undefined, message, "doesNotThrow", `Got unwanted exception.\nActual message: "${error && error.message}"`); }
  },
  async rejects(promiseOrFn, expected, message) {
    try { await (typeof promiseOrFn === "function" ? promiseOrFn() : promiseOrFn); } catch (error) {
      if (typeof expected === "function" && expected.prototype !== undefined && !(error instanceof expected)) throw error;
      return;
    }
    fail(undefined, expected, message, "rejects", "Missing expected rejection.");
  },
  match(text, regexp, m) { if (!regexp.test(text)) fail(text, regexp, m, "match", `The input did not match the regular expression ${regexp}. Input:\n\n${show(text)}\n`); },
});
assert.deepEqual = assert.deepStrictEqual;
assert.notDeepEqual = assert.notDeepStrictEqual;
assert.strict = assert;

internals.node_assert = assert;
