"""What a use case hands back: a private reply, a form to open, and posts to deliver."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bot.domain import MessageRef, PendingWithdrawal, PostedKind
from bot.export import ExportFile
from bot.messages import Form, Message


@dataclass(frozen=True)
class ToChannel:
    channel_id: str


@dataclass(frozen=True)
class ToUser:
    """A direct message."""

    user_id: str


@dataclass(frozen=True)
class Record:
    """After posting, remember the message as (kind, subject) so it can be found again."""

    kind: PostedKind
    subject_id: int


@dataclass(frozen=True)
class Post:
    target: ToChannel | ToUser
    message: Message
    record: Record | None = None
    thread: MessageRef | None = None
    files: tuple[ExportFile, ...] = ()  # attachments; only for direct messages


@dataclass(frozen=True)
class Update:
    """Re-render a message the bot posted earlier, in place. `one_at_a_time`: a session
    card's, whose updates go one at a time, the latest last (bot/card_lanes.py)."""

    ref: MessageRef
    message: Message
    one_at_a_time: bool = False


@dataclass(frozen=True)
class Withdrawals:
    """Shared posts to withdraw right after the commit (bot.withdrawals.settle); the reply is
    then worded by `receipt(withdrawn, still_pending)`, from what the platform did."""

    pending: tuple[PendingWithdrawal, ...]
    receipt: Callable[[int, int], Message]


@dataclass
class Outcome:
    reply: Message | None = None  # to the person who acted, visible to them only
    form: Form | None = None  # a modal to open; adapters without modals show `reply`
    posts: list[Post] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    ok: bool = True  # False when the request was refused (bad input, wrong role)
    # A refusal that belongs beside a form's field: {field id: why}. A form shows it there.
    field_errors: dict[str, Message] = field(default_factory=dict)
    withdrawals: Withdrawals | None = None
    # Not run because the person sent too much too fast: try again after this many seconds
    retry_after: int | None = None

    def also(self, other: Outcome) -> Outcome:
        self.posts.extend(other.posts)
        self.updates.extend(other.updates)
        return self
