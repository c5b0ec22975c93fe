"""`make screenshots`: the panel's main pages at desktop and phone widths, into
docs/screenshots/, from the demo (`plcbot web --demo` on a free port) in Debian's chromium."""

from __future__ import annotations

import asyncio
import re
import signal
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
ADDRESS = re.compile(r"Web panel: (http://127\.0\.0\.1:\d+/)")
SHOTS = [
    ("fay", "/teams/grade4", "team"),
    ("ana", "/community", "community"),
    ("ana", "/overview", "overview"),
    ("ana", "/community/roles", "roles"),
    ("ana", "/community/calendar", "calendar"),
    ("ana", "/community/audit", "audit"),
    ("maria", "/me", "me"),
]
WIDTHS = {"desktop": 1280, "phone": 390}


async def main() -> int:
    from playwright.async_api import async_playwright

    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "plcbot.toml"
        config.write_text(f'[bot]\ndata_dir = "{folder}"\n[web]\nport = 0\n', encoding="utf-8")
        proc = await asyncio.create_subprocess_exec(
            *(sys.executable, "-m", "plcbot", "--config", str(config), "web", "--demo"),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
        )
        try:
            address = await _address(proc)
            async with async_playwright() as p:
                browser = await p.chromium.launch(executable_path="/usr/bin/chromium")
                OUT.mkdir(parents=True, exist_ok=True)
                for user, path, name in SHOTS:
                    for kind, width in WIDTHS.items():
                        context = await browser.new_context(
                            viewport={"width": width, "height": 800}
                        )
                        page = await context.new_page()
                        await page.goto(f"{address}signin")
                        await page.get_by_label("User id").fill(user)
                        await page.get_by_role("button", name="Sign in to the demo").click()
                        await page.goto(f"{address}{path.lstrip('/')}")
                        await page.screenshot(path=str(OUT / f"{name}-{kind}.png"), full_page=True)
                        await context.close()
                await browser.close()
        finally:
            proc.send_signal(signal.SIGINT)
            await proc.wait()
    print(f"screenshots in {OUT.relative_to(ROOT)}")
    return 0


async def _address(proc: asyncio.subprocess.Process) -> str:
    assert proc.stdout is not None
    async with asyncio.timeout(60):
        while line := (await proc.stdout.readline()).decode():
            found = ADDRESS.search(line)
            if found:
                return found.group(1)
    raise SystemExit("plcbot web --demo ended before printing the panel's address")


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
