"""`python -m benchmarks.statement_sites [simulation arguments]`: the simulation (always give
`--out`, so it does not write docs/simulation.md), counting by the storage method that caused
them: statements SQLAlchemy executed (`DefaultExecutionContext._init_compiled`), cache keys it
computed (`HasCacheKey._generate_cache_key`: a statement built per call needs one at each
execution) and statements run on the driver (storage/direct.py). The counts are deterministic
for a seed, so a change to storage/ can be judged without timing anything; the method named is
the innermost frame in storage/ outside the shared helpers (repository.py, direct.py, ...)."""

from __future__ import annotations

import runpy
import sys
from collections import Counter
from collections.abc import Iterator, Mapping
from types import FrameType
from typing import Any

import greenlet  # type: ignore[import-untyped]
from sqlalchemy.engine import default
from sqlalchemy.sql import cache_key

from storage import direct

_SHARED = ("repository", "direct", "transaction", "uow", "errors", "checked_insert", "many_updates")
HELPERS = tuple(f"storage/{name}.py" for name in _SHARED)
COUNTS: dict[str, Counter[str]] = {"sqlalchemy": Counter(), "cache keys": Counter()}
COUNTS["driver"] = Counter()


def _frames() -> Iterator[FrameType]:
    """The caller's frames, then (inside SQLAlchemy's greenlet) the awaiting coroutines'."""
    frame: FrameType | None = sys._getframe(3)
    while frame is not None:
        yield frame
        frame = frame.f_back
    parent = greenlet.getcurrent().parent
    frame = parent.gr_frame if parent is not None else None
    while frame is not None:
        yield frame
        frame = frame.f_back


def _site() -> str:
    ours = [f for f in _frames() if "/storage/" in f.f_code.co_filename]
    ours = [f for f in ours if ".venv" not in f.f_code.co_filename]
    named = [f for f in ours if not f.f_code.co_filename.endswith(HELPERS)] or ours
    if not named:
        return "(outside storage/)"
    frame = named[0]
    return f"{frame.f_code.co_filename.rsplit('/storage/', 1)[1]}:{frame.f_code.co_name}"


def _count() -> None:
    init = default.DefaultExecutionContext._init_compiled.__func__  # type: ignore[attr-defined]

    def init_compiled(cls: Any, *args: Any, **kwargs: Any) -> Any:
        COUNTS["sqlalchemy"][_site()] += 1
        return init(cls, *args, **kwargs)

    default.DefaultExecutionContext._init_compiled = classmethod(init_compiled)  # type: ignore[assignment]
    key = cache_key.HasCacheKey._generate_cache_key

    def generate(self: Any) -> Any:
        COUNTS["cache keys"][_site()] += 1
        return key(self)

    cache_key.HasCacheKey._generate_cache_key = generate  # type: ignore[method-assign]
    for driver in (direct.SqliteDriver, direct.AsyncpgDriver):
        run = driver.run

        async def counted(
            self: direct.Driver, form: direct.Form, params: Mapping[str, Any], run: Any = run
        ) -> direct.Ran:
            COUNTS["driver"][_site()] += 1
            return await run(self, form, params)  # type: ignore[no-any-return]

        driver.run = counted  # type: ignore[method-assign]


def main() -> None:
    if "--out" not in sys.argv:
        sys.exit("give --out (the simulation would write docs/simulation.md otherwise)")
    _count()
    sys.argv = ["simulation", *sys.argv[1:]]
    try:
        runpy.run_module("simulation", run_name="__main__", alter_sys=True)
    finally:
        for what, counts in COUNTS.items():
            print(f"\n{what}: {sum(counts.values())}")
            for site, n in counts.most_common(30):
                print(f"{n:8,} {site}")


if __name__ == "__main__":
    main()
