"""A teacher's micro-credential portfolios on the panel over HTTP on 127.0.0.1 against real
storage: the parts with evidence or missing, the same package as `/plc credential export`, and
that nobody else (signed out, expired, another teacher) sees or downloads it."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest

from adapters.web.session import SESSION_SECONDS
from tests.web.conftest import Browser, Site

LIST = "/me/credentials"
ZIP = "/me/credentials/formative-data.zip"


async def _maria_collects(site: Site) -> None:
    assert (await site.t1.say("maria", "/plc credential start formative-data")).ok
    out = await site.t1.say("maria", "/plc credential add formative-data 1 Grade 4, MARIA-UNIT.")
    assert out.ok
    link = "/plc credential add formative-data 3 https://example.org/lesson"
    assert (await site.t1.say("maria", link)).ok


@pytest.mark.parametrize("path", [LIST, ZIP])
async def test_signed_out_visitors_are_sent_to_sign_in(browser: Browser, path: str) -> None:
    status, _, r = await browser.get(path)
    assert status == 303 and r.headers["Location"] == "/signin"


@pytest.mark.parametrize("path", [LIST, ZIP])
async def test_an_expired_session_is_signed_out(site: Site, browser: Browser, path: str) -> None:
    await _maria_collects(site)
    await browser.sign_in("maria")
    site.clock.t += SESSION_SECONDS + 1
    status, _, r = await browser.get(path)
    assert status == 303 and r.headers["Location"] == "/signin"


async def test_a_teacher_sees_each_part_with_evidence_or_missing(
    site: Site, browser: Browser
) -> None:
    await _maria_collects(site)
    await browser.sign_in("maria")
    status, body, _ = await browser.get("/me")
    assert status == 200 and f'href="{LIST}"' in body
    status, body, _ = await browser.get(LIST)
    assert status == 200 and "Using formative assessment data to adjust instruction" in body
    rows = re.findall(r"<tr><td>(\d+)</td><td>[^<]+</td><td>(\w+)</td>", body)
    assert rows == [("1", "1"), ("2", "missing"), ("3", "1"), ("4", "missing"), ("5", "missing")]
    assert "Still missing: parts 2, 4, 5." in body and f'href="{ZIP}"' in body


async def test_the_download_is_the_package_chat_sends(site: Site, browser: Browser) -> None:
    await _maria_collects(site)
    await browser.sign_in("maria")
    async with browser.http.get(site.url(ZIP), allow_redirects=False) as r:
        assert r.status == 200 and r.content_type == "application/zip"
        assert "micro-credential-formative-data.zip" in r.headers["Content-Disposition"]
        z = zipfile.ZipFile(io.BytesIO(await r.read()))
    html = z.read("index.html").decode()
    assert "MARIA-UNIT" in html and "https://example.org/lesson" in html
    numbers = [int(n) for n in re.findall(r'<section class="part" id="part-(\d+)"', html)]
    assert numbers == [1, 2, 3, 4, 5]
    assert json.loads(z.read("evidence.json"))["signed"] is False


@pytest.mark.parametrize("user", ["fay", "gus"])
async def test_another_person_neither_sees_nor_downloads_it(
    site: Site, browser: Browser, user: str
) -> None:
    await _maria_collects(site)
    await browser.sign_in(user)
    status, body, _ = await browser.get(LIST)
    assert status == 200 and "MARIA" not in body and "No portfolio yet" in body
    status, body, _ = await browser.get(ZIP)
    assert status == 403 and "MARIA" not in body
    assert "/plc credential start formative-data" in body


async def test_an_unknown_credential_says_which_there_are(site: Site, browser: Browser) -> None:
    await browser.sign_in("maria")
    status, body, _ = await browser.get("/me/credentials/nope.zip")
    assert status == 403 and "/plc credential list" in body
