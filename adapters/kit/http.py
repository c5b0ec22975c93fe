"""The liveness answer every HTTP server of plcbot gives at `/healthz`: the operations
listener's and the Slack adapter's are this one handler. Alive means the process's event loop
answers; whether it can serve (database, platforms) is `/readyz`, on the operations listener."""

from __future__ import annotations

from aiohttp import web


async def healthz(request: web.Request) -> web.Response:
    return web.Response(text="ok")
