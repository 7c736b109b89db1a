"""The pure alerts domain: house numbers, outage areas, the outage status machine and its
phases, reminders, quiet hours, subscriptions and the fan-out rows they turn into."""

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from domain.alerts.events import EventCategory
from domain.alerts.fanout import (
    OUTAGE_ALERT,
    FanoutJob,
    Recipient,
    Subject,
    joined_late,
    notification_for,
    outage_job,
)
from domain.alerts.houses import HouseRange, Parity, house_number, normalise_house
from domain.alerts.outages import (
    MAX_DESCRIPTION,
    Outage,
    OutageArea,
    OutageChange,
    OutageDraft,
    OutageKind,
    OutageStatus,
    Phase,
    StreetSpan,
    apply,
    change_from_draft,
    check_draft,
    evening_before,
    new_outage,
    reminders_due,
)
from domain.alerts.subscriptions import (
    QuietHours,
    Scope,
    Subscription,
    delivery_time,
    event_topic,
    outage_topic,
)
from domain.clock import CITY_TZ
from domain.errors import InvalidInput, InvalidTransition
from domain.notifications import Priority

S = OutageStatus
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # Monday, 12:00 in Kazan
BAUMANA = 10
PUSHKINA = 11


def msk(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=CITY_TZ)


def area() -> OutageArea:
    return OutageArea(streets=(StreetSpan(BAUMANA, ranges=(HouseRange(1, 21, Parity.ODD),)),))


def draft(**changes: object) -> OutageDraft:
    values: dict[str, object] = {
        "kind": OutageKind.COLD_WATER,
        "emergency": False,
        "area": area(),
        "starts_at": NOW + timedelta(days=2),
        "ends_at": NOW + timedelta(days=2, hours=8),
        "description": "Плановые работы на водоводе",
        "source": "vodokanal",
        "source_id": "A-1",
    }
    values.update(changes)
    return OutageDraft(**values)  # type: ignore[arg-type]


def outage(**changes: object) -> Outage:
    """A published outage (id 7), planned two days ahead unless told otherwise."""
    published = replace(new_outage(draft(), NOW - timedelta(days=1)), id=7)
    return replace(published, **changes)  # type: ignore[arg-type]


def started(**changes: object) -> Outage:
    """Off since an hour ago, back in five hours."""
    values: dict[str, object] = {
        "status": S.STARTED,
        "starts_at": NOW - timedelta(hours=1),
        "ends_at": NOW + timedelta(hours=5),
    }
    values.update(changes)
    return outage(**values)


# --- house numbers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("house", "number"),
    [
        ("15", 15),
        ("15а", 15),
        ("15 А", 15),
        ("  15", 15),
        ("21к2", 21),
        ("21 корпус 2", 21),
        ("15/2", 15),
        ("корпус 2", None),
        ("", None),
        (None, None),
    ],
)
def test_the_leading_number_of_a_house(house: str | None, number: int | None) -> None:
    assert house_number(house) == number


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("15а", "15а"),
        ("15 А", "15а"),
        (" 15А ", "15а"),
        ("21к2", "21к2"),
        ("21 к 2", "21к2"),
        ("21 корпус 2", "21к2"),
        ("21 Корпус 2", "21к2"),
        ("21 корп. 2", "21к2"),
        ("21 корп 2", "21к2"),
        ("21 кор. 2", "21к2"),
        ("12ё", "12е"),
        ("15/2", "15/2"),
    ],
)
def test_one_spelling_per_building(written: str, normalised: str) -> None:
    assert normalise_house(written) == normalised


def test_a_range_includes_both_ends() -> None:
    both_sides = HouseRange(3, 9)
    assert [n for n in range(1, 12) if both_sides.contains(n)] == [3, 4, 5, 6, 7, 8, 9]


