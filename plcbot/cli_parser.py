"""The `plcbot` command line: its commands, their flags and help texts (argparse)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot import __version__

RUN_ENVIRONMENT = """\
environment (secrets come only from here; settings from --config or PLCBOT_CONFIG):
  SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN   one Slack workspace (HTTP)
  SLACK_CLIENT_ID, SLACK_CLIENT_SECRET    many Slack workspaces through Slack's OAuth install
  SLACK_APP_TOKEN                         Slack in Socket Mode instead of HTTP
  PLCBOT_TOKEN_KEY                        key that encrypts stored Slack tokens at rest
  SLACK_REDIRECT_URI                      the OAuth redirect, when not derived from the request
  SLACK_HTTP_HOST                         the address Slack's HTTP listener binds
  SLACK_API_URL                           another Slack Web API base (tests, proxies)
  DISCORD_TOKEN                           the Discord bot
  DATABASE_URL                            postgresql+asyncpg://user@host/db (default: SQLite
                                          under the data folder)
  PLCBOT_CONFIG                           the settings file, when --config is not given"""


def _without(sigil: str) -> Callable[[str], str]:
    """A name as people write it in chat ("@fay", "#grade4"), without its sigil, as /as and
    /in take it."""

    def strip(value: str) -> str:
        return value.strip().lstrip(sigil).strip()

    return strip


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="plcbot", description="A learning-team companion for Slack, Discord and the terminal."
    )
    p.set_defaults(help_of=p)
    p.add_argument("--version", action="version", version=f"plcbot {__version__}")
    p.add_argument(
        "--config", type=Path, default=None, help="a TOML settings file (see config.example.toml)"
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    c = sub.add_parser("console", help="the bot in this terminal, on the local database")
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
    sub.add_parser(
        "demo", help="play the scripted walk-through, then (on a terminal) stay in the console"
    )
    sub.add_parser(
        "run",
        help="start the Slack and/or Discord adapters whose credentials are set",
        description="Start every platform adapter whose credentials are in the environment, "
        "and the scheduler, on one database.",
        epilog=RUN_ENVIRONMENT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _records_and_admins(sub)
    return p


def _records_and_admins(sub: Any) -> None:
    """export, purge, admin grant, db upgrade: the district's and the operator's tasks."""
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
    ad.set_defaults(help_of=ad)
    ad_sub = ad.add_subparsers(dest="admin_command", metavar="TASK")
    grant = ad_sub.add_parser(
        "grant", help="make a person an admin of a community (recovery; in its audit log)"
    )
    grant.add_argument("community", help='the community id, e.g. "slack:T0123"')
    grant.add_argument("user", help="the person's platform user id, e.g. U0123")
    db = sub.add_parser("db", help="database tasks")
    db.set_defaults(help_of=db)
    db_sub = db.add_subparsers(dest="db_command", metavar="TASK")
    db_sub.add_parser("upgrade", help="apply migrations")
