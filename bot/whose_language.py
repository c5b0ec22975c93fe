"""Whose language a reply is said in (issue 16): a person's own choice first
(`/plc me language`), then their platform's locale (Discord's interaction locale; Slack gives
none), then the team's language, then the community default (`Settings.default_language`).

Channel posts and the cards they update are said in the team's language instead
(`Ctx.to_team()`); DMs to someone other than the actor in the recipient's (`recipient`)."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable, Collection
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypeVar

from babel import Locale, UnknownLocaleError

from bot.i18n import SOURCE, current, languages, normalise, speaking

if TYPE_CHECKING:
    from bot.usecases.context import Actor, Ctx, Settings

T = TypeVar("T")


def resolve(
    *,
    chosen: str | None = None,
    locale: str | None = None,
    team: str | None = None,
    default: str | None = None,
) -> str:
    """The first rung that names a language plcbot speaks; English when none does (a choice
    or a team's language whose catalog is gone falls through to the next rung)."""
    spoken = languages()
    for rung in (chosen, normalise(locale), team, default):
        if rung and rung in spoken:
            return rung
    return SOURCE


def recipient(chosen: str | None, team: str | None, default: str | None = None) -> str:
    """A DM to someone who is not acting now (a reminder, a facilitator told of something):
    their own choice, else the team's language, else the default (no locale: nobody is
    on the platform asking)."""
    return resolve(chosen=chosen, team=team, default=default)


def before_work(actor: Actor, settings: Settings) -> str:
    """What is said before the person's membership is read (a throttled request, a value that
    breaks a rule, an unknown command, the database away): their locale, else the default."""
    return resolve(locale=actor.locale, default=settings.default_language)


def of_request(ctx: Ctx) -> str:
    """The language of a request's replies, once its context is read."""
    return resolve(
        chosen=ctx.member.language,
        locale=ctx.actor.locale,
        team=ctx.team.language if ctx.team else None,
        default=ctx.settings.default_language,
    )


def in_the_actors_language(cls: type[T]) -> type[T]:
    """Every public coroutine of `cls` whose first argument is the `actor` answers in
    `before_work`'s language (the class keeps its `Settings` as `_settings`); what runs in a
    unit of work then speaks `of_request`'s (bot.attempt). One line on the core's front door
    instead of a `with` in each of its ways in."""
    for name, method in list(vars(cls).items()):
        if name.startswith("_") or not inspect.iscoroutinefunction(method):
            continue
        if list(inspect.signature(method).parameters)[1:2] == ["actor"]:
            setattr(cls, name, _speaking_to(method))
    return cls


# The actor an outer way in (`command` calls `handle`, which calls `run`) set the language for,
# and that language: an inner one, for the same actor and still in it, has nothing to change.
_set_for: ContextVar[tuple[object, str] | None] = ContextVar("_set_for", default=None)


def _speaking_to(
    method: Callable[..., Awaitable[object]],
) -> Callable[..., Awaitable[object]]:
    @functools.wraps(method)
    async def in_their_language(self: Any, actor: Actor, *args: Any, **kwargs: Any) -> object:
        outer = _set_for.get()
        if outer is not None and outer[0] is actor and outer[1] == current():
            return await method(self, actor, *args, **kwargs)
        with speaking(before_work(actor, self._settings)):
            token = _set_for.set((actor, current()))
            try:
                return await method(self, actor, *args, **kwargs)
            finally:
                _set_for.reset(token)

    return in_their_language


def language_name(language: str | None = None) -> str:
    """`language` (by default the one spoken now) named in the language spoken now: "español"
    said in Spanish, "Spanish" in English."""
    spoken = current()
    try:
        return Locale.parse(language or spoken).get_display_name(spoken) or spoken
    except (ValueError, UnknownLocaleError):
        return language or spoken


async def recipients(ctx: Ctx, user_ids: Collection[str]) -> dict[str, str]:
    """The language of a DM to each of these people from a request (a facilitator told of
    something, a teammate's DM): their own choice, else the request's team's language, else
    the default; read in one go. Build each one's message inside `speaking(found[user])`."""
    chosen = await ctx.uow.members.languages(ctx.community.id, user_ids)
    team = ctx.team.language if ctx.team else None
    return {u: recipient(chosen.get(u), team, ctx.settings.default_language) for u in user_ids}
