"""A teacher's rights over their own data (export, forget) and a facilitator's audited reading."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot import actions
from bot.cards import day_text
from bot.commands import intents as i
from bot.domain import (
    AuditEntry,
    PendingWithdrawal,
    PostedKind,
    PostedMessage,
    Reflection,
    Role,
    Visibility,
)
from bot.i18n import N_, _, current, fill, ngettext, speaking
from bot.messages import Bold, Button, ButtonStyle, Mention, Message, MessageBuilder, text
from bot.outcome import Outcome, Post, ToUser, Withdrawals
from bot.prompt_lookup import find_prompt
from bot.usecases.admins import keep_an_admin
from bot.usecases.context import Ctx, Refusal
from bot.usecases.my_export import export_files
from bot.usecases.places import persons_place
from bot.usecases.receipt import forget_receipt
from bot.usecases.us_dates import read_as

AGAIN = N_("run `/plc me forget` again")
# A reflection as its reader sees it (WHO_SEES is its author's view: "you and ...").
SHARED_WITH = {
    Visibility.PRIVATE: N_("private"),
    Visibility.FACILITATORS: N_("shared with the facilitators"),
    Visibility.TEAM: N_("shared with the whole team"),
}
NOT_YOURS = N_(
    "This button was meant for someone else, so nothing was deleted. "
    "To delete your own data, use `/plc me forget`."
)


async def export(cmd: i.MeExport, ctx: Ctx) -> Outcome:
    files = await export_files(ctx)
    note = MessageBuilder().para(
        *fill(
            _("{title} — reflections, check-ins, feedback and a PD-hours log."),
            title=Bold(_("Your plcbot data")),
        )
    )
    note.context(
        _("JSON for your records; CSV files open in any spreadsheet. Only you received this.")
    )
    return Outcome(
        reply=text(_("I've sent your data to you in a direct message.")),
        posts=[Post(ToUser(ctx.user_id), note.build(), files=tuple(files))],
    )


async def forget(cmd: i.MeForget, ctx: Ctx) -> Outcome:
    if ctx.member.is_admin:
        await keep_an_admin(ctx, ctx.user_id, then=_(AGAIN))
    place = await persons_place(ctx)
    b = MessageBuilder().para(
        Bold(_("Delete all your data in {place}?").format(place=place)),
        _(
            " Your reflections, check-ins, feedback answers, micro-credential portfolios, roles "
            "and settings will be deleted for good. Reflections you shared with the team are "
            "withdrawn from the channel. This cannot be undone; export your data first if you "
            "want a copy (/plc me export)."
        ),
    )
    b.buttons(
        Button(_("Yes, delete my data"), actions.forget(ctx.user_id), ButtonStyle.DANGER),
        Button(_("Cancel"), actions.forget_cancel(ctx.user_id)),
    )
    return Outcome(reply=b.build())


async def forget_cancelled(cmd: i.ForgetCancel, ctx: Ctx) -> Outcome:
    if cmd.addressee != ctx.user_id:
        raise Refusal(_("This button was meant for someone else; nothing changed."))
    return Outcome(reply=text(_("Cancelled: nothing was deleted, and your data stays as it was.")))


async def forget_confirmed(cmd: i.ForgetConfirm, ctx: Ctx) -> Outcome:
    """The confirmation acts only for the person it was shown to (a console's shared screen, a
    forwarded message, a crafted id): anyone else is refused and nothing is deleted."""
    if cmd.addressee != ctx.user_id:
        raise Refusal(_(NOT_YOURS))
    cid, uid = ctx.community.id, ctx.user_id
    await keep_an_admin(ctx, uid, then=_(AGAIN))  # before anything is deleted, under the lock
    place = await persons_place(ctx)
    pending = [
        await ctx.uow.withdrawals.add(PendingWithdrawal(cid, post.ref, ctx.now))
        for post in await _shared_posts(ctx)
    ]
    counts = await ctx.uow.rights.forget_person(cid, uid)
    language = current()  # said again when the platform answers: in the same language

    def receipt(withdrawn: int, still_pending: int) -> Message:
        with speaking(language):
            return forget_receipt(ctx.now, counts, withdrawn, still_pending, place=place)

    return Outcome(reply=receipt(0, len(pending)), withdrawals=Withdrawals(tuple(pending), receipt))


LISTED = 15  # a listing's reflections at most: 3 blocks each fits Slack's 50 with its headings


def newest(found: list[Reflection]) -> tuple[list[Reflection], int]:
    """The newest LISTED reflections (a longer listing would be cut short by the platform,
    losing the newest), and how many older ones were left out."""
    ordered = sorted(found, key=lambda r: (r.created_at, r.id))
    return ordered[-LISTED:], max(0, len(ordered) - LISTED)


async def _shared_posts(ctx: Ctx) -> list[PostedMessage]:
    """The channel posts of the person's reflections shared with their team: only posts in
    the reflection's own team's channel (as shared_posts says), read at once, not one read
    per reflection."""
    cid = ctx.community.id
    channels = {t.id: t.channel_id for t in await ctx.uow.teams.list(cid)}
    shared = {
        r.id: channels[r.team_id]
        for r in await ctx.uow.reflections.by_user(cid, ctx.user_id)
        if r.visibility is Visibility.TEAM and r.team_id in channels
    }
    posted = await ctx.uow.posted.for_subjects(cid, PostedKind.REFLECTION, list(shared))
    return [p for p in posted if p.ref.channel_id == shared.get(p.subject_id)]


async def list_reflections(cmd: i.ListReflections, ctx: Ctx) -> Outcome:
    team = ctx.need_team()
    read = read_as(cmd.written, cmd.since or ctx.now.date(), [team])
    held = await ctx.uow.team_roles.get(team.community_id, team.id, ctx.user_id)
    is_facilitator = held is not None and held.role >= Role.FACILITATOR
    since = (
        datetime.combine(cmd.since, time(0), ZoneInfo(team.timezone)).astimezone(UTC)
        if cmd.since
        else ctx.now - timedelta(days=30)
    )
    readable = [
        r
        for r in await ctx.uow.reflections.list(team.community_id, team.id, since)
        if r.user_id != ctx.user_id
        and r.readable_by(ctx.user_id, is_team_facilitator=is_facilitator)
    ]
    readable, left_out = newest(readable)
    await ctx.uow.audit.add(
        AuditEntry(team.community_id, ctx.user_id, team.id, "reflections", len(readable), ctx.now)
    )
    by_prompt: dict[int, list[Reflection]] = defaultdict(list)
    for r in readable:
        by_prompt[r.delivery_id or 0].append(r)
    zone = ZoneInfo(team.timezone)
    b = MessageBuilder().heading(
        _("Reflections in {team} since {day}{read}").format(
            team=team.name, day=day_text(since, zone, ctx.now), read=read
        )
    )
    _how_many(b, len(readable), left_out)
    # The team's prompts in one read, not one per prompt answered.
    sent = {d.id: d for d in await ctx.uow.deliveries.list(team.community_id, team.id)}
    for delivery_id, group in sorted(
        by_prompt.items(), key=lambda kv: min(r.created_at for r in kv[1])
    ):
        delivery = sent.get(delivery_id)
        prompt = (
            await find_prompt(ctx.uow, ctx.library, team.community_id, delivery.prompt_id)
            if delivery
            else None
        )
        b.para(Bold(prompt.text if prompt else _("Without a prompt")))
        for r in sorted(group, key=lambda r: r.created_at):
            when = day_text(r.created_at, zone, ctx.now)
            b.para(Mention(r.user_id), f" · {when} · {_(SHARED_WITH[r.visibility])}")
            b.quote(r.text)
    b.context(
        _(
            "This reading is recorded in the community's audit log. Private reflections are "
            "never listed."
        )
    )
    return Outcome(reply=b.build())


def _how_many(b: MessageBuilder, shown: int, left_out: int) -> None:
    if not shown:
        b.para(
            _(
                "None you can read yet. Private reflections are never shown, not even to "
                "facilitators."
            )
        )
    if left_out:
        n = shown + left_out
        b.context(
            ngettext(
                "The newest {shown} of the {n} you can read; older ones are left out.",
                "The newest {shown} of the {n} you can read; older ones are left out.",
                n,
            ).format(shown=shown, n=n)
        )
