"""The scripted walk-through `make demo` plays: a learning team's first session, end to end."""

WALKTHROUGH = """\
# Ana, the district's PL coordinator, turns #grade4 into a learning team
/as ana
/plc team create "Grade 4 Math" America/Chicago
# Fay, the instructional coach, looks at the team's cycle; now the bot knows her, Ana makes her facilitator
/as fay
/plc cycle
/as ana
/plc role grant @fay facilitator
# Fay opens a session: the card shows the norms and a check-in
/as fay
/plc session open Fractions on a number line
# Three teachers check in: one by command, two with the card's buttons
/as maria
/plc checkin 4 curious
/as jon
2
/as lee
5
# Ninety minutes later, Fay closes the session: a closing reflection and the feedback pulse
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
# Fay reads the team's report: counts, never Maria's private words
/as fay
/plc report
# Fay schedules a nudge every hour on the hour, tries it now, and lets an hour pass
/plc schedule add stage_nudge "0 * * * *"
/plc schedule test 1
/wait 60
"""
