"""Art-prospect as performers and staff live it: the staff card and its decisions, the waiting
list taking over a freed slot, reminders, no-shows, and "who is performing today".

Sites and approved performers are seeded through the domain services on the bot's own
database (their screens are tested elsewhere); bookings are made through the use case the
booking screens call; everything said is read from the stand-in, as people would read it.
"""

from datetime import datetime, time, timedelta

import pytest

from domain.booking.bookings import (
    Booking,
    BookingPolicy,
    BookingRefused,
    BookingStatus,
    Refusal,
)
from domain.booking.performers import Genre, Performer
from domain.booking.sites import Site, Sound
from domain.services import booking, performers
from domain.users import User
from handlers.booking.callbacks import BookingDecision, StaffBookingCb
from sandbox.driver import Group, Person
from sandbox.people import add_person
from sandbox.reading import wait_acknowledged
from sandbox.server import BotApiStandIn
from sandbox.views import SentMessage
from scheduler.jobs import expire_booking_offers, remind_bookings
from storage.uow import SqlUnitOfWork
from tests.e2e.harness import STAFF_CHAT_ID, RunningBot, outbox_idle
from tests.e2e.test_alert_delivery import MovableClock, kazan
from tests.e2e.test_staff_journey import staff_room
from tests.e2e.waiting import eventually

POLICY = BookingPolicy()  # the settings' defaults: 30 minutes to take an offer, 2 no-shows
CENTRE = (55.7887, 49.1221)  # Bauman Street
FAR_NORTH = (55.8330, 49.1330)  # Novo-Savinovsky, about 5 km from the centre


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(kazan(11, 30, 10))


def site(code: str, name: str, district: str, point: tuple[float, float], auto: bool) -> Site:
    """Open every day 10:00–22:00 in one-hour slots."""
    return Site(
        code=code,
        name_ru=name,
        place=f"{name}, у фонтана",
        open_days=frozenset(range(7)),
        open_from=time(10),
        open_to=time(22),
        sound=Sound.UP_TO_90_DB,
        max_group=10,
        district=district,
        lat=point[0],
        lon=point[1],
        slot_minutes=60,
        buffer_minutes=0,
        auto_approve=auto,
    )


class ArtProspect:
    """The test's hand on the bot's database: sites, performers, bookings."""

    def __init__(self, stand_in: BotApiStandIn, bot: RunningBot, clock: MovableClock) -> None:
        assert bot.app is not None
        self.stand_in = stand_in
        self.bot = bot
        self.app = bot.app
        self.clock = clock
        self.sites: dict[str, int] = {}

    def uow(self, staff_chat_id: int | None = None) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.app.session_factory, self.clock, staff_chat_id)

    async def open_sites(self) -> None:
        async with self.uow() as uow:
            for code, name, district, point, auto in (
                ("bauman", "Улица Баумана", "Вахитовский", CENTRE, False),
                ("kremlin", "Кремлёвская набережная", "Вахитовский", (55.7980, 49.1060), True),
                ("savino", "Парк Победы", "Ново-Савиновский", FAR_NORTH, True),
            ):
                # Codes of our own: the template database holds the city's seeded sites.
                made = site(f"e2e-{code}", name, district, point, auto)
                added = await uow.sites.add(made, self.clock.now())
                assert added.id is not None
                self.sites[code] = added.id
            await uow.commit()

    async def performer(self, name: str, stage_name: str) -> Person:
        """A person whose act staff have approved."""
        person = add_person(self.stand_in.world, first_name=name, language_code="ru")
        now = self.clock.now()
        async with self.uow() as uow:
            await uow.users.add(User(person.id, name, "ru", now))
            profile = Performer(person.id, stage_name, Genre.MUSIC, 2, Sound.ACOUSTIC, now, now)
            submitted = await performers.submit_profile(uow, self.clock, profile)
            assert submitted.id is not None
            await performers.decide_performer(uow, self.clock, submitted.id, True)
            await uow.commit()
        return person

    async def book(self, person: Person, code: str, at: datetime) -> Booking:
        async with self.uow(STAFF_CHAT_ID) as uow:
            made = await booking.book(
                uow,
                self.clock,
                POLICY,
                user_id=person.id,
                site_id=self.sites[code],
                starts_at=at,
            )
            await uow.commit()
        self.app.outbox_wake.set()
        return made

    async def wait(self, person: Person, code: str, at: datetime) -> None:
        async with self.uow() as uow:
            assert await booking.join_waitlist(uow, self.clock, person.id, self.sites[code], at)
            await uow.commit()

    async def cancel(self, person: Person, booking_id: int) -> None:
        async with self.uow(STAFF_CHAT_ID) as uow:
            await booking.cancel(uow, self.clock, POLICY, person.id, booking_id)
            await uow.commit()
        self.app.outbox_wake.set()

    async def run(self, job: str) -> None:
        """A scheduler job, run as the scheduler would at the clock's moment."""
        if job == "remind_bookings":
            await remind_bookings(self.app.session_factory, self.clock)
        else:
            await expire_booking_offers(
                self.app.session_factory, self.clock, POLICY, STAFF_CHAT_ID
            )
        self.app.outbox_wake.set()


