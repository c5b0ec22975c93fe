"""The language a browser asks for: the first entry of its Accept-Language header, by q-order,
that plcbot speaks (`es-MX`, `es;q=0.9` → `es`), or None when it speaks none of them."""

from __future__ import annotations

from bot.api import Actor, CommunityRef, current, normalise


def _weight(params: str) -> float:
    for param in params.split(";"):
        key, _eq, value = param.strip().partition("=")
        if key.strip().lower() == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0


def accepted(header: str) -> str | None:
    """`header`'s most wanted language plcbot speaks; equal weights keep the header's order."""
    wanted: list[tuple[float, int, str]] = []
    for order, entry in enumerate(header.split(",")):
        tag, _semi, params = entry.strip().partition(";")
        weight = _weight(params)
        if tag.strip() and tag.strip() != "*" and weight > 0:
            wanted.append((-weight, order, tag.strip()))
    for *_rank, tag in sorted(wanted):
        found = normalise(tag)
        if found is not None:
            return found
    return None


def page_actor(community: CommunityRef, user_id: str, channel: str | None = None) -> Actor:
    """Who acts from a page, with the page's language as their locale: what the core answers
    (a refusal beside a field, a saved change) speaks the page's language when the person has
    chosen none of their own, as chat speaks Discord's locale."""
    return Actor(community, user_id, channel, locale=current())
