"""Screens of one site's dates: the calendar and one day's slots (shared by the handlers of
choosing, booking and waiting, which all come back to them)."""

from datetime import date, datetime

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from domain.booking.bookings import BookingPolicy, day_of
from domain.booking.performers import Performer
from domain.booking.sites import Site, Slot
from domain.clock import Clock
from domain.services.booking_views import calendar, free_slots
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


def in_range(day: date, now: datetime, policy: BookingPolicy) -> bool:
    today = day_of(now)
    return 0 <= (day - today).days <= policy.horizon_days


async def slots_of_day(
    uow: CityUnitOfWork, clock: Clock, policy: BookingPolicy, site: Site, day: date
) -> tuple[list[Slot], list[Slot]]:
    """The day's free slots, and the taken ones that could still be booked if freed."""
    now = clock.now()
    free = await free_slots(uow, clock, policy, site, day)
    starts = {slot.starts_at for slot in free}
    open_ = [s for s in site.slots_on(day) if s.starts_at - now >= policy.min_lead]
    return free, [slot for slot in open_ if slot.starts_at not in starts]


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
    waits = await uow.bookings.waits_of(performer.id, now)
    waited = {to_unix(at) for site_id, at in waits if site_id == site.id}
    today = day_of(now)
    page = (day.year - today.year) * 12 + day.month - today.month
    text = slot_texts.day_slots(site.name(locale), day, len(free), len(taken))
    return text, keyboards.day_slots(site, free, taken, waited, page)
