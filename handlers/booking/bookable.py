"""Who may browse and book: the screens ask first (the domain's performer_refusal), for a
clear answer before any choice is made; the booking services check again when it matters."""

from datetime import datetime

from aiogram.utils.callback_answer import CallbackAnswer

from domain.booking.bookings import BookingPolicy
from domain.booking.performers import Performer
from domain.services.booking import performer_refusal
from domain.unit_of_work import CityUnitOfWork
from handlers.booking.refusals import refusal_text
from handlers.replies import alert


async def bookable_performer(
    uow: CityUnitOfWork,
    user_id: int,
    now: datetime,
    policy: BookingPolicy,
    answer: CallbackAnswer,
) -> Performer | None:
    """The approved performer pressing; otherwise None, and the press is answered with why."""
    performer = await uow.performers.by_user(user_id)
    refusal = performer_refusal(performer, now)
    if refusal is not None:
        alert(answer, refusal_text(refusal, policy, performer))
        return None
    return performer