def test_a_range_on_one_side_of_the_street() -> None:
    odd, even = HouseRange(1, 10, Parity.ODD), HouseRange(1, 10, Parity.EVEN)
    assert [n for n in range(0, 13) if odd.contains(n)] == [1, 3, 5, 7, 9]
    assert [n for n in range(0, 13) if even.contains(n)] == [2, 4, 6, 8, 10]


def test_a_single_house_is_a_range() -> None:
    assert HouseRange(15, 15).contains(15)
    assert not HouseRange(15, 15, Parity.EVEN).contains(15)


@pytest.mark.parametrize(("first", "last"), [(0, 5), (6, 5), (1, 100_000), (-3, 2)])
def test_a_range_needs_sensible_bounds(first: int, last: int) -> None:
    with pytest.raises(ValueError, match="house range"):
        HouseRange(first, last)


# --- areas ----------------------------------------------------------------------------------


def test_a_whole_street_covers_every_house_and_an_unknown_one() -> None:
    span = StreetSpan(BAUMANA)
    assert span.whole_street
    assert span.covers("1") and span.covers("150к3") and span.covers(None)


def test_a_span_covers_its_ranges_by_leading_number() -> None:
    span = StreetSpan(BAUMANA, ranges=(HouseRange(1, 21, Parity.ODD),))
    assert span.covers("15") and span.covers("15а") and span.covers("21к2")
    assert not span.covers("16")  # the even side
    assert not span.covers("23")  # past the range
    assert not span.covers("корпус 2")  # no number: nothing to compare
    assert not span.covers(None)  # a street without a house is not in a part of it


def test_a_span_covers_its_single_houses_however_written() -> None:
    span = StreetSpan(BAUMANA, houses=("15а", "21к2"))
    assert span.covers("15 А") and span.covers("21 корпус 2")
    assert not span.covers("15")  # the next building is another address
    assert not span.covers("21к1")


def test_ranges_and_houses_together() -> None:
    span = StreetSpan(BAUMANA, ranges=(HouseRange(2, 10, Parity.EVEN),), houses=("33",))
    assert [h for h in ("2", "3", "10", "33", "35") if span.covers(h)] == ["2", "10", "33"]


def test_an_area_matches_street_and_house_or_district() -> None:
    outage_area = OutageArea(
        districts=("Авиастроительный",),
        streets=(StreetSpan(BAUMANA, ranges=(HouseRange(1, 21, Parity.ODD),)),),
    )
    assert outage_area.covers(BAUMANA, "15", "Вахитовский")
    assert not outage_area.covers(BAUMANA, "16", "Вахитовский")
    assert not outage_area.covers(PUSHKINA, "15", "Вахитовский")  # the same house elsewhere
    assert outage_area.covers(PUSHKINA, "15", "Авиастроительный")  # the whole district is off
    assert outage_area.covers(None, None, "Авиастроительный")
    assert not outage_area.covers(None, None, None)


def test_an_area_lists_each_street_once() -> None:
    outage_area = OutageArea(
        streets=(StreetSpan(BAUMANA, houses=("1",)), StreetSpan(PUSHKINA), StreetSpan(BAUMANA))
    )
    assert outage_area.street_ids == (BAUMANA, PUSHKINA)


def test_an_area_must_name_somewhere() -> None:
    with pytest.raises(InvalidInput):
        OutageArea()


# --- publishing and the status machine ------------------------------------------------------


