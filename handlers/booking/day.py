"""Screens of one site's dates: the calendar and one day's slots (shared by the handlers of
choosing, booking and waiting, which all come back to them)."""

from datetime import date

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from domain.booking.bookings import BookingPolicy, day_of
from domain.booking.performers import Performer
from domain.booking.sites import Site
from domain.clock import Clock
from domain.services.booking_views import calendar, slots_of_day, waited_starts
from domain.unit_of_work import CityUnitOfWork
from handlers.booking import keyboards, slot_texts, texts
from handlers.booking.calendar import calendar_keyboard, first_free_page
from handlers.booking.callbacks import to_unix


async def calendar_screen(
    uow: CityUnitOfWork, clock: Clock, policy: BookingPolicy, site: Site, locale: str, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    """`page` < 0: open on the first month with a free day."""
    assert site.id is not None
    counts = await calendar(uow, clock, policy, site)
    if page < 0:
        page = first_free_page(counts)
    text = slot_texts.calendar(site.name(locale), any(counts.values()), policy.horizon_days)
    markup = calendar_keyboard(
        site.id, counts, page, texts.weekdays(), texts.months(), _("⬅️ К площадке")
    )
    return text, markup


async def day_screen(
    uow: CityUnitOfWork,
    clock: Clock,
    policy: BookingPolicy,
    site: Site,
    day: date,
    performer: Performer,
    locale: str,
) -> tuple[str, InlineKeyboardMarkup]:
    assert performer.id is not None
    now = clock.now()
    free, taken = await slots_of_day(uow, clock, policy, site, day)
    assert site.id is not None
    waited = {to_unix(at) for at in await waited_starts(uow, performer.id, site.id, now)}
    today = day_of(now)
    page = (day.year - today.year) * 12 + day.month - today.month
    text = slot_texts.day_slots(site.name(locale), day, len(free), len(taken))
    return text, keyboards.day_slots(site, free, taken, waited, page)
