"""crypto (Node's module as the global `crypto`): digests and HMAC against published
vectors and Python's hashlib/hmac, errors against Node, randomness by its properties
and, for the generator itself, against an independent ChaCha20 written here."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import random
import re
import struct
import subprocess
import time

import pytest

from conftest import JS, NODE
from jshost.config import Limits
from jshost.engine import Slot

ALGS = ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"]
BLOCK = {"md5": 64, "sha1": 64, "sha224": 64, "sha256": 64, "sha384": 128, "sha512": 128}

# Helpers for test scripts: hex <-> bytes without relying on Buffer.
JS_HELPERS = r"""
const fromHex = (h) => { const a = new Uint8Array(h.length / 2);
  for (let i = 0; i < a.length; i++) a[i] = parseInt(h.substr(2 * i, 2), 16); return a; };
const toHex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
"""


def jsval(value: object) -> str:
    """A Python value as a JS literal (JSON, ASCII only)."""
    return json.dumps(value)


# ---------------------------------------------------------------------------
# Published vectors
# ---------------------------------------------------------------------------

# FIPS 180-2 appendices / NIST CSRC examples: "abc" and the 448- and 896-bit messages.
ABC_DIGESTS = {
    "md5": "900150983cd24fb0d6963f7d28e17f72",  # RFC 1321 A.5
    "sha1": "a9993e364706816aba3e25717850c26c9cd0d89d",
    "sha256": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    "sha512": "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
              "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
}
MSG448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
MSG896 = ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
          "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")


def test_fips_180_examples(js) -> None:
    messages = ["abc", "", MSG448, MSG896]
    got = js(f"""
      const out = {{}};
      for (const alg of {jsval(ALGS)}) out[alg] = {jsval(messages)}.map((m) => crypto.createHash(alg).update(m).digest('hex'));
      out""")
    for alg, want in ABC_DIGESTS.items():
        assert got[alg][0] == want
    for alg in ALGS:
        assert got[alg] == [hashlib.new(alg, m.encode()).hexdigest() for m in messages], alg


def test_one_million_a_in_chunks(js) -> None:
    # FIPS 180-2 B.3: SHA-256 of 10^6 'a', fed as 1000 updates of 1000 bytes.
    got = js("const h = crypto.createHash('sha256'); const chunk = 'a'.repeat(1000);"
             "for (let i = 0; i < 1000; i++) h.update(chunk); h.digest('hex')")
    assert got == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
    assert got == hashlib.sha256(b"a" * 1_000_000).hexdigest()


def _rfc4231_cases() -> list[tuple[bytes, bytes]]:
    """RFC 4231 §4.2-4.8 inputs (keys, data)."""
    return [
        (b"\x0b" * 20, b"Hi There"),
        (b"Jefe", b"what do ya want for nothing?"),
        (b"\xaa" * 20, b"\xdd" * 50),
        (bytes(range(1, 26)), b"\xcd" * 50),
        (b"\x0c" * 20, b"Test With Truncation"),
        (b"\xaa" * 131, b"Test Using Larger Than Block-Size Key - Hash Key First"),
        (b"\xaa" * 131, b"This is a test using a larger than block-size key and a larger than block-size data. "
                        b"The key needs to be hashed before being used by the HMAC algorithm."),
    ]


def _rfc2202_cases() -> list[tuple[bytes, bytes]]:
    """RFC 2202 §2-3 inputs; keys of 16 bytes for MD5 cases 1/3/5 differ from SHA-1's 20."""
    return [
        (b"\x0b" * 16, b"Hi There"), (b"\x0b" * 20, b"Hi There"),
        (b"Jefe", b"what do ya want for nothing?"),
        (b"\xaa" * 16, b"\xdd" * 50), (b"\xaa" * 20, b"\xdd" * 50),
        (bytes(range(1, 26)), b"\xcd" * 50),
        (b"\x0c" * 16, b"Test With Truncation"), (b"\x0c" * 20, b"Test With Truncation"),
        (b"\xaa" * 80, b"Test Using Larger Than Block-Size Key - Hash Key First"),
        (b"\xaa" * 80, b"Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"),
    ]


def test_hmac_rfc_4231_and_2202(js) -> None:
    cases = [(alg, k, d) for alg in ["sha224", "sha256", "sha384", "sha512"] for k, d in _rfc4231_cases()]
    cases += [(alg, k, d) for alg in ["md5", "sha1"] for k, d in _rfc2202_cases()]
    got = js(JS_HELPERS + f"""
      {jsval([[a, k.hex(), d.hex()] for a, k, d in cases])}
        .map(([alg, k, d]) => crypto.createHmac(alg, fromHex(k)).update(fromHex(d)).digest('hex'))""")
    want = [hmac.new(k, d, alg).hexdigest() for alg, k, d in cases]
    assert got == want
    # Spot values printed in the RFCs themselves.
    assert got[0] == "896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22"  # 4231 4.2 SHA-224
    assert got[8] == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"  # 4231 4.3 SHA-256
    assert got[7 * 4] == "9294727a3638bb1c13f48ef8158bfc9d"  # 2202 MD5 case 1
    assert got[7 * 4 + 10 + 1] == "b617318655057264e28bc0b6fb378c8ef146be00"  # 2202 SHA-1 case 1


# ---------------------------------------------------------------------------
# Property tests against hashlib / hmac
# ---------------------------------------------------------------------------

def _interesting_length(rng: random.Random, block: int) -> int:
    if rng.random() < 0.5:  # around padding and block boundaries
        base = rng.choice([0, block - 9, block - 8, block, 2 * block - 9, 2 * block])
        return max(0, base + rng.randint(-2, 2))
    return rng.randint(0, 300)


def _split(rng: random.Random, data: bytes) -> list[bytes]:
    cuts = sorted(rng.sample(range(len(data) + 1), min(len(data) + 1, rng.randint(0, 4))))
    parts, last = [], 0
    for cut in cuts + [len(data)]:
        parts.append(data[last:cut])
        last = cut
    return parts


