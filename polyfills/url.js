// URL and URLSearchParams: the WHATWG URL Standard (https://url.spec.whatwg.org/)
// with Node 20's API surface (errors, URL.canParse/parse, inspect output).
//
// Layout of this file:
//   1. percent-encoding and UTF-8 helpers
//   2. hosts: IPv4, IPv6, opaque hosts and domains (UTS #46 + Punycode)
//   3. the basic URL parser state machine and the URL serializer
//   4. application/x-www-form-urlencoded
//   5. the URL and URLSearchParams classes
//
// A "URL record" is a plain object {scheme, username, password, host, port,
// path, query, fragment}: `host` is null or the *serialized* host (IPv6 with its
// brackets), `path` is an array of segments or, for an opaque path, a string.
// Parser failure is signalled by returning FAILURE.

const FAILURE = null;
const EOF = -1;
const kInspect = Symbol.for("nodejs.util.inspect.custom");

// ---------------------------------------------------------------------------
// 1. Percent-encoding  https://url.spec.whatwg.org/#percent-encoded-bytes
// ---------------------------------------------------------------------------

const HEX = [];
for (let i = 0; i < 256; i++) HEX.push("%" + (i < 16 ? "0" : "") + i.toString(16).toUpperCase());

// A percent-encode set as a 128-entry table of the ASCII code points it holds;
// every set also holds all code points above U+007E.
function encodeSet(base, extra) {
  const set = new Uint8Array(128);
  if (base) set.set(base);
  for (let i = 0; i < extra.length; i++) set[extra.charCodeAt(i)] = 1;
  return set;
}
const C0_CONTROL_SET = encodeSet(null, "\x7f");
for (let i = 0; i < 0x20; i++) C0_CONTROL_SET[i] = 1;
const FRAGMENT_SET = encodeSet(C0_CONTROL_SET, ' "<>`');
const QUERY_SET = encodeSet(C0_CONTROL_SET, ' "#<>');
const SPECIAL_QUERY_SET = encodeSet(QUERY_SET, "'");
const PATH_SET = encodeSet(QUERY_SET, "?^`{}");
const USERINFO_SET = encodeSet(PATH_SET, "/:;=@[\\]|");

// UTF-8 percent-encode `s` (a well-formed string) with `set`. Runs of non-ASCII
// are handed to the native encodeURIComponent, which writes the same %XX bytes.
function percentEncode(s, set) {
  let out = "";
  let start = 0;
  const len = s.length;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (set[c] === 0) continue;
      out += s.slice(start, i) + HEX[c];
      start = i + 1;
    } else {
      let j = i + 1;
      while (j < len && s.charCodeAt(j) >= 0x80) j++;
      out += s.slice(start, i) + encodeURIComponent(s.slice(i, j));
      start = j;
      i = j - 1;
    }
  }
  return start === 0 ? s : out + s.slice(start);
}

// WebIDL USVString: lone surrogates become U+FFFD.
function toUSV(value) {
  const s = `${value}`;
  return s.isWellFormed() ? s : s.toWellFormed();
}

