"""What every use case receives: the open unit of work, who is acting, where, and with what role."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.credentials import Catalog
from bot.domain import Community, CommunityRef, Member, Role, Team, TeamRole
from bot.i18n import N_, _, current, speaking
from bot.library import Libraries, PromptLibrary
from bot.messages import Inline, Message, Paragraph, markup
from bot.outcome import Outcome
from bot.ports import UnitOfWork
from bot.rules.norms import MOST_NORMS


class Refusal(Exception):
    """The request cannot be done as asked; the message says why and what to do instead.
    Raising it rolls the unit of work back: nothing is half-written.

    Parts are trusted core text (backticks mark commands) or Plain user values. `field` names
    the form field the refusal belongs to, so a form can show it beside that field."""

    def __init__(self, *parts: str | Inline, field: str | None = None) -> None:
        super().__init__(
            "".join(p if isinstance(p, str) else getattr(p, "text", "") for p in parts)
        )
        self.parts = parts
        self.field = field

    def message(self) -> Message:
        return Message((Paragraph(markup(*self.parts)),))

    def outcome(self) -> Outcome:
        reply = self.message()
        return Outcome(
            reply=reply, ok=False, field_errors={self.field: reply} if self.field else {}
        )


@dataclass(frozen=True)
class Actor:
    """Who is acting and where, as the adapter saw it."""

    community: CommunityRef
    user_id: str
    channel_id: str | None = None  # None or a DM channel when is_dm
    is_dm: bool = False
    locale: str | None = None  # the platform's for this person (Discord's "es-419"); Slack: None


@dataclass(frozen=True)
class Settings:
    default_timezone: str = "UTC"
    default_language: str = "en"
    max_norms: int = MOST_NORMS
    per_minute: float = 30  # requests per person per minute, after a burst
    burst: int = 15
    throttled: bool = True  # False for the console: its one person's script is never held up
    catalog: Catalog | None = None  # micro-credentials; None: the shipped ones
    retention_days: int | None = None  # `[bot] retention_days`; a community's own wins


@dataclass
class Ctx:
    uow: UnitOfWork
    actor: Actor
    community: Community
    member: Member
    team: Team | None
    role: Role
    libraries: Libraries
    settings: Settings
    now: datetime
    # Whether the actor holds a role in `team` (read with the context; None: not read).
    in_team: bool | None = None
    # True when the context read claimed the request's delivery (bot/standing.py).
    claimed: bool | None = None

    def kept_since(self) -> datetime | None:
        """Reflections written before this are deleted by the retention job (None: all kept):
        the community's own setting, else the configured one."""
        days = self.community.retention_days or self.settings.retention_days
        return self.now - timedelta(days=days) if days else None

    @property
    def user_id(self) -> str:
        return self.actor.user_id

    @property
    def library(self) -> PromptLibrary:
        return self.libraries.get(self.team_language)

    @property
    def own_library(self) -> PromptLibrary:
        """The prompt library in the language being spoken: the actor's in a reply to them
        (a check-in's scale label in an English answer is English), the team's in `to_team()`."""
        return self.libraries.get(current())

    @property
    def team_language(self) -> str:
        """The language the team's channel is spoken to in (posts, cards, their updates)."""
        return self.team.language if self.team else self.settings.default_language

    def to_team(self) -> AbstractContextManager[None]:
        """Build a channel post or a card's update inside this: the channel's language, not
        the actor's (a Spanish-speaking teacher's click re-renders an English team's card in
        English)."""
        return speaking(self.team_language)

    def need_team(self) -> Team:
        if self.team is None:
            raise Refusal(_(NOT_A_TEAM))
        return self.team

    async def join_team(self, team: Team) -> None:
        """Anyone who takes part in a team's channel is one of its teachers, unless they hold more."""
        if self.in_team and self.team is not None and team.id == self.team.id:
            return  # read with the context, in this unit of work
        existing = await self.uow.team_roles.get(team.community_id, team.id, self.user_id)
        if existing is None:
            await self.uow.team_roles.save(
                team.community_id, TeamRole(team.id, self.user_id, Role.TEACHER)
            )


NOT_A_TEAM = N_(
    "This channel isn't a learning team yet. An admin can make it one with `/plc team create`, "
    "or run this in your team's channel."
)


async def addressed_to(ctx: Ctx, team: Team) -> bool:
    """Whether what `team` posted was addressed to the actor: they act in its channel, or they
    are one of its people. A crafted id never lets a click reach another team."""
    if ctx.team is not None and ctx.team.id == team.id:
        return True
    return await ctx.uow.team_roles.get(team.community_id, team.id, ctx.user_id) is not None
