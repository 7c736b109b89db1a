"""What performers and residents look at: free slots, the calendar, today's performances,
and the reminders a booking earns (a job)."""

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from domain.booking.bookings import Booking, BookingPolicy, BookingStatus, day_of
from domain.booking.notices import BookingNews, to_performer
from domain.booking.performers import Performer, misfit
from domain.booking.ports import BookingUnitOfWork
from domain.booking.sites import Site, Slot
from domain.clock import CITY_TZ, Clock

DAY_BEFORE_AT = 18  # the day-before reminder goes at 18:00 city time
NEAR_RADIUS_M = 3000.0  # "performing near me": sites within 3 km


async def free_slots(
    uow: BookingUnitOfWork, clock: Clock, policy: BookingPolicy, site: Site, day: date
) -> list[Slot]:
    """The day's slots nobody holds that can still be booked."""
    return (await _free_by_day(uow, clock, policy, site, [day]))[day]


async def slots_of_day(
    uow: BookingUnitOfWork, clock: Clock, policy: BookingPolicy, site: Site, day: date
) -> tuple[list[Slot], list[Slot]]:
    """The day's free slots, and the taken ones that could still be booked if freed."""
    free = await free_slots(uow, clock, policy, site, day)
    starts = {slot.starts_at for slot in free}
    bookable = open_slots(site, day, clock.now(), policy)
    return free, [slot for slot in bookable if slot.starts_at not in starts]


def open_slots(site: Site, day: date, now: datetime, policy: BookingPolicy) -> list[Slot]:
    """The day's slots far enough ahead to be booked, taken or not."""
    return [s for s in site.slots_on(day) if s.starts_at - now >= policy.min_lead]


async def calendar(
    uow: BookingUnitOfWork, clock: Clock, policy: BookingPolicy, site: Site
) -> dict[date, int]:
    """Free slots per day, from today to the horizon (0: nothing left that day)."""
    today = day_of(clock.now())
    days = [today + timedelta(days=n) for n in range(policy.horizon_days + 1)]
    free = await _free_by_day(uow, clock, policy, site, days)
    return {day: len(slots) for day, slots in free.items()}


async def _free_by_day(
    uow: BookingUnitOfWork, clock: Clock, policy: BookingPolicy, site: Site, days: list[date]
) -> dict[date, list[Slot]]:
    """One query for the taken slots of all the days (a calendar is 31 of them)."""
    assert site.id is not None
    now = clock.now()
    slots = {day: open_slots(site, day, now, policy) for day in days}
    every = [slot for day_slots in slots.values() for slot in day_slots]
    if not every:
        return slots
    since = min(s.starts_at for s in every)
    until = max(s.ends_at for s in every)
    taken = await uow.bookings.taken_starts(site.id, since, until)
    return {
        day: [s for s in day_slots if s.starts_at not in taken] for day, day_slots in slots.items()
    }


async def fitting_sites(uow: BookingUnitOfWork, performer: Performer) -> tuple[list[Site], int]:
    """Active sites the act fits, and how many others were left out."""
    active = await uow.sites.all()
    fit = [site for site in active if misfit(performer, site) is None]
    return fit, len(active) - len(fit)


async def sites_by_id(uow: BookingUnitOfWork) -> dict[int, Site]:
    """Every site, inactive ones too: an old booking still names its place."""
    return {site.id: site for site in await uow.sites.all(active_only=False) if site.id}


async def waited_starts(
    uow: BookingUnitOfWork, performer_id: int, site_id: int, now: datetime
) -> set[datetime]:
    """When the performer waits for a slot of this site to be freed."""
    return {
        at for waited, at in await uow.bookings.waits_of(performer_id, now) if waited == site_id
    }


