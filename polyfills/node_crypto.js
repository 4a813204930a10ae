// Node's `crypto` module as library code gets it: everything crypto.js offers, plus RSA
// signatures (createSign / createVerify / sign / verify), which jsonwebtoken's RS256/384/512
// and PS256/384/512 use. https://nodejs.org/docs/latest-v20.x/api/crypto.html#class-sign
//
// RSASSA-PKCS1-v1_5 and RSASSA-PSS (RFC 8017 sections 8.1, 8.2, 9.1, 9.2) over BigInt, with
// keys read from PEM or DER: PKCS#1 and PKCS#8 private keys, SPKI and PKCS#1 public keys,
// X.509 certificates. A 2048-bit signature takes QuickJS some 10 ms (CRT exponentiation);
// checking one is cheap. Not constant-time: JavaScript BigInt offers no such guarantee.
// EC and Ed25519 keys, encrypted keys and KeyObjects are refused with a sentence saying so.

const base = internals.crypto;
const Buffer = internals.Buffer;

function cryptoError(code, message, Type = Error) {
  const err = new Type(message);
  err.code = code;
  return err;
}

// --- DER (ITU-T X.690), the part keys use --------------------------------------------------

// Reads one TLV at `offset`: {tag, start (of the value), end}.
function derRead(bytes, offset) {
  if (offset + 2 > bytes.length) throw keyError();
  const tag = bytes[offset];
  let length = bytes[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > bytes.length) throw keyError();
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[start + i];
    start += count;
  }
  if (start + length > bytes.length) throw keyError();
  return { tag, start, end: start + length };
}

// The children of a constructed value.
function derChildren(bytes, node) {
  const out = [];
  for (let offset = node.start; offset < node.end;) {
    const child = derRead(bytes, offset);
    out.push(child);
    offset = child.end;
  }
  return out;
}

function derInteger(bytes, node) {
  if (node.tag !== 0x02) throw keyError();
  return bytesToBigInt(bytes.subarray(node.start, node.end));
}

function derOid(bytes, node) {
  if (node.tag !== 0x06) throw keyError();
  const parts = [];
  let value = 0;
  for (let i = node.start; i < node.end; i++) {
    value = value * 128 + (bytes[i] & 0x7f);
    if (!(bytes[i] & 0x80)) { parts.push(value); value = 0; }
  }
  const first = parts.shift();
  return [Math.min(2, Math.floor(first / 40)), first - 40 * Math.min(2, Math.floor(first / 40)), ...parts].join(".");
}

function derEncode(tag, content) {
  const n = content.length;
  const head = n < 0x80 ? [tag, n] : n < 0x100 ? [tag, 0x81, n] : [tag, 0x82, n >> 8, n & 0xff];
  const out = new Uint8Array(head.length + n);
  out.set(head);
  out.set(content, head.length);
  return out;
}

const concat = (...parts) => internals.concatBytes(...parts);

function encodeOid(oid) {
  const parts = oid.split(".").map(Number);
  const bytes = [40 * parts[0] + parts[1]];
  for (const part of parts.slice(2)) {
    const groups = [part & 0x7f];
    for (let v = Math.floor(part / 128); v > 0; v = Math.floor(v / 128)) groups.unshift((v & 0x7f) | 0x80);
    bytes.push(...groups);
  }
  return derEncode(0x06, Uint8Array.from(bytes));
}

// --- numbers -------------------------------------------------------------------------------

function bytesToBigInt(bytes) {
  let hex = "";
  for (let i = 0; i < bytes.length; i++) hex += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
  return hex === "" ? 0n : BigInt("0x" + hex);
}

