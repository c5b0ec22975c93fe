"""The typed options of micro-credential portfolios. `/plc credential add` takes a written
answer or link, or a file attached (Discord's attachment option): its bytes are fetched from
Discord inside the answer's deadline (a slow fetch defers the answer) and kept as an artifact
with its name, type and size. A file over the limit is refused without being fetched."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import discord
from discord import app_commands
from discord.app_commands import Range

from adapters.discord.hooks import handlers_of
from adapters.discord.slash import Callback, Interaction, door
from bot.api import FILE_LIMIT, N_, Intent, _, clean, one_line
from bot.api import credential_intents as cr
from bot.api import values as v

PART = Range[int, 1, 99]
TOO_BIG = N_(
    "A file can be at most {mb} MB; put a larger one (a video) where your school keeps files "
    "and add its link."
)


async def credential_list(interaction: Interaction) -> None:
    await door(interaction, cr.CredentialList)


@app_commands.describe(id="The micro-credential's id, as /plc credential list shows it")
async def credential_start(interaction: Interaction, id: str) -> None:
    await door(interaction, lambda: cr.CredentialStart(id.strip().lower()))


@app_commands.describe(id="One micro-credential (none: all of yours, in short)")
async def credential_status(interaction: Interaction, id: str | None = None) -> None:
    await door(interaction, lambda: cr.CredentialStatus((id or "").strip().lower()))


def _file(
    id: str, part: int, note: str, file: discord.Attachment
) -> Callable[[], Awaitable[Callable[[], Intent]]]:
    async def fetch() -> Callable[[], Intent]:
        if file.size > FILE_LIMIT:

            def refuse() -> Intent:
                raise v.Invalid(_(TOO_BIG).format(mb=FILE_LIMIT // (1024 * 1024)))

            return refuse
        content = await file.read()
        mime = file.content_type or "application/octet-stream"
        return lambda: cr.CredentialFile(id, part, file.filename, mime, content, note)

    return fetch


@app_commands.describe(
    id="The micro-credential's id",
    part="The part's number, as /plc credential status shows it",
    text="Your answer, or a link",
    file="A file for the part (a lesson plan, a photo of student work), at most 10 MB",
)
async def credential_add(
    interaction: Interaction,
    id: str,
    part: PART,
    text: str | None = None,
    file: discord.Attachment | None = None,
) -> None:
    cid = id.strip().lower()
    if file is not None:
        await handlers_of(interaction.client).intent_after(
            interaction, _file(cid, part, clean(text or ""), file)
        )
        return
    await door(interaction, lambda: cr.CredentialAdd(cid, part, clean(text or "")))


@app_commands.describe(
    id="The micro-credential's id",
    part="The part's number",
    reflection="The reflection's number, as /plc me reflections shows it",
)
async def credential_use(
    interaction: Interaction, id: str, part: PART, reflection: Range[int, 1, 999_999_999]
) -> None:
    await door(interaction, lambda: cr.CredentialUse(id.strip().lower(), part, reflection))


@app_commands.describe(
    id="The micro-credential's id", reviewer="A coach or facilitator (leave out: private again)"
)
async def credential_share(
    interaction: Interaction, id: str, reviewer: discord.User | None = None
) -> None:
    who = str(reviewer.id) if reviewer else ""
    await door(interaction, lambda: cr.CredentialShare(id.strip().lower(), who))


@app_commands.describe(teacher="The teacher who shared it", id="The micro-credential's id")
async def credential_review(interaction: Interaction, teacher: discord.User, id: str) -> None:
    await door(interaction, lambda: cr.CredentialReview(str(teacher.id), id.strip().lower()))


@app_commands.describe(
    teacher="The teacher who shared it",
    id="The micro-credential's id",
    part="The part's number",
    comment="Your comment on that part",
)
async def credential_comment(
    interaction: Interaction, teacher: discord.User, id: str, part: PART, comment: str
) -> None:
    said = one_line(comment)
    await door(
        interaction, lambda: cr.CredentialComment(str(teacher.id), id.strip().lower(), part, said)
    )


@app_commands.describe(id="The micro-credential's id")
async def credential_export(interaction: Interaction, id: str) -> None:
    await door(interaction, lambda: cr.CredentialExport(id.strip().lower()))


CREDENTIAL_TYPED: dict[str, Callback] = {
    "credential list": credential_list,
    "credential start": credential_start,
    "credential status": credential_status,
    "credential add": credential_add,
    "credential use": credential_use,
    "credential share": credential_share,
    "credential review": credential_review,
    "credential comment": credential_comment,
    "credential export": credential_export,
}
