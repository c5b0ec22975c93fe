"""What a benchmark run prints as it goes: one timestamped line per step."""

from __future__ import annotations

import time


def say(line: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {line}", flush=True)