function hexValue(c) {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  c |= 0x20;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

// "UTF-8 decode without BOM" of the percent-decoding of `s`
// (https://url.spec.whatwg.org/#string-percent-decode). decodeURIComponent gives
// the same answer whenever it succeeds; it throws on a stray "%" or on bytes that
// are not UTF-8, which the byte-level algorithm decodes with U+FFFD.
function percentDecodeToString(s) {
  if (s.indexOf("%") === -1) return s;
  try { return decodeURIComponent(s); } catch { /* fall through */ }
  const input = internals.utf8Encode(s);
  const output = new Uint8Array(input.length);
  let n = 0;
  for (let i = 0; i < input.length; i++) {
    if (input[i] === 0x25 && i + 2 < input.length && hexValue(input[i + 1]) >= 0 && hexValue(input[i + 2]) >= 0) {
      output[n++] = hexValue(input[i + 1]) * 16 + hexValue(input[i + 2]);
      i += 2;
    } else {
      output[n++] = input[i];
    }
  }
  return internals.utf8Decode(output, 0, n);
}

// ---------------------------------------------------------------------------
// 2. Hosts  https://url.spec.whatwg.org/#host-parsing
// ---------------------------------------------------------------------------

const FORBIDDEN_HOST = /[\0\t\n\r #/:<>?@[\\\]^|]/;
const FORBIDDEN_DOMAIN = /[\0-\x20#%/:<>?@[\\\]^|\x7f]/;
const NON_ASCII = /[^\0-\x7f]/;

// https://url.spec.whatwg.org/#concept-host-parser; returns the serialized host.
function parseHost(input, isOpaque) {
  if (input.charCodeAt(0) === 0x5b) {
    if (input.charCodeAt(input.length - 1) !== 0x5d) return FAILURE;
    const address = parseIPv6(input.slice(1, -1));
    return address === FAILURE ? FAILURE : "[" + serializeIPv6(address) + "]";
  }
  if (isOpaque) {
    // https://url.spec.whatwg.org/#concept-opaque-host-parser
    if (FORBIDDEN_HOST.test(input)) return FAILURE;
    return percentEncode(input, C0_CONTROL_SET);
  }
  const domain = percentDecodeToString(input);
  const asciiDomain = domainToASCII(domain);
  if (asciiDomain === FAILURE) return FAILURE;
  if (endsInANumber(asciiDomain)) return parseIPv4(asciiDomain);
  return asciiDomain;
}

// https://url.spec.whatwg.org/#concept-domain-to-ascii with beStrict false: an
// ASCII domain is only lowercased (web compatibility); others go through UTS #46.
function domainToASCII(domain) {
  let result;
  if (!NON_ASCII.test(domain)) result = domain.toLowerCase();
  else {
    result = uts46ToASCII(domain);
    if (result === FAILURE) return FAILURE;
  }
  if (result === "" || FORBIDDEN_DOMAIN.test(result)) return FAILURE;
  return result;
}

// https://url.spec.whatwg.org/#ends-in-a-number-checker
function endsInANumber(input) {
  const parts = input.split(".");
  if (parts[parts.length - 1] === "" && parts.length > 1) parts.pop();
  const last = parts[parts.length - 1];
  if (last !== "" && /^[0-9]+$/.test(last)) return true;
  return /^0[xX][0-9a-fA-F]*$/.test(last);
}

// https://url.spec.whatwg.org/#ipv4-number-parser (the validation flag is unused)
function parseIPv4Number(input) {
  if (input === "") return -1;
  let radix = 10;
  if (input.length >= 2 && input.charCodeAt(0) === 0x30 && (input.charCodeAt(1) | 0x20) === 0x78) {
    input = input.slice(2);
    radix = 16;
  } else if (input.length >= 2 && input.charCodeAt(0) === 0x30) {
    input = input.slice(1);
    radix = 8;
  }
  if (input === "") return 0;
  const digits = radix === 10 ? /^[0-9]+$/ : radix === 16 ? /^[0-9a-fA-F]+$/ : /^[0-7]+$/;
  if (!digits.test(input)) return -1;
  return parseInt(input, radix);
}

// https://url.spec.whatwg.org/#concept-ipv4-parser, returning the serialization.
function parseIPv4(input) {
  const parts = input.split(".");
  if (parts[parts.length - 1] === "" && parts.length > 1) parts.pop();
  if (parts.length > 4) return FAILURE;
  const numbers = [];
  for (const part of parts) {
    const n = parseIPv4Number(part);
    if (n < 0) return FAILURE;
    numbers.push(n);
  }
  const last = numbers.length - 1;
  for (let i = 0; i < last; i++) if (numbers[i] > 255) return FAILURE;
  if (numbers[last] >= 256 ** (5 - numbers.length)) return FAILURE;
  let ipv4 = numbers[last];
  for (let i = 0; i < last; i++) ipv4 += numbers[i] * 256 ** (3 - i);
  // https://url.spec.whatwg.org/#concept-ipv4-serializer
  return `${Math.floor(ipv4 / 16777216)}.${Math.floor(ipv4 / 65536) % 256}.${Math.floor(ipv4 / 256) % 256}.${ipv4 % 256}`;
}

// https://url.spec.whatwg.org/#concept-ipv6-parser
function parseIPv6(input) {
  const address = [0, 0, 0, 0, 0, 0, 0, 0];
  let pieceIndex = 0;
  let compress = null;
  let pointer = 0;
  const len = input.length;
  const at = (i) => (i < len ? input.charCodeAt(i) : EOF);
  const isDigit = (c) => c >= 0x30 && c <= 0x39;
  if (at(0) === 0x3a) {
    if (at(1) !== 0x3a) return FAILURE;
    pointer += 2;
    compress = ++pieceIndex;
  }
  while (at(pointer) !== EOF) {
    if (pieceIndex === 8) return FAILURE;
    if (at(pointer) === 0x3a) {
      if (compress !== null) return FAILURE;
      pointer++;
      compress = ++pieceIndex;
      continue;
    }
    let value = 0, length = 0;
    while (length < 4 && hexValue(at(pointer)) >= 0) {
      value = value * 16 + hexValue(at(pointer));
      pointer++;
      length++;
    }
    if (at(pointer) === 0x2e) {
      if (length === 0) return FAILURE;
      pointer -= length;
      if (pieceIndex > 6) return FAILURE;
      let numbersSeen = 0;
      while (at(pointer) !== EOF) {
        let ipv4Piece = null;
        if (numbersSeen > 0) {
          if (at(pointer) === 0x2e && numbersSeen < 4) pointer++;
          else return FAILURE;
        }
        if (!isDigit(at(pointer))) return FAILURE;
        while (isDigit(at(pointer))) {
          const number = at(pointer) - 0x30;
          if (ipv4Piece === null) ipv4Piece = number;
          else if (ipv4Piece === 0) return FAILURE;
          else ipv4Piece = ipv4Piece * 10 + number;
          if (ipv4Piece > 255) return FAILURE;
          pointer++;
        }
        address[pieceIndex] = address[pieceIndex] * 0x100 + ipv4Piece;
        numbersSeen++;
        if (numbersSeen === 2 || numbersSeen === 4) pieceIndex++;
      }
      if (numbersSeen !== 4) return FAILURE;
      break;
    } else if (at(pointer) === 0x3a) {
      pointer++;
      if (at(pointer) === EOF) return FAILURE;
    } else if (at(pointer) !== EOF) return FAILURE;
    address[pieceIndex] = value;
    pieceIndex++;
  }
  if (compress !== null) {
    let swaps = pieceIndex - compress;
    pieceIndex = 7;
    while (pieceIndex !== 0 && swaps > 0) {
      const tmp = address[pieceIndex];
      address[pieceIndex] = address[compress + swaps - 1];
      address[compress + swaps - 1] = tmp;
      pieceIndex--;
      swaps--;
    }
  } else if (pieceIndex !== 8) return FAILURE;
  return address;
}

// https://url.spec.whatwg.org/#concept-ipv6-serializer: the longest run (> 1)
// of zero pieces, the first one on ties, becomes "::".
function serializeIPv6(address) {
  let compress = -1, longest = 1;
  for (let i = 0; i < 8;) {
    if (address[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && address[j] === 0) j++;
    if (j - i > longest) { longest = j - i; compress = i; }
    i = j;
  }
  let out = "";
  for (let i = 0; i < 8; i++) {
    if (i === compress) {
      out += i === 0 ? "::" : ":";
      i += longest - 1;
      continue;
    }
    out += address[i].toString(16);
    if (i !== 7) out += ":";
  }
  return out;
}

// --- UTS #46 (Unicode IDNA Compatibility Processing) ------------------------
// https://www.unicode.org/reports/tr46/ with the URL Standard's options:
// CheckHyphens, UseSTD3ASCIIRules and VerifyDnsLength false; CheckBidi,
// CheckJoiners true; nontransitional. Rather than shipping the ~9000-row IDNA
// mapping table, the mapping is derived from the engine's own Unicode data:
// NFKC + lowercasing (the IDNA mapping is NFKC_Casefold with few exceptions,
// handled explicitly below), with disallowed/ignored code points found through
// Unicode property escapes. Checked against IdnaMappingTable 18.0 code point by
// code point: it agrees for every code point the engine's Unicode version knows
// (newer code points are unassigned to it, hence disallowed).

// Unicode property classes, compiled on first use: QuickJS compiles a regular
// expression literal when it parses the file, and these are costly to compile.
let unicodeSets = null;
function unicode() {
  return unicodeSets || (unicodeSets = {
    disallowed: new RegExp("[\\p{Cc}\\p{Cs}\\p{Co}\\p{Cn}\\p{Noncharacter_Code_Point}\\p{Bidi_Control}\\p{Z}" +
      "\\u{E0000}-\\u{E007F}\\u2FF0-\\u2FFF\\u31EF\\uFFFC\\uFFFD]", "u"),
    ignorable: new RegExp("\\p{Default_Ignorable_Code_Point}", "u"),
    format: new RegExp("\\p{Cf}", "u"),
    changesWhenMapped: new RegExp("\\p{Changes_When_NFKC_Casefolded}", "u"),
    leadingMark: new RegExp("^\\p{M}", "u"),
    nonspacingMark: new RegExp("[\\p{Mn}\\p{Me}]", "u"),
    transparent: new RegExp("[\\p{Mn}\\p{Me}\\p{Cf}]", "u"),
    currency: new RegExp("\\p{Sc}", "u"),
    symbolOrPunctuation: new RegExp("[\\p{S}\\p{P}]", "u"),
  });
}

// 'X' disallowed, 'I' ignored, '' otherwise (valid or mapped) for a non-ASCII code point.
function idnaClass(ch) {
  const re = unicode();
  if (re.disallowed.test(ch)) return "X";
  if (ch === "\u200c" || ch === "\u200d") return "";   // deviations: kept
  if (re.ignorable.test(ch)) return "I";
  if (re.format.test(ch)) return "X";
  // Compatibility characters that decompose to a full stop (U+2024, U+2488,
  // U+FE52, ...) are disallowed, except the label separators U+3002, U+FF0E, U+FF61.
  if (re.changesWhenMapped.test(ch) && ch !== "\u3002" && ch !== "\uff0e" && ch !== "\uff61") {
    const m = ch.normalize("NFKC");
    if (m.includes(".") || m.includes("\u3002")) return "X";
  }
  return "";
}

// The IDNA mapping of a string of valid-or-mapped code points.
function idnaMap(s) {
  // Compatibility sigmas map to σ, not to the final form ς they decompose to.
  s = s.replace(/[\u03f2\u{1d6d3}\u{1d70d}\u{1d747}\u{1d781}\u{1d7bb}]/gu, "\u03c3").normalize("NFKC");
  s = s.replace(/[\u3002\uff61]/g, ".").replace(/\u03a3/g, "\u03c3");
  if (/[\u13a0-\u13fd\uab70-\uabbf\u1c80-\u1c88]/.test(s)) {
    // Case folding (not lowercasing): Cherokee folds to its capitals, and the
    // Cyrillic small-letter variants U+1C80..U+1C88 to the plain letters.
    s = s.replace(/[\u1c80-\u1c88]/g, (c) => c.toUpperCase().toLowerCase());
    s = s.replace(/[\u13a0-\u13fd\uab70-\uabbf]+|[^\u13a0-\u13fd\uab70-\uabbf]+/g,
      (run) => (/^[\u13a0-\u13fd\uab70-\uabbf]/.test(run) ? run.toUpperCase() : run.toLowerCase()));
  } else {
    s = s.toLowerCase();
  }
  // The iota subscript folds to a full iota (ᾳ -> αι).
  if (/[\u0345\u1f80-\u1fff]/.test(s)) s = s.normalize("NFD").replace(/\u0345/g, "\u03b9");
  return s.normalize("NFKC");
}

// Is `cp` "valid" (or a deviation) in the IDNA mapping table?
function idnaValid(cp) {
  if (cp < 0x80) return !(cp >= 0x41 && cp <= 0x5a);
  const ch = String.fromCodePoint(cp);
  return idnaClass(ch) === "" && idnaMap(ch) === ch;
}

// Compact range tables generated from the Unicode Character Database (Bidi_Class
// and Canonical_Combining_Class from Unicode 15.1, Joining_Type from 18.0), for
// the code points IDNA allows only: each entry is <gap><kind letter><length - 1>
// with numbers in base 36, the gap counted from the end of the previous range.
// BIDI lists where the class differs from what bidiClass() guesses, VIRAMA the
// combining class 9 (virama) code points. Decoded on first use only.
const BIDI_TABLE = "0B8 0W4 0Bd 0W4 2T0 1T0 5S0 0C0 0S0 0C1 0E9 0C0 1wB0 1cT1 efO1 bO9 sO0 b9L0 5zL5 15L0 3gO1 1T1 1C0 1O1 28N9 0T0 0N1 35O0 aO0 6E9 70O3 a2L1 aL0 3tL0 2L0 3cL0 3dL0 3jL0 7aL0 0O6 0L0 4L0 1mL0 6L0 3sL0 15L0 3eL0 2iL0 aL1 4lLm 2L5 kL0 1L0 1L0 24L0 1kL7 1Lj 33L5 26L1 2jL0 h0L8 lgL1 3gL2 1zL1 4dL2 1L2 lO9 f8L1 3kL6 1L5 4sLg 9La 3hL3 1nL4 1qL21 bL0 mwB1 yT2 hC0 6hT0 wL0 5eS0 0T0 82L1w qL0 9hOk bwL0 5lOt 30L73 sdO0 36L0 5aO0 o0L1 6lL0 mm6L1 anO0 36L5 vO8 2wO0 0L1 4rL1 1T0 44L1 14L2 1L0 1dL1 1bL0 2pLc gL1 3gL3 nL2 2sL1 gL1 2xL0 3zL0 g2aO5d lcL0 1L0 1gL8 0O1k hO1 1L1 1tL18 6cEq 4jL0 1cL0 biL0 q7O0 exO6 dsN9a coL6 4Oj 2dL6 3iL3 1cL1 27L3 4L0 dL0 1L2 2gL5 2zL0 blL4 aL3 2wL0 6yLm 2xL2 39L0 3mL3 6zL0 7cL2 4bL0 10L1 1iL7 2bL2 1L4 2lL9 8lL0 1L4 16L1 hxL1 22Lc 4vL0 vkL4 29oL1 bjvL1 3pL0 1tL8 4L1 nlL3 fepL0 2L0 3owLel cL2 mL1 7Lt 4L1m 17bLe7 1jL3 1eL7 1Ld 1L6 1c3L0 2owO1 exO1 1vLp 6L1o 1lLp";
const JOINING_TABLE = "17kD0 1R3 0D0 0R0 0D0 0R0 0D4 0R3 0Dc 1D6 0R0 0D1 zD1 1R2 5De 0Rh 0D11 0R0 0D1 0R8 0D0 0R0 0D0 0R0 0D1 0R1 1R0 oR1 aD2 2D0 gR0 1D2 0R4 0D3 0R0 0D8 0R0 0D0 0R0 0D0 0R0 0D1 0R0 tR0 0Da 0R2 0De 0R1 0D3 0R0 0D0 0R1 0D2 0R1 0D5 22Dw 2dR0 0D4 0R1 0D0 0R0 0D9 0R0 0D0 0R2 7D0 1D3 1R0 0D0 0Rp 3D0 2D4 0R0 0D0 gD9 0R2 1R0 0D1 0R1 0D5 0R0 0De 30eD0 oD2g eDx 1D0 sd1D1d 0L0 jf1D4 0R0 1R0 1R1 2L0 0R4 0D3 0L0 0D4 0R0 0D2 0R0 2R0 6D3 0R0 40D0 0R0 0D0 0R2 0D2 0R0 0D1 0R0 0D0 0R1 0D0 0R0 nR3 0D1 9dL0 0Dw 0R0 0D0 biR0 0D1 1D1 hLl 1tD2 0R0 0Dg cD2 0R0 rD3 0R1 0Db 1aD0 1D1 0R2 1D0 0R1 0D1 0R0 0D1 1D0 0R1 0D0 4R0 0D0 0L0 16xiDx";
const VIRAMA_TABLE = "1u5V0 3jV0 3jV0 3jV0 3jV0 3jV0 3jV0 3jV0 31V1 gV0 3gV0 33V0 3jV0 5lV0 50V1 1cpV1 uV0 4dV0 i5V0 6bV0 2tV1 1yV1 3grV0 o7aV0 11V0 47V0 3yV0 30V0 8lV0 6uV0 impV0 16uV0 15V0 eV0 1lV0 3dV1 3vV0 38V0 50V0 2qV0 6sV0 3jV0 70V0 3jV0 3aV0 38V0 7hV0 77V1 4hV0 2bV0 iV0 29V0 bpV0 78V1 29V0 btV1";

function decodeRanges(table) {
  const starts = [], ends = [], kinds = [];
  let prev = 0;
  for (const entry of table.split(" ")) {
    const m = /^([0-9a-z]+)([A-Z])([0-9a-z]+)$/.exec(entry);
    const start = prev + parseInt(m[1], 36);
    const end = start + parseInt(m[3], 36);
    starts.push(start); ends.push(end); kinds.push(m[2]);
    prev = end + 1;
  }
  return { starts, ends, kinds };
}
const rangeTables = {};
function lookupRange(name, table, cp) {
  const t = rangeTables[name] || (rangeTables[name] = decodeRanges(table));
  let lo = 0, hi = t.starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < t.starts[mid]) hi = mid - 1;
    else if (cp > t.ends[mid]) lo = mid + 1;
    else return t.kinds[mid];
  }
  return "";
}

// Bidi_Class, as one letter: L R A(L) N(AN) E(N) S(ES) C(S) T(ET) O(N) B(N) M(NSM) W(other).
// The table lists where the class differs from what the general category suggests.
const RTL_DEFAULT = [0x590, 0x5ff, 0x7c0, 0x85f, 0xfb1d, 0xfb4f, 0x10800, 0x10cff, 0x10d40, 0x10ebf, 0x10f00, 0x10f2f, 0x10f70, 0x10fff, 0x1e800, 0x1ec6f, 0x1ecc0, 0x1ecff, 0x1ed50, 0x1edff, 0x1ef00, 0x1efff];
const AL_DEFAULT = [0x600, 0x7bf, 0x860, 0x8ff, 0xfb50, 0xfdcf, 0xfdf0, 0xfdff, 0xfe70, 0xfeff, 0x10d00, 0x10d3f, 0x10ec0, 0x10eff, 0x10f30, 0x10f6f, 0x1ec70, 0x1ecbf, 0x1ed00, 0x1ed4f, 0x1ee00, 0x1eeff];
const inRanges = (list, cp) => { for (let i = 0; i < list.length; i += 2) if (cp >= list[i] && cp <= list[i + 1]) return true; return false; };
function bidiClass(cp) {
  const listed = lookupRange("bidi", BIDI_TABLE, cp);
  if (listed !== "") return listed;
  const ch = String.fromCodePoint(cp);
  const re = unicode();
  if (re.nonspacingMark.test(ch)) return "M";
  if (inRanges(RTL_DEFAULT, cp)) return "R";
  if (inRanges(AL_DEFAULT, cp)) return "A";
  if (re.currency.test(ch)) return "T";
  if (re.symbolOrPunctuation.test(ch)) return "O";
  return "L";
}

// Joining_Type: D, L, R, T (Mn, Me and Cf other than ZWNJ/ZWJ) or U.
function joiningType(cp) {
  const listed = lookupRange("join", JOINING_TABLE, cp);
  if (listed !== "") return listed;
  if (cp === 0x200c || cp === 0x200d) return "U";
  return unicode().transparent.test(String.fromCodePoint(cp)) ? "T" : "U";
}

// https://www.unicode.org/reports/tr46/#Validity_Criteria (nontransitional),
// CheckJoiners per RFC 5892 Appendix A.1/A.2; `cps` is the label's code points.
function validLabel(label, cps, fromPunycode) {
  if (fromPunycode) {
    if (label.normalize("NFC") !== label || label.startsWith("xn--")) return false;
    for (const cp of cps) if (!idnaValid(cp)) return false;
  }
  if (label.includes(".") || unicode().leadingMark.test(label)) return false;
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i];
    if (cp !== 0x200c && cp !== 0x200d) continue;
    if (i > 0 && lookupRange("virama", VIRAMA_TABLE, cps[i - 1]) !== "") continue;
    if (cp === 0x200d) return false;
    // ZWNJ: (L|D) T* ZWNJ T* (R|D)
    let j = i - 1;
    while (j >= 0 && joiningType(cps[j]) === "T") j--;
    if (j < 0 || !"LD".includes(joiningType(cps[j]))) return false;
    j = i + 1;
    while (j < cps.length && joiningType(cps[j]) === "T") j++;
    if (j >= cps.length || !"RD".includes(joiningType(cps[j]))) return false;
  }
  return true;
}

