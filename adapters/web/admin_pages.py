"""The community's pages for its admins: teams and roles (grant, revoke), the school calendar
(add, remove), the audit log, the declared configuration as TOML and the data-rights page.
Reads through the core's read models; every change through `PlcBot.handle` with chat's own
intents, its refusals shown beside their fields."""

from __future__ import annotations

from datetime import date
from typing import Any

from aiohttp import web
from markupsafe import Markup

from adapters.web.language import page_actor
from adapters.web.pages import refused, who
from adapters.web.render import html
from bot.api import N_, Outcome, PanelAdmin, Role, _, intents, text, values

ROLES = ("facilitator", "admin")
DAY_FORMAT = N_("Write the day as YYYY-MM-DD, like 2026-12-21.")
NOT_A_DAY = N_("“{typed}” is not a date. Write the day as YYYY-MM-DD, like 2026-12-21.")


def field_errors(outcome: Outcome) -> tuple[dict[str, Markup], Markup | None]:
    """A refusal's words beside its fields; a refusal that names no field, above the form."""
    errors = {name: html(reply) for name, reply in outcome.field_errors.items()}
    return errors, (None if errors else html(outcome.reply))


def with_form(values_: dict[str, Any]) -> dict[str, Any]:
    """A page's values with its forms' state: what was sent, errors by field, a notice, and
    whether the notice tells of something done (or of a refusal)."""
    return {"sent": {}, "errors": {}, "notice": None, "ok": True, **values_}


async def _admin_page(
    request: web.Request,
    template: str,
    read: str,
    status: int = 200,
    **values_: Any,
) -> web.StreamResponse:
    """A page of `template` with the admin read model `read` (a PanelAdmin method) as `view`."""
    panel, person, ref = await who(request)
    actor = page_actor(ref, person.user_id)
    admin = PanelAdmin(panel.bot)
    if read == "audit":
        page = request.query.get("page", "1")
        view = await admin.audit(actor, int(page) if page.isdigit() and page.isascii() else 1)
    else:
        view = await getattr(admin, read)(actor)
    if isinstance(view, Outcome):
        return refused(panel, request, person, view)
    return panel.page(
        request, template, status=status, person=person, view=view, **with_form(values_)
    )


async def roles(request: web.Request) -> web.StreamResponse:
    return await _admin_page(request, "admin_roles.html", "roles", title=_("Teams and roles"))


async def role_change(request: web.Request) -> web.StreamResponse:
    """Grant or revoke a role, with chat's `/plc role grant|revoke` intents."""
    panel, person, ref = await who(request)
    form = await request.post()
    sent = {k: str(form.get(k, "")).strip() for k in ("action", "user", "role", "team")}
    errors: dict[str, Markup] = {}
    user = sent["user"].lstrip("@")
    if not user:
        errors["user"] = html(text(_("Give the person's user id, as `/plc role list` shows it.")))
    try:
        role = values.grantable_role(sent["role"])
    except values.Invalid as e:
        errors["role"] = html(text(*e.parts))
        role = Role.FACILITATOR
    if errors:
        return await _admin_page(
            request,
            "admin_roles.html",
            "roles",
            422,
            title=_("Teams and roles"),
            sent=sent,
            errors=errors,
        )
    intent = intents.RoleRevoke if sent["action"] == "revoke" else intents.RoleGrant
    actor = page_actor(ref, person.user_id, sent["team"] or None)
    outcome = await panel.bot.handle(actor, intent(user, role), via="submit")
    return await _answered(
        request, "admin_roles.html", "roles", _("Teams and roles"), sent, outcome
    )


async def _answered(
    request: web.Request,
    template: str,
    read: str,
    title: str,
    sent: dict[str, str],
    outcome: Outcome,
) -> web.StreamResponse:
    """The page again with what the core answered: done (the form emptied), or refused
    (what was typed kept, the refusal beside its field)."""
    if outcome.ok:
        return await _admin_page(request, template, read, title=title, notice=html(outcome.reply))
    errors, notice = field_errors(outcome)
    return await _admin_page(
        request,
        template,
        read,
        422,
        title=title,
        sent=sent,
        errors=errors,
        notice=notice,
        ok=False,
    )


async def calendar(request: web.Request) -> web.StreamResponse:
    return await _admin_page(request, "admin_calendar.html", "calendar", title=_("School calendar"))


def _day(typed: str, name: str, errors: dict[str, Markup]) -> date:
    try:
        return date.fromisoformat(typed)
    except ValueError:
        said = _(NOT_A_DAY).format(typed=typed) if typed else _(DAY_FORMAT)
        errors[name] = html(text(said))
        return date.min


async def break_add(request: web.Request) -> web.StreamResponse:
    """A break for every team, or for one team: `/plc calendar off`'s intent, in the channel
    of the team it is for (any team's, for the whole community)."""
    panel, person, ref = await who(request)
    form = await request.post()
    sent = {k: str(form.get(k, "")).strip() for k in ("first_day", "last_day", "label", "team")}
    errors: dict[str, Markup] = {}
    first = _day(sent["first_day"], "first_day", errors)
    last = _day(sent["last_day"] or sent["first_day"], "last_day", errors)
    if errors:
        return await _admin_page(
            request,
            "admin_calendar.html",
            "calendar",
            422,
            title=_("School calendar"),
            sent=sent,
            errors=errors,
            ok=False,
        )
    channel = sent["team"] or str(form.get("any_team", "")) or None
    intent = intents.CalendarOff(first, last, values.break_label(sent["label"]), bool(sent["team"]))
    outcome = await panel.bot.handle(page_actor(ref, person.user_id, channel), intent, via="submit")
    return await _answered(
        request, "admin_calendar.html", "calendar", _("School calendar"), sent, outcome
    )


async def break_remove(request: web.Request) -> web.StreamResponse:
    panel, person, ref = await who(request)
    form = await request.post()
    typed = str(form.get("break", ""))
    number = int(typed) if typed.isascii() and typed.isdigit() else 0
    actor = page_actor(ref, person.user_id, str(form.get("channel", "")) or None)
    outcome = await panel.bot.handle(actor, intents.CalendarRemove(number), via="submit")
    return await _answered(
        request, "admin_calendar.html", "calendar", _("School calendar"), {}, outcome
    )


async def audit(request: web.Request) -> web.StreamResponse:
    return await _admin_page(request, "admin_audit.html", "audit", title=_("Audit log"))


async def config(request: web.Request) -> web.StreamResponse:
    return await _admin_page(request, "admin_config.html", "declared", title=_("Configuration"))


async def config_download(request: web.Request) -> web.StreamResponse:
    panel, person, ref = await who(request)
    declared = await PanelAdmin(panel.bot).declared(page_actor(ref, person.user_id))
    if isinstance(declared, Outcome):
        return refused(panel, request, person, declared)
    name = f"plcbot-{ref.platform}-{ref.external_id}.toml".replace(":", "-")
    return web.Response(
        text=declared,
        content_type="application/toml",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


async def data_rights(request: web.Request) -> web.StreamResponse:
    return await _admin_page(request, "admin_data.html", "roles", title=_("Data rights"))


def routes() -> list[web.RouteDef]:
    return [
        web.get("/community/roles", roles),
        web.post("/community/roles", role_change),
        web.get("/community/calendar", calendar),
        web.post("/community/calendar", break_add),
        web.post("/community/calendar/remove", break_remove),
        web.get("/community/audit", audit),
        web.get("/community/config", config),
        web.get("/community/config.toml", config_download),
        web.get("/community/data", data_rights),
    ]
