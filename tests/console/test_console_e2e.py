"""The console adapter end to end: a scripted team channel over real SQLite storage, and the
`plcbot` command itself in a subprocess, as `make demo` runs it."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

from adapters.console import Console
from bot.clock import FixedClock
from bot.config import Config
from plcbot.app import build_bot, open_storage
from tests.harness import START

ROOT = Path(__file__).resolve().parents[2]


async def play(tmp_path: Path, script: str) -> str:
    out = io.StringIO()
    clock = FixedClock(START)
    console = Console(out, advance=lambda m: clock.advance(minutes=m))
    async with open_storage(f"sqlite+aiosqlite:///{tmp_path / 'c.sqlite3'}") as storage:
        console.attach(
            build_bot(
                Config(default_timezone="America/Chicago"),
                uow=storage.uow,
                chat=console.chat,
                clock=clock,
            )
        )
        for line in script.strip().splitlines():
            await console.handle(line, echo=True)
    return out.getvalue()


def seen_by(transcript: str, user: str) -> str:
    """What one person saw: channel posts, their own private answers and DMs to them."""
    blocks, current, keep = [], [], False
    for line in transcript.splitlines():
        if not line.startswith(" ") and not line.startswith("["):
            if keep:
                blocks.append("\n".join(current))
            current = [line]
            keep = (
                line.startswith("#")
                or line.startswith(f"only @{user} ")
                or line.startswith(f"DM to @{user} ")
            )
        else:
            current.append(line)
    if keep:
        blocks.append("\n".join(current))
    return "\n".join(blocks)


SESSION = """
/as ana
/plc team create "Grade 4 Math" America/Chicago
/as fay
/plc norms
/as ana
/plc role grant @fay facilitator
/as fay
/plc session open Fractions
/as maria
/plc checkin 4 curious
/as jon
2
/wait 60
/as fay
/plc session close
/as maria
/plc reflect --private I rushed the warm-up.
/as jon
/plc reflect --team Equivalence clicked.
/as fay
/plc report
"""


async def test_each_person_sees_the_channel_their_own_answers_and_nothing_private_of_others(
    tmp_path: Path,
) -> None:
    transcript = await play(tmp_path, SESSION)
    maria, jon, fay = (seen_by(transcript, u) for u in ("maria", "jon", "fay"))
    assert "Session open: Fractions" in jon and "Maintain confidentiality" in jon
    assert "Checked in: 4 — ready to dig in (curious)." in maria and "Checked in: 4" not in jon
    assert "Saved your reflection. Who can read it: only you." in maria
    assert "I rushed the warm-up." not in fay and "I rushed the warm-up." not in jon
    assert "> Equivalence clicked." in fay and "> Equivalence clicked." in maria
    assert "Duration: 1 h 00 min" in fay and "2 checked in · arrival average 3.0 of 5" in fay
    assert "Reflections: 2 written" in fay and "Duration:" not in maria
    assert "You are now facilitator" in fay  # the DM


async def test_a_button_is_clicked_by_number_or_label_and_updates_the_card_in_place(
    tmp_path: Path,
) -> None:
    transcript = await play(
        tmp_path,
        """
/plc team create Science
/plc session open Cells
/as bo
5 — full of energy
/as cy
3
""",
    )
    assert (
        "(@bo clicks “5 — full of energy”)" in transcript
        and "(@cy clicks “3 — steady”)" in transcript
    )
    assert transcript.count("Session open: Cells") == 1  # updates print only what changed
    assert "(2 people have checked in.)" in transcript


async def test_the_reflection_form_asks_each_field_on_its_own_line(tmp_path: Path) -> None:
    transcript = await play(
        tmp_path,
        """
/plc team create Science
/plc prompt send
/as bo
/plc reflect
I want to try more wait time.
3
""",
    )
    assert "[form] Reflect" in transcript and "Who can read it:" in transcript
    assert (
        "Saved your reflection. Who can read it: the whole team (posted in the channel)."
        in transcript
    )
    assert "> I want to try more wait time." in transcript


async def test_bad_input_is_answered_with_usage_and_an_example(tmp_path: Path) -> None:
    transcript = await play(
        tmp_path, "/plc team create Science\n/plc checkin 9\n/plc sesion open\nhello"
    )
    assert (
        "9 is outside the scale" in transcript and "Example: /plc checkin 4 curious" in transcript
    )
    assert "Did you mean /plc session open?" in transcript
    assert "I didn't understand that" in transcript


async def test_a_forget_confirmation_shown_to_jon_cannot_delete_lees_data(
    tmp_path: Path,
) -> None:
    """Lee cannot press the buttons only Jon was shown (the core's own guard against a click
    meant for someone else is tested at the door and on Discord)."""
    transcript = await play(
        tmp_path,
        """
