"""Texts of the staff chat: the card, the escalation, the overdue list, what a card's
buttons ask staff to type."""

from datetime import datetime
from html import escape

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from domain.categories import Category
from domain.clock import CITY_TZ
from domain.history import EventKind, RequestEvent, is_reopen
from domain.requests import Request, RequestChannel, RequestStatus
from domain.services.staff_actions import Audience
from handlers.common import day, fit, telegram_length, when
from handlers.my_requests.texts import place_text, request_card
from handlers.staff import photo_texts
from handlers.staff.callbacks import StaffAction

MAP_LINK = "https://yandex.ru/maps/?pt={lon:.6f},{lat:.6f}&z=17&l=map"


def staff_card(
    request: Request,
    category: Category | None,
    history: list[RequestEvent],
    locale: str,
    now: datetime,
    district: str | None,
    *,
    phone: str | None,  # the author's, when shared with consent (domain.account.author_phone)
    assignee: str | None = None,  # the name of the staff member who took it
    department: str | None = None,  # the name of the department that answers for it
    public_photos: int = 0,  # how many of its photos staff made public
) -> str:
    text = request_card(request, category, history, locale, now, district, for_staff=True)
    lines = [""]
    if request.photos:
        lines.append(photo_texts.card_line(public_photos, len(request.photos)))
    if department is not None:
        lines.append(_("🏢 Подразделение: {name}").format(name=escape(department)))
    if assignee is not None and request.is_open:
        lines.append(_("🙋 Заявку ведёт: {name}").format(name=escape(assignee)))
    place = request.place
    if place.lat is not None and place.lon is not None:
        link = MAP_LINK.format(lat=place.lat, lon=place.lon)
        lines.append(_('<a href="{link}">Карта</a>').format(link=escape(link)))
    lines.append(_("Подана: {at}").format(at=when(request.created_at)))
    if request.channel is RequestChannel.PHONE:
        lines.append(_("☎️ Принята по телефону"))
        if phone:
            lines.append(f"📞 {escape(phone)}")
    elif request.channel is RequestChannel.OPEN311:
        # No resident in Telegram behind it: the partner app reads the status over Open311.
        lines.append(_("📡 Подана через Open311: статус приложение узнаёт само"))
    elif request.author_id is None and request.channel is RequestChannel.BOT:
        lines.append(_("👤 Житель удалил аккаунт"))
    elif phone:
        lines.append(f"📞 {escape(phone)}")  # Telegram makes a number in text tap-to-call
    return text + "\n".join(lines)


def escalation(request: Request, category: Category | None, locale: str) -> str:
    name = category.name(locale) if category else request.category
    return _(
        "⏰ Заявку {number} ({category}, {place}) никто не взял за отведённое время. "
        "Откройте её: /find {number}"
    ).format(number=request.number, category=escape(name), place=escape(place_text(request.place)))


def overdue_list(requests: list[Request], now: datetime, title: str) -> str:
    if not requests:
        return _("Просроченных заявок нет.")
    today = now.astimezone(CITY_TZ).date()
    lines = [f"<b>{escape(title)}</b>"]
    for request in requests:
        late = (today - request.deadline_at.astimezone(CITY_TZ).date()).days
        mark = "🔴" if request.is_overdue(now) else "🟡"
        line = _("{mark} {number} — срок {date}").format(
            mark=mark, number=request.number, date=day(request.deadline_at)
        )
        if late > 0:
            line += " " + ngettext(
                "(просрочено на {days} день)", "(просрочено на {days} дней)", late
            ).format(days=late)
        lines.append(line)
    return "\n".join(lines)


CAPTION_LIMIT = 1024  # characters of a photo's caption, as Telegram counts them (no tags)


def author_news(request: Request, event: RequestEvent, photos: int = 0) -> str:
    """What the author added, as a new message under the card: which request, what kind,
    and the author's own words quoted (escaped)."""
    answer = event.from_status is RequestStatus.NEED_INFO
    quote = f"<blockquote>{escape(event.text or '')}</blockquote>" if event.text else ""
    if event.kind is EventKind.PHOTO_ADDED:  # its text is the caption
        head = ngettext(
            "📷 Заявка {number}: автор добавил {count} фото",
            "📷 Заявка {number}: автор добавил {count} фото",
            photos,
        ).format(number=request.number, count=photos)
        head += " " + _("(ответ на вопрос)") if answer else ""
        if event.text:  # the news is the photo's caption: the author's caption must fit in it
            room = CAPTION_LIMIT - telegram_length(head) - 1
            quote = f"<blockquote>{escape(fit(event.text, room))}</blockquote>"
        return "\n".join(part for part in (head, quote) if part)
    if event.kind is EventKind.ADDITION_WITHDRAWN:
        return withdrawn_news(request, event, quote)
    if is_reopen(event):
        head = _("🔄 Заявка {number}: автор открыл её повторно. Причина:")
    elif answer:
        head = _("💬 Заявка {number}: ответ автора на вопрос")
    else:
        head = _("💬 Заявка {number}: комментарий автора")
    return "\n".join(part for part in (head.format(number=request.number), quote) if part)