function bigIntToBytes(value, length) {
  const hex = value.toString(16).padStart(length * 2, "0");
  if (hex.length > length * 2) throw cryptoError("ERR_OSSL_RSA_DATA_TOO_LARGE_FOR_MODULUS", "data too large for modulus");
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function bitLength(n) {
  return n === 0n ? 0 : n.toString(2).length;
}

// base^exponent mod modulus, four exponent bits at a time.
function modPow(base, exponent, modulus) {
  base %= modulus;
  const table = [1n, base];
  for (let i = 2; i < 16; i++) table.push((table[i - 1] * base) % modulus);
  const hex = exponent.toString(16);
  let result = 1n;
  for (let i = 0; i < hex.length; i++) {
    if (i > 0) for (let j = 0; j < 4; j++) result = (result * result) % modulus;
    const digit = parseInt(hex[i], 16);
    if (digit !== 0) result = (result * table[digit]) % modulus;
  }
  return result;
}

// --- keys ---------------------------------------------------------------------------------

const OID_RSA = "1.2.840.113549.1.1.1";
const OID_RSA_PSS = "1.2.840.113549.1.1.10";
const OID_EC = "1.2.840.10045.2.1";

function keyError() {
  return cryptoError("ERR_OSSL_UNSUPPORTED", "error:1E08010C:DECODER routines::unsupported");
}

function refuse(what) {
  return cryptoError("ERR_FEATURE_UNAVAILABLE_ON_PLATFORM",
    `crypto: ${what} are not supported by jshost (RSA keys in PEM or DER are)`);
}

function rsaPrivate(bytes, node) {
  const [, n, e, d, p, q, dp, dq, qi] = derChildren(bytes, node).map((child) => derInteger(bytes, child));
  if (qi === undefined) throw keyError();
  return { type: "private", n, e, d, p, q, dp, dq, qi };
}

function rsaPublic(bytes, node) {
  const [n, e] = derChildren(bytes, node).map((child) => derInteger(bytes, child));
  if (e === undefined) throw keyError();
  return { type: "public", n, e };
}

function checkAlgorithm(bytes, algorithm) {
  const oid = derOid(bytes, derChildren(bytes, algorithm)[0]);
  if (oid === OID_EC) throw refuse("EC keys");
  if (oid !== OID_RSA && oid !== OID_RSA_PSS) throw refuse(`keys of algorithm ${oid}`);
}

function pkcs8(bytes) {
  const [, algorithm, key] = derChildren(bytes, derRead(bytes, 0));
  if (key === undefined || key.tag !== 0x04) throw keyError();
  checkAlgorithm(bytes, algorithm);
  return rsaPrivate(bytes, derRead(bytes, key.start));
}

function spki(bytes, node) {
  const [algorithm, key] = derChildren(bytes, node);
  if (key === undefined || key.tag !== 0x03) throw keyError();
  checkAlgorithm(bytes, algorithm);
  return rsaPublic(bytes, derRead(bytes, key.start + 1));  // skip the bit string's unused-bits byte
}

function certificate(bytes) {
  const [tbs] = derChildren(bytes, derRead(bytes, 0));
  const fields = derChildren(bytes, tbs);
  const skip = fields[0].tag === 0xa0 ? 1 : 0;  // [0] version
  // serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo
  return spki(bytes, fields[skip + 5]);
}

function fromDer(bytes, type) {
  switch (type) {
    case "pkcs1": {
      const fields = derChildren(bytes, derRead(bytes, 0));
      return fields.length > 2 ? rsaPrivate(bytes, derRead(bytes, 0)) : rsaPublic(bytes, derRead(bytes, 0));
    }
    case "pkcs8": return pkcs8(bytes);
    case "spki": return spki(bytes, derRead(bytes, 0));
    case "sec1": throw refuse("EC keys");
    default:
      throw cryptoError("ERR_INVALID_ARG_VALUE", `The property 'options.type' is invalid. Received ${internals.inspect(type)}`,
        TypeError);
  }
}

const PEM = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;

function fromPem(text) {
  const match = PEM.exec(text);
  if (match === null) throw keyError();
  const label = match[1];
  let body = match[2];
  if (/Proc-Type:\s*4,ENCRYPTED/.test(body) || label === "ENCRYPTED PRIVATE KEY") throw refuse("encrypted private keys");
  body = body.replace(/^[A-Za-z-]+:.*$/gm, "");  // RFC 1421 headers
  const bytes = internals.base64Decode(body.replace(/[^A-Za-z0-9+/=]/g, ""));
  switch (label) {
    case "RSA PRIVATE KEY": return rsaPrivate(bytes, derRead(bytes, 0));
    case "PRIVATE KEY": return pkcs8(bytes);
    case "RSA PUBLIC KEY": return rsaPublic(bytes, derRead(bytes, 0));
    case "PUBLIC KEY": return spki(bytes, derRead(bytes, 0));
    case "CERTIFICATE": return certificate(bytes);
    case "EC PRIVATE KEY": case "EC PARAMETERS": throw refuse("EC keys");
    default: throw keyError();
  }
}

// A key argument: PEM text, a Buffer holding PEM, or {key, format, type, passphrase, padding, saltLength}.
function readKey(input, wantPrivate) {
  let options = {};
  let key = input;
  if (key !== null && typeof key === "object" && !ArrayBuffer.isView(key) && !(key instanceof ArrayBuffer)) {
    if (typeof key.export === "function" && typeof key.type === "string") throw refuse("KeyObjects");
    options = key;
    key = key.key;
    if (key !== null && typeof key === "object" && typeof key.export === "function") throw refuse("KeyObjects");
  }
  if (options.passphrase !== undefined && options.passphrase !== null) throw refuse("encrypted private keys");
  let parsed;
  if (options.format === "der") {
    const bytes = typeof key === "string" ? Buffer.from(key, options.encoding || "utf8") : bytesOf(key, "key");
    parsed = fromDer(bytes, options.type);
  } else if (options.format === "jwk") {
    throw refuse("JWK keys");
  } else {
    if (typeof key !== "string" && !ArrayBuffer.isView(key) && !(key instanceof ArrayBuffer)) {
      throw internals.invalidArgType("key", ["string", "ArrayBuffer", "Buffer", "TypedArray", "DataView",
        "KeyObject", "CryptoKey"], key);
    }
    parsed = fromPem(typeof key === "string" ? key : internals.latin1Decode(bytesOf(key, "key")));
  }
  if (wantPrivate && parsed.type !== "private") {
    throw cryptoError("ERR_OSSL_UNSUPPORTED", "error:1E08010C:DECODER routines::unsupported");
  }
  parsed.size = Math.ceil(bitLength(parsed.n) / 8);
  return { key: parsed, padding: options.padding, saltLength: options.saltLength };
}

function bytesOf(value, name) {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  throw internals.invalidArgType(name, ["string", "Buffer", "TypedArray", "DataView"], value);
}

// --- signature schemes ---------------------------------------------------------------------

// Digest algorithm names Node accepts for RSA signatures -> the hash crypto.js computes.
function digestName(algorithm) {
  if (typeof algorithm !== "string") throw internals.invalidArgType("algorithm", "string", algorithm);
  let name = algorithm.toLowerCase();
  if (name.startsWith("rsa-")) name = name.slice(4);
  name = name.replace(/withrsaencryption$/, "").replace(/^sha-/, "sha");
  if (!DIGEST_OIDS[name]) throw cryptoError("ERR_CRYPTO_INVALID_DIGEST", "Invalid digest", TypeError);
  return name;
}

// DigestInfo algorithm identifiers (RFC 8017 appendix A.2.4).
const DIGEST_OIDS = {
  md5: "1.2.840.113549.2.5", sha1: "1.3.14.3.2.26", sha224: "2.16.840.1.101.3.4.2.4",
  sha256: "2.16.840.1.101.3.4.2.1", sha384: "2.16.840.1.101.3.4.2.2", sha512: "2.16.840.1.101.3.4.2.3",
};

const hashBytes = (name, data) => {
  const digest = base.createHash(name).update(data).digest();
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.length);
};

