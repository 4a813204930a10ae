"""atob / btoa: Segment's npm versions (atob 2.1.2, btoa 1.2.1), per RUNTIME-FACTS.

- Well-formed base64 (both alphabets, padded or not) and latin1 text are checked
  against Python's `base64` module on many random inputs.
- Junk (whitespace, characters outside both alphabets, "=" in the middle, code
  units above 0xFF) and non-string arguments are checked against Node, where the
  two packages are `Buffer.from(s, 'base64').toString('binary')` and
  `(s instanceof Buffer ? s : Buffer.from(s.toString(), 'binary')).toString('base64')`.
"""

from __future__ import annotations

import base64
import json
import random
import subprocess

import pytest

import differential
from conftest import NODE

def compare_values(js, fn: str, inputs: list, expected: list) -> None:
    differential.compare_in_js(js, fn, inputs, expected, per_item=True, source="expected")


def random_bytes(rnd: random.Random) -> bytes:
    return bytes(rnd.randrange(256) for _ in range(rnd.choice([0, 1, 2, 3, 4, 5, 17, 64, 300, 2000])))


def test_atob_of_valid_base64_matches_python(js) -> None:
    rnd = random.Random(3)
    inputs, expected = [], []
    for i in range(800):
        data = random_bytes(rnd)
        text = (base64.urlsafe_b64encode(data) if i % 3 == 0 else base64.b64encode(data)).decode()
        if i % 2:
            text = text.rstrip("=")
        inputs.append(text)
        expected.append(data.decode("latin1"))
    compare_values(js, "atob", inputs, expected)


def test_btoa_of_latin1_matches_python(js) -> None:
    rnd = random.Random(4)
    inputs, expected = [], []
    for _ in range(800):
        data = random_bytes(rnd)
        inputs.append(data.decode("latin1"))
        expected.append(base64.b64encode(data).decode())
    compare_values(js, "btoa", inputs, expected)


def test_btoa_keeps_the_low_byte_of_each_code_unit(js) -> None:
    rnd = random.Random(5)
    inputs, expected = [], []
    for _ in range(300):
        units = [rnd.choice([rnd.randrange(0x100), rnd.randrange(0x100, 0x10000)])
                 for _ in range(rnd.choice([1, 2, 3, 10, 100]))]
        units = [u for u in units if not 0xD800 <= u <= 0xDFFF] or [0x41]
        inputs.append("".join(map(chr, units)))
        expected.append(base64.b64encode(bytes(u & 0xFF for u in units)).decode())
    compare_values(js, "btoa", inputs, expected)
    assert js("btoa('€')") == "rA=="  # RUNTIME-FACTS


def junk_strings(rnd: random.Random) -> list[str]:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_"
    junk = " \t\r\n\f\v=.!*%$\x00\x7f\x80\xff\u0100\u0141\u013d\u2028\ufeff"
    out = ["", "=", "==", "a", "ab", "abc", "abcd", "ab=cd", "ab==cd==", "YQ", "YQ=", "YQ==", "YWI", "YWI=",
           "YW Jj", "Y\nW\tJ\rj", "-_-_", "+/+/", "YQ==YQ==", "====YQ", "Y=Q", "YR==", "YWJjZA=", "YWJjZA===",
           "\u0141\u0141\u0141\u0141", "YWJj\u013dYWJj", "Zm9v YmFy", "..YWJj..", "YWJj\x00ZGVm"]
    for _ in range(700):
        n = rnd.choice([1, 2, 3, 4, 5, 8, 13, 40, 120])
        out.append("".join(rnd.choice(alphabet) if rnd.random() < 0.8 else rnd.choice(junk) for _ in range(n)))
    return out


NODE_PACKAGES = r"""
const atob = (str) => Buffer.from(str, 'base64').toString('binary');
const btoa = (str) => (str instanceof Buffer ? str : Buffer.from(str.toString(), 'binary')).toString('base64');
"""


def run_node(script: str, inputs: list) -> list:
    program = NODE_PACKAGES + "const inputs = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n" + \
        f"process.stdout.write(JSON.stringify(inputs.map({script})));"
    out = subprocess.run([NODE, "-e", program], input=json.dumps(inputs), capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.mark.skipif(NODE is None, reason="node not on PATH")
def test_atob_of_junk_matches_node(js) -> None:
    inputs = junk_strings(random.Random(6))
    expected = run_node("atob", inputs)
    compare_values(js, "atob", inputs, expected)
    # and btoa(atob(x)) of the same junk: the canonical form Node gives
    expected = run_node("(s) => btoa(atob(s))", inputs)
    compare_values(js, "(s) => btoa(atob(s))", inputs, expected)


# Non-string arguments; a leading "~" marks an engine TypeError whose wording differs.
ARGUMENT_CASES = [
    "atob(123)", "atob(null)", "atob(undefined)", "atob([65, 66])", "atob({length: 2, 0: 120, 1: 121})",
    "atob(Buffer.from('YWJj'))", "atob(new String('YWJj'))", "atob({toString() { return 'YWJj'; }})",
    "atob(new Uint8Array([0x61, 0x62]).buffer)", "atob(true)", "atob(Symbol.iterator)",
    "btoa(123)", "btoa(true)", "btoa([1, 2])", "btoa({})", "btoa({toString() { return 'hi'; }})",
    "btoa({toString() { return 5; }})", "btoa(Buffer.from('\u00e9\u20ac'))", "btoa(new Uint8Array([1, 2]))",
    "btoa(new String('ab'))", "~btoa(undefined)", "~btoa(null)", "btoa(Symbol('x'))", "btoa(10n)", "btoa(-0)",
    "btoa('')", "atob('')", "[atob.name, atob.length, btoa.name, btoa.length]",
]

ARG_HARNESS = r"""
(function (src) {
  const loose = src[0] === '~';
  try {
    const v = eval(loose ? src.slice(1) : src);
    return ['ok', v];
  } catch (e) {
    return loose ? ['error', e.name] : ['error', e.name, e.code === undefined ? null : e.code, e.message];
  }
})
"""


@pytest.mark.skipif(NODE is None, reason="node not on PATH")
def test_argument_handling_matches_node(js) -> None:
    expected = run_node(ARG_HARNESS, ARGUMENT_CASES)
    compare_values(js, ARG_HARNESS, ARGUMENT_CASES, expected)


def test_globals_shape(js) -> None:
    got = js("['atob', 'btoa'].map((k) => { const d = Object.getOwnPropertyDescriptor(globalThis, k); "
             "return [typeof d.value, d.writable, d.enumerable, d.configurable]; })")
    assert got == [["function", True, False, True]] * 2
    # never throws on a string, unlike the WHATWG atob
    assert js("atob('not base64 at all!!')") == js("Buffer.from('notbase64atall', 'base64').toString('latin1')")
