import pytest

from tests.harness import Harness


@pytest.fixture
def h() -> Harness:
    return Harness()
