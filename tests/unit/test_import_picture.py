"""`make imports` prints the import picture: which of our packages each package imports, and the
arrows that point the wrong way. Run on a small generated tree, then on this checkout."""

from __future__ import annotations

from pathlib import Path

from tests.source_tree import write_tree
from tools.imports import cycles, picture, render, wrong_way


def test_the_picture_counts_arrows_between_packages_and_names_the_wrong_way_ones(
    tmp_path: Path,
) -> None:
    root = write_tree(
        tmp_path,
        {
            "bot/__init__.py": "",
            "bot/service.py": "from bot.commands import grammar\nimport storage.uow\n",
            "bot/commands/__init__.py": "",
            "bot/commands/grammar.py": "from .. import text\nfrom bot.domain import Role\n",
            "adapters/__init__.py": "",
            "adapters/slack/__init__.py": "",
            "adapters/slack/app.py": "import slack_bolt\nfrom adapters.discord import x\n",
            "adapters/discord/__init__.py": "",
            "storage/__init__.py": "def later():\n    from bot import ports\n",
            "plcbot/app.py": "from storage import uow\nfrom adapters.slack import app\n",
            "benchmarks/x.py": "from tests.slack.fake_slack import FakeSlack\nimport json\n",
        },
    )
    arrows, external = picture(root)
    assert arrows["bot"] == {"bot.commands": 1, "storage": 1}
    assert arrows["bot.commands"] == {"bot": 2}  # the relative import counts too
    assert arrows["storage"] == {"bot": 1}  # an import inside a function counts
    assert external == {"adapters.slack": {"slack_bolt"}}  # the standard library is left out
    assert wrong_way(arrows) == [
        "adapters.slack -> adapters.discord",
        "benchmarks -> tests",
        "bot -> storage",
    ]
    assert cycles(arrows) == ["bot <-> bot.commands", "bot <-> storage"]
    lines = [" ".join(line.split()) for line in render(arrows, external)]
    assert "plcbot (composition root) -> adapters.slack (1), storage (1)" in lines
    assert (
        "Wrong-way arrows: adapters.slack -> adapters.discord, benchmarks -> tests, bot -> storage"
        in lines
    )


def test_on_this_checkout_no_arrow_points_the_wrong_way() -> None:
    arrows, _ = picture()
    assert {"bot", "bot.commands", "bot.usecases", "storage", "plcbot"} <= set(arrows)
    assert wrong_way(arrows) == []
