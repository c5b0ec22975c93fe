"""`plcbot`: console, demo, run, scheduler, web, export, purge, admin grant, db upgrade."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from bot import __version__
from bot.config import Config
from plcbot.loop import run as run_loop
from plcbot.registry import environment_help, load_config


def run_environment() -> str:
    """The environment `plcbot run` reads: each platform's variables (from its registry
    entry), then the core's."""
    return "\n".join(
        (
            "environment (secrets come only from here; settings from --config or PLCBOT_CONFIG):",
            environment_help(),
            "  DATABASE_URL                            postgresql+asyncpg://user@host/db (default:",
            "                                          SQLite under the data folder)",
            "  PLCBOT_CONFIG                           the settings file, when --config is not given",
            "  PLCBOT_EVENT_LOOP                       uvloop (the default) or asyncio",
        )
    )


def _without(sigil: str) -> Callable[[str], str]:
    """A name as people write it in chat ("@fay", "#grade4"), without its sigil, as /as and
    /in take it."""

    def strip(value: str) -> str:
        return value.strip().lstrip(sigil).strip()

    return strip


def _shared(*, top: bool) -> argparse.ArgumentParser:
    """--config and --debug, accepted before the command and after it (`plcbot run --config
    x.toml`); after it they have no default, so they do not undo one given before."""
    shared = argparse.ArgumentParser(add_help=False)
    config_help = "a TOML settings file (see config.example.toml; or set PLCBOT_CONFIG)"
    debug_help = "show the traceback of a failure"
    if top:
        shared.add_argument("--config", type=Path, default=None, help=config_help)
        shared.add_argument("--debug", action="store_true", help=debug_help)
    else:
        shared.add_argument("--config", type=Path, default=argparse.SUPPRESS, help=config_help)
        shared.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help=debug_help
        )
    return shared


