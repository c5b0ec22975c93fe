"""Helpers of the fault suite: a time bound for async tests, reading the real server."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec, TypeVar

import asyncpg
import pytest

from tests.storage.databases import asyncpg_dsn

P = ParamSpec("P")
T = TypeVar("T")


def bounded(seconds: float) -> Callable[[Callable[P, Awaitable[T]]], Callable[P, Awaitable[T]]]:
    """Fail the async test if it has not finished within `seconds` (asyncio.timeout, so the
    test's own clean-up, and its fixtures', still run)."""

    def decorate(test: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[T]]:
        @functools.wraps(test)
        async def run(*args: P.args, **kwargs: P.kwargs) -> T:
            try:
                async with asyncio.timeout(seconds) as deadline:
                    return await test(*args, **kwargs)
            except TimeoutError:
                if deadline.expired():
                    pytest.fail(f"{test.__name__} took longer than {seconds} s", pytrace=False)
                raise

        return run

    return decorate


async def query(url: str, sql: str, *args: Any) -> Any:
    """One value, read straight from the real server (not through the link)."""
    connection = await asyncpg.connect(asyncpg_dsn(url), timeout=5)
    try:
        return await connection.fetchval(sql, *args)
    finally:
        await connection.close()


async def until(condition: Callable[[], Awaitable[bool]], within: float = 5.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not await condition():
        if loop.time() > deadline:
            raise AssertionError("the condition did not come true in time")
        await asyncio.sleep(0.05)
