"""A PostgreSQL address that accepts connections but never answers must not hang a request."""

from __future__ import annotations

import asyncio
import time

from storage.engine import PG_CONNECT_SECONDS, make_engine
from storage.uow import SqlUnitOfWorkFactory
from tests.harness import Harness, reply_text


async def test_a_server_that_never_answers_gets_the_teacher_a_clear_answer_in_bounded_time() -> (
    None
):
    held: list[asyncio.StreamWriter] = []

    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)  # accept, read nothing, say nothing

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    uow = SqlUnitOfWorkFactory(make_engine(f"postgresql+asyncpg://postgres@127.0.0.1:{port}/test"))
    try:
        h = Harness(uow)
        started = time.monotonic()
        out = await asyncio.wait_for(
            h.say("tia", "/plc reflect Words that matter."), PG_CONNECT_SECONDS * 4
        )
        assert not out.ok and "nothing was saved" in reply_text(out)
        assert time.monotonic() - started < PG_CONNECT_SECONDS * 3
    finally:
        await uow.dispose()
        for w in held:
            w.close()
        server.close()
        await server.wait_closed()
