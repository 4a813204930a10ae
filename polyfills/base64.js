// atob / btoa as Segment's runtime provides them: the npm packages `atob` 2.1.2
// and `btoa` 1.2.1 (RUNTIME-FACTS "atob, btoa"), not the WHATWG functions.
// Both packages are one line over Node's Buffer:
//   atob(str) = Buffer.from(str, 'base64').toString('binary')
//   btoa(str) = (str instanceof Buffer ? str : Buffer.from(str.toString(), 'binary')).toString('base64')
// so neither rejects bad input the way the web's versions do: atob skips
// characters outside both base64 alphabets and stops at "=", btoa keeps the low
// byte of each UTF-16 code unit (btoa('€') is "rA=="). The few ways they throw
// are the packages' own: atob of a non-string is Buffer.from's TypeError, and
// btoa(undefined) / btoa(null) fail reading `.toString`.
//
// They go through the runtime's Buffer (internals.Buffer), not the global one a
// user may replace; the packages would see the global, but a function that swaps
// out Buffer and still expects atob to work is not worth reproducing.

const Buffer = internals.Buffer;
const { base64ToLatin1, latin1ToBase64 } = internals;

function atob(str) {
  // A string goes straight to the codec (no pooled Buffer in between); anything
  // else meets Buffer.from's own argument handling, as in the package.
  if (typeof str !== "string") return Buffer.from(str, "base64").toString("binary");
  return base64ToLatin1(str);
}

function btoa(str) {
  if (str instanceof Buffer) return str.toString("base64");
  const text = str.toString();
  if (typeof text !== "string") return Buffer.from(text, "binary").toString("base64");
  return latin1ToBase64(text);
}

internals.atob = atob;
internals.btoa = btoa;
internals.buffer.atob = atob;
internals.buffer.btoa = btoa;
internals.defineGlobal("atob", atob);
internals.defineGlobal("btoa", btoa);