def withdrawn_news(request: Request, event: RequestEvent, quote: str) -> str:
    """The author took back what they had just added (handlers/resident_answers' undo)."""
    if event.text:
        head = _("↩️ Заявка {number}: автор отозвал свой комментарий")
    else:
        head = _("↩️ Заявка {number}: автор отозвал добавленное фото")
    head = head.format(number=request.number)
    if event.to_status is RequestStatus.NEED_INFO and event.from_status != event.to_status:
        head += " " + _("— вопрос снова ждёт ответа")
    return "\n".join(part for part in (head, quote) if part)


def passed_on_text(number: str) -> str:
    """A press on a card this chat's department passed on (handlers/staff/card_buttons)."""
    return _("Заявку {number} передали другому подразделению: её ведут в его чате.").format(
        number=number
    )


def already_taken(name: str | None) -> str:
    """A press on «Взять» of a card someone has taken meanwhile."""
    if name is None:
        return _("Эту заявку уже взял другой сотрудник.")
    return _("Эту заявку уже ведёт {name}.").format(name=name)


def prompt(action: StaffAction, number: str) -> str:
    """What the pressed button asks the staff member to type."""
    texts = {
        StaffAction.NEED_INFO: _("Что уточнить у автора заявки {number}? Напишите вопрос."),
        StaffAction.RESOLVE: _("Как решена заявка {number}? Напишите короткий ответ жителю."),
        StaffAction.REJECT: _("Почему отклонена заявка {number}? Напишите причину."),
        StaffAction.DUPLICATE: _("Дубликатом какой заявки является {number}? Напишите номер."),
        StaffAction.REPLY: _("Что ответить автору заявки {number}? Напишите ответ."),
    }
    return texts[action].format(number=number) + " " + _("(/cancel — отменить)")


def reply_prompt(audience: Audience, request: Request) -> str:
    if audience is not Audience.FOLLOWERS:
        return prompt(StaffAction.REPLY, request.number)
    if request.channel is RequestChannel.BOT:
        text = _("Автор заявки {number} удалил аккаунт; ответ получат её подписчики.")
    else:
        text = _("Автора заявки {number} нет в боте; ответ получат её подписчики.")
    tail = _("Напишите ответ.") + " " + _("(/cancel — отменить)")
    return text.format(number=request.number) + " " + tail


# Why nobody in Telegram reads a question or an answer, per channel. Short: these are also
# callback alerts (200 characters at most). Plain text: alerts take no HTML, and a caller's
# number is digits and '+' only (domain.services.phone_requests.caller_phone).


def nobody_to_tell(request: Request | None) -> str:
    if request is not None and request.channel is not RequestChannel.BOT:
        return _("Ответ не отправлен.") + " " + _no_author(request)
    return _("Ответ не отправлен: житель удалил аккаунт, и заявку никто не отслеживает.")


def nobody_to_ask(request: Request | None) -> str:
    if request is not None and request.channel is not RequestChannel.BOT:
        return _("Вопрос не отправлен.") + " " + _no_author(request)
    return _("Вопрос не отправлен: автор заявки удалил аккаунт, ответить на него некому.")


def _no_author(request: Request) -> str:
    """A request filed for someone outside the bot: whom staff reach instead."""
    if request.channel is RequestChannel.PHONE:
        if request.caller_phone:
            text = _("Заявку приняли по телефону: перезвоните заявителю, {phone}.")
            return text.format(phone=request.caller_phone)
        return _("Заявку приняли по телефону, номер заявителя не записан.")
    if request.channel is RequestChannel.OPEN311:
        return _("Заявка подана через Open311: приложение узнаёт только её статус.")
    return _("Заявку подала городская система: ответить в боте некому.")