def test_a_new_outage_is_announced_and_trimmed() -> None:
    published = new_outage(draft(description="  Авария  "), NOW)
    assert published.status is S.ANNOUNCED
    assert published.description == "Авария"
    assert (published.revision, published.end_revision) == (1, 1)
    assert published.created_at == published.updated_at == NOW


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"starts_at": (NOW + timedelta(days=2)).replace(tzinfo=None)}, "time zone"),
        ({"ends_at": (NOW + timedelta(days=3)).replace(tzinfo=None)}, "time zone"),
        ({"ends_at": NOW + timedelta(days=2)}, "after starts_at"),  # equal to the start
        ({"ends_at": NOW + timedelta(days=1)}, "after starts_at"),
        ({"ends_at": NOW + timedelta(days=62, seconds=1)}, "60 days"),
        ({"description": "х" * (MAX_DESCRIPTION + 1)}, "description"),
        ({"status": S.RESTORED}, "cannot be published"),
        ({"status": S.CANCELLED}, "cannot be published"),
        (
            {"starts_at": NOW - timedelta(hours=5), "ends_at": NOW - timedelta(hours=1)},
            "in the past",
        ),
    ],
)
def test_a_draft_is_refused(changes: dict[str, object], reason: str) -> None:
    with pytest.raises(InvalidInput, match=reason):
        check_draft(draft(**changes), NOW)


def test_exactly_sixty_days_and_unknown_end_are_fine() -> None:
    check_draft(draft(ends_at=NOW + timedelta(days=62)), NOW)  # starts in 2 days: 60 days
    check_draft(draft(ends_at=None), NOW)


def test_an_emergency_may_be_reported_after_it_ended() -> None:
    check_draft(
        draft(
            emergency=True, starts_at=NOW - timedelta(hours=5), ends_at=NOW - timedelta(hours=1)
        ),
        NOW,
    )


ALLOWED = [
    (S.ANNOUNCED, S.STARTED),
    (S.ANNOUNCED, S.EXTENDED),
    (S.ANNOUNCED, S.RESTORED),
    (S.ANNOUNCED, S.CANCELLED),
    (S.STARTED, S.EXTENDED),
    (S.STARTED, S.RESTORED),
    (S.EXTENDED, S.STARTED),
    (S.EXTENDED, S.RESTORED),
]
REFUSED = [
    (S.STARTED, S.ANNOUNCED),
    (S.STARTED, S.CANCELLED),  # it is already off: only restoring ends it
    (S.EXTENDED, S.ANNOUNCED),
    (S.EXTENDED, S.CANCELLED),
]
PHASE_OF = {S.RESTORED: [Phase.RESTORED], S.CANCELLED: [Phase.CANCELLED]}


@pytest.mark.parametrize(("before", "after"), ALLOWED)
def test_allowed_moves(before: OutageStatus, after: OutageStatus) -> None:
    updated, phases = apply(outage(status=before), OutageChange(status=after), NOW)
    assert updated.status is after
    assert phases == PHASE_OF.get(after, [])
    assert updated.revision == (2 if phases else 1)
    assert updated.updated_at == NOW


@pytest.mark.parametrize(("before", "after"), REFUSED)
def test_refused_moves(before: OutageStatus, after: OutageStatus) -> None:
    with pytest.raises(InvalidTransition):
        apply(outage(status=before), OutageChange(status=after), NOW)


@pytest.mark.parametrize("status", [S.ANNOUNCED, S.STARTED, S.EXTENDED])
def test_staying_put_changes_nothing(status: OutageStatus) -> None:
    before = outage(status=status)
    assert apply(before, OutageChange(status=status), NOW) == (before, [])
    assert apply(before, OutageChange(), NOW) == (before, [])


@pytest.mark.parametrize("final", [S.RESTORED, S.CANCELLED])
@pytest.mark.parametrize(
    "change",
    [
        OutageChange(status=S.STARTED),
        OutageChange(status=S.ANNOUNCED),
        OutageChange(status=S.RESTORED, description="ещё раз"),
        OutageChange(ends_at=NOW + timedelta(days=3)),
        OutageChange(description="Новое описание"),
    ],
)
def test_a_final_outage_refuses_changes(final: OutageStatus, change: OutageChange) -> None:
    if change.status is final:
        # Saying the same final word again is a harmless repeat (its other fields ignored).
        assert apply(outage(status=final), change, NOW) == (outage(status=final), [])
        return
    with pytest.raises(InvalidTransition, match="already"):
        apply(outage(status=final), change, NOW)


