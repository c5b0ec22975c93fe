"""discord.py waits out a 429 inside its HTTP client and says so only in its log: the
metrics count that 429 and the retry after it, as a session card is posted."""

from __future__ import annotations

from prometheus_client import generate_latest

from plcbot.metrics import PrometheusMetrics
from tests.discord.conftest import School


async def test_a_429_discord_answers_is_counted_with_its_retry(
    school: School, metrics: PrometheusMetrics
) -> None:
    fake = school.fake
    route = rf"/channels/{school.channel}/messages"
    fake.rate_limit("POST", route, times=1, retry_after=0.3)

    answer = await school.say(school.fay, "plc session open", topic="Fractions")

    assert "Session opened" in answer.plain
    exposition = generate_latest(metrics.registry).decode()
    assert 'plcbot_platform_rate_limited_total{platform="discord"} 1.0' in exposition
    assert 'plcbot_platform_retries_total{platform="discord",reason="rate_limit"} 1.0' in exposition
