"""Helpers for differential tests: run a corpus in Node, compare jshost's answers inside the slot.

The whole result list of a big corpus is large, so the comparison runs in JS and only the
differences cross back to Python.
"""

from __future__ import annotations

import json
import subprocess
from typing import Any

from conftest import NODE

# fn(inputs) -> results (whole list), or, with perItem, inputs.map(fn); compared with expected.
_COMPARE = r"""
(function (fn, inputs, expected, perItem) {
  const actual = perItem ? inputs.map((x) => fn(x)) : fn(inputs);
  const diffs = [];
  let count = 0;
  for (let i = 0; i < inputs.length; i++) {
    const got = JSON.stringify(actual[i]);
    if (got !== JSON.stringify(expected[i])) {
      count++;
      const label = typeof inputs[i] === "string" ? inputs[i] : JSON.stringify(inputs[i]);
      if (diffs.length < 10) diffs.push([label.slice(0, 200), JSON.stringify(expected[i]).slice(0, 200), String(got).slice(0, 200)]);
    }
  }
  return { compared: actual.length, count, diffs };
})
"""


def compare_in_js(js: Any, fn: str, inputs: list[Any], expected: list[Any], *, per_item: bool = False,
                  source: str = "node") -> None:
    """Assert that the JS function ``fn`` gives ``expected`` for ``inputs`` in jshost."""
    result = js(f"({_COMPARE})({fn}, {json.dumps(inputs)}, {json.dumps(expected)}, {json.dumps(per_item)})")
    assert result["compared"] == len(inputs)
    report = "\n".join(f"{case}\n  {source}: {want}\n  jshost: {got}" for case, want, got in result["diffs"])
    assert result["count"] == 0, f"{result['count']} of {len(inputs)} cases differ from {source}:\n{report}"


def run_node(harness: str, cases: list[Any]) -> list[Any]:
    """``harness(cases)`` evaluated by Node (the cases go through stdin)."""
    assert NODE is not None
    script = "const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n" \
             f"process.stdout.write(JSON.stringify(({harness})(cases)));"
    out = subprocess.run([NODE, "-e", script], input=json.dumps(cases), capture_output=True, text=True, check=True)
    return json.loads(out.stdout)
