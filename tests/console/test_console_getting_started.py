"""Getting started in the terminal (issue 18): the greeting, the flags and their help, scripted
input that is never throttled, buttons numbered as they are typed, exports under the data
folder. The `plcbot` command runs in a subprocess, as a newcomer runs it."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.console.test_console_e2e import ROOT, play, run_cli


async def test_console_buttons_on_a_card_with_a_bullet_list_are_numbered_as_typed(
    tmp_path: Path,
) -> None:
    transcript = await play(
        tmp_path,
        """
/plc team create Science
/plc session open Cells
/as bo
5
""",
    )
    assert "[1] 1 — running on empty" in transcript and "[6] Reflect" in transcript
    assert "(@bo clicks “5 — full of energy”)" in transcript


def test_the_console_greets_with_three_things_to_try_first(tmp_path: Path) -> None:
    done = run_cli(["console"], tmp_path, "/quit\n")
    assert done.returncode == 0, done.stderr
    first = done.stdout.split("@ana in #grade4> /quit")[0]
    assert "Three things to try first:" in first
    for command in (
        '/plc team create "Grade 4 Math" America/Chicago',
        "/plc session open",
        "/plc help",
    ):
        assert command in first, command


def test_console_user_and_channel_written_with_sigils_are_read_without_them(
    tmp_path: Path,
) -> None:
    made = run_cli(
        ["console", "--user", "@fay", "--channel", "#grade4"], tmp_path, "/plc team create Math\n"
    )
    assert "@fay in #grade4> /plc team create Math" in made.stdout, made.stdout
    assert "@@fay" not in made.stdout and "##grade4" not in made.stdout
    later = run_cli(["console", "--user", "bo", "--channel", "grade4"], tmp_path, "/plc norms\n")
    assert "Maintain confidentiality" in later.stdout  # the same channel: the team is there


def test_plcbot_db_alone_prints_what_db_can_do(tmp_path: Path) -> None:
    done = run_cli(["db"], tmp_path)
    assert done.stdout.startswith("usage: plcbot db") and "upgrade" in done.stdout
    assert "console" not in done.stdout  # not the top-level help


def test_console_flags_and_run_environment_are_explained_by_help(tmp_path: Path) -> None:
    console = run_cli(["console", "--help"], tmp_path).stdout
    assert "--user USER" in console and "the person you speak as" in console
    assert "the channel you start in" in console
    run = run_cli(["run", "--help"], tmp_path).stdout
    for name in ("SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "DISCORD_TOKEN", "DATABASE_URL"):
        assert name in run, name


def test_scripted_console_input_is_never_throttled(tmp_path: Path) -> None:
    script = "/plc team create Math\n" + "/plc norms\n" * 40
    done = run_cli(["console"], tmp_path, script)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("Maintain confidentiality") == 40
    assert "faster than I can keep up" not in done.stdout


def test_a_console_export_is_written_under_the_data_folder_which_git_ignores(
    tmp_path: Path,
) -> None:
    done = run_cli(["console"], tmp_path, "/plc team create Math\n/plc checkin 4\n/plc me export\n")
    files = [
        Path(line.split("file: ", 1)[1]).relative_to(tmp_path)
        for line in done.stdout.splitlines()
        if "file: " in line
    ]
    assert files and all(f.parts[:2] == ("data", "exports") for f in files), done.stdout
    assert all((tmp_path / f).exists() for f in files)
    assert not (tmp_path / "exports").exists()
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", str(files[0])], cwd=ROOT, check=False, capture_output=True
    )
    assert ignored.returncode == 0  # an export can never be committed by accident


def test_make_demo_on_a_fresh_machine_says_what_it_installs_and_how_long(tmp_path: Path) -> None:
    planned = subprocess.run(
        ["make", "-n", "demo", f"VENV={tmp_path / 'venv'}"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    said = planned.split("pip install")[0]  # what it says before the silent install
    assert "Installing plcbot and its packages" in said and "about two minutes" in said


async def test_the_forget_confirmation_in_the_console_can_be_cancelled(tmp_path: Path) -> None:
    transcript = await play(
        tmp_path,
        """
/plc team create Science
/as bo
/plc checkin 4
/plc me forget
Cancel
/plc me forget
""",
    )
    assert "[1] Yes, delete my data  [2] Cancel" in transcript
    assert "(@bo clicks “Cancel”)" in transcript and "nothing was deleted" in transcript
    assert "Deleted" not in transcript


async def test_after_a_check_in_click_the_console_asks_for_the_word_and_a_command_skips_it(
    tmp_path: Path,
) -> None:
    transcript = await play(
        tmp_path,
        """
/plc team create Science
/plc session open Cells
/as bo
4
curious
/as cy
2
/as di
5
""",
    )
    assert "[form] Add a word" in transcript
    assert "Checked in: 4 — ready to dig in (curious)." in transcript
    assert "(form left empty; nothing more was saved)" in transcript  # cy's: /as moved on
    assert "(@di clicks “5 — full of energy”)" in transcript
    assert "(3 people have checked in.)" in transcript
