"""What staff and followers see, delivered through the outbox while the bot runs."""

from sandbox.driver import Person
from sandbox.people import add_group, add_person
from sandbox.server import BotApiStandIn
from tests.e2e.harness import STAFF_CHAT_ID, RunningBot
from tests.e2e.test_report_journeys import CENTRE, file_by_location


async def test_new_request_card_appears_in_the_staff_chat_and_follows_changes(
    anna: Person, boris: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss = add_person(stand_in.world, first_name="Начальник")
    staff = add_group(stand_in.world, title="Штаб", admins=[boss], chat_id=STAFF_CHAT_ID)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    card = await staff.wait_for_reply(lambda m: "KZN-000001" in (m.text or ""))
    assert "Статус: 🆕 новая" in card.text and "Вахитовский" in card.text
    assert "yandex.ru/maps" in card.html

    await boris.send("/start")
    await boris.send("/report")
    await boris.press("Дороги и тротуары")
    await boris.share_location(*CENTRE)
    await boris.press("Пропустить")
    await boris.send("Та же яма, очень опасно вечером")
    await boris.press("✅ Отправить")
    await boris.press("Присоединиться к KZN-000001")

    await anna.press("Открыть заявку")
    await anna.press("↩️ Отозвать заявку")
    await anna.press("Да, отозвать")
    notice = await boris.wait_for_reply(lambda m: "🔔" in (m.text or ""))
    assert "Заявка KZN-000001" in notice.text and "отозвана автором" in notice.text
    assert notice.buttons == [["Открыть заявку"]]
    # The group's pace (20 a minute) may hold the edit for a few seconds.
    edited = await staff.wait_for_reply(lambda m: "отозвана автором" in (m.text or ""), 15)
    assert edited.message_id == card.message_id  # the same card, edited in place
    assert "Статус: ↩️ отозвана автором" in card.text
    assert card.edited
    cards = [m for m in staff.messages() if "KZN-000001" in (m.text or "")]
    assert len(cards) == 1


async def test_photos_reach_the_staff_chat_as_an_album_before_the_card(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss = add_person(stand_in.world, first_name="Начальник")
    staff = add_group(stand_in.world, title="Штаб", admins=[boss], chat_id=STAFF_CHAT_ID)
    await anna.send("/report")
    await anna.press("Дороги и тротуары")
    await anna.share_location(*CENTRE)
    await anna.send_album(3)
    await anna.press("Готово")
    await anna.send("Яма и разбитый бордюр, фото прилагаю")
    await anna.press("✅ Отправить")
    card = await staff.wait_for_reply(lambda m: "Заявка KZN-000001" in (m.text or ""))
    photos = [m for m in staff.messages() if m.photo is not None]
    assert len(photos) == 3 and len({m.raw.get("media_group_id") for m in photos}) == 1
    assert photos[0].text == "KZN-000001"  # the caption
    assert all(m.message_id < card.message_id for m in photos)
    assert "Фото: 3" in card.text


async def test_in_a_forum_cards_go_to_their_category_topic(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss = add_person(stand_in.world, first_name="Начальник")
    staff = add_group(
        stand_in.world, title="Штаб", admins=[boss], chat_id=STAFF_CHAT_ID, is_forum=True
    )
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    await file_by_location(anna, (CENTRE[0] - 0.01, CENTRE[1]), "Ещё одна яма у остановки")
    await anna.send("/report")
    await anna.press("Уличное освещение")
    await anna.share_location(*CENTRE)
    await anna.press("Пропустить")
    await anna.send("Не горит фонарь у перехода, темно")
    await anna.press("✅ Отправить")
    for number in ("KZN-000001", "KZN-000002", "KZN-000003"):
        await staff.wait_for_reply(lambda m, n=number: n in (m.text or ""))
    topics = {t["name"]: thread for thread, t in staff.topics.items()}
    assert set(topics) == {"Дороги и тротуары", "Уличное освещение"}
    threads = {
        m.text.split("\n")[0]: m.raw.get("message_thread_id")
        for m in staff.messages()
        if m.from_bot and "KZN-" in (m.text or "")
    }
    assert threads == {
        "Заявка KZN-000001": topics["Дороги и тротуары"],
        "Заявка KZN-000002": topics["Дороги и тротуары"],
        "Заявка KZN-000003": topics["Уличное освещение"],
    }
