"""The simulation's clock as every `plcbot run` it started reads it (plcbot/simulated.py): a
file the simulation writes before everything it does, in a folder only the run's user may use,
in memory where the machine has it."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path

from bot.clock import FixedClock
from simulation.scratch import run_folder


def clock_folder() -> tempfile.TemporaryDirectory[str]:
    """A folder only the run's user may use for the shared clock, in memory (/dev/shm) when
    the machine has it: a file renamed over another on ext4 is flushed (0.66 ms a write),
    on tmpfs it is not (issue 20)."""
    return run_folder("plcbot-clock-", memory=True)


class SharedClock(FixedClock):
    """The simulation's clock, written to a file every `plcbot run` it started reads."""

    def __init__(self, start: datetime, path: Path) -> None:
        super().__init__(start)
        self.path = path
        self._write()

    def set(self, when: datetime) -> None:
        before = self.now()
        super().set(when)
        if self.now() != before:
            self._write()

    def advance(self, **delta: float) -> datetime:
        super().advance(**delta)
        self._write()
        return self.now()

    def _write(self) -> None:
        """A new file renamed over the old: a reader sees one whole time, never a torn one."""
        new = f"{self.path}.new"
        fd = os.open(new, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
        try:
            os.write(fd, self.now().isoformat().encode())
        finally:
            os.close(fd)
        os.replace(new, self.path)