@pytest.fixture
def art(stand_in: BotApiStandIn, bot: RunningBot, clock: MovableClock) -> ArtProspect:
    return ArtProspect(stand_in, bot, clock)


async def told(person: Person, fragment: str) -> SentMessage:
    return await person.wait_for_reply(lambda m: fragment in (m.text or ""))


async def booking_card(staff: Group, stage_name: str, showing: str = "") -> SentMessage:
    """The one card of the act's booking, once it shows `showing` (group edits are paced)."""

    def the_one() -> SentMessage:
        cards = [
            m
            for m in staff.messages()
            if m.from_bot and "Бронь площадки" in (m.text or "") and stage_name in (m.text or "")
        ]
        assert len(cards) == 1 and showing in (cards[0].text or ""), (
            f"no single card of {stage_name} showing {showing!r}: {cards}"
        )
        return cards[0]

    return await eventually(the_one)


async def replay(stand_in: BotApiStandIn, person: Person, message: SentMessage, data: str) -> None:
    """A press of a button the message no longer shows (pressed before the edit arrived)."""
    record = stand_in.world.new_callback(person.account, message.chat, message.message_id, data)
    query = {
        "id": record.id,
        "from": person.account.as_user(),
        "message": message.raw,
        "chat_instance": "1",
        "data": data,
    }
    await wait_acknowledged([stand_in.world.push_update("callback_query", query)], "replay", 5)


async def test_staff_approve_one_booking_and_decline_another_with_a_reason(
    art: ArtProspect, stand_in: BotApiStandIn
) -> None:
    boss, clerk, staff = staff_room(stand_in)
    await art.open_sites()
    artem = await art.performer("Артём", "Артём и гитара")
    boris = await art.performer("Борис", "Бит-бокс <Борис>")

    # The performer's own answer is the one confirmation (tested in test_booking_journey).
    assert (await art.book(artem, "bauman", kazan(12, 1, 12))).status is BookingStatus.PENDING
    card = await booking_card(staff, "Артём и гитара", "ждёт решения")
    assert "Когда: 01.12.2026 12:00–13:00" in card.text and "Улица Баумана" in card.text
    assert card.buttons == [["✅ Подтвердить", "❌ Отклонить"]]

    await clerk.press_in(card, "✅ Подтвердить")  # not staff: refused, nothing changes
    assert "для сотрудников" in clerk.last_alert().text
    await boss.press_in(card, "✅ Подтвердить")
    approved = await told(artem, "Сотрудники подтвердили бронь")
    assert "01.12.2026 12:00–13:00" in approved.text and "Точка на карте" in approved.text
    decided = await booking_card(staff, "Артём и гитара", "Статус: ✅ подтверждена")
    assert decided.buttons == [] and "Решение принял(а): Начальник" in decided.text

    declined_id = (await art.book(boris, "bauman", kazan(12, 1, 14))).id
    assert declined_id is not None
    card = await booking_card(staff, "Бит-бокс <Борис>", "ждёт решения")
    await boss.press_in(card, "❌ Отклонить")
    await boss.send("Слишком <громко> для улицы", chat=staff)
    declined = await told(boris, "Бронь отклонена")
    assert "Причина: Слишком <громко> для улицы" in declined.text
    assert "&lt;громко&gt;" in (declined.html or "")
    await booking_card(staff, "Бит-бокс <Борис>", "отклонена: Слишком <громко>")
    approve = StaffBookingCb(action=BookingDecision.APPROVE, booking_id=declined_id).pack()
    await replay(stand_in, boss, card, approve)  # an old press on a decided card: refused
    assert "решение уже принято" in boss.last_alert().text