// The Bidi Rule of RFC 5893 section 2 for one non-empty label (its classes).
function bidiRuleHolds(classes) {
  const first = classes[0];
  let last = classes.length - 1;
  while (last > 0 && classes[last] === "M") last--;
  if (first === "R" || first === "A") {
    let en = false, an = false;
    for (const c of classes) {
      if (!"RANESCTOBM".includes(c)) return false;
      if (c === "E") en = true;
      if (c === "N") an = true;
    }
    return "RAEN".includes(classes[last]) && !(en && an);
  }
  if (first !== "L") return false;
  for (const c of classes) if (!"LESCTOBM".includes(c)) return false;
  return classes[last] === "L" || classes[last] === "E";
}

// https://www.unicode.org/reports/tr46/#ToASCII for a non-ASCII domain.
function uts46ToASCII(domain) {
  // Processing step 1: map.
  let kept = "";
  for (const ch of domain) {
    if (ch.charCodeAt(0) < 0x80) { kept += ch; continue; }
    const cls = idnaClass(ch);
    if (cls === "X") return FAILURE;
    if (cls === "") kept += ch;
  }
  // Steps 2-4: normalize, break into labels, convert and validate them.
  const labels = idnaMap(kept).split(".");
  const unicodeLabels = [];
  let bidiDomain = false;
  const classesOf = [];
  for (const label of labels) {
    let unicode = label;
    const fromPunycode = label.startsWith("xn--");
    if (fromPunycode) {
      if (NON_ASCII.test(label)) return FAILURE;
      unicode = punycodeDecode(label.slice(4));
      if (unicode === FAILURE || !NON_ASCII.test(unicode)) return FAILURE;
    }
    const cps = Array.from(unicode, (c) => c.codePointAt(0));
    if (!validLabel(unicode, cps, fromPunycode)) return FAILURE;
    unicodeLabels.push(unicode);
    // Only labels with non-ASCII code points can hold R, AL or AN.
    const classes = NON_ASCII.test(unicode) || bidiDomain ? cps.map(bidiClass) : null;
    if (classes && classes.some((c) => c === "R" || c === "A" || c === "N")) bidiDomain = true;
    classesOf.push(classes);
  }
  if (bidiDomain) {
    for (let i = 0; i < unicodeLabels.length; i++) {
      if (unicodeLabels[i] === "") continue;
      const classes = classesOf[i] || Array.from(unicodeLabels[i], (c) => bidiClass(c.codePointAt(0)));
      if (!bidiRuleHolds(classes)) return FAILURE;
    }
  }
  for (let i = 0; i < labels.length; i++) {
    if (NON_ASCII.test(labels[i])) labels[i] = "xn--" + punycodeEncode(labels[i]);
  }
  return labels.join(".");
}

