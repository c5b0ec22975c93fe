"""The `/plc` commands of the team's work: the cycle's record and action items."""

from __future__ import annotations

from bot.commands import arguments as a
from bot.commands import work_arguments as wa
from bot.commands import work_intents as w
from bot.commands.spec import Spec
from bot.i18n import N_

WORK_COMMANDS: tuple[Spec, ...] = (
    Spec(
        ("need", "set"),
        N_("<the student learning need> [evidence: <what it rests on, links>]"),
        N_(
            "Half of grade 4 cannot place 3/4 on a number line. evidence: fall screener, "
            "https://example.org/exit-tickets"
        ),
        N_("Write down the student learning need the team found (analyze)."),
        w.NeedSet,
        wa.need_set,
    ),
    Spec(
        ("goal",),
        "",
        "",
        N_("Write the team's goal in a form: what students will do, measure, target, by when."),
        w.GoalForm,
        a.no_args(w.GoalForm),
    ),
    Spec(
        ("goal", "set"),
        N_("what: <…> measure: <…> target: <…> by: <…>"),
        N_(
            "what: place fractions on a number line measure: unit exit ticket target: 80% by: "
            "2026-12-18"
        ),
        N_("Set the goal's fields (any of them); the bot says what is still missing."),
        w.GoalSet,
        wa.goal_set,
    ),
    Spec(
        ("goal", "credential"),
        N_("<micro-credential id> | off"),
        "formative-data",
        N_(
            "Link the goal to a micro-credential: teachers with a portfolio for it are offered "
            "their implement and monitor reflections as evidence."
        ),
        w.GoalCredential,
        wa.goal_credential,
    ),
    Spec(
        ("design", "add"),
        N_("<learning design>"),
        N_("Lesson study on number-line talks"),
        N_("Add a learning design the team chose (learn)."),
        w.DesignAdd,
        wa.text_of(w.DesignAdd),
    ),
    Spec(
        ("commit",),
        N_("<what you will try>"),
        N_("Two number-line talks a week"),
        N_("Your classroom commitment for this cycle (implement); saying it again replaces it."),
        w.CommitSet,
        wa.text_of(w.CommitSet),
    ),
    Spec(
        ("evidence",),
        N_("<0-100> [note]"),
        N_("60 most placed 3/4 right, halves still shaky"),
        N_("What share of your students met the target this week (monitor)?"),
        w.EvidenceAdd,
        wa.evidence,
    ),
    Spec(
        ("cycle", "close"),
        "",
        "",
        N_("Close the cycle: posts its one-page summary to the team and starts the next cycle."),
        w.CycleClose,
        a.no_args(w.CycleClose),
    ),
    Spec(
        ("action", "add"),
        N_("@owner <what> by <date>"),
        N_("@maria share the fractions rubric by 2026-10-02"),
        N_("Give someone an action item; they are reminded the day before and when it is overdue."),
        w.ActionAdd,
        wa.action_add,
    ),
    Spec(
        ("action", "list"),
        "",
        "",
        N_("The team's open action items."),
        w.ActionList,
        a.no_args(w.ActionList),
    ),
    Spec(
        ("action", "done"),
        N_("<n>"),
        "3",
        N_("Mark action item n done."),
        w.ActionDone,
        wa.action_done,
    ),
)
