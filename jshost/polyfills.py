"""The runtime's JavaScript: the ordered list of ``polyfills/*.js`` and the bundle built from it.

Every polyfill file is the body of a function that receives ``internals``, the
runtime's private namespace (never reachable from user code)::

    (function (internals) { "use strict"; <file> })(internals);

``bootstrap.js`` runs first and fills ``internals`` with the helpers the other
files use (``defineGlobal``, the host-op queue, per-invocation state); the bundle
returns ``internals.host``, the one function through which Python talks to the
slot (see :mod:`jshost.engine`).

The bundle is evaluated at a large line offset (``line_base``): QuickJS names every
frame ``<input>``, so a frame at or past ``line_base`` is runtime code and any
frame before it is the user's file, which is evaluated on its own from line 1.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

#: Load order. Every ``*.js`` file in ``polyfills/`` appears here exactly once
#: (a test checks it); later files may use what earlier ones put on ``internals``.
LOAD_ORDER: tuple[str, ...] = (
    "bootstrap.js",        # internals, globals helpers, host ops, invocation state, stacks
    "util.js",             # Node's util.format / util.inspect (console and util module)
    "console.js",          # console.*
    "errors.js",           # ValidationError, EventNotSupported, InvalidEventPayload, RetryError
    "domexception.js",     # DOMException (WebIDL), thrown by structuredClone and AbortSignal
    "timers.js",           # setTimeout / setInterval / queueMicrotask, driven by the host loop
    "event.js",            # Event / EventTarget
    "abort.js",            # AbortController / AbortSignal
    "encoding.js",         # TextEncoder / TextDecoder (UTF-8)
    "buffer.js",           # Buffer (Node), used by base64 and crypto
    "blob.js",             # Blob (File API)
    "base64.js",           # atob / btoa (Segment's npm versions)
    "crypto.js",           # crypto (Node's createHash/createHmac/random*, WebCrypto digest)
    "url.js",              # URL / URLSearchParams (WHATWG)
    "headers.js",          # Headers (WHATWG Fetch, node-fetch 2 flavour)
    "fetch.js",            # fetch / Request / Response (node-fetch 2.6 behaviour) over the fetch.start op
    "cache.js",            # cache.load / cache.delete (docs 004 "Caching") over the cache.* ops
    "formdata.js",         # FormData (XHR standard, plus the npm form-data methods), a fetch body
    "structured_clone.js", # structuredClone (HTML)
    "node_events.js",      # Node's events module, for library code
    "node_stream.js",      # Node's stream module (the part libraries use)
    "node_string_decoder.js",  # Node's string_decoder module
    "node_querystring.js", # Node's querystring module
    "node_assert.js",      # Node's assert module
    "node_zlib.js",        # Node's zlib module over pako (Segment's `zlib.zlib`)
    "node_timers.js",      # Node's timers module (setImmediate, timers/promises)
    "node_url.js",         # Node's url module (WHATWG classes and the legacy parse/format/resolve)
    "node_crypto.js",      # Node's crypto module for library code (crypto.js plus RSA createSign/createVerify)
    "libraries.js",        # the "libraries" command: library globals (`_`, `moment`, ...) for functions naming them
    "library_globals.js",  # those globals and the library files, compiled for functions that name a library
    "module.js",           # CommonJS loader for library code, compiled when a library is first used
    "unsupported.js",      # AWS, stripe, ...: globals for libraries that need a real Node.js, failing with a sentence
    "segment.js",          # Segment.* message builders
    "request.js",          # the source request object handed to onRequest
    "entry.js",            # handler discovery and the invoke/settle/poll protocol
)

@dataclass(frozen=True)
class Lazy:
    """A polyfill file compiled only when first touched: what it defines.

    The bundle installs accessors for these names, the host hands the slot the
    file's source (:func:`lazy_sources`), and reading one of the names compiles and runs the file (``internals.lazyFile``
    in bootstrap.js), so a function that never uses ``crypto`` never pays for it.
    A test checks these lists against what each file assigns.
    """

    #: Globals the file defines with ``internals.defineGlobal``.
    globals: tuple[str, ...] = ()
    #: ``internals.<name>`` the file assigns at its top level.
    provides: tuple[str, ...] = ()


#: Files loaded lazily, and what they define. Every other file runs eagerly.
LAZY: dict[str, Lazy] = {
    "util.js": Lazy(provides=("emitWarning", "format", "formatWithOptions", "getStringWidth", "inspect",
                              "invalidArgType", "isError", "kindOf", "stripVTControlCharacters", "types", "util")),
    "domexception.js": Lazy(globals=("DOMException",), provides=("DOMException",)),
    "event.js": Lazy(globals=("Event", "EventTarget"), provides=("Event", "EventTarget")),
    "abort.js": Lazy(globals=("AbortController", "AbortSignal"),
                     provides=("AbortController", "AbortSignal", "isAbortSignal")),
    "encoding.js": Lazy(globals=("TextDecoder", "TextEncoder"),
                        provides=("TextDecoder", "TextEncoder", "base64ByteLength", "base64Decode", "base64DecodeInto",
                                  "base64Encode", "base64ToLatin1", "concatBytes", "hexDecodeInto", "hexEncode", "latin1Decode",
                                  "latin1Encode", "latin1ToBase64", "nodeErrors", "utf8ByteLength", "utf8Decode",
                                  "utf8Encode", "utf8Write")),
    "buffer.js": Lazy(globals=("Buffer",), provides=("Buffer", "FastBuffer", "buffer", "isUint8Array")),
    "blob.js": Lazy(globals=("Blob",), provides=("Blob", "blobBytes")),
    "base64.js": Lazy(globals=("atob", "btoa"), provides=("atob", "btoa")),
    "crypto.js": Lazy(globals=("crypto",), provides=("CryptoKey", "crypto")),
    "url.js": Lazy(globals=("URL", "URLSearchParams"), provides=("URL", "URLSearchParams", "url")),
    "fetch.js": Lazy(globals=("Request", "Response", "fetch"), provides=("FetchError", "Request", "Response", "fetch")),
    "structured_clone.js": Lazy(globals=("structuredClone",), provides=("structuredClone",)),
    "formdata.js": Lazy(globals=("FormData",), provides=("FormData", "formDataBody")),
    "node_events.js": Lazy(provides=("node_events",)),
    "node_stream.js": Lazy(provides=("node_stream",)),
    "node_string_decoder.js": Lazy(provides=("node_string_decoder",)),
    "node_querystring.js": Lazy(provides=("node_querystring",)),
    "node_assert.js": Lazy(provides=("node_assert",)),
    "node_zlib.js": Lazy(provides=("node_zlib",)),
    "node_timers.js": Lazy(provides=("node_timers",)),
    "node_url.js": Lazy(provides=("node_url",)),
    "node_crypto.js": Lazy(provides=("node_crypto",)),
    "library_globals.js": Lazy(provides=("installLibraries", "libraryFiles")),
    "module.js": Lazy(provides=("require",)),
    "unsupported.js": Lazy(globals=("AWS", "OAuth", "google", "hubspotlib", "https", "jsforce", "mailchimplib",
                                    "nodemailjet", "sendgrid", "skyflowlib", "stripe", "twilio", "winstonlib")),
}

#: The smallest line offset of runtime code; user files longer than this push it up.
MIN_LINE_BASE = 100_000


def polyfills_dir() -> Path:
    """Where the polyfill files are: inside the installed package, or the checkout's top level."""
    here = Path(__file__).resolve().parent
    packaged = here / "polyfills"
    if (packaged / "bootstrap.js").is_file():
        return packaged
    checkout = here.parent / "polyfills"
    if (checkout / "bootstrap.js").is_file():
        return checkout
    raise FileNotFoundError(f"jshost's polyfills were found neither in {packaged} nor in {checkout}")


