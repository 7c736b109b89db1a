"""Booking a slot, cancelling it, and the waiting list that takes a freed slot over.

Every rule is checked here first (for a clear refusal), and the ones two simultaneous
requests could break together are guarded again by the database through claims
(domain/booking/bookings.py): a refused booking leaves nothing behind.
"""

from dataclasses import replace
from datetime import datetime

from domain.booking.bookings import (
    REFUSAL_OF_CLAIM,
    Booking,
    BookingPolicy,
    BookingRefused,
    BookingStatus,
    Refusal,
    check_cancel,
    check_timing,
    fixed_claims,
    week_tokens,
)
from domain.booking.notices import BookingNews, staff_booking_card, to_performer
from domain.booking.performers import Performer, PerformerStatus, misfit
from domain.booking.ports import BookingUnitOfWork
from domain.booking.sites import Site, Slot
from domain.clock import Clock
from domain.errors import NotFound


async def performer_of(uow: BookingUnitOfWork, user_id: int) -> Performer:
    performer = await uow.performers.by_user(user_id)
    if performer is None:
        raise BookingRefused(Refusal.NOT_REGISTERED)
    return performer


async def bookable_slot(
    uow: BookingUnitOfWork, site_id: int, starts_at: datetime
) -> tuple[Site, Slot]:
    site = await uow.sites.get(site_id)
    slot = site.slot_at(starts_at) if site is not None and site.active else None
    if site is None or slot is None:
        raise BookingRefused(Refusal.SITE_CLOSED)
    return site, slot


def performer_refusal(performer: Performer | None, now: datetime) -> Refusal | None:
    """Why this person may not book or wait at any site now (None: they may). Screens ask it
    before any choice is made, for a clear answer; the use cases check again."""
    if performer is None:
        return Refusal.NOT_REGISTERED
    if performer.status is not PerformerStatus.APPROVED:
        return Refusal.NOT_APPROVED
    if performer.suspended(now):
        return Refusal.SUSPENDED
    return None


def check_performer(performer: Performer, site: Site, now: datetime) -> None:
    if (refusal := performer_refusal(performer, now)) is not None:
        raise BookingRefused(refusal)
    if (reason := misfit(performer, site)) is not None:
        raise BookingRefused(Refusal(reason))


async def book(
    uow: BookingUnitOfWork,
    clock: Clock,
    policy: BookingPolicy,
    *,
    user_id: int,
    site_id: int,
    starts_at: datetime,
) -> Booking:
    """The slot of `site_id` starting at `starts_at`, for the performer of `user_id`: confirmed
    at once on an auto-approve site, otherwise waiting for staff (their card goes to the unit
    of work's staff chat, when there is one)."""
    now = clock.now()
    performer = await performer_of(uow, user_id)
    site, slot = await bookable_slot(uow, site_id, starts_at)
    check_performer(performer, site, now)
    check_timing(slot, now, policy)
    status = BookingStatus.CONFIRMED if site.auto_approve else BookingStatus.PENDING
    booking = await _hold(uow, policy, performer, slot, status, now)
    await _announce(uow, booking, now)
    return booking


async def cancel(
    uow: BookingUnitOfWork,
    clock: Clock,
    policy: BookingPolicy,
    user_id: int,
    booking_id: int,
) -> Booking:
    """The performer's own booking only; the slot then goes to its waiting list."""
    now = clock.now()
    booking, performer = await _own(uow, user_id, booking_id)
    check_cancel(booking, now, policy)
    status = (
        BookingStatus.EXPIRED
        if booking.status is BookingStatus.OFFERED
        else BookingStatus.CANCELLED
    )
    cancelled = await _end(uow, booking, status, now)
    # The performer sees the cancellation in the answer to the press: no notice besides.
    await redraw_card(uow, cancelled, now)
    await offer_next(uow, clock, policy, booking.slot, skip={performer.id})
    return cancelled


async def join_waitlist(
    uow: BookingUnitOfWork, clock: Clock, user_id: int, site_id: int, starts_at: datetime
) -> bool:
    """Wait for a slot; False when already waiting. The screens offer it for taken slots;
    on a free one it is harmless (an offer only ever follows a cancellation)."""
    now = clock.now()
    performer = await performer_of(uow, user_id)
    site, slot = await bookable_slot(uow, site_id, starts_at)
    check_performer(performer, site, now)
    if slot.starts_at <= now:
        raise BookingRefused(Refusal.IN_THE_PAST)
    assert performer.id is not None
    return await uow.bookings.wait(site_id, slot.starts_at, performer.id, now)


async def leave_waitlist(
    uow: BookingUnitOfWork, user_id: int, site_id: int, starts_at: datetime
) -> bool:
    performer = await performer_of(uow, user_id)
    assert performer.id is not None
    return await uow.bookings.leave(site_id, starts_at, performer.id)


