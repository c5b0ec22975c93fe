"""The panel in a real browser: Debian's headless chromium driven by Playwright, against the
real panel and core on 127.0.0.1. Sign in with the demo login, add a schedule (and see a refusal
beside its field), read a team's chart; no request leaves 127.0.0.1. Under CI=true a browser
that cannot start fails the test instead of skipping it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import pytest

from tests.web.conftest import Site, launch_chromium


@pytest.fixture
async def page(site: Site) -> AsyncIterator[object]:
    playwright, browser = await launch_chromium()
    context = await browser.new_context()
    tab = await context.new_page()
    hosts: set[str] = set()
    tab.on("request", lambda request: hosts.add(urlsplit(request.url).hostname or ""))
    try:
        yield tab
    finally:
        await browser.close()
        await playwright.stop()
    assert hosts == {"127.0.0.1"}, f"requests left 127.0.0.1: {hosts}"


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_an_admin_signs_in_and_adds_a_schedule(site: Site, page: object) -> None:
    from playwright.async_api import Page, expect

    assert isinstance(page, Page)
    await page.goto(site.url("/"))
    await expect(page.get_by_role("heading", name="Local demo login")).to_be_visible()
    await page.get_by_label("User id").fill("ana")
    await page.get_by_role("button", name="Sign in to the demo").click()
    await expect(page.get_by_role("heading", name="Community", level=1)).to_be_visible()

    await page.get_by_label("Team", exact=True).select_option(label="Grade 5")
    await page.get_by_label("Kind", exact=True).select_option("reflection_prompt")
    await page.get_by_label("When", exact=True).fill("someday")
    await page.get_by_role("button", name="Add schedule").click()
    when = page.get_by_label("When", exact=True)
    await expect(when).to_have_attribute("aria-invalid", "true")
    await expect(page.locator("#when-error")).to_contain_text("as a time. Try")
    await expect(when).to_have_value("someday")  # what was typed stays, to be corrected

    await when.fill("mon,wed 15:30")
    await page.get_by_role("button", name="Add schedule").click()
    await expect(page.get_by_role("status")).to_contain_text("Added schedule #")
    table = page.get_by_role("table", name="Schedules of Grade 5")
    await expect(table).to_contain_text("Mon 14 Sep 15:30, Wed 16 Sep 15:30, Mon 21 Sep 15:30")

    await page.get_by_role("button", name="Sign out").click()
    await expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_a_facilitator_reads_the_attendance_chart(site: Site, page: object) -> None:
    from playwright.async_api import Page, expect

    assert isinstance(page, Page)
    await page.goto(site.url("/signin"))
    await page.get_by_label("User id").fill("fay")
    await page.get_by_role("button", name="Sign in to the demo").click()
    await expect(page.get_by_role("heading", name="Grade 4 Math", level=1)).to_be_visible()
    chart = page.get_by_role("img", name="Check-ins per session")
    await expect(chart).to_be_visible()
    box = await chart.bounding_box()
    assert box is not None and box["width"] > 200
    await expect(page.get_by_role("table", name="Check-ins per session")).to_contain_text("1")
    await page.goto(site.url("/community"))
    await expect(page.get_by_role("alert")).to_contain_text("Only an admin")
