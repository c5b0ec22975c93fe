from bot.clock import FixedClock
from bot.throttle import Throttle
from tests.harness import START, Harness, reply_text


async def test_a_flood_from_one_person_is_refused_saying_it_was_not_run_and_others_are_unaffected(
    h: Harness,
) -> None:
    await h.team_with_facilitator()
    outs = [await h.say("tia", "/plc norms") for _ in range(100)]
    refused = [o for o in outs if not o.ok]
    assert 60 <= len(refused) <= 90
    assert "faster than I can keep up" in reply_text(
        refused[0]
    ) and "I did not run that one" in reply_text(refused[0])
    assert (await h.say("uma", "/plc norms")).ok
    h.clock.advance(seconds=10)
    assert (await h.say("tia", "/plc norms")).ok  # back after a short wait


def test_the_bucket_refills_at_the_set_rate_and_forgets_idle_people() -> None:
    clock = FixedClock(START)
    throttle = Throttle(clock, per_minute=60, burst=2, max_people=3)
    assert [throttle.allow("c", "a") for _ in range(3)] == [True, True, False]
    clock.advance(seconds=1)
    assert throttle.allow("c", "a") and not throttle.allow("c", "a")
    for user in ("b", "d", "e", "f"):
        throttle.allow("c", user)
    assert len(throttle._buckets) == 3
