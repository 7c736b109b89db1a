"""FAQ entries, votes and the revision, on SQLite and PostgreSQL."""

from datetime import timedelta

from domain.faq.model import FaqEntry, FaqText
from storage.uow import SqlUnitOfWork
from tests.storage.samples import NOW

NO_WATER = FaqEntry(
    "no_water",
    {
        "ru": FaqText("Нет воды?", "Звоните: <b>231-62-60</b>", ("нет воды", "отключили воду")),
        "tt": FaqText("Су сүндерелсә, нишләргә?", "«Ачык Казан»га шалтыратыгыз: <b>123</b>"),
        "en": FaqText("No water?", "Call <b>231-62-60</b>"),
    },
    category="water_heating",
    contacts=("МУП «Водоканал»", "«Открытая Казань»"),
    links=("https://e-kazan.ru/news",),
    position=2,
)
PAY = FaqEntry("pay_utilities", {"ru": FaqText("Где оплатить?", "В квитанции")}, position=1)


async def test_an_entry_round_trips_with_its_tatar_text_and_lists(uow: SqlUnitOfWork) -> None:
    async with uow:
        created = await uow.faq.put(NO_WATER, NOW)
        await uow.commit()

    async with uow:
        stored = await uow.faq.get("no_water")
    assert created
    assert stored == NO_WATER
    assert stored is not None and stored.text("tt").question == "Су сүндерелсә, нишләргә?"


async def test_put_replaces_and_all_lists_by_position(uow: SqlUnitOfWork) -> None:
    changed = FaqEntry("no_water", {"ru": FaqText("Нет воды", "Ждите")}, position=0)
    async with uow:
        await uow.faq.put(NO_WATER, NOW)
        await uow.faq.put(PAY, NOW)
        replaced = not await uow.faq.put(changed, NOW + timedelta(minutes=1))
        await uow.commit()

    async with uow:
        entries = await uow.faq.all()
    assert replaced
    assert entries == [changed, PAY]


async def test_the_revision_moves_on_every_change_and_not_on_a_miss(uow: SqlUnitOfWork) -> None:
    async with uow:
        before = await uow.faq.revision()
        await uow.faq.put(NO_WATER, NOW)
        await uow.faq.put(NO_WATER, NOW)
        after_puts = await uow.faq.revision()
        assert await uow.faq.delete("no_water")
        assert not await uow.faq.delete("no_water")
        await uow.commit()

    async with uow:
        assert (before, after_puts, await uow.faq.revision()) == (0, 2, 3)


async def test_votes_are_counted_per_entry_and_go_with_a_deleted_entry(
    uow: SqlUnitOfWork,
) -> None:
    async with uow:
        await uow.faq.put(NO_WATER, NOW)
        await uow.faq.put(PAY, NOW)
        for helpful in (True, True, False):
            assert await uow.faq.add_feedback("no_water", helpful, "tt", NOW)
        assert await uow.faq.add_feedback("pay_utilities", False, "ru", NOW)
        assert not await uow.faq.add_feedback("gone", True, "ru", NOW)
        await uow.commit()

    async with uow:
        counts = await uow.faq.feedback()
        await uow.faq.delete("no_water")
        await uow.commit()

    async with uow:
        assert counts == {"no_water": (2, 1), "pay_utilities": (0, 1)}
        assert await uow.faq.feedback() == {"pay_utilities": (0, 1)}
