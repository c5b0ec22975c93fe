"""The console's own longer texts: what `/help` prints, the greeting, the not-understood
note (marked for the catalog here, said in the console's language where they are printed)."""

from __future__ import annotations

from bot.api import N_

HELP = N_("""\
Lines it understands (also from a script on stdin):
  /plc ...            a bot command, as the current person in the current channel
  /as <person>        speak as someone else            /in <channel>   move to another channel
  /dm <text>          send the bot a direct message    /reply <msg-id> <text>   reply to a message
  <n> or a label      click button n (or the button with that label) of the latest buttons
  /wait <minutes>     let time pass; scheduled posts appear   /quit  leave
  /cancel             leave a form without saving it   # ...  a comment, printed as narration
""")
GREETING = N_("""\
plcbot in your terminal: you are @{user} in #{channel}, on the local database.
Three things to try first:
  /plc team create "Grade 4 Math" America/Chicago   make #{channel} a learning team (you become its admin)
  /plc session open Fractions                       open a session: the norms and a check-in card
  /plc help                                         everything else; /help for the console (/as, /in, /quit)""")
NOT_UNDERSTOOD = N_(
    "(I didn't understand that. Type /plc help for the bot, or /help for the console.)"
)
