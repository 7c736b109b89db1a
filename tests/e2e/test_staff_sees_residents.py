"""What staff see of a resident's request: the author's words come as a new message under the
card (not only an edit far up the chat), the card names who took it, a reopened request says
so, and a card deleted by hand comes back on the next change."""

from sandbox.driver import Group, Person
from sandbox.people import add_group, add_person
from sandbox.server import BotApiStandIn
from sandbox.views import SentMessage
from tests.e2e.harness import STAFF_CHAT_ID, RunningBot
from tests.e2e.test_report_journeys import CENTRE, file_by_location
from tests.e2e.test_staff_journey import notice, staff_room, the_card
from tests.e2e.waiting import eventually

PACED = 30.0  # seconds: the staff chat is a group, paced at 20 messages a minute


async def card_besides(staff: Group, showing: str, found: SentMessage) -> SentMessage:
    """The one card of the request showing `showing`, a /find answer (`found`) aside."""

    def the_one() -> SentMessage:
        cards = [
            m
            for m in staff.messages()
            if (m.text or "").startswith("Заявка KZN-000001")
            and m.from_bot
            and m.message_id != found.message_id
        ]
        assert len(cards) == 1 and showing in (cards[0].text or ""), (
            f"no single card showing {showing!r}: {cards}"
        )
        return cards[0]

    return await eventually(the_one, timeout=PACED)


def buttons(message: SentMessage) -> list[str]:
    return [b for row in message.buttons for b in row]


async def news(staff: Group, fragment: str) -> SentMessage:
    """A new bot message in the staff chat (not an edit of the card) showing `fragment`."""
    return await staff.wait_for_reply(
        lambda m: fragment in (m.text or "") and not m.edited, timeout=PACED
    )


def replied_to(message: SentMessage) -> int | None:
    return (message.raw.get("reply_to_message") or {}).get("message_id")


async def asked(boss: Person, anna: Person, staff: Group, card: SentMessage) -> SentMessage:
    await boss.press_in(card, "❓ Уточнить")
    await boss.send("Какой подъезд?", chat=staff)
    return await notice(anna, "Какой подъезд?")