async def test_a_freed_slot_goes_down_the_waiting_list(
    art: ArtProspect, clock: MovableClock
) -> None:
    await art.open_sites()
    artem = await art.performer("Артём", "Артём и гитара")
    boris = await art.performer("Борис", "Бит-бокс")
    vera = await art.performer("Вера", "Вера поёт")
    gleb = await art.performer("Глеб", "Глеб и скрипка")

    mine = await art.book(artem, "kremlin", kazan(12, 1, 18))
    assert mine.status is BookingStatus.CONFIRMED
    await art.wait(boris, "kremlin", kazan(12, 1, 18))
    assert mine.id is not None
    await art.cancel(artem, mine.id)
    offer = await told(boris, "Освободился слот")
    assert "Он ваш, если подтвердите до 10:30" in offer.text
    assert offer.buttons == [["✅ Беру слот", "Не смогу"]]
    await boris.press_in(offer, "✅ Беру слот")  # the answer is the one confirmation
    assert "✅ Слот ваш, бронь подтверждена: Кремлёвская набережная" in offer.text
    assert "Вт 01.12, 18:00–19:00" in offer.text and "yandex.ru/maps" in (offer.html or "")

    taken = await art.book(gleb, "kremlin", kazan(12, 1, 20))
    await art.wait(vera, "kremlin", kazan(12, 1, 20))
    await art.wait(artem, "kremlin", kazan(12, 1, 20))
    assert taken.id is not None
    await art.cancel(gleb, taken.id)
    await told(vera, "Освободился слот")
    clock.move_to(clock.now() + timedelta(minutes=31))
    await art.run("expire_booking_offers")
    assert "предложен следующему" in (await told(vera, "⌛")).text
    passed_on = await told(artem, "Освободился слот")
    assert "01.12.2026 20:00–21:00" in passed_on.text


async def test_reminders_the_evening_before_and_an_hour_before_with_the_map(
    art: ArtProspect, clock: MovableClock
) -> None:
    await art.open_sites()
    artem = await art.performer("Артём", "Артём и гитара")
    await art.book(artem, "kremlin", kazan(12, 1, 12))

    clock.move_to(kazan(11, 30, 17, 59))
    await art.run("remind_bookings")  # not yet
    clock.move_to(kazan(11, 30, 18, 0))
    await art.run("remind_bookings")
    evening = await told(artem, "🔔")
    assert evening.text.startswith("🔔 Завтра в 12:00 выступление: Кремлёвская набережная")
    assert "📍 Кремлёвская набережная, у фонтана" in evening.text
    assert "yandex.ru/maps/?pt=49.106000,55.798000" in (evening.html or "")

    clock.move_to(kazan(12, 1, 11, 0))
    await art.run("remind_bookings")
    hour = await told(artem, "🔔")
    assert hour.text.startswith("🔔 Через час, в 12:00, выступление")
    assert "yandex.ru/maps" in (hour.html or "")
    await art.run("remind_bookings")  # said once
    await outbox_idle(art.bot)
    assert sum("🔔" in (m.text or "") for m in artem.replies()) == 2