// EMSA-PKCS1-v1_5 (RFC 8017 section 9.2): 00 01 FF..FF 00 DigestInfo.
function pkcs1Encode(name, digest, size) {
  const info = derEncode(0x30, concat(derEncode(0x30, concat(encodeOid(DIGEST_OIDS[name]), Uint8Array.of(5, 0))),
    derEncode(0x04, digest)));
  if (size < info.length + 11) throw cryptoError("ERR_OSSL_RSA_DIGEST_TOO_BIG_FOR_RSA_KEY", "digest too big for rsa key");
  const out = new Uint8Array(size).fill(0xff);
  out[0] = 0;
  out[1] = 1;
  out[size - info.length - 1] = 0;
  out.set(info, size - info.length);
  return out;
}

// MGF1 (RFC 8017 appendix B.2.1).
function mgf1(name, seed, length) {
  const out = new Uint8Array(length);
  for (let counter = 0, offset = 0; offset < length; counter++) {
    const block = hashBytes(name, concat(seed, Uint8Array.of(counter >>> 24, (counter >>> 16) & 255, (counter >>> 8) & 255,
      counter & 255)));
    out.set(block.subarray(0, Math.min(block.length, length - offset)), offset);
    offset += block.length;
  }
  return out;
}

// Node's saltLength: RSA_PSS_SALTLEN_DIGEST (-1) is the digest size; MAX_SIGN/AUTO (-2) the most that fits.
function pssSalt(saltLength, hashLength, emLength, forVerify) {
  if (saltLength === undefined || saltLength === -2) return forVerify ? -2 : emLength - hashLength - 2;
  if (saltLength === -1) return hashLength;
  return saltLength;
}

