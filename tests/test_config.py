"""Limits and schedules (jshost.config)."""

from __future__ import annotations

import pytest

from jshost.config import DESTINATION_RETRIES, SOURCE_RETRIES, BatchConfig, DeliveryConfig, Limits, RetryPolicy
from jshost.errors import ConfigError


def test_segment_defaults() -> None:
    limits = Limits()
    assert limits.timeout == 5.0 and limits.max_requests == 100 and limits.max_response_bytes == 10 * 1024 * 1024
    assert (BatchConfig().size, BatchConfig().wait) == (20, 10.0)


@pytest.mark.parametrize("kwargs", [{"timeout": 0}, {"memory": 1024}, {"pool_size": 0}, {"stack": 10},
                                    {"max_requests": -1}])
def test_bad_limits(kwargs) -> None:
    with pytest.raises(ConfigError):
        Limits(**kwargs)


def test_source_retry_schedule_matches_segment() -> None:
    # up to 6 attempts, the first wait 1-3 minutes, growing, at most 20 minutes apart
    assert SOURCE_RETRIES.attempts == 6
    waits_low = [SOURCE_RETRIES.wait(n, 0.0) for n in range(1, 6)]
    waits_high = [SOURCE_RETRIES.wait(n, 0.999) for n in range(1, 6)]
    assert waits_low[0] == 60 and 179 < waits_high[0] <= 180
    assert waits_low == sorted(waits_low) and max(waits_high) <= 1200


def test_destination_retries_span_about_four_hours() -> None:
    assert DESTINATION_RETRIES.attempts == 10  # the first try and 9 retries
    total = sum(DESTINATION_RETRIES.wait(n, 0.5) for n in range(1, DESTINATION_RETRIES.attempts))
    assert 3 * 3600 <= total <= 5 * 3600


def test_bad_schedules_and_targets() -> None:
    with pytest.raises(ConfigError):
        RetryPolicy(attempts=0)
    with pytest.raises(ConfigError):
        RetryPolicy(first_wait=(10, 5))
    with pytest.raises(ConfigError):
        BatchConfig(size=401)
    with pytest.raises(ConfigError):
        DeliveryConfig(kind="tracking", url="http://x")
