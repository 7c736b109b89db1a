"""Performers book Art-prospect sites over the bot, end to end against the Bot API stand-in:
fitting sites, near me, the calendar, booking rules, the waiting list and forged presses."""

from dataclasses import replace
from datetime import time

from domain.booking.bookings import Booking, BookingStatus
from domain.booking.performers import Genre, Performer
from domain.booking.sites import Equipment, Site, Sound
from domain.clock import StartedClock, SystemClock
from domain.services.performers import decide_performer, submit_profile
from handlers.booking.callbacks import MineAction, MineCb
from sandbox.driver import Person
from sandbox.server import BotApiStandIn
from storage.uow import SqlUnitOfWork
from tests.e2e.harness import START, RunningBot, press_data

KREMLIN_EMBANKMENT = (55.7990, 49.1060)
EVERY_DAY = frozenset(range(7))
SITES = [
    Site(  # three slots a day: 11:00, 13:15, 15:30; confirmed at once
        code="test_bauman",
        name_ru="Баумана, у часов",
        place="ул. Баумана, 36",
        open_days=EVERY_DAY,
        open_from=time(11),
        open_to=time(19),
        sound=Sound.UP_TO_90_DB,
        max_group=5,
        district="Вахитовский",
        lat=55.7887,
        lon=49.1221,
        equipment=frozenset({Equipment.AMPLIFIER, Equipment.MICROPHONE}),
    ),
    Site(  # staff look at every booking
        code="test_kremlin",
        name_ru="Кремлёвская набережная",
        place="у фонтана",
        open_days=EVERY_DAY,
        open_from=time(12),
        open_to=time(18),
        sound=Sound.UP_TO_60_DB,
        max_group=4,
        lat=55.8000,
        lon=49.1050,
        equipment=frozenset({Equipment.AMPLIFIER}),
        auto_approve=False,
    ),
    Site(  # acoustic only: the amplified act does not fit and is not offered
        code="test_lake",
        name_ru="Чёрное озеро",
        place="у сцены",
        open_days=EVERY_DAY,
        open_from=time(10),
        open_to=time(20),
        sound=Sound.ACOUSTIC,
        max_group=3,
        lat=55.7930,
        lon=49.1180,
    ),
    Site(  # one slot an evening, no map point
        code="test_gorky",
        name_ru="Парк Горького, вечер",
        place="главная аллея",
        open_days=EVERY_DAY,
        open_from=time(18),
        open_to=time(20),
        sound=Sound.UP_TO_90_DB,
        max_group=6,
        equipment=frozenset({Equipment.AMPLIFIER}),
    ),
]


async def seed_sites(bot: RunningBot) -> dict[str, int]:
    assert bot.app is not None
    async with SqlUnitOfWork(bot.app.session_factory, SystemClock()) as uow:
        # The city's own sites (data/sites.csv) are closed here: the journey knows its world.
        for site in await uow.sites.all():
            await uow.sites.save(replace(site, active=False), START)
        added = [await uow.sites.add(site, START) for site in SITES]
        await uow.commit()
    return {site.code: site.id for site in added if site.id is not None}


async def make_performer(bot: RunningBot, person: Person, name: str) -> None:
    """Through the services staff and the profile form use; the person has started the bot."""
    assert bot.app is not None
    await person.send("/start")
    profile = Performer(
        user_id=person.id,
        stage_name=name,
        genre=Genre.MUSIC,
        group_size=2,
        sound=Sound.UP_TO_60_DB,
        created_at=START,
        updated_at=START,
        equipment=frozenset({Equipment.AMPLIFIER}),
    )
    async with SqlUnitOfWork(bot.app.session_factory, SystemClock()) as uow:
        stored = await submit_profile(uow, bot.clock, profile)
        assert stored.id is not None
        await decide_performer(uow, bot.clock, stored.id, approve=True)
        await uow.commit()


async def bookings_of(bot: RunningBot, person: Person) -> list[Booking]:
    assert bot.app is not None
    async with SqlUnitOfWork(bot.app.session_factory, SystemClock()) as uow:
        performer = await uow.performers.by_user(person.id)
        assert performer is not None and performer.id is not None
        return await uow.bookings.of_performer(performer.id, bot.clock.now(), upcoming=True)


async def open_day(person: Person, site: str, day: str, next_month: bool = False) -> None:
    await person.send("/art")
    await person.press("Забронировать площадку")
    await person.press(site)
    await person.press("📅 Выбрать дату")
    if next_month:
        await person.press("Декабрь ▶️")
    await person.press(day)


async def book(person: Person, site: str, day: str, slot: str, next_month: bool = False) -> str:
    """From /art to the outcome; the screen's text (edited in place) is returned."""
    await open_day(person, site, day, next_month)
    await person.press(slot)
    screen = await person.press("✅ Забронировать")
    return screen.text or ""