@pytest.mark.parametrize("final", [S.RESTORED, S.CANCELLED])
def test_a_final_outage_takes_its_own_word_again(final: OutageStatus) -> None:
    before = outage(status=final)
    assert apply(before, OutageChange(status=final), NOW) == (before, [])
    assert apply(before, OutageChange(), NOW) == (before, [])


def test_republishing_the_same_draft_tells_nobody() -> None:
    before = outage()
    change = change_from_draft(before, draft(description="  Плановые работы на водоводе "))
    assert change == OutageChange()
    assert apply(before, change, NOW) == (before, [])


def test_a_later_end_extends_a_started_outage_and_is_told() -> None:
    before = started()
    updated, phases = apply(before, OutageChange(ends_at=NOW + timedelta(hours=8)), NOW)
    assert updated.status is S.EXTENDED
    assert phases == [Phase.END_CHANGED]
    assert (updated.revision, updated.end_revision) == (2, 2)


def test_an_announced_outage_already_off_is_extended_too() -> None:
    before = started(status=S.ANNOUNCED)  # an emergency published as it began
    updated, phases = apply(before, OutageChange(ends_at=NOW + timedelta(hours=8)), NOW)
    assert (updated.status, phases) == (S.EXTENDED, [Phase.END_CHANGED])


def test_an_earlier_end_is_told_but_extends_nothing() -> None:
    updated, phases = apply(started(), OutageChange(ends_at=NOW + timedelta(hours=2)), NOW)
    assert (updated.status, phases, updated.end_revision) == (S.STARTED, [Phase.END_CHANGED], 2)


def test_a_first_known_end_is_told_but_extends_nothing() -> None:
    updated, phases = apply(
        started(ends_at=None), OutageChange(ends_at=NOW + timedelta(hours=3)), NOW
    )
    assert (updated.status, phases) == (S.STARTED, [Phase.END_CHANGED])


def test_restored_is_told_once() -> None:
    updated, phases = apply(started(), OutageChange(status=S.RESTORED), NOW)
    assert (updated.status, phases, updated.revision) == (S.RESTORED, [Phase.RESTORED], 2)
    assert apply(updated, OutageChange(status=S.RESTORED), NOW) == (updated, [])


def test_restored_with_a_new_end_says_only_restored() -> None:
    updated, phases = apply(
        started(), OutageChange(status=S.RESTORED, ends_at=NOW - timedelta(minutes=5)), NOW
    )
    assert phases == [Phase.RESTORED]
    assert updated.end_revision == 2


def test_a_republished_extended_outage_stays_quiet() -> None:
    """The source keeps publishing the same item (status "announced", as it always says)
    after its end moved later: nothing is news, and nothing is refused."""
    first = new_outage(
        draft(
            starts_at=NOW - timedelta(hours=1), ends_at=NOW + timedelta(hours=5), emergency=True
        ),
        NOW - timedelta(hours=1),
    )
    later = draft(starts_at=first.starts_at, ends_at=NOW + timedelta(hours=8), emergency=True)
    extended, phases = apply(first, change_from_draft(first, later), NOW)
    assert (extended.status, phases) == (S.EXTENDED, [Phase.END_CHANGED])
    again = apply(extended, change_from_draft(extended, later), NOW + timedelta(minutes=5))
    assert again == (extended, [])


def test_a_republished_restored_outage_stays_quiet() -> None:
    restored, _ = apply(outage(), OutageChange(status=S.RESTORED), NOW)
    assert apply(restored, change_from_draft(restored, draft()), NOW) == (restored, [])


def test_a_planned_outage_with_a_later_end_can_still_be_cancelled() -> None:
    planned = outage()  # starts in two days
    moved, phases = apply(
        planned, OutageChange(ends_at=planned.starts_at + timedelta(hours=12)), NOW
    )
    assert phases == [Phase.END_CHANGED]
    cancelled, phases = apply(moved, OutageChange(status=S.CANCELLED), NOW)
    assert (cancelled.status, phases) == (S.CANCELLED, [Phase.CANCELLED])


