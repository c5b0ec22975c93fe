"""One community typed at the real console adapter: `/as`, `/in`, `/plc …` and button numbers,
as a person at the terminal would. What the terminal printed is read back the way the
console labels it: a channel's post, a DM to someone, or an answer only the typist sees."""

from __future__ import annotations

import io
import re
from pathlib import Path

from adapters.console.console import Console
from simulation.slack_wire import Seen

HEADER = re.compile(
    r"^(?:#(?P<channel>\S+) · plcbot · m\d+|DM to @(?P<dm>\S+) · plcbot · m\d+|"
    r"only @(?P<only>\S+) sees this · plcbot)"
)
FILE = re.compile(r"^  file: (?P<path>.+)$")


class ConsoleWire:
    def __init__(self, community: str, export_dir: Path) -> None:
        self.out = io.StringIO()
        self.console = Console(self.out, community=community, export_dir=export_dir)

    async def type(self, user: str, channel: str, line: str) -> None:
        if self.console.user != user:
            await self.console.handle(f"/as {user}")
        if self.console.channel != channel:
            await self.console.handle(f"/in {channel}")
        await self.console.handle(line)

    def buttons(self) -> list[str]:
        return [b.action.id for b in self.console.buttons]

    def take(self) -> list[Seen]:
        """What the terminal printed since the last call, each part with who could read it."""
        printed = self.out.getvalue().splitlines()
        self.out.seek(0)
        self.out.truncate()
        out: list[Seen] = []
        current = Seen(self.console.user, None, "")
        for line in printed:
            m = HEADER.match(line)
            if m:
                out.append(current)
                if m["channel"]:
                    current = Seen(None, m["channel"], "")
                else:
                    current = Seen(m["dm"] or m["only"], None, "")
                continue
            f = FILE.match(line)
            if f:
                current.files.append(Path(f["path"]).read_bytes())
            current.text += line + "\n"
        out.append(current)
        shown = [s for s in out if s.text.strip() or s.files]
        mine = [s for s in shown if s.user == self.console.user]
        if mine and printed:  # the buttons of the latest message, the typist's to press
            mine[-1].buttons = self.buttons()
        return shown
