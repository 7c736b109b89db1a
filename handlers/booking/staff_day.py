"""Staff's /bookings [today|tomorrow|YYYY-MM-DD]: the day's bookings at every site, with a
"🚫 Неявка" button for each confirmed one whose slot has begun (a no-show cannot be seen
earlier; mark_no_show refuses it too)."""

from datetime import date, datetime, timedelta
from html import escape

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _

from domain.booking.bookings import BookingPolicy, BookingStatus, day_of
from domain.clock import Clock
from domain.errors import DomainError
from domain.services.booking_check_in import undo_no_show
from domain.services.booking_staff import bookings_of_day, mark_no_show, may_mark_no_show
from domain.unit_of_work import CityUnitOfWork
from handlers.booking import staff_texts as texts
from handlers.booking import texts as booking_texts
from handlers.booking.callbacks import NoShowCb, NoShowUndoCb
from handlers.booking.staff_keyboards import no_show_keyboard
from handlers.common import shorten
from handlers.replies import alert, redraw, toast
from handlers.staff.filters import IsStaff
from handlers.transaction import commit_before_telling

# What staff may type after /bookings, in each of the staff chat's languages.
DAY_WORDS = {
    **dict.fromkeys(("", "today", "сегодня", "бүген", "буген"), 0),
    **dict.fromkeys(("tomorrow", "завтра", "иртәгә", "иртэгэ"), 1),
}
LISTED = (BookingStatus.PENDING, BookingStatus.CONFIRMED, BookingStatus.NO_SHOW)
BUTTON_NAME = 24  # characters of the stage name on a button


def parse_day(arg: str, today: date) -> date | None:
    word = arg.strip().lower()
    if word in DAY_WORDS:
        return today + timedelta(days=DAY_WORDS[word])
    try:
        return date.fromisoformat(word)
    except ValueError:
        return None


async def day_list(
    uow: CityUnitOfWork, day: date, now: datetime
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The day's list and its no-show buttons, in the staff chat's language."""
    locale = get_i18n().current_locale
    listed = await bookings_of_day(uow, day, LISTED)
    if not listed:
        return _("На {date} броней нет.").format(date=f"{day:%d.%m.%Y}"), None
    lines = [_("<b>Брони на {date}</b>").format(date=f"{day:%d.%m.%Y}")]
    buttons: list[tuple[int, str]] = []
    undo: list[tuple[int, str]] = []
    for row in listed:
        booking, site, performer = row.booking, row.site, row.performer
        name = performer.stage_name if performer is not None else "—"
        start = booking_texts.time_in_city(booking.starts_at)
        line = _("{start}–{end} · {site} · <b>{name}</b> — {status}").format(
            start=start,
            end=booking_texts.time_in_city(booking.ends_at),
            site=escape(site.name(locale) if site is not None else "—"),
            name=escape(name),
            status=texts.status_label(booking),
        )
        lines.append(line)
        label = f"{start} {shorten(name, BUTTON_NAME)}"
        if may_mark_no_show(booking, now) and booking.id is not None:
            buttons.append((booking.id, label))
        if booking.status is BookingStatus.NO_SHOW and booking.id is not None:
            undo.append((booking.id, label))
    return "\n".join(lines), no_show_keyboard(buttons, undo)


async def bookings_command(
    message: Message, command: CommandObject, uow: CityUnitOfWork, clock: Clock
) -> None:
    now = clock.now()
    day = parse_day(command.args or "", day_of(now))
    if day is None:
        await message.reply(
            _("Какой день? Например: /bookings, /bookings tomorrow, /bookings 2026-12-05")
        )
        return
    text, markup = await day_list(uow, day, now)
    await message.answer(text, reply_markup=markup)


async def no_show(
    query: CallbackQuery,
    callback_data: NoShowCb,
    uow: CityUnitOfWork,
    clock: Clock,
    booking_policy: BookingPolicy,
    callback_answer: CallbackAnswer,
) -> None:
    booking_id = callback_data.booking_id
    try:
        missed = await mark_no_show(uow, clock, booking_policy, booking_id)
    except DomainError:
        alert(
            callback_answer,
            _("Неявку можно отметить только у подтверждённой брони, когда слот начался."),
        )
        return
    await commit_before_telling(uow)
    toast(callback_answer, _("Неявка отмечена: исполнитель получит уведомление."))
    text, markup = await day_list(uow, day_of(missed.starts_at), clock.now())
    await redraw(query, text, markup)


async def undo(
    query: CallbackQuery,
    callback_data: NoShowUndoCb,
    uow: CityUnitOfWork,
    clock: Clock,
    booking_policy: BookingPolicy,
    callback_answer: CallbackAnswer,
) -> None:
    try:
        restored = await undo_no_show(uow, clock, booking_policy, callback_data.booking_id)
    except DomainError:
        alert(callback_answer, _("Эта бронь уже не отмечена как неявка."))
        return
    await commit_before_telling(uow)
    if restored.status is BookingStatus.CONFIRMED:
        toast(callback_answer, _("Неявка снята: бронь снова в силе, исполнитель на месте."))
    else:
        toast(callback_answer, _("Неявка снята и не считается; слот уже передан другому."))
    text, markup = await day_list(uow, day_of(restored.starts_at), clock.now())
    await redraw(query, text, markup)


def register(router: Router) -> None:
    router.message.register(bookings_command, Command("bookings"), IsStaff())
    router.callback_query.register(no_show, NoShowCb.filter())
    router.callback_query.register(undo, NoShowUndoCb.filter())
