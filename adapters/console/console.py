"""The console adapter: a Chat that prints, and a line-driven loop that speaks for people.

The lines it understands are listed in adapters/console/words.py (HELP, what `/help` prints).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from adapters.console.chat import ConsoleChat
from adapters.console.forms import PendingForm, asked_again, choice_of, question
from adapters.console.words import GREETING, HELP, NOT_UNDERSTOOD
from bot.api import (
    Actor,
    Button,
    ChoiceField,
    CommunityRef,
    Form,
    MessageRef,
    Outcome,
    PlcBot,
    _,
    ngettext,
    speaking,
    unexpected,
)

WAIT_STEP_MINUTES = 15


class Console:
    def __init__(
        self,
        out: TextIO,
        *,
        community: str = "demo-school",
        channel: str = "grade4",
        user: str = "ana",
        advance: Callable[[float], None] | None = None,
        export_dir: Path = Path("data") / "exports",
        language: str | None = None,
    ) -> None:
        self.out = out
        # The console's own words (prompts, hints, labels) in this language; None: whatever
        # language is being spoken around it (English unless a caller chose one).
        self.language = language
        self.community = CommunityRef("console", community, community)
        self.channel = channel
        self.user = user
        self.chat = ConsoleChat(out, self._set_buttons, export_dir)
        self.chat.language = language
        self.bot: PlcBot | None = None
        # The latest buttons each audience saw (None: the channel), with when, so a person
        # clicks the newest buttons shown to them, never another person's ephemeral ones.
        self._shown: dict[str | None, tuple[int, list[Button]]] = {}
        self._order = itertools.count()
        self.form: PendingForm | None = None
        self._advance = advance
        # The scheduler's tick, set by the composition root: /wait runs it as time passes.
        self.tick: Callable[[], Awaitable[object]] | None = None
        self.running = True

    def attach(self, bot: PlcBot) -> None:
        self.bot = bot

    def _set_buttons(self, buttons: list[Button], audience: str | None) -> None:
        self._shown[audience] = (next(self._order), buttons)

    @property
    def buttons(self) -> list[Button]:
        """The newest buttons the current person can see: the channel's, or their own."""
        seen = [self._shown[a] for a in (None, self.user) if a in self._shown]
        return max(seen, key=lambda s: s[0])[1] if seen else []

    @contextmanager
    def speaking(self) -> Iterator[None]:
        """The console's language around its own words (the core's replies choose their own)."""
        if self.language is None:
            yield
            return
        with speaking(self.language):
            yield

    def greeting(self) -> str:
        with self.speaking():
            return _(GREETING).format(user=self.user, channel=self.channel)

    def say(self, text: str) -> None:
        print(text, file=self.out)

    @property
    def prompt(self) -> str:
        if self.form:
            return "  … "
        with self.speaking():
            return _("@{user} in #{channel}> ").format(user=self.user, channel=self.channel)

    def actor(self, *, dm: bool = False) -> Actor:
        return Actor(self.community, self.user, None if dm else self.channel, is_dm=dm)

    async def handle(self, raw: str, *, echo: bool = False) -> None:
        """One line. Whatever breaks inside is apologised for (with a reference that is also
        in the log) and the console goes on to the next line."""
        with self.speaking():
            try:
                await self._handle(raw, echo=echo)
            except Exception:
                await self._show(unexpected(self.community.id))

    async def _handle(self, raw: str, *, echo: bool) -> None:
        line = raw.rstrip("\n")
        if self.form is not None and not self._moves_on(line):
            if echo:
                self.say(f"  … {line}")
            await self._answer_form(line)
            return
        stripped = line.strip()
        if not stripped:
            return
        if stripped.startswith("#"):
            self.say("")
            self.say(f"-- {stripped.lstrip('#').strip()} --")
            return
        if echo:
            self.say(self.prompt + stripped)
        await self._dispatch(stripped)

    async def _dispatch(self, line: str) -> None:
        assert self.bot is not None, "attach a bot first"
        word, _sep, rest = line.partition(" ")
        rest = rest.strip()
        if word == "/plc" or line.startswith("/plc"):
            await self._show(await self.bot.command(self.actor(), line))
        elif word == "/as" and rest:
            self.user = rest.lstrip("@")
            self.say(_("(you are now @{user})").format(user=self.user))
        elif word == "/in" and rest:
            self.channel = rest.lstrip("#")
            self.say(_("(you are now in #{channel})").format(channel=self.channel))
        elif word == "/dm" and rest:
            await self._show(await self.bot.message(self.actor(dm=True), rest))
        elif word == "/reply" and rest:
            msg_id, _sep, body = rest.partition(" ")
            dm = self.chat.dms.get(msg_id) == self.user  # a reply to a DM the bot sent you
            where = f"dm-{self.user}" if dm else self.channel
            outcome = await self.bot.message(
                self.actor(dm=dm), body, thread=MessageRef(where, msg_id)
            )
            await self._show(outcome)
        elif word == "/click" and rest:
            await self._click(rest)
        elif word == "/wait" and rest:
            await self._wait(rest)
        elif word in ("/quit", "/exit"):
            self.running = False
        elif word == "/help":
            self.say(_(HELP))
        elif self._button(line) is not None:
            await self._click(line)
        else:
            self.say(_(NOT_UNDERSTOOD))

    async def _wait(self, rest: str) -> None:
        """Let time pass on the console's clock, through the scheduler: it runs every quarter hour of
        the wait, so what is scheduled meanwhile is posted (at most a quarter hour late)."""
        m = re.fullmatch(r"(\d+)\s*(m|min|minutes)?", rest)
        if not m or self._advance is None:
            self.say(_("(/wait takes minutes, like /wait 90)"))
            return
        left = int(m.group(1))
        self.say(ngettext("({n} minute passes)", "({n} minutes pass)", left).format(n=left))
        while left > 0:
            step = min(left, WAIT_STEP_MINUTES)
            self._advance(step)
            left -= step
            if self.tick is not None:
                await self.tick()

    def _button(self, choice: str) -> Button | None:
        choice = choice.strip().strip("[]")
        if choice.isdigit() and 1 <= int(choice) <= len(self.buttons):
            return self.buttons[int(choice) - 1]
        for button in self.buttons:
            if button.label.casefold() == choice.casefold():
                return button
        return None

    async def _click(self, choice: str) -> None:
        assert self.bot is not None
        button = self._button(choice)
        if button is None:
            self.say(_("(no such button on the latest message)"))
            return
        self.say(_("(@{user} clicks “{label}”)").format(user=self.user, label=button.label))
        await self._show(await self.bot.click(self.actor(), button.action.id))

    async def _show(self, outcome: Outcome) -> None:
        if outcome.form is not None:
            self._open_form(outcome.form)
            return
        if outcome.reply is not None:
            header = _("only @{user} sees this · plcbot").format(user=self.user)
            self.chat._emit(header, outcome.reply, audience=self.user)

    # ---- forms: the console asks for each field on its own line ------------------------

    def _open_form(self, form: Form) -> None:
        self.form = PendingForm(form, self.actor(), {})
        self.say(_("[form] {title}").format(title=form.title))
        if form.intro:
            self.say(f"  {form.intro}")
        self._ask()

    def _ask(self) -> None:
        assert self.form is not None
        self.say("  " + question(self.form.form.fields[self.form.index]))

    async def _answer_form(self, line: str) -> None:
        assert self.form is not None and self.bot is not None
        pending = self.form
        field = pending.form.fields[pending.index]
        value = line.strip()
        if value.startswith("/"):  # a console command, never the answer's text
            self._command_mid_form(value.split()[0])
            return
        if isinstance(field, ChoiceField):
            chosen = choice_of(field, value)
            if chosen is None:
                self.say(
                    "  "
                    + _("(“{value}” is not one of the choices; nothing was saved yet.)").format(
                        value=value
                    )
                )
                self._ask()
                return
            value = chosen
        elif not value:
            value = field.initial
        pending.answers[field.id] = value
        pending.index += 1
        if pending.index < len(pending.form.fields):
            self._ask()
            return
        self.form = None
        outcome = await self.bot.submit(pending.actor, pending.form.action.id, pending.answers)
        await self._show(outcome)
        self.form = asked_again(pending, outcome)  # a refused field is asked for again
        if self.form is not None:
            self._ask()

    def _moves_on(self, line: str) -> bool:
        """A form of optional fields only (the word after a check-in) is left as it is when the
        next line is a command or a comment: the check-in stands, the script goes on."""
        assert self.form is not None
        if any(isinstance(f, ChoiceField) or f.required for f in self.form.form.fields):
            return False
        if not line.strip().startswith(("/", "#")) or line.strip() == "/cancel":
            return False
        self.form = None
        self.say("  " + _("(form left empty; nothing more was saved)"))
        return True

    def _command_mid_form(self, word: str) -> None:
        if word in ("/cancel", "/quit", "/exit"):
            self.form = None
            self.say(_("(form cancelled; nothing was saved)"))
            self.running = word == "/cancel"
            return
        self.say(
            _(
                "(you are filling in a form: answer it first, or type /cancel to leave it;"
                " {word} was not saved)"
            ).format(word=word)
        )
        self._ask()
