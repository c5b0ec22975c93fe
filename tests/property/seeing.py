"""What each reader of the trust property's district was shown, checked against the model as
it is recorded: replies and forms, console screens, posts and DMs the platforms received (the
console community's in the world's record of chat, the Slack community's off the fake Slack).
Mixed into World (tests/property/world.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.messages import Form, Message
from tests.property.model import SECRET
from tests.property.slack_front import SLACK

if TYPE_CHECKING:
    from tests.property.console_front import ConsoleFront
    from tests.property.model import Model
    from tests.property.slack_front import Shown, SlackFront
    from tests.property.tap import TapChat

CONSOLE = "console:T1"  # this community is typed at the real console adapter


@dataclass(frozen=True)
class Seen:
    """A button someone was shown: by whom (None: everyone in the channel) and where."""

    viewer: str | None
    cid: str
    channel: str | None  # None: a DM or an ephemeral reply with no channel
    action_id: str
    ts: str = "1.0"  # the message it was on (Slack's clicks name it)


@dataclass
class Violation:
    what: str


class Seeing:
    if TYPE_CHECKING:
        model: Model
        chat: TapChat
        slack: SlackFront
        console: ConsoleFront
        buttons: list[Seen]
        violations: list[Violation]
        pending: dict[str, tuple[str, str]]
        unread: list[Shown]
        _scanned: int

    def read_screen(self, current: str) -> None:
        """Who the console showed each block to: `only @x sees this` is x's; a form is the
        person at the terminal's. Channel posts reach the platform fake and are scanned there."""
        reader = None
        for line in self.console.screen().splitlines():
            if not line.startswith(" "):
                reader = None
                if line.startswith("only @"):
                    reader = line[len("only @") :].split(" ", 1)[0]
                elif line.startswith("[form]"):
                    reader = current
            if reader is not None:
                self.check_text(reader, CONSOLE, line, "the console")

    # ---- seeing ------------------------------------------------------------------------

    def shown(self, reader: str, cid: str, message: Message, *, channel: str | None) -> None:
        self.check_text(reader, cid, message.plain_text(), "a reply")
        for b in message.button_list():
            self.buttons.append(Seen(reader, cid, channel, b.action.id))

    def shown_form(self, reader: str, cid: str, form: Form) -> None:
        initial = " ".join(getattr(f, "initial", "") for f in form.fields)
        self.check_text(reader, cid, f"{form.intro} {initial}", "a form")

    def absorb(self, opener: str | None) -> None:
        """Read what the fake Slack received so far (a modal: `opener` opened it, by what they
        did). What holds words typed in this step waits for the end of the step, when the model
        knows what the step saved; the rest is read now, while what it shows is live."""
        for shown in self.slack.take(opener):
            if any(token in self.pending for token in SECRET.findall(shown.text)):
                self.unread.append(shown)
            else:
                self.see(shown)

    def read_wire(self) -> None:
        """What the fake Slack received, all read by whom it reached (the end of a step)."""
        self.absorb(None)
        for shown in self.unread:
            self.see(shown)
        self.unread = []

    def see(self, shown: Shown) -> None:
        people = self.model.communities[SLACK].people
        for reader in [shown.reader] if shown.reader else people:
            self.check_text(reader, SLACK, shown.text, shown.where)
        for action_id, ts in shown.buttons:
            self.buttons.append(Seen(shown.reader, SLACK, shown.channel, action_id, ts))

    def scan_chat(self) -> None:
        """Everything the platforms received since the last scan, read by whom it reached."""
        self.read_wire()
        for sent in self.chat.sent[self._scanned :]:
            cid = f"{sent.community.platform}:{sent.community.external_id}"
            if id(sent) in self.chat.wired:
                continue  # read off the fake Slack (read_wire)
            body = sent.text + " ".join(c.decode("utf-8", "replace") for c in sent.files.values())
            if sent.kind == "dm":
                self.check_text(sent.where, cid, body, "a direct message")
                for b in sent.message.button_list():
                    self.buttons.append(Seen(sent.where, cid, None, b.action.id))
                continue
            channel = sent.where if sent.kind == "post" else sent.ref.channel_id
            for reader in self.model.communities[cid].people:
                self.check_text(reader, cid, body, f"a post in {channel}")
            for b in sent.message.button_list():
                self.buttons.append(Seen(None, cid, channel, b.action.id))
        self._scanned = len(self.chat.sent)

    def check_text(self, reader: str, cid: str, body: str, where: str) -> None:
        for token in set(SECRET.findall(body)):
            secret = self.model.secrets.get(token)
            if secret is None:
                author, home = self.pending.get(token, ("", ""))
                if not (reader == author and home == cid):
                    self.violations.append(
                        Violation(f"{reader} saw {token} (not a live reflection) in {where}")
                    )
            elif not self.model.may_read(reader, secret, cid):
                self.violations.append(
                    Violation(
                        f"{reader} saw {token} by {secret.author} ({secret.audience}, "
                        f"{secret.channel}) in {where}"
                    )
                )
