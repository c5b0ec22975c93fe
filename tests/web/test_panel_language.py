"""The panel speaks the browser's language: Accept-Language's first entry plcbot speaks, by
q-order, else the community default; `<html lang>` says which. In a pseudo-language that marks
every translated string, the panel's own pages have no English of their own left."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest

from adapters.web.language import accepted
from bot.i18n import register, unregister
from tests.unit.test_i18n_basics import _Marked
from tests.web.conftest import Browser

INNERMOST = re.compile(r"\[!! (?:(?!\[!! ).)*? !!\]", re.DOTALL)
# what the seeded community's pages show that is data, not the panel's words: names, ids, zones,
# schedule kinds and `when`s, the prompt library's stage names, the core's date labels
DATA = {
    *("ana", "fay", "gus", "maria", "Grade", "Math", "America", "Chicago", "New_York", "UTC"),
    *("checkin", "nonresponder_reminder", "norms_reminder", "reflection_prompt", "stage_nudge"),
    *("mon", "wed", "Analyze", "analyze", "student", "data", "Sep", "Fractions"),
}


@pytest.fixture
def marked() -> Iterator[str]:
    register("xx", _Marked())
    yield "xx"
    unregister("xx")


class _Visible(HTMLParser):
    """The text a person reads in the page's body (code and preformatted text are data)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0
        self._body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._body = self._body or tag == "body"
        self._skip += tag in ("code", "pre")
        for name, value in attrs:
            if name in ("aria-label", "placeholder") and value:
                self.parts.append(f" {value} ")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("code", "pre")

    def handle_data(self, data: str) -> None:
        if self._body and not self._skip:
            self.parts.append(data)


def unmarked_words(page: str) -> list[str]:
    reader = _Visible()
    reader.feed(page)
    rest = " ".join(reader.parts)
    while INNERMOST.search(rest):  # a translated sentence may hold a translated value
        rest = INNERMOST.sub(" ", rest)
    return [w for w in re.findall(r"[A-Za-z][A-Za-z_']+", rest) if w not in DATA]


def test_the_browser_language_is_its_first_entry_plcbot_speaks_by_weight(marked: str) -> None:
    assert accepted("fr-CA, xx;q=0.5, en;q=0.8") == "en"
    assert accepted("fr, xx-YY;q=0.9, en;q=0.1") == "xx"
    assert accepted("xx_YY") == "xx"
    assert accepted("de, *;q=0.5") is None
    assert accepted("xx;q=0, fr") is None
    assert accepted("") is None


async def get(browser: Browser, path: str, language: str) -> str:
    headers = {"Accept-Language": language}
    async with browser.http.get(browser.site.url(path), headers=headers) as r:
        assert r.status == 200, path
        return await r.text()


async def test_a_signed_out_page_speaks_the_browser_language_else_english(
    browser: Browser, marked: str
) -> None:
    page = await get(browser, "/signin", "fr-CA, xx;q=0.7")
    assert '<html lang="xx">' in page
    assert "[!! Sign in !!]" in page
    assert unmarked_words(page) == []
    page = await get(browser, "/signin", "fr-CA")
    assert '<html lang="en">' in page
    assert "<h1>Sign in</h1>" in page


@pytest.mark.parametrize(
    ("who", "path"),
    [
        *(("ana", f"/community{p}") for p in ("", "/roles", "/calendar", "/data", "/config")),
        ("ana", "/community/audit"),
        ("ana", "/overview"),
        ("maria", "/me/pd-hours"),
        ("maria", "/me/credentials"),
    ],
)
async def test_the_panels_own_pages_have_no_english_of_their_own_in_another_language(
    browser: Browser, marked: str, who: str, path: str
) -> None:
    await browser.sign_in(who)
    page = await get(browser, path, "xx")
    assert '<html lang="xx">' in page
    assert unmarked_words(page) == []


async def test_a_persons_own_choice_in_chat_comes_before_the_browsers_language(
    browser: Browser, marked: str
) -> None:
    await browser.sign_in("maria")
    page = await get(browser, "/me/pd-hours", "en-US")
    assert '<html lang="en">' in page
    chose = await browser.site.t1.say("maria", f"/plc me language {marked}")
    assert chose.ok
    page = await get(browser, "/me/pd-hours", "en-US")
    assert '<html lang="xx">' in page
    assert unmarked_words(page) == []


async def test_the_cores_refusal_beside_a_field_speaks_the_pages_language(
    browser: Browser, marked: str
) -> None:
    await browser.sign_in("ana")
    await get(browser, "/community/calendar", "xx")
    sent = {"csrf": browser.csrf, "first_day": "2027-01-02", "last_day": "2026-12-21"}
    sent |= {"label": "Winter", "team": "", "any_team": "C1"}
    headers = {"Accept-Language": "xx"}
    url = browser.site.url("/community/calendar")
    async with browser.http.post(url, data=sent, headers=headers, allow_redirects=False) as r:
        body = await r.text()
    assert r.status == 422 and 'id="last_day-error"' in body
    error = body[body.index('id="last_day-error"') :].split("<p>", 1)[1].split("</p>", 1)[0]
    assert "[!! " in error and unmarked_words(f"<body>{error}</body>") == [], error
