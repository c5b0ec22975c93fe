"""The scripted walk-through `make demo` plays: a learning team's first session, end to end.

The scripts are data, one per language (`walkthroughs/<lang>.txt`), so a language's demo needs
no code: `make demo LANG=es` plays `walkthroughs/es.txt`, a language without a script of its
own plays English's. Each line is what someone types in the console (`/as`, `/plc …`, a
button's number or label, a form's answer); a line starting with `#` is the narration.
`{soon}`, `{later}` and `{goal_by}` are due dates, filled in ahead of the day it is played.

In a translated script the people type in their language (reflections, check-in words,
norms, topics, the goal); command and option names stay English in every language, as do the
grammar's own words (`evidence:`, `by`). A button whose label is the bot's own words ("Next
step", "Yes") is clicked by its number there, so the script plays the same whether or not the
bot's sentences are translated."""

from datetime import date, timedelta
from importlib import resources

SOURCE = "en"


def script(language: str = SOURCE) -> str:
    """The walk-through's lines for `language` (English's when it has none)."""
    folder = resources.files("adapters.console").joinpath("walkthroughs")
    found = folder.joinpath(f"{language}.txt")
    chosen = found if found.is_file() else folder.joinpath(f"{SOURCE}.txt")
    return chosen.read_text(encoding="utf-8")


def walkthrough(today: date, language: str = SOURCE) -> str:
    """The walk-through in `language`, with due dates that are ahead of `today`."""
    return script(language).format(
        soon=today + timedelta(days=3),
        later=today + timedelta(days=7),
        goal_by=today + timedelta(days=60),
    )
