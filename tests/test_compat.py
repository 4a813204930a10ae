"""Differential compatibility: every case of compat_tests/ under jshost and under Node 20.

The Node side (compat_tests/node_harness.js) implements RUNTIME-FACTS on Node's own V8, URL,
Headers, Response, util.format and crypto. For each case the two results must agree on: ok,
kind, events, objects, return value, error name and type, console lines, and the requests made
(method, URL, body, status, and headers compared by lowercase name, leaving out the ones a
client adds on its own: user-agent, accept-encoding, connection, content-length).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import NODE, ROOT, SHARED
from jshost.run import RunConfig, run_once

COMPAT = ROOT / "compat_tests"
CLIENT_HEADERS = {"user-agent", "accept-encoding", "connection", "content-length"}

pytestmark = pytest.mark.skipif(NODE is None, reason="node (Node 20) not on PATH")


def _cases() -> list[dict[str, Any]]:
    manifest = json.loads((COMPAT / "cases.json").read_text())
    cases = []
    for spec in manifest["sources"]:
        folder = SHARED / "webhook-examples" / spec["examples"]
        for example in sorted(folder.glob("*.json")):
            case = {"id": f"{spec['handler'].split('/')[0]}{'+settings' if spec.get('settings') else ''}/{example.name}",
                    "handler": str(COMPAT / spec["handler"]), "payload": str(example), "expect_ok": spec.get("expect_ok")}
            if spec.get("settings"):
                case["settings"] = str(COMPAT / spec["settings"])
            cases.append(case)
    for spec in manifest["destinations"]:
        case = {"id": f"{spec['handler'].split('/')[1]}/{Path(spec['event']).name}",
                "handler": str(COMPAT / spec["handler"]), "event": str(COMPAT / spec["event"]),
                "expect_ok": spec.get("expect_ok")}
        for key in ("settings", "mock_fetch"):
            if spec.get(key):
                case[key] = str(COMPAT / spec[key])
        cases.append(case)
    return cases


CASES = _cases() if (SHARED / "webhook-examples").is_dir() else []


@pytest.fixture(scope="module")
def node_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    spec_file = tmp_path_factory.mktemp("compat") / "cases.json"
    spec_file.write_text(json.dumps([{k: v for k, v in c.items() if k not in ("id", "expect_ok")} for c in CASES]))
    proc = subprocess.run([NODE, str(COMPAT / "node_harness.js"), str(spec_file)], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)
    assert len(results) == len(CASES)
    return {case["id"]: result for case, result in zip(CASES, results)}


def _requests(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for r in records:
        headers = {k.lower(): v for k, v in (r.get("headers") or {}).items() if k.lower() not in CLIENT_HEADERS}
        out.append({"method": r["method"], "url": r["url"], "body": r["body"], "status": r["status"],
                    "headers": headers})
    return out


def _comparable(result: dict[str, Any]) -> dict[str, Any]:
    error = result.get("error")
    return {
        "ok": result["ok"],
        "kind": result["kind"],
        "events": result["events"],
        "objects": result["objects"],
        "return": result.get("return"),
        "error": None if error is None else {"name": error["name"], "type": error["type"]},
        "logs": [(line["level"], line["message"]) for line in result["logs"]],
        "requests": _requests(result["requests"]),
    }


def test_there_are_enough_cases() -> None:
    if not CASES:
        pytest.skip("shared webhook examples not found")
    providers = {c["id"].split("/")[0] for c in CASES if "payload" in c}
    destinations = {c["handler"] for c in CASES if "event" in c}
    assert len(providers) >= 12 and len(destinations) >= 6


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case_matches_node(case: dict[str, Any], node_results: dict[str, dict[str, Any]]) -> None:
    config = RunConfig(handler=case["handler"], payload=case.get("payload"), event=case.get("event"),
                       settings=case.get("settings"), mock_fetch=case.get("mock_fetch"))
    ours = _comparable(run_once(config).to_json())
    theirs = _comparable(node_results[case["id"]])
    assert ours == theirs
    if case["expect_ok"] is not None:
        assert ours["ok"] is case["expect_ok"]


def test_harness_follows_runtime_facts(tmp_path: Path) -> None:
    """The reference must itself be right, or everything could agree on a wrong answer."""
    handler = tmp_path / "h.js"
    handler.write_text("""async function onRequest(request, settings) {
        Segment.track({event: 'e', userId: '', anonymousId: 'a', properties: {}, context: 0});
        return 'ignored' }""")
    payload = tmp_path / "p.json"
    payload.write_text(json.dumps({"payload": {"body": {}, "headers": {}}}))
    spec = tmp_path / "cases.json"
    spec.write_text(json.dumps([{"handler": str(handler), "payload": str(payload)}]))
    proc = subprocess.run([NODE, str(COMPAT / "node_harness.js"), str(spec)], capture_output=True, text=True,
                          timeout=60, check=True)
    (result,) = json.loads(proc.stdout)
    assert result["ok"] is True and result["return"] is None  # a source's return value is discarded
    # falsy fields dropped, {} kept, keys in Segment's order
    assert result["events"] == [{"type": "track", "event": "e", "properties": {}, "anonymousId": "a"}]