def _chunk(rng: random.Random, part: bytes) -> list:
    """One update() argument for `part`: [kind, payload] the JS side turns back into data."""
    kind = rng.choice(["u8", "offset", "dataview", "hex", "base64", "base64url", "latin1", "binary", "ucs2"])
    if kind in ("u8", "offset", "dataview"):
        return [kind, part.hex()]
    if kind == "hex":
        return [kind, part.hex().upper() if rng.random() < 0.3 else part.hex()]
    if kind == "base64":
        return [kind, base64.b64encode(part).decode()]
    if kind == "base64url":
        return [kind, base64.urlsafe_b64encode(part).decode().rstrip("=")]
    if kind == "ucs2":
        if len(part) % 2:
            return ["u8", part.hex()]
        return [kind, part.decode("utf-16-le", "surrogatepass")]
    # latin1 / binary: each char's low byte; add high bits that Node discards.
    return [kind, "".join(chr(b | (rng.choice([0, 0, 0x100, 0x4100]))) for b in part)]


JS_FEED = r"""
const feed = (h, [kind, v]) => {
  switch (kind) {
    case 'u8': return h.update(fromHex(v));
    case 'offset': { const b = fromHex('ab' + v); return h.update(b.subarray(1)); }
    case 'dataview': { const b = fromHex('abcd' + v + 'ef'); return h.update(new DataView(b.buffer, 2, b.length - 3)); }
    case 'ucs2': return h.update(v, 'ucs2');
    default: return h.update(v, kind);
  }
};
"""


def test_digests_match_hashlib_on_random_inputs(js) -> None:
    rng = random.Random(1234)
    cases, want = [], []
    for alg in ALGS:
        for _ in range(40):
            data = rng.randbytes(_interesting_length(rng, BLOCK[alg]))
            cases.append([alg, [_chunk(rng, p) for p in _split(rng, data)]])
            want.append(hashlib.new(alg, data).digest())
    # Compared in JS, returning only mismatches: results are kept small (see _mismatches).
    bad = js(JS_HELPERS + JS_FEED + f"""
      const want = {jsval([d.hex() for d in want])};
      {jsval(cases)}.map(([alg, chunks], i) => {{
        const h = crypto.createHash(alg);
        for (const c of chunks) if (feed(h, c) !== h) throw new Error('update must return this');
        const copy = h.copy();
        const buf = h.digest();
        return [i, toHex(buf), buf instanceof Uint8Array, copy.digest('hex')];
      }}).filter(([i, hexed, isBytes, copied]) => !(isBytes && hexed === want[i] && copied === want[i])).slice(0, 5)""")
    assert bad == []


def test_every_output_encoding(js) -> None:
    rng = random.Random(99)
    inputs = [rng.randbytes(rng.randint(0, 200)) for _ in range(12)]
    encodings = ["hex", "base64", "base64url", "latin1", "binary", "HEX", "Base64"]
    want = []
    for alg in ALGS:
        for data in inputs:
            digest = hashlib.new(alg, data).digest()
            want.append([
                digest.hex(), base64.b64encode(digest).decode(),
                base64.urlsafe_b64encode(digest).decode().rstrip("="),
                digest.decode("latin-1"), digest.decode("latin-1"),
                digest.hex(), base64.b64encode(digest).decode(),
            ])
    bad = js(JS_HELPERS + f"""
      const want = {jsval(want)}, out = [];
      for (const alg of {jsval(ALGS)}) for (const d of {jsval([i.hex() for i in inputs])})
        out.push({jsval(encodings)}.map((e) => crypto.createHash(alg).update(fromHex(d)).digest(e)));
      out.map((o, i) => [i, o]).filter(([i, o]) => JSON.stringify(o) !== JSON.stringify(want[i])).slice(0, 3)""")
    assert bad == []


