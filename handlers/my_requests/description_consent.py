"""The author's consent to show their description on the public page (issue 17): asked once
with what becomes public, taken back with one press; the card shows the result."""

import logging
from html import escape

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.errors import NotAllowed, NotFound
from domain.public_page import PublicLinks
from domain.services.author_steps import own_request
from domain.services.description_consent import set_description_public
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.common import shorten
from handlers.my_requests.callbacks import RequestAction, RequestCb
from handlers.my_requests.card import show_request_card
from handlers.my_requests.keyboards import show_description_confirm
from handlers.my_requests.refusal_texts import not_yours
from handlers.replies import alert, redraw, toast
from handlers.transaction import commit_before_telling

logger = logging.getLogger(__name__)
# Enough to spot a phone or a flat number; escaped (up to 5x) it still fits in one message.
QUOTED = 600


def consent_text(description: str) -> str:
    """What becomes public, quoted, so that the author sees a phone or a flat number they
    typed into it before agreeing."""
    text = _(
        "Показать ваше описание на публичной странице заявки?\n\n"
        "Всем станет виден только этот текст, как вы его написали:\n<i>{description}</i>\n\n"
        "Ваше имя, телефон, номер дома и фото не публикуются никогда "
        "(какие фото показать, решают сотрудники города отдельно). "
        "Если в самом тексте есть телефон или номер квартиры, лучше его не показывать.\n\n"
        "Скрыть описание можно в любой момент этой же кнопкой на карточке."
    )
    return text.format(description=escape(shorten(description, QUOTED)))


def refusal(error: NotFound | NotAllowed) -> str:
    """Someone else's card (forwarded, or a forged press) is told who may press; a number
    that is not there, what any card says. The numbers are public (the pages show them)."""
    if isinstance(error, NotAllowed):
        return _("Показать или скрыть описание может только автор заявки.")
    return not_yours()


async def ask_show(
    query: CallbackQuery,
    callback_data: RequestCb,
    uow: CityUnitOfWork,
    user: User,
    callback_answer: CallbackAnswer,
) -> None:
    try:
        request = await own_request(uow, user.id, callback_data.request_id)
    except (NotFound, NotAllowed) as error:
        logger.warning("user %s refused request %s: %r", user.id, callback_data.request_id, error)
        alert(callback_answer, refusal(error))
        return
    markup = show_description_confirm(callback_data.request_id, callback_data.page)
    await redraw(query, consent_text(request.description), markup)


async def toggle(
    query: CallbackQuery,
    callback_data: RequestCb,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    callback_answer: CallbackAnswer,
    districts: DistrictDirectory,
    public_links: PublicLinks,
    state: FSMContext,
) -> None:
    """Agreed (the confirmation's button) or taken back (the card's button)."""
    request_id, page = callback_data.request_id, callback_data.page
    public = callback_data.action is RequestAction.SHOW_DESCRIPTION_CONFIRM
    try:
        await set_description_public(uow, user.id, request_id, public)
    except (NotFound, NotAllowed) as error:
        logger.warning("user %s refused request %s: %r", user.id, request_id, error)
        alert(callback_answer, refusal(error))
        return
    await commit_before_telling(uow)
    if public:
        toast(callback_answer, _("Описание видно на публичной странице."))
    else:
        toast(callback_answer, _("Описание скрыто с публичной страницы."))
    await show_request_card(
        query, uow, user, request_id, page, clock, districts, public_links, state
    )
