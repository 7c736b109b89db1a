"""Use cases of 'My account': the profile, consent, the phone, the export and the erasure."""

import logging
from dataclasses import dataclass, replace
from datetime import datetime

from domain.account import (
    CONSENT_VERSION,
    AccountUnitOfWork,
    ConsentRequired,
    Erasure,
    check_own_contact,
    has_current_consent,
    normalise_phone,
)
from domain.account_export import AccountSnapshot, AuthoredRequest, Json, export_document
from domain.alerts.subscriptions import AlertPreferences, SavedAddress
from domain.booking.bookings import BookingPolicy, BookingStatus
from domain.booking.notices import redraw_performer_card
from domain.booking.performers import Performer
from domain.clock import Clock
from domain.errors import NotFound
from domain.history import EventKind, RequestEvent
from domain.requests import Actor, Request
from domain.services.booking import erased_booking_card, offer_next
from domain.services.notify import redraw_staff_card, refresh_staff_card
from domain.users import User

logger = logging.getLogger(__name__)
PAGE = 100  # requests are read in pages: a busy resident may have hundreds
MAX_ACTIVE_BOOKINGS = 1000  # far above what the weekly limits allow


@dataclass(frozen=True, slots=True)
class Profile:
    user: User
    addresses: list[SavedAddress]
    preferences: AlertPreferences


async def profile(uow: AccountUnitOfWork, user_id: int) -> Profile:
    return Profile(
        await _user(uow, user_id),
        await uow.subscriptions.addresses(user_id),
        await uow.subscriptions.preferences(user_id),
    )


async def give_consent(uow: AccountUnitOfWork, clock: Clock, user: User) -> None:
    """Agreement to the current personal-data text, with its version and time. A phone kept
    from an older version's agreement becomes visible to staff again."""
    now = clock.now()
    await uow.users.set_consent(user.id, CONSENT_VERSION, now)
    if user.phone is not None and not has_current_consent(user):
        await _redraw_open_cards(uow, user.id, now)


async def share_phone(
    uow: AccountUnitOfWork,
    clock: Clock,
    user: User,
    contact_user_id: int | None,
    raw_phone: str,
) -> str:
    """The person's own contact only, and only with consent: otherwise nothing is stored."""
    check_own_contact(user.id, contact_user_id)
    if not has_current_consent(user):
        raise ConsentRequired(f"user {user.id} has not agreed to {CONSENT_VERSION}")
    phone = normalise_phone(raw_phone)
    await uow.users.set_phone(user.id, phone)
    await _redraw_open_cards(uow, user.id, clock.now())
    return phone


async def forget_phone(uow: AccountUnitOfWork, clock: Clock, user_id: int) -> None:
    await uow.users.set_phone(user_id, None)
    await _redraw_open_cards(uow, user_id, clock.now())


async def _redraw_open_cards(uow: AccountUnitOfWork, user_id: int, now: datetime) -> None:
    """Staff cards show the author's phone: those of the open requests follow its change
    (closed ones keep what they showed; /find shows the present)."""
    staff_chat_id = uow.staff_chat_id
    if staff_chat_id is None:
        return
    for request in await _authored(uow, user_id):
        if request.is_open:
            await redraw_staff_card(uow, _id(request), now)


async def export_data(uow: AccountUnitOfWork, clock: Clock, user_id: int) -> Json:
    return export_document(await snapshot(uow, user_id), clock.now())


async def snapshot(uow: AccountUnitOfWork, user_id: int) -> AccountSnapshot:
    user = await _user(uow, user_id)
    performer = await uow.performers.by_user(user_id)
    performer_id = performer.id if performer is not None else None
    authored = await _authored(uow, user_id)
    followed = await uow.account.followed(user_id)
    # By code, retired categories too: an old request still shows its category's name.
    codes = {request.category for request in authored} | {r.category for r, _ in followed}
    categories = {code: found for code in codes if (found := await uow.categories.get(code))}
    return AccountSnapshot(
        user=user,
        addresses=await uow.subscriptions.addresses(user_id),
        subscriptions=await uow.subscriptions.subscriptions(user_id),
        preferences=await uow.subscriptions.preferences(user_id),
        authored=[
            AuthoredRequest(request, await uow.requests.history(_id(request)))
            for request in authored
        ],
        followed=followed,
        performer=performer,
        bookings=await uow.account.bookings_of(performer_id) if performer_id else [],
        waits=await uow.account.waits_of(performer_id) if performer_id else [],
        categories=categories,
        sites={site.id: site for site in await uow.sites.all(active_only=False) if site.id},
    )


