"""A run killed outright leaves its folders behind (its SQLite year in /dev/shm holds memory):
the next run of that kind removes them before making its own, and never a live run's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from simulation.scratch import run_folder, sweep


def _ended_pid() -> int:
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(child.stdout)


def test_a_killed_run_s_folder_is_removed_and_a_live_run_s_kept(tmp_path: Path) -> None:
    killed = tmp_path / f"plcbot-sim-{_ended_pid()}-abc123"
    (killed / "data").mkdir(parents=True)
    (killed / "data" / "simulation.sqlite3").write_bytes(b"a year")
    live = tmp_path / f"plcbot-sim-{os.getpid()}-def456"
    live.mkdir()
    other_kind = tmp_path / f"plcbot-clock-{_ended_pid()}-ghi789"
    other_kind.mkdir()
    before_pids = tmp_path / "plcbot-sim-xyz12345"  # an older run's name, without its pid
    before_pids.mkdir()
    assert sweep(tmp_path, "plcbot-sim-") == [killed]
    assert not killed.exists()
    assert live.exists() and other_kind.exists() and before_pids.exists()


def test_a_run_s_folder_names_its_process_and_goes_when_done() -> None:
    folder = run_folder("plcbot-test-scratch-", memory=True)
    made = Path(folder.name)
    assert made.name.startswith(f"plcbot-test-scratch-{os.getpid()}-") and made.is_dir()
    folder.cleanup()
    assert not made.exists()