def _utf8_node(text: str) -> bytes:
    """UTF-8 as Node writes a JS string: surrogate pairs join, a lone surrogate becomes U+FFFD."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace").encode()


def _random_text(rng: random.Random, n: int) -> str:
    pool = ["a", "Z", "0", " ", "é", "ß", "€", "中", "😀", "\U0010ffff", "\ud800", "\udc00", "\x00", "\x7f", "\u07ff"]
    return "".join(rng.choice(pool) for _ in range(n))


def test_utf8_strings_and_string_keys(js) -> None:
    rng = random.Random(7)
    texts = [_random_text(rng, rng.randint(0, 80)) for _ in range(30)]
    keys = [_random_text(rng, rng.randint(0, 90)) for _ in range(30)]
    want = [[hashlib.sha256(_utf8_node(t)).hexdigest(), hashlib.md5(_utf8_node(t)).hexdigest(),
             hmac.new(_utf8_node(k), _utf8_node(t), "sha512").hexdigest()] for t, k in zip(texts, keys)]
    bad = js(f"""
      const texts = {jsval(texts)}, keys = {jsval(keys)}, want = {jsval(want)};
      texts.map((t, i) => [i, crypto.createHash('sha256').update(t).digest('hex'),
                           crypto.createHash('md5').update(t, 'utf8').digest('hex'),
                           crypto.createHmac('sha512', keys[i]).update(t, 'UTF-8').digest('hex')])
        .filter(([i, ...got]) => JSON.stringify(got) !== JSON.stringify(want[i])).slice(0, 3)""")
    assert bad == []


def test_hmac_matches_python_on_random_keys_and_chunks(js) -> None:
    rng = random.Random(4321)
    cases, want = [], []
    for alg in ALGS:
        for _ in range(25):
            block = BLOCK[alg]
            key = rng.randbytes(rng.choice([0, 1, 20, block - 1, block, block + 1, rng.randint(0, 300)]))
            data = rng.randbytes(_interesting_length(rng, block))
            key_kind = rng.choice(["u8", "arraybuffer", "int32", "hexstring"])
            if key_kind == "int32" and len(key) % 4:
                key_kind = "u8"
            cases.append([alg, key_kind, key.hex(), [_chunk(rng, p) for p in _split(rng, data)]])
            want.append(hmac.new(key, data, alg).digest())
    bad = js(JS_HELPERS + JS_FEED + f"""
      const want = {jsval([base64.b64encode(d).decode() for d in want])};
      {jsval(cases)}.map(([alg, kind, k, chunks], i) => {{
        const bytes = fromHex(k);
        const key = kind === 'arraybuffer' ? bytes.buffer : kind === 'int32' ? new Int32Array(bytes.buffer)
          : kind === 'hexstring' ? k : bytes;
        const h = kind === 'hexstring' ? crypto.createHmac(alg, key, {{ encoding: 'hex' }}) : crypto.Hmac(alg, key);
        for (const c of chunks) feed(h, c);
        return [i, h.digest('base64')];
      }}).filter(([i, mac]) => mac !== want[i]).slice(0, 5)""")
    assert bad == []


def test_one_shot_hash_and_aliases(js) -> None:
    got = js("""[
      crypto.hash('sha1', 'abc'), crypto.hash('SHA256', 'abc', 'base64'),
      Array.from(crypto.hash('md5', new Uint8Array([1, 2, 3]), 'buffer')),
      ['RSA-SHA256', 'sha256WithRSAEncryption', 'SHA-256', 'sha-256', 'Sha256'].map((a) => crypto.createHash(a).digest('hex')),
      ['RSA-SHA1', 'sha1WithRSAEncryption', 'ssl3-sha1', 'SHA-1', 'RSA-SHA1-2'].map((a) => crypto.createHash(a).digest('hex')),
      ['RSA-MD5', 'MD5', 'ssl3-md5', 'md5WithRSAEncryption'].map((a) => crypto.createHash(a).digest('hex')),
      ['sha-512', 'RSA-SHA384', 'SHA224'].map((a) => crypto.createHmac(a, 'k').digest('hex')),
    ]""")
    assert got[0] == hashlib.sha1(b"abc").hexdigest()
    assert got[1] == base64.b64encode(hashlib.sha256(b"abc").digest()).decode()
    assert got[2] == list(hashlib.md5(bytes([1, 2, 3])).digest())
    assert set(got[3]) == {hashlib.sha256().hexdigest()}
    assert set(got[4]) == {hashlib.sha1().hexdigest()}
    assert set(got[5]) == {hashlib.md5().hexdigest()}
    assert got[6] == [hmac.new(b"k", b"", a).hexdigest() for a in ["sha512", "sha384", "sha224"]]


def test_hash_object_lifecycle(js) -> None:
    got = js("""
      const t = (f) => { try { return f(); } catch (e) { return [e.name, e.code, e.message]; } };
      const h = crypto.createHash('sha1').update('a');
      const c = h.copy();
      h.update('b');
      const first = h.digest('hex');
      const hm = crypto.createHmac('sha256', 'k').update('x');
      const macHex = hm.digest('hex');
      [first, c.digest('hex'), t(() => h.digest('hex')), t(() => h.update('x')), t(() => h.copy()),
       crypto.createHash('sha1') instanceof crypto.Hash, crypto.Hash('sha1') instanceof crypto.Hash,
       crypto.createHmac('md5', 'k') instanceof crypto.Hmac, typeof hm.copy,
       macHex, hm.digest('hex'), hm.digest().length, t(() => hm.update('y'))]""")
    finalized = ["Error", "ERR_CRYPTO_HASH_FINALIZED", "Digest already called"]
    assert got[0] == hashlib.sha1(b"ab").hexdigest()
    assert got[1] == hashlib.sha1(b"a").hexdigest()
    assert got[2] == got[3] == got[4] == finalized
    assert got[5:9] == [True, True, True, "undefined"]
    assert got[9] == hmac.new(b"k", b"x", "sha256").hexdigest()
    assert got[10:12] == ["", 0]  # Node: a second Hmac digest is empty, not an error
    assert got[12] == finalized


def test_large_input_in_one_update(js) -> None:
    data = random.Random(5).randbytes(200_001)
    got = js(JS_HELPERS + f"""
      const d = fromHex({jsval(data.hex())});
      ['md5', 'sha1', 'sha256', 'sha512'].map((a) => crypto.createHash(a).update(d).digest('hex'))""")
    assert got == [hashlib.new(a, data).hexdigest() for a in ["md5", "sha1", "sha256", "sha512"]]


# ---------------------------------------------------------------------------
# Differential against Node: errors, codes, messages, edge behaviour
# ---------------------------------------------------------------------------

DIFF_CASES = [
    # createHash / createHmac argument checks
    "return crypto.createHash('nope')", "return crypto.createHash()", "return crypto.createHash(5)",
    "return crypto.createHash('sha_256')", "return crypto.createHash('constructor')",
    "return crypto.createHmac('__proto__', 'k')", "return crypto.hash('toString', 'x')",
    "return crypto.createHmac('nope', 'k')", "return crypto.createHmac('nope', 5)", "return crypto.createHmac(5, 5)",
    "return crypto.createHmac('sha256')", "return crypto.createHmac('sha256', null)",
    "return crypto.createHmac('sha256', {})", "return crypto.createHmac('sha256', [1, 2])",
    # update() data checks
    "return crypto.createHash('sha256').update(5)", "return crypto.createHash('sha256').update(null)",
    "return crypto.createHash('sha256').update()", "return crypto.createHash('sha256').update({})",
    "return crypto.createHash('sha256').update([1])", "return crypto.createHash('sha256').update(new ArrayBuffer(2))",
    "return crypto.createHash('sha256').update(true)", "return crypto.createHash('sha256').update(5n)",
    "return crypto.createHash('sha256').update(Symbol('s'))", "return crypto.createHash('sha256').update(() => 1)",
    "return crypto.createHash('sha256').update('x'.repeat(40) + 5)",
    "return crypto.createHmac('sha1', 'k').update(1.5)",
    "return crypto.createHash('sha256').update('fff', 'hex')", "return crypto.createHash('sha256').update('fff', 'HEX')",
    "return crypto.createHash('sha256').update('zz', 'hex').digest('hex')",
    "return crypto.createHash('sha256').update('abz1', 'hex').digest('hex')",
    "return crypto.createHash('sha256').update('YW J=j', 'base64').digest('hex')",
    "return crypto.createHash('sha256').update('-_8+/8', 'base64').digest('hex')",
    "return crypto.createHash('sha256').update('\\u0100\\u00e9', 'ascii').digest('hex')",
    "return crypto.createHash('sha256').update('x', 'nope').digest('hex')",
    "return crypto.createHash('sha256').update('x', 5).digest('hex')",
    "return crypto.createHash('sha256').update('x', null).digest('hex')",
    "return crypto.createHash('sha256').update('\\u00e9', 'buffer').digest('hex')",
    # digest() output encodings
    "return crypto.createHash('sha256').digest('nope')", "return crypto.createHash('sha256').digest(5)",
    "return crypto.createHash('sha256').digest(null)", "return crypto.createHash('md5').digest('buffer')",
    "return crypto.createHash('sha1').update('x').digest('ascii')",
    "return crypto.createHash('sha1').update('x').digest('ucs2')",
    "return crypto.createHash('sha1').update('x').digest('utf16le')",
    "return crypto.createHash('sha1').update('x').digest('utf8')",
    "const h = crypto.createHash('sha1'); h.digest(); return h.digest()",
    "const h = crypto.createHmac('sha1', 'k'); h.digest(); return [h.digest('hex'), h.digest('latin1')]",
    "const h = crypto.createHmac('sha1', 'k'); h.digest(); return h.digest('nope')",
    "const h = crypto.createHmac('sha1', 'k'); h.digest(); return h.update('x')",
    "return crypto.createHmac('sha256', new ArrayBuffer(3)).digest('hex')",
    "return crypto.createHmac('sha256', new DataView(new ArrayBuffer(3))).digest('hex')",
    "return crypto.createHmac('sha256', 'ff', { encoding: 'hex' }).digest('hex')",
    "return crypto.createHmac('sha256', '').digest('hex')",
    # crypto.hash
    "return crypto.hash('sha1', 5)", "return crypto.hash(5, 'abc')", "return crypto.hash('nope', 'abc')",
    "return crypto.hash('sha1', 'abc', 'nope')", "return crypto.hash('sha1', 'abc', 5)",
    "return crypto.hash('sha1', 'abc', 'buffer')", "return crypto.hash('sha1', 'abc', 'latin1')",
    "return crypto.hash('SHA-512', 'abc', 'base64url')",
    # random* argument checks
    "return crypto.randomInt(10, 5)", "return crypto.randomInt(1.5)", "return crypto.randomInt(0)",
    "return crypto.randomInt(2 ** 48)", "return crypto.randomInt(-(2 ** 53), 0)", "return crypto.randomInt('5')",
    "return crypto.randomInt()", "return crypto.randomInt(0, 2 ** 48)", "return crypto.randomInt(-5, 2 ** 48)",
    "return crypto.randomInt(-(2 ** 48), 0)", "return crypto.randomInt(5, 'x')", "return crypto.randomInt(3, 5, 'x')",
    "return crypto.randomInt(1, 'x', () => {})", "return crypto.randomInt(NaN)", "return crypto.randomInt(5, 5)",
    "return crypto.randomInt(2 ** 48 - 1) < 2 ** 48 - 1", "return crypto.randomInt(-3, -2)",
    "return crypto.randomBytes(-1)", "return crypto.randomBytes('5')", "return crypto.randomBytes(2 ** 31)",
    "return crypto.randomBytes(NaN)", "return crypto.randomBytes(1.5).length", "return crypto.randomBytes(3, 5)",
    "return crypto.randomBytes(0).length", "return crypto.randomBytes()",
    "return crypto.randomFillSync(new Uint8Array(4), 5)", "return crypto.randomFillSync(new Uint8Array(4), 1, 5)",
    "return crypto.randomFillSync([1, 2])", "return crypto.randomFillSync(new Uint8Array(4), -1)",
    "return crypto.randomFillSync(new Uint16Array(4), 3, 2)", "return crypto.randomFillSync(new Uint8Array(4), '1')",
    "return crypto.randomFillSync(new Uint8Array(4), 0, -1)", "return crypto.randomFillSync(null)",
    "return crypto.randomFill(new Uint8Array(4), 1, 2)", "return crypto.randomFill(new Uint8Array(4))",
    "return crypto.randomFill('x', () => {})",
    "return crypto.randomUUID({ disableEntropyCache: 1 })", "return crypto.randomUUID(5)",
    "return crypto.randomUUID(null)", "return crypto.randomUUID({ disableEntropyCache: true }).length",
    "return crypto.getRandomValues(new Uint8Array(65537))", "return crypto.getRandomValues(new Float32Array(2))",
    "return crypto.getRandomValues(new Float64Array(2))", "return crypto.getRandomValues([1, 2])",
    "return crypto.getRandomValues()", "return crypto.getRandomValues(new DataView(new ArrayBuffer(3)))",
    "return crypto.getRandomValues(new Uint32Array(16385))", "return crypto.getRandomValues(new Uint8Array(65536)).length",
    "return crypto.webcrypto.getRandomValues(new Uint8Array(65537))",
    "return crypto.getRandomValues(new BigUint64Array(3)).length",
    # timingSafeEqual
    "return crypto.timingSafeEqual(new Uint8Array([1]), new Uint8Array([1, 2]))",
    "return crypto.timingSafeEqual('a', new Uint8Array(1))", "return crypto.timingSafeEqual(new Uint8Array(1), 'a')",
    "return crypto.timingSafeEqual(new Uint16Array([1]), new Uint8Array([1, 0]))",
    "return crypto.timingSafeEqual(new ArrayBuffer(2), new DataView(new ArrayBuffer(2)))",
    "return crypto.timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))",
    "return crypto.timingSafeEqual(new Uint8Array(0), new Uint8Array(0))",
    # WebCrypto
    "return crypto.subtle.digest('sha-256', new Uint8Array(0))",
    "return crypto.subtle.digest({ name: 'SHA-1' }, new ArrayBuffer(1))",
    "return crypto.subtle.digest('SHA-384', new DataView(new ArrayBuffer(5)))",
    "return crypto.subtle.digest('md5', new Uint8Array(0))", "return crypto.subtle.digest('SHA-256', 'abc')",
    "return crypto.subtle.digest({}, new Uint8Array(1))", "return crypto.subtle.digest('SHA-256')",
    "return crypto.subtle.digest(5, new Uint8Array(1))", "return crypto.subtle.digest('SHA-224', new Uint8Array(1))",
    "return crypto.webcrypto.subtle.digest('SHA-512', new Uint8Array([1, 2, 3]))",
    "return crypto.subtle.importKey('raw', new Uint8Array([1, 2]), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])"
    ".then((k) => [k.type, k.extractable, JSON.stringify(k.algorithm), k.usages, Object.prototype.toString.call(k)])",
    "return crypto.subtle.importKey('raw', new Uint8Array([1]), { name: 'hmac', hash: { name: 'sha-512' } }, true,"
    " ['verify', 'sign']).then((k) => [JSON.stringify(k.algorithm), k.usages, k.extractable])",
    "return crypto.subtle.importKey('raw', new Uint8Array([1, 2]), { name: 'HMAC' }, false, ['sign'])",
    "return crypto.subtle.importKey('raw', new Uint8Array([1, 2]), 'HMAC', false, ['sign'])",
    "return crypto.subtle.importKey('raw', new Uint8Array([1, 2]), { name: 'HMAC', hash: 'SHA-256' }, false, ['encrypt'])",
    "return crypto.subtle.importKey('raw', new Uint8Array(0), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])",
    "return crypto.subtle.importKey('raw', new Uint8Array(1), { name: 'HMAC', hash: 'SHA-256', length: 16 }, false, ['sign'])",
    "return crypto.subtle.importKey('raw', new Uint8Array(1), { name: 'HMAC', hash: 'SHA-256' }, false, [])",
    "return crypto.subtle.importKey('raw', 'abc', { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])",
    "return crypto.subtle.importKey('raw', new Uint8Array(1), { name: 'HMAC', hash: 'MD5' }, false, ['sign'])",
    "const s = crypto.subtle; return s.importKey('raw', new TextEncoder().encode('key'), { name: 'HMAC', hash: 'SHA-256' },"
    " true, ['sign', 'verify']).then(async (k) => [await s.sign('HMAC', k, new TextEncoder().encode('data')),"
    " await s.verify({ name: 'HMAC' }, k, await s.sign('HMAC', k, new Uint8Array([1])), new Uint8Array([1])),"
    " await s.verify('HMAC', k, new Uint8Array(32), new Uint8Array([1])),"
    " await s.verify('HMAC', k, new Uint8Array(3), new Uint8Array([1])), await s.exportKey('raw', k)])",
    "const s = crypto.subtle; return s.importKey('raw', new Uint8Array([7]), { name: 'HMAC', hash: 'SHA-1' },"
    " false, ['verify']).then((k) => s.sign('HMAC', k, new Uint8Array(1)))",
    "const s = crypto.subtle; return s.importKey('raw', new Uint8Array([7]), { name: 'HMAC', hash: 'SHA-1' },"
    " false, ['sign']).then((k) => s.verify('HMAC', k, new Uint8Array(1), new Uint8Array(1)))",
    "const s = crypto.subtle; return s.importKey('raw', new Uint8Array([7]), { name: 'HMAC', hash: 'SHA-1' },"
    " false, ['sign']).then((k) => s.exportKey('raw', k))",
    "const s = crypto.subtle; return s.importKey('raw', new Uint8Array([7]), { name: 'HMAC', hash: 'SHA-1' },"
    " false, ['sign']).then((k) => s.sign('AES-GCM', k, new Uint8Array(1)))",
    "const s = crypto.subtle; return s.importKey('raw', new Uint8Array([7]), { name: 'HMAC', hash: 'SHA-1' },"
    " false, ['sign']).then((k) => s.sign('RSASSA-PKCS1-v1_5', k, new Uint8Array(1)))",
    "const s = crypto.subtle; return s.importKey('raw', new Uint8Array([7]), { name: 'HMAC', hash: 'SHA-1' },"
    " false, ['sign']).then((k) => s.sign('HMAC', k, 'data'))",
    "return crypto.subtle.sign('HMAC', {}, new Uint8Array(1))",
    "return Object.getOwnPropertyNames(Object.getPrototypeOf(crypto.subtle)).sort()",
    "return Object.getOwnPropertyNames(Object.getPrototypeOf(crypto.webcrypto)).sort()",
    "return [typeof crypto.webcrypto.randomUUID(), crypto.webcrypto.getRandomValues(new Uint8Array(3)).length]",
    # misc
    "return typeof crypto.constants.RSA_PKCS1_PADDING",
    "return [crypto.constants.RSA_PKCS1_PSS_PADDING, crypto.constants.POINT_CONVERSION_UNCOMPRESSED]",
]

DIFF_RUNNER = r"""
const show = (v) => {
  if (v instanceof ArrayBuffer) return { arraybuffer: Array.from(new Uint8Array(v)) };
  if (v instanceof Uint8Array) return { bytes: Array.from(v) };
  if (ArrayBuffer.isView(v)) return { view: v.constructor.name };
  if (Array.isArray(v)) return v.map(show);
  if (v !== null && typeof v === 'object') return { object: Object.prototype.toString.call(v) };
  return v === undefined ? { undefined: true } : v;
};
const describe = (e) => {
  const out = { threw: e.name, message: e.message, code: e.code === undefined ? null : e.code,
                ctor: e.constructor && e.constructor.name };
  if (typeof e.code === 'string') { out.str = String(e); out.head = String(e.stack).split('\n')[0]; }
  return out;
};
(async () => {
  const out = [];
  for (const f of CASES) {
    try {
      out.push({ value: show(await f()) });
    } catch (e) {
      out.push(describe(e));
    }
  }
  return RESULT(out);
})()
"""


def _diff_script(cases: list[str], result: str = "(out) => out") -> str:
    """A script running `cases` (function bodies) that completes with RESULT(outcomes)."""
    return (f"const RESULT = {result};\nconst CASES = [\n" + ",\n".join(f"() => {{ {c} }}" for c in cases)
            + "];\n" + DIFF_RUNNER)


def _run_node(script: str) -> object:
    wrapper = ("const crypto = require('crypto');\n"
               f"Promise.resolve(eval({json.dumps(script)})).then((v) => process.stdout.write(JSON.stringify(v)));")
    proc = subprocess.run([NODE, "-e", wrapper], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(proc.stdout)


@pytest.mark.skipif(NODE is None, reason="node not on PATH")
def test_differential_against_node(js) -> None:
    want = _run_node(_diff_script(DIFF_CASES))
    mismatches = []
    for start in range(0, len(DIFF_CASES), 10):
        # Compared in JS and batched, so that what comes back stays small.
        batch = DIFF_CASES[start:start + 10]
        bad = js(_diff_script(batch, f"""(out) => {{
          const want = {jsval(want[start:start + 10])};
          return out.map((o, i) => [i, o]).filter(([i, o]) => JSON.stringify(o) !== JSON.stringify(want[i]));
        }}"""))
        mismatches += [(batch[i], got, want[start + i]) for i, got in bad]
    assert not mismatches, "\n".join(f"{c}\n  jshost: {g}\n  node:   {w}" for c, g, w in mismatches)


@pytest.mark.skipif(NODE is None, reason="node not on PATH")
def test_module_has_every_node_export_and_supported_hash_names(js) -> None:
    node = _run_node("[Object.keys(crypto), crypto.getHashes()]")
    ours = js(f"""
      const out = [];
      for (const name of {jsval(node[0])}) {{
        if (!(name in crypto)) {{ out.push(['missing', name]); continue; }}
      }}
      const names = {jsval(node[1])}.filter((n) => {{ try {{ crypto.createHash(n); return true; }} catch {{ return false; }} }});
      [out, names, crypto.getHashes()]""")
    assert ours[0] == []
    # getHashes() lists exactly the names of Node's list that createHash accepts here.
    assert sorted(ours[1]) == sorted(ours[2])
    assert {"md5", "sha1", "sha224", "sha256", "sha384", "sha512"} <= set(ours[2])


def test_unsupported_functions_fail_clearly(js) -> None:
    names = ["createCipheriv", "createDecipheriv", "createSign", "createVerify", "pbkdf2", "pbkdf2Sync",
             "scrypt", "scryptSync", "generateKeyPair", "generateKeyPairSync", "createPrivateKey",
             "createPublicKey", "createSecretKey", "publicEncrypt", "privateDecrypt", "sign", "verify",
             "hkdf", "hkdfSync", "createECDH", "createDiffieHellman"]
    got = js(f"""
      const res = {jsval(names)}.map((n) => {{ try {{ crypto[n](); return null; }} catch (e) {{ return [e.name, e.message]; }} }});
      const ctor = (() => {{ try {{ new crypto.KeyObject(); return null; }} catch (e) {{ return e.message; }} }})();
      const stream = (() => {{ try {{ crypto.createHash('md5').write('x'); return null; }} catch (e) {{ return e.message; }} }})();
      const subtle = crypto.subtle.encrypt({{ name: 'AES-GCM' }}, null, new Uint8Array(1)).then(() => null, (e) => e.message);
      subtle.then((s) => [res, ctor, s, ({{}}) instanceof crypto.KeyObject, stream])""")
    assert got[0] == [["Error", f"crypto.{n} is not supported by jshost"] for n in names]
    assert got[1] == "crypto.KeyObject is not supported by jshost"
    assert got[2] == "crypto.subtle.encrypt is not supported by jshost"
    assert got[3] is False
    assert got[4] == "crypto.Hash.prototype.write (streams) is not supported by jshost"


def test_webcrypto_hmac_and_digest_match_python(js) -> None:
    rng = random.Random(11)
    cases = [(rng.choice(["SHA-1", "SHA-256", "SHA-384", "SHA-512"]), rng.randbytes(rng.randint(1, 150)),
              rng.randbytes(rng.randint(0, 300))) for _ in range(12)]
    got = js(JS_HELPERS + f"""
      Promise.all({jsval([[a, k.hex(), d.hex()] for a, k, d in cases])}.map(async ([alg, k, d]) => {{
        const key = await crypto.subtle.importKey('raw', fromHex(k), {{ name: 'HMAC', hash: alg }}, false, ['sign', 'verify']);
        const sig = await crypto.subtle.sign('HMAC', key, fromHex(d));
        const ok = await crypto.subtle.verify('HMAC', key, sig, fromHex(d));
        const digest = await crypto.subtle.digest({{ name: alg }}, fromHex(d));
        return [toHex(new Uint8Array(sig)), ok, toHex(new Uint8Array(digest)), sig instanceof ArrayBuffer];
      }}))""")
    py = {"SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512"}
    for (alg, key, data), (sig, ok, digest, is_buffer) in zip(cases, got):
        assert sig == hmac.new(key, data, py[alg]).hexdigest()
        assert ok is True and is_buffer is True
        assert digest == hashlib.new(py[alg], data).hexdigest()


# ---------------------------------------------------------------------------
# Randomness
# ---------------------------------------------------------------------------

UUID_V4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def test_random_uuid_format_and_uniqueness(js) -> None:
    got = js(r"""
      const uuids = Array.from({ length: 2000 }, () => crypto.randomUUID());
      const re = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
      [uuids.filter((u) => !re.test(u)), new Set(uuids).size, uuids.slice(0, 3),
       Array.from({ length: 36 }, (_, pos) => new Set(uuids.map((u) => u[pos])).size)]""")
    bad, unique, sample, distinct = got
    assert bad == [] and unique == 2000
    assert all(UUID_V4.match(u) for u in sample)
    # The 122 random bits are not stuck: every hex position other than the fixed ones varies.
    for pos, count in enumerate(distinct):
        if pos in (8, 13, 18, 23):
            assert count == 1  # the dashes
        elif pos == 14:
            assert count == 1  # the version nibble
        else:
            assert count >= (4 if pos == 19 else 14), pos


def _chi_square(counts: list[int]) -> float:
    expected = sum(counts) / len(counts)
    return sum((c - expected) ** 2 / expected for c in counts)


def test_random_int_range_and_uniformity(js) -> None:
    got = js("""
      const counts = (xs, values) => values.map((v) => xs.filter((x) => x === v).length);
      const ten = Array.from({ length: 20000 }, () => crypto.randomInt(10));
      const neg = Array.from({ length: 2000 }, () => crypto.randomInt(-7, -2));
      const big = Array.from({ length: 200 }, () => crypto.randomInt(-(2 ** 47), 2 ** 48 - 1 - 2 ** 47));
      const three = Array.from({ length: 6000 }, () => crypto.randomInt(1, 4));
      [counts(ten, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), ten.length,
       counts(neg, [-7, -6, -5, -4, -3]), neg.length,
       big.filter((v) => !(Number.isSafeInteger(v) && v >= -(2 ** 47) && v < 2 ** 48 - 1 - 2 ** 47)).length,
       new Set(big).size, counts(three, [1, 2, 3])]""")
    ten, n_ten, neg, n_neg, big_bad, big_unique, three = got
    assert sum(ten) == n_ten and min(ten) > 0
    # 9 degrees of freedom: P(chi2 > 40) < 1e-5.
    assert _chi_square(ten) < 40, ten
    assert sum(neg) == n_neg and min(neg) > 0
    assert big_bad == 0 and big_unique == 200
    assert sum(three) == 6000 and _chi_square(three) < 25


def test_random_int_rejects_biased_draws(js) -> None:
    # With a range of 2/3 of the 48-bit draws, reducing modulo the range without
    # rejection would put 2/3 of the results in the lower half of the range.
    span = 2 ** 49 // 3
    low = js(f"Array.from({{ length: 3000 }}, () => crypto.randomInt({span})).filter((v) => v < {span // 2}).length")
    assert 1350 < low < 1650  # 0.5 +- 5 sd


def test_random_bytes_are_uniform_and_fill_everything(js) -> None:
    got = js(JS_HELPERS + """
      const big = crypto.randomBytes(65536);
      const u32 = crypto.getRandomValues(new Uint32Array(1000));
      const same = crypto.getRandomValues(u32) === u32;
      const big64 = crypto.getRandomValues(new BigUint64Array(4));
      const part = crypto.randomFillSync(new Uint8Array(10), 2, 5);
      const ab = crypto.randomFillSync(new ArrayBuffer(8));
      const i16 = crypto.randomFillSync(new Int16Array(6), 1, 4);
      const counts = new Array(256).fill(0);
      for (const b of big) counts[b]++;
      [counts, u32.filter((x) => x === 0).length, same, big64.filter((x) => x === 0n).length,
       Array.from(part), ab instanceof ArrayBuffer && new Uint8Array(ab).some((x) => x !== 0),
       Array.from(i16), toHex(crypto.randomBytes(5)), crypto.randomBytes(0).length]""")
    counts = got[0]
    assert sum(counts) == 65536
    # 255 degrees of freedom: mean 255, sd ~22.6; 400 is > 6 sd out.
    assert _chi_square(counts) < 400
    assert got[1] < 3 and got[2] is True and got[3] == 0
    part = got[4]
    assert part[:2] == [0, 0] and part[7:] == [0, 0, 0] and any(part[2:7])
    assert got[5] is True
    assert got[6][0] == 0 and got[6][5] == 0 and any(got[6][1:5])
    assert len(got[7]) == 10 and got[8] == 0


def test_two_invocations_get_different_values(js) -> None:
    code = JS_HELPERS + "[toHex(crypto.randomBytes(16)), crypto.randomUUID(), crypto.randomInt(2 ** 40)]"
    first, second = js(code), js(code)
    assert first[0] != second[0] and first[1] != second[1] and first[2] != second[2]


def test_async_variants_call_back_later(js) -> None:
    got = js("""
      new Promise((resolve) => {
        const order = [];
        let pending = 3;
        const done = () => { if (--pending === 0) resolve(order); };
        crypto.randomBytes(4, (err, buf) => { order.push(['bytes', err, buf.length]); done(); });
        crypto.randomInt(5, 6, (err, n) => { order.push(['int', err, n]); done(); });
        const target = new Uint8Array(4);
        crypto.randomFill(target, 2, (err, buf) => { order.push(['fill', err, buf === target, target[0]]); done(); });
        order.push('sync');
      })""")
    assert got[0] == "sync"
    assert sorted(map(json.dumps, got[1:])) == sorted(map(json.dumps, [["bytes", None, 4], ["int", None, 5],
                                                                       ["fill", None, True, 0]]))


def test_random_at_load_time_works() -> None:
    # Top-level code runs before the host hands in entropy: it must work (weakly seeded).
    slot = Slot(source="var early = crypto.randomUUID(); function onRequest() {}", filename="test.js", limits=Limits())
    slot.start_blocking()
    try:
        text = json.dumps({"mode": "eval", "input": "[early, crypto.randomUUID()]", "settings": {}, "entropy": "ab" * 32})
        state = slot.turn_sync("invoke", text, time.monotonic() + 5)
        early, later = state.done["value"]
        assert UUID_V4.match(early) and UUID_V4.match(later) and early != later
    finally:
        slot.close()


# An independent ChaCha20 (RFC 8439 §2.3) and the generator construction the
# runtime documents: key = SHA-256(key || entropy) per invocation; each refill
# runs 16 blocks (counters 0..15, nonce 0), the first 32 bytes become the key,
# the other 992 are output in order.

def _chacha20_block(key: bytes, counter: int, nonce: bytes = bytes(12)) -> bytes:
    mask = 0xFFFFFFFF

    def rotl(v: int, c: int) -> int:
        return ((v << c) & mask) | (v >> (32 - c))

    state = [0x61707865, 0x3320646E, 0x79622D32, 0x6B206574, *struct.unpack("<8I", key), counter,
             *struct.unpack("<3I", nonce)]
    x = list(state)

    def qr(a: int, b: int, c: int, d: int) -> None:
        x[a] = (x[a] + x[b]) & mask; x[d] = rotl(x[d] ^ x[a], 16)
        x[c] = (x[c] + x[d]) & mask; x[b] = rotl(x[b] ^ x[c], 12)
        x[a] = (x[a] + x[b]) & mask; x[d] = rotl(x[d] ^ x[a], 8)
        x[c] = (x[c] + x[d]) & mask; x[b] = rotl(x[b] ^ x[c], 7)

    for _ in range(10):
        qr(0, 4, 8, 12); qr(1, 5, 9, 13); qr(2, 6, 10, 14); qr(3, 7, 11, 15)
        qr(0, 5, 10, 15); qr(1, 6, 11, 12); qr(2, 7, 8, 13); qr(3, 4, 9, 14)
    return struct.pack("<16I", *[(x[i] + state[i]) & mask for i in range(16)])


class _GeneratorModel:
    def __init__(self) -> None:
        self.key = bytes(32)
        self.pool = b""

    def reseed(self, entropy: bytes) -> None:
        self.key = hashlib.sha256(self.key + entropy).digest()
        self.pool = b""

    def take(self, n: int) -> bytes:
        out = b""
        while len(out) < n:
            if not self.pool:
                stream = b"".join(_chacha20_block(self.key, i) for i in range(16))
                self.key, self.pool = stream[:32], stream[32:]
            k = min(len(self.pool), n - len(out))
            out, self.pool = out + self.pool[:k], self.pool[k:]
        return out


def test_reference_chacha20_matches_rfc_8439() -> None:
    # RFC 8439 §2.3.2 test vector (checks the Python reference used below).
    block = _chacha20_block(bytes(range(32)), 1, bytes.fromhex("000000090000004a00000000"))
    assert block.hex().startswith("10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e")


def test_generator_output_matches_reference_model() -> None:
    runtime = JS()
    try:
        def invoke(code: str, entropy: bytes) -> object:
            text = json.dumps({"mode": "eval", "input": code, "settings": {}, "entropy": entropy.hex()})
            state = runtime.slot.turn_sync("invoke", text, time.monotonic() + 5)
            assert state.done is not None and state.done["ok"], state.done
            return state.done["value"]

        code = JS_HELPERS + "[toHex(crypto.randomBytes(40)), toHex(crypto.randomBytes(1000)), toHex(crypto.randomBytes(7))]"
        e1, e2 = bytes(range(32)), bytes(range(100, 132))
        got1, got2 = invoke(code, e1), invoke(code, e2)
        model = _GeneratorModel()
        model.reseed(e1)
        assert got1 == [model.take(40).hex(), model.take(1000).hex(), model.take(7).hex()]
        model.reseed(e2)
        assert got2 == [model.take(40).hex(), model.take(1000).hex(), model.take(7).hex()]
    finally:
        runtime.close()


@pytest.mark.skipif(NODE is None, reason="node not on PATH")
def test_console_shows_what_node_shows(js) -> None:
    script = """
      const h = crypto.createHash('sha256');
      console.log(h);
      h.digest();
      console.log([h], { a: crypto.createHmac('md5', 'k') }, String(h), Object.keys(h));
      crypto.subtle.importKey('raw', new Uint8Array(3), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign'])
        .then((k) => { console.log(k); console.log(Object.keys(k), crypto.subtle, crypto.webcrypto); });
    """
    proc = subprocess.run([NODE, "-e", "const crypto = require('crypto');\n" + script],
                          capture_output=True, text=True, timeout=60, check=True)
    js(script + "; new Promise((resolve) => setTimeout(resolve, 0))")
    assert "\n".join(line["message"] for line in js.logs) + "\n" == proc.stdout


def test_webhook_signature_checks(js, shared) -> None:
    # The verification code Segment functions use for GitHub, Shopify and Stripe
    # webhooks, over real example bodies; signatures from Python's hmac.
    bodies = [json.dumps(json.loads((shared / "webhook-examples" / name).read_text())["payload"]["body"],
                         ensure_ascii=False) + " über 🚀"
              for name in ["github/issue-opened.json", "shopify/Order.json"]]
    secret = "whsec_\u00e9t\u00e9-secret"
    got = js(f"""
      const secret = {jsval(secret)}, bodies = {jsval(bodies)};
      bodies.map((body) => {{
        const github = 'sha256=' + crypto.createHmac('sha256', secret).update(body).digest('hex');
        const shopify = crypto.createHmac('sha256', secret).update(body, 'utf8').digest('base64');
        const stripe = crypto.createHmac('sha256', secret).update('1700000000.' + body).digest('hex');
        const same = (a, b) => a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));
        const forged = github.slice(0, -1) + (github.endsWith('0') ? '1' : '0');
        return [github, shopify, stripe, same(github, github), same(github, forged),
                Buffer.isBuffer(crypto.createHmac('sha1', secret).digest()), crypto.createHash('md5').update(body).digest('hex')];
      }})""")
    key = secret.encode()
    for body, (github, shopify, stripe, same, forged, is_buffer, md5) in zip(bodies, got):
        data = body.encode()
        assert github == "sha256=" + hmac.new(key, data, "sha256").hexdigest()
        assert shopify == base64.b64encode(hmac.new(key, data, "sha256").digest()).decode()
        assert stripe == hmac.new(key, b"1700000000." + data, "sha256").hexdigest()
        assert (same, forged, is_buffer) == (True, False, True)
        assert md5 == hashlib.md5(data).hexdigest()
