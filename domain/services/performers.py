"""Performer profiles: submitted by the performer, approved or declined by staff."""

from dataclasses import replace

from domain.booking.notices import (
    performer_decision,
    redraw_performer_card,
    staff_performer_card,
)
from domain.booking.performers import Performer, PerformerStatus, updated_profile
from domain.booking.ports import BookingUnitOfWork
from domain.clock import Clock
from domain.errors import InvalidTransition, NotFound
from domain.services.staff_actions import clean_text

MAX_REASON = 500


def refusal_reason(approve: bool, reason: str | None) -> str | None:
    """Staff's decision on a profile or a booking: a refusal must say why, briefly."""
    return None if approve else clean_text(reason, MAX_REASON)


async def submit_profile(uow: BookingUnitOfWork, clock: Clock, profile: Performer) -> Performer:
    """A new profile, or an edit of one's own; staff get a card whenever it needs a look."""
    staff_chat_id = uow.staff_chat_id
    now = clock.now()
    current = await uow.performers.by_user(profile.user_id)
    if current is None:
        stored = await uow.performers.add(
            replace(profile, status=PerformerStatus.PENDING, created_at=now, updated_at=now)
        )
    else:
        stored = updated_profile(current, profile, now)
        await uow.performers.save(stored)
        if staff_chat_id is not None and current.id is not None:
            # The card of the version replaced says so and loses its buttons.
            await uow.outbox.add(
                redraw_performer_card(
                    staff_chat_id, current.id, current.updated_at, now, "superseded"
                )
            )
    needs_look = stored.status is PerformerStatus.PENDING
    if needs_look and staff_chat_id is not None and stored.id is not None:
        await uow.outbox.add(
            staff_performer_card(staff_chat_id, stored.id, stored.updated_at, now)
        )
    return stored


async def decide_performer(
    uow: BookingUnitOfWork,
    clock: Clock,
    performer_id: int,
    approve: bool,
    reason: str | None = None,
    *,
    by: str | None = None,
) -> Performer:
    """Staff's decision on a waiting profile; a refusal says why. The card of the version
    decided is redrawn with the outcome and `by` (who decided)."""
    performer = await uow.performers.get(performer_id)
    if performer is None:
        raise NotFound(f"performer {performer_id}")
    if performer.status is not PerformerStatus.PENDING:
        raise InvalidTransition(f"performer {performer_id} is already {performer.status}")
    cleaned = refusal_reason(approve, reason)
    now = clock.now()
    decided = replace(
        performer,
        status=PerformerStatus.APPROVED if approve else PerformerStatus.DECLINED,
        decline_reason=cleaned,
    )
    await uow.performers.save(decided)
    await uow.outbox.add(
        performer_decision(performer.user_id, performer_id, approve, performer.updated_at, now)
    )
    staff_chat_id = uow.staff_chat_id
    if staff_chat_id is not None:
        change = "approved" if approve else "declined"
        await uow.outbox.add(
            redraw_performer_card(
                staff_chat_id, performer_id, performer.updated_at, now, change, by
            )
        )
    return decided
