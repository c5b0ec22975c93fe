"""The reproduce line a report or a failing test prints sets every variable `make simulate`
passes on to the run (a sample left at make's default is another run: the checkpoints draw
their teachers from the same seeded stream as everyone's habits)."""

from __future__ import annotations

import re
from datetime import date

from simulation.plan import Scale
from simulation.run import Result
from simulation.writeup import reproduce
from tests.simulation.test_school_year import ROOT

NOT_THE_RUN = {"PY", "PG_URL", "STAMP"}  # the interpreter, where PostgreSQL is, make's stamp


def recipe_variables() -> set[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^simulate:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert recipe is not None
    return set(re.findall(r"\$\((?:if )?\$?\(?([A-Z_]+)", recipe.group(0))) - NOT_THE_RUN


def test_the_reproduce_line_sets_every_variable_of_the_recipe() -> None:
    result = Result(7, Scale(3, 6, 2), date(2026, 9, 27), "postgresql", "socket", sample=3)
    line = reproduce(result)
    assert line == (
        "make simulate SEED=7 UNTIL=2026-09-27 TEAMS=3 TEACHERS=6 WEEKS=2 SAMPLE=3 SLACK=socket PG=1 PROCESSES=1"
    )
    assert set(re.findall(r"([A-Z_]+)=", line)) == recipe_variables()
