"""The learning team's own vocabulary: communities, teams, roles, the cycle, sessions,
check-ins, reflections, pulse answers. Plain frozen dataclasses; rows live in storage/."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from bot.rules.score import Score


class Role(enum.IntEnum):
    """Roles are ordered: an admin may do what a facilitator may, who may do what a teacher may."""

    TEACHER = 1
    FACILITATOR = 2
    ADMIN = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, word: str) -> Role | None:
        try:
            return cls[word.strip().upper()]
        except KeyError:
            return None


class CycleStage(enum.StrEnum):
    """Learning Forward's five-stage learning-team cycle, in order."""

    ANALYZE = "analyze"
    GOALS = "goals"
    LEARN = "learn"
    IMPLEMENT = "implement"
    MONITOR = "monitor"

    @property
    def number(self) -> int:
        return list(CycleStage).index(self) + 1

    def following(self) -> tuple[CycleStage, bool]:
        """The next stage, and whether moving there starts a new cycle."""
        stages = list(CycleStage)
        i = stages.index(self)
        if i + 1 < len(stages):
            return stages[i + 1], False
        return stages[0], True


class Visibility(enum.StrEnum):
    """Who may read a reflection. The author always may."""

    PRIVATE = "private"  # the author only
    FACILITATORS = "facilitators"  # the author and the team's facilitators (default)
    TEAM = "team"  # posted to the team's channel

    @classmethod
    def parse(cls, word: str) -> Visibility | None:
        try:
            return cls(word.strip().lower())
        except ValueError:
            return None


@dataclass(frozen=True)
class CommunityRef:
    """One Slack workspace (or Grid org) or one Discord guild, as the platform names it."""

    platform: str
    external_id: str
    # What the platform calls it, when the payload says; not part of its identity.
    name: str | None = field(default=None, compare=False)

    @property
    def id(self) -> str:
        return f"{self.platform}:{self.external_id}"


@dataclass(frozen=True)
class Community:
    id: str
    platform: str
    external_id: str
    created_at: datetime
    retention_days: int | None = None  # None: the configured default
    removed_at: datetime | None = None  # the bot was uninstalled; data goes after a grace period
    name: str | None = None  # what the platform calls it, when it said (a Discord server's name)


@dataclass(frozen=True)
class Team:
    """One channel of a community that works as a learning team."""

    id: int
    community_id: str
    channel_id: str
    name: str
    timezone: str
    language: str
    stage: CycleStage
    cycle: int
    stage_started_at: datetime
    created_at: datetime
    created_by: str
    norms: tuple[str, ...] | None = None  # None: the library's defaults
    # Archived: no nudges and no new sessions; its records stay until retention or forget.
    archived_at: datetime | None = None

    def effective_norms(self, defaults: tuple[str, ...]) -> tuple[str, ...]:
        return self.norms if self.norms is not None else defaults


@dataclass(frozen=True)
class Member:
    """A person in a community, known by platform user id only (no e-mail, no name)."""

    community_id: str
    user_id: str
    is_admin: bool = False
    reminders: bool = True
    joined_at: datetime | None = None
    language: str | None = None  # their own choice (`/plc me language`); None: auto


@dataclass(frozen=True)
class AdminRoll:
    """A community's admins, and whether it has ever had one (then it never bootstraps again)."""

    admins: tuple[str, ...]
    ever_had: bool


@dataclass(frozen=True)
class TeamRole:
    team_id: int
    user_id: str
    role: Role


@dataclass(frozen=True)
class StageChange:
    team_id: int
    cycle: int
    stage: CycleStage
    started_at: datetime
    changed_by: str | None


@dataclass(frozen=True)
class Session:
    id: int
    community_id: str
    team_id: int
    topic: str
    stage: CycleStage
    opened_by: str
    opened_at: datetime
    closed_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True)
class CheckIn:
    id: int
    community_id: str
    team_id: int
    session_id: int | None
    user_id: str
    score: Score
    word: str | None
    at: datetime


@dataclass(frozen=True)
class PromptDelivery:
    """One reflection prompt sent to a team (in its channel, with a session, or by schedule)."""

    id: int
    community_id: str
    team_id: int
    prompt_id: str
    stage: CycleStage
    sent_at: datetime
    session_id: int | None = None
    kind: str = "reflection"  # "reflection" or "closing"
    # False until its message reached the platform (the scheduler posts after its commit); a
    # prompt nobody saw is not "the latest prompt" a reflection answers.
    posted: bool = True


@dataclass(frozen=True)
class Reflection:
    id: int
    community_id: str
    team_id: int
    user_id: str
    text: str
    visibility: Visibility
    created_at: datetime
    delivery_id: int | None = None
    edited_at: datetime | None = None

    def readable_by(self, user_id: str, *, is_team_facilitator: bool) -> bool:
        """The one rule for who may read a reflection's text."""
        if user_id == self.user_id:
            return True
        if self.visibility is Visibility.PRIVATE:
            return False
        if self.visibility is Visibility.TEAM:
            return True
        return is_team_facilitator


@dataclass(frozen=True)
class PulseAnswer:
    community_id: str
    session_id: int
    user_id: str
    relevant: Score | None = None  # 1 strongly disagree .. 5 strongly agree
    recommend: bool | None = None


class PostedKind(enum.StrEnum):
    """What a message the bot posted is, so it can be found again (stored as these strings)."""

    SESSION_CARD = "session_card"  # subject: the session
    PULSE = "pulse"  # the feedback pulse at a session's close; subject: the session
    PROMPT = "prompt"  # a reflection prompt in the channel; subject: the delivery
    PROMPT_DM = "prompt_dm"  # a prompt DMed to one person; subject: the delivery
    REFLECTION = "reflection"  # a reflection shared with the team; subject: the reflection
    PROTOCOL_STEP = "protocol_step"  # a protocol run's step card; subject: the run step


@dataclass(frozen=True)
class MessageRef:
    """Where a message the bot posted lives on its platform (channel + platform message id)."""

    channel_id: str
    message_id: str


@dataclass(frozen=True)
class PostedMessage:
    """A message the bot posted that it may need to find again (to update or to thread)."""

    community_id: str
    kind: PostedKind
    subject_id: int
    ref: MessageRef
    user_id: str | None = None  # for DMs: whose DM it is
    posted_at: datetime | None = None


@dataclass(frozen=True)
class PendingWithdrawal:
    """A shared reflection's post still to be replaced by "removed by its author": the
    platform refused the edit when the author forgot their data. Holds no text, no person."""

    community_id: str
    ref: MessageRef
    next_try_at: datetime
    attempts: int = 0
    id: int = 0


@dataclass(frozen=True)
class AuditEntry:
    community_id: str
    reader_id: str  # who did it ("cli:<account>" for the server's command line)
    team_id: int | None  # None: about the whole community (an admin granted on the server)
    what: str  # "reflections" (a facilitator listing), "export", "admin grant"
    count: int  # how many reflections were shown
    at: datetime
    subject_id: str | None = None  # whom it was about (the person granted), if anyone
