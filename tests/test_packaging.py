"""The wheel ships the polyfills and runs from a non-editable install."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from jshost import polyfills

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_contains_every_polyfill(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(tmp_path), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    (wheel,) = tmp_path.glob("jshost-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in polyfills.LOAD_ORDER:
        assert f"jshost/polyfills/{name}" in names
    assert "jshost/py.typed" in names and "jshost/libraries.json" in names
    assert any(n.endswith("entry_points.txt") for n in names)


@pytest.mark.slow
def test_installed_wheel_runs_a_function(tmp_path: Path) -> None:
    """Install the wheel into a fresh target directory (no checkout on the path) and run it."""
    wheel_dir = tmp_path / "wheel"
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(wheel_dir), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    (wheel,) = wheel_dir.glob("jshost-*.whl")
    target = tmp_path / "site"
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                           str(wheel)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    handler = tmp_path / "h.js"
    handler.write_text("async function onRequest(r) { Segment.track({event: 'x', userId: 'u'}) }")
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import jshost.polyfills as p, jshost.cli as c;"
            "assert str(p.polyfills_dir()).startswith(sys.argv[1]), p.polyfills_dir();"
            "sys.exit(c.main(['run', sys.argv[2], '--json']))")
    proc = subprocess.run([sys.executable, "-c", code, str(target), str(handler)], capture_output=True, text=True,
                          timeout=60, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert '"event": "x"' in proc.stdout
