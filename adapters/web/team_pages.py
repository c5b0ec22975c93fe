"""A team's page of work for its facilitators: stage and cycle history, norms (edited with
chat's `/plc norms add|edit|remove` intents), sessions."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from markupsafe import Markup

from adapters.web.admin_pages import field_errors, with_form
from adapters.web.language import page_actor
from adapters.web.pages import refused, who
from adapters.web.render import html
from bot.api import Intent, Outcome, PanelTeam, _, intents

NORM_FIELDS = ("number", "text")


async def _page(request: web.Request, status: int = 200, **more: Any) -> web.StreamResponse:
    panel, person, ref = await who(request)
    actor = page_actor(ref, person.user_id, request.match_info["channel"])
    view = await PanelTeam(panel.bot).work(actor)
    if isinstance(view, Outcome):
        return refused(panel, request, person, view)
    on_page = {"add-text", *(f"norm-{n}" for n in range(1, len(view.norms) + 1))}
    for field in set(more.get("errors", {})) - on_page:  # a norm not on the page: above it
        more["notice"] = more["errors"].pop(field)
    return panel.page(
        request,
        "team_work.html",
        status=status,
        title=_("{team}: cycle, norms and sessions").format(team=view.name),
        person=person,
        view=view,
        cycle=html(view.cycle, level=3),
        **with_form(more),
    )


async def work(request: web.Request) -> web.StreamResponse:
    return await _page(request)


def _number(typed: str) -> int:
    """Not a whole number: 0, which the core refuses in its own words."""
    return int(typed) if typed.isascii() and typed.isdigit() else 0


async def norms_change(request: web.Request) -> web.StreamResponse:
    """Add, edit or remove a norm, as `/plc norms add|edit|remove` would."""
    panel, person, ref = await who(request)
    form = await request.post()
    action = request.match_info["action"]
    sent = {k: str(form.get(k, "")).strip() for k in NORM_FIELDS}
    intent: Intent
    if action == "add":
        intent = intents.NormsAdd(sent["text"])
    elif action == "edit":
        intent = intents.NormsEdit(_number(sent["number"]), sent["text"])
    else:
        intent = intents.NormsRemove(_number(sent["number"]))
    actor = page_actor(ref, person.user_id, request.match_info["channel"])
    outcome = await panel.bot.handle(actor, intent, via="submit")
    if outcome.ok:
        return await _page(request, notice=html(outcome.reply))
    if outcome.retry_after is not None:
        return refused(panel, request, person, outcome)
    errors, notice = field_errors(outcome)
    why = notice or Markup("").join(errors.values())
    # each form's refusal beside its field: the new norm's, or the norm edited or removed
    field = "add-text" if action == "add" else f"norm-{sent['number']}"
    return await _page(
        request,
        422,
        sent={field: sent["text"]} if action != "remove" else {},
        errors={field: why},
        ok=False,
    )


def routes() -> list[web.RouteDef]:
    return [
        web.get("/teams/{channel}/work", work),
        web.post("/teams/{channel}/norms/{action:add|edit|remove}", norms_change),
    ]
