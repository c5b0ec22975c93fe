"""`plcbot`: console, demo, run, scheduler, export, purge, admin grant, db upgrade."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import sys
from pathlib import Path

from bot import __version__
from bot.config import Config, ConfigError
from plcbot.registry import load_config


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="plcbot", description="A learning-team companion for Slack, Discord and the terminal."
    )
    p.add_argument("--version", action="version", version=f"plcbot {__version__}")
    p.add_argument(
        "--config", type=Path, default=None, help="a TOML settings file (see config.example.toml)"
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    c = sub.add_parser("console", help="the bot in this terminal, on the local database")
    c.add_argument("--user", default="ana")
    c.add_argument("--channel", default="grade4")
    sub.add_parser(
        "demo", help="play the scripted walk-through, then (on a terminal) stay in the console"
    )
    sub.add_parser("run", help="start the Slack and/or Discord adapters whose credentials are set")
    sc = sub.add_parser(
        "scheduler",
        help="only the scheduler, posting through the platforms whose credentials are set "
        "(beside `plcbot run` processes whose [scheduler] enabled = false)",
    )
    sc.add_argument("--parent", type=int, default=None, help=argparse.SUPPRESS)
    ex = sub.add_parser(
        "export", help="write everything of one community (JSON + CSV) for the district's records"
    )
    ex.add_argument(
        "--community", required=True, help='the community id, e.g. "slack:T0123" or "discord:81234"'
    )
    ex.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder to write into (default: data/exports/<id>-<time>)",
    )
    pu = sub.add_parser("purge", help="delete everything of one community, for good")
    pu.add_argument("--community", required=True)
    pu.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    ad = sub.add_parser("admin", help="a community's admins, from the server")
    ad_sub = ad.add_subparsers(dest="admin_command", metavar="TASK")
    grant = ad_sub.add_parser(
        "grant", help="make a person an admin of a community (recovery; in its audit log)"
    )
    grant.add_argument("community", help='the community id, e.g. "slack:T0123"')
    grant.add_argument("user", help="the person's platform user id, e.g. U0123")
    db = sub.add_parser("db", help="database tasks")
    db_sub = db.add_subparsers(dest="db_command", metavar="TASK")
    db_sub.add_parser("upgrade", help="apply migrations")
    return p


def _remove_demo_database(path: Path) -> None:
    """The demo starts from an empty database every time."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


async def _console(
    config: Config, *, demo: bool, user: str = "ana", channel: str = "grade4"
) -> int:
    from adapters.console import Console
    from adapters.console.demo import WALKTHROUGH
    from bot.clock import FixedClock, SystemClock
    from plcbot.app import build_bot, database_url, open_storage

    if demo:
        demo_db = config.data_dir / "demo.sqlite3"
        _remove_demo_database(demo_db)
        url = (
            database_url(config, sqlite_file=demo_db)
            if not config.database_url
            else config.database_url
        )
        clock: FixedClock | SystemClock = FixedClock(SystemClock().now())
    else:
        url = database_url(config)
        clock = SystemClock()

    def advance(minutes: float) -> None:
        if isinstance(clock, FixedClock):
            clock.advance(minutes=minutes)

    console = Console(sys.stdout, user=user, channel=channel, advance=advance if demo else None)
    async with open_storage(url) as storage:
        console.attach(build_bot(config, uow=storage.uow, chat=console.chat, clock=clock))
        if demo:
            print(
                "plcbot demo — a learning team's first session, on a local SQLite database, no network.\n"
            )
            for line in WALKTHROUGH.splitlines():
                await console.handle(line, echo=True)
            if not sys.stdin.isatty():
                print(
                    "\nThe walk-through is done. Run `make demo` in a terminal to keep going interactively."
                )
                return 0
            print("\nYour turn. Type /plc help, /help for the console, /quit to leave.")
        return await _interactive(console)


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


async def _db_upgrade(config: Config) -> int:
    from plcbot.app import database_url
    from storage.migrate import current_revision, upgrade

    url = database_url(config)
    await upgrade(url)
    print(f"database is at revision {await current_revision(url)}")
    return 0


async def _export(config: Config, community: str, out: Path | None) -> int:
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


def _confirm_purge(community: str, yes: bool) -> bool:
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


async def _purge(config: Config, community: str, yes: bool) -> int:
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


async def _admin_grant(config: Config, community: str, user: str) -> int:
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


async def _run(config: Config) -> int:
    from plcbot.registry import credentials_help, platform_credentials

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


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        config = load_config(
            args.config
            or (Path(os.environ["PLCBOT_CONFIG"]) if os.environ.get("PLCBOT_CONFIG") else None)
        )
    except ConfigError as e:
        print(f"plcbot: configuration error: {e}", file=sys.stderr)
        return 2
    from plcbot.app import configure_logging

    configure_logging(config.log_level)
    try:
        if args.command == "console":
            return asyncio.run(_console(config, demo=False, user=args.user, channel=args.channel))
        if args.command == "demo":
            return asyncio.run(_console(config, demo=True))
        if args.command in ("run", "scheduler"):
            try:
                if args.command == "scheduler":
                    from plcbot.scheduling import scheduler_command

                    return asyncio.run(scheduler_command(config, args.parent))
                return asyncio.run(_run(config))
            except ConfigError as e:
                print(f"plcbot: configuration error: {e}", file=sys.stderr)
                return 2
        if args.command == "export":
            return asyncio.run(_export(config, args.community, args.out))
        if args.command == "purge":
            if not _confirm_purge(args.community, args.yes):
                return 2
            return asyncio.run(_purge(config, args.community, args.yes))
        if args.command == "admin" and args.admin_command == "grant":
            return asyncio.run(_admin_grant(config, args.community, args.user))
        if args.command == "db" and args.db_command == "upgrade":
            return asyncio.run(_db_upgrade(config))
    except KeyboardInterrupt:
        return 130
    _parser().print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
