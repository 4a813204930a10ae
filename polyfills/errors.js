// The error classes Segment functions throw to signal a category of failure.
// Segment docs 004 "Error types" and RUNTIME-FACTS "Error classes": each extends
// Error, `name` is the class name (set as an own property in the constructor, as
// Segment's buildpack does), and `instanceof Error` holds.

// Each class: `new X(message)`, `name` set as an own property in the constructor
// (as Segment's buildpack does) and on the prototype (see below).
function errorClass(name) {
  const cls = class extends Error {
    constructor(message) {
      super(message);
      this.name = this.constructor.name;
    }
  };
  Object.defineProperty(cls, "name", { value: name, configurable: true });
  return cls;
}

const ValidationError = errorClass("ValidationError");
const InvalidEventPayload = errorClass("InvalidEventPayload");
const EventNotSupported = errorClass("EventNotSupported");
const RetryError = errorClass("RetryError");

internals.errors = { ValidationError, InvalidEventPayload, EventNotSupported, RetryError };
for (const [name, value] of Object.entries(internals.errors)) {
  // V8 formats `err.stack` lazily, after the constructor set `name`; QuickJS
  // captures it inside `super()`. A prototype `name` makes the captured header
  // read "ValidationError: ..." as Node's does.
  Object.defineProperty(value.prototype, "name", { value: name, writable: true, enumerable: false, configurable: true });
  internals.defineGlobal(name, value);
}

// Segment's error category of a thrown value (docs 004 "Error types"):
// ValidationError / InvalidEventPayload -> Message Rejected, EventNotSupported ->
// Unsupported Event Type, RetryError -> Retry, anything else -> Bad Request.
// A class of the same name defined elsewhere (user code, a library) counts too.
internals.errorType = function errorType(error) {
  if (error instanceof ValidationError || error instanceof InvalidEventPayload) return "Message Rejected";
  if (error instanceof EventNotSupported) return "Unsupported Event Type";
  if (error instanceof RetryError) return "Retry";
  let name;
  try { name = error && error.name; } catch { name = undefined; }
  switch (name) {
    case "ValidationError":
    case "InvalidEventPayload":
      return "Message Rejected";
    case "EventNotSupported":
      return "Unsupported Event Type";
    case "RetryError":
      return "Retry";
    default:
      return "Bad Request";
  }
};

// {name, message, type, stack} for any thrown value.
internals.describeError = function describeError(error) {
  if (error !== null && (typeof error === "object" || typeof error === "function")) {
    let name, message;
    try { name = error.name; } catch { name = undefined; }
    try { message = error.message; } catch { message = undefined; }
    const isError = error instanceof Error;
    return {
      name: name === undefined ? "Error" : String(name),
      message: message === undefined ? (isError ? "" : safeString(error)) : String(message),
      type: internals.errorType(error),
      stack: isError ? internals.errorStack(error) : "",
    };
  }
  // `throw "text"`: Node reports the value itself; there is no name or stack.
  return { name: "Error", message: safeString(error), type: "Bad Request", stack: "" };
};

function safeString(value) {
  try {
    if (typeof value === "object" && value !== null) return internals.JSONStringify(value);
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