async def offer_next(
    uow: BookingUnitOfWork,
    clock: Clock,
    policy: BookingPolicy,
    slot: Slot,
    skip: set[int | None] | None = None,
    *,
    under_way: bool = False,
) -> Booking | None:
    """Offer the freed slot to the first on its waiting list who can still take it; the
    offer holds the slot for `policy.offer_ttl`. None when nobody can (or it is too late).
    `under_way`: a slot its performer did not come to, offered while `min_lead` of it is left."""
    now = clock.now()
    left = (slot.ends_at if under_way else slot.starts_at) - now
    if left < policy.min_lead:
        return None
    site = await uow.sites.get(slot.site_id)
    if site is None:
        return None
    for performer_id in await uow.bookings.waiting(slot.site_id, slot.starts_at):
        await uow.bookings.leave(slot.site_id, slot.starts_at, performer_id)
        performer = await uow.performers.get(performer_id)
        if performer is None or performer.id in (skip or set()):
            continue
        try:
            check_performer(performer, site, now)
            offer = await _hold(uow, policy, performer, slot, BookingStatus.OFFERED, now)
        except BookingRefused:
            continue  # meanwhile booked elsewhere at that time, over the limit...: next one
        offer = replace(offer, offer_expires_at=now + policy.offer_ttl)
        await uow.bookings.save(offer)
        assert offer.id is not None
        await uow.outbox.add(to_performer(performer.user_id, offer.id, BookingNews.OFFERED, now))
        return offer
    return None


async def accept_offer(
    uow: BookingUnitOfWork,
    clock: Clock,
    user_id: int,
    booking_id: int,
) -> Booking:
    now = clock.now()
    booking, _performer = await _own(uow, user_id, booking_id)
    if booking.status is not BookingStatus.OFFERED or booking.offer_lapsed(now):
        raise BookingRefused(Refusal.SLOT_TAKEN, "the offer is no longer open")
    site = await uow.sites.get(booking.site_id)
    auto = site is None or site.auto_approve
    status = BookingStatus.CONFIRMED if auto else BookingStatus.PENDING
    accepted = replace(booking, status=status, offer_expires_at=None, updated_at=now)
    await uow.bookings.save(accepted)
    await _announce(uow, accepted, now)
    return accepted


async def expire_offers(uow: BookingUnitOfWork, clock: Clock, policy: BookingPolicy) -> int:
    """Offers not taken in time pass to the next on the waiting list (a job)."""
    now = clock.now()
    lapsed = await uow.bookings.lapsed_offers(now)
    for offer in lapsed:
        await _end(uow, offer, BookingStatus.EXPIRED, now)
        performer = await uow.performers.get(offer.performer_id)
        if performer is not None and offer.id is not None:
            news = to_performer(performer.user_id, offer.id, BookingNews.OFFER_LAPSED, now)
            await uow.outbox.add(news)
        await offer_next(uow, clock, policy, offer.slot, skip={offer.performer_id})
    return len(lapsed)


async def erased_booking_card(uow: BookingUnitOfWork, booking: Booking, now: datetime) -> None:
    """The card of a booking its performer erased with their account: the row will be gone
    when the card is redrawn, so the card's row carries the site and the time."""
    staff_chat_id = uow.staff_chat_id
    if staff_chat_id is None or booking.id is None:
        return
    what = {
        "erased": True,
        "site_id": booking.site_id,
        "starts_at": booking.starts_at.isoformat(),
        "ends_at": booking.ends_at.isoformat(),
    }
    await uow.outbox.add(staff_booking_card(staff_chat_id, booking.id, now, "erased", what))


async def _hold(
    uow: BookingUnitOfWork,
    policy: BookingPolicy,
    performer: Performer,
    slot: Slot,
    status: BookingStatus,
    now: datetime,
) -> Booking:
    """Store the booking with its claims; a claim someone holds undoes it and refuses."""
    assert performer.id is not None
    booking = await uow.bookings.add(
        Booking(slot.site_id, performer.id, slot.starts_at, slot.ends_at, status, now, now)
    )
    assert booking.id is not None
    conflict = await uow.bookings.claim(booking.id, fixed_claims(performer.id, slot))
    if conflict is not None:
        await uow.bookings.discard(booking.id)
        raise BookingRefused(REFUSAL_OF_CLAIM[conflict.kind])
    if await uow.bookings.claim_any(booking.id, week_tokens(performer.id, slot, policy)) is None:
        await uow.bookings.discard(booking.id)
        raise BookingRefused(Refusal.WEEK_LIMIT)
    return booking


async def _end(
    uow: BookingUnitOfWork, booking: Booking, status: BookingStatus, now: datetime
) -> Booking:
    assert booking.id is not None
    ended = replace(booking, status=status, offer_expires_at=None, updated_at=now)
    await uow.bookings.save(ended)
    await uow.bookings.release(booking.id)
    return ended


async def _own(uow: BookingUnitOfWork, user_id: int, booking_id: int) -> tuple[Booking, Performer]:
    """The presser's own booking; anyone else's reads as missing."""
    performer = await performer_of(uow, user_id)
    booking = await uow.bookings.get(booking_id, for_update=True)
    if booking is None or booking.performer_id != performer.id:
        raise NotFound(f"booking {booking_id} of user {user_id}")
    return booking, performer


async def _announce(uow: BookingUnitOfWork, booking: Booking, now: datetime) -> None:
    """Staff get a card of a booking that waits for them. The performer is told nothing
    here: the answer to their own press is the one confirmation."""
    if booking.status is BookingStatus.PENDING:
        await redraw_card(uow, booking, now)


async def redraw_card(
    uow: BookingUnitOfWork,
    booking: Booking,
    now: datetime,
    by: str | None = None,
) -> None:
    """Post the booking's staff card, or redraw it with the booking's state now (`by`: who
    decided). Written at every change; the renderer drops it when staff never had a card
    of the booking (an auto-approved one, an offer), so the card never shows a past state."""
    staff_chat_id = uow.staff_chat_id
    if staff_chat_id is None or booking.id is None:
        return
    extra = {"by": by} if by else None
    await uow.outbox.add(
        staff_booking_card(staff_chat_id, booking.id, now, booking.status.value, extra)
    )
