"""Prometheus metrics of one server process, in the text exposition format.

https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format
With several worker processes each reports its own counters (scrape each, or sum);
the queue depths come from the shared store and are the same in every process.
"""

from __future__ import annotations

import bisect
from collections import defaultdict

#: Latency buckets in seconds (Prometheus' defaults, widened to Segment's 5 s limit).
BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _labels(**labels: str) -> str:
    return "{" + ",".join(f'{k}="{_escape(v)}"' for k, v in labels.items()) + "}"


class Metrics:
    def __init__(self) -> None:
        self.invocations: dict[tuple[str, str, str], int] = defaultdict(int)
        self.errors: dict[tuple[str, str], int] = defaultdict(int)
        self.deliveries: dict[tuple[str, str], int] = defaultdict(int)
        self._buckets: dict[str, list[int]] = defaultdict(lambda: [0] * len(BUCKETS))
        self._sum: dict[str, float] = defaultdict(float)
        self._count: dict[str, int] = defaultdict(int)

    def observe(self, instance: str, kind: str, outcome: str, error_type: str | None, seconds: float) -> None:
        self.invocations[(instance, kind, outcome)] += 1
        if error_type:
            self.errors[(instance, error_type)] += 1
        index = bisect.bisect_left(BUCKETS, seconds)
        if index < len(BUCKETS):
            self._buckets[instance][index] += 1
        self._sum[instance] += seconds
        self._count[instance] += 1

    def delivered(self, target: str, outcome: str, count: int = 1) -> None:
        self.deliveries[(target, outcome)] += count

    def render(self, depths: dict[str, int]) -> str:
        out = ["# HELP jshost_invocations_total Function invocations by instance, kind and outcome.",
               "# TYPE jshost_invocations_total counter"]
        for (instance, kind, outcome), n in sorted(self.invocations.items()):
            out.append(f"jshost_invocations_total{_labels(instance=instance, kind=kind, outcome=outcome)} {n}")
        out += ["# HELP jshost_errors_total Function errors by instance and Segment error type.",
                "# TYPE jshost_errors_total counter"]
        for (instance, type_), n in sorted(self.errors.items()):
            out.append(f"jshost_errors_total{_labels(instance=instance, type=type_)} {n}")
        out += ["# HELP jshost_invocation_duration_seconds Invocation latency.",
                "# TYPE jshost_invocation_duration_seconds histogram"]
        for instance in sorted(self._count):
            running = 0
            for bound, n in zip(BUCKETS, self._buckets[instance]):
                running += n
                out.append(f"jshost_invocation_duration_seconds_bucket{_labels(instance=instance, le=repr(bound))} {running}")
            out.append(f"jshost_invocation_duration_seconds_bucket{_labels(instance=instance, le='+Inf')} "
                       f"{self._count[instance]}")
            out.append(f"jshost_invocation_duration_seconds_sum{_labels(instance=instance)} {self._sum[instance]:.6f}")
            out.append(f"jshost_invocation_duration_seconds_count{_labels(instance=instance)} {self._count[instance]}")
        out += ["# HELP jshost_deliveries_total Messages handed to delivery targets, by outcome.",
                "# TYPE jshost_deliveries_total counter"]
        for (target, outcome), n in sorted(self.deliveries.items()):
            out.append(f"jshost_deliveries_total{_labels(target=target, outcome=outcome)} {n}")
        out += ["# HELP jshost_outbox_depth Messages waiting for delivery.", "# TYPE jshost_outbox_depth gauge",
                f"jshost_outbox_depth {depths.get('outbox', 0)}",
                "# HELP jshost_stored_messages Messages kept in the store (no delivery target).",
                "# TYPE jshost_stored_messages gauge", f"jshost_stored_messages {depths.get('stored', 0)}",
                "# HELP jshost_retry_queue_depth Invocations waiting to be retried.",
                "# TYPE jshost_retry_queue_depth gauge", f"jshost_retry_queue_depth {depths.get('retries', 0)}",
                "# HELP jshost_batch_queue_depth Destination events waiting for onBatch.",
                "# TYPE jshost_batch_queue_depth gauge", f"jshost_batch_queue_depth {depths.get('batches', 0)}"]
        return "\n".join(out) + "\n"
