"""Texts of the FAQ screens: an answer, the offers when nothing fits, the lists, inline mode."""

import re
from collections.abc import Mapping, Sequence
from html import escape
from urllib.parse import urlsplit

from aiogram.utils.i18n import gettext as _

from domain.contacts import Contact
from domain.faq.model import FaqEntry
from domain.telegram_html import visible_text
from handlers.common import MESSAGE_LIMIT, shorten


def fit_message(head: str, tail: Sequence[str] = ()) -> str:
    """Head and tail lines within Telegram's limit: the tail goes first, then the markup."""
    whole = "\n\n".join([head, "\n".join(tail)]) if tail else head
    if len(whole) <= MESSAGE_LIMIT:
        return whole
    if len(head) <= MESSAGE_LIMIT:
        return head
    # Answers are checked Telegram HTML when saved, the rest is escaped: the check reads it.
    return escape(shorten(visible_text(head), MESSAGE_LIMIT - 200))  # escaping may lengthen it


def _link(url: str) -> str:
    host = urlsplit(url).hostname or url
    return f'<a href="{escape(url)}">{escape(host.removeprefix("www."))}</a>'


def sources(urls: Sequence[str]) -> str | None:
    links = [_link(url) for url in dict.fromkeys(urls) if url.startswith(("https://", "http://"))]
    return _("Источники: {links}").format(links=", ".join(links)) if links else None


def answer(entry: FaqEntry, locale: str, contacts: Mapping[str, Contact]) -> str:
    """Question in bold, the answer, phones it names (unless already in it), its sources."""
    text = entry.text(locale)
    head = f"<b>{escape(text.question)}</b>\n\n{text.answer}"
    tail = [
        f"☎️ {escape(contact.name(locale))}: <b>{escape(contact.phone)}</b>"
        for name in entry.contacts
        if (contact := contacts.get(name)) is not None and contact.phone not in text.answer
    ]
    source_line = sources(entry.links)
    if source_line:
        tail.append(source_line)
    return fit_message(head, tail)


def category_offer(category: str, has_others: bool) -> str:
    text = _("Похоже, это проблема в категории «{category}». Сообщить о ней?").format(
        category=escape(category)
    )
    return text + ("\n" + _("Или, может быть, вы об этом:") if has_others else "")


def nothing_found(has_others: bool, hotlines: Sequence[Contact] = (), locale: str = "ru") -> str:
    """An honest "I don't know": no guess, and whom to ask instead (the city hotlines)."""
    text = _("Не нашёл ответа на этот вопрос в справке бота, а гадать не буду.")
    if hotlines:
        lines = [phone_line(contact, locale) for contact in hotlines]
        text += "\n" + _("Спросите в городской службе:") + "\n" + "\n".join(lines)
    text += "\n" + _(
        "Если что-то сломалось, нажмите «📝 Сообщить о проблеме»; срочное — «☎️ Телефоны служб»."
    )
    return text + ("\n" + _("Может быть, вы спрашивали об этом:") if has_others else "")


def not_helpful(phones: Sequence[Contact], locale: str) -> str:
    """After 👎: a request, or a call; the numbers of the entry's own contacts follow, in a
    form a tap dials. Without any, the city's list of phones is the way."""
    if not phones:
        return _(
            "Жаль, что не помогло. Сообщите о проблеме — заявку передадут в службу — или "
            "найдите нужный номер в «☎️ Телефоны служб»."
        )
    lines = [phone_line(contact, locale) for contact in phones]
    head = _(
        "Жаль, что не помогло. Сообщите о проблеме — заявку передадут в службу — или "
        "позвоните по телефону:"
    )
    return fit_message(head + "\n" + "\n".join(lines))


def phone_line(contact: Contact, locale: str) -> str:
    """A contact's name and its number in a form a tap dials."""
    return f"☎️ {escape(contact.name(locale))}: <b>{escape(dialable(contact.phone))}</b>"


def dialable(phone: str) -> str:
    """ "+7 (843) 231-62-60" → "+78432316260" (Telegram turns it into a tap-to-call link);
    several numbers ("101 / 102", "…; …") stay several; short ones ("112", "04") as they are."""
    numbers = []
    for part in re.split(r"[/;,]", phone):
        digits = re.sub(r"[^\d+]", "", part)
        if len(digits) == 11 and digits.startswith("8"):
            digits = "+7" + digits[1:]
        if digits:
            numbers.append(digits)
    return ", ".join(numbers) if numbers else phone


def thanks() -> str:
    return _("Спасибо за оценку!")


def already_voted() -> str:
    return _("Вы уже оценили этот ответ.")


def entry_gone() -> str:
    return _("Этого ответа больше нет. Напишите вопрос ещё раз или откройте /info.")


def info(page: int, pages: int) -> str:
    text = _(
        "<b>Справка</b>\nВыберите вопрос или просто напишите свой. Срочное — «☎️ Телефоны служб»."
    )
    if pages > 1:
        text += "\n" + _("Страница {page} из {pages}").format(page=page + 1, pages=pages)
    return text


def info_empty() -> str:
    return _("<b>Справка</b>\nОтветов пока нет. Срочное — «☎️ Телефоны служб».")


def contacts_list(contacts: Sequence[Contact], locale: str) -> str:
    if not contacts:
        return _("Список телефонов пока не загружен. В экстренном случае звоните 112.")
    blocks = [
        f"<b>{escape(c.phone)}</b> — {escape(c.name(locale))}\n"
        f"<i>{escape(c.purpose_text(locale))}</i>"
        for c in contacts
    ]
    head = _("<b>Телефоны служб</b>") + "\n\n" + "\n\n".join(blocks)
    source_line = sources([url for contact in contacts for url in contact.sources[:1]])
    return fit_message(head, [source_line] if source_line else [])


def shared_answer(entry: FaqEntry, locale: str, link: str | None) -> str:
    """An answer shared from inline mode: it must stand alone in someone else's chat."""
    text = entry.text(locale)
    brand = _("Мой Казань")
    signature = f'— <a href="{escape(link)}">{brand}</a>' if link else f"— {brand}"
    return fit_message(f"<b>{escape(text.question)}</b>\n\n{text.answer}\n\n{signature}")


def first_line(entry: FaqEntry, locale: str, limit: int = 120) -> str:
    lines = visible_text(entry.text(locale).answer).strip().splitlines()
    return shorten(lines[0], limit) if lines else ""