def _add(sub: Any, name: str, **options: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(name, parents=[_shared(top=False)], **options)
    return parser


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="plcbot",
        description="A learning-team companion for Slack, Discord and the terminal.",
        parents=[_shared(top=True)],
    )
    p.set_defaults(help_of=p)
    p.add_argument("--version", action="version", version=f"plcbot {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    _console_and_run(sub)
    ex = _add(
        sub,
        "export",
        help="write everything of one community (JSON + CSV) for the district's records",
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
    pu = _add(sub, "purge", help="delete everything of one community, for good")
    pu.add_argument("--community", required=True)
    pu.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    ad = _add(sub, "admin", help="a community's admins, from the server")
    ad.set_defaults(help_of=ad)  # `plcbot admin` alone: what admin can do
    ad_sub = ad.add_subparsers(dest="admin_command", metavar="TASK")
    grant = _add(
        ad_sub, "grant", help="make a person an admin of a community (recovery; in its audit log)"
    )
    grant.add_argument("community", help='the community id, e.g. "slack:T0123"')
    grant.add_argument("user", help="the person's platform user id, e.g. U0123")
    si = _add(
        sub,
        "simulate",
        help="a small school year, simulated through the adapters and checked figure by figure "
        "(writes docs/simulation.md)",
    )
    si.add_argument("--seed", type=int, default=1, help="which district and year (default: 1)")
    si.add_argument("--until", default=None, help="stop after this day, YYYY-MM-DD")
    db = _add(sub, "db", help="database tasks")
    db.set_defaults(help_of=db)
    db_sub = db.add_subparsers(dest="db_command", metavar="TASK")
    _add(db_sub, "upgrade", help="apply migrations")
    return p


def _language(parser: argparse.ArgumentParser) -> None:
    """--language: the community's default language, so new teams (the demo's) speak it."""
    from bot.config_values import shipped_languages

    parser.add_argument(
        "--language",
        choices=shipped_languages(),
        default=None,
        help="the community's default language, for new teams "
        "(default: default_language in the settings, else en)",
    )


def _console_and_run(sub: Any) -> None:
    c = _add(sub, "console", help="the bot in this terminal, on the local database")
    c.add_argument(
        "--user",
        type=_without("@"),
        default="ana",
        help='the person you speak as at first, e.g. fay or "@fay" (default: ana; /as changes it)',
    )
    c.add_argument(
        "--channel",
        type=_without("#"),
        default="grade4",
        help='the channel you start in, e.g. grade4 or "#grade4" (default: grade4; /in changes it)',
    )
    _language(c)
    _language(
        _add(
            sub,
            "demo",
            help="play the scripted walk-through, then (on a terminal) stay in the console",
        )
    )
    r = _add(
        sub,
        "run",
        help="start every platform adapter whose credentials are set",
        description="Start every platform adapter whose credentials are in the environment, "
        "and the scheduler, on one database.",
        epilog=run_environment(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # one of [slack] http_processes, started by `plcbot run` (plcbot/http_processes.py)
    r.add_argument("--http-process", type=int, default=None, help=argparse.SUPPRESS)
    r.add_argument("--port", type=int, default=None, help=argparse.SUPPRESS)
    r.add_argument("--parent", type=int, default=None, help=argparse.SUPPRESS)
    sc = _add(
        sub,
        "scheduler",
        help="only the scheduler, posting through the platforms whose credentials are set "
        "(beside `plcbot run` processes whose [scheduler] enabled = false)",
    )
    sc.add_argument("--parent", type=int, default=None, help=argparse.SUPPRESS)
    w = _add(sub, "web", help="the web panel alone, against the configured database")
    w.add_argument(
        "--demo", action="store_true", help="play the demo's walk-through first, then serve it"
    )


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    config: Config | None = None
    try:
        config = load_config(
            args.config
            or (Path(os.environ["PLCBOT_CONFIG"]) if os.environ.get("PLCBOT_CONFIG") else None)
        )
        from plcbot.app import configure_logging

        configure_logging(config.log_level, config.log_format)
        return _dispatch(args, config)
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if args.debug:
            raise
        from plcbot.app import database_url
        from plcbot.failures import explain

        said, code = explain(error, config, database_url(config) if config else None)
        print(f"plcbot: {said}", file=sys.stderr)
        return code


def _dispatch(args: argparse.Namespace, config: Config) -> int:
    from plcbot import commands
    from plcbot.failures import check_data_dir

    if config.database_url is None or getattr(args, "out", "") is None:
        check_data_dir(config.data_dir)
    if getattr(args, "language", None):
        config = replace(config, default_language=args.language)
    if args.command == "console":
        return run_loop(commands.console(config, demo=False, user=args.user, channel=args.channel))
    if args.command == "demo":
        return run_loop(commands.console(config, demo=True))
    if args.command == "web":
        if args.demo:
            return run_loop(commands.console(config, demo=True, stay=True))
        return run_loop(commands.web_panel(config))
    if args.command == "run" and args.http_process is not None:
        from plcbot.http_processes import serve_http_process

        return run_loop(serve_http_process(config, args.http_process, args.port, args.parent))
    if args.command == "run":
        return run_loop(commands.run(config))
    if args.command == "scheduler":
        from plcbot.scheduling import scheduler_command

        return run_loop(scheduler_command(config, args.parent))
    if args.command == "export":
        return run_loop(commands.export(config, args.community, args.out))
    if args.command == "purge":
        if not commands.confirm_purge(args.community, args.yes):
            return 2
        return run_loop(commands.purge(config, args.community, args.yes))
    if args.command == "admin" and args.admin_command == "grant":
        return run_loop(commands.admin_grant(config, args.community, args.user))
    if args.command == "simulate":
        from simulation.__main__ import main as simulate

        return simulate(
            ["--seed", str(args.seed), *(["--until", args.until] if args.until else [])]
        )
    if args.command == "db" and args.db_command == "upgrade":
        return run_loop(commands.db_upgrade(config))
    args.help_of.print_help()  # `plcbot db` alone: what db can do
    return 2


if __name__ == "__main__":
    sys.exit(main())
