"""A teacher's micro-credential portfolios on the panel: each with its parts (evidence or
missing) and the submission package to download, the same ZIP `/plc credential export` sends.
Only the signed-in person's own: the URL names a credential, never a person."""

from __future__ import annotations

from aiohttp import web

from adapters.web.language import page_actor
from adapters.web.pages import refused, who
from bot.api import Outcome, PanelCredentials, _


async def portfolios(request: web.Request) -> web.StreamResponse:
    panel, person, ref = await who(request)
    view = await PanelCredentials(panel.bot).portfolios(page_actor(ref, person.user_id))
    if isinstance(view, Outcome):
        return refused(panel, request, person, view)
    return panel.page(
        request, "me_credentials.html", title=_("Your micro-credentials"), person=person, view=view
    )


async def package_download(request: web.Request) -> web.StreamResponse:
    panel, person, ref = await who(request)
    cid = request.match_info["credential"]
    zipped = await PanelCredentials(panel.bot).package(page_actor(ref, person.user_id), cid)
    if isinstance(zipped, Outcome):
        return refused(panel, request, person, zipped)
    return web.Response(
        body=zipped.content,
        content_type=zipped.mime,
        headers={"Content-Disposition": f'attachment; filename="{zipped.name}"'},
    )


def routes() -> list[web.RouteDef]:
    return [
        web.get("/me/credentials", portfolios),
        web.get("/me/credentials/{credential}.zip", package_download),
    ]