async def test_repeated_no_shows_suspend_booking(
    art: ArtProspect, stand_in: BotApiStandIn, clock: MovableClock
) -> None:
    boss, _clerk, staff = staff_room(stand_in)
    await art.open_sites()
    artem = await art.performer("Артём", "Артём и гитара")
    for day in (1, 2):
        await art.book(artem, "kremlin", kazan(12, day, 12))

    await boss.send("/bookings 2026-12-01", chat=staff)
    listed = await staff.wait_for_reply(lambda m: "Брони на 01.12.2026" in (m.text or ""))
    assert "12:00–13:00 · Кремлёвская набережная · Артём и гитара" in listed.text
    assert listed.buttons == []  # the slot has not begun: no no-show yet

    for day in (1, 2):
        clock.move_to(kazan(12, day, 12, 10))
        await boss.send("/bookings today", chat=staff)
        listed = await staff.wait_for_reply(lambda m: "🚫 Неявка" in str(m.buttons))
        await boss.press_in(listed, "🚫 Неявка")
        assert "Неявка отмечена" in boss.last_alert().text
        await told(artem, "отметили неявку")
    suspended = await told(artem, "⛔ Бронирование приостановлено")
    assert "до 16.12.2026" in suspended.text  # 14 days from the second no-show

    with pytest.raises(BookingRefused) as refused:
        await art.book(artem, "kremlin", kazan(12, 3, 12))
    assert refused.value.refusal is Refusal.SUSPENDED


async def test_who_is_performing_today_by_district_and_near_me(
    art: ArtProspect, anna: Person
) -> None:
    await art.open_sites()
    artem = await art.performer("Артём", "Артём и гитара")
    vera = await art.performer("Вера", "Вера <поёт>")
    await art.book(artem, "kremlin", kazan(11, 30, 15))
    await art.book(vera, "savino", kazan(11, 30, 16))

    await anna.send("/today")
    await anna.press("Вахитовский")
    centre = anna.last_reply().text
    assert "Сегодня выступают" in centre and "15:00–16:00 · Кремлёвская набережная" in centre
    assert "Артём и гитара" in centre and "Вера" not in centre
    await anna.press("Ново-Савиновский")
    assert "Вера <поёт>, 🎵 Музыка" in anna.last_reply().text
    await anna.press("Советский")
    assert "сегодня пока никто не выступает" in anna.last_reply().text.lower()

    await anna.press("📍 Рядом со мной")
    await anna.press_reply("📍 Отправить геопозицию", location=CENTRE)
    near = anna.last_reply().text
    assert "рядом с вами" in near and "Артём и гитара" in near and "Вера" not in near
    assert near.endswith("🎵 Музыка · 1,4 км")  # the Russian decimal comma, as in the site list


async def test_a_no_show_redraws_the_card_staff_decided_on(
    art: ArtProspect, stand_in: BotApiStandIn, clock: MovableClock
) -> None:
    """Issue 12: the card follows every change of its booking, not only staff's decision."""
    boss, _clerk, staff = staff_room(stand_in)
    await art.open_sites()
    artem = await art.performer("Артём", "Артём и гитара")
    await art.book(artem, "bauman", kazan(12, 1, 12))
    card = await booking_card(staff, "Артём и гитара", "ждёт решения")
    await boss.press_in(card, "✅ Подтвердить")
    await booking_card(staff, "Артём и гитара", "Статус: ✅ подтверждена")

    clock.move_to(kazan(12, 1, 12, 10))
    await boss.send("/bookings today", chat=staff)
    listed = await staff.wait_for_reply(lambda m: "🚫 Неявка" in str(m.buttons))
    await boss.press_in(listed, "🚫 Неявка")
    card = await booking_card(staff, "Артём и гитара", "Статус: 🚫 неявка")
    assert "Решение принял(а): Начальник" in card.text and card.buttons == []
