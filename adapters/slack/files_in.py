"""Files a person sends the bot in a Slack DM, with `credential add <id> <part> [note]` as the
message's text: each is fetched from Slack (its `url_private_download`, with the bot token:
the `files:read` scope) and handed to the core as a micro-credential artifact. At most
FILE_LIMIT + 1 bytes are read, so the core refuses a file over the limit without the adapter
holding all of it. Any other DM with files goes on as a plain message."""

from __future__ import annotations

import logging
from typing import Any

import aiohttp

from bot.api import FILE_LIMIT, N_, Actor, Outcome, PlcBot, _, file_intent, text

log = logging.getLogger(__name__)
JSON = dict[str, Any]
CHUNK = 64 * 1024
COULD_NOT_FETCH = N_(
    "I could not fetch that file from Slack, so nothing was saved. Please send it again."
)


def is_credential_file(event: JSON, line: str) -> bool:
    return bool(event.get("files")) and file_intent(line, "", "", b"") is not None


async def download(url: str, token: str) -> bytes:
    read = bytearray()
    headers = {"Authorization": f"Bearer {token}"}
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        async with session.get(url, headers=headers) as response:
            response.raise_for_status()
            async for chunk in response.content.iter_chunked(CHUNK):
                read += chunk
                if len(read) > FILE_LIMIT:
                    break
    return bytes(read)


async def keep_files(
    bot: PlcBot, actor: Actor, line: str, files: list[JSON], token: str, key: str | None
) -> Outcome:
    """Each file as an artifact of the part named; the last answer is the one shown."""
    outcome = Outcome(reply=text(_(COULD_NOT_FETCH)), ok=False)
    for n, f in enumerate(files):
        url = f.get("url_private_download") or f.get("url_private")
        if not url:
            continue
        try:
            content = await download(str(url), token)
        except (aiohttp.ClientError, TimeoutError) as e:
            log.warning("could not fetch a Slack file in %s: %r", actor.community.id, e)
            return Outcome(reply=text(_(COULD_NOT_FETCH)), ok=False)
        name = str(f.get("name") or f.get("title") or "artifact")
        intent = file_intent(line, name, str(f.get("mimetype") or ""), content)
        if intent is None:
            break
        event_key = f"{key}:{n}" if key else None
        outcome = await bot.handle(actor, intent, event_key=event_key)
    return outcome
