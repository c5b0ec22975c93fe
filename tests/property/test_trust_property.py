"""The promise to teachers as one property, over random sequences of what several people do in
two communities and three teams: commands, clicks (their own, someone else's, and crafted ids
pointing at another team), forms answered with Enter, thread and DM replies, grants and revokes
(some at the same moment), forget, and retention runs. Community "console:T1" is typed at the
real console adapter; community "slack:G1" goes through the real Slack app over the fake Slack
of tests/slack (what its readers were shown is what the fake received). After every step:

- nobody was shown a reflection (in a reply, a form, a channel post, a DM, a DM'd export file,
  an App Home page or the district export) that its author did not choose for them;
- a community that ever had an admin has one, and nobody holds admin without a legitimate grant;
- storage holds exactly the reflections the model expects, each with the audience its author
  chose; nobody became a member of a team they took no part in;
- every receipt says what happened (the audience a reflection was saved for, what forget deleted).

The model (tests/property/model.py) is kept from what people did and what the bot said yes to,
never from the bot's storage. How to run it longer and how its sensitivity was checked:
tests/property/README.md."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

from storage.engine import default_sqlite_url, make_engine
from storage.migrate import upgrade_sync
from storage.uow import SqlUnitOfWorkFactory
from tests.property.dms import DmRules
from tests.property.rules_clicks import ClickRules
from tests.property.rules_reads import SURVEY, ReadRules
from tests.property.rules_reflect import ReflectRules
from tests.property.rules_roles import RoleRules
from tests.property.rules_work import WorkRules

# TRUST_NO_SHRINK=1: report the first failing sequence as found (shrinking a long one is slow)
PHASES = [p for p in Phase if not (os.environ.get("TRUST_NO_SHRINK") and p is Phase.shrink)]
EXAMPLES = int(os.environ.get("TRUST_EXAMPLES", "30"))  # TRUST_EXAMPLES=500 for a longer run


class TrustMachine(ReflectRules, ClickRules, RoleRules, WorkRules, ReadRules, DmRules):
    pass


TrustMachine.TestCase.settings = settings(
    max_examples=EXAMPLES,
    stateful_step_count=20,
    deadline=None,
    phases=PHASES,
    suppress_health_check=list(HealthCheck),
    database=None,
)
test_the_promise_holds_over_random_days_in_the_core = TrustMachine.TestCase


class TrustMachineOnSqlite(TrustMachine):
    reads_every_view = False  # one random view per `someone_reads` step: SQL is slower

    def make_uow(self):
        folder = Path(tempfile.mkdtemp(prefix="trust-"))
        url = default_sqlite_url(folder)
        upgrade_sync(url)
        self._factory = SqlUnitOfWorkFactory(make_engine(url))
        return self._factory

    def teardown(self) -> None:
        self.world.run(self._factory.dispose())
        super().teardown()


TrustMachineOnSqlite.TestCase.settings = settings(
    max_examples=max(1, EXAMPLES // 6),
    stateful_step_count=20,
    deadline=None,
    phases=PHASES,
    suppress_health_check=list(HealthCheck),
    database=None,
)
test_the_promise_holds_on_sqlite = TrustMachineOnSqlite.TestCase

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def teardown_module() -> None:
    if SURVEY is not None:
        print("\nbreaches found (one example of each):\n" + "\n".join(sorted(SURVEY.values())))
