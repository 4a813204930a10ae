"""The four Segment error classes (RUNTIME-FACTS "Error classes")."""

from __future__ import annotations

import pytest

CLASSES = ["ValidationError", "InvalidEventPayload", "EventNotSupported", "RetryError"]


@pytest.mark.parametrize("name", CLASSES)
def test_error_class_shape(js, name: str) -> None:
    out = js(f"""const e = new {name}('boom');
                 [e.name, e.message, e instanceof Error, e instanceof {name}, String(e),
                  e.stack.split('\\n')[0]]""")
    assert out == [name, "boom", True, True, f"{name}: boom", f"{name}: boom"]


def test_errors_are_plain_globals(js) -> None:
    assert js("[" + ",".join(f"typeof {n}" for n in CLASSES) + "]") == ["function"] * 4
    # user code may shadow them, as any global
    assert js("var RetryError = 5; RetryError") == 5
