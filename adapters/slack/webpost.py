"""chat.postMessage the short way: one POST of ready JSON through the shared connection pool.

slack_sdk's client spends about as much CPU on each call (building its arguments, walking the
blocks for objects to convert, joining the URL, its retry bookkeeping and response object) as
aiohttp spends sending it; a scheduler hands over thousands of posts a minute. The short way
sends the same request (same URL, headers, JSON, through the client's proxy and SSL context)
and reads the same answer. Only the plain
outcomes are taken here: a 200 with `ok` is the post; any other answer becomes the same
SlackApiError the client raises (its response's status, headers and `error` as Slack sent
them; on a 429 the caller waits Retry-After and tries again, as for the client's own). A
connection that fails goes the client's own way, with its retry. Without a shared pool (a
session per call), the client does it all."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin

from aiohttp import ClientOSError, ServerConnectionError, ServerDisconnectedError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

METHOD = "chat.postMessage"
# What the client retries once (slack_sdk's AsyncConnectionErrorRetryHandler's defaults).
_CONNECTION_ERRORS = (ServerConnectionError, ServerDisconnectedError, ClientOSError)


@lru_cache(maxsize=64)
def _url(base_url: str) -> str:
    return urljoin(base_url, METHOD)  # as the client joins them


def _headers(client: AsyncWebClient) -> dict[str, str]:
    """What the client sends with JSON: its own headers (User-Agent) and the token."""
    return {
        "Content-Type": "application/json;charset=utf-8",
        "Authorization": f"Bearer {client.token}",
        **client.headers,
    }


async def post_message(client: AsyncWebClient, **arguments: Any) -> dict[str, Any]:
    """chat.postMessage with these arguments (None values left out, as the client does);
    returns Slack's answer, or raises what the client raises."""
    payload = {key: value for key, value in arguments.items() if value is not None}
    session = client.session
    if session is None or session.closed:
        return dict((await client.chat_postMessage(**payload)).data)  # type: ignore[arg-type]
    url, body = _url(client.base_url), json.dumps(payload).encode()
    try:
        async with session.post(
            url,
            data=body,
            headers=_headers(client),
            proxy=client.proxy,  # the client's own, or HTTPS_PROXY's as the client read it
            ssl=True if client.ssl is None else client.ssl,  # None: aiohttp's default, as there
        ) as answer:
            status, headers = answer.status, answer.headers
            text = await answer.read()
    except _CONNECTION_ERRORS:
        return dict((await client.chat_postMessage(**payload)).data)  # type: ignore[arg-type]
    try:
        read: Any = json.loads(text) if text else {}
    except ValueError:
        read = {}
    data: dict[str, Any] = read if isinstance(read, dict) else {}
    if status == 200 and data.get("ok", False):
        return data
    response = AsyncSlackResponse(
        client=client,
        http_verb="POST",
        api_url=url,
        req_args={},
        data=data,
        headers=dict(headers),
        status_code=status,
    )
    response.validate()  # type: ignore[no-untyped-call]  # raises SlackApiError
    return data
