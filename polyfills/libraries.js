// The npm library globals Segment exposes (`_`, `moment`, `xml2js`, ...; docs 004, "Runtime
// and dependencies"): the eager part, kept tiny because every slot parses it. The host sends
// the "libraries" command only to the slots of a function whose source names a library
// (jshost/libraries.py); the globals are then set up by library_globals.js, compiled at that
// moment, and the loader (module.js) when a library is first used. Libraries that need a real
// Node.js are in unsupported.js.

// The runtime's own timers, taken before user code can replace the globals: the timers
// module library code requires (node_timers.js) is built on them.
internals.runtimeTimers = {
  setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout,
  setInterval: globalThis.setInterval, clearInterval: globalThis.clearInterval,
};

internals.commands.libraries = (text) => internals.installLibraries(text);
