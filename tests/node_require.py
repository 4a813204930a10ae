"""Helpers for the tests of Node's built-in modules (tests/polyfills/test_node_*.py).

Library code is the only code with ``require`` in jshost, so the tests hand a slot a tiny
package whose export is its own ``require``, and evaluate snippets with it. The same snippets
run under Node, and the answers must be equal.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from typing import Any

from conftest import JS, NODE
from jshost.libraries import LibraryPlan, plan_for

PROBE = {"/node_modules/probe/package.json": json.dumps({"name": "probe"}),
         "/node_modules/probe/index.js": "module.exports = require"}


class RequireSlot(JS):
    """A slot whose global ``probeRequire`` is library code's ``require``.

    ``run(code)`` evaluates ``code`` (an expression over ``require``, awaited) and returns its
    JSON value; ``with_pako`` also hands over the files of the installed pako (zlib); ``plan``
    replaces the probe's plan (it must still define ``probeRequire``)."""

    def __init__(self, with_pako: bool = False, plan: LibraryPlan | None = None) -> None:
        if plan is None:
            modules = tuple(PROBE.items())
            if with_pako:
                modules += plan_for("zlib.zlib").modules
            plan = LibraryPlan(modules=modules, globals={"probeRequire": {"require": "probe"}})
        super().__init__(libraries=plan)

    def run(self, code: str) -> Any:
        return self(f"(async (require) => await ({code}))(probeRequire)")


def slot_fixture(with_pako: bool = False) -> Iterator[RequireSlot]:
    slot = RequireSlot(with_pako)
    yield slot
    slot.close()


# Evaluates each snippet (an expression over `require`, awaited) and prints the JSON list.
_NODE_SCRIPT = """
(async () => {
  const out = [];
  for (const code of JSON.parse(require('fs').readFileSync(0, 'utf8'))) {
    out.push(await eval(`(async (require) => await (${code}))`)(require));
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
"""


def node_results(snippets: list[str], env: dict[str, str] | None = None) -> list[Any]:
    """What Node answers for each snippet."""
    assert NODE is not None
    proc = subprocess.run([NODE, "-e", _NODE_SCRIPT], input=json.dumps(snippets), capture_output=True, text=True,
                          timeout=60, env=env)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def assert_same_as_node(slot: RequireSlot, snippets: list[str]) -> None:
    """Every snippet gives jshost the answer it gives Node."""
    theirs = node_results(snippets)
    # One round trip for the whole list: snippets run in order, each awaited.
    ours = slot.run("(async () => { const out = []; for (const f of [" +
                    ", ".join(f"async () => ({s})" for s in snippets) + "]) out.push(await f()); return out })()")
    diffs = [f"{s}\n  node:   {json.dumps(n)}\n  jshost: {json.dumps(o)}"
             for s, n, o in zip(snippets, theirs, ours) if n != o]
    assert not diffs, f"{len(diffs)} of {len(snippets)} differ from Node:\n" + "\n".join(diffs)
