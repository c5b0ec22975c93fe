"""What people do, each through an adapter, each written to the event log first (what they
meant to do) and then checked against what they were answered: an action a person could do
that plcbot refused is a mismatch of its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from simulation.events import EventLog
from simulation.plan import BREAKS, District, Teacher, TeamPlan, user_id
from simulation.slack_wire import Seen
from simulation.world import DISCORD, SLACK, World

# Each schedule of every team: (kind, day, time in the team's zone).
SCHEDULES = (
    ("reflection_prompt", "mon", "07:30"),
    ("nonresponder_reminder", "tue", "16:00"),
    ("checkin", "wed", "08:00"),
)
FURTHER = (
    " We looked at the exit tickets together, and half the class still mixes up the numerator"
    " and the denominator once the fractions are larger than one."
)


@dataclass
class Mismatch:
    at: str
    check: str
    where: str
    expected: Any
    got: Any


@dataclass
class Acts:
    world: World
    log: EventLog
    district: District
    mismatches: list[Mismatch] = field(default_factory=list)
    tokens: int = 0
    asked: dict[str, int] = field(default_factory=dict)  # answers checked, by check
    gone: set[str] = field(default_factory=set)  # who deleted their data
    faults: list[str] = field(default_factory=list)  # the platform faults injected

    def expect(self, check: str, where: str, expected: Any, got: Any) -> bool:
        self.asked[check] = self.asked.get(check, 0) + 1
        if expected != got:
            self.mismatches.append(Mismatch(self.world.stamp(), check, where, expected, got))
            return False
        return True

    def note(self, kind: str, /, **data: Any) -> None:
        """What someone means to do, in the log, now."""
        self.log.add(self.world.stamp(), kind, **data)

    def answered(self, check: str, where: str, seen: list[Seen], *words: str) -> str:
        text = "\n".join(s.text for s in seen)
        ok = any(w in text for w in words)
        want = f"an answer saying {words[0]!r}"
        self.expect(check, where, want, want if ok else text[:300])
        return text

    async def say(self, cid: str, user: str, channel: str, line: str) -> list[Seen]:
        return await self.world.say(cid, user, channel, line)

    def mention(self, cid: str, user: str) -> str:
        if cid == DISCORD:
            return f"<@{user}>"
        return f"<@{user}|{user.lower()}>" if cid == SLACK else f"@{user}"

    # ---- the admin sets the district up -----------------------------------------------------

    async def found(self, team: TeamPlan) -> None:
        cid, admin = team.community, self.district.admins[team.community]
        seen = await self.say(
            cid, admin, team.channel, f'/plc team create "{team.name}" {team.zone}'
        )
        said = self.answered("team create", team.channel, seen, team.name)
        self.note(
            "team",
            community=cid,
            team=team.channel,
            name=team.name,
            zone=team.zone,
            admin=admin,
        )
        if team.name in said:  # its creator facilitates it (the first team's reply says so)
            self.note(
                "role",
                community=cid,
                team=team.channel,
                user=admin,
                role="facilitator",
            )
        # The facilitator-to-be reads the norms first: a role is granted to people plcbot knows.
        seen = await self.say(cid, team.facilitator, team.channel, "/plc norms")
        self.answered("norms", team.channel, seen, "norms")
        who = self.mention(cid, team.facilitator)
        seen = await self.say(cid, admin, team.channel, f"/plc role grant {who} facilitator")
        self.answered("role grant", team.channel, seen, "facilitator")
        self.note(
            "role",
            community=cid,
            team=team.channel,
            user=team.facilitator,
            role="facilitator",
        )
        for kind, day, at in SCHEDULES:
            seen = await self.say(
                cid, admin, team.channel, f'/plc schedule add {kind} "{day} {at}"'
            )
            self.answered("schedule add", team.channel, seen, kind)
            self.note(
                "schedule",
                community=cid,
                team=team.channel,
                kind=kind,
                day=day,
                time=at,
            )

    async def calendar(self, cid: str, channel: str) -> None:
        admin = self.district.admins[cid]
        for first, last, label in BREAKS:
            line = f"/plc calendar off {first.isoformat()}..{last.isoformat()} {label}"
            seen = await self.say(cid, admin, channel, line)
            self.answered("calendar off", channel, seen, label)
            self.note(
                "break",
                community=cid,
                first=first.isoformat(),
                last=last.isoformat(),
            )

    async def hand_over(self, cid: str, channel: str, second: str) -> None:
        """The first admin makes `second` an admin too and deletes their own data; `second`,
        now the only admin, may not delete theirs (a community keeps an admin)."""
        first = self.district.admins[cid]
        seen = await self.say(cid, second, channel, "/plc norms")
        self.answered("norms", channel, seen, "norms")
        seen = await self.say(
            cid, first, channel, f"/plc role grant {self.mention(cid, second)} admin"
        )
        self.answered("role grant", channel, seen, "admin")
        self.note("role", community=cid, team=channel, user=second, role="admin")
        leaving = Teacher(cid, first, channel, "admin", 0, 0, False, None, None)
        receipt = await self.forget(leaving)
        self.answered("first admin forgets", first, [Seen(first, None, receipt)], "Deleted")
        seen = await self.say(cid, second, channel, "/plc me forget")
        self.answered("last admin may not forget", second, seen, "last admin")

    async def storm(self, calls: int) -> None:
        """Slack answers the next `calls` posts with 429 (Retry-After 1 s): a rate-limit storm
        just before a scheduled moment. Every post must still land once."""
        self.world.slack.fake.fail_next("chat.postMessage", calls, status=429, retry_after=1)
        self.faults.append(f"{self.world.stamp()}: Slack answers the next {calls} posts with 429")

    # ---- facilitators ----------------------------------------------------------------------------

    async def co_facilitate(self, team: TeamPlan, user: str, *, grant: bool) -> None:
        """The admin makes a teacher a facilitator of the team for a while (or ends it)."""
        cid = team.community
        admin = self.district.admins[cid]
        if user in self.gone or admin in self.gone:
            admin = user_id(cid, "A", 2)  # the first admin has handed over
        if user in self.gone:
            return
        await self.say(cid, user, team.channel, "/plc norms")
        verb = "grant" if grant else "revoke"
        line = f"/plc role {verb} {self.mention(cid, user)} facilitator"
        seen = await self.say(cid, admin, team.channel, line)
        self.answered(f"role {verb}", team.channel, seen, "is now" if grant else "no longer")
        if grant:
            self.note("role", community=cid, team=team.channel, user=user, role="facilitator")
        else:
            self.note("revoke", community=cid, team=team.channel, user=user)

    async def open(self, team: TeamPlan, topic: str) -> None:
        cid = team.community
        self.note(
            "open",
            community=cid,
            team=team.channel,
            user=team.facilitator,
            topic=topic,
        )
        seen = await self.say(cid, team.facilitator, team.channel, f"/plc session open {topic}")
        self.answered("session open", team.channel, seen, "Session opened")

    async def close(self, team: TeamPlan) -> None:
        cid = team.community
        self.note("close", community=cid, team=team.channel, user=team.facilitator)
        seen = await self.say(cid, team.facilitator, team.channel, "/plc session close")
        self.answered("session close", team.channel, seen, "closed", "Closed")

    async def stage(self, team: TeamPlan) -> None:
        cid = team.community
        self.note("stage", community=cid, team=team.channel, user=team.facilitator)
        seen = await self.say(cid, team.facilitator, team.channel, "/plc stage next")
        self.answered("stage next", team.channel, seen, "stage", "Stage")

    # ---- teachers --------------------------------------------------------------------------------

    async def checkin(self, t: Teacher, score: int, *, click: bool = False) -> None:
        """`/plc checkin <score>`, or (`click`, on Slack or Discord) the score's button on the session's
        card in the channel."""
        self.note(
            "checkin",
            community=t.community,
            team=t.team,
            user=t.user,
            score=score,
        )
        card = self.world.cards.get((t.community, t.team), [])
        button = next(
            (
                b
                for b in card
                if b.startswith("plc:checkin:")
                and b.endswith(f":{score}")
                and not b.startswith("plc:checkin:0:")
            ),
            None,
        )
        if click and t.community in (SLACK, DISCORD) and button is not None:
            seen = await self.world.press(t.community, t.user, t.team, button)
            self.answered("checkin by button", t.user, seen, "hecked in", "Updated your check-in")
            return
        seen = await self.say(t.community, t.user, t.team, f"/plc checkin {score}")
        self.answered("checkin", t.user, seen, "hecked in", "Updated your check-in")

    def written(self, t: Teacher, visibility: str, **how: str) -> str:
        """A new reflection's token (its words carry it, so every sighting can be traced)."""
        self.tokens += 1
        token = f"R{self.tokens:06d}"
        where = {"community": t.community, "team": t.team, "user": t.user}
        self.note("reflect", **where, token=token, visibility=visibility, **how)
        return token

    async def reflect(self, t: Teacher, visibility: str) -> None:
        token = self.written(t, visibility)
        more = FURTHER * (self.tokens % 4)  # a line, or a paragraph: listings grow long
        line = f"/plc reflect --{visibility} Today {token} showed me what my students need.{more}"
        seen = await self.say(t.community, t.user, t.team, line)
        self.answered("reflect", t.user, seen, "Saved", "saved", "Posted", "posted")

    async def reply_by_dm(self, t: Teacher) -> None:
        """An answer to the reminder DM, written back in the DM (facilitators read it)."""
        if t.user in self.gone:
            return
        token = self.written(t, "facilitators", via="dm")
        seen = await self.world.dm(t.community, t.user, f"In reply: {token} is what I saw.")
        self.answered(
            "reply by DM", t.user, seen, "Saved your reflection", "Updated your reflection"
        )
        said = sum(1 for s in seen if "your reflection" in s.text)
        self.expect("reply by DM answered once", t.user, 1, said)

    async def reminders_off(self, t: Teacher) -> None:
        self.note("reminders", community=t.community, user=t.user, on=False)
        seen = await self.say(t.community, t.user, t.team, "/plc me reminders off")
        self.answered("reminders off", t.user, seen, "off")

    async def forget(self, t: Teacher) -> str:
        """Returns the receipt."""
        seen = await self.say(t.community, t.user, t.team, "/plc me forget")
        confirm = [b for s in seen for b in s.buttons if b.startswith("plc:forget:confirm:")]
        got = "a confirm button" if confirm else "\n".join(s.text for s in seen)[:300]
        if not self.expect("forget asks first", t.user, "a confirm button", got):
            return ""
        self.note("forget", community=t.community, user=t.user)
        self.gone.add(t.user)
        seen = await self.world.press(t.community, t.user, t.team, confirm[0])
        return self.answered("forget", t.user, seen, "Deleted")
