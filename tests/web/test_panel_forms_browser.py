"""The roles form and the forget form USED in a real browser (Debian's chromium through
Playwright, JavaScript off, as in test_panel_admin_browser): ana grants maria the facilitator
role of Grade 4 Math through the roles form; maria, signing in, lands on her team's page; she
then deletes her data through the forget form (a wrong word is refused beside the field) and
is signed out. No request leaves 127.0.0.1."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.web.conftest import Site, launch_chromium


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_an_admin_grants_a_role_and_the_teacher_deletes_her_data(site: Site) -> None:
    from playwright.async_api import Page, expect

    playwright, browser = await launch_chromium()
    page: Page = await (await browser.new_context(java_script_enabled=False)).new_page()
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).hostname or ""))

    async def sign_in(user: str) -> None:
        await page.goto(site.url("/signin"))
        await page.get_by_label("User id").fill(user)
        await page.get_by_role("button", name="Sign in to the demo").click()

    try:
        await sign_in("ana")
        await page.get_by_role("link", name="Teams and roles").click()
        await page.get_by_label("Person (user id)").fill("maria")
        await page.get_by_label("Role", exact=True).select_option("facilitator")
        await page.get_by_label("Team (a facilitator's").select_option(label="Grade 4 Math")
        await page.get_by_role("button", name="Grant role").click()
        await expect(page.get_by_role("status")).to_contain_text("maria")
        table = page.get_by_role("table", name="Teams and who leads them")
        await expect(table.get_by_role("row", name="Grade 4 Math")).to_contain_text("maria")
        await page.get_by_role("button", name="Sign out").click()

        await sign_in("maria")
        await expect(page.get_by_role("heading", name="Grade 4 Math", level=1)).to_be_visible()
        await page.goto(site.url("/me"))
        await page.get_by_role("link", name="Delete your data").click()
        await page.get_by_label("To confirm, type DELETE").fill("delete it")
        await page.get_by_role("button", name="Yes, delete my data").click()
        await expect(page.locator("#confirm-error")).to_be_visible()
        await expect(page.get_by_label("To confirm, type DELETE")).to_have_attribute(
            "aria-invalid", "true"
        )
        await page.get_by_label("To confirm, type DELETE").fill("DELETE")
        await page.get_by_role("button", name="Yes, delete my data").click()
        await expect(page.get_by_role("heading", name="Your data was deleted")).to_be_visible()
        await page.goto(site.url("/me"))
        await expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    finally:
        await browser.close()
        await playwright.stop()
    async with site.t1.bot._uow() as uow:
        assert await uow.team_roles.get("console:T1", 1, "maria") is None
    assert hosts == {"127.0.0.1"}, f"requests left 127.0.0.1: {hosts}"