@dataclass(frozen=True, slots=True)
class MyBookings:
    """A performer's bookings as "my bookings" shows them."""

    upcoming: list[Booking]
    past: list[Booking]  # the newest first
    called_off: list[Booking]  # ended before their slot did (cancelled ahead): not "past"
    waits: list[tuple[int, datetime, datetime]]  # (site id, start, end) of each slot waited for
    sites: dict[int, Site]  # every site they name, inactive ones too


async def my_bookings(
    uow: BookingUnitOfWork, performer_id: int, now: datetime, past_shown: int
) -> MyBookings:
    upcoming = await uow.bookings.of_performer(performer_id, now, upcoming=True)
    earlier = await uow.bookings.of_performer(performer_id, now, upcoming=False, limit=past_shown)
    sites = await sites_by_id(uow)
    waits = []
    for site_id, starts_at in await uow.bookings.waits_of(performer_id, now):
        if (site := sites.get(site_id)) is not None:
            waits.append((site_id, starts_at, starts_at + timedelta(minutes=site.slot_minutes)))
    return MyBookings(
        upcoming,
        past=[b for b in earlier if b.ends_at <= now],
        called_off=[b for b in earlier if b.ends_at > now],
        waits=waits,
        sites=sites,
    )


@dataclass(frozen=True, slots=True)
class Performance:
    slot: Slot
    site: Site
    performer: Performer
    present: bool = False  # checked in at the site (domain/booking/check_in.py)


async def performing_today(
    uow: BookingUnitOfWork, clock: Clock, district: str | None = None
) -> list[Performance]:
    """Today's confirmed performances that have not ended, soonest first."""
    now = clock.now()
    local = now.astimezone(CITY_TZ)
    midnight = datetime.combine(local.date(), datetime.min.time(), tzinfo=CITY_TZ)
    sites = {s.id: s for s in await uow.sites.all() if district is None or s.district == district}
    if not sites:
        return []  # no site ids would read as "every site" below
    bookings = await uow.bookings.between(
        midnight, midnight + timedelta(days=1), site_ids=[i for i in sites if i is not None]
    )
    shows = []
    for booking in bookings:
        performer = await uow.performers.get(booking.performer_id)
        if booking.ends_at > now and performer is not None:
            present = booking.checked_in_at is not None
            shows.append(Performance(booking.slot, sites[booking.site_id], performer, present))
    return shows


def nearby(
    shows: list[Performance], lat: float, lon: float, radius_m: float = NEAR_RADIUS_M
) -> list[tuple[Performance, float]]:
    """Shows at sites within `radius_m` of the point, nearest sites first, then by time."""
    near = []
    for show in shows:
        distance = show.site.distance_m(lat, lon)
        if distance is not None and distance <= radius_m:
            near.append((show, distance))
    return sorted(near, key=lambda pair: (round(pair[1]), pair[0].slot.starts_at))


async def send_booking_reminders(uow: BookingUnitOfWork, clock: Clock) -> int:
    """18:00 the day before and an hour before, for confirmed bookings (a job)."""
    now = clock.now()
    sent = 0
    for booking in await uow.bookings.between(now, now + timedelta(days=2)):
        evening = datetime.combine(
            day_of(booking.starts_at) - timedelta(days=1),
            datetime.min.time().replace(hour=DAY_BEFORE_AT),
            tzinfo=CITY_TZ,
        )
        hour = booking.starts_at - timedelta(hours=1)
        news: BookingNews | None = None
        if not booking.reminded_hour and now >= hour:
            news = BookingNews.REMINDER_HOUR
        elif not booking.reminded_day and now >= evening and booking.created_at < evening:
            news = BookingNews.REMINDER_DAY
        if news is None or booking.status is not BookingStatus.CONFIRMED:
            continue
        updated = replace(
            booking, reminded_day=True, reminded_hour=news is BookingNews.REMINDER_HOUR
        )
        await uow.bookings.save(updated)
        performer = await uow.performers.get(booking.performer_id)
        if performer is not None and booking.id is not None:
            await uow.outbox.add(to_performer(performer.user_id, booking.id, news, now))
            sent += 1
    return sent
