"""The booking rules screens read from the domain instead of deciding them again: who may
book, which days and slots are open, when an offer has lapsed, when a no-show can be marked."""

from dataclasses import replace
from datetime import timedelta

import pytest

from domain.booking.bookings import BookingStatus, Refusal, bookable_day, day_of
from domain.booking.performers import PerformerStatus
from domain.services.booking import performer_refusal
from domain.services.booking_staff import may_mark_no_show
from domain.services.booking_views import open_slots
from tests.unit.test_booking_domain import NOW, POLICY, TUESDAY, booking, performer, site


def test_who_may_book() -> None:
    assert performer_refusal(None, NOW) is Refusal.NOT_REGISTERED
    waiting = performer(status=PerformerStatus.PENDING)
    assert performer_refusal(waiting, NOW) is Refusal.NOT_APPROVED
    suspended = performer(suspended_until=NOW + timedelta(days=3))
    assert performer_refusal(suspended, NOW) is Refusal.SUSPENDED
    assert performer_refusal(performer(suspended_until=NOW), NOW) is None
    assert performer_refusal(performer(), NOW) is None


def test_days_from_today_to_the_horizon_are_bookable() -> None:
    today = day_of(NOW)
    assert bookable_day(today, NOW, POLICY)
    assert bookable_day(today + timedelta(days=POLICY.horizon_days), NOW, POLICY)
    assert not bookable_day(today + timedelta(days=POLICY.horizon_days + 1), NOW, POLICY)
    assert not bookable_day(today - timedelta(days=1), NOW, POLICY)


def test_open_slots_start_at_least_the_minimum_lead_ahead() -> None:
    today = open_slots(site(), day_of(NOW), NOW, POLICY)
    assert today and all(s.starts_at - NOW >= POLICY.min_lead for s in today)
    every = site().slots_on(day_of(NOW))
    assert len(today) < len(every)  # the morning's slots are gone
    assert open_slots(site(), TUESDAY, NOW, POLICY) == site().slots_on(TUESDAY)


@pytest.mark.parametrize(
    ("expires_in", "status", "lapsed"),
    [
        (timedelta(minutes=-1), BookingStatus.OFFERED, True),
        (timedelta(0), BookingStatus.OFFERED, True),
        (timedelta(minutes=1), BookingStatus.OFFERED, False),
        (None, BookingStatus.OFFERED, False),
        (timedelta(minutes=-1), BookingStatus.CONFIRMED, False),
    ],
)
def test_an_offer_lapses_at_its_deadline(
    expires_in: timedelta | None, status: BookingStatus, lapsed: bool
) -> None:
    expires = NOW + expires_in if expires_in is not None else None
    offer = replace(booking(status, NOW + timedelta(days=1)), offer_expires_at=expires)
    assert offer.offer_lapsed(NOW) is lapsed


def test_a_no_show_is_marked_once_a_confirmed_slot_has_begun() -> None:
    begun = booking(BookingStatus.CONFIRMED, NOW)
    assert may_mark_no_show(begun, NOW)
    assert not may_mark_no_show(begun, NOW - timedelta(minutes=1))
    assert not may_mark_no_show(booking(BookingStatus.PENDING, NOW), NOW)
