"""`make audit` (tools/audit.py) never reports "clean" for packages nobody could check."""

from __future__ import annotations

import json

from tools.audit import main, summarize


def report(*deps: dict[str, object]) -> str:
    return json.dumps({"dependencies": list(deps), "fixes": []})


def test_a_package_the_service_could_not_be_asked_about_is_not_audited() -> None:
    total, found, skipped = summarize(
        report(
            {"name": "aiohttp", "skip_reason": "Dependency not found on PyPI: aiohttp (3.14.5)"},
            {"name": "alembic", "version": "1.20.1", "vulns": []},
        ),
        "",
    )
    assert (total, found) == (2, [])
    assert skipped == ["aiohttp: Dependency not found on PyPI: aiohttp (3.14.5)"]


def test_a_vulnerability_is_named_with_its_fixed_versions() -> None:
    vuln = {"id": "PYSEC-1", "fix_versions": ["3.9.4"], "description": "x"}
    _, found, skipped = summarize(
        report({"name": "aiohttp", "version": "3.9.0", "vulns": [vuln]}), ""
    )
    assert found == ["aiohttp 3.9.0: PYSEC-1 (fixed in 3.9.4)"] and skipped == []


def test_pip_audit_failing_to_run_is_not_a_clean_result() -> None:
    assert summarize("", "Traceback ...\nConnectionError: cannot resolve")[2] == [
        "pip-audit: could not run: ConnectionError: cannot resolve"
    ]


def test_the_audit_fails_unless_every_package_was_checked(tmp_path, monkeypatch, capsys) -> None:
    lock = tmp_path / "lock.txt"
    lock.write_text("")
    outcomes = {
        "clean": (1, [], []),
        "not audited": (1, [], ["x: not found"]),
        "vulnerable": (1, ["x 1: PYSEC-1 (fixed in 2)"], []),
    }
    for name, outcome in outcomes.items():
        monkeypatch.setattr("tools.audit.audit", lambda _lock, o=outcome: o)
        assert main([str(lock)]) == (0 if name == "clean" else 1), name
    assert "NOT AUDITED" in capsys.readouterr().out
