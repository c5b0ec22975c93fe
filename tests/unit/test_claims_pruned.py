"""Claims of platform deliveries (Slack event ids, request signatures) are kept while a retry or
a replay could still come, then pruned by the daily retention job."""

from __future__ import annotations

from bot.retention import RetentionJob
from tests.harness import Harness


async def test_the_retention_job_forgets_delivery_claims_older_than_two_days(h: Harness) -> None:
    await h.team_with_facilitator()
    await h.bot.message(h.actor("tia", dm=True), "No prompt yet.", event_key="Ev1")
    h.clock.advance(days=2, minutes=1)
    await h.bot.message(h.actor("tia", dm=True), "Still none.", event_key="Ev2")
    job = RetentionJob(uow=h.store.uow, clock=h.clock, default_days=None)

    assert (await job.run()).claims_pruned == 1
    assert list(h.store.state.events) == [(h.community.id, "Ev2")]
    assert (await h.bot.message(h.actor("tia", dm=True), "Again.", event_key="Ev2")).reply is None
