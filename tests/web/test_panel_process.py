"""`plcbot web --demo` in a process of its own: it plays the demo, prints the panel's address,
and a person signs in with the demo login and reads the demo team's page with its chart."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[2]
ADDRESS = re.compile(r"Web panel: (http://127\.0\.0\.1:\d+/)")
PLATFORM_VARIABLES = ("SLACK_", "DISCORD_")


async def test_plcbot_web_demo_prints_its_address_and_serves_the_demo_team(tmp_path: Path) -> None:
    config = tmp_path / "plcbot.toml"
    config.write_text(
        f'[bot]\ndata_dir = "{tmp_path / "data"}"\n[web]\nport = 0\n', encoding="utf-8"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(PLATFORM_VARIABLES)}
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "plcbot",
        "--config",
        str(config),
        "web",
        "--demo",
        cwd=tmp_path,
        env={**clean, "PYTHONPATH": str(ROOT)},
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        assert proc.stdout is not None
        address = None
        async with asyncio.timeout(60):
            while address is None:
                line = (await proc.stdout.readline()).decode()
                assert line, "plcbot web --demo ended before printing the panel's address"
                found = ADDRESS.search(line)
                address = found.group(1) if found else None
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as http:
            async with http.get(f"{address}signin") as r:
                body = await r.text()
                assert "Local demo login" in body
            csrf = re.search(r'name="csrf" value="([^"]+)"', body)
            assert csrf is not None
            async with http.post(
                f"{address}signin/demo", data={"csrf": csrf.group(1), "user": "fay"}
            ) as r:
                body = await r.text()
                assert r.status == 200 and str(r.url).endswith("/teams/grade4")
            assert "<h1>Grade 4 Math</h1>" in body and 'role="img"' in body
            assert "3 checked in" in body  # the demo's session: maria, jon and lee
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGINT)
            async with asyncio.timeout(20):
                await proc.wait()
