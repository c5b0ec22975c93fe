"""`make audit`: pip-audit against the lock, told plainly.

pip-audit says "No known vulnerabilities found" even when the vulnerability service could not
be asked about a package (it lists those as skipped). Here a package that could not be audited
fails the audit, and the output says which and why, so nobody mistakes "not checked" for
"clean". Usage: python tools/audit.py requirements/runtime.txt [more lock files]"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def audit(lock: Path) -> tuple[int, list[str], list[str]]:
    """(packages, vulnerabilities found, packages that could not be audited and why)."""
    done = subprocess.run(  # noqa: S603 (a fixed command: this python, pip-audit, the lock)
        [
            *(sys.executable, "-m", "pip_audit"),
            *("--disable-pip", "--require-hashes", "--progress-spinner", "off"),
            *("--format", "json", "-r", str(lock)),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return summarize(done.stdout, done.stderr)


def summarize(stdout: str, stderr: str) -> tuple[int, list[str], list[str]]:
    """pip-audit's JSON report read: (packages, vulnerabilities, not audited and why)."""
    try:
        report = json.loads(stdout)
    except json.JSONDecodeError:
        last = (stderr.strip().splitlines() or ["no output"])[-1]
        return 0, [], [f"pip-audit: could not run: {last}"]
    found, skipped = [], []
    for dep in report["dependencies"]:
        if "skip_reason" in dep:
            skipped.append(f"{dep['name']}: {dep['skip_reason']}")
        for vuln in dep.get("vulns", []):
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
            found.append(f"{dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixed})")
    return len(report["dependencies"]), found, skipped


def main(locks: list[str]) -> int:
    failed = False
    for lock in map(Path, locks):
        total, found, skipped = audit(lock)
        print(
            f"{lock}: {total} packages, {len(found)} known vulnerabilities, "
            f"{len(skipped)} not audited"
        )
        for line in found + skipped:
            print(f"  {line}")
        if skipped:
            reason = skipped[0].split(": ", 1)[1].split(":")[0]
            print(
                f"  NOT AUDITED: the vulnerability service could not be asked about "
                f"{len(skipped)} of {total} packages (pip-audit: {reason!r}; it asks PyPI's "
                "JSON API, /pypi/<name>/<version>/json, which must answer for each). This is "
                "not a clean result: run `make audit` where that API is reachable."
            )
        failed = failed or bool(found or skipped)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
