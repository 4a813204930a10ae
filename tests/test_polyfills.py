"""The polyfill bundle: every file is listed once, and the bundle loads."""

from __future__ import annotations

from jshost import polyfills


def test_every_polyfill_file_is_listed_exactly_once() -> None:
    on_disk = sorted(p.name for p in polyfills.polyfills_dir().glob("*.js"))
    assert sorted(polyfills.LOAD_ORDER) == on_disk
    assert len(set(polyfills.LOAD_ORDER)) == len(polyfills.LOAD_ORDER)


def test_bootstrap_first_and_entry_last() -> None:
    assert polyfills.LOAD_ORDER[0] == "bootstrap.js"
    assert polyfills.LOAD_ORDER[-1] == "entry.js"


def test_line_base_is_past_the_user_file() -> None:
    assert polyfills.line_base_for("x") == polyfills.MIN_LINE_BASE
    long_source = "\n" * 250_000
    assert polyfills.line_base_for(long_source) > 250_001


def test_bundle_places_runtime_at_line_base() -> None:
    bundle = polyfills.runtime_bundle(polyfills.MIN_LINE_BASE)
    first_code_line = bundle.index("(function")
    assert bundle[:first_code_line].count("\n") == polyfills.MIN_LINE_BASE - 1


def test_runtime_frames_are_hidden_and_user_frames_named(js) -> None:
    stack = js("function inner() { return new Error('e').stack } inner()")
    lines = stack.split("\n")
    assert lines[0] == "Error: e"
    assert lines[1].startswith("    at inner (test.js:1:")
    assert all("<input>" not in line for line in lines)


def test_error_subclass_constructor_frames_are_hidden(js) -> None:
    # V8 starts a trace where `new X()` was called, not inside X's constructor.
    stack = js("""class A extends Error { constructor(m) { super(m); this.name = 'A' } }
                  class B extends A {}
                  function make() { return new B('x') }
                  make().stack""")
    lines = stack.split("\n")
    assert lines[1].startswith("    at make (test.js:3:")


def test_lazy_declarations_match_what_each_file_defines() -> None:
    import re

    for name, lazy in polyfills.LAZY.items():
        assert name in polyfills.LOAD_ORDER, name
        source = polyfills.read_polyfill(name)
        assigned = set(re.findall(r"^internals\.([A-Za-z0-9_]+)\s*=(?!=)", source, re.M))
        defined = set(re.findall(r'internals\.defineGlobal\("([A-Za-z0-9_]+)"', source))
        assert set(lazy.provides) == assigned, name
        assert set(lazy.globals) == defined, name


def test_lazy_files_load_on_first_use_and_keep_user_values(js) -> None:
    out = js("""const before = Object.getOwnPropertyDescriptor(globalThis, 'crypto').get !== undefined;
                const hash = crypto.createHash('md5').update('a').digest('hex');
                const after = Object.getOwnPropertyDescriptor(globalThis, 'crypto').get === undefined;
                [before, hash, after]""")
    assert out == [True, "0cc175b9c0f1b6a831c399e269772661", True]
    # a global the user replaced before the file loaded stays replaced
    assert js("structuredClone = 'mine'; [fetch.name, typeof structuredClone]") == ["fetch", "string"]


def test_lazy_runtime_frames_stay_hidden(js) -> None:
    stack = js("try { Buffer.alloc(-1) } catch (e) { e.stack }")
    assert "<input>" not in stack and all("test.js" in l for l in stack.split("\n")[1:])
