"""A community's school calendar and its teams' schedules, declared in the config file and
applied at start.

```toml
[[community]]
id = "slack:T0123"                # platform:workspace (or discord:<guild id>)
admins = ["U0ADMIN"]              # optional: people who are this community's admins

[[community.calendar]]            # a break for every team of the community
from = 2026-12-21
to = 2027-01-01
label = "Winter break"

[[community.team]]
channel = "C0456"
name = "Grade 4 Math"             # optional
timezone = "America/Chicago"      # optional: [bot] default_timezone
# archived = true                 # optional: archive the team (false: bring it back)

[[community.team.schedule]]
kind = "stage_nudge"
when = "mon,wed 15:30"
timezone = "America/New_York"     # optional: the team's
# after_hours = 24                # nonresponder_reminder only

[[community.team.calendar]]       # a break for this team only
from = 2027-03-08
to = 2027-03-12
label = "State testing"
```

Applying is additive and idempotent: a team is created if its channel is not a team yet (an
existing team keeps its name and zone), a schedule is added unless the team has one of the
same (kind, when, time zone) — paused or not — and a break unless one with the same
(first day, last day, team) exists. Nothing else is changed or removed (only a team's
`archived`, when declared, is applied: archived, or brought back), so starting twice, or
several processes starting at once, never duplicates anything.
"""

from bot.declared.apply import DECLARED_BY, Applied, apply_declared
from bot.declared.model import (
    PLATFORMS,
    DeclarationError,
    DeclaredBreak,
    DeclaredCommunity,
    DeclaredSchedule,
    DeclaredTeam,
)
from bot.declared.parse import parse_communities

__all__ = [
    "DECLARED_BY",
    "PLATFORMS",
    "Applied",
    "DeclarationError",
    "DeclaredBreak",
    "DeclaredCommunity",
    "DeclaredSchedule",
    "DeclaredTeam",
    "apply_declared",
    "parse_communities",
]
