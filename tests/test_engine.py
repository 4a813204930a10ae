"""Slots (jshost.engine): thread affinity, load failures, turns."""

from __future__ import annotations

import json
import threading
import time

import pytest

from jshost.config import Limits
from jshost.engine import Slot
from jshost.errors import EngineError, FunctionSyntaxError, TopLevelError


def test_inline_slot_refuses_other_threads() -> None:
    slot = Slot(source="function onRequest() {}", filename="h.js", limits=Limits())
    slot.start_blocking()
    assert slot.usable_here()
    seen: list[bool] = []
    thread = threading.Thread(target=lambda: seen.append(slot.usable_here()))
    thread.start()
    thread.join()
    assert seen == [False]
    slot.close()


async def test_inline_slot_used_from_another_thread_raises() -> None:
    slot = Slot(source="function onRequest() {}", filename="h.js", limits=Limits())
    slot.start_blocking()
    errors: list[BaseException] = []

    def other() -> None:
        import asyncio

        try:
            asyncio.run(slot.turn("poll", "", time.monotonic() + 1))
        except EngineError as exc:
            errors.append(exc)

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    assert errors and "thread" in str(errors[0])
    slot.close()


def test_load_failures() -> None:
    with pytest.raises(FunctionSyntaxError) as info:
        Slot(source="function (", filename="bad.js", limits=Limits()).start_blocking()
    assert str(info.value).startswith("bad.js:1:")
    with pytest.raises(TopLevelError) as info:
        Slot(source="throw new RangeError('at load')", filename="t.js", limits=Limits()).start_blocking()
    assert info.value.name == "RangeError" and "at load" in str(info.value)
    with pytest.raises(TopLevelError):
        Slot(source="throw 'text'", filename="t.js", limits=Limits()).start_blocking()


async def test_threaded_slot_turn() -> None:
    slot = Slot(source="async function onRequest() { Segment.track({event: 'e', userId: 'u'}) }", filename="h.js",
                limits=Limits(), threaded=True)
    assert await slot.start() == ["onRequest"]
    text = json.dumps({"mode": "source", "input": {"body": {}, "headers": {}}, "settings": {}, "entropy": ""})
    state = await slot.turn("invoke", text, time.monotonic() + 5)
    assert state.done is not None and state.done["events"][0]["event"] == "e"
    slot.close()