async def test_the_answer_to_a_question_comes_under_the_card_quoted(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, _, staff = staff_room(stand_in)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    card = await the_card(staff, stand_in)
    await boss.press_in(card, "🙋 Взять")
    await the_card(staff, stand_in, "Заявку ведёт: Начальник")
    assert "🙋 Взять" not in buttons(card)
    question = await asked(boss, anna, staff, card)

    await anna.press_in(question, "Открыть заявку")
    await anna.press("💬 Ответить на вопрос")
    await anna.send("Второй подъезд, <у входа> & слева")
    answer = await news(staff, "ответ автора на вопрос")
    assert answer.message_id != card.message_id and replied_to(answer) == card.message_id
    assert "KZN-000001" in answer.text and "Второй подъезд, <у входа> & слева" in answer.text
    await the_card(staff, stand_in, "комментарий автора: Второй подъезд")

    await anna.press("💬 Комментарий")
    await anna.send("Машины уже пробивают колёса")
    comment = await news(staff, "комментарий автора")
    assert "Машины уже пробивают колёса" in comment.text
    assert replied_to(comment) == card.message_id

    # Staff answer by replying to the news, as they would to the card.
    await boss.send("Бригада уже едет", chat=staff, reply_to=comment)
    assert "ответ города: Бригада" in (await notice(anna, "Бригада уже едет")).text


async def test_a_photo_from_the_author_is_shown_to_staff(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, _, staff = staff_room(stand_in)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    card = await the_card(staff, stand_in)
    question = await asked(boss, anna, staff, card)
    await anna.press_in(question, "Открыть заявку")
    await anna.press("💬 Ответить на вопрос")
    sent = await anna.send_photo()
    photo = await news(staff, "автор добавил")
    assert photo.photo is not None and replied_to(photo) == card.message_id
    assert photo.photo["file_id"] == sent.raw["photo"][-1]["file_id"]
    assert "KZN-000001" in photo.text and "ответ на вопрос" in photo.text
    await the_card(staff, stand_in, "Фото: 1")


async def test_reopening_tells_staff_the_reason_and_both_cards_say_reopened(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, _, staff = staff_room(stand_in)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    card = await the_card(staff, stand_in)
    await boss.press_in(card, "✅ Решено")
    await boss.send("Яму заделали", chat=staff)
    resolved = await notice(anna, "Яму заделали")
    await anna.press_in(resolved, "Открыть заявку")
    await anna.press("🔄 Проблема осталась")
    await anna.send("Яма снова появилась после дождя")
    assert "Статус: 🔄 открыта повторно" in anna.last_reply().text
    assert "новая" not in anna.last_reply().text

    told = await news(staff, "открыл её повторно")
    assert "Яма снова появилась после дождя" in told.text and "KZN-000001" in told.text
    assert replied_to(told) == card.message_id
    reopened = await the_card(staff, stand_in, "Статус: 🔄 открыта повторно")
    assert "🙋 Взять" in buttons(reopened) and "Заявку ведёт" not in reopened.text


async def test_a_press_on_an_old_take_button_says_who_has_the_request(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss = add_person(stand_in.world, first_name="Начальник")
    deputy = add_person(stand_in.world, first_name="Заместитель")
    staff = add_group(stand_in.world, title="Штаб", admins=[boss, deputy], chat_id=STAFF_CHAT_ID)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    card = await the_card(staff, stand_in)
    await deputy.send("/find KZN-000001", chat=staff)
    old = staff.last_reply()
    assert "🙋 Взять" in buttons(old)
    await boss.press_in(card, "🙋 Взять")
    await deputy.press_in(old, "🙋 Взять")
    assert deputy.last_alert().text == "Эту заявку уже ведёт Начальник."
    await boss.press_in(old, "🙋 Взять")
    assert boss.last_alert().text == "Эта заявка уже ваша."
    await card_besides(staff, "Заявку ведёт: Начальник", old)


async def test_a_colleague_takes_a_taken_request_over(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss = add_person(stand_in.world, first_name="Начальник")
    deputy = add_person(stand_in.world, first_name="Заместитель")
    staff = add_group(stand_in.world, title="Штаб", admins=[boss, deputy], chat_id=STAFF_CHAT_ID)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    card = await the_card(staff, stand_in)
    await boss.press_in(card, "🙋 Взять")
    await the_card(staff, stand_in, "Заявку ведёт: Начальник")
    assert "🙋 Взять" not in buttons(card) and "🔀 Забрать себе" in buttons(card)
    await boss.press_in(card, "🔀 Забрать себе")
    assert boss.last_alert().text == "Эта заявка уже ваша."
    told = len(anna.replies())
    await deputy.press_in(card, "🔀 Забрать себе")  # the boss went on leave
    await the_card(staff, stand_in, "Заявку ведёт: Заместитель")
    await stand_in.wait_idle()
    assert len(anna.replies()) == told  # for the resident the city simply goes on


async def test_a_card_deleted_by_hand_is_posted_anew_in_its_topic(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss = add_person(stand_in.world, first_name="Начальник")
    staff = add_group(
        stand_in.world, title="Штаб", admins=[boss], chat_id=STAFF_CHAT_ID, is_forum=True
    )
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    first = await the_card(staff, stand_in)
    topic = first.raw.get("message_thread_id")
    assert topic is not None
    await boss.send("/find KZN-000001", chat=staff)
    found = staff.last_reply()
    staff.delete(first)

    await boss.press_in(found, "🙋 Взять")
    card = await card_besides(staff, "Статус: 🛠 в работе", found)
    assert card.message_id != first.message_id and not card.edited
    assert card.raw.get("message_thread_id") == topic

    await boss.press_in(card, "❓ Уточнить")
    await boss.send("Какой подъезд?", chat=staff)
    question = await notice(anna, "Какой подъезд?")
    await anna.press_in(question, "Открыть заявку")
    await anna.press("💬 Ответить на вопрос")
    await anna.send("Второй подъезд")
    answer = await news(staff, "ответ автора на вопрос")
    assert replied_to(answer) == card.message_id
    assert answer.raw.get("message_thread_id") == topic
    # The card posted anew is the card from then on: edited in place, not posted again.
    await card_besides(staff, "комментарий автора: Второй подъезд", found)
    assert card.edited


async def test_the_card_follows_a_new_follower_and_its_taker_leaving(
    anna: Person, boris: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, _, staff = staff_room(stand_in)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    card = await the_card(staff, stand_in)
    await boss.press_in(card, "🙋 Взять")
    await the_card(staff, stand_in, "Заявку ведёт: Начальник")

    await boris.send("/start")
    await boris.send("/report")
    await boris.press("Дороги и тротуары")
    await boris.share_location(*CENTRE)
    await boris.press("Пропустить")
    await boris.send("Та же яма, очень опасно вечером")
    await boris.press("✅ Отправить")
    await boris.press("Присоединиться к KZN-000001")
    await the_card(staff, stand_in, "присоединился ещё один житель")

    await boss.send("/profile")
    await boss.press("🗑 Удалить аккаунт")
    await boss.press("🗑 Да, удалить аккаунт")
    assert boss.last_reply().text.startswith("Аккаунт удалён.")

    def nobody_has_it() -> bool:  # the card is redrawn
        return "Заявку ведёт" not in (card.text or "")

    await eventually(nobody_has_it, timeout=PACED)
    assert "Заявку ведёт" not in (card.text or "") and "🙋 Взять" in buttons(card)


async def test_a_photo_with_a_caption_as_long_as_telegram_allows_reaches_staff(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot, no_bot_api_errors: BotApiStandIn
) -> None:
    boss, _, staff = staff_room(stand_in)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    card = await the_card(staff, stand_in)
    question = await asked(boss, anna, staff, card)
    caption = "Вот этот подъезд, у самого входа <слева> & " * 24  # 1,008 of 1,024 characters
    await anna.send_photo(caption[:1024], reply_to=question)
    photo = await news(staff, "автор добавил")
    assert photo.photo is not None and "Вот этот подъезд" in photo.text
    assert len(photo.text) <= 1024  # the news is the caption: the quote was shortened to fit