def test_kind_and_emergency_of_a_published_outage_are_fixed() -> None:
    with pytest.raises(InvalidInput):
        change_from_draft(outage(), draft(kind=OutageKind.GAS))
    with pytest.raises(InvalidInput):
        change_from_draft(outage(), draft(emergency=True))


def test_a_moved_start_earns_fresh_reminders() -> None:
    reminded = outage(reminded_evening=True, reminded_hour=True)
    assert reminded.ends_at is not None
    updated, phases = apply(
        reminded,
        OutageChange(
            starts_at=reminded.starts_at + timedelta(days=1),
            ends_at=reminded.ends_at + timedelta(days=1),
        ),
        NOW,
    )
    assert not updated.reminded_evening and not updated.reminded_hour
    assert phases == [Phase.START_CHANGED]  # one message with the new start and end


def test_a_start_moved_after_it_began_is_no_news_but_a_new_end_is() -> None:
    begun = outage(starts_at=NOW - timedelta(hours=1), ends_at=NOW + timedelta(hours=3))
    _, phases = apply(begun, OutageChange(starts_at=NOW - timedelta(hours=2)), NOW)
    assert phases == []
    _, phases = apply(
        begun,
        OutageChange(starts_at=NOW - timedelta(hours=2), ends_at=NOW + timedelta(hours=5)),
        NOW,
    )
    assert phases == [Phase.END_CHANGED]


def test_each_move_of_a_planned_outage_is_told_once() -> None:
    planned = outage()
    first, phases = apply(
        planned, OutageChange(starts_at=planned.starts_at - timedelta(hours=2)), NOW
    )
    back, again = apply(first, OutageChange(starts_at=planned.starts_at), NOW)
    assert phases == again == [Phase.START_CHANGED]
    keys = {outage_job(o, Phase.START_CHANGED, NOW).key for o in (first, back)}
    assert len(keys) == 2  # moving it back is news again, not a repeat


def test_a_new_description_keeps_the_reminders_and_tells_nobody() -> None:
    reminded = outage(reminded_evening=True)
    updated, phases = apply(reminded, OutageChange(description=" Новый текст "), NOW)
    assert updated.description == "Новый текст" and updated.reminded_evening
    assert phases == [] and updated.revision == reminded.revision


def test_a_change_keeps_the_time_rules() -> None:
    with pytest.raises(InvalidInput, match="after starts_at"):
        apply(started(), OutageChange(ends_at=NOW - timedelta(hours=2)), NOW)
    with pytest.raises(InvalidInput, match="time zone"):
        apply(
            started(), OutageChange(ends_at=(NOW + timedelta(hours=9)).replace(tzinfo=None)), NOW
        )


# --- reminders ------------------------------------------------------------------------------


def test_the_evening_before_is_19_00_in_kazan() -> None:
    assert evening_before(msk(2026, 3, 4, 9, 0)) == msk(2026, 3, 3, 19, 0)
    # 01:00 on the 4th in Kazan is still the 3rd in UTC: the day before is the 3rd.
    assert evening_before(msk(2026, 3, 4, 1, 0).astimezone(UTC)) == msk(2026, 3, 3, 19, 0)


def planned_at(starts_at: datetime, created_at: datetime, **changes: object) -> Outage:
    return outage(
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=8),
        created_at=created_at,
        **changes,
    )


def test_the_evening_reminder_comes_at_19_00_the_day_before() -> None:
    planned = planned_at(msk(2026, 3, 4, 9, 0), msk(2026, 3, 1, 10, 0))
    assert reminders_due(planned, msk(2026, 3, 3, 18, 59)) == []
    assert reminders_due(planned, msk(2026, 3, 3, 19, 0)) == [Phase.REMINDER_EVENING]
    assert reminders_due(replace(planned, reminded_evening=True), msk(2026, 3, 3, 19, 0)) == []


