"""What people on the Discord server do that only Discord has: `/plc reflect` without words
opens the latest prompt's form (a modal), filled in and submitted. Written to the event log
first, like every act (simulation/acts.py)."""

from __future__ import annotations

from simulation.acts import Acts
from simulation.plan import Teacher

FIELDS = ["text", "visibility"]


async def reflect_by_form(acts: Acts, t: Teacher, visibility: str) -> None:
    """The form answers the team's latest prompt; a second answer replaces the first."""
    if t.user in acts.gone:
        return
    seen = await acts.say(t.community, t.user, t.team, "/plc reflect")
    acts.answered("reflect form opens", t.user, seen, "Reflect")
    fields = acts.world.discord.form(t.user)
    if not acts.expect("reflect form fields", t.user, FIELDS, fields):
        return
    token = acts.written(t, visibility, via="form")
    values = {"text": f"On the form: {token} is what I noticed.", "visibility": visibility}
    seen = await acts.world.fill(t.community, t.user, values)
    acts.answered(
        "reflect by form", t.user, seen, "Saved your reflection", "Updated your reflection"
    )
