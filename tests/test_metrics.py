"""Prometheus text output (jshost.metrics)."""

from __future__ import annotations

from jshost.metrics import Metrics


def test_counters_histogram_and_gauges() -> None:
    m = Metrics()
    m.observe("a", "source", "ok", None, 0.003)
    m.observe("a", "source", "error", "Bad Request", 0.2)
    m.delivered("tracking", "ok", 3)
    text = m.render({"outbox": 4, "retries": 2, "batches": 1, "stored": 7})
    lines = text.splitlines()
    assert 'jshost_invocations_total{instance="a",kind="source",outcome="ok"} 1' in lines
    assert 'jshost_errors_total{instance="a",type="Bad Request"} 1' in lines
    assert 'jshost_invocation_duration_seconds_bucket{instance="a",le="0.005"} 1' in lines
    assert 'jshost_invocation_duration_seconds_bucket{instance="a",le="0.25"} 2' in lines
    assert 'jshost_invocation_duration_seconds_bucket{instance="a",le="+Inf"} 2' in lines
    assert 'jshost_invocation_duration_seconds_count{instance="a"} 2' in lines
    assert 'jshost_deliveries_total{target="tracking",outcome="ok"} 3' in lines
    assert "jshost_outbox_depth 4" in lines and "jshost_retry_queue_depth 2" in lines
    # every sample line belongs to a declared metric family
    families = {line.split()[2] for line in lines if line.startswith("# TYPE")}
    for line in lines:
        if not line.startswith("#"):
            name = line.split("{")[0].split(" ")[0]
            assert any(name == f or name.startswith(f + "_") for f in families), name
