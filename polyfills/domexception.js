// DOMException, as Node 20 defines it (node:internal/per_context/domexception),
// which follows Web IDL: https://webidl.spec.whatwg.org/#idl-DOMException
//
// Node's shape, reproduced here because user code (and util.inspect) can see it:
//   - a class that does not extend Error, whose prototype's prototype is
//     Error.prototype: `instanceof Error` holds, but it is not a native error
//     object (structuredClone copies it as a plain object, as Node 20 does);
//   - `name`, `message` and `code` are enumerable getters on the prototype that
//     throw a TypeError (code ERR_INVALID_THIS) on anything else;
//   - the instance has an own `stack`, and an own `cause` when the options form
//     `new DOMException(message, { name, cause })` carries one;
//   - the 25 legacy code constants sit on both the constructor and the prototype.

const ObjectDefineProperty = Object.defineProperty;
const captureStackTrace = Error.captureStackTrace;

// https://webidl.spec.whatwg.org/#dfn-error-names-table: the names that have a
// legacy code. Any other name has code 0.
const legacyCodes = {
  __proto__: null,
  IndexSizeError: 1,
  HierarchyRequestError: 3,
  WrongDocumentError: 4,
  InvalidCharacterError: 5,
  NoModificationAllowedError: 7,
  NotFoundError: 8,
  NotSupportedError: 9,
  InUseAttributeError: 10,
  InvalidStateError: 11,
  SyntaxError: 12,
  InvalidModificationError: 13,
  NamespaceError: 14,
  InvalidAccessError: 15,
  TypeMismatchError: 17,
  SecurityError: 18,
  NetworkError: 19,
  AbortError: 20,
  URLMismatchError: 21,
  QuotaExceededError: 22,
  TimeoutError: 23,
  InvalidNodeTypeError: 24,
  DataCloneError: 25,
};

// https://webidl.spec.whatwg.org/#idl-DOMException "legacy code constants", in
// numeric order (1..25); codes 2, 6 and 16 have a constant but no name.
const constantNames = (
  "INDEX_SIZE_ERR DOMSTRING_SIZE_ERR HIERARCHY_REQUEST_ERR WRONG_DOCUMENT_ERR " +
  "INVALID_CHARACTER_ERR NO_DATA_ALLOWED_ERR NO_MODIFICATION_ALLOWED_ERR NOT_FOUND_ERR " +
  "NOT_SUPPORTED_ERR INUSE_ATTRIBUTE_ERR INVALID_STATE_ERR SYNTAX_ERR " +
  "INVALID_MODIFICATION_ERR NAMESPACE_ERR INVALID_ACCESS_ERR VALIDATION_ERR " +
  "TYPE_MISMATCH_ERR SECURITY_ERR NETWORK_ERR ABORT_ERR URL_MISMATCH_ERR " +
  "QUOTA_EXCEEDED_ERR TIMEOUT_ERR INVALID_NODE_TYPE_ERR DATA_CLONE_ERR"
).split(" ");

// `${value}` with V8's message for a Symbol (QuickJS words it differently).
function toStringV8(value) {
  if (typeof value === "symbol") throw new TypeError("Cannot convert a Symbol value to a string");
  return `${value}`;
}

// Node's ERR_INVALID_THIS, thrown by the getters on a foreign receiver.
function invalidThis() {
  const error = new TypeError('Value of "this" must be of DOMException');
  error.code = "ERR_INVALID_THIS";
  return error;
}

class DOMException {
  #name;
  #message;

  // `message` and `name` are converted with template literals as Node does, so a
  // Symbol throws a TypeError; `new DOMException(undefined, undefined)` gets the
  // defaults "" and "Error", while `{ name: undefined }` gives "undefined".
  constructor(message = "", options = "Error") {
    this.#message = toStringV8(message);
    let hasCause = false;
    let cause;
    if (options !== null && typeof options === "object") {
      this.#name = toStringV8(options.name);
      if ("cause" in options) {
        hasCause = true;
        cause = options.cause;
      }
    } else {
      this.#name = toStringV8(options);
    }
    // After name and message are set, so the stack's first line reads
    // "DataCloneError: message" like V8's lazily formatted one.
    captureStackTrace(this);
    if (hasCause) {
      ObjectDefineProperty(this, "cause", { value: cause, writable: true, enumerable: false, configurable: true });
    }
  }

  get name() {
    if (!(#name in this)) throw invalidThis();
    return this.#name;
  }

  get message() {
    if (!(#name in this)) throw invalidThis();
    return this.#message;
  }

  get code() {
    if (!(#name in this)) throw invalidThis();
    return legacyCodes[this.#name] ?? 0;
  }
}

Object.setPrototypeOf(DOMException.prototype, Error.prototype);

// Node makes the three accessors enumerable (Web IDL attributes are).
for (const key of ["name", "message", "code"]) {
  ObjectDefineProperty(DOMException.prototype, key, { enumerable: true });
}

for (let i = 0; i < constantNames.length; i++) {
  const descriptor = { value: i + 1, writable: false, enumerable: true, configurable: false };
  ObjectDefineProperty(DOMException, constantNames[i], descriptor);
  ObjectDefineProperty(DOMException.prototype, constantNames[i], descriptor);
}

ObjectDefineProperty(DOMException.prototype, Symbol.toStringTag, {
  value: "DOMException",
  writable: false,
  enumerable: false,
  configurable: true,
});

internals.DOMException = DOMException;
internals.defineGlobal("DOMException", DOMException);
