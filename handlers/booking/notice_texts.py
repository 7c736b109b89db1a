"""What the performer is told about their booking, in their language (handlers/booking/
notices.py sends it). Every name a person typed is escaped here, once."""

from html import escape

from aiogram.utils.i18n import gettext as _

from domain.booking.bookings import Booking
from domain.booking.notices import BookingNews
from domain.booking.performers import Performer
from domain.booking.sites import Site
from handlers.booking.texts import slot_when, time_in_city, where_lines
from handlers.common import day


def performer_notice(
    news: BookingNews, booking: Booking, site: Site, performer: Performer, locale: str
) -> str:
    """The performer's message about `news`; the place and map where they help to get there."""
    values = {"site": escape(site.name(locale)), "when": slot_when(booking)}
    if news is BookingNews.DECLINED:
        values["reason"] = escape(booking.reason or "—")
    if news is BookingNews.OFFERED and booking.offer_expires_at is not None:
        values["deadline"] = time_in_city(booking.offer_expires_at)
    if news in (BookingNews.REMINDER_DAY, BookingNews.REMINDER_HOUR):
        values["time"] = time_in_city(booking.starts_at)
    if news is BookingNews.SUSPENDED and performer.suspended_until is not None:
        values["until"] = day(performer.suspended_until)
    lines = [_headline(news).format(**values)]
    if news in _WITH_PLACE:
        lines += where_lines(site)
    return "\n".join(lines)


_WITH_PLACE = frozenset(
    {
        BookingNews.CONFIRMED,
        BookingNews.APPROVED,
        BookingNews.OFFERED,
        BookingNews.REMINDER_DAY,
        BookingNews.REMINDER_HOUR,
    }
)


def _headline(news: BookingNews) -> str:
    texts = {
        BookingNews.CONFIRMED: _("✅ Бронь подтверждена: <b>{site}</b>, {when}"),
        BookingNews.PENDING: _(
            "⏳ Бронь отправлена на проверку: <b>{site}</b>, {when}. "
            "Сообщим, как только сотрудники решат."
        ),
        BookingNews.APPROVED: _("✅ Сотрудники подтвердили бронь: <b>{site}</b>, {when}"),
        BookingNews.DECLINED: _("❌ Бронь отклонена: <b>{site}</b>, {when}.\nПричина: {reason}"),
        BookingNews.CANCELLED: _("↩️ Бронь отменена: <b>{site}</b>, {when}. Слот свободен."),
        BookingNews.OFFERED: _(
            "🎉 Освободился слот: <b>{site}</b>, {when}. Он ваш, если подтвердите до {deadline}."
        ),
        BookingNews.OFFER_LAPSED: _(
            "⌛ Время на подтверждение вышло: слот <b>{site}</b>, {when} "
            "предложен следующему в очереди."
        ),
        BookingNews.REMINDER_DAY: _("🔔 Завтра в {time} выступление: <b>{site}</b>, {when}"),
        BookingNews.REMINDER_HOUR: _("🔔 Через час, в {time}, выступление: <b>{site}</b>"),
        BookingNews.NO_SHOW: _(
            "🚫 Сотрудники отметили неявку: <b>{site}</b>, {when}. Если не получается прийти, "
            "отменяйте бронь заранее: повторные неявки приостанавливают бронирование."
        ),
        BookingNews.SUSPENDED: _(
            "⛔ Бронирование приостановлено до {until} из-за повторных неявок."
        ),
        BookingNews.MISSED_CHECK_IN: _(
            "🚫 Вы не отметились на месте: <b>{site}</b>, {when}. Записана неявка, слот "
            "предложен следующему в очереди. Если вы были там, напишите сотрудникам: они "
            "снимут отметку."
        ),
        BookingNews.NO_SHOW_UNDONE: _(
            "↩️ Сотрудники сняли отметку о неявке: <b>{site}</b>, {when}. Бронь в силе."
        ),
    }
    return texts[news]


def offer_buttons() -> tuple[str, str]:
    return _("✅ Беру слот"), _("Не смогу")
