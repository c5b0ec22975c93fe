"""How the micro-credential commands' text reads into intents (bot.commands.credential_intents)."""

from __future__ import annotations

from bot.commands import credential_intents as cr
from bot.commands.arguments import parse_user
from bot.commands.spec import ParseError, Parser, Spec
from bot.i18n import N_, _
from bot.text import clean, one_line, whole_number

PART = N_("Give the part's number, as `/plc credential status <id>` shows it.")


def credential_id(factory: type[cr.CredentialStart] | type[cr.CredentialExport]) -> Parser:
    def parse(spec: Spec, rest: str) -> cr.CredentialStart | cr.CredentialExport:
        words = rest.split()
        if len(words) != 1:
            raise ParseError(
                spec, _("Name one micro-credential by its id; see `/plc credential list`.")
            )
        return factory(words[0].lower())

    return parse


def status(spec: Spec, rest: str) -> cr.CredentialStatus:
    words = rest.split()
    if len(words) > 1:
        raise ParseError(spec, _("Name at most one micro-credential."))
    return cr.CredentialStatus(words[0].lower() if words else "")


def _id_and_part(spec: Spec, rest: str) -> tuple[str, int, str]:
    words = rest.strip().split(maxsplit=2)
    if len(words) < 2:
        raise ParseError(spec, _("Name the micro-credential and the part's number."))
    number = whole_number(words[1].lstrip("#"))
    if number is None:
        raise ParseError(spec, _(PART))
    return words[0].lower(), number, words[2] if len(words) == 3 else ""


def add(spec: Spec, rest: str) -> cr.CredentialAdd:
    cid, number, said = _id_and_part(spec, rest)
    return cr.CredentialAdd(cid, number, clean(said))


def use(spec: Spec, rest: str) -> cr.CredentialUse:
    cid, number, said = _id_and_part(spec, rest)
    reflection = whole_number(said.strip().lstrip("#"))
    if reflection is None:
        raise ParseError(
            spec, _("Give the reflection's number, as `/plc me reflections` shows it (like 12).")
        )
    return cr.CredentialUse(cid, number, reflection)


def share(spec: Spec, rest: str) -> cr.CredentialShare:
    words = rest.split()
    if len(words) != 2:
        raise ParseError(spec, _("Name the micro-credential and one reviewer (or `off`)."))
    reviewer = "" if words[1].lower() == "off" else parse_user(spec, words[1])
    return cr.CredentialShare(words[0].lower(), reviewer)


def review(spec: Spec, rest: str) -> cr.CredentialReview:
    words = rest.split()
    if len(words) != 2:
        raise ParseError(spec, _("Name the teacher and the micro-credential."))
    return cr.CredentialReview(parse_user(spec, words[0]), words[1].lower())


def comment(spec: Spec, rest: str) -> cr.CredentialComment:
    words = rest.strip().split(maxsplit=1)
    if len(words) != 2:
        raise ParseError(
            spec, _("Name the teacher, the micro-credential, the part and your comment.")
        )
    cid, number, said = _id_and_part(spec, words[1])
    return cr.CredentialComment(parse_user(spec, words[0]), cid, number, one_line(said))


def file_intent(line: str, name: str, mime: str, content: bytes) -> cr.CredentialFile | None:
    """A file a person attached to `credential add <id> <part> [note]` (a Slack DM's text): the
    intent that keeps it as an artifact, or None when the text is not that command."""
    from bot.commands.grammar import parse  # the grammar imports this module's parsers

    said = line.strip().removeprefix("/plc").strip()
    try:
        _spec, intent = parse(said)
    except ValueError:
        return None
    if not isinstance(intent, cr.CredentialAdd):
        return None
    return cr.CredentialFile(intent.credential_id, intent.part, name, mime, content, intent.text)