async def erase_account(
    uow: AccountUnitOfWork,
    clock: Clock,
    policy: BookingPolicy,
    user_id: int,
) -> Erasure:
    """Forget the person, in the caller's one transaction: future bookings are cancelled
    (their slots offered to the waiting lists), staff see on each open request's card that
    its author left, the requests stay anonymised, and every personal row goes."""
    await _user(uow, user_id)
    now = clock.now()
    cancelled = 0
    performer = await uow.performers.by_user(user_id)
    if performer is not None:
        cancelled = await _free_future_slots(uow, clock, policy, performer)
    authored = await _authored(uow, user_id)
    open_requests = [request for request in authored if request.is_open]
    for request in open_requests:
        event = RequestEvent(_id(request), now, EventKind.AUTHOR_LEFT, Actor.SYSTEM)
        event_id = await uow.requests.add_event(event)
        await refresh_staff_card(uow, _id(request), event_id, now)
    touched = await _cards_that_name(uow, user_id)
    await uow.account.erase(user_id)
    for request_id in touched - {_id(request) for request in open_requests}:
        await redraw_staff_card(uow, request_id, now)
    logger.info("account %s erased: %s requests kept", user_id, len(authored))
    return Erasure(len(authored), len(open_requests), cancelled)


async def _free_future_slots(
    uow: AccountUnitOfWork,
    clock: Clock,
    policy: BookingPolicy,
    performer: Performer,
) -> int:
    """Cancel as the performer would (whatever the cancellation deadline), so each freed
    slot goes to the first on its waiting list, as after any cancellation."""
    assert performer.id is not None
    now = clock.now()
    active = await uow.bookings.of_performer(
        performer.id, now, upcoming=True, limit=MAX_ACTIVE_BOOKINGS
    )
    for booking in active:
        assert booking.id is not None
        ended = replace(
            booking, status=BookingStatus.CANCELLED, offer_expires_at=None, updated_at=now
        )
        await uow.bookings.save(ended)
        await uow.bookings.release(booking.id)
        await erased_booking_card(uow, ended, now)
        await offer_next(uow, clock, policy, booking.slot, skip={performer.id})
    staff_chat_id = uow.staff_chat_id
    if staff_chat_id is not None:
        await uow.outbox.add(
            redraw_performer_card(staff_chat_id, performer.id, performer.updated_at, now, "erased")
        )
    return len(active)


async def _cards_that_name(uow: AccountUnitOfWork, user_id: int) -> set[int]:
    """Open requests whose staff card changes when the person goes: the ones they took (the
    card names them and offers «Взять» to nobody) and the authorless ones they follow (the
    card's reply button may have nobody left to reach)."""
    assigned = {_id(request) for request in await uow.account.assigned(user_id)}
    orphans = set()
    for request, _ in await uow.account.followed(user_id):
        authorless = request.is_open and request.author_id is None
        # Redrawn only when the button goes: editing a card to the same text is an error.
        if authorless and await uow.requests.followers(_id(request)) == [user_id]:
            orphans.add(_id(request))
    return assigned | orphans


async def _authored(uow: AccountUnitOfWork, user_id: int) -> list[Request]:
    requests: list[Request] = []
    while page := await uow.requests.list_by_author(user_id, len(requests), PAGE):
        requests += page
        if len(page) < PAGE:
            break
    return requests


async def _user(uow: AccountUnitOfWork, user_id: int) -> User:
    user = await uow.users.get(user_id)
    if user is None:
        raise NotFound(f"user {user_id}")
    return user


def _id(request: Request) -> int:
    assert request.id is not None  # stored requests have ids
    return request.id
