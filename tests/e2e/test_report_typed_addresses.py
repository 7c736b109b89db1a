"""Reports with typed addresses as residents really type them: in Latin by an English
speaker, with the flat and entrance after the house, and found as "nearby" by a report made
with a shared location (and the other way round) where the register gives coordinates."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from domain.clock import StartedClock
from sandbox.driver import Group, Person
from sandbox.people import add_group, add_person
from sandbox.server import BotApiStandIn
from storage.bootstrap import import_street_register
from tests.e2e.harness import STAFF_CHAT_ID, RunningBot, copy_template, settings_for, sqlite_url
from tests.e2e.test_report_journeys import CENTRE, file_by_location
from tests.e2e.test_staff_journey import the_card

# Test points for ул. Баумана: house 1 at CENTRE (Вахитовский), house 81 about 1.4 km away
# south-east. House 3 then lies 1/40 of the way, about 35 m from CENTRE.
BAUMANA_POINTS = (
    "name_ru,type_ru,house,lat,lon\n"
    f"Баумана,улица,1,{CENTRE[0]},{CENTRE[1]}\n"
    "Баумана,улица,81,55.7881,49.1224\n"
)


@pytest.fixture
async def located_bot(
    stand_in: BotApiStandIn, database_template: Path, tmp_path: Path, clock: StartedClock
) -> AsyncIterator[RunningBot]:
    """The bot on a register that gives points for ул. Баумана."""
    database = copy_template(database_template, tmp_path / "bot.sqlite3")
    register = tmp_path / "points.csv"
    register.write_text(BAUMANA_POINTS, encoding="utf-8")
    report = await import_street_register(sqlite_url(database), register)
    assert report["errors"] == []
    running = RunningBot(settings_for(stand_in, database), clock)
    await running.start()
    try:
        yield running
    finally:
        await running.stop()


async def file_typed(person: Person, address: str, text: str) -> str:
    """A road report at a typed address (taken without a question); the bot's last reply."""
    await person.send("/report")
    await person.press("Дороги и тротуары")
    await person.send(address)
    await person.press("Пропустить")
    await person.send(text)
    await person.press("✅ Отправить")
    return person.last_reply().text or ""


def staff_chat(stand_in: BotApiStandIn) -> Group:
    boss = add_person(stand_in.world, first_name="Начальник")
    return add_group(stand_in.world, title="Штаб", admins=[boss], chat_id=STAFF_CHAT_ID)


async def test_an_english_speaker_reports_with_a_latin_address_and_a_flat(
    stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    staff = staff_chat(stand_in)
    john = add_person(stand_in.world, first_name="John", language_code="en-GB")
    await john.send("/report")
    await john.press("Roads and pavements")
    await john.send("ul. Baumana, 15, entrance 2, apt 7")  # the way the bot's example reads
    # Taken without a question; shown in Latin with the sign's Russian beside it.
    place_line = john.replies()[-2].text
    assert "Baumana St (ул. Баумана), 15 (entrance 2, apt 7)" in place_line
    assert "Vakhitovsky" in place_line
    await john.press("Skip")
    await john.send("A deep pothole right in the middle of the road")
    summary = john.last_reply().text
    assert "Baumana St (ул. Баумана), 15 (entrance 2, apt 7)" in summary
    await john.press("✅ Submit")
    assert "KZN-000001" in john.last_reply().text

    # Staff read the Russian address with the entrance and flat for whoever goes there.
    card = await the_card(staff, stand_in)
    assert "Адрес: ул. Баумана, 15 (подъезд 2, кв. 7)" in (card.text or "")


@pytest.mark.parametrize("typed", ["Bauman Street 15", ",fevfyf 15", "15 баумана"])
async def test_other_forms_of_the_same_address_are_taken_without_asking(
    stand_in: BotApiStandIn, bot: RunningBot, typed: str
) -> None:
    john = add_person(stand_in.world, first_name="John", language_code="en-GB")
    await john.send("/report")
    await john.press("Roads and pavements")
    await john.send(typed)
    assert "Baumana St (ул. Баумана), 15" in john.replies()[-2].text
    assert john.last_reply().buttons  # the photo step, not "did you mean"


async def test_a_typed_address_finds_a_shared_location_report_nearby(
    stand_in: BotApiStandIn, located_bot: RunningBot
) -> None:
    anna = add_person(stand_in.world, first_name="Анна", language_code="ru")
    boris = add_person(stand_in.world, first_name="Борис", language_code="ru")
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")

    # About 35 m from Anna's point, by the register's houses.
    offer = await file_typed(boris, "Баумана 3", "Большая яма на дороге у дома")
    assert "Рядом уже есть похожие открытые заявки" in offer
    assert "KZN-000001" in offer


async def test_a_shared_location_finds_a_typed_address_report_nearby(
    stand_in: BotApiStandIn, located_bot: RunningBot
) -> None:
    anna = add_person(stand_in.world, first_name="Анна", language_code="ru")
    boris = add_person(stand_in.world, first_name="Борис", language_code="ru")
    filed = await file_typed(anna, "ул. Баумана, 3, кв. 12", "Яма посреди дороги, объезжают")
    assert "KZN-000001 принята" in filed

    await boris.send("/report")
    await boris.press("Дороги и тротуары")
    await boris.share_location(*CENTRE)
    await boris.press("Пропустить")
    await boris.send("Большая яма на дороге возле набережной")
    await boris.press("✅ Отправить")
    assert "KZN-000001" in boris.last_reply().text
    assert "похожие открытые заявки" in boris.last_reply().text

    # Far along the same street (house 79, ~1.3 km away) is not "nearby".
    carl = add_person(stand_in.world, first_name="Карл", language_code="ru")
    assert "принята" in await file_typed(carl, "Баумана 79", "Ещё одна яма на дороге")
