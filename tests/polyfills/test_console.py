"""console.*: the same script runs in Node 20 and in jshost; Node's stdout and
stderr must equal the jshost entries of the stdout levels (log, info, debug) and
of the stderr levels (warn, error), one entry per call, joined with newlines.

Normalised on both sides: stack frame lines (engine-specific) and console.time
durations (they measure real time).
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import NODE

# The script is async: part of its output is written after timer turns.
SCRIPT = r"""
const pause = () => new Promise((resolve) => setTimeout(resolve, 2));
class Point { constructor(x, y) { this.x = x; this.y = y; } }
const big = { id: 'evt_1', user: { name: 'Ada', tags: ['a', 'b'], address: { city: 'London', zip: 'N1' } },
  items: Array.from({ length: 30 }, (_, i) => i * 11), note: 'x'.repeat(70) };
(async () => {
  console.log('hello', 'world', 42, { a: 1 });
  console.log('%s has %d items costing %f', 'cart', 3, 9.5);
  console.info('info %o', [1, { b: 'c' }]);
  console.debug('debug', null, undefined, Symbol('s'));
  console.warn('warn', new Point(1, 2));
  console.error('error %j', { json: true });
  console.log(big);
  console.log();
  console.log('');
  console.log('multi\nline\ntext');
  console.dir({ a: { b: { c: { d: 1 } } } });
  console.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
  console.dir({ [Symbol.for('nodejs.util.inspect.custom')]() { return 'custom'; }, plain: 1 });
  console.dir('a string', { colors: false });
  console.dirxml({ x: 1 }, [2]);
  await pause();
  console.assert(true, 'never shown');
  console.assert(false);
  console.assert(false, 'with message');
  console.assert(false, 'formatted %s and %d', 'text', 7);
  console.assert(false, { obj: 1 });
  console.assert(0, 'extra', 'args', 3);
  console.count();
  console.count();
  console.count('apples');
  console.count('apples');
  console.count(undefined);
  console.countReset('apples');
  console.count('apples');
  console.countReset();
  console.count();
  await pause();
  console.group('Group A');
  console.log('inside A');
  console.log({ nested: { object: [1, 2, 3] }, text: 'two\nlines' });
  console.group();
  console.warn('deeper warn');
  console.error(new Error('grouped error').message);
  console.info(big);
  console.groupEnd();
  console.log('back in A');
  console.groupCollapsed('Collapsed %s', 'B');
  console.log('inside B');
  console.groupEnd();
  console.groupEnd();
  console.groupEnd();
  console.log('outside');
  await pause();
  console.table([{ a: 1, b: 'two' }, { a: 3, c: true }]);
  console.table([1, 'two', { three: 3 }]);
  console.table({ r1: { c1: 1, c2: 2 }, r2: { c2: 'x', c3: [1, 2, 3, 4] } });
  console.table([{ a: 1, b: 2 }, { a: 3, b: 4 }], ['a']);
  console.table(new Map([['k1', { v: 1 }], ['k2', 'str']]));
  console.table(new Set(['s1', 's2']));
  console.table([[1, 2], [3, 4, 5]]);
  console.table([{ name: 'wide \u4e2d\u6587', n: 1 }, { name: 'plain', n: 22 }]);
  console.table([{ deep: { a: 1, b: 2, c: 3 } }, { deep: { a: 1 } }]);
  console.table('not tabular');
  console.table(42);
  console.table([]);
  console.table({});
  await pause();
  console.group('table in group');
  console.table([{ x: 1 }]);
  console.groupEnd();
  console.trace();
  console.trace('trace %s', 'message', { with: 'object' });
  console.group('trace in group');
  console.trace('indented');
  console.groupEnd();
  console.time();
  console.timeEnd();
  console.time('label');
  console.timeLog('label', 'extra', { data: 1 });
  console.timeEnd('label');
  const log = console.log;
  log('detached method still works');
  console.log(String(console.log.name), String(console.error.name));
})()
"""

FRAME = re.compile(r"^\s*at .*$")
DURATION = re.compile(r"(\d+(?:\.\d+)?(?:ms|s)|\d+:\d\d(?::\d\d)?\.\d{3} \((?:h:m)?m:ss\.mmm\))")


def normalise(text: str) -> str:
    lines = [line for line in text.split("\n") if not FRAME.match(line)]
    return "\n".join(DURATION.sub("<time>", line) for line in lines)


def node_streams() -> tuple[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "console.js"
        script.write_text(SCRIPT, encoding="utf-8")
        done = subprocess.run([NODE, str(script)], capture_output=True, text=True, timeout=60, check=True)
    return done.stdout, done.stderr


@pytest.mark.skipif(NODE is None, reason="node not on PATH")
def test_console_streams_match_node(js) -> None:
    node_out, node_err = node_streams()
    js(SCRIPT)
    logs = js.logs
    assert {entry["level"] for entry in logs} <= {"log", "info", "debug", "warn", "error"}
    out = "".join(e["message"] + "\n" for e in logs if e["level"] in ("log", "info", "debug"))
    err = "".join(e["message"] + "\n" for e in logs if e["level"] in ("warn", "error"))
    out_lines, node_out_lines = normalise(out).split("\n"), normalise(node_out).split("\n")
    err_lines, node_err_lines = normalise(err).split("\n"), normalise(node_err).split("\n")
    diffs = [f"stdout {i}: node {a!r} jshost {b!r}" for i, (a, b) in enumerate(zip(node_out_lines, out_lines)) if a != b]
    diffs += [f"stderr {i}: node {a!r} jshost {b!r}" for i, (a, b) in enumerate(zip(node_err_lines, err_lines)) if a != b]
    total = len(node_out_lines) + len(node_err_lines)
    print(f"console differential: {total - len(diffs)}/{total} lines match Node")
    assert not diffs, "\n".join(diffs)
    assert len(out_lines) == len(node_out_lines) and len(err_lines) == len(node_err_lines)


def test_levels_and_one_entry_per_call(js) -> None:
    js("""
    console.log('a'); console.info('b'); console.debug('c'); console.warn('d'); console.error('e');
    console.dir({ f: 1 }); console.dirxml('g'); console.table([{ h: 1 }]); console.trace('i');
    console.assert(false, 'j'); console.count('k'); console.group('l'); console.log('m\\nn'); console.groupEnd();
    console.time('o'); console.timeEnd('o');
    """)
    levels = [(e["level"], e["message"].split("\n")[0]) for e in js.logs]
    assert levels[:12] == [
        ("log", "a"), ("info", "b"), ("debug", "c"), ("warn", "d"), ("error", "e"),
        ("log", "{ f: 1 }"), ("log", "g"), ("log", "┌─────────┬───┐"), ("error", "Trace: i"),
        ("error", "Assertion failed: j"), ("log", "k: 1"), ("log", "l"),
    ]
    assert js.logs[12] == {"level": "log", "message": "  m\n  n"}
    assert js.logs[13]["level"] == "log" and re.fullmatch(r"o: \d+(\.\d+)?ms", js.logs[13]["message"])
    assert len(js.logs) == 14


def test_trace_shows_user_frames(js) -> None:
    js("function outer() { inner(); }\nfunction inner() { console.trace('here'); }\nouter();")
    lines = js.logs[0]["message"].split("\n")
    assert lines[0] == "Trace: here"
    assert lines[1].startswith("    at inner (test.js:2:")
    assert lines[2].startswith("    at outer (test.js:1:")


def test_process_warnings_for_unknown_labels(js) -> None:
    # Node reports these through process.emitWarning on stderr, "(node:<pid>) Warning: ...".
    js("console.countReset('nope'); console.timeEnd('missing'); console.timeLog('missing'); "
       "console.time('dup'); console.time('dup');")
    assert [e["level"] for e in js.logs] == ["warn"] * 4
    texts = [re.sub(r"^\(node:\d+\) ", "", e["message"]) for e in js.logs]
    assert texts == [
        "Warning: Count for 'nope' does not exist",
        "Warning: No such label 'missing' for console.timeEnd()",
        "Warning: No such label 'missing' for console.timeLog()",
        "Warning: Label 'dup' already exists for console.time()",
    ]


def test_console_global_shape(js) -> None:
    result = js("""[
      typeof util, Object.getOwnPropertyDescriptor(globalThis, 'console').enumerable,
      Object.prototype.toString.call(console), typeof console.log, console.log.name
    ]""")
    assert result == ["undefined", False, "[object console]", "function", "log"]
