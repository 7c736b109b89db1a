"""A street performer fills in a profile; staff approve or decline it from their chat."""

from domain.booking.performers import Genre
from handlers.art_prospect import ArtAction, ArtCb
from handlers.performers.callbacks import GenreCb, PerformerDecision, StaffPerformerCb
from sandbox.driver import Group, Person
from sandbox.reading import wait_acknowledged
from sandbox.server import BotApiStandIn
from sandbox.views import SentMessage
from tests.e2e.harness import RunningBot, press_data
from tests.e2e.test_staff_journey import staff_room
from tests.e2e.waiting import eventually

APPROVE, DECLINE = "✅ Одобрить", "❌ Отклонить"


async def profile_cards(staff: Group, count: int, showing: str = "") -> list[SentMessage]:
    """The bot's profile cards in the staff chat, once there are `count` of them (the outbox
    sends them a moment after the profile is submitted)."""

    def counted() -> list[SentMessage]:
        cards = [m for m in staff.messages() if m.from_bot and "анкета исполнителя" in m.text]
        assert len(cards) == count and showing in (cards[-1].text or ""), (
            f"not {count} cards showing {showing!r}: {cards}"
        )
        return cards

    return await eventually(counted)


async def notice(person: Person, fragment: str) -> SentMessage:
    return await person.wait_for_reply(lambda m: fragment in (m.text or ""), timeout=10)


async def press_on_card(
    stand_in: BotApiStandIn, person: Person, card: SentMessage, data: str
) -> None:
    """A press with made-up data on a card in the staff chat (a replayed or forged button)."""
    record = stand_in.world.new_callback(person.account, card.chat, card.message_id, data)
    query = {
        "id": record.id,
        "from": person.account.as_user(),
        "message": card.raw,
        "chat_instance": "2",
        "data": data,
    }
    await wait_acknowledged([stand_in.world.push_update("callback_query", query)], "press", 5)


async def quick_profile(person: Person, name: str) -> None:
    """The fewest taps: a name, a genre, a soloist, acoustic, nothing else, sent."""
    await person.send("/performer")
    await person.send(name)
    await person.press("🎵 Музыка")
    await person.press("1")
    await person.press("🎻 Акустика")
    await person.press("Готово")
    await person.press("Пропустить")
    await person.press("Пропустить")
    await person.press("📨 Отправить на проверку")
    assert "Анкета отправлена на проверку" in person.last_reply().text


async def my_profile(stand_in: BotApiStandIn, person: Person) -> str:
    await press_data(stand_in, person, ArtCb(action=ArtAction.PROFILE).pack())
    return person.last_reply().text or ""


