"""The booking rules as plain Python: sites' slots, fit, profile edits, timing, claims."""

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from domain.booking.bookings import (
    Booking,
    BookingPolicy,
    BookingRefused,
    BookingStatus,
    Claim,
    ClaimKind,
    Refusal,
    check_cancel,
    check_timing,
    fixed_claims,
    week_of,
    week_tokens,
)
from domain.booking.performers import (
    Genre,
    Performer,
    PerformerStatus,
    misfit,
    updated_profile,
)
from domain.booking.sites import Equipment, Site, Slot, Sound
from domain.clock import CITY_TZ
from domain.errors import InvalidInput

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)  # Monday, 12:30 in Kazan
TUESDAY = date(2026, 3, 3)
POLICY = BookingPolicy()


def site(**changes: Any) -> Site:
    values: dict[str, Any] = {
        "code": "bauman",
        "name_ru": "Баумана",
        "place": "у часов",
        "open_days": frozenset(range(7)),
        "open_from": time(10),
        "open_to": time(22),
        "sound": Sound.UP_TO_60_DB,
        "max_group": 5,
        "id": 7,
    }
    values.update(changes)
    return Site(**values)


def performer(**changes: Any) -> Performer:
    values: dict[str, Any] = {
        "user_id": 1001,
        "stage_name": "Alsu Strings",
        "genre": Genre.MUSIC,
        "group_size": 2,
        "sound": Sound.ACOUSTIC,
        "created_at": NOW,
        "updated_at": NOW,
        "status": PerformerStatus.APPROVED,
        "id": 3,
    }
    values.update(changes)
    return Performer(**values)


def city(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=CITY_TZ)


