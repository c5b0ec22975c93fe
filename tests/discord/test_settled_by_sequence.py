"""A simulation that runs `plcbot run` in another process learns that the process's Discord
client has caught up by naming the gateway's last sequence in the process's `drain N`
(plcbot/simulated.py → Handlers.read_through), not by asking the client for a heartbeat: a
heartbeat asked by the server (op 1) goes through discord.py's gateway rate limit of 110 sends
a minute, so a busy district's server stalled for a minute at a time and its interactions
expired unanswered."""

from __future__ import annotations

import asyncio

from tests.discord.conftest import School

MORE_THAN_A_MINUTES_SENDS = 130  # discord.py lets 110 gateway sends through a minute


async def test_many_commands_in_a_row_are_each_read_and_drained_at_once(school: School) -> None:
    adapter, gateway = school.process.adapter, school.fake.gateway
    started = gateway.session_for(school.guild.id).seq
    people = (school.tom, school.fay, school.ana)
    for n in range(MORE_THAN_A_MINUTES_SENDS):
        sent = await school.fake.slash("plc help", people[n % 3], school.channel)
        session = gateway.session_for(school.guild.id)
        async with asyncio.timeout(5):  # before: the 111th waited a minute for its heartbeat
            await adapter.background.read_through(session.seq)
            await adapter.background.drain()
        assert sent.answered.is_set()  # answered by the time the drain returns
    assert gateway.session_for(school.guild.id).seq >= started + MORE_THAN_A_MINUTES_SENDS
