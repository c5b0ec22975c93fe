"""The Slack adapter as the composition root sees it: settings checked at construction, a
`.chat` to register in the ChatRouter before the PlcBot is built, and `run(bot, stop)`.

Socket Mode when SLACK_APP_TOKEN is set; otherwise HTTP mode on `[slack] port`. The web
server runs in both modes: /healthz always, the OAuth install pages when installing in many
workspaces, and {prefix}/events in HTTP mode only.

With `[slack] http_processes` above 1 the port is bound with SO_REUSEPORT, so the other
processes `plcbot run` starts (plcbot/http_processes.py) bind it too and the kernel spreads
connections between them; each answers with its number (`process`) in X-Plcbot-Process."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Mapping

import aiohttp
from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

from adapters.kit import Admission, Deadline
from adapters.slack import redact
from adapters.slack.app import build_app
from adapters.slack.chat import SlackChat
from adapters.slack.clients import Clients
from adapters.slack.settings import SlackConfig, SlackSettings, SlackSettingsError
from adapters.slack.tokens import EncryptedInstallationStore, OAuthStateStore, installation_stores
from adapters.slack.web import web_app
from bot.api import Health, InstallationStore, OAuthStates, PlcBot

log = logging.getLogger("plcbot.slack")
SLACK_TIMEOUT = aiohttp.ClientTimeout(total=30)
CLOSE_SECONDS = 3.0  # closing the socket of an unreachable Slack must not hold up a shutdown


class SlackAdapter:
    def __init__(
        self,
        *,
        env: Mapping[str, str],
        config: SlackConfig,
        installations: InstallationStore | None = None,
        states: OAuthStates | None = None,
        base_url: str | None = None,
    ) -> None:
        self.settings = SlackSettings.from_env(env, config, base_url=base_url)
        redact.install()  # no body the Slack libraries log keeps people's words
        self._stores: tuple[EncryptedInstallationStore, OAuthStateStore] | None = None
        if self.settings.oauth:
            if installations is None or states is None:
                raise SlackSettingsError(
                    "SLACK_CLIENT_ID: installing in many workspaces keeps their tokens in the "
                    "database, but no installation store was given to the Slack adapter"
                )
            assert self.settings.client_id and self.settings.token_key
            self._stores = installation_stores(
                installations,
                states,
                client_id=self.settings.client_id,
                token_key=self.settings.token_key,
            )
        self.clients = Clients(
            api_url=self.settings.api_url,
            bot_token=self.settings.bot_token,
            installations=self.installations,
        )
        self.chat = SlackChat(self.clients, posts_per_second=self.settings.posts_per_second)
        self.background = Deadline()
        self.admission = Admission()  # requests into Bolt a few at a time, first come first
        self.started = asyncio.Event()
        self.port: int | None = None  # the bound port, once started (useful with port 0)
        self.process = 0  # which of the `http_processes` this one is (0: the first)
        self._socket: AsyncSocketModeHandler | None = None
        # more routes for its HTTP server (the web panel's, from the composition root)
        self.mount: Callable[[web.Application, PlcBot], None] | None = None

    name = "slack"

    def health(self) -> Health:
        if not self.started.is_set():
            return Health(False, "not listening")
        if self.settings.socket_mode and not _socket_open(self._socket):
            return Health(False, "Socket Mode is not connected")
        return Health(True, f"listening on port {self.port}")

    @property
    def installations(self) -> EncryptedInstallationStore | None:
        return self._stores[0] if self._stores else None

    async def run(self, bot: PlcBot, stop: asyncio.Event) -> None:
        async with self.posting():
            try:
                await self._serve(bot, stop)
            finally:
                await self.background.drain()
                self.started.clear()

    @contextlib.asynccontextmanager
    async def posting(self) -> AsyncIterator[SlackChat]:
        """The chat on the shared Web API connection pool, with no server: while the adapter
        runs, and alone in a scheduler process of its own."""
        # slack_sdk's own timeout (30 s) for every call on the shared pool; a session of
        # aiohttp's defaults would let one call hang for five minutes.
        async with aiohttp.ClientSession(timeout=SLACK_TIMEOUT) as session:
            self.clients.use_session(session)
            try:
                yield self.chat
            finally:
                self.clients.use_session(None)

    async def _serve(self, bot: PlcBot, stop: asyncio.Event) -> None:
        installations, states = self._stores if self._stores else (None, None)
        app = build_app(
            self.settings,
            bot=bot,
            chat=self.chat,
            clients=self.clients,
            background=self.background,
            installations=installations,
            states=states,
        )
        application = web_app(
            app,
            self.settings,
            events=not self.settings.socket_mode,
            background=self.background,
            admission=self.admission,
            process=self.process,
        )
        if self.mount is not None:
            self.mount(application, bot)
        runner = web.AppRunner(application)
        await runner.setup()
        socket: AsyncSocketModeHandler | None = None
        try:
            shared = self.settings.http_processes > 1
            site = web.TCPSite(runner, self.settings.host, self.settings.port, reuse_port=shared)
            await site.start()
            self.port = _bound_port(runner, self.settings.port)
            if self.settings.socket_mode:
                socket = self._socket = AsyncSocketModeHandler(app, self.settings.app_token)
                if not await _connect_unless_stopped(socket, stop):
                    return
                log.info("Slack: Socket Mode connected; health check on port %s", self.port)
            else:
                log.info(
                    "Slack: HTTP mode on port %s, events at %s/events%s",
                    self.port,
                    self.settings.path_prefix,
                    f" (process {self.process} of {self.settings.http_processes})"
                    if shared
                    else "",
                )
            self.started.set()
            await stop.wait()
        finally:
            if socket is not None:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(socket.close_async(), CLOSE_SECONDS)  # type: ignore[no-untyped-call]
            await runner.cleanup()


async def _connect_unless_stopped(socket: AsyncSocketModeHandler, stop: asyncio.Event) -> bool:
    """Connect Socket Mode; False if told to stop first. slack_sdk retries a failed connect
    for ever (while Slack is unreachable) and never looks at our stop event."""
    connecting = asyncio.create_task(socket.connect_async())  # type: ignore[no-untyped-call]
    stopping = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait({connecting, stopping}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopping.cancel()
    if connecting.done():
        connecting.result()  # what made it fail, if it did
        return True
    connecting.cancel()
    await asyncio.wait({connecting}, timeout=CLOSE_SECONDS)
    return False


def _socket_open(socket: AsyncSocketModeHandler | None) -> bool:
    session = getattr(socket.client, "current_session", None) if socket else None
    return session is not None and not session.closed


def _bound_port(runner: web.AppRunner, configured: int) -> int:
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            return int(address[1])
    return configured
