"""A resident answers staff without knowing the trick, and no button lies about a request."""

from datetime import timedelta

from sqlalchemy import update

from sandbox.driver import Group, Person
from sandbox.server import BotApiStandIn
from sandbox.views import SentMessage
from storage.models import RequestRow
from tests.e2e.harness import START, RunningBot
from tests.e2e.test_report_journeys import CENTRE, file_by_location
from tests.e2e.test_staff_journey import notice, staff_room, the_card
from tests.e2e.test_staff_sees_residents import news
from tests.e2e.waiting import eventually

QUESTION = "Какой подъезд?"


async def card_of(staff: Group, number: str, showing: str = "") -> SentMessage:
    """The staff card of request `number` once it shows `showing`."""

    def the_one() -> SentMessage:
        cards = [m for m in staff.messages() if (m.text or "").startswith(f"Заявка {number}")]
        assert len(cards) == 1 and showing in (cards[0].text or ""), (
            f"no single card of {number} showing {showing!r}: {cards}"
        )
        return cards[0]

    return await eventually(the_one, timeout=20)


async def ask(boss: Person, staff: Group, number: str, question: str = QUESTION) -> None:
    card = await card_of(staff, number)
    await boss.press_in(card, "❓ Уточнить")
    await boss.send(question, chat=staff)


def went_to_a_request(message: SentMessage) -> bool:
    return (message.text or "").startswith(("Ответ ушёл", "Комментарий добавлен", "Фото"))


def live_cards(person: Person, number: str) -> list[SentMessage]:
    """Copies of the request's card in the person's chat that still have buttons."""
    return [
        m for m in person.replies() if (m.text or "").startswith(f"Заявка {number}") and m.buttons
    ]