/as ana
/plc team create Science
/as jon
/plc checkin 4
/as lee
/plc checkin 3
/as jon
/plc me forget
/as lee
1
Yes, delete my data
/as jon
1
/as lee
/plc me forget
1
""",
    )
    clicks = re.split(r"\(@(?:lee|jon) clicks “Yes, delete my data”\)", transcript)
    before, jons_receipt, lees_receipt = clicks
    lee_tried = before[before.index("(you are now @lee)", before.index("/plc me forget")) :]
    assert "Deleted" not in lee_tried and "I didn't understand that" in lee_tried
    assert "Deleted" in jons_receipt and "1 check-in" in jons_receipt
    assert "Deleted" in lees_receipt and "1 check-in" in lees_receipt  # still there


def run_cli(args: list[str], cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "plcbot", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_the_demo_exits_zero_without_a_terminal_and_plays_the_walk_through(tmp_path: Path) -> None:
    done = run_cli(["demo"], tmp_path)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for expected in [
        "Welcome, Grade 4 Math",
        "Saved the student learning need for cycle 1.",
        "== What Analyze student data produced ==",
        "[form] The team's goal",
        "Saved the goal of cycle 1.",
        "Session open: Fractions on a number line",
        "(3 people have checked in.)",
        "@maria — share the fractions rubric",
        "@jon — bring five exit tickets",
        "Roles: Note taker: @jon · Timekeeper: @maria",
        "Agenda (70 min)",
        "Decision 1 is in the minutes",
        "== Minutes: Fractions on a number line — Grade 4 Math ==",
        "Attendance (3): @maria, @jon, @lee",
        "• Every class takes the same exit ticket on Fridays",
        "Session closed: Fractions on a number line",
        "This was relevant to my work",
        "@jon shared a reflection",
        "== Your PD hours ==",
        "signed off by @fay",
        "Report: Grade 4 Math",
        "(@maria clicks “5 — strongly agree”)",  # the pulse's buttons, not Fay's own ones
        "== Notice and wonder · step 2 of 5: Notice ==",
        "Protocol notes",
        "Notice and wonder — Look quietly: Most wrong answers put 3/4 past the 1",
        "Added to part 3 (The adjusted lesson)",
        "micro-credential-formative-data.zip",
        "The walk-through is done.",
    ]:
        assert expected in out, expected
    assert "I didn't understand" not in out and "You have no reflection" not in out
    assert (tmp_path / "data" / "demo.sqlite3").exists()
    again = run_cli(["demo"], tmp_path)  # starts afresh every time
    assert again.returncode == 0 and "already the learning team" not in again.stdout


def test_the_console_reads_a_script_from_stdin_and_keeps_its_database(tmp_path: Path) -> None:
    first = run_cli(
        ["console"], tmp_path, "/plc team create Science\n/plc norms add Phones away.\n"
    )
    assert first.returncode == 0, first.stderr
    second = run_cli(["console", "--user", "bo"], tmp_path, "/plc norms\n")
    assert "6. Phones away." in second.stdout


def test_a_config_error_names_the_key_and_what_is_wrong(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text('[scheduler]\nmisfire_grace_minutes = "soon"\n')
    done = run_cli(["--config", "bad.toml", "console"], tmp_path)
    assert done.returncode == 2
    assert "[scheduler] misfire_grace_minutes: must be a whole number of minutes" in done.stderr


def test_run_without_credentials_says_so_and_points_to_the_console(tmp_path: Path) -> None:
    env_clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))}
    done = subprocess.run(
        [sys.executable, "-m", "plcbot", "run"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={**env_clean, "PYTHONPATH": str(ROOT)},
    )
    assert (
        done.returncode == 2
        and "No platform credentials" in done.stderr
        and "plcbot console" in done.stderr
    )


def test_version_and_db_upgrade(tmp_path: Path) -> None:
    assert run_cli(["--version"], tmp_path).stdout.startswith("plcbot ")
    upgraded = run_cli(["db", "upgrade"], tmp_path)
    assert upgraded.returncode == 0 and "database is at revision" in upgraded.stdout


def test_wait_in_the_console_lets_time_pass_and_scheduled_posts_appear(tmp_path: Path) -> None:
    script = (
        '/plc team create Science UTC\n/plc schedule add norms_reminder "0 * * * *"\n/wait 75\n'
    )
    done = run_cli(["console"], tmp_path, script)
    assert done.returncode == 0, done.stderr
    assert "works only on the demo clock" not in done.stdout
    after = done.stdout.split("(75 minutes pass)", 1)[1]
    assert "#grade4 · plcbot" in after and "== Our working norms ==" in after, done.stdout
