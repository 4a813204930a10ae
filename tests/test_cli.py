"""``jshost run``: the JSON contract, exit statuses, input errors, readable output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jshost.cli import main

SOURCE = """async function onRequest(request, settings) {
  const body = request.json();
  console.log('user', body.id);
  Segment.identify({ userId: body.id, traits: { plan: settings.plan } });
  if (body.fail) throw new ValidationError('bad user');
}
"""
DEST = """async function onTrack(event, settings) { return { got: event.event, key: settings.apiKey } }
async function onBatch(events) { return events.length }
"""
CONTRACT_KEYS = ["ok", "kind", "events", "objects", "return", "error", "logs", "requests", "duration_ms"]


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "source.js").write_text(SOURCE)
    (tmp_path / "dest.js").write_text(DEST)
    (tmp_path / "payload.json").write_text(json.dumps(
        {"payload": {"body": {"id": "u1"}, "headers": {"Content-Type": "application/json"}}, "settings": {"plan": "pro"}}))
    (tmp_path / "event.json").write_text(json.dumps({"type": "track", "event": "Bought"}))
    (tmp_path / "wrapped.json").write_text(json.dumps({"event": {"type": "track", "event": "W"},
                                                       "settings": {"apiKey": "k1"}}))
    (tmp_path / "batch.json").write_text(json.dumps([{"type": "track"}, {"type": "track"}]))
    (tmp_path / "settings.json").write_text(json.dumps({"apiKey": "from-file", "plan": "free"}))
    return tmp_path


def run_json(capsys, *argv: str) -> tuple[int, dict]:
    code = main(["run", *argv, "--json"])
    out = capsys.readouterr().out
    lines = out.strip().split("\n")
    assert len(lines) == 1, "--json prints exactly one JSON object"
    return code, json.loads(lines[0])


def test_payload_contract(files: Path, capsys) -> None:
    code, out = run_json(capsys, str(files / "source.js"), "--payload", str(files / "payload.json"))
    assert code == 0
    assert list(out) == CONTRACT_KEYS
    assert out["ok"] is True and out["kind"] == "source" and out["error"] is None
    assert out["events"] == [{"type": "identify", "traits": {"plan": "pro"}, "userId": "u1"}]
    assert out["logs"] == [{"level": "log", "message": "user u1"}]
    assert out["return"] is None and out["requests"] == []
    assert isinstance(out["duration_ms"], (int, float))


def test_settings_file_overrides_payload_settings(files: Path, capsys) -> None:
    _, out = run_json(capsys, str(files / "source.js"), "--payload", str(files / "payload.json"),
                      "--settings", str(files / "settings.json"))
    assert out["events"][0]["traits"] == {"plan": "free"}


def test_body_header_query(files: Path, capsys) -> None:
    (files / "raw.txt").write_text('{"id": "raw"}')
    (files / "echo.js").write_text("""async function onRequest(request) {
      Segment.track({event: request.headers.get('x-kind'), userId: request.json().id,
                     properties: {text: request.text(), q: request.url.searchParams.get('a')}}) }""")
    code, out = run_json(capsys, str(files / "echo.js"), "--body", str(files / "raw.txt"),
                         "--header", "X-Kind: raw-body", "--query", "a=1")
    assert code == 0
    assert out["events"][0] == {"type": "track", "event": "raw-body",
                                "properties": {"text": '{"id": "raw"}', "q": "1"}, "userId": "raw"}


def test_function_failure_exits_1_with_no_messages(files: Path, capsys) -> None:
    (files / "fail.json").write_text(json.dumps({"payload": {"body": {"id": "u", "fail": True}, "headers": {}}}))
    code, out = run_json(capsys, str(files / "source.js"), "--payload", str(files / "fail.json"))
    assert code == 1 and out["ok"] is False
    assert out["events"] == [] and out["objects"] == []
    assert out["error"]["name"] == "ValidationError" and out["error"]["type"] == "Message Rejected"
    assert out["error"]["stack"].startswith("ValidationError: bad user\n    at onRequest (")


def test_event_wrapped_event_and_batch(files: Path, capsys) -> None:
    dest = str(files / "dest.js")
    code, out = run_json(capsys, dest, "--event", str(files / "event.json"), "--settings", str(files / "settings.json"))
    assert code == 0 and out["kind"] == "destination"
    assert out["return"] == {"got": "Bought", "key": "from-file"}
    _, out = run_json(capsys, dest, "--event", str(files / "wrapped.json"))
    assert out["return"] == {"got": "W", "key": "k1"}
    _, out = run_json(capsys, dest, "--event", str(files / "batch.json"))
    assert out["return"] == 2


@pytest.mark.parametrize("argv, fragment", [
    (["missing.js"], "missing.js"),
    (["source.js", "--payload", "nope.json"], "nope.json: no such file"),
    (["source.js", "--payload", "broken.json"], "broken.json: invalid JSON"),
    (["source.js", "--settings", "broken.json"], "broken.json: invalid JSON"),
    (["source.js", "--mock-fetch", "broken.json"], "broken.json: invalid JSON"),
    (["source.js", "--mock-fetch", "badrules.json"], 'rule 0: "status"'),
    (["source.js", "--payload", "payload.json", "--body", "payload.json"], "cannot be combined"),
    (["source.js", "--header", "no colon"], "expected 'Name: value'"),
    (["dest.js"], "--event"),
])
def test_bad_input_exits_2_with_one_line(files: Path, capsys, monkeypatch, argv, fragment) -> None:
    (files / "broken.json").write_text("{ not json")
    (files / "badrules.json").write_text(json.dumps([{"status": "two hundred"}]))
    monkeypatch.chdir(files)
    code = main(["run", *argv, "--json"])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    err_lines = captured.err.strip().split("\n")
    assert len(err_lines) == 1 and fragment in err_lines[0]


def test_argparse_errors_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["run"])
    assert info.value.code == 2


def test_syntax_error_is_a_failed_run(files: Path, capsys) -> None:
    (files / "bad.js").write_text("async function onRequest() {\n  let = = 1\n}")
    code, out = run_json(capsys, str(files / "bad.js"))
    assert code == 1 and out["error"]["name"] == "SyntaxError"
    assert "bad.js:2:" in out["error"]["message"]


def test_timeout_flag_bounds_a_loop(files: Path, capsys) -> None:
    (files / "loop.js").write_text("async function onRequest() { for (;;) {} }")
    code, out = run_json(capsys, str(files / "loop.js"), "--timeout", "0.3")
    assert code == 1 and out["error"]["type"] == "Timeout"


def test_readable_output(files: Path, capsys) -> None:
    code = main(["run", str(files / "source.js"), "--payload", str(files / "payload.json")])
    text = capsys.readouterr().out
    assert code == 0
    assert text.startswith("ok: source function source.js")
    assert '"type": "identify"' in text and "[log] user u1" in text


def test_python_dash_m_entry_point(files: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "jshost", "run", str(files / "source.js"), "--payload",
                           str(files / "payload.json"), "--json"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["ok"] is True


def test_run_does_not_import_the_web_stack(files: Path) -> None:
    code = ("import sys, jshost.cli; jshost.cli.main(['run', sys.argv[1], '--json']);"
            "print(sorted(m for m in ('starlette', 'hypercorn', 'httpx') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code, str(files / "source.js")], capture_output=True, text=True,
                          timeout=60)
    assert proc.stdout.strip().split("\n")[-1] == "[]"
