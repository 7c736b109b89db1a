"""The "unsubscribe from this kind" button under every outage and event alert.

Whoever presses it can only drop their own subscriptions (the service filters by the
presser's id), so a forwarded or forged button changes nothing for anyone else.
"""

import contextlib
import logging

from aiogram import Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from domain.alerts.events import EventCategory
from domain.alerts.outages import OutageKind
from domain.alerts.subscriptions import event_topic, outage_topic
from domain.services.subscriptions import unfollow_topic
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.alerts import notice_texts
from handlers.alerts.callbacks import AlertUnsubCb
from handlers.alerts.texts import topic_name
from handlers.common import stale_button_text
from handlers.replies import alert, set_buttons, toast
from handlers.transaction import commit_before_telling

logger = logging.getLogger(__name__)


_SUBJECTS: dict[str, OutageKind | EventCategory] = {
    subject.value: subject for subject in (*OutageKind, *EventCategory)
}


def topic_of(kind: str) -> tuple[str, OutageKind | EventCategory] | None:
    """The topic a button names; None for anything that is neither kind nor category."""
    subject = _SUBJECTS.get(kind)
    if subject is None:
        return None
    topic = outage_topic(subject) if isinstance(subject, OutageKind) else event_topic(subject)
    return topic, subject


def without_button(markup: InlineKeyboardMarkup | None, data: str) -> InlineKeyboardMarkup | None:
    """The alert's keyboard less the pressed button (a digest keeps its other categories)."""
    if markup is None:
        return None
    rows = [[b for b in row if b.callback_data != data] for row in markup.inline_keyboard]
    rows = [row for row in rows if row]
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


async def unsubscribe(
    query: CallbackQuery,
    callback_data: AlertUnsubCb,
    uow: CityUnitOfWork,
    user: User,
    callback_answer: CallbackAnswer,
) -> None:
    found = topic_of(callback_data.kind)
    if found is None:
        logger.warning("unsubscribe press with unknown kind %r", callback_data.kind)
        alert(callback_answer, stale_button_text())
        return
    topic, subject = found
    removed = await unfollow_topic(uow, user.id, topic)
    await commit_before_telling(uow)
    name = topic_name(subject)
    done = notice_texts.unsubscribed(name) if removed else notice_texts.already_unsubscribed()
    toast(callback_answer, done)
    if isinstance(query.message, Message):
        markup = without_button(query.message.reply_markup, callback_data.pack())
        with contextlib.suppress(TelegramBadRequest):  # pressed twice: already edited
            await set_buttons(query.message, markup)


def create_router() -> Router:
    router = Router(name="alert_unsubscribe")
    router.callback_query.register(unsubscribe, AlertUnsubCb.filter())
    return router
