"""Performers check in at the site with their live location, with a clock the test moves:
outside the radius they hear the distance, inside they are present and shown on "who performs
today"; a performer who never checks in is a no-show, recorded by the job, the slot offered to
the waiting list, and staff can take it back from the day's list."""

from datetime import datetime

import pytest

from domain.booking.bookings import BookingStatus
from domain.clock import CITY_TZ
from domain.services.booking import book, join_waitlist
from sandbox.driver import Person
from sandbox.people import add_person
from sandbox.server import BotApiStandIn
from scheduler.jobs import record_no_shows
from storage.uow import SqlUnitOfWork
from tests.e2e.harness import START, RunningBot, outbox_idle
from tests.e2e.test_alert_delivery import MovableClock
from tests.e2e.test_booking_journey import bookings_of, make_performer, seed_sites
from tests.e2e.test_staff_journey import staff_room

AT_THE_CLOCK = (55.7887, 49.1221)  # test_bauman's point
ACROSS_THE_STREET = (55.7889, 49.1225)  # ~30 m
KREMLIN = (55.7990, 49.1060)  # ~1.5 km


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(START)  # Monday 30 November, 10:00 in Kazan


def today(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 30, hour, minute, tzinfo=CITY_TZ)


async def booked(bot: RunningBot, person: Person, site_id: int, hour: int, minute: int) -> None:
    assert bot.app is not None

    async with SqlUnitOfWork(bot.app.session_factory, bot.clock) as uow:
        await book(
            uow,
            bot.clock,
            bot.settings.booking_policy(),
            user_id=person.id,
            site_id=site_id,
            starts_at=today(hour, minute),
        )
        await uow.commit()


async def my_bookings(person: Person) -> None:
    await person.send("/art")
    await person.press("Мои брони")


async def test_live_location_outside_then_inside_the_radius(
    anna: Person, bot: RunningBot, clock: MovableClock
) -> None:
    sites = await seed_sites(bot)
    await make_performer(bot, anna, "Анна и гитара")
    await booked(bot, anna, sites["test_bauman"], 13, 15)
    await my_bookings(anna)
    assert not [b for row in anna.last_reply().buttons for b in row if "Отметиться" in b]

    clock.move_to(today(13, 5))  # ten minutes before the slot: check-in is open
    await my_bookings(anna)
    await anna.press("📍 Отметиться на месте: Пн 30.11 13:15")
    assert "в 150 м от площадки" in anna.last_reply().text
    live = await anna.share_live_location(*KREMLIN)
    far = anna.last_reply().text
    assert "До площадки 1,6 км" in far or "До площадки 1,5 км" in far, far
    await anna.move_live_location(live, *ACROSS_THE_STREET)  # walking up to the clock
    present = await anna.wait_for_reply(lambda m: "Вы на месте" in (m.text or ""))
    assert "Баумана, у часов" in (present.text or "")
    (booking,) = await bookings_of(bot, anna)
    assert booking.checked_in_at is not None

    await anna.send("/today")
    await anna.press("🏙 Весь город")
    listing = anna.last_reply().text
    assert "Анна и гитара" in listing and "📍 на месте" in listing, listing


async def test_no_check_in_is_a_no_show_and_staff_take_it_back(
    boris: Person, stand_in: BotApiStandIn, bot: RunningBot, clock: MovableClock
) -> None:
    boss, clerk, staff = staff_room(stand_in)
    sites = await seed_sites(bot)
    vera = add_person(stand_in.world, first_name="Вера", language_code="ru")
    await make_performer(bot, boris, "Борис-жонглёр")
    await make_performer(bot, vera, "Вера поёт")
    await booked(bot, boris, sites["test_bauman"], 15, 30)
    assert bot.app is not None
    async with SqlUnitOfWork(bot.app.session_factory, clock) as uow:
        await join_waitlist(uow, clock, vera.id, sites["test_bauman"], today(15, 30))
        await uow.commit()
    policy = bot.settings.booking_policy()

    clock.move_to(today(15, 44))
    assert await record_no_shows(bot.app.session_factory, clock, policy, None) == 0
    clock.move_to(today(15, 46))  # 15 minutes after the start, nobody checked in
    assert await record_no_shows(bot.app.session_factory, clock, policy, None) == 1
    assert await record_no_shows(bot.app.session_factory, clock, policy, None) == 0
    await outbox_idle(bot)
    told = await boris.wait_for_reply(lambda m: "не отметились на месте" in (m.text or ""))
    assert "Баумана, у часов" in (told.text or "")
    await vera.wait_for_reply(lambda m: "Освободился слот" in (m.text or ""))

    await boss.send("/bookings", chat=staff)
    day_list = staff.last_reply()
    assert "🚫 неявка" in (day_list.text or "")
    await clerk.press_in(day_list, "↩️ Снять неявку: 15:30 Борис-жонглёр")  # not staff
    assert "для сотрудников" in clerk.last_alert().text
    await boss.press_in(day_list, "↩️ Снять неявку: 15:30 Борис-жонглёр")
    assert "Неявка снята" in boss.last_alert().text
    # Vera was offered the slot meanwhile: the no-show is cleared, the slot stays offered to her.
    assert "неявка" not in (staff.last_reply().text or "")
    assert [b.status for b in await bookings_of(bot, vera)] == [BookingStatus.OFFERED]
    async with SqlUnitOfWork(bot.app.session_factory, clock) as uow:
        performer = await uow.performers.by_user(boris.id)
        assert performer is not None and performer.id is not None
        assert await uow.bookings.count_no_shows(performer.id, START) == 0


async def test_a_live_location_shared_straight_away_checks_in(
    anna: Person, bot: RunningBot, clock: MovableClock
) -> None:
    sites = await seed_sites(bot)
    await make_performer(bot, anna, "Анна и гитара")
    await booked(bot, anna, sites["test_bauman"], 13, 15)
    await anna.share_live_location(*ACROSS_THE_STREET)  # too early: nothing to check in to
    assert "Вы на месте" not in (anna.last_reply().text or "")
    clock.move_to(today(13, 10))
    await anna.share_live_location(*ACROSS_THE_STREET)
    assert "✅ Вы на месте" in anna.last_reply().text
    (booking,) = await bookings_of(bot, anna)
    assert booking.checked_in_at is not None
