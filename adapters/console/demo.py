"""The scripted walk-through `make demo` plays: a learning team's first session, end to end.
`make demo LANG=es` plays the Spanish team's (adapters/console/demo_es.py); a language without
a script of its own plays this one."""

from datetime import date, timedelta

from adapters.console.demo_es import WALKTHROUGH_ES

WALKTHROUGH = """\
# Ana, the district's PL coordinator, turns #grade4 into a learning team
/as ana
/plc team create "Grade 4 Math" America/Chicago
# Fay, the instructional coach, looks at the team's cycle; now the bot knows her, Ana makes her facilitator
/as fay
/plc cycle
/as ana
/plc role grant @fay facilitator
# Fay writes down what the team found in the data, and the goal, in a guided form
/as fay
/plc need set Half of grade 4 cannot place 3/4 on a number line. evidence: fall screener, item 12
/plc stage next
/plc goal
Place fractions on a number line and explain why
Unit exit ticket, item 4
80% of students
{goal_by}
# Fay plans the meeting: an agenda with minutes per item, and who takes notes and keeps time
/plc agenda add 10 Check-in and norms
/plc agenda add 40 Look at the exit tickets together
/plc agenda add 20 Plan next week's number-line talks
/plc session role note-taker @jon
/plc session role timekeeper @maria
# Fay opens a session: the card shows the norms, the agenda and roles, a check-in and open action items
/plc session open Fractions on a number line
# Three teachers check in: one by command, two with the card's buttons (a click offers the word)
/as maria
/plc checkin 4 curious
/as jon
2
tired
/as lee
5
# The team agrees on two action items; the owners are reminded the day before they are due
/as fay
/plc action add @maria share the fractions rubric by {soon}
/plc action add @jon bring five exit tickets by {later}
/plc action list
# Jon, the note-taker, writes down what the team decided
/as jon
/plc decision Every class takes the same exit ticket on Fridays
# Fay runs a protocol, step by step; anyone takes notes for the step, and they go into the minutes
/as fay
/plc protocol start notice-and-wonder
/as lee
/plc protocol note Most wrong answers put 3/4 past the 1
/as fay
/click Next step
/as jon
/plc protocol note They count the tick marks, not the spaces between them
/as fay
/plc protocol stop
# Ninety minutes later, Fay closes the session: the minutes, a closing reflection and the pulse
/wait 90
/as fay
/plc session close
# Maria answers with the pulse buttons
/as maria
5 — strongly agree
Yes
# Two teachers reflect: Maria privately, Jon to the whole team
/plc reflect --private I rushed the number-line warm-up; next time I will let them argue longer.
/as jon
/plc reflect --team Placing 3/4 and 6/8 on the same line made equivalence click for my group.
# Fay signs the attendance off, so it counts in everyone's PD hours; Maria looks at hers
/as fay
/plc attend confirm
/as maria
/plc me pdhours
# Fay reads the team's report: counts, never Maria's private words
/as fay
/plc report
# Fay schedules a nudge every hour on the hour, tries it now, and lets an hour pass
/plc schedule add stage_nudge "0 * * * *"
/plc schedule test 1
/wait 60
# Maria collects evidence for a micro-credential as the cycle goes on: two of her reflections,
# a link to her adjusted lesson, then the package she hands in to the issuer (a ZIP)
/as maria
/plc credential start formative-data
/plc reflect --private Sorting the exit tickets into three piles showed me who confuses halves with quarters.
/plc me reflections
/plc credential use formative-data 5 1
/plc credential use formative-data 5 3
/plc credential add formative-data 3 https://example.org/maria/number-line-lesson
/plc credential status formative-data
/plc credential export formative-data
"""


WALKTHROUGHS = {"en": WALKTHROUGH, "es": WALKTHROUGH_ES}


def walkthrough(today: date, language: str = "en") -> str:
    """The walk-through in `language`, with due dates that are ahead of `today`."""
    return WALKTHROUGHS.get(language, WALKTHROUGH).format(
        soon=today + timedelta(days=3),
        later=today + timedelta(days=7),
        goal_by=today + timedelta(days=60),
    )
