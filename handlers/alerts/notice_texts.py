"""Texts every outage and event alert shares (called inside the recipient's i18n context):
the escaping of what a source wrote, and the buttons under an alert with their answers.

Every text a source wrote (descriptions, titles, places, prices) is escaped, and the
free-form parts are shortened so that a whole alert stays under Telegram's 4096 characters.
"""

from aiogram import html
from aiogram.utils.i18n import gettext as _

MAX_PLACE = 120  # also one street's houses, and a saved address
MAX_LABEL = 40


def quoted(text: str, limit: int) -> str:
    """Escaped for HTML and at most `limit` characters so (an entity is never cut in two):
    "<" grows fourfold when escaped, so shortening first is not enough."""
    pieces: list[str] = []
    size = 0
    for char in text:
        piece = html.quote(char)
        if size + len(piece) > limit - 1:
            return "".join(pieces).rstrip() + "…"
        pieces.append(piece)
        size += len(piece)
    return "".join(pieces)


def unsubscribe_button(name: str) -> str:
    return _("🔕 Отписаться от «{kind}»").format(kind=name)


def what_else_button() -> str:
    return _("Что ещё отключено?")


def unsubscribed(name: str) -> str:
    return _("Вы отписались от «{kind}»").format(kind=name)


def already_unsubscribed() -> str:
    return _("Подписки уже нет")
