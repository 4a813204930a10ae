"""Timers driven by the host loop (setTimeout/setInterval/clear*/queueMicrotask)."""

from __future__ import annotations

import pytest

from conftest import JSError


def test_timeouts_fire_in_due_order_with_microtasks_between(js) -> None:
    out = js("""(async () => {
      const seen = [];
      setTimeout(() => { seen.push('t20') }, 20);
      setTimeout(() => { seen.push('t5a'); Promise.resolve().then(() => seen.push('micro')) }, 5);
      setTimeout(() => { seen.push('t5b') }, 5);
      await new Promise(r => setTimeout(r, 40));
      return seen;
    })()""")
    assert out == ["t5a", "micro", "t5b", "t20"]


def test_clear_timeout_and_interval(js) -> None:
    out = js("""(async () => {
      let n = 0, m = 0;
      const t = setTimeout(() => { n++ }, 1); clearTimeout(t);
      const i = setInterval(() => { if (++m === 3) clearInterval(i) }, 2);
      await new Promise(r => setTimeout(r, 40));
      return [n, m];
    })()""")
    assert out == [0, 3]


def test_timer_arguments_and_shape(js) -> None:
    out = js("""(async () => {
      const t = setTimeout(() => {}, 1); clearTimeout(t);
      const got = await new Promise(r => setTimeout((a, b) => r([a, b]), 1, 'x', 2));
      return [typeof t, typeof t.ref, t.hasRef(), typeof +t, got];
    })()""")
    assert out == ["object", "function", True, "number", ["x", 2]]


def test_clear_by_numeric_id(js) -> None:
    assert js("""(async () => { let n = 0; const t = setTimeout(() => n++, 1); clearTimeout(+t);
                 await new Promise(r => setTimeout(r, 10)); return n })()""") == 0


def test_non_function_callback_is_a_type_error(js) -> None:
    with pytest.raises(JSError) as info:
        js("setTimeout('code', 1)")
    assert info.value.name == "TypeError"


def test_queue_microtask_runs_before_timers(js) -> None:
    out = js("""(async () => { const s = []; setTimeout(() => s.push('t'), 0); queueMicrotask(() => s.push('m'));
                 await new Promise(r => setTimeout(r, 5)); return s })()""")
    assert out == ["m", "t"]


def test_uncaught_exception_in_timer_fails_the_invocation(js) -> None:
    with pytest.raises(JSError) as info:
        js("new Promise(r => { setTimeout(() => { throw new RangeError('in timer') }, 1); setTimeout(r, 20) })")
    assert (info.value.name, info.value.message) == ("RangeError", "in timer")