def utc(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


def starts(slots: list[Slot]) -> list[str]:
    return [s.starts_at.astimezone(CITY_TZ).strftime("%H:%M") for s in slots]


# Site.slots_on and slot_at


def test_slots_are_spaced_by_the_buffer_and_end_by_closing_time() -> None:
    slots = site().slots_on(TUESDAY)  # 2 h slots, 15 min buffer, 10:00-22:00
    assert starts(slots) == ["10:00", "12:15", "14:30", "16:45", "19:00"]  # 21:15 would end 23:15
    assert slots[-1].ends_at == city(TUESDAY, 21)
    ends_at_closing = site(open_to=time(23, 15)).slots_on(TUESDAY)
    assert ends_at_closing[-1].ends_at == city(TUESDAY, 23, 15)  # ending exactly then is fine


def test_slots_are_in_utc_from_city_time() -> None:
    first = site().slots_on(TUESDAY)[0]
    assert first.starts_at == utc(TUESDAY, 7)  # Europe/Moscow is UTC+3 all year
    assert first.starts_at.tzinfo is UTC
    assert first.ends_at == utc(TUESDAY, 9)
    assert first.site_id == 7


def test_no_slots_on_a_closed_day() -> None:
    weekends = site(open_days=frozenset({5, 6}))
    assert weekends.slots_on(TUESDAY) == []
    assert len(weekends.slots_on(date(2026, 3, 7))) == 5  # Saturday


def test_a_site_open_past_midnight_has_slots_on_the_next_day() -> None:
    night = site(open_from=time(20), open_to=time(2), slot_minutes=60, buffer_minutes=15)
    slots = night.slots_on(TUESDAY)
    assert starts(slots) == ["20:00", "21:15", "22:30", "23:45", "01:00"]
    assert slots[-1].starts_at == city(TUESDAY + timedelta(days=1), 1)
    assert slots[-1].ends_at == city(TUESDAY + timedelta(days=1), 2)
    assert night.slot_at(city(TUESDAY + timedelta(days=1), 1)) == slots[-1]  # found from Tuesday


def test_slot_at_only_an_exact_start() -> None:
    bauman = site()
    assert bauman.slot_at(city(TUESDAY, 12, 15)) == bauman.slots_on(TUESDAY)[1]
    assert bauman.slot_at(utc(TUESDAY, 9, 15)) == bauman.slots_on(TUESDAY)[1]  # any zone
    assert bauman.slot_at(city(TUESDAY, 12)) is None  # off the site's grid
    assert bauman.slot_at(city(TUESDAY, 21, 15)) is None  # would end after closing
    assert site(open_days=frozenset({0})).slot_at(city(TUESDAY, 10)) is None


@pytest.mark.parametrize(
    "changes",
    [
        {"slot_minutes": 50},  # off the quarter-hour grid
        {"buffer_minutes": 10},
        {"slot_minutes": 15},  # shorter than 30 minutes
        {"slot_minutes": 6 * 60 + 15},  # longer than 6 hours
        {"open_from": time(10, 10)},
        {"open_days": frozenset({7})},
        {"open_days": frozenset()},
        {"max_group": 0},
        {"code": ""},
    ],
)
def test_site_rules_are_refused(changes: dict[str, Any]) -> None:
    with pytest.raises(InvalidInput):
        site(**changes)


def test_slot_length_bounds_are_allowed() -> None:
    assert site(slot_minutes=30).slot_minutes == 30
    assert site(slot_minutes=6 * 60).slot_minutes == 360


# Performers


def test_misfit_names_what_does_not_fit() -> None:
    bauman = site(equipment=frozenset({Equipment.STAND}))
    assert misfit(performer(), bauman) is None
    assert misfit(performer(sound=Sound.UP_TO_90_DB), bauman) == Refusal.TOO_LOUD
    assert misfit(performer(group_size=6), bauman) == Refusal.GROUP_TOO_BIG
    assert misfit(performer(equipment=frozenset({Equipment.STAND})), bauman) is None
    drums = performer(equipment=frozenset({Equipment.STAND, Equipment.DRUMS}))
    assert misfit(drums, bauman) == Refusal.EQUIPMENT_NOT_ALLOWED


def test_a_non_material_edit_keeps_the_approval() -> None:
    current = performer(suspended_until=NOW + timedelta(days=3))
    later = NOW + timedelta(hours=1)
    edited = updated_profile(current, replace(current, description="new songs", id=None), later)
    assert edited.status is PerformerStatus.APPROVED
    assert (edited.id, edited.user_id, edited.created_at) == (3, 1001, NOW)
    assert edited.updated_at == later
    assert edited.suspended_until == current.suspended_until  # an edit lifts no suspension


@pytest.mark.parametrize(
    "changes",
    [
        {"stage_name": "Alsu Trio"},
        {"genre": Genre.DANCE},
        {"group_size": 3},
        {"sound": Sound.UP_TO_60_DB},
        {"equipment": frozenset({Equipment.AMPLIFIER})},
    ],
)
def test_a_material_edit_goes_back_to_staff(changes: dict[str, Any]) -> None:
    edited = updated_profile(performer(), performer(**changes), NOW)
    assert edited.status is PerformerStatus.PENDING


def test_a_declined_profile_edited_is_looked_at_again() -> None:
    declined = performer(status=PerformerStatus.DECLINED, decline_reason="no links")
    edited = updated_profile(declined, replace(declined, links=("https://x.example",)), NOW)
    assert edited.status is PerformerStatus.PENDING
    assert edited.decline_reason is None


# Timing and cancelling


def slot_at(starts_at: datetime, minutes: int = 120) -> Slot:
    return Slot(7, starts_at, starts_at + timedelta(minutes=minutes))


def refusal_of(check: Any, *args: Any) -> Refusal | None:
    try:
        check(*args)
    except BookingRefused as refused:
        return refused.refusal
    return None


def test_timing_refusals() -> None:
    assert refusal_of(check_timing, slot_at(NOW - timedelta(hours=1)), NOW, POLICY) == (
        Refusal.IN_THE_PAST
    )
    assert refusal_of(check_timing, slot_at(NOW), NOW, POLICY) == Refusal.IN_THE_PAST
    too_close = slot_at(NOW + timedelta(minutes=29))
    assert refusal_of(check_timing, too_close, NOW, POLICY) == Refusal.TOO_CLOSE
    assert refusal_of(check_timing, slot_at(NOW + POLICY.min_lead), NOW, POLICY) is None


def test_the_horizon_is_counted_in_city_days() -> None:
    """00:30 on Tuesday in Kazan is still Monday in UTC: the 30 days run from Tuesday."""
    now = utc(date(2026, 3, 2), 21, 30)
    last_day = date(2026, 4, 2)  # Tuesday 3 March + 30 days
    assert refusal_of(check_timing, slot_at(city(last_day, 10)), now, POLICY) is None
    assert refusal_of(check_timing, slot_at(city(last_day, 23, 45)), now, POLICY) is None
    day_after = slot_at(city(last_day + timedelta(days=1), 0, 15))
    assert refusal_of(check_timing, day_after, now, POLICY) == Refusal.TOO_FAR


def booking(status: BookingStatus, starts_at: datetime) -> Booking:
    return Booking(7, 3, starts_at, starts_at + timedelta(hours=2), status, NOW, NOW, id=11)


def test_cancel_until_two_hours_before() -> None:
    early = booking(BookingStatus.CONFIRMED, NOW + POLICY.cancel_before)
    assert refusal_of(check_cancel, early, NOW, POLICY) is None
    late = booking(BookingStatus.PENDING, NOW + POLICY.cancel_before - timedelta(minutes=1))
    assert refusal_of(check_cancel, late, NOW, POLICY) == Refusal.TOO_LATE_TO_CANCEL


def test_an_offer_can_always_be_refused() -> None:
    offer = booking(BookingStatus.OFFERED, NOW + timedelta(minutes=10))
    assert refusal_of(check_cancel, offer, NOW, POLICY) is None


def test_an_ended_booking_cannot_be_cancelled() -> None:
    for status in (BookingStatus.CANCELLED, BookingStatus.DECLINED, BookingStatus.NO_SHOW):
        ended = booking(status, NOW + timedelta(days=1))
        assert refusal_of(check_cancel, ended, NOW, POLICY) is not None


# Claims


def test_fixed_claims_keys() -> None:
    claims = fixed_claims(3, slot_at(utc(TUESDAY, 7), minutes=30))
    assert claims == [
        Claim(ClaimKind.SLOT, "7:20260303T0700"),
        Claim(ClaimKind.SLOT, "7:20260303T0715"),
        Claim(ClaimKind.ACT, "3:20260303T0700"),
        Claim(ClaimKind.ACT, "3:20260303T0715"),
        Claim(ClaimKind.SITE_DAY, "3:7:2026-03-03"),
    ]


def test_the_site_day_is_the_city_day() -> None:
    """01:00 on Wednesday in Kazan is Tuesday 22:00 in UTC: it counts for Wednesday."""
    late = fixed_claims(3, slot_at(city(date(2026, 3, 4), 1), minutes=60))
    assert late[-1] == Claim(ClaimKind.SITE_DAY, "3:7:2026-03-04")


def test_week_tokens_are_numbered_places_of_the_week() -> None:
    tokens = week_tokens(3, slot_at(utc(TUESDAY, 7)), POLICY)
    assert tokens == [Claim(ClaimKind.WEEK, f"3:2026-W10:{n}") for n in (1, 2, 3)]
    assert len(week_tokens(3, slot_at(utc(TUESDAY, 7)), BookingPolicy(per_week=5))) == 5


def act_cells(slot: Slot) -> set[Claim]:
    return {c for c in fixed_claims(3, slot) if c.kind is ClaimKind.ACT}


def test_overlapping_slots_of_different_lengths_share_a_cell() -> None:
    long = Slot(1, utc(TUESDAY, 7), utc(TUESDAY, 9))  # two hours at one site
    short = Slot(2, utc(TUESDAY, 8, 30), utc(TUESDAY, 9))  # 30 minutes at another
    assert act_cells(long) & act_cells(short) == {
        Claim(ClaimKind.ACT, "3:20260303T0830"),
        Claim(ClaimKind.ACT, "3:20260303T0845"),
    }


def test_adjacent_slots_share_no_cell() -> None:
    first = Slot(1, utc(TUESDAY, 7), utc(TUESDAY, 9))
    next_one = Slot(2, utc(TUESDAY, 9), utc(TUESDAY, 10))
    assert not act_cells(first) & act_cells(next_one)


def test_week_of_across_a_year_boundary() -> None:
    assert week_of(utc(date(2024, 12, 30), 12)) == "2025-W01"  # a Monday of ISO 2025
    assert week_of(utc(date(2026, 12, 31), 12)) == "2026-W53"
    assert week_of(utc(date(2027, 1, 3), 12)) == "2026-W53"  # Sunday: still 2026's week
    assert week_of(utc(date(2027, 1, 4), 12)) == "2027-W01"
    # Sunday 21:30 UTC is already Monday 00:30 in Kazan: the next week.
    assert week_of(utc(date(2027, 1, 3), 21, 30)) == "2027-W01"
