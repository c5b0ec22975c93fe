"""What each `plcbot` command does (the parsing and the error handling are in plcbot/cli.py)."""

from __future__ import annotations

import asyncio
import getpass
import sys
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from datetime import date
from pathlib import Path

from bot.config import Config, ConfigError
from bot.i18n import N_, _, speaking


def _remove_demo_database(path: Path) -> None:
    """The demo starts from an empty database every time."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


async def console(
    config: Config,
    *,
    demo: bool,
    user: str = "ana",
    channel: str = "grade4",
    stay: bool = False,
) -> int:
    """The console; with `demo`, the walk-through first and the web panel open beside it.
    `stay`: keep serving the panel after the walk-through (`plcbot web --demo`)."""
    from adapters.console import Console
    from bot.clock import FixedClock, OffsetClock, SystemClock
    from bot.library_loader import load_libraries
    from bot.scheduling.runner import ScheduleRunner
    from plcbot.app import build_bot, database_url, open_storage

    if demo:
        demo_db = config.data_dir / "demo.sqlite3"
        _remove_demo_database(demo_db)
        url = (
            database_url(config, sqlite_file=demo_db)
            if not config.database_url
            else config.database_url
        )
        clock: FixedClock | OffsetClock = FixedClock(SystemClock().now())
    else:
        url = database_url(config)
        clock = OffsetClock()  # follows the wall clock; /wait lets time pass on it

    def advance(minutes: float) -> None:
        clock.advance(minutes=minutes)

    async with open_storage(url) as storage:
        console = Console(
            sys.stdout,
            user=user,
            channel=channel,
            advance=advance,
            export_dir=config.data_dir / "exports",  # teachers' words stay under the data folder
            language=config.default_language,  # the console's own words
        )
        runner = ScheduleRunner(
            uow=storage.uow, chat=console.chat, libraries=load_libraries(), clock=clock
        )
        bot = build_bot(config, uow=storage.uow, chat=console.chat, clock=clock, throttled=False)
        console.attach(bot)
        console.tick = runner.tick
        if not demo:
            console.say(console.greeting())
            ticking = asyncio.create_task(_every_minute(runner.tick))
            try:
                return await _interactive(console)
            finally:
                ticking.cancel()
        return await _demo(config, console, clock.now().date(), stay=stay)


WEB_PANEL = N_(
    "Web panel: {address} — sign in with the demo login as ana (admin), fay (facilitator) or "
    "maria (teacher)."
)
DONE = N_(
    "The walk-through is done. Run `make demo` in a terminal to keep going interactively, or "
    "`plcbot web --demo` to keep the web panel open."
)


async def _demo(config: Config, console: object, today: date, *, stay: bool) -> int:
    from adapters.console import Console
    from adapters.console.demo import walkthrough
    from plcbot.panel import panel_running

    assert isinstance(console, Console) and console.bot is not None
    async with AsyncExitStack() as stack:
        address = None
        if config.web.enabled:
            try:
                address = await stack.enter_async_context(panel_running(config, console.bot))
            except OSError as error:  # the port is taken: the demo goes on without the panel
                print(f"(web panel not started: {error.strerror}; set [web] port)\n")
        with speaking(config.default_language):  # the demo's own words, in its language
            print(
                _(
                    "plcbot demo — a learning team's first session, on a local SQLite "
                    "database, no network."
                )
                + "\n"
            )
        for line in walkthrough(today, config.default_language).splitlines():
            await console.handle(line, echo=True)
        with speaking(config.default_language):
            if address:
                print("\n" + _(WEB_PANEL).format(address=address))
            if stay:
                print(_("Serving the web panel until Ctrl-C."))
            elif not sys.stdin.isatty():
                print("\n" + _(DONE))
            else:
                print("\n" + _("Your turn. Type /plc help, /help for the console, /quit to leave."))
        if stay:
            await asyncio.Event().wait()
        if not sys.stdin.isatty():
            return 0
        return await _interactive(console)


async def _every_minute(tick: Callable[[], Awaitable[object]]) -> None:
    """A live console posts what is scheduled as the wall clock reaches it."""
    while True:
        await asyncio.sleep(60)
        await tick()


async def _interactive(console: object) -> int:
    from adapters.console import Console

    assert isinstance(console, Console)
    tty = sys.stdin.isatty()
    loop = asyncio.get_running_loop()
    while console.running:
        line = await loop.run_in_executor(
            None, lambda: input(console.prompt) if tty else sys.stdin.readline()
        )
        if not tty and line == "":
            break
        await console.handle(line, echo=not tty)
    return 0


async def db_upgrade(config: Config) -> int:
    from plcbot.app import database_url
    from storage.migrate import current_revision, upgrade

    url = database_url(config)
    await upgrade(url)
    print(f"database is at revision {await current_revision(url)}")
    return 0


async def export(config: Config, community: str, out: Path | None) -> int:
    from bot.clock import SystemClock
    from bot.files import private_dir, write_private
    from bot.retention import community_export
    from plcbot.app import database_url, open_storage

    now = SystemClock().now()
    async with open_storage(database_url(config)) as storage:
        async with storage.uow() as uow:
            if await uow.communities.get(community) is None:
                print(
                    f"plcbot: there is no community {community!r} (ids look like slack:T0123)",
                    file=sys.stderr,
                )
                return 2
            files = await community_export(uow, community, now, reader="cli")
            await uow.commit()
    folder = (
        out or config.data_dir / "exports" / f"{community.replace(':', '-')}-{now:%Y%m%dT%H%M%SZ}"
    )
    private_dir(folder)  # 0700 where made here, each file 0600: only this account reads them
    for f in files:
        write_private(folder / f.name, f.content)
        print(folder / f.name)
    print(
        f"exported {community} to {folder} (shared reflections included, private ones as counts:"
        " store it as the district's records require)"
    )
    return 0


def confirm_purge(community: str, yes: bool) -> bool:
    """Purging is for good: a person types the community id, or passes --yes."""
    if yes:
        return True
    if not sys.stdin.isatty():
        print(
            "plcbot: purge deletes everything of the community for good; add --yes to confirm",
            file=sys.stderr,
        )
        return False
    answer = input(f"Delete everything of {community} for good? Type the community id to confirm: ")
    if answer.strip() != community:
        print("Not purged.")
        return False
    return True


async def purge(config: Config, community: str, yes: bool) -> int:
    from bot.clock import SystemClock
    from plcbot.app import database_url, open_storage

    async with open_storage(database_url(config)) as storage:
        async with storage.uow() as uow:
            if await uow.communities.get(community) is None:
                print(f"plcbot: there is no community {community!r}", file=sys.stderr)
                return 2
            counts = await uow.rights.purge_community(community)
            await uow.commit()
    print(f"Purged {community} at {SystemClock().now():%Y-%m-%d %H:%M:%S} UTC. Rows deleted:")
    for table, n in counts.items():
        print(f"  {table}: {n}")
    return 0


async def admin_grant(config: Config, community: str, user: str) -> int:
    from bot.clock import SystemClock
    from bot.usecases.admins import NotFound, grant_on_server
    from plcbot.app import database_url, open_storage

    try:
        account = getpass.getuser()
    except (KeyError, OSError):
        account = "unknown"
    async with open_storage(database_url(config)) as storage:
        async with storage.uow() as uow:
            try:
                said = await grant_on_server(
                    uow, community, user, by=f"cli:{account}", now=SystemClock().now()
                )
            except NotFound as e:
                print(f"plcbot: {e}", file=sys.stderr)
                return 2
            await uow.commit()
    print(said)
    return 0


async def run(config: Config) -> int:
    from plcbot.registry import credentials_help, missing_credentials, platform_credentials

    for problem in missing_credentials():
        raise ConfigError(problem)
    found = [name for name, ok in platform_credentials().items() if ok]
    if not found:
        print(
            "No platform credentials in the environment.\n"
            f"{credentials_help()}\n"
            "To try the bot without them: plcbot console (or make demo).",
            file=sys.stderr,
        )
        return 2
    from plcbot.app import run_adapters

    return await run_adapters(config, found)


async def web_panel(config: Config) -> int:
    """`plcbot web`: the panel alone against the configured database, until Ctrl-C."""
    from plcbot.app import build_bot, database_url, open_storage
    from plcbot.panel import panel_chat, panel_running

    async with open_storage(database_url(config)) as storage, panel_chat(config, storage) as chat:
        bot = build_bot(config, uow=storage.uow, chat=chat)
        posting = chat.platforms  # people of another platform are told their posts stay unsent
        async with panel_running(config, bot, posting=posting) as address:
            print(f"Web panel: {address} (Ctrl-C stops it)")
            await asyncio.Event().wait()
    return 0
