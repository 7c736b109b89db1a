"""The staff card's photo buttons: staff make a photo of the request publishable, or take the
mark back; the public request page and Open311 show only marked photos. Only staff may (the
same rule as the card's other buttons); anyone else gets a short alert and nothing changes."""

from aiogram import Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from domain.clock import Clock
from domain.errors import NotFound
from domain.requests import format_number
from domain.services.photo_publishing import NoSuchPhoto, mark_photo
from domain.unit_of_work import CityUnitOfWork
from handlers.replies import alert, toast
from handlers.staff import photo_texts
from handlers.staff.callbacks import PhotoCb
from handlers.staff.card_buttons import not_staff
from handlers.staff.card_chat import passed_on_from
from handlers.staff.department_texts import gone
from handlers.staff.filters import IsStaff
from handlers.staff.texts import passed_on_text
from handlers.transaction import commit_before_telling


async def mark(
    query: CallbackQuery,
    callback_data: PhotoCb,
    uow: CityUnitOfWork,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    request_id, photo = callback_data.request_id, callback_data.number
    number = format_number(request_id)
    chat_id = query.message.chat.id if query.message is not None else None
    if await passed_on_from(uow, chat_id, request_id):  # another department's chat leads it
        alert(callback_answer, passed_on_text(number))
        return
    try:
        done = await mark_photo(uow, clock, request_id, photo, callback_data.public)
    except NoSuchPhoto:
        alert(callback_answer, photo_texts.no_such_photo(number, photo))
        return
    except NotFound:
        alert(callback_answer, gone())
        return
    await commit_before_telling(uow)  # the card is redrawn by the outbox, as for other presses
    toast(callback_answer, photo_texts.marked(number, done))


def register(router: Router) -> None:
    router.callback_query.register(mark, PhotoCb.filter(), IsStaff())
    router.callback_query.register(not_staff, PhotoCb.filter())
