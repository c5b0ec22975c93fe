"""The `/plc credential` commands: micro-credential evidence portfolios (bot.credentials)."""

from __future__ import annotations

from bot.commands import arguments as a
from bot.commands import credential_arguments as ca
from bot.commands import credential_intents as cr
from bot.commands.spec import Spec
from bot.i18n import N_

CREDENTIAL_COMMANDS: tuple[Spec, ...] = (
    Spec(
        ("credential", "list"),
        "",
        "",
        N_("The micro-credentials you can collect evidence for, and how many teachers here are."),
        cr.CredentialList,
        a.no_args(cr.CredentialList),
    ),
    Spec(
        ("credential", "start"),
        N_("<id>"),
        "formative-data",
        N_("Start your private portfolio for a micro-credential; shows its parts in order."),
        cr.CredentialStart,
        ca.credential_id(cr.CredentialStart),
    ),
    Spec(
        ("credential", "status"),
        N_("[id]"),
        "formative-data",
        N_(
            "Each part of your portfolio: its evidence, what is missing, words against the guidance."
        ),
        cr.CredentialStatus,
        ca.status,
    ),
    Spec(
        ("credential", "add"),
        N_("<id> <part> <your answer or a link>"),
        N_("formative-data 1 Grade 4 math, 26 students; the goal is placing fractions on a line."),
        N_("Add a written answer or a link to a part (attach a file to add it as an artifact)."),
        cr.CredentialAdd,
        ca.add,
    ),
    Spec(
        ("credential", "use"),
        N_("<id> <part> <reflection number>"),
        "formative-data 5 12",
        N_("Use one of your reflections (numbered in /plc me reflections) as evidence for a part."),
        cr.CredentialUse,
        ca.use,
    ),
    Spec(
        ("credential", "share"),
        N_("<id> @reviewer | off"),
        "formative-data @coach",
        N_("Let one coach or facilitator read your portfolio and comment on its parts."),
        cr.CredentialShare,
        ca.share,
    ),
    Spec(
        ("credential", "review"),
        N_("@teacher <id>"),
        "@maria formative-data",
        N_("Read a portfolio a teacher shared with you."),
        cr.CredentialReview,
        ca.review,
    ),
    Spec(
        ("credential", "comment"),
        N_("@teacher <id> <part> <comment>"),
        N_("@maria formative-data 2 Say how many students were in each group."),
        N_("Comment on a part of a portfolio shared with you; the teacher gets it by DM."),
        cr.CredentialComment,
        ca.comment,
    ),
    Spec(
        ("credential", "export"),
        N_("<id>"),
        "formative-data",
        N_("Your submission package by DM: printable index.html, artifacts, evidence.json."),
        cr.CredentialExport,
        ca.credential_id(cr.CredentialExport),
    ),
)