@functools.lru_cache(maxsize=None)
def read_polyfill(name: str) -> str:
    """The text of one polyfill file."""
    return (polyfills_dir() / name).read_text(encoding="utf-8")


def line_base_for(source: str) -> int:
    """The runtime's line offset for a user file: a power of ten above its line count."""
    lines = source.count("\n") + 1
    return max(MIN_LINE_BASE, 10 ** len(str(lines)))


def lazy_sources() -> list[tuple[str, str]]:
    """The lazy files' sources, handed to each slot as plain strings after the bundle ran.

    Passing them as call arguments costs a fraction of a millisecond; embedding them
    as string literals in the bundle cost QuickJS about 10 ms to parse per slot."""
    return [(name, read_polyfill(name)) for name in LOAD_ORDER if name in LAZY]


@functools.lru_cache(maxsize=8)
def runtime_bundle(line_base: int = MIN_LINE_BASE) -> str:
    """The whole runtime as one script, whose completion value is the host function."""
    parts: list[str] = []
    files: list[tuple[int, str]] = []
    # The first line of the bundle proper is line `line_base` (1-based).
    line = line_base
    head = ('(function () {\n"use strict";\n'
            f"const internals = {{ lineBase: {line_base}, files: [] }};\n")
    parts.append(head)
    line += head.count("\n")
    for name in LOAD_ORDER:
        lazy = LAZY.get(name)
        if lazy is not None:
            chunk = (f"internals.lazyFile({json.dumps(name)}, {json.dumps(list(lazy.globals))}, "
                     f"{json.dumps(list(lazy.provides))});\n")
            parts.append(chunk)
            line += chunk.count("\n")
            continue
        opener = "(function (internals) {\n"
        files.append((line + 1, name))
        body = read_polyfill(name)
        if not body.endswith("\n"):
            body += "\n"
        chunk = opener + body + "})(internals);\n"
        parts.append(chunk)
        line += chunk.count("\n")
    files_js = ",".join(f"[{start},{name!r}]" for start, name in files)
    parts.append(f"internals.files.push({files_js});\nreturn internals.host;\n}})()\n")
    return "\n" * (line_base - 1) + "".join(parts)