def test_the_hour_reminder_comes_an_hour_before() -> None:
    planned = planned_at(msk(2026, 3, 4, 9, 0), msk(2026, 3, 1, 10, 0), reminded_evening=True)
    assert reminders_due(planned, msk(2026, 3, 4, 7, 59)) == []
    assert reminders_due(planned, msk(2026, 3, 4, 8, 0)) == [Phase.REMINDER_HOUR]
    assert reminders_due(replace(planned, reminded_hour=True), msk(2026, 3, 4, 8, 30)) == []


def test_a_late_job_sends_both() -> None:
    planned = planned_at(msk(2026, 3, 4, 9, 0), msk(2026, 3, 1, 10, 0))
    assert reminders_due(planned, msk(2026, 3, 4, 8, 30)) == [
        Phase.REMINDER_EVENING,
        Phase.REMINDER_HOUR,
    ]


def test_no_reminder_when_published_after_its_moment() -> None:
    late = planned_at(msk(2026, 3, 4, 9, 0), msk(2026, 3, 3, 20, 0))  # after 19:00
    assert reminders_due(late, msk(2026, 3, 3, 21, 0)) == []
    assert reminders_due(late, msk(2026, 3, 4, 8, 0)) == [Phase.REMINDER_HOUR]
    very_late = planned_at(msk(2026, 3, 4, 9, 0), msk(2026, 3, 4, 8, 15))
    assert reminders_due(very_late, msk(2026, 3, 4, 8, 30)) == []
    at_the_moment = planned_at(msk(2026, 3, 4, 9, 0), msk(2026, 3, 3, 19, 0))
    assert reminders_due(at_the_moment, msk(2026, 3, 3, 19, 0)) == []


def test_no_reminders_for_emergencies_final_or_begun_outages() -> None:
    now = msk(2026, 3, 4, 8, 30)
    planned = planned_at(msk(2026, 3, 4, 9, 0), msk(2026, 3, 1, 10, 0))
    assert reminders_due(replace(planned, emergency=True), now) == []
    assert reminders_due(replace(planned, status=S.CANCELLED), now) == []
    assert reminders_due(planned, msk(2026, 3, 4, 9, 0)) == []  # it has begun


# --- quiet hours ----------------------------------------------------------------------------

NIGHT = QuietHours(time(22), time(8))


@pytest.mark.parametrize(
    ("now", "due"),
    [
        (msk(2026, 3, 2, 23, 0), msk(2026, 3, 3, 8, 0)),
        (msk(2026, 3, 2, 22, 0), msk(2026, 3, 3, 8, 0)),
        (msk(2026, 3, 3, 3, 0), msk(2026, 3, 3, 8, 0)),
        (msk(2026, 3, 3, 0, 0), msk(2026, 3, 3, 8, 0)),
        (msk(2026, 3, 3, 7, 59), msk(2026, 3, 3, 8, 0)),
        (msk(2026, 3, 3, 8, 0), msk(2026, 3, 3, 8, 0)),  # the end is not quiet any more
        (msk(2026, 3, 2, 21, 59), msk(2026, 3, 2, 21, 59)),
        (msk(2026, 3, 2, 12, 0), msk(2026, 3, 2, 12, 0)),
    ],
)
def test_quiet_hours_across_midnight(now: datetime, due: datetime) -> None:
    assert delivery_time(now, NIGHT, urgent=False) == due
    assert delivery_time(now.astimezone(UTC), NIGHT, urgent=False) == due  # UTC in, same moment


@pytest.mark.parametrize(
    ("now", "due"),
    [
        (msk(2026, 3, 3, 0, 0), msk(2026, 3, 3, 9, 0)),
        (msk(2026, 3, 3, 3, 0), msk(2026, 3, 3, 9, 0)),
        (msk(2026, 3, 3, 9, 0), msk(2026, 3, 3, 9, 0)),
        (msk(2026, 3, 2, 23, 59), msk(2026, 3, 2, 23, 59)),
    ],
)
def test_quiet_hours_after_midnight(now: datetime, due: datetime) -> None:
    assert delivery_time(now, QuietHours(time(0), time(9)), urgent=False) == due


