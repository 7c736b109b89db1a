"""Inline mode: "@bot вода" in any chat lists FAQ answers to share there."""

import re

from aiogram import Bot, Router
from aiogram.types import (
    InlineQuery,
    InlineQueryResultArticle,
    InlineQueryResultUnion,
    InputTextMessageContent,
)

from domain.faq.library import FaqLibrary
from domain.faq.model import FaqEntry
from domain.users import User
from handlers.faq import texts

RESULTS = 20  # Telegram allows 50; a phone screen shows far fewer
QUERY_MAX = 200
CACHE_SECONDS = 60  # answers change through the admin API; a minute is fresh enough
DEEP_LINK_FAQ = "faq_"
_START_PARAMETER = re.compile(r"[A-Za-z0-9_-]{1,64}")  # what t.me/<bot>?start= accepts
_RESULT_ID_LIMIT = 64  # bytes


def deep_link(username: str | None, entry_id: str) -> str | None:
    parameter = DEEP_LINK_FAQ + entry_id
    if not username or not _START_PARAMETER.fullmatch(parameter):
        return None
    return f"https://t.me/{username}?start={parameter}"


def result(entry: FaqEntry, locale: str, username: str | None) -> InlineQueryResultArticle:
    text = entry.text(locale)
    return InlineQueryResultArticle(
        id=entry.id,
        title=text.question,
        description=texts.first_line(entry, locale),
        input_message_content=InputTextMessageContent(
            message_text=texts.shared_answer(entry, locale, deep_link(username, entry.id))
        ),
    )


async def share_answers(query: InlineQuery, bot: Bot, user: User, faq: FaqLibrary) -> None:
    asked = query.query.strip()[:QUERY_MAX]
    if asked:
        entries = [hit.entry for hit in faq.matcher.search(asked, user.locale, RESULTS)]
    else:
        entries = faq.matcher.entries()[:RESULTS]
    username = (await bot.me()).username
    results: list[InlineQueryResultUnion] = [
        result(entry, user.locale, username)
        for entry in entries
        if len(entry.id.encode()) <= _RESULT_ID_LIMIT
    ]
    # Personal: the answers are in the language each person chose in the bot, so one
    # person's cached results must not be shown to another who asked the same words.
    await query.answer(results, cache_time=CACHE_SECONDS, is_personal=True)


def register(router: Router) -> None:
    router.inline_query.register(share_answers)
