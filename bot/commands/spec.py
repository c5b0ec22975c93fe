"""A command spec of the `/plc` grammar, and the errors its parsers raise."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.commands.policy import policy_of
from bot.domain import Role
from bot.messages import Inline


class ParseError(ValueError):
    """A known command called the wrong way; carries the spec so the reply can show usage."""

    def __init__(self, spec: Spec, *problem: str | Inline) -> None:
        super().__init__(
            "".join(p if isinstance(p, str) else getattr(p, "text", "") for p in problem)
        )
        self.spec = spec
        self.problem = problem  # trusted text (backticks mark commands) and Plain user values


class UnknownCommand(ValueError):
    """No spec matches. `group` is set when the first word is known but the rest is not."""

    def __init__(self, words: str, group: str | None, suggestion: str | None) -> None:
        super().__init__(words)
        self.words = words
        self.group = group
        self.suggestion = suggestion


Parser = Callable[["Spec", str], Any]


@dataclass(frozen=True)
class Spec:
    path: tuple[str, ...]
    usage: str  # arguments after the path, e.g. "[1-5] [word]"
    example: str  # arguments of a working example
    summary: str
    intent: type  # what the text reads into; its policy (role, team) is declared per type
    parse: Parser
    details: str = ""

    @property
    def role(self) -> Role:
        return policy_of(self.intent).role

    @property
    def name(self) -> str:
        return " ".join(self.path)

    @property
    def usage_line(self) -> str:
        return f"/plc {self.name} {self.usage}".rstrip()

    @property
    def example_line(self) -> str:
        return f"/plc {self.name} {self.example}".rstrip()