async def test_answer_by_replying_to_the_question(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, _, staff = staff_room(stand_in)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    await ask(boss, staff, "KZN-000001")
    asked = await notice(anna, QUESTION)

    await anna.send("Второй подъезд, у самого входа", reply_to=asked)  # one action
    went = anna.last_reply()
    assert went.text.startswith("Ответ ушёл в заявку KZN-000001"), went.text
    assert "в работе" in went.text
    await the_card(staff, stand_in, "комментарий автора: Второй подъезд")
    await the_card(staff, stand_in, "Статус: 🛠 в работе")
    told = await news(staff, "ответ автора на вопрос")  # a new message, quoting her
    assert "Второй подъезд, у самого входа" in told.text

    sent = await anna.send_photo("Вот она, у бордюра", reply_to=asked)  # the caption too
    assert anna.last_reply().text.startswith("Фото добавлено в заявку KZN-000001")
    await the_card(staff, stand_in, "добавлено фото с подписью: Вот она, у бордюра")
    photo = await news(staff, "автор добавил 1 фото")
    assert photo.photo is not None and photo.photo["file_id"] == sent.raw["photo"][-1]["file_id"]
    assert "Вот она, у бордюра" in photo.text

    menu = await anna.send("/menu")
    await anna.send("Как записаться к врачу?", reply_to=anna.last_reply())  # not a request's
    assert not went_to_a_request(anna.last_reply()), menu


async def test_answer_by_the_next_message_and_its_undo(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, _, staff = staff_room(stand_in)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    await ask(boss, staff, "KZN-000001")
    await notice(anna, QUESTION)
    await anna.send("✖️ Отмена")  # a reply keyboard left on screen is not an answer
    assert not went_to_a_request(anna.last_reply())

    typed = await anna.send("Второй подъезд")  # no reply, no button: it goes to the request
    went = anna.last_reply()
    assert went.text.startswith("Ответ ушёл в заявку KZN-000001"), went.text
    assert went.raw["reply_to_message"]["message_id"] == typed.message_id
    assert ["↩️ Отменить", "Открыть заявку"] in went.buttons
    await the_card(staff, stand_in, "Статус: 🛠 в работе")

    await anna.press_in(went, "↩️ Отменить")
    assert went.text.startswith("↩️ Отменено: текст убран из заявки KZN-000001")
    assert went.buttons == []
    assert "Не нашёл ответа" in anna.last_reply().text  # what the text would have got
    await the_card(staff, stand_in, "автор отозвал свой комментарий: Второй подъезд")
    await the_card(staff, stand_in, "Статус: ❓ нужны уточнения")  # staff wait again
    taken_back = await news(staff, "автор отозвал свой комментарий")
    assert "вопрос снова ждёт ответа" in taken_back.text and "Второй подъезд" in taken_back.text

    await anna.send("Третий подъезд")  # still waiting: the next message is the answer
    assert anna.last_reply().text.startswith("Ответ ушёл в заявку KZN-000001")
    await the_card(staff, stand_in, "комментарий автора: Третий подъезд")
    await anna.send("Где оплатить ЖКХ?")  # nothing waits any more: a question for the FAQ
    assert not went_to_a_request(anna.last_reply())


async def test_two_waiting_requests_ask_which_and_keep_the_text(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, _, staff = staff_room(stand_in)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    await file_by_location(anna, CENTRE, "Не горит фонарь у остановки")
    await ask(boss, staff, "KZN-000001")
    await ask(boss, staff, "KZN-000002", "Какой номер столба?")
    await notice(anna, "Какой номер столба?")

    await anna.send("Столб номер 14")
    which = anna.last_reply()
    assert "К какой это?" in which.text
    assert which.buttons[-1] == ["Это не ответ — поискать в справке"]
    await anna.press_in(which, "❓ KZN-000002 · Не горит фонарь у остановки")
    assert which.text.startswith("Ответ ушёл в заявку KZN-000002")
    await card_of(staff, "KZN-000002", "комментарий автора: Столб номер 14")
    await the_card(staff, stand_in, "Статус: ❓ нужны уточнения")  # the other still waits

    await anna.send("Второй подъезд")  # now only one waits: no question asked
    assert anna.last_reply().text.startswith("Ответ ушёл в заявку KZN-000001")


async def test_stale_answer_and_reopen_buttons_refused_at_the_press(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, _, staff = staff_room(stand_in)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    await ask(boss, staff, "KZN-000001")
    asked = await notice(anna, QUESTION)
    await anna.press_in(asked, "Открыть заявку")
    card = anna.last_reply()
    assert ["💬 Ответить на вопрос"] in card.buttons

    staff_card = await the_card(staff, stand_in, "нужны уточнения")
    await boss.press_in(staff_card, "✅ Решено")
    await boss.send("Яму заделали", chat=staff)
    await notice(anna, "Яму заделали")
    await anna.press_in(card, "💬 Ответить на вопрос")  # the card she had open: now stale
    refused = anna.last_alert()
    assert refused.show_alert and "KZN-000001" in refused.text and "«решена»" in refused.text
    assert "Статус: ✅ решена" in card.text  # redrawn in place, the dead buttons gone
    assert ["💬 Ответить на вопрос"] not in card.buttons
    assert ["🔄 Проблема осталась"] in card.buttons
    assert "Напишите комментарий" not in anna.last_reply().text  # no prompt opened

    assert bot.app is not None
    async with bot.app.session_factory.begin() as session:  # the 14 days run out
        await session.execute(update(RequestRow).values(resolved_at=START - timedelta(days=15)))
    await anna.press_in(card, "🔄 Проблема осталась")
    assert "больше 14 дней" in anna.last_alert().text
    assert ["🔄 Проблема осталась"] not in card.buttons
    assert "Что осталось не так" not in anna.last_reply().text


async def test_a_prompt_overtaken_by_staff_keeps_the_typed_text(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, _, staff = staff_room(stand_in)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    await anna.send("/my")
    await anna.press_in(anna.last_reply(), anna.last_reply().buttons[0][0])
    await anna.press("💬 Комментарий или фото")
    staff_card = await the_card(staff, stand_in)
    await boss.press_in(staff_card, "⛔ Отклонить")
    await boss.send("Это не наша территория", chat=staff)
    await notice(anna, "не наша территория")

    await anna.send("Яма глубиной сантиметров двадцать")
    said = anna.replies()[-2].text
    assert "«отклонена»" in said and "Ваш текст не добавлен" in said, said
    assert "Яма глубиной сантиметров двадцать" in said  # given back, not lost
    assert "Статус: ⛔ отклонена" in anna.last_reply().text
    await anna.send("Где оплатить ЖКХ?")  # the prompt is closed: free text again
    assert "Нужен текст" not in anna.last_reply().text


async def test_opening_a_request_twice_leaves_one_live_card(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, _, staff = staff_room(stand_in)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    card = await the_card(staff, stand_in)
    await boss.press_in(card, "🙋 Взять")
    taken = await notice(anna, "взял в работу")
    await ask(boss, staff, "KZN-000001")
    asked = await notice(anna, QUESTION)

    await anna.press_in(taken, "Открыть заявку")
    await anna.press_in(asked, "Открыть заявку")
    assert [m.message_id for m in live_cards(anna, "KZN-000001")] == [asked.message_id]
    assert taken.buttons == []  # the older copy is silenced
    await anna.send("/my")
    await anna.press_in(anna.last_reply(), anna.last_reply().buttons[0][0])
    [live] = live_cards(anna, "KZN-000001")
    assert live.message_id == anna.last_reply().message_id and asked.buttons == []
    await anna.press_in(live, "📋 К списку")  # the card became the list again
    await anna.send("/start req_1")
    assert len(live_cards(anna, "KZN-000001")) == 1
    assert any("KZN-000001" in label for row in live.buttons for label in row)  # kept its own


async def test_an_answer_whose_reply_telegram_keeps_refusing_still_arrives_once(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    """The answer is committed before the bot says where it went; if Telegram then answers
    5xx to every try, the update would be skipped on its replay: the reply goes through the
    outbox instead, and the answer is recorded once."""
    boss, _, staff = staff_room(stand_in)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    await ask(boss, staff, "KZN-000001")
    await notice(anna, QUESTION)
    stand_in.faults.fail("sendMessage", times=3, status=502, chat_id=anna.id)
    await anna.send("Второй подъезд", timeout=30)
    went = await anna.wait_for_reply(went_to_a_request, timeout=20)
    assert went.text.startswith("Ответ ушёл в заявку KZN-000001"), went.text
    assert ["↩️ Отменить", "Открыть заявку"] in went.buttons
    await stand_in.wait_idle(timeout=10)
    assert sum(went_to_a_request(m) for m in anna.replies()) == 1
    card = await the_card(staff, stand_in, "комментарий автора: Второй подъезд")
    assert (card.text or "").count("Второй подъезд") == 1


async def test_an_album_answer_goes_whole_to_the_request_confirmed_once(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, _, staff = staff_room(stand_in)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    await ask(boss, staff, "KZN-000001")
    await notice(anna, QUESTION)
    await anna.send_album(3, "Вот этот подъезд")  # the next message: an album of three
    await stand_in.wait_idle()
    assert sum(went_to_a_request(m) for m in anna.replies()) == 1
    await the_card(staff, stand_in, "Фото: 3")

    await anna.press_in(anna.last_reply(), "Открыть заявку")
    await anna.press("💬 Комментарий")
    await anna.send_album(2)  # by the comment button: the second photo is not left behind
    await stand_in.wait_idle()
    await the_card(staff, stand_in, "Фото: 5")
    assert not [m for m in anna.replies() if "не добавлено" in (m.text or "")]