def test_no_quiet_hours_and_urgent_news_go_at_once() -> None:
    night = msk(2026, 3, 2, 23, 0)
    assert delivery_time(night, None, urgent=False) == night
    assert delivery_time(night, NIGHT, urgent=True) == night


def test_quiet_hours_must_last() -> None:
    with pytest.raises(InvalidInput):
        QuietHours(time(8), time(8))


minutes = st.integers(0, 24 * 60 - 1).map(lambda m: time(m // 60, m % 60))


# No example database: the run leaves no .hypothesis folder in the tree (pytest would warn
# about it, and warnings are errors here).
@settings(database=None)
@given(
    now=st.datetimes(
        # Naive bounds, as hypothesis wants them; every value drawn carries UTC.
        min_value=(NOW - timedelta(days=800)).replace(tzinfo=None),
        max_value=(NOW + timedelta(days=800)).replace(tzinfo=None),
        timezones=st.just(UTC),
    ),
    start=minutes,
    end=minutes,
    urgent=st.booleans(),
)
def test_delivery_never_falls_inside_quiet_hours(
    now: datetime, start: time, end: time, urgent: bool
) -> None:
    assume(start != end)
    quiet = QuietHours(start, end)
    due = delivery_time(now, quiet, urgent)
    assert now <= due <= now + timedelta(hours=24)
    if urgent:
        assert due == now
    else:
        assert not quiet.contains(due.astimezone(CITY_TZ).time())
        if not quiet.contains(now.astimezone(CITY_TZ).time()):
            assert due == now  # nothing held back outside the quiet window


# --- subscriptions --------------------------------------------------------------------------

WATER = outage_topic(OutageKind.COLD_WATER)
CONCERTS = event_topic(EventCategory.CONCERTS)


def test_subscriptions_that_make_sense() -> None:
    at_home = Subscription(1, WATER, Scope.ADDRESS, address_id=5)
    in_district = Subscription(1, WATER, Scope.DISTRICT, district="Вахитовский")
    concerts = Subscription(1, CONCERTS, Scope.CITY)
    nearby = Subscription(1, CONCERTS, Scope.DISTRICT, district="Вахитовский")
    assert [s.scope_key for s in (at_home, in_district, concerts, nearby)] == [
        "a:5",
        "d:Вахитовский",
        "city",
        "d:Вахитовский",
    ]


@pytest.mark.parametrize(
    ("topic", "scope", "fields", "reason"),
    [
        (WATER, Scope.ADDRESS, {}, "needs an address"),
        (WATER, Scope.DISTRICT, {}, "needs a district"),
        (WATER, Scope.CITY, {}, "address or a district"),
        (CONCERTS, Scope.ADDRESS, {"address_id": 5}, "district or the whole city"),
        ("outage:lava", Scope.DISTRICT, {"district": "Вахитовский"}, "unknown topic"),
        ("weather", Scope.CITY, {}, "unknown topic"),
    ],
)
def test_subscriptions_that_do_not(
    topic: str, scope: Scope, fields: dict[str, object], reason: str
) -> None:
    with pytest.raises(InvalidInput, match=reason):
        Subscription(1, topic, scope, **fields)  # type: ignore[arg-type]


# --- fan-out rows ---------------------------------------------------------------------------

NIGHT_NOW = msk(2026, 3, 2, 23, 0)
MORNING = msk(2026, 3, 3, 8, 0)


def job_for(published: Outage, phase: Phase, now: datetime = NIGHT_NOW) -> FanoutJob:
    return outage_job(published, phase, now)


def test_an_emergency_cuts_through_quiet_hours() -> None:
    emergency = started(emergency=True)
    row = notification_for(job_for(emergency, Phase.ANNOUNCED), Recipient(1, NIGHT, 3), NIGHT_NOW)
    assert row is not None
    assert (row.next_attempt_at, row.priority, row.kind) == (
        NIGHT_NOW,
        Priority.URGENT,
        OUTAGE_ALERT,
    )
    assert row.payload == {"outage_id": 7, "phase": "announced", "address_id": 3}
    assert row.chat_id == 1


def test_only_the_news_of_an_emergency_is_urgent() -> None:
    emergency = started(emergency=True)
    assert job_for(emergency, Phase.END_CHANGED).urgent
    assert not job_for(emergency, Phase.RESTORED).urgent  # water is back: it can wait
    assert not job_for(outage(), Phase.ANNOUNCED).urgent  # planned: it can wait


def test_planned_news_waits_for_the_morning() -> None:
    row = notification_for(job_for(outage(), Phase.ANNOUNCED), Recipient(1, NIGHT), NIGHT_NOW)
    assert row is not None
    assert (row.next_attempt_at, row.priority) == (MORNING, Priority.NORMAL)
    assert "address_id" not in row.payload  # a district follower: no address to name


def test_a_reminder_that_would_arrive_after_the_start_is_dropped() -> None:
    early = outage(starts_at=msk(2026, 3, 3, 7, 30), ends_at=msk(2026, 3, 3, 12, 0))
    job = job_for(early, Phase.REMINDER_HOUR)
    assert job.not_after == early.starts_at
    assert notification_for(job, Recipient(1, NIGHT), NIGHT_NOW) is None  # due 08:00: too late
    assert notification_for(job, Recipient(2, None), NIGHT_NOW) is not None
    at_the_start = outage(starts_at=MORNING, ends_at=msk(2026, 3, 3, 12, 0))
    job = job_for(at_the_start, Phase.REMINDER_HOUR)
    assert notification_for(job, Recipient(1, NIGHT), NIGHT_NOW) is None  # not even at once


def test_keys_are_unique_per_phase_revision_and_person() -> None:
    published = started(end_revision=2)
    moved_again = replace(published, end_revision=3)
    planned = outage()
    jobs = [
        job_for(published, Phase.ANNOUNCED),
        job_for(published, Phase.END_CHANGED),
        job_for(moved_again, Phase.END_CHANGED),
        job_for(published, Phase.RESTORED),
        job_for(published, Phase.CANCELLED),
        job_for(planned, Phase.REMINDER_EVENING),
        job_for(planned, Phase.REMINDER_HOUR),
        job_for(
            replace(planned, starts_at=planned.starts_at + timedelta(days=1)), Phase.REMINDER_HOUR
        ),
    ]
    assert len({job.key for job in jobs}) == len(jobs)
    keys = {
        row.key
        for job in jobs
        for user_id in (1, 2)
        if (row := notification_for(job, Recipient(user_id, None), NOW)) is not None
    }
    assert len(keys) == 2 * len(jobs)
    # The same change to the same person is the same key: a repeated batch writes nothing.
    again = notification_for(job_for(published, Phase.ANNOUNCED, NOW), Recipient(1, None), NOW)
    assert again is not None and again.key == "outage:7:announced:to1"
    assert jobs[0].subject is Subject.OUTAGE


def test_a_late_follower_hears_at_once_under_the_announcements_key() -> None:
    """Someone following a planned outage's place at night is told now (they are looking at
    the bot), under the key the announcement's fan-out uses: never told twice."""
    planned = outage()
    row = joined_late(planned, 1, 3, NIGHT_NOW)
    assert (row.next_attempt_at, row.priority) == (NIGHT_NOW, Priority.URGENT)
    assert row.payload == {"outage_id": 7, "phase": "announced", "address_id": 3}
    fanned = notification_for(job_for(planned, Phase.ANNOUNCED), Recipient(1, NIGHT), NIGHT_NOW)
    assert fanned is not None and fanned.key == row.key
