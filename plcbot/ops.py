"""The operations listener (part of the composition root): what a district's monitoring asks.

- `/healthz`: the process is alive (the same handler as the Slack adapter's, adapters/kit).
- `/readyz`: it can serve: the database answers and is at the newest migration, and every
  configured platform is connected (each adapter's `health()`); 503 with a JSON reason if not.
- `/metrics`: Prometheus text, from the process's PrometheusMetrics (plcbot/metrics.py).

On by default on 127.0.0.1 ([operations] in the config); port 0 takes any free port (tests)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from aiohttp import web
from prometheus_client.aiohttp import make_aiohttp_handler

from adapters.kit.http import healthz
from bot.config import OperationsConfig
from bot.platform import PlatformAdapter
from plcbot.metrics import PrometheusMetrics

log = logging.getLogger("plcbot.operations")

DatabaseCheck = Callable[[], Awaitable[str | None]]  # None, or why the database cannot serve


@dataclass
class Readiness:
    database: DatabaseCheck
    platforms: Mapping[str, PlatformAdapter]

    async def problems(self) -> dict[str, str]:
        """What keeps the process from serving, by check ("database", a platform's name)."""
        found: dict[str, str] = {}
        if (problem := await self.database()) is not None:
            found["database"] = problem
        for name, adapter in self.platforms.items():
            health = adapter.health()
            if not health.ready:
                found[name] = health.detail or "not ready"
        return found


def operations_app(metrics: PrometheusMetrics, readiness: Readiness) -> web.Application:
    async def readyz(request: web.Request) -> web.Response:
        problems = await readiness.problems()
        if problems:
            reason = "; ".join(f"{check}: {why}" for check, why in problems.items())
            return web.json_response(
                {"ready": False, "reason": reason, "checks": problems}, status=503
            )
        return web.json_response({"ready": True})

    app = web.Application()
    app.add_routes(
        [
            web.get("/healthz", healthz),
            web.get("/readyz", readyz),
            web.get("/metrics", make_aiohttp_handler(metrics.registry)),
        ]
    )
    return app


class OperationsListener:
    def __init__(
        self, config: OperationsConfig, metrics: PrometheusMetrics, readiness: Readiness
    ) -> None:
        self._config = config
        self._runner = web.AppRunner(operations_app(metrics, readiness), access_log=None)
        self.port: int | None = None  # the bound port, once started

    async def start(self) -> None:
        """Listen; a port already taken is logged and the bot runs on without the listener
        (its chat must not stop because a monitoring port is busy)."""
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._config.address, self._config.port)
        try:
            await site.start()
        except OSError as e:
            log.error(
                "the operations listener could not listen on %s:%s (%s); "
                "set [operations] port to a free port",
                self._config.address,
                self._config.port,
                e.strerror or e,
            )
            return
        for address in self._runner.addresses:
            if isinstance(address, tuple) and len(address) >= 2:
                self.port = int(address[1])
        log.info(
            "operations listener on http://%s:%s (/healthz, /readyz, /metrics)",
            self._config.address,
            self.port,
        )

    async def stop(self) -> None:
        await self._runner.cleanup()