// --- Punycode  https://www.rfc-editor.org/rfc/rfc3492 ------------------------
const PUNY_MAXINT = 0x7fffffff;
function punyAdapt(delta, numPoints, firstTime) {
  delta = firstTime ? Math.floor(delta / 700) : delta >> 1;
  delta += Math.floor(delta / numPoints);
  let k = 0;
  while (delta > 455) {   // ((base - tmin) * tmax) / 2
    delta = Math.floor(delta / 35);
    k += 36;
  }
  return k + Math.floor((36 * delta) / (delta + 38));
}
const punyThreshold = (k, bias) => (k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias);

function punycodeDecode(input) {
  const output = [];
  const b = input.lastIndexOf("-");
  for (let j = 0; j < b; j++) output.push(input.charCodeAt(j));
  let n = 128, i = 0, bias = 72;
  for (let pos = b > 0 ? b + 1 : 0; pos < input.length;) {
    const oldi = i;
    for (let w = 1, k = 36; ; k += 36) {
      if (pos >= input.length) return FAILURE;
      const c = input.charCodeAt(pos++);
      const digit = c >= 0x30 && c <= 0x39 ? c - 22 : (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a ? (c | 0x20) - 0x61 : 36;
      if (digit >= 36 || digit > Math.floor((PUNY_MAXINT - i) / w)) return FAILURE;
      i += digit * w;
      const t = punyThreshold(k, bias);
      if (digit < t) break;
      if (w > Math.floor(PUNY_MAXINT / (36 - t))) return FAILURE;
      w *= 36 - t;
    }
    const count = output.length + 1;
    bias = punyAdapt(i - oldi, count, oldi === 0);
    if (Math.floor(i / count) > PUNY_MAXINT - n) return FAILURE;
    n += Math.floor(i / count);
    i %= count;
    if (n > 0x10ffff) return FAILURE;
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}

function punycodeEncode(input) {
  const cps = Array.from(input, (c) => c.codePointAt(0));
  let output = "";
  for (const c of cps) if (c < 0x80) output += String.fromCharCode(c);
  const basic = output.length;
  let handled = basic;
  if (basic > 0) output += "-";
  const digit = (d) => String.fromCharCode(d < 26 ? 0x61 + d : 0x16 + d);
  let n = 128, delta = 0, bias = 72;
  while (handled < cps.length) {
    let m = 0x110000;
    for (const c of cps) if (c >= n && c < m) m = c;
    delta += (m - n) * (handled + 1);
    n = m;
    for (const c of cps) {
      if (c < n) delta++;
      if (c !== n) continue;
      let q = delta;
      for (let k = 36; ; k += 36) {
        const t = punyThreshold(k, bias);
        if (q < t) break;
        output += digit(t + ((q - t) % (36 - t)));
        q = Math.floor((q - t) / (36 - t));
      }
      output += digit(q);
      bias = punyAdapt(delta, handled + 1, handled === basic);
      delta = 0;
      handled++;
    }
    delta++;
    n++;
  }
  return output;
}

// ---------------------------------------------------------------------------
// 3. The basic URL parser  https://url.spec.whatwg.org/#concept-basic-url-parser
// ---------------------------------------------------------------------------

const SPECIAL_SCHEMES = { __proto__: null, ftp: 21, file: null, http: 80, https: 443, ws: 80, wss: 443 };
const isSpecialScheme = (scheme) => scheme in SPECIAL_SCHEMES;
const defaultPort = (scheme) => (scheme in SPECIAL_SCHEMES ? SPECIAL_SCHEMES[scheme] : null);
const includesCredentials = (url) => url.username !== "" || url.password !== "";
const hasOpaquePath = (url) => typeof url.path === "string";
const isAlpha = (c) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
const isDigit = (c) => c >= 0x30 && c <= 0x39;

function newRecord() {
  return { scheme: "", username: "", password: "", host: null, port: null, path: [], query: null, fragment: null };
}

// https://url.spec.whatwg.org/#windows-drive-letter
const isWindowsDriveLetter = (s) => s.length === 2 && isAlpha(s.charCodeAt(0)) && (s[1] === ":" || s[1] === "|");
const isNormalizedWindowsDriveLetter = (s) => typeof s === "string" && s.length === 2 && isAlpha(s.charCodeAt(0)) && s[1] === ":";
function startsWithWindowsDriveLetter(input, p) {
  if (input.length - p < 2 || !isAlpha(input.charCodeAt(p))) return false;
  const second = input[p + 1];
  if (second !== ":" && second !== "|") return false;
  if (input.length - p === 2) return true;
  const third = input[p + 2];
  return third === "/" || third === "\\" || third === "?" || third === "#";
}

// https://url.spec.whatwg.org/#single-dot-path-segment (and double-dot)
const isSingleDot = (s) => s === "." || (s.length === 3 && s.toLowerCase() === "%2e");
function isDoubleDot(s) {
  if (s === "..") return true;
  if (s.length !== 4 && s.length !== 6) return false;
  s = s.toLowerCase();
  return s === ".%2e" || s === "%2e." || s === "%2e%2e";
}

// https://url.spec.whatwg.org/#shorten-a-urls-path
function shortenPath(url) {
  const path = url.path;
  if (url.scheme === "file" && path.length === 1 && isNormalizedWindowsDriveLetter(path[0])) return;
  path.pop();
}

const SCHEME_START = 1, SCHEME = 2, NO_SCHEME = 3, SPECIAL_RELATIVE_OR_AUTHORITY = 4,
  PATH_OR_AUTHORITY = 5, RELATIVE = 6, RELATIVE_SLASH = 7, SPECIAL_AUTHORITY_SLASHES = 8,
  SPECIAL_AUTHORITY_IGNORE_SLASHES = 9, AUTHORITY = 10, HOST = 11, HOSTNAME = 12, PORT = 13,
  FILE = 14, FILE_SLASH = 15, FILE_HOST = 16, PATH_START = 17, PATH = 18, OPAQUE_PATH = 19,
  QUERY = 20, FRAGMENT = 21;

const LEADING_TRAILING_C0_OR_SPACE = /^[\0-\x20]+|[\0-\x20]+$/g;
const TAB_OR_NEWLINE = /[\t\n\r]/g;

// Returns the URL record, or FAILURE. With `url` and `stateOverride` (the API
// setters) it modifies `url` in place; its return value then only tells failure.
function basicParse(input, base, url, stateOverride) {
  if (url === undefined) {
    url = newRecord();
    if (input.length && (input.charCodeAt(0) <= 0x20 || input.charCodeAt(input.length - 1) <= 0x20)) {
      input = input.replace(LEADING_TRAILING_C0_OR_SPACE, "");
    }
  }
  if (/[\t\n\r]/.test(input)) input = input.replace(TAB_OR_NEWLINE, "");
  const len = input.length;
  let state = stateOverride || SCHEME_START;
  let buffer = "";
  let atSignSeen = false, insideBrackets = false, passwordTokenSeen = false;
  let pointer = 0;
  for (;;) {
    const c = pointer < len ? input.charCodeAt(pointer) : EOF;
    switch (state) {
      case SCHEME_START:
        if (isAlpha(c)) {
          buffer += String.fromCharCode(c | 0x20);
          state = SCHEME;
        } else if (!stateOverride) {
          state = NO_SCHEME;
          pointer--;
        } else return FAILURE;
        break;

      case SCHEME:
        if (isAlpha(c) || isDigit(c) || c === 0x2b || c === 0x2d || c === 0x2e) {
          buffer += c < 0x41 ? input[pointer] : String.fromCharCode(c | 0x20);
        } else if (c === 0x3a) {
          if (stateOverride) {
            if (isSpecialScheme(url.scheme) !== isSpecialScheme(buffer)) return url;
            if ((includesCredentials(url) || url.port !== null) && buffer === "file") return url;
            if (url.scheme === "file" && url.host === "") return url;
          }
          url.scheme = buffer;
          if (stateOverride) {
            if (url.port === defaultPort(url.scheme)) url.port = null;
            return url;
          }
          buffer = "";
          if (url.scheme === "file") {
            state = FILE;
          } else if (isSpecialScheme(url.scheme) && base !== null && base.scheme === url.scheme) {
            state = SPECIAL_RELATIVE_OR_AUTHORITY;
          } else if (isSpecialScheme(url.scheme)) {
            state = SPECIAL_AUTHORITY_SLASHES;
          } else if (input.charCodeAt(pointer + 1) === 0x2f) {
            state = PATH_OR_AUTHORITY;
            pointer++;
          } else {
            url.path = "";
            state = OPAQUE_PATH;
          }
        } else if (!stateOverride) {
          buffer = "";
          state = NO_SCHEME;
          pointer = -1;
        } else return FAILURE;
        break;

      case NO_SCHEME:
        if (base === null || (hasOpaquePath(base) && c !== 0x23)) return FAILURE;
        if (hasOpaquePath(base) && c === 0x23) {
          url.scheme = base.scheme;
          url.path = base.path;
          url.query = base.query;
          url.fragment = "";
          state = FRAGMENT;
        } else {
          state = base.scheme !== "file" ? RELATIVE : FILE;
          pointer--;
        }
        break;

      case SPECIAL_RELATIVE_OR_AUTHORITY:
        if (c === 0x2f && input.charCodeAt(pointer + 1) === 0x2f) {
          state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
          pointer++;
        } else {
          state = RELATIVE;
          pointer--;
        }
        break;

      case PATH_OR_AUTHORITY:
        if (c === 0x2f) state = AUTHORITY;
        else {
          state = PATH;
          pointer--;
        }
        break;

      case RELATIVE:
        url.scheme = base.scheme;
        if (c === 0x2f || (c === 0x5c && isSpecialScheme(url.scheme))) {
          state = RELATIVE_SLASH;
        } else {
          url.username = base.username;
          url.password = base.password;
          url.host = base.host;
          url.port = base.port;
          url.path = base.path.slice();
          url.query = base.query;
          if (c === 0x3f) {
            url.query = "";
            state = QUERY;
          } else if (c === 0x23) {
            url.fragment = "";
            state = FRAGMENT;
          } else if (c !== EOF) {
            url.query = null;
            shortenPath(url);
            state = PATH;
            pointer--;
          }
        }
        break;

      case RELATIVE_SLASH:
        if (isSpecialScheme(url.scheme) && (c === 0x2f || c === 0x5c)) {
          state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
        } else if (c === 0x2f) {
          state = AUTHORITY;
        } else {
          url.username = base.username;
          url.password = base.password;
          url.host = base.host;
          url.port = base.port;
          state = PATH;
          pointer--;
        }
        break;

      case SPECIAL_AUTHORITY_SLASHES:
        state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
        if (c === 0x2f && input.charCodeAt(pointer + 1) === 0x2f) pointer++;
        else pointer--;
        break;

      case SPECIAL_AUTHORITY_IGNORE_SLASHES:
        if (c !== 0x2f && c !== 0x5c) {
          state = AUTHORITY;
          pointer--;
        }
        break;

      case AUTHORITY:
        if (c === 0x40) {
          if (atSignSeen) {
            if (passwordTokenSeen) url.password += "%40";
            else url.username += "%40";
          }
          atSignSeen = true;
          if (!passwordTokenSeen) {
            const colon = buffer.indexOf(":");
            if (colon !== -1) {
              passwordTokenSeen = true;
              url.username += percentEncode(buffer.slice(0, colon), USERINFO_SET);
              url.password += percentEncode(buffer.slice(colon + 1), USERINFO_SET);
            } else {
              url.username += percentEncode(buffer, USERINFO_SET);
            }
          } else {
            url.password += percentEncode(buffer, USERINFO_SET);
          }
          buffer = "";
        } else if (c === EOF || c === 0x2f || c === 0x3f || c === 0x23 || (c === 0x5c && isSpecialScheme(url.scheme))) {
          if (atSignSeen && buffer === "") return FAILURE;
          pointer -= buffer.length + 1;
          buffer = "";
          state = HOST;
        } else {
          buffer += input[pointer];
        }
        break;

      case HOST:
      case HOSTNAME:
        if (stateOverride && url.scheme === "file") {
          pointer--;
          state = FILE_HOST;
        } else if (c === 0x3a && !insideBrackets) {
          if (buffer === "") return FAILURE;
          if (stateOverride === HOSTNAME) return FAILURE;
          const host = parseHost(buffer, !isSpecialScheme(url.scheme));
          if (host === FAILURE) return FAILURE;
          url.host = host;
          buffer = "";
          state = PORT;
        } else if (c === EOF || c === 0x2f || c === 0x3f || c === 0x23 || (c === 0x5c && isSpecialScheme(url.scheme))) {
          pointer--;
          if (isSpecialScheme(url.scheme) && buffer === "") return FAILURE;
          if (stateOverride && buffer === "" && (includesCredentials(url) || url.port !== null)) return FAILURE;
          const host = parseHost(buffer, !isSpecialScheme(url.scheme));
          if (host === FAILURE) return FAILURE;
          url.host = host;
          buffer = "";
          state = PATH_START;
          if (stateOverride) return url;
        } else {
          if (c === 0x5b) insideBrackets = true;
          if (c === 0x5d) insideBrackets = false;
          buffer += input[pointer];
        }
        break;

      case PORT:
        if (isDigit(c)) {
          buffer += input[pointer];
        } else if (c === EOF || c === 0x2f || c === 0x3f || c === 0x23 || (c === 0x5c && isSpecialScheme(url.scheme)) || stateOverride) {
          if (buffer !== "") {
            const port = parseInt(buffer, 10);
            if (port > 65535) return FAILURE;
            url.port = port === defaultPort(url.scheme) ? null : port;
            buffer = "";
            if (stateOverride) return url;
          }
          if (stateOverride) return FAILURE;
          state = PATH_START;
          pointer--;
        } else return FAILURE;
        break;

      case FILE:
        url.scheme = "file";
        url.host = "";
        if (c === 0x2f || c === 0x5c) {
          state = FILE_SLASH;
        } else if (base !== null && base.scheme === "file") {
          url.host = base.host;
          url.path = base.path.slice();
          url.query = base.query;
          if (c === 0x3f) {
            url.query = "";
            state = QUERY;
          } else if (c === 0x23) {
            url.fragment = "";
            state = FRAGMENT;
          } else if (c !== EOF) {
            url.query = null;
            if (!startsWithWindowsDriveLetter(input, pointer)) shortenPath(url);
            else url.path = [];
            state = PATH;
            pointer--;
          }
        } else {
          state = PATH;
          pointer--;
        }
        break;

      case FILE_SLASH:
        if (c === 0x2f || c === 0x5c) {
          state = FILE_HOST;
        } else {
          if (base !== null && base.scheme === "file") {
            url.host = base.host;
            if (!startsWithWindowsDriveLetter(input, pointer) && isNormalizedWindowsDriveLetter(base.path[0])) {
              url.path.push(base.path[0]);
            }
          }
          state = PATH;
          pointer--;
        }
        break;

      case FILE_HOST:
        if (c === EOF || c === 0x2f || c === 0x5c || c === 0x3f || c === 0x23) {
          pointer--;
          if (!stateOverride && isWindowsDriveLetter(buffer)) {
            state = PATH;   // the buffer is the path's first segment
          } else if (buffer === "") {
            url.host = "";
            if (stateOverride) return url;
            state = PATH_START;
          } else {
            let host = parseHost(buffer, !isSpecialScheme(url.scheme));
            if (host === FAILURE) return FAILURE;
            if (host === "localhost") host = "";
            url.host = host;
            if (stateOverride) return url;
            buffer = "";
            state = PATH_START;
          }
        } else {
          buffer += input[pointer];
        }
        break;

      case PATH_START:
        if (isSpecialScheme(url.scheme)) {
          state = PATH;
          if (c !== 0x2f && c !== 0x5c) pointer--;
        } else if (!stateOverride && c === 0x3f) {
          url.query = "";
          state = QUERY;
        } else if (!stateOverride && c === 0x23) {
          url.fragment = "";
          state = FRAGMENT;
        } else if (c !== EOF) {
          state = PATH;
          if (c !== 0x2f) pointer--;
        } else if (stateOverride && url.host === null) {
          url.path.push("");
        }
        break;

      case PATH: {
        const special = isSpecialScheme(url.scheme);
        if (c === EOF || c === 0x2f || (special && c === 0x5c) || (!stateOverride && (c === 0x3f || c === 0x23))) {
          const slash = c === 0x2f || (special && c === 0x5c);
          if (isDoubleDot(buffer)) {
            shortenPath(url);
            if (!slash) url.path.push("");
          } else if (isSingleDot(buffer)) {
            if (!slash) url.path.push("");
          } else {
            if (url.scheme === "file" && url.path.length === 0 && isWindowsDriveLetter(buffer)) {
              buffer = buffer[0] + ":";
            }
            url.path.push(percentEncode(buffer, PATH_SET));
          }
          buffer = "";
          if (c === 0x3f) {
            url.query = "";
            state = QUERY;
          } else if (c === 0x23) {
            url.fragment = "";
            state = FRAGMENT;
          }
        } else {
          // Take the rest of the segment at once; it is encoded when complete.
          let end = pointer + 1;
          for (; end < len; end++) {
            const d = input.charCodeAt(end);
            if (d === 0x2f || (special && d === 0x5c) || (!stateOverride && (d === 0x3f || d === 0x23))) break;
          }
          buffer += input.slice(pointer, end);
          pointer = end - 1;
        }
        break;
      }

      case OPAQUE_PATH:
        if (c === 0x3f) {
          url.query = "";
          state = QUERY;
        } else if (c === 0x23) {
          url.fragment = "";
          state = FRAGMENT;
        } else if (c !== EOF) {
          let end = pointer + 1;
          while (end < len && input.charCodeAt(end) !== 0x3f && input.charCodeAt(end) !== 0x23) end++;
          let run = percentEncode(input.slice(pointer, end), C0_CONTROL_SET);
          // A space right before "?" or "#" is encoded, so the path keeps it
          // when the query or fragment is later removed.
          if (end < len && run.charCodeAt(run.length - 1) === 0x20) run = run.slice(0, -1) + "%20";
          url.path += run;
          pointer = end - 1;
        }
        break;

      case QUERY:
        if ((!stateOverride && c === 0x23) || c === EOF) {
          url.query += percentEncode(buffer, isSpecialScheme(url.scheme) ? SPECIAL_QUERY_SET : QUERY_SET);
          buffer = "";
          if (c === 0x23) {
            url.fragment = "";
            state = FRAGMENT;
          }
        } else {
          let end = stateOverride ? len : input.indexOf("#", pointer);
          if (end === -1) end = len;
          buffer += input.slice(pointer, end);
          pointer = end - 1;
        }
        break;

      case FRAGMENT:
        if (c !== EOF) {
          url.fragment += percentEncode(input.slice(pointer), FRAGMENT_SET);
          pointer = len - 1;
        }
        break;
    }
    if (pointer >= len) break;
    pointer++;
  }
  return url;
}

// https://url.spec.whatwg.org/#concept-url-serializer
function serializeURL(url, excludeFragment) {
  let output = url.scheme + ":";
  if (url.host !== null) {
    output += "//";
    if (includesCredentials(url)) {
      output += url.username;
      if (url.password !== "") output += ":" + url.password;
      output += "@";
    }
    output += url.host;
    if (url.port !== null) output += ":" + url.port;
  } else if (!hasOpaquePath(url) && url.path.length > 1 && url.path[0] === "") {
    output += "/.";
  }
  output += serializePath(url);
  if (url.query !== null) output += "?" + url.query;
  if (!excludeFragment && url.fragment !== null) output += "#" + url.fragment;
  return output;
}

// https://url.spec.whatwg.org/#url-path-serializer
function serializePath(url) {
  if (hasOpaquePath(url)) return url.path;
  let output = "";
  for (const segment of url.path) output += "/" + segment;
  return output;
}

// https://url.spec.whatwg.org/#concept-url-origin, serialized
// (https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin).
function serializeOrigin(url) {
  switch (url.scheme) {
    case "blob": {
      const pathURL = basicParse(serializePath(url), null);
      if (pathURL !== FAILURE && (pathURL.scheme === "http" || pathURL.scheme === "https")) return serializeOrigin(pathURL);
      return "null";
    }
    case "ftp": case "http": case "https": case "ws": case "wss":
      return url.scheme + "://" + url.host + (url.port !== null ? ":" + url.port : "");
    default:
      return "null";
  }
}

// https://url.spec.whatwg.org/#api-url-parser
function apiParse(input, base) {
  let parsedBase = null;
  if (base !== undefined) {
    parsedBase = basicParse(base, null);
    if (parsedBase === FAILURE) return FAILURE;
  }
  return basicParse(input, parsedBase);
}

// ---------------------------------------------------------------------------
// 4. application/x-www-form-urlencoded  https://url.spec.whatwg.org/#concept-urlencoded
// ---------------------------------------------------------------------------

// Parses into a flat list [name0, value0, name1, value1, ...].
function parseUrlencoded(input) {
  const list = [];
  if (input === "") return list;
  for (const sequence of input.split("&")) {
    if (sequence === "") continue;
    const eq = sequence.indexOf("=");
    let name = eq === -1 ? sequence : sequence.slice(0, eq);
    let value = eq === -1 ? "" : sequence.slice(eq + 1);
    if (name.indexOf("+") !== -1) name = name.replace(/\+/g, " ");
    if (value.indexOf("+") !== -1) value = value.replace(/\+/g, " ");
    list.push(percentDecodeToString(name), percentDecodeToString(value));
  }
  return list;
}

// The application/x-www-form-urlencoded percent-encode set keeps only ASCII
// alphanumerics and *-._; encodeURIComponent also keeps !'()~, fixed up here.
const FORM_FIXUPS = { "!": "%21", "'": "%27", "(": "%28", ")": "%29", "~": "%7E", "%20": "+" };
function formEncode(s) {
  const encoded = encodeURIComponent(s);
  return /[!'()~]|%20/.test(encoded) ? encoded.replace(/[!'()~]|%20/g, (m) => FORM_FIXUPS[m]) : encoded;
}

function serializeUrlencoded(list) {
  let output = "";
  for (let i = 0; i < list.length; i += 2) {
    if (i !== 0) output += "&";
    output += formEncode(list[i]) + "=" + formEncode(list[i + 1]);
  }
  return output;
}

// ---------------------------------------------------------------------------
// 5. The API  https://url.spec.whatwg.org/#api
// ---------------------------------------------------------------------------

// Node's internal errors (encoding.js builds them as lib/internal/errors.js
// does: "TypeError [CODE]: message" in the stack and toString, an enumerable code).
const nodeTypeError = (code, message) => internals.nodeErrors.make(TypeError, code, message);
const missingArgs = (names) => nodeTypeError("ERR_MISSING_ARGS",
  names.length === 1 ? `The "${names[0]}" argument must be specified` : `The "${names[0]}" and "${names[1]}" arguments must be specified`);
// Node 20's URL constructor throws a plain TypeError made by its C++ binding;
// the href setter throws one of its internal errors.
function invalidURL(input, base, internal) {
  const error = internal ? nodeTypeError("ERR_INVALID_URL", "Invalid URL") : new TypeError("Invalid URL");
  error.code = "ERR_INVALID_URL";
  error.input = input;
  if (base !== undefined) error.base = base;
  return error;
}
const describeReceived = (value) => `Received ${internals.nodeErrors.describeReceived(value)}`;

// Privileged access between the classes, set in their static blocks.
let urlRecordOf, urlQueryChanged, paramsListOf, paramsAttach, paramsIs;

class URL {
  #url;            // the URL record
  #params = null;  // the query object, made on first use of `searchParams`

  static {
    urlRecordOf = (url) => url.#url;
    // URLSearchParams "update" steps: the list changed.
    urlQueryChanged = (url, serialized) => { url.#url.query = serialized === "" ? null : serialized; };
  }

  constructor(url, base = undefined) {
    if (arguments.length === 0) throw missingArgs(["url"]);
    url = toUSV(url);
    if (base !== undefined) base = toUSV(base);
    const record = apiParse(url, base);
    if (record === FAILURE) throw invalidURL(url, base);
    this.#url = record;
  }

  static parse(url, base = undefined) {
    if (arguments.length === 0) throw missingArgs(["url"]);
    try {
      return new URL(url, base);
    } catch (error) {
      if (error && error.code === "ERR_INVALID_URL") return null;
      throw error;
    }
  }

  static canParse(url, base = undefined) {
    if (arguments.length === 0) throw missingArgs(["url"]);
    return apiParse(toUSV(url), base === undefined ? undefined : toUSV(base)) !== FAILURE;
  }

  // Blob URLs need a Blob store, which this runtime does not have.
  static createObjectURL(obj) {
    throw nodeTypeError("ERR_INVALID_ARG_TYPE", `The "obj" argument must be an instance of Blob. ${describeReceived(obj)}`);
  }
  static revokeObjectURL(url) {
    if (arguments.length === 0) throw missingArgs(["url"]);
  }

  static #record(self) {
    if (self === null || typeof self !== "object" || !(#url in self)) {
      throw new TypeError("Receiver must be an instance of class URL");
    }
    return self.#url;
  }

  // The query changed through a setter: the query object follows it.
  #resetParams() {
    if (this.#params !== null) {
      const query = this.#url.query;
      paramsAttach(this.#params, query === null ? [] : parseUrlencoded(query), this);
    }
  }

  toString() { return serializeURL(URL.#record(this), false); }

  get href() { return serializeURL(URL.#record(this), false); }
  set href(value) {
    URL.#record(this);
    value = toUSV(value);
    const record = basicParse(value, null);
    if (record === FAILURE) throw invalidURL(value, undefined, true);
    this.#url = record;
    this.#resetParams();
  }

  get origin() { return serializeOrigin(URL.#record(this)); }

  get protocol() { return URL.#record(this).scheme + ":"; }
  set protocol(value) {
    const url = URL.#record(this);
    basicParse(toUSV(value) + ":", null, url, SCHEME_START);
  }

  get username() { return URL.#record(this).username; }
  set username(value) {
    const url = URL.#record(this);
    value = toUSV(value);
    if (url.host === null || url.host === "" || url.scheme === "file") return;
    url.username = percentEncode(value, USERINFO_SET);
  }

  get password() { return URL.#record(this).password; }
  set password(value) {
    const url = URL.#record(this);
    value = toUSV(value);
    if (url.host === null || url.host === "" || url.scheme === "file") return;
    url.password = percentEncode(value, USERINFO_SET);
  }

  get host() {
    const url = URL.#record(this);
    if (url.host === null) return "";
    return url.port === null ? url.host : url.host + ":" + url.port;
  }
  set host(value) {
    const url = URL.#record(this);
    value = toUSV(value);
    if (hasOpaquePath(url)) return;
    basicParse(value, null, url, HOST);
  }

  get hostname() {
    const host = URL.#record(this).host;
    return host === null ? "" : host;
  }
  set hostname(value) {
    const url = URL.#record(this);
    value = toUSV(value);
    if (hasOpaquePath(url)) return;
    basicParse(value, null, url, HOSTNAME);
  }

  get port() {
    const port = URL.#record(this).port;
    return port === null ? "" : String(port);
  }
  set port(value) {
    const url = URL.#record(this);
    value = toUSV(value);
    if (url.host === null || url.host === "" || url.scheme === "file") return;
    if (value === "") url.port = null;
    else basicParse(value, null, url, PORT);
  }

  get pathname() { return serializePath(URL.#record(this)); }
  set pathname(value) {
    const url = URL.#record(this);
    value = toUSV(value);
    if (hasOpaquePath(url)) return;
    url.path = [];
    basicParse(value, null, url, PATH_START);
  }

  get search() {
    const query = URL.#record(this).query;
    return query === null || query === "" ? "" : "?" + query;
  }
  set search(value) {
    const url = URL.#record(this);
    value = toUSV(value);
    if (value === "") {
      url.query = null;
    } else {
      url.query = "";
      basicParse(value[0] === "?" ? value.slice(1) : value, null, url, QUERY);
    }
    this.#resetParams();
  }

  get searchParams() {
    const url = URL.#record(this);
    if (this.#params === null) {
      this.#params = new URLSearchParams();
      paramsAttach(this.#params, url.query === null ? [] : parseUrlencoded(url.query), this);
    }
    return this.#params;
  }

  get hash() {
    const fragment = URL.#record(this).fragment;
    return fragment === null || fragment === "" ? "" : "#" + fragment;
  }
  set hash(value) {
    const url = URL.#record(this);
    value = toUSV(value);
    if (value === "") {
      url.fragment = null;
      return;
    }
    url.fragment = "";
    basicParse(value[0] === "#" ? value.slice(1) : value, null, url, FRAGMENT);
  }

  toJSON() { return serializeURL(URL.#record(this), false); }

  // Node prints a URL as an object of its attributes (lib/internal/url.js).
  [kInspect](depth, options, inspect) {
    if (typeof depth === "number" && depth < 0) return this;
    const proto = Object.getPrototypeOf(this);
    const name = (proto && proto.constructor && proto.constructor.name) || "URL";
    const shown = {
      href: this.href, origin: this.origin, protocol: this.protocol, username: this.username,
      password: this.password, host: this.host, hostname: this.hostname, port: this.port,
      pathname: this.pathname, search: this.search, searchParams: this.searchParams, hash: this.hash,
    };
    return `${name} ${inspectWith(inspect)(shown, options)}`;
  }
}

// The `inspect` Node hands to custom inspectors; a fallback while none is given.
const inspectWith = (inspect) => (typeof inspect === "function" ? inspect
  : typeof internals.inspect === "function" ? internals.inspect : (v) => JSON.stringify(v));

class URLSearchParams {
  #list = [];      // [name0, value0, name1, value1, ...]
  #url = null;     // the URL object whose query this is

  static {
    paramsListOf = (params) => params.#list;
    paramsAttach = (params, list, url) => { params.#list = list; params.#url = url; };
    paramsIs = (value) => value !== null && typeof value === "object" && #list in value;
  }

  constructor(init = undefined) {
    if (init == null) return;
    if (typeof init === "object" || typeof init === "function") {
      const method = init[Symbol.iterator];
      if (method === URLSearchParams.prototype[Symbol.iterator] && #list in init) {
        this.#list = init.#list.slice();
      } else if (method != null) {
        // sequence<sequence<USVString>>
        if (typeof method !== "function") throw nodeTypeError("ERR_ARG_NOT_ITERABLE", "Query pairs must be iterable");
        for (const pair of init) {
          if (pair == null || ((typeof pair !== "object" && typeof pair !== "function") || typeof pair[Symbol.iterator] !== "function")) {
            throw invalidTuple();
          }
          const items = Array.isArray(pair) ? pair : Array.from(pair);
          if (items.length !== 2) throw invalidTuple();
          this.#list.push(toUSV(items[0]), toUSV(items[1]));
        }
      } else {
        // record<USVString, USVString>: own enumerable keys; a later duplicate
        // (after USVString conversion) replaces the earlier value.
        const seen = new Map();
        for (const key of Reflect.ownKeys(init)) {
          const desc = Reflect.getOwnPropertyDescriptor(init, key);
          if (desc === undefined || !desc.enumerable) continue;
          const name = toUSV(key);
          const value = toUSV(init[key]);
          const at = seen.get(name);
          if (at !== undefined) this.#list[at] = value;
          else {
            seen.set(name, this.#list.length + 1);
            this.#list.push(name, value);
          }
        }
      }
      return;
    }
    init = toUSV(init);
    this.#list = parseUrlencoded(init[0] === "?" ? init.slice(1) : init);
  }

  static #check(self) {
    if (self === null || typeof self !== "object" || !(#list in self)) {
      throw nodeTypeError("ERR_INVALID_THIS", 'Value of "this" must be of type URLSearchParams');
    }
  }

  // https://url.spec.whatwg.org/#concept-urlsearchparams-update
  #update() {
    if (this.#url !== null) urlQueryChanged(this.#url, serializeUrlencoded(this.#list));
  }

  get size() {
    URLSearchParams.#check(this);
    return this.#list.length / 2;
  }

  append(name, value) {
    URLSearchParams.#check(this);
    if (arguments.length < 2) throw missingArgs(["name", "value"]);
    this.#list.push(toUSV(name), toUSV(value));
    this.#update();
  }

  delete(name, value = undefined) {
    URLSearchParams.#check(this);
    if (arguments.length < 1) throw missingArgs(["name"]);
    name = toUSV(name);
    if (value !== undefined) value = toUSV(value);
    const list = this.#list;
    let j = 0;
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name && (value === undefined || list[i + 1] === value)) continue;
      list[j++] = list[i];
      list[j++] = list[i + 1];
    }
    list.length = j;
    this.#update();
  }

  get(name) {
    URLSearchParams.#check(this);
    if (arguments.length < 1) throw missingArgs(["name"]);
    name = toUSV(name);
    const list = this.#list;
    for (let i = 0; i < list.length; i += 2) if (list[i] === name) return list[i + 1];
    return null;
  }

  getAll(name) {
    URLSearchParams.#check(this);
    if (arguments.length < 1) throw missingArgs(["name"]);
    name = toUSV(name);
    const list = this.#list;
    const values = [];
    for (let i = 0; i < list.length; i += 2) if (list[i] === name) values.push(list[i + 1]);
    return values;
  }

  has(name, value = undefined) {
    URLSearchParams.#check(this);
    if (arguments.length < 1) throw missingArgs(["name"]);
    name = toUSV(name);
    if (value !== undefined) value = toUSV(value);
    const list = this.#list;
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name && (value === undefined || list[i + 1] === value)) return true;
    }
    return false;
  }

  set(name, value) {
    URLSearchParams.#check(this);
    if (arguments.length < 2) throw missingArgs(["name", "value"]);
    name = toUSV(name);
    value = toUSV(value);
    const list = this.#list;
    let found = false, j = 0;
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name) {
        if (found) continue;
        found = true;
        list[i + 1] = value;
      }
      list[j++] = list[i];
      list[j++] = list[i + 1];
    }
    list.length = j;
    if (!found) list.push(name, value);
    this.#update();
  }

  // A stable sort on the names' code units (https://url.spec.whatwg.org/#dom-urlsearchparams-sort).
  sort() {
    URLSearchParams.#check(this);
    const list = this.#list;
    const pairs = [];
    for (let i = 0; i < list.length; i += 2) pairs.push([list[i], list[i + 1]]);
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (let i = 0; i < pairs.length; i++) {
      list[2 * i] = pairs[i][0];
      list[2 * i + 1] = pairs[i][1];
    }
    this.#update();
  }

  entries() {
    URLSearchParams.#check(this);
    return new URLSearchParamsIterator(this, "key+value");
  }

  forEach(callback, thisArg = undefined) {
    URLSearchParams.#check(this);
    if (typeof callback !== "function") {
      throw nodeTypeError("ERR_INVALID_ARG_TYPE", `The "callback" argument must be of type function. ${describeReceived(callback)}`);
    }
    // Live: entries appended by the callback are visited too.
    for (let i = 0; i < this.#list.length; i += 2) {
      callback.call(thisArg, this.#list[i + 1], this.#list[i], this);
    }
  }

  keys() {
    URLSearchParams.#check(this);
    return new URLSearchParamsIterator(this, "key");
  }

  values() {
    URLSearchParams.#check(this);
    return new URLSearchParamsIterator(this, "value");
  }

  toString() {
    URLSearchParams.#check(this);
    return serializeUrlencoded(this.#list);
  }

  // Node's format: URLSearchParams { 'a' => '1', 'b' => '2' }, one entry a line
  // past breakLength (lib/internal/url.js).
  [kInspect](depth, options, inspect) {
    URLSearchParams.#check(this);
    options = options || {};
    if (typeof depth === "number" && depth < 0) {
      return typeof options.stylize === "function" ? options.stylize("[Object]", "special") : "[Object]";
    }
    const innerOptions = { ...options };
    if (depth !== null && depth !== undefined) innerOptions.depth = depth - 1;
    const show = inspectWith(inspect);
    const list = this.#list;
    const output = [];
    let length = -2;
    for (let i = 0; i < list.length; i += 2) {
      const entry = `${show(list[i], innerOptions)} => ${show(list[i + 1], innerOptions)}`;
      output.push(entry);
      length += entry.replace(/\u001b\[\d\d?m/g, "").length + 2;
    }
    const name = this.constructor.name;
    const breakLength = options.breakLength === undefined ? 128 : options.breakLength;
    if (length > breakLength) return `${name} {\n  ${output.join(",\n  ")} }`;
    if (output.length) return `${name} { ${output.join(", ")} }`;
    return `${name} {}`;
  }
}

const invalidTuple = () => nodeTypeError("ERR_INVALID_TUPLE", "Each query pair must be an iterable [name, value] tuple");

// The live iterator of https://webidl.spec.whatwg.org/#es-iterable: it reads the
// list by index, so entries added while iterating are seen.
class URLSearchParamsIterator {
  #params;
  #kind;
  #index = 0;

  constructor(params, kind) {
    this.#params = params;
    this.#kind = kind;
  }

  next() {
    if (this === null || typeof this !== "object" || !(#params in this)) {
      throw nodeTypeError("ERR_INVALID_THIS", 'Value of "this" must be of type URLSearchParamsIterator');
    }
    const list = paramsListOf(this.#params);
    const index = this.#index;
    if (index >= list.length) return { value: undefined, done: true };
    this.#index = index + 2;
    const kind = this.#kind;
    const value = kind === "key" ? list[index] : kind === "value" ? list[index + 1] : [list[index], list[index + 1]];
    return { value, done: false };
  }

  // Node: URLSearchParams Iterator { [ 'a', '1' ], [ 'b', '2' ] } (what is left).
  [kInspect](depth, options, inspect) {
    const innerOptions = { ...(options || {}) };
    if (depth !== null && depth !== undefined) innerOptions.depth = depth - 1;
    const show = inspectWith(inspect);
    const list = paramsListOf(this.#params);
    const output = [];
    for (let i = this.#index; i < list.length; i += 2) {
      const kind = this.#kind;
      output.push(kind === "key" ? list[i] : kind === "value" ? list[i + 1] : [list[i], list[i + 1]]);
    }
    const shown = output.map((item) => show(item, innerOptions));
    const text = show(output, innerOptions).includes("\n") ? `\n  ${shown.join(",\n  ")}` : ` ${shown.join(", ")}`;
    return `URLSearchParams Iterator {${text} }`;
  }
}

// Web IDL / Node shapes: prototype members are enumerable, the iterator's
// prototype is a plain %IteratorPrototype% object with `next`, and the classes
// carry their Symbol.toStringTag.
const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
Object.setPrototypeOf(URLSearchParamsIterator.prototype, IteratorPrototype);
delete URLSearchParamsIterator.prototype.constructor;
for (const [cls, tag] of [[URL, "URL"], [URLSearchParams, "URLSearchParams"], [URLSearchParamsIterator, "URLSearchParams Iterator"]]) {
  const proto = cls.prototype;
  for (const key of Object.getOwnPropertyNames(proto)) {
    if (key !== "constructor") Object.defineProperty(proto, key, { enumerable: true });
  }
  Object.defineProperty(proto, Symbol.toStringTag, { value: tag, writable: false, enumerable: false, configurable: true });
}
for (const key of ["parse", "canParse", "createObjectURL", "revokeObjectURL"]) Object.defineProperty(URL, key, { enumerable: true });
Object.defineProperty(URLSearchParams.prototype, Symbol.iterator, {
  value: URLSearchParams.prototype.entries, writable: true, enumerable: false, configurable: true,
});

internals.URL = URL;
internals.URLSearchParams = URLSearchParams;
// For other runtime files: parse without allocating a URL object, and the
// form encoding (fetch bodies, Segment request queries).
internals.url = {
  parse: (input, base) => apiParse(toUSV(input), base === undefined ? undefined : toUSV(base)),
  serialize: serializeURL,
  parseUrlencoded,
  serializeUrlencoded,
  isURLSearchParams: paramsIs,
  recordOf: (url) => urlRecordOf(url),
};
internals.defineGlobal("URL", URL);
internals.defineGlobal("URLSearchParams", URLSearchParams);
