"""Shared fixtures: a runtime to evaluate JavaScript in, and paths to the shared data."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from jshost.config import Limits
from jshost.engine import Slot
from jshost.libraries import LibraryPlan

ROOT = Path(__file__).resolve().parent.parent
#: The data shared by the project's sessions (spec, vectors, webhook examples).
SHARED = Path(os.environ.get("JSHOST_SHARED", ROOT.parent / "shared"))
NODE = shutil.which("node")


class JSError(Exception):
    """A JS exception raised by :class:`JS`: ``name`` and ``message`` of the JS error."""

    def __init__(self, name: str, message: str, stack: str = "") -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message
        self.stack = stack


class JS:
    """Evaluates scripts in one jshost slot (the full runtime, no host ops).

    ``js("expr")`` returns the script's completion value (awaited when it is a
    promise) decoded from JSON; a thrown error raises :class:`JSError`. Timers run
    in real time. ``js.logs`` holds the console lines of the last call.
    """

    def __init__(self, limits: Limits | None = None, libraries: LibraryPlan | None = None) -> None:
        self.slot = Slot(source="function onRequest() {}", filename="test.js", limits=limits or Limits(),
                         libraries=libraries)
        self.slot.start_blocking()
        self.logs: list[dict[str, str]] = []

    def __call__(self, code: str) -> Any:
        deadline = time.monotonic() + self.slot.limits.timeout
        text = json.dumps({"mode": "eval", "input": code, "settings": {}, "entropy": os.urandom(32).hex()})
        state = self.slot.turn_sync("invoke", text, deadline)
        self.logs = list(state.logs)
        while state.done is None:
            if state.timer is None:
                raise AssertionError("the script's promise never settles")
            time.sleep(state.timer / 1000.0)
            state = self.slot.turn_sync("settle", "[]", deadline)
            self.logs.extend(state.logs)
        if not state.done["ok"]:
            err = state.done["error"]
            raise JSError(err["name"], err["message"], err.get("stack", ""))
        return state.done["value"]

    def close(self) -> None:
        self.slot.close()


@pytest.fixture(scope="module")
def js() -> Any:
    runtime = JS()
    yield runtime
    runtime.close()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared data not found at {SHARED} (set JSHOST_SHARED)")
    return SHARED