async def test_every_step_with_garbage_then_approved(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, clerk, staff = staff_room(stand_in)
    await anna.send("/start")
    await press_data(stand_in, anna, ArtCb(action=ArtAction.REGISTER).pack())
    assert "Анкета исполнителя Арт-проспекта" in anna.last_reply().text
    await anna.send_sticker()
    assert "Напишите имя текстом" in anna.last_reply().text
    await anna.send("Я" * 61)
    assert "можно до 60" in anna.last_reply().text
    await anna.send("<b>Дуэт</b>   Ветер")
    await anna.send("музыка")  # typed instead of pressed
    assert "кнопкой" in anna.last_reply().text
    await anna.press("🎵 Музыка")
    await anna.press("5+")
    for wrong in ("0", "60", "много"):
        await anna.send(wrong)
        assert "от 1 до 50" in anna.last_reply().text
    await anna.send("6")
    sound = anna.last_reply()
    assert "голос и гитара без усилителя" in sound.text
    await anna.press("🔉 До 60 дБ")
    await anna.press("⬜ Усилитель, колонка")
    await anna.press("⬜ Микрофон")
    await anna.press("✅ Микрофон")  # changed her mind
    assert ["✅ Усилитель, колонка", "⬜ Микрофон"] in anna.last_reply().buttons
    await anna.press("Готово")
    await anna.send("Играем джаз у фонтана & поём")
    for wrong in ("http://vk.com/veter", "https://", "посмотрите вк"):
        await anna.send(wrong)
        assert "начинается с https://" in anna.last_reply().text
    await anna.send("https://vk.com/veter")
    assert "Ссылка добавлена (1 из 3)" in anna.last_reply().text
    await anna.press("Готово")
    summary = anna.last_reply()
    for shown in ("<b>Дуэт</b> Ветер", "6 чел.", "До 60 дБ", "Усилитель", "джаз у фонтана &"):
        assert shown in summary.text, shown
    assert "проверят сотрудники" in summary.text
    await anna.press("📨 Отправить на проверку")
    assert "в течение рабочего дня" in anna.last_reply().text

    [card] = await profile_cards(staff, 1)
    assert "Новая анкета" in card.text and "https://vk.com/veter" in card.text
    assert "<b>Дуэт</b> Ветер" in card.text and [APPROVE, DECLINE] in card.buttons
    approve = card.callback_data(APPROVE)
    assert approve is not None
    await clerk.press_in(card, APPROVE)  # not staff: refused, nothing changes
    assert "для сотрудников" in clerk.last_alert().text
    assert "На проверке" in await my_profile(stand_in, anna)

    await boss.press_in(card, APPROVE)
    assert "одобрена" in boss.last_alert().text
    decided = await notice(anna, "Анкета одобрена")
    assert "можно бронировать" in decided.text and ["📍 Площадки"] in decided.buttons
    # The card is redrawn through the outbox, as at every change: a moment later.
    [card] = await profile_cards(staff, 1, "✅ Одобрена — Начальник")
    assert "✅ Одобрена — Начальник" in card.text and card.buttons == []
    await press_on_card(stand_in, boss, card, approve)  # a second press, replayed
    assert "уже одобрена" in boss.last_alert().text
    assert "Одобрена — можно бронировать" in await my_profile(stand_in, anna)


async def test_declined_with_a_reason_then_edited_back_to_approval(
    boris: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, _, staff = staff_room(stand_in)
    await quick_profile(boris, "Борис & гитара")
    [card] = await profile_cards(staff, 1)
    await boss.press_in(card, DECLINE)
    prompt = staff.last_reply()
    assert "Почему отклонена анкета «Борис & гитара»" in prompt.text
    await boss.send_sticker(chat=staff)
    assert "Напишите причину" in staff.last_reply().text
    await boss.send("Нужна ссылка на <видео> выступления", chat=staff, reply_to=prompt)
    assert "получит причину" in staff.last_reply().text
    declined = await notice(boris, "Причина")
    assert "Нужна ссылка на <видео> выступления" in declined.text
    [card] = await profile_cards(staff, 1, "❌ Отклонена")  # redrawn by the outbox
    assert "❌ Отклонена: Нужна ссылка на <видео> выступления — Начальник" in card.text
    assert card.buttons == []
    assert "Отклонена. Причина: Нужна ссылка" in await my_profile(stand_in, boris)

    await boris.press_in(declined, "✏️ Изменить анкету")
    assert "Анкету снова проверят" in boris.last_reply().text  # pre-filled, at the summary
    await boris.press("✏️ Ссылки")
    await boris.send("https://youtu.be/boris-live")
    await boris.press("Готово")
    summary = boris.last_reply()
    assert "https://youtu.be/boris-live" in summary.text and "Борис & гитара" in summary.text
    await boris.press("📨 Отправить на проверку")
    assert "отправлена на проверку" in boris.last_reply().text
    cards = await profile_cards(staff, 2)
    assert "Изменённая анкета" in cards[1].text and [APPROVE, DECLINE] in cards[1].buttons
    assert "На проверке" in await my_profile(stand_in, boris)
    await boss.press_in(cards[1], APPROVE)
    await notice(boris, "Анкета одобрена")


async def test_only_material_changes_of_an_approved_profile_need_a_new_look(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, _, staff = staff_room(stand_in)
    await quick_profile(anna, "Анна Скрипка")
    [card] = await profile_cards(staff, 1)
    await boss.press_in(card, APPROVE)
    await notice(anna, "Анкета одобрена")

    await anna.send("/performer")
    assert "Описание и ссылки меняются без проверки" in anna.last_reply().text
    await anna.press("✏️ Описание")
    await anna.send("Классика и саундтреки на скрипке")
    assert "💾 Сохранить" in str(anna.last_reply().buttons)
    await anna.press("💾 Сохранить")
    assert "по-прежнему одобрена" in anna.last_reply().text
    shown = await my_profile(stand_in, anna)
    assert "Одобрена" in shown and "саундтреки на скрипке" in shown

    await anna.send("/performer")
    await anna.press("✏️ Звук")
    await anna.press("🔊 До 90 дБ")
    assert "⚠️ Изменились" in anna.last_reply().text
    await anna.press("📨 Отправить на проверку")
    assert "отправлена на проверку" in anna.last_reply().text
    cards = await profile_cards(staff, 2)  # the description alone sent no card
    assert "Изменённая анкета" in cards[1].text and "До 90 дБ" in cards[1].text
    assert "На проверке" in await my_profile(stand_in, anna)


async def test_forged_and_stale_presses_change_nothing(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, clerk, staff = staff_room(stand_in)
    await quick_profile(anna, "Анна")
    [first] = await profile_cards(staff, 1)
    old_approve = first.callback_data(APPROVE)
    assert old_approve is not None
    await anna.send("/performer")  # still waiting: she fixes the name
    await anna.press("✏️ Имя")
    await anna.send("Анна Гусли")
    await anna.press("📨 Отправить на проверку")
    old, new = await profile_cards(staff, 2)
    assert "Анна Гусли" in new.text
    # The card of the old version says so at once, its buttons gone (issue 12).
    assert "Прежняя анкета" in old.text and "по новой карточке" in old.text
    assert old.buttons == []

    await press_on_card(stand_in, boss, old, old_approve)  # pressed before the redraw came
    assert "изменил анкету" in boss.last_alert().text and old.buttons == []
    assert "На проверке" in await my_profile(stand_in, anna)
    forged = StaffPerformerCb(action=PerformerDecision.APPROVE, performer_id=999, revision=1)
    await press_on_card(stand_in, boss, new, forged.pack())
    assert boss.last_alert().text == "Такой анкеты нет."
    await press_on_card(stand_in, clerk, new, new.callback_data(DECLINE) or "")
    assert "для сотрудников" in clerk.last_alert().text
    assert [APPROVE, DECLINE] in new.buttons

    await boss.press_in(new, DECLINE)
    await boss.send("/cancel", chat=staff)
    assert staff.last_reply().text == "Отменено."
    await boss.press_in(new, APPROVE)
    await notice(anna, "Анкета одобрена")
    await press_data(stand_in, anna, GenreCb(genre=Genre.DANCE).pack())  # a button of the past
    assert "устарела" in anna.last_alert().text
    assert "Анна Гусли" in await my_profile(stand_in, anna)


async def test_the_form_survives_a_restart(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    await anna.send("/start")
    assert "ещё нет анкеты" in await my_profile(stand_in, anna)
    await anna.press("📝 Заполнить анкету")
    await anna.send("Цирк «Шапито»")
    await anna.press("🤹 Цирк")
    await bot.restart()
    await anna.press("3")
    await anna.press("🎻 Акустика")
    await anna.press("⬜ Реквизит")
    await anna.press("Готово")
    await anna.press("Пропустить")
    await anna.press("Пропустить")
    assert "Цирк «Шапито»" in anna.last_reply().text and "3 чел." in anna.last_reply().text
    await anna.press("📨 Отправить на проверку")
    assert "отправлена на проверку" in anna.last_reply().text
