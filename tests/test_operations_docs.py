"""What an operator reads matches what the code does: README's environment table lists every
variable the code reads, and the container recipe keeps its promises (README "Deploying")."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import parse_config

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ("bot", "adapters", "storage", "plcbot")
ENV_NAME = re.compile(r"^(CI|[A-Z][A-Z0-9]*_[A-Z0-9_]+)$")
ENV_HOLDERS = {"env", "environ", "environment"}


def _holds_env(node: ast.AST) -> bool:
    """`os.environ`, or a mapping named env/environ/environment."""
    if isinstance(node, ast.Attribute):
        return node.attr == "environ"
    return isinstance(node, ast.Name) and node.id in ENV_HOLDERS


def _reads(node: ast.AST) -> Iterator[ast.AST]:
    """The expressions naming a variable read from the environment in this node."""
    if isinstance(node, ast.Call) and node.args:
        f = node.func
        if isinstance(f, ast.Attribute) and (
            f.attr == "getenv" or (f.attr in {"get", "pop"} and _holds_env(f.value))
        ):
            yield node.args[0]
        elif isinstance(f, ast.Name) and f.id in {"getenv", "get"}:  # a local env getter
            yield node.args[0]
    elif isinstance(node, ast.Subscript) and _holds_env(node.value):
        yield node.slice
    elif isinstance(node, ast.Compare) and any(isinstance(op, ast.In) for op in node.ops):
        if any(_holds_env(c) for c in node.comparators):
            yield node.left


def variables_read(source: str) -> set[str]:
    tree = ast.parse(source)
    constants = {
        t.id: n.value.value
        for n in tree.body
        if isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant)
        for t in n.targets
        if isinstance(t, ast.Name) and isinstance(n.value.value, str)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        for named in _reads(node):
            value = named.value if isinstance(named, ast.Constant) else None
            if isinstance(named, ast.Name):
                value = constants.get(named.id)
            if isinstance(value, str) and ENV_NAME.match(value):
                found.add(value)
    return found


def code_reads() -> dict[str, str]:
    """Each variable the code reads -> one file that reads it."""
    found: dict[str, str] = {}
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for name in variables_read(path.read_text(encoding="utf-8")):
                found.setdefault(name, path.relative_to(ROOT).as_posix())
    return found


def readme_section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"^(#+) {re.escape(title)}\n(.*?)(?=^#{{1,2}} )", text, re.M | re.S)
    assert match, f'README has no "{title}" section'
    return match.group(2)


def environment_table() -> set[str]:
    rows = [line for line in readme_section("Environment").splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`([A-Z0-9_]+)`", row.split("|")[1])}


def test_the_scanner_finds_each_way_the_code_reads_a_variable() -> None:
    sample = (
        'import os\nTOKEN = "A_TOKEN"\n'
        'os.environ["B_VAR"]; os.environ.get("C_VAR"); os.getenv("D_VAR")\n'
        'env.get(TOKEN); "E_VAR" in env; get("F_VAR"); other.get("NOT_ENV")\n'
    )
    assert variables_read(sample) == {"A_TOKEN", "B_VAR", "C_VAR", "D_VAR", "E_VAR", "F_VAR"}


def test_readme_lists_every_environment_variable_the_code_reads() -> None:
    read = code_reads()
    # the scan sees the ones we know of, read in every style the code uses
    assert {"PLCBOT_CONFIG", "DATABASE_URL", "DISCORD_TOKEN", "SLACK_HTTP_HOST"} <= set(read)
    missing = {name: where for name, where in read.items() if name not in environment_table()}
    assert not missing, f'add these to README "Environment": {missing}'


def test_the_environment_table_lists_the_variables_tests_read() -> None:
    assert {"CI", "TEST_DATABASE_URL"} <= environment_table()
    assert variables_read((ROOT / "tests" / "conftest.py").read_text()) <= environment_table()


def dockerfile() -> str:
    return (ROOT / "Dockerfile").read_text(encoding="utf-8")


def test_the_dockerfile_is_multi_stage_slim_locked_non_root_and_checks_its_health() -> None:
    text = dockerfile()
    bases = re.findall(r"^FROM (\S+)", text, re.M)
    assert len(bases) >= 2 and all("slim" in b for b in bases)
    assert "--require-hashes -r requirements/runtime.txt" in text
    assert "--no-deps ." in text
    (user,) = re.findall(r"^USER (\S+)", text, re.M)
    assert re.fullmatch(r"[1-9]\d*(:\d+)?", user), "a numeric, non-root user"
    health = re.search(r"^HEALTHCHECK .*?CMD (.*)$", text, re.M | re.S)
    assert health and "/healthz" in health.group(1)
    assert 'ENTRYPOINT ["plcbot"]' in text and 'CMD ["run"]' in text


def test_every_file_the_dockerfile_copies_exists() -> None:
    for source in re.findall(r"^COPY (?!--from)(\S+)", dockerfile(), re.M):
        assert (ROOT / source).exists(), source


def test_compose_runs_postgres_a_one_shot_upgrade_then_the_bot() -> None:
    text = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    services = re.findall(
        r"^  (\w+):\n", text.split("\nservices:\n")[1].split("\nvolumes:")[0], re.M
    )
    assert set(services) == {"db", "migrate", "bot"}
    assert re.search(r"image: postgres:", text)
    assert 'command: ["db", "upgrade"]' in text and 'restart: "no"' in text
    assert "condition: service_completed_successfully" in text  # the bot waits for the upgrade
    assert "POSTGRES_PASSWORD:?" in text  # no default password


@pytest.mark.parametrize(
    "topic",
    [
        "One process with SQLite",
        "Several processes with PostgreSQL",
        "Discord sharding",
        "Backups",
        "Upgrades",
    ],
)
def test_readme_deploying_covers(topic: str) -> None:
    assert f"### {topic}" in readme_section("Deploying")


def test_readme_names_the_backup_commands_and_what_must_be_sticky() -> None:
    deploying = readme_section("Deploying")
    assert ".backup" in deploying and "pg_dump" in deploying
    assert "What must be sticky: nothing" in deploying


def test_the_operations_listener_is_reachable_in_the_container_and_local_elsewhere() -> None:
    assert parse_config({}, {}).operations.address == "127.0.0.1"
    env = {"PLCBOT_OPERATIONS_ADDRESS": "0.0.0.0"}
    assert parse_config({"operations": {"address": "10.0.0.5"}}, env).operations.address == (
        "0.0.0.0"
    )
    assert re.search(r"^ENV PLCBOT_OPERATIONS_ADDRESS=0\.0\.0\.0$", dockerfile(), re.M)
    compose = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    bot = compose.split("\n  bot:\n", 1)[1]
    assert "PLCBOT_OPERATIONS_ADDRESS: 0.0.0.0" in bot
    assert re.search(r'- "(127\.0\.0\.1:)?9464:9464"', bot), "compose publishes 9464"
