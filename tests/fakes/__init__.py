"""Hand-written fakes of the core's ports: an in-memory unit of work and a recording chat.

The unit of work (`uow`) keeps its tables in `state` and its repositories beside them; the
storage contract tests (tests/storage) run on it as well as on SQLite and PostgreSQL, so it
keeps the rules the databases keep. `chat` is the one recording Chat of the tests."""

from tests.fakes.chat import FakeChat, Sent
from tests.fakes.state import State
from tests.fakes.uow import FakeStore, FakeUnitOfWork

__all__ = ["FakeChat", "FakeStore", "FakeUnitOfWork", "Sent", "State"]
