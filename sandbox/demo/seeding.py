"""Demo data for the sandbox: a city that is already alive when the page first opens.

Everything goes through the domain's use cases (as a resident, staff or a source would), so
the demo shows what the bot really does with such data: staff cards, notices, alerts. It is
seeded once, in one transaction, into the sandbox's own database; every text a visitor reads
is marked "[демо]". Request histories are back-dated (a clock per step) so that they read like
a few days of work; outages, events and bookings are placed relative to now.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from domain.address.matcher import AddressCandidate, AddressMatcher
from domain.booking.bookings import BookingPolicy
from domain.booking.performers import Genre, Performer
from domain.booking.sites import Equipment, Site, Slot, Sound
from domain.clock import CITY_TZ, Clock, FixedClock, SystemClock
from domain.requests import Actor, Place, RequestStatus
from domain.services import (
    booking,
    follow_up,
    notify,
    performers,
    photo_publishing,
    reports,
    staff_actions,
    users,
)
from sandbox.cast import CAST, STAFF_CHAT_ID
from sandbox.demo.alerts import follow_alerts, publish_events, publish_outages
from sandbox.demo.stories import ARTYOM, ILDAR, MARK, SEEDED_MARKER, STORIES, TIMUR, Story
from storage.engine import create_engine, create_session_factory
from storage.uow import SqlUnitOfWork


@dataclass(frozen=True, slots=True)
class DemoSummary:
    requests: int
    performers: int
    bookings: int
    outages: int
    events: int
    subscriptions: int


async def seed_demo(
    database_url: str, policy: BookingPolicy, default_locale: str, clock: Clock | None = None
) -> DemoSummary | None:
    """Seed the database once; None when it already holds the demo."""
    clock = clock or SystemClock()
    engine = create_engine(database_url)
    try:
        factory = create_session_factory(engine)
        async with SqlUnitOfWork(factory, clock, STAFF_CHAT_ID) as uow:
            summary = await seed_demo_data(uow, clock, policy, default_locale)
            if summary is not None:
                await uow.commit()
    finally:
        await engine.dispose()
    return summary


async def seed_demo_data(
    uow: SqlUnitOfWork,
    clock: Clock,
    policy: BookingPolicy,
    default_locale: str = "ru",
) -> DemoSummary | None:
    """The whole demo in the caller's unit of work (the caller commits); staff cards go to
    its staff chat."""
    if await uow.users.get(SEEDED_MARKER) is not None:
        return None
    now = clock.now()
    for member in CAST:
        await users.ensure_user(
            uow,
            clock,
            member.user_id,
            member.first_name,
            None,
            member.language_code,
            default_locale,
        )
    matcher = AddressMatcher(await uow.streets.all())
    for story in STORIES:
        await _tell(uow, now, story, _place(matcher, story.address))
    acts = await _performers(uow, clock)
    held = await _bookings(uow, clock, policy)
    follows = await follow_alerts(uow, clock, _best(matcher, "Баумана 15"))
    published = await publish_outages(uow, clock, _best(matcher, "Баумана 15"))
    events = await publish_events(uow, clock)
    return DemoSummary(len(STORIES), acts, held, published, events, follows)


class _WithoutStaffChat:
    """The seeding's unit of work with no staff chat: steps taken through it draw no cards."""

    staff_chat_id = None

    def __init__(self, uow: SqlUnitOfWork) -> None:
        self._uow = uow

    def __getattr__(self, name: str) -> Any:
        return getattr(self._uow, name)


