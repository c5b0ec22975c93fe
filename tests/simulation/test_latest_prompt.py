"""The index the simulation looks a channel's latest prompt up in (simulation/replies.py): the
fake Slack's posts outside threads, channel by channel, the posts made since taken in too."""

from __future__ import annotations

from platform_fakes.slack.fake_webapi import Posted
from simulation.replies import TopLevel


def post(channel: str, ts: str, thread_ts: str | None = None) -> Posted:
    return Posted(channel, ts, "text", [], thread_ts, "xoxb-test")


def test_a_channel_s_posts_outside_threads_in_order_those_posted_since_included() -> None:
    messages = [post("C1", "1"), post("C2", "2"), post("C1", "3", thread_ts="1")]
    index = TopLevel()
    assert [m.ts for m in index.of(messages, "C1")] == ["1"]
    messages += [post("C1", "4"), post("C2", "5"), post("C1", "6", thread_ts="4")]
    assert [m.ts for m in index.of(messages, "C1")] == ["1", "4"]
    assert [m.ts for m in index.of(messages, "C2")] == ["2", "5"]
    assert index.of(messages, "C3") == []
    assert [m.ts for m in index.of([post("C1", "7")], "C1")] == ["7"]  # another list
