"""The web panel in a process (part of the composition root): its key, its listener, and
whether the local demo login is on."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

from aiohttp import web

from bot.api import PlcBot
from bot.config import Config, ConfigError

log = logging.getLogger("plcbot.panel")

DEMO_COMMUNITY = "console:demo-school"  # the community `plcbot demo` plays in
KEY_VARIABLE = "PLCBOT_WEB_KEY"
LOOPBACK = ("127.0.0.1", "::1", "localhost")


def panel_key(env: Mapping[str, str]) -> bytes:
    """The sessions' key from PLCBOT_WEB_KEY; without it, one for this process only (everyone
    signs in again after a restart)."""
    from cryptography.fernet import Fernet

    given = env.get(KEY_VARIABLE, "").strip()
    if not given:
        log.warning("%s is not set: panel sessions end when this process stops", KEY_VARIABLE)
        return Fernet.generate_key()
    try:
        Fernet(given.encode())
    except ValueError:
        raise ConfigError(
            f"{KEY_VARIABLE} is not a key: make one with "
            '`python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`'
        ) from None
    return given.encode()


# a platform's variable with one of these endings is a credential (SLACK_BOT_TOKEN,
# SLACK_CLIENT_ID, DISCORD_CLIENT_SECRET...); SLACK_API_URL and the like are not
CREDENTIAL_ENDINGS = ("_TOKEN", "_SECRET", "_CLIENT_ID")


def demo_community(config: Config, env: Mapping[str, str]) -> str | None:
    """The demo login's community: only on a loopback address, only when no platform's
    credential or sign-in variable is set (even one of a pair), and only when the panel's
    `public_url` (if any) is this host's."""
    from urllib.parse import urlsplit

    from plcbot.registry import PLATFORMS

    prefixes = tuple(f"{name.upper()}_" for name in PLATFORMS)
    credentials = [
        name
        for name, value in env.items()
        if name.startswith(prefixes) and name.endswith(CREDENTIAL_ENDINGS) and value.strip()
    ]
    public_host = urlsplit(config.web.public_url).hostname if config.web.public_url else None
    if config.web.address not in LOOPBACK or credentials:
        return None
    if public_host is not None and public_host not in LOOPBACK:
        return None
    return DEMO_COMMUNITY


def sign_in_providers(env: Mapping[str, str]) -> dict[str, object]:
    """Sign in with Slack when its OAuth app is set (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET), with
    Discord when DISCORD_CLIENT_ID and DISCORD_CLIENT_SECRET are."""
    from adapters.web.oauth import DiscordSignIn, SlackSignIn

    found: dict[str, object] = {}
    if env.get("SLACK_CLIENT_ID") and env.get("SLACK_CLIENT_SECRET"):
        slack = SlackSignIn(env["SLACK_CLIENT_ID"], env["SLACK_CLIENT_SECRET"])
        if env.get("SLACK_API_URL"):
            slack = SlackSignIn(slack.client_id, slack.client_secret, api_url=env["SLACK_API_URL"])
        found["slack"] = slack
    if env.get("DISCORD_CLIENT_ID") and env.get("DISCORD_CLIENT_SECRET"):
        found["discord"] = DiscordSignIn(env["DISCORD_CLIENT_ID"], env["DISCORD_CLIENT_SECRET"])
    return found


def mount_on(adapter: object, config: Config, env: Mapping[str, str] | None = None) -> bool:
    """The panel on an adapter's own HTTP server (the Slack adapter's), if it has one: its
    routes join that server's, on its port. False: it has none, the panel needs its own."""
    if not hasattr(adapter, "mount"):
        return False
    from adapters.web.app import install_panel

    env = dict(os.environ) if env is None else env
    key, providers = panel_key(env), sign_in_providers(env)

    def mount(app: web.Application, bot: PlcBot) -> None:
        install_panel(app, _panel(config, bot, env, key, providers))
        log.info("web panel on the Slack HTTP server's port")

    adapter.mount = mount
    return True


def _panel(
    config: Config,
    bot: PlcBot,
    env: Mapping[str, str],
    key: bytes,
    providers: dict[str, object],
    posting: tuple[str, ...] | None = None,
) -> Any:
    from adapters.web.app import Panel
    from adapters.web.session import Sessions

    public = config.web.public_url
    return Panel(
        bot,
        Sessions(key, secure=public.startswith("https://")),
        demo_community(config, env),
        providers,
        public,
        posting,
        default_language=config.default_language,
    )


@asynccontextmanager
async def panel_chat(
    config: Config, storage: object, env: Mapping[str, str] | None = None
) -> AsyncIterator[Any]:
    """`plcbot web`'s Chat: each configured platform's poster (its Web API clients, no event
    listener), so the stage card, the norms notice and the DMs the panel causes go out. A
    platform that posts only from the process connected to it (Discord) is named in the log:
    run the panel inside `plcbot run` for it."""
    from contextlib import AsyncExitStack

    from bot.chat_router import ChatRouter
    from plcbot.registry import platform, platform_credentials

    env = dict(os.environ) if env is None else env
    router = ChatRouter()
    async with AsyncExitStack() as stack:
        for name, ok in platform_credentials(env).items():
            entry = platform(name)
            if not ok:
                continue
            if entry.poster is None:
                log.warning(
                    "%s posts only from `plcbot run`: the panel alone cannot post there", name
                )
                continue
            section = config.platforms.get(name)
            section = section if section is not None else entry.read_section({})
            router.add(name, await stack.enter_async_context(entry.poster(section, env, storage)))
        yield router


@asynccontextmanager
async def panel_running(
    config: Config,
    bot: PlcBot,
    env: Mapping[str, str] | None = None,
    *,
    posting: tuple[str, ...] | None = None,
) -> AsyncIterator[str]:
    """The panel listening on [web] address and port; yields the address people open.
    `posting`: the platforms its bot can post to (None: all, as inside `plcbot run`)."""
    from adapters.web.app import install_panel

    env = dict(os.environ) if env is None else env
    public = config.web.public_url
    app = web.Application()
    panel = _panel(config, bot, env, panel_key(env), sign_in_providers(env), posting)
    install_panel(app, panel)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, config.web.address, config.web.port)
        await site.start()
        port = config.web.port
        server = getattr(site, "_server", None)
        if port == 0 and server is not None and server.sockets:
            port = server.sockets[0].getsockname()[1]
        url = public or f"http://{config.web.address}:{port}/"
        log.info("web panel at %s", url)
        yield url
    finally:
        await runner.cleanup()
