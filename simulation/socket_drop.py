"""A dropped Socket Mode connection (issue 20), in the in-process world with `--slack socket`:
at a seeded moment the fake Slack is armed, and the next reply a teacher writes back in their
DM (an Events API envelope) goes out on the websocket, which Slack then closes before the ack
comes back. The real adapter reconnects by itself (apps.connections.open again); Slack sends
the envelope again on the new socket (retry_attempt 1). Whether the app had handled it before
the drop or not, the reply is saved once and answered once (checked by acts.reply_by_dm and
every figure after)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulation.slack_wire import SlackWire

RECONNECT_SECONDS = 30.0


async def through_a_drop(wire: SlackWire, kind: str, payload: dict[str, Any]) -> Any:
    """The envelope pushed, the socket dropped before its ack, the envelope pushed again on
    the app's new socket; returns the second ack's payload."""
    assert wire.adapter is not None
    fake = wire.fake
    await fake.push_without_waiting(kind, payload)
    await fake.drop()
    await fake.connected(RECONNECT_SECONDS)
    ack = await fake.push(kind, payload, retry_attempt=1)
    await wire.adapter.background.drain()
    wire.drops += 1
    return ack.get("payload")
