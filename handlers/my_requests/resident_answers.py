"""Text or a photo outside any form that answers staff, without knowing the trick: a reply to
one of the bot's messages about a request, or simply the next message while exactly one of
the person's requests waits for their answer (several: they are asked which, see
answer_choices). What went to a request by itself can be taken back for a while (answer_undo);
then the text gets what it would have got otherwise (the FAQ). Commands and forms come first:
these handlers only see stateless text."""

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import Message
from aiogram.utils.i18n import gettext as _

from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.public_page import PublicLinks
from domain.requests import Request
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.my_requests import answer_choices, answer_undo
from handlers.my_requests.answer_delivery import deliver
from handlers.my_requests.answer_filters import ANSWER_CONTENT, RepliedRequest, Waiting
from handlers.my_requests.answer_keyboards import which_keyboard
from handlers.my_requests.callbacks import AnswerAction, AnswerCb
from handlers.my_requests.pending_answers import PendingAnswers


async def replied(
    message: Message,
    request_id: int,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    districts: DistrictDirectory,
    public_links: PublicLinks,
    state: FSMContext,
) -> None:
    photo = message.photo[-1].file_id if message.photo else None
    await deliver(
        message, None, uow, user, clock, districts, public_links, state, request_id,
        message.text or message.caption, photo,
    )  # fmt: skip


async def next_message(
    message: Message,
    waiting: list[Request],
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    districts: DistrictDirectory,
    public_links: PublicLinks,
    state: FSMContext,
) -> None:
    photo = message.photo[-1].file_id if message.photo else None
    if len(waiting) == 1 and waiting[0].id is not None:
        await deliver(
            message, None, uow, user, clock, districts, public_links, state,
            waiting[0].id, message.text or message.caption, photo,
        )  # fmt: skip
        return
    question = _("Сотрудники ждут вашего ответа по нескольким заявкам. К какой это?")
    asked = await message.reply(question, reply_markup=which_keyboard(waiting))
    await PendingAnswers(state).keep(asked.message_id, message.text or message.caption, photo)


def create_router() -> Router:
    router = Router(name="resident_answers")
    router.message.filter(F.chat.type == "private", StateFilter(None), ANSWER_CONTENT)
    router.callback_query.filter(F.message.chat.type == "private")
    router.message.register(replied, RepliedRequest())
    router.message.register(next_message, Waiting())
    router.callback_query.register(
        answer_choices.picked, AnswerCb.filter(F.action == AnswerAction.PICK)
    )
    router.callback_query.register(
        answer_choices.not_an_answer, AnswerCb.filter(F.action == AnswerAction.NOT_ANSWER)
    )
    undo = AnswerCb.filter(F.action == AnswerAction.UNDO)
    router.callback_query.register(answer_undo.undo, undo)
    return router
