"""The admin pages in a real browser (Debian's chromium through Playwright, as in
test_panel_browser): an admin adds a calendar break through the form, is told beside the field
what was wrong, then sees the break in the table and removes it; no request leaves 127.0.0.1."""

from __future__ import annotations

from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import pytest

from tests.web.conftest import Site, launch_chromium


@pytest.fixture
async def admin_tab(site: Site) -> AsyncIterator[object]:
    """A tab signed in as ana, the admin, with JavaScript off (the pages need none), recording
    every host it asks."""
    playwright, browser = await launch_chromium()
    tab = await (await browser.new_context(java_script_enabled=False)).new_page()
    hosts: set[str] = set()
    tab.on("request", lambda request: hosts.add(urlsplit(request.url).hostname or ""))
    try:
        await tab.goto(site.url("/signin"))
        await tab.get_by_label("User id").fill("ana")
        await tab.get_by_role("button", name="Sign in to the demo").click()
        yield tab
    finally:
        await browser.close()
        await playwright.stop()
    assert hosts == {"127.0.0.1"}, f"requests left 127.0.0.1: {hosts}"


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_an_admin_adds_a_calendar_break_through_the_form(
    site: Site, admin_tab: object
) -> None:
    from playwright.async_api import Page, expect

    page = admin_tab
    assert isinstance(page, Page)
    await expect(page.get_by_role("heading", name="Community", level=1)).to_be_visible()
    await page.get_by_role("link", name="School calendar").click()
    await expect(page.get_by_role("heading", name="School calendar", level=1)).to_be_visible()
    await expect(page.get_by_text("No breaks yet.")).to_be_visible()

    first, last = (
        page.get_by_label("First day", exact=True),
        page.get_by_label("Last day", exact=False),
    )
    await first.fill("2027-01-02")
    await last.fill("2026-12-21")
    await page.get_by_label("Label").fill("Winter break")
    await page.get_by_role("button", name="Add break").click()
    await expect(page.locator("#last_day-error")).to_contain_text("ends before it starts")
    await expect(page.get_by_label("Last day", exact=False)).to_have_attribute(
        "aria-invalid", "true"
    )
    await expect(page.get_by_label("Label")).to_have_value("Winter break")  # kept, to correct

    await page.get_by_label("First day", exact=True).fill("2026-12-21")
    await page.get_by_label("Last day", exact=False).fill("2027-01-01")
    await page.get_by_label("Which teams").select_option(label="Grade 5 only")
    await page.get_by_role("button", name="Add break").click()
    await expect(page.get_by_role("status")).to_contain_text("Added break #1")
    table = page.get_by_role("table", name="Calendar breaks")
    await expect(table).to_contain_text("Winter break")
    await expect(table).to_contain_text("Grade 5")
    async with site.t1.bot._uow() as uow:
        (saved,) = await uow.calendar.list("console:T1")
    assert (saved.first_day.isoformat(), saved.last_day.isoformat()) == ("2026-12-21", "2027-01-01")

    await page.get_by_role("button", name="Remove break #1 Winter break").click()
    await expect(page.get_by_role("status")).to_contain_text("Removed break #1")
    await expect(page.get_by_text("No breaks yet.")).to_be_visible()
