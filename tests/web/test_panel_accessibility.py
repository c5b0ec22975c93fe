"""An automated accessibility audit of every page in the real browser: axe-core 4.14.1
(vendored from the npm registry under tests/web/vendor, MPL-2.0), no serious or critical
violation (contrast, labels, landmarks, names of images and controls)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.web.conftest import Site, launch_chromium

AXE = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
PAGES = {
    "ana": [
        "/community",
        "/me",
        "/teams/C1",
        "/teams/C1/reflections",
        "/overview",
        "/community/roles",
        "/community/calendar",
        "/community/audit",
        "/community/config",
        "/community/data",
    ],
    "fay": ["/teams/C1", "/teams/C1/work"],  # the charts with a session, a stage form
    "maria": ["/me", "/community", "/overview", "/me/pd-hours", "/me/forget"],  # refusals too
}


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_no_page_has_a_serious_accessibility_violation(site: Site) -> None:
    # filled tables: a calendar break, an audit entry (fay reading the shared reflections)
    assert (await site.t1.say("ana", "/plc calendar off 2026-12-21..2027-01-01 Winter")).ok
    assert (await site.t1.say("fay", "/plc reflections")).ok
    playwright, browser = await launch_chromium()
    found: dict[str, list[str]] = {}
    try:
        for user, paths in PAGES.items():
            # the audit's own script is injected, so this context alone bypasses the CSP
            context = await browser.new_context(bypass_csp=True)
            page = await context.new_page()
            await page.goto(site.url("/signin"))
            found.update(await _audit(page, "/signin"))
            await page.get_by_label("User id").fill(user)
            await page.get_by_role("button", name="Sign in to the demo").click()
            for path in paths:
                await page.goto(site.url(path))
                found.update(await _audit(page, f"{user} {path}"))
            await context.close()
    finally:
        await browser.close()
        await playwright.stop()
    assert not any(found.values()), found


async def _audit(page: object, label: str) -> dict[str, list[str]]:
    from playwright.async_api import Page

    assert isinstance(page, Page)
    await page.add_script_tag(path=str(AXE))
    result = await page.evaluate("async () => (await axe.run()).violations")
    serious = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])})"
        for v in result
        if v["impact"] in ("serious", "critical")
    ]
    return {label: serious}