// EMSA-PSS-ENCODE (RFC 8017 section 9.1.1).
function pssEncode(name, digest, emBits, saltLength) {
  const emLength = Math.ceil(emBits / 8);
  const hLen = digest.length;
  const sLen = pssSalt(saltLength, hLen, emLength, false);
  if (emLength < hLen + sLen + 2) throw cryptoError("ERR_OSSL_RSA_DATA_TOO_LARGE_FOR_KEY_SIZE", "data too large for key size");
  const salt = sLen > 0 ? new Uint8Array(base.randomBytes(sLen)) : new Uint8Array(0);
  const h = hashBytes(name, concat(new Uint8Array(8), digest, salt));
  const db = new Uint8Array(emLength - hLen - 1);
  db[emLength - sLen - hLen - 2] = 1;
  db.set(salt, emLength - sLen - hLen - 1);
  const mask = mgf1(name, h, db.length);
  for (let i = 0; i < db.length; i++) db[i] ^= mask[i];
  db[0] &= 0xff >> (8 * emLength - emBits);
  return concat(db, h, Uint8Array.of(0xbc));
}

// EMSA-PSS-VERIFY (RFC 8017 section 9.1.2).
function pssVerify(name, digest, em, emBits, saltLength) {
  const emLength = Math.ceil(emBits / 8);
  const hLen = digest.length;
  if (em.length !== emLength || emLength < hLen + 2 || em[emLength - 1] !== 0xbc) return false;
  const db = em.slice(0, emLength - hLen - 1);
  const h = em.subarray(emLength - hLen - 1, emLength - 1);
  const topMask = 0xff >> (8 * emLength - emBits);
  if ((db[0] & ~topMask) !== 0) return false;
  const mask = mgf1(name, h, db.length);
  for (let i = 0; i < db.length; i++) db[i] ^= mask[i];
  db[0] &= topMask;
  let one = 0;
  while (one < db.length && db[one] === 0) one++;
  if (one === db.length || db[one] !== 1) return false;
  const salt = db.subarray(one + 1);
  const wanted = pssSalt(saltLength, hLen, emLength, true);
  if (wanted >= 0 && salt.length !== wanted) return false;
  const check = hashBytes(name, concat(new Uint8Array(8), digest, salt));
  return check.every((byte, i) => byte === h[i]);
}

const PSS = 6;  // crypto.constants.RSA_PKCS1_PSS_PADDING

function signDigest(name, digest, keyInput) {
  const { key, padding, saltLength } = readKey(keyInput, true);
  const em = padding === PSS ? pssEncode(name, digest, bitLength(key.n) - 1, saltLength) : pkcs1Encode(name, digest, key.size);
  const m = bytesToBigInt(em);
  // RSASP1 with the Chinese remainder theorem (RFC 8017 section 5.2.1).
  const m1 = modPow(m, key.dp, key.p);
  const m2 = modPow(m, key.dq, key.q);
  let h = (key.qi * (m1 - m2)) % key.p;
  if (h < 0n) h += key.p;
  const s = m2 + h * key.q;
  if (modPow(s, key.e, key.n) !== m) throw cryptoError("ERR_OSSL_RSA_INTERNAL_ERROR", "RSA signature check failed");
  return Buffer.from(bigIntToBytes(s, key.size));
}

