"""A teacher's own pages: their PD-hours log with its totals, their data as a download (the
files `/plc me export` sends), and forgetting them (chat's own confirmation, typed here)."""

from __future__ import annotations

import io
import zipfile

from aiohttp import web

from adapters.web.app import PANEL
from adapters.web.language import page_actor
from adapters.web.pages import refused, who
from adapters.web.render import html
from bot.api import N_, Outcome, PanelTeam, _, intents, text

CONFIRM_WORD = "DELETE"
NOT_CONFIRMED = N_("Nothing was deleted: type {word} in capitals to confirm.")


async def pd_hours(request: web.Request) -> web.StreamResponse:
    panel, person, ref = await who(request)
    view = await PanelTeam(panel.bot).pd_hours(page_actor(ref, person.user_id))
    if isinstance(view, Outcome):
        return refused(panel, request, person, view)
    return panel.page(
        request, "me_pdhours.html", title=_("Your PD hours"), person=person, view=view
    )


async def export_download(request: web.Request) -> web.StreamResponse:
    """The JSON and CSV files of `/plc me export`, in one ZIP."""
    panel, person, ref = await who(request)
    files = await PanelTeam(panel.bot).my_files(page_actor(ref, person.user_id))
    if isinstance(files, Outcome):
        return refused(panel, request, person, files)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for f in files:
            archive.writestr(f.name, f.content)
    return web.Response(
        body=buffer.getvalue(),
        content_type="application/zip",
        headers={"Content-Disposition": 'attachment; filename="plcbot-my-data.zip"'},
    )


async def forget(request: web.Request) -> web.StreamResponse:
    """Chat's question (`/plc me forget`), then a form that asks for the word typed."""
    panel, person, ref = await who(request)
    actor = page_actor(ref, person.user_id)
    asked = await panel.bot.handle(actor, intents.MeForget(), via="submit")
    if request.method == "GET" or not asked.ok:
        return _forget_page(request, person, asked, None, 200 if asked.ok else 403)
    form = await request.post()
    if str(form.get("confirm", "")).strip() != CONFIRM_WORD:
        return _forget_page(
            request, person, asked, html(text(_(NOT_CONFIRMED).format(word=CONFIRM_WORD))), 422
        )
    done = await panel.bot.handle(actor, intents.ForgetConfirm(person.user_id), via="submit")
    if not done.ok:
        return refused(panel, request, person, done)
    response = panel.page(
        request,
        "me_forgotten.html",
        title=_("Your data was deleted"),
        person=None,
        receipt=html(done.reply),
        session=panel.sessions.fresh(),  # signed out: the person is no more
    )
    return response


def _forget_page(
    request: web.Request, person: object, asked: Outcome, error: object, status: int
) -> web.StreamResponse:
    panel = request.app[PANEL]
    return panel.page(
        request,
        "me_forget.html",
        status=status,
        title=_("Delete your data"),
        person=person,
        question=html(asked.reply),
        ok=asked.ok,
        error=error,
        confirm_word=CONFIRM_WORD,
    )


def routes() -> list[web.RouteDef]:
    return [
        web.get("/me/pd-hours", pd_hours),
        web.get("/me/export.zip", export_download),
        web.get("/me/forget", forget),
        web.post("/me/forget", forget),
    ]
