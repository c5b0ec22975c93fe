"""The whole bot in a terminal, like a team channel: type /plc commands, switch who speaks."""

from adapters.console.chat import ConsoleChat
from adapters.console.console import Console

__all__ = ["Console", "ConsoleChat"]