async def test_fitting_sites_near_me_calendar_and_the_booking_rules(
    anna: Person, boris: Person, bot: RunningBot, clock: StartedClock
) -> None:
    await seed_sites(bot)
    await make_performer(bot, anna, "Anna <Trio> & Co")
    await make_performer(bot, boris, "Борис")
    assert "✅ Бронь подтверждена" in await book(boris, "Парк Горького", "1", "18:00–20:00", True)

    await anna.send("/art")
    home = anna.last_reply()
    assert "Исполнитель: <b>Anna &lt;Trio&gt; &amp; Co</b>" in (home.html or "")
    assert home.buttons[:3] == [["Забронировать площадку"], ["Мои брони"], ["Моя анкета"]]
    listing = await anna.press("Забронировать площадку")
    assert "Скрыто площадок: 1 — не подходят вашему номеру по громкости" in (listing.text or "")
    labels = [row[0] for row in listing.buttons]
    assert labels[:3] == [
        "Баумана, у часов · Вахитовский · 2 ч",
        "Кремлёвская набережная · 2 ч",
        "Парк Горького, вечер · 2 ч",
    ]
    assert not any("Чёрное озеро" in label for label in labels)

    await anna.press("📍 Рядом со мной")
    assert anna.reply_keyboard() == [["📍 Отправить геопозицию"], ["✖️ Отмена"]]
    await anna.press_reply("📍 Отправить геопозицию", location=KREMLIN_EMBANKMENT)
    near = anna.last_reply()
    assert anna.reply_keyboard() is None
    assert "от ближней к дальней" in (near.text or "")
    assert "нет точки на карте" in (near.text or "")
    near_labels = [row[0] for row in near.buttons[:3]]
    assert near_labels[0].startswith("Кремлёвская набережная · ")
    assert near_labels[1].startswith("Баумана, у часов · ")
    assert near_labels[2].startswith("Парк Горького, вечер")

    card = await anna.press("Парк Горького")
    assert "Дни: ежедневно; часы: 18:00–20:00" in (card.text or "")
    assert "Бронь: подтверждается сразу" in (card.text or "")
    calendar = await anna.press("📅 Выбрать дату")
    assert calendar.buttons[0] == ["Ноябрь 2026"]
    assert calendar.buttons[1] == ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]
    assert calendar.buttons[2] == ["30", " ", " ", " ", " ", " ", " "]
    await anna.press("Декабрь ▶️")
    assert calendar.buttons[2][:3] == [" ", "·1·", "2"]  # boris holds the only slot of the 1st
    await anna.press("·1·")
    assert anna.last_alert().text == "Вт 01.12: свободных слотов нет — выберите другой день."

    outcome = await book(anna, "Баумана", "30", "11:00–13:00")
    assert "✅ Бронь подтверждена: Баумана, у часов, Пн 30.11, 11:00–13:00" in outcome
    outcome = await book(anna, "Кремлёвская", "1", "12:00–14:00", next_month=True)
    assert "📨 Отправлено на проверку: Кремлёвская набережная, Вт 01.12, 12:00–14:00" in outcome
    outcome = await book(anna, "Баумана", "2", "13:15–15:15", next_month=True)
    assert "✅ Бронь подтверждена" in outcome
    statuses = [(b.status, b.starts_at.day) for b in await bookings_of(bot, anna)]
    assert statuses == [
        (BookingStatus.CONFIRMED, 30),
        (BookingStatus.PENDING, 1),
        (BookingStatus.CONFIRMED, 2),
    ]
    outcome = await book(anna, "Парк Горького", "3", "18:00–20:00", next_month=True)
    assert outcome.startswith("Броней на этой неделе у вас уже 3 — это максимум")
    assert len(await bookings_of(bot, anna)) == 3


async def test_waiting_list_offer_late_cancel_and_a_forged_press(
    anna: Person, boris: Person, bot: RunningBot, stand_in: BotApiStandIn
) -> None:
    await seed_sites(bot)
    await make_performer(bot, anna, "Анна")
    await make_performer(bot, boris, "Борис")
    assert "✅ Бронь подтверждена" in await book(anna, "Баумана", "1", "11:00–13:00", True)

    await open_day(boris, "Баумана", "1", next_month=True)
    day = boris.last_reply()
    assert ["11:00–13:00 занято — в лист ожидания"] in day.buttons
    waiting = await boris.press("11:00–13:00 занято — в лист ожидания")
    assert "⏳ Вы в листе ожидания: Баумана, у часов, Вт 01.12, 11:00–13:00." in (
        waiting.text or ""
    )
    assert "мы предложим его вам первым в очереди; на ответ будет 30 мин" in (waiting.text or "")

    await anna.send("/art")
    mine = await anna.press("Мои брони")
    assert "Баумана, у часов — Вт 01.12, 11:00–13:00 — ✅ подтверждена" in (mine.text or "")
    await anna.press("Отменить: Вт 01.12 11:00")
    assert "Слот освободится и перейдёт первому в листе ожидания" in (mine.text or "")
    await anna.press("Да, отменить")
    assert anna.last_alert().text == "Бронь отменена."
    assert "Предстоящих броней нет." in (mine.text or "")
    [offer] = await bookings_of(bot, boris)
    assert offer.status is BookingStatus.OFFERED

    await boris.send("/art")
    mine_b = await boris.press("Мои брони")
    assert "🎁 предложена вам — ответьте до" in (mine_b.text or "")
    await boris.press_in(mine_b, "✅ Беру")  # the list, not the offer notice that came too
    assert "✅ Слот ваш, бронь подтверждена: Баумана, у часов" in (mine_b.text or "")
    [taken] = await bookings_of(bot, boris)
    assert (taken.id, taken.status) == (offer.id, BookingStatus.CONFIRMED)

    assert "✅ Бронь подтверждена" in await book(anna, "Баумана", "30", "11:00–13:00")
    await anna.send("/art")
    mine = await anna.press("Мои брони")
    await anna.press("Отменить: Пн 30.11 11:00")
    assert (mine.text or "").startswith(
        "Отменить эту бронь уже нельзя: отмена возможна не позже чем за 2 ч до начала, "
        "то есть до Пн 30.11 09:00. Бронь остаётся в силе."
    )
    [today] = await bookings_of(bot, anna)
    assert today.id is not None

    forged = MineCb(action=MineAction.CANCEL_YES, booking_id=today.id).pack()
    await press_data(stand_in, boris, forged)
    assert boris.last_alert().text == (
        "Такой брони у вас нет — возможно, кнопка устарела. Ничего не изменилось."
    )
    [still] = await bookings_of(bot, anna)
    assert still.status is BookingStatus.CONFIRMED
