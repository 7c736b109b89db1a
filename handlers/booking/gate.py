"""Who may browse and book: the screens ask first, for a clear answer before any choice is
made; the booking services check again when it matters."""

from datetime import datetime

from aiogram.utils.callback_answer import CallbackAnswer

from domain.booking.bookings import BookingPolicy, Refusal
from domain.booking.performers import Performer, PerformerStatus
from domain.unit_of_work import CityUnitOfWork
from handlers.booking.refusals import refusal_text
from handlers.replies import alert


def refusal_of(performer: Performer | None, now: datetime) -> Refusal | None:
    if performer is None:
        return Refusal.NOT_REGISTERED
    if performer.status is not PerformerStatus.APPROVED:
        return Refusal.NOT_APPROVED
    if performer.suspended(now):
        return Refusal.SUSPENDED
    return None


async def bookable_performer(
    uow: CityUnitOfWork,
    user_id: int,
    now: datetime,
    policy: BookingPolicy,
    answer: CallbackAnswer,
) -> Performer | None:
    """The approved performer pressing; otherwise None, and the press is answered with why."""
    performer = await uow.performers.by_user(user_id)
    refusal = refusal_of(performer, now)
    if refusal is not None:
        alert(answer, refusal_text(refusal, policy, performer))
        return None
    return performer
