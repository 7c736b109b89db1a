"""One place that turns failures into short answers; nothing reaches the person as a crash.

Two kinds of failure, told apart by the exception's type:
- transient (the database or Telegram unavailable, a 429 that outlasted the retries of
  bot/reply_pacing.py, a timeout): it would pass on another try, so the update is left
  unconfirmed (the error is raised again) and polling or Telegram's webhook delivers it
  again — never confirmed as handled without its effect, never answered with an apology;
- a bug (anything else): it would fail again, so it is logged with the update and the
  person gets one short apology; the update is confirmed.
"""

import logging

from aiogram import Bot, Router
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent, Update
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from domain.errors import DomainError, ServiceUnavailable

logger = logging.getLogger(__name__)

TRANSIENT_FAILURES: tuple[type[Exception], ...] = (
    ServiceUnavailable,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramNetworkError,
    TimeoutError,
    RedisConnectionError,  # the shared form state (REDIS_URL) did not answer
    RedisTimeoutError,
)
LOGGED_UPDATE_CHARS = 2000  # enough to see what the person did, bounded for the log


def _chat_and_locale(event: ErrorEvent, i18n: I18n) -> tuple[int | None, str]:
    update = event.update
    query = update.callback_query
    message = update.message or (query.message if query is not None else None)
    chat_id = message.chat.id if message is not None else None
    user = update.event.from_user if hasattr(update.event, "from_user") else None  # type: ignore[union-attr]
    locale = i18n.default_locale
    if user is not None and user.language_code in i18n.available_locales:
        locale = user.language_code
    return chat_id, locale


async def transient(event: ErrorEvent) -> None:
    logger.warning(
        "update %s met a transient failure (%r); it will be handled again",
        event.update.update_id,
        event.exception,
    )
    raise event.exception  # unconfirmed: polling/webhook deliver it again


def loggable(update: Update) -> str:
    """The update as JSON for the log, never failing: aiogram leaves its `Default` markers
    (e.g. in a message's link_preview_options) in parsed updates, which pydantic cannot
    serialise, and an error handler that raised turned the update into a webhook 500 that
    Telegram redelivered again and again."""
    dumped = update.model_dump_json(exclude_none=True, fallback=lambda value: None)
    return dumped[:LOGGED_UPDATE_CHARS]


async def any_error(event: ErrorEvent, bot: Bot, i18n: I18n) -> None:
    if isinstance(event.exception, DomainError):
        logger.info("unhandled domain error: %r", event.exception)
    else:
        logger.error(
            "update %s failed: %s",
            event.update.update_id,
            loggable(event.update),
            exc_info=event.exception,
        )
    chat_id, locale = _chat_and_locale(event, i18n)
    if chat_id is None:
        return
    with i18n.use_locale(locale):
        text = _("Что-то пошло не так, мы уже разбираемся. Попробуйте ещё раз: /menu")
    try:
        await bot.send_message(chat_id, text)
    except Exception:
        logger.exception("could not apologise in chat %s", chat_id)


def create_router() -> Router:
    router = Router(name="errors")
    router.errors.register(transient, ExceptionTypeFilter(*TRANSIENT_FAILURES))
    router.errors.register(any_error)
    return router