async def _tell(uow: SqlUnitOfWork, now: datetime, story: Story, place: Place) -> None:
    """A request's life, each step at its own moment in the past. The staff chat gets one
    card per request showing where it stands now, not a card edited through its whole past:
    the group's pace (20 messages a minute) would hold a visitor's new card behind them."""
    photos = (story.photo,) if story.photo else ()
    draft = reports.ReportDraft(story.category, place, f"{MARK} {story.description}", photos)
    past = _WithoutStaffChat(uow)
    request = await reports.submit_request(past, _ago(now, story.hours_ago), story.author, draft)
    assert request.id is not None
    for hours_ago, status, text in story.steps:
        at = _ago(now, hours_ago)
        if status is RequestStatus.IN_PROGRESS:
            await staff_actions.take(past, at, ILDAR, request.id)
        else:
            await staff_actions.change_status(
                past,
                at,
                request.id,
                status,
                actor=Actor.STAFF,
                actor_id=ILDAR,
                text=text,
            )
    if story.photo:
        last = _ago(now, story.steps[-1][0] if story.steps else story.hours_ago)
        await photo_publishing.mark_photo(past, last, request.id, 1, public=True)
    if story.rating is not None:
        last = _ago(now, story.steps[-1][0] - 1)
        await follow_up.rate(past, last, story.author, request.id, story.rating)
    latest = (await uow.requests.history(request.id))[-1]
    assert latest.id is not None
    await notify.refresh_staff_card(uow, request.id, latest.id, now)


async def _performers(uow: SqlUnitOfWork, clock: Clock) -> int:
    """Артём approved (he books below); Тимур's duo still waits for staff's look."""
    now = clock.now()
    artyom = await performers.submit_profile(
        uow,
        clock,
        Performer(
            ARTYOM,
            "Артём и гитара",
            Genre.MUSIC,
            1,
            Sound.ACOUSTIC,
            now,
            now,
            equipment=frozenset({Equipment.STAND}),
            description=f"{MARK} Акустика: песни казанских групп и татарская эстрада.",
        ),
    )
    assert artyom.id is not None
    # Approved in the past, like the stories' steps: the card staff get is drawn when sent.
    await performers.decide_performer(_WithoutStaffChat(uow), clock, artyom.id, approve=True)
    await performers.submit_profile(
        uow,
        clock,
        Performer(
            TIMUR,
            "Дуэт «Ирек»",
            Genre.DANCE,
            2,
            Sound.UP_TO_60_DB,
            now,
            now,
            description=f"{MARK} Современный татарский танец под музыку с колонки.",
        ),
    )
    return 2


async def _bookings(uow: SqlUnitOfWork, clock: Clock, policy: BookingPolicy) -> int:
    """The next free slot on Петербургская (confirmed at once) and the next evening on
    Баумана (staff approve it, so the staff chat has a booking card to decide)."""
    sites = {site.code: site for site in await uow.sites.all()}
    now = clock.now()
    soon = _first_slot(sites["peterburgskaya"], now + policy.min_lead + timedelta(minutes=30))
    evening = _evening_slot(sites["bauman"], soon.local_day() + timedelta(days=1))
    for slot in (soon, evening):
        await booking.book(
            uow,
            clock,
            policy,
            user_id=ARTYOM,
            site_id=slot.site_id,
            starts_at=slot.starts_at,
        )
    return 2


def _first_slot(site: Site, after: datetime) -> Slot:
    day = after.astimezone(CITY_TZ).date()
    for offset in range(7):
        for slot in site.slots_on(day + timedelta(days=offset)):
            if slot.starts_at >= after:
                return slot
    raise LookupError(f"site {site.code} has no slot within a week")  # the data changed


def _evening_slot(site: Site, day: date) -> Slot:
    """The last slot of the first open day from `day`: evenings are what performers want."""
    for offset in range(7):
        slots = site.slots_on(day + timedelta(days=offset))
        if slots:
            return slots[-1]
    raise LookupError(f"site {site.code} is closed all week")


def _place(matcher: AddressMatcher, address: str) -> Place:
    candidate = _best(matcher, address)
    return Place(candidate.label(), candidate.district, candidate.street.id, candidate.house)


def _best(matcher: AddressMatcher, address: str) -> AddressCandidate:
    best = matcher.match(address).best
    if best is None:  # the street register changed under the demo: say which address
        raise LookupError(f"the demo address {address!r} is not in the street register")
    return best


def _ago(now: datetime, hours: float) -> FixedClock:
    return FixedClock(now - timedelta(hours=hours))