function verifyDigest(name, digest, keyInput, signature) {
  const { key, padding, saltLength } = readKey(keyInput, false);
  if (signature.length !== key.size) return false;
  const s = bytesToBigInt(signature);
  if (s >= key.n) return false;
  const em = bigIntToBytes(modPow(s, key.e, key.n), key.size);
  if (padding === PSS) {
    const emBits = bitLength(key.n) - 1;
    return pssVerify(name, digest, em.subarray(em.length - Math.ceil(emBits / 8)), emBits, saltLength);
  }
  const expected = pkcs1Encode(name, digest, key.size);
  return expected.every((byte, i) => byte === em[i]);
}

// --- Node's API ----------------------------------------------------------------------------

function finalized() {
  return cryptoError("ERR_CRYPTO_INVALID_STATE", "Not initialised");
}

// Sign and Verify hash what they are given, then sign or check the digest once.
class SignatureBase {
  #name;
  #hash;
  constructor(algorithm) {
    this.#name = digestName(algorithm);
    this.#hash = base.createHash(this.#name);
  }
  update(data, encoding) {
    if (this.#hash === null) throw finalized();
    this.#hash.update(data, encoding);
    return this;
  }
  // The stream side of Node's classes (they are Writables): write/end feed update.
  write(data, encoding, callback) {
    this.update(data, typeof encoding === "string" ? encoding : undefined);
    if (typeof encoding === "function") encoding();
    else if (typeof callback === "function") callback();
    return true;
  }
  end(data, encoding, callback) {
    if (data !== undefined && typeof data !== "function") this.write(data, encoding, callback);
    return this;
  }
  // [digest name, digest bytes]; the object is spent afterwards, as in Node.
  finish() {
    if (this.#hash === null) throw finalized();
    const digest = this.#hash.digest();
    this.#hash = null;
    return [this.#name, new Uint8Array(digest.buffer, digest.byteOffset, digest.length)];
  }
}

class Sign extends SignatureBase {
  sign(privateKey, outputEncoding) {
    const [name, digest] = this.finish();
    const signature = signDigest(name, digest, privateKey);
    return outputEncoding === undefined || outputEncoding === "buffer" ? signature : signature.toString(outputEncoding);
  }
}

class Verify extends SignatureBase {
  verify(publicKey, signature, signatureEncoding) {
    const bytes = typeof signature === "string" ? Buffer.from(signature, signatureEncoding || "utf8")
      : bytesOf(signature, "signature");
    const [name, digest] = this.finish();
    return verifyDigest(name, digest, publicKey, bytes);
  }
}

const createSign = (algorithm, options) => new Sign(algorithm, options);
const createVerify = (algorithm, options) => new Verify(algorithm, options);

// One-shot forms: crypto.sign(algorithm, data, key[, callback]); null means SHA-256 for RSA.
function oneShotData(data) {
  return typeof data === "string" ? Buffer.from(data) : bytesOf(data, "data");
}

function sign(algorithm, data, key, callback) {
  const name = algorithm === null || algorithm === undefined ? "sha256" : digestName(algorithm);
  const run = () => signDigest(name, hashBytes(name, oneShotData(data)), key);
  if (typeof callback !== "function") return run();
  let result, error = null;
  try { result = run(); } catch (e) { error = e; }
  queueMicrotask(() => callback(error, result));
  return undefined;
}

function verify(algorithm, data, key, signature, callback) {
  const name = algorithm === null || algorithm === undefined ? "sha256" : digestName(algorithm);
  const run = () => verifyDigest(name, hashBytes(name, oneShotData(data)), key, bytesOf(signature, "signature"));
  if (typeof callback !== "function") return run();
  let result, error = null;
  try { result = run(); } catch (e) { error = e; }
  queueMicrotask(() => callback(error, result));
  return undefined;
}

const nodeCrypto = Object.assign(Object.create(null), base, { createSign, createVerify, sign, verify, Sign, Verify });
internals.node_crypto = nodeCrypto;
