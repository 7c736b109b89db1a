"""Texts of the operators' phone form in the staff chat (in the chat's language)."""

from html import escape

from aiogram.utils.i18n import gettext as _

from domain.address.model import AddressCandidate
from domain.services.reports import DESCRIPTION_MAX, DESCRIPTION_MIN


def start() -> str:
    return _("☎️ Заявка по звонку. Выберите категорию (отменить: /cancel):")


def pick_category() -> str:
    return _("Выберите категорию кнопкой выше (отменить: /cancel).")


def unknown_category() -> str:
    return _("Такой категории нет. Выберите категорию кнопкой выше.")


def ask_address(category: str) -> str:
    return _("Категория: {category}. Адрес проблемы — улица и дом:").format(
        category=escape(category)
    )


def address_not_found() -> str:
    return _("Не нашёл такой адрес в Казани. Напишите улицу и дом, например: Баумана 15.")


def address_doubt(candidates: tuple[AddressCandidate, ...]) -> str:
    options = "\n".join(
        f"• {escape(c.label())}" + (f" ({escape(c.district)})" if c.district else "")
        for c in candidates
    )
    return _("Уточните адрес: улица и дом, как в одном из вариантов:") + "\n" + options


def ask_description(place: str) -> str:
    return _("Адрес: {place}. Что случилось? Опишите проблему словами звонившего:").format(
        place=escape(place)
    )


def description_too_short() -> str:
    return _("Слишком коротко: нужно хотя бы {count} символов.").format(count=DESCRIPTION_MIN)


def description_too_long() -> str:
    return _("Слишком длинно: не больше {count} символов.").format(count=DESCRIPTION_MAX)


def ask_phone() -> str:
    return _("Телефон звонившего (его увидят только сотрудники) или «-», если номер не оставили:")


def bad_phone() -> str:
    return _("Не похоже на номер телефона. Пример: +7 900 123-45-67, или «-» без номера.")


def text_only() -> str:
    return _("Напишите ответ текстом (отменить: /cancel).")


def filed(number: str) -> str:
    return _("✅ Заявка {number} принята по телефону и передана подразделению.").format(
        number=number
    )


def cancelled() -> str:
    return _("Заявка по звонку отменена.")
