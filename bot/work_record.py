"""A cycle's record read from its entries: what each stage produced and what is missing, and
the evidence summarised as a weekly trend. Plain data; bot/work_cards.py renders it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from bot.domain import CycleStage
from bot.i18n import N_, _
from bot.work import GOAL_FIELDS, CycleEntry, EntryKind, Goal

# What a goal still lacks, one whole phrase per field (a translator words each).
GOAL_MISSING = {
    "what": N_("no what students will be able to do yet"),
    "measure": N_("no measure yet"),
    "target": N_("no target yet"),
    "by": N_("no by when yet"),
}


@dataclass(frozen=True)
class CycleRecord:
    need: CycleEntry | None = None
    goal: Goal | None = None
    designs: tuple[CycleEntry, ...] = ()
    commitments: tuple[CycleEntry, ...] = ()  # the latest of each teacher
    evidence: tuple[CycleEntry, ...] = ()
    closed: bool = False
    credential: str = ""  # the micro-credential a facilitator linked to the goal

    @classmethod
    def of(cls, entries: Sequence[CycleEntry]) -> CycleRecord:
        need, goal, closed, credential = None, None, False, ""
        designs: list[CycleEntry] = []
        commitments: dict[str | None, CycleEntry] = {}
        evidence: list[CycleEntry] = []
        for e in entries:
            if e.kind is EntryKind.NEED:
                need = e
            elif e.kind is EntryKind.GOAL:
                goal = Goal.of(e)
            elif e.kind is EntryKind.DESIGN:
                designs.append(e)
            elif e.kind is EntryKind.COMMITMENT:
                commitments.pop(e.user_id, None)
                commitments[e.user_id] = e
            elif e.kind is EntryKind.EVIDENCE:
                evidence.append(e)
            elif e.kind is EntryKind.CREDENTIAL:
                credential = e.text
            else:
                closed = True
        return cls(
            need,
            goal,
            tuple(designs),
            tuple(commitments.values()),
            tuple(evidence),
            closed,
            credential,
        )

    def missing(self, stage: CycleStage) -> list[str]:
        """What the stage has not produced yet, in a facilitator's words ("no measure yet")."""
        if stage is CycleStage.ANALYZE:
            if self.need is None:
                return [_("no student learning need yet")]
            return [] if self.need.detail else [_("no evidence for the need yet")]
        if stage is CycleStage.GOALS:
            if self.goal is None:
                return [_("no goal yet")]
            given = dict(zip(GOAL_FIELDS, self.goal.fields(), strict=True))
            return [_(GOAL_MISSING[name]) for name in GOAL_FIELDS if not given[name]]
        if stage is CycleStage.LEARN:
            return [] if self.designs else [_("no learning design yet")]
        if stage is CycleStage.IMPLEMENT:
            return [] if self.commitments else [_("no classroom commitment yet")]
        return [] if self.evidence else [_("no evidence check-in yet")]


@dataclass(frozen=True)
class Trend:
    weekly: tuple[tuple[date, int], ...]  # (Monday of the week, average share), oldest first

    @property
    def direction(self) -> str:
        if len(self.weekly) < 2:
            return _("one week so far") if self.weekly else _("no check-ins yet")
        change = self.weekly[-1][1] - self.weekly[0][1]
        if change >= 5:
            return _("rising")
        return _("falling") if change <= -5 else _("steady")

    def text(self) -> str:
        shares = " → ".join(f"{share}%" for _week, share in self.weekly)
        return f"{shares} ({self.direction})" if shares else self.direction


def trend(evidence: Sequence[CycleEntry], timezone: str) -> Trend:
    zone = ZoneInfo(timezone)
    weeks: dict[date, list[int]] = {}
    for e in evidence:
        day = e.created_at.astimezone(zone).date()
        monday = day - timedelta(days=day.weekday())
        weeks.setdefault(monday, []).append(e.percent or 0)
    return Trend(tuple((w, round(sum(v) / len(v))) for w, v in sorted(weeks.items())))
