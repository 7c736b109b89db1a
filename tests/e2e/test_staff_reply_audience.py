"""The staff card's reply button after the author deleted their account: it names who reads
the reply (the followers), or is gone when nobody would; a reply to nobody is refused."""

from domain.clock import SystemClock
from sandbox.driver import Group, Person
from sandbox.server import BotApiStandIn
from sandbox.views import SentMessage
from storage.uow import SqlUnitOfWork
from tests.e2e.harness import RunningBot
from tests.e2e.test_account_journey import open_profile
from tests.e2e.test_report_journeys import CENTRE, file_by_location, open_report_form
from tests.e2e.test_staff_journey import notice, staff_room, the_card
from tests.e2e.waiting import eventually

TO_AUTHOR = "💬 Ответить жителю"
TO_FOLLOWERS = "💬 Ответить подписчикам"
ASK = "❓ Уточнить"


async def delete_account(person: Person) -> None:
    await open_profile(person)
    await person.press("🗑 Удалить аккаунт")
    await person.press("🗑 Да, удалить аккаунт")
    assert person.last_reply().text.startswith("Аккаунт удалён.")


async def join_first_request(person: Person) -> None:
    await open_report_form(person)
    await person.share_location(CENTRE[0] + 0.0005, CENTRE[1])
    await person.press("Пропустить")
    await person.send("Большая яма на дороге возле набережной")
    await person.press("✅ Отправить")
    await person.press("Присоединиться к KZN-000001")
    assert "Вы присоединились к заявке KZN-000001" in person.last_reply().text


async def card_with_buttons(card: SentMessage, wanted: str | None) -> list[str]:
    """The card's buttons once the paced redraw shows (or drops) the reply button."""

    def shown() -> list[str]:
        buttons = [text for row in card.buttons for text in row]
        reply = [text for text in buttons if text.startswith("💬")]
        expected = [wanted] if wanted else []
        assert reply == expected, f"the card shows {card.buttons}, not {wanted!r}"
        return buttons

    return await eventually(shown)


async def answers_in_history(bot: RunningBot) -> int:
    assert bot.app is not None
    async with SqlUnitOfWork(bot.app.session_factory, SystemClock()) as uow:
        return sum(event.kind == "answer" for event in await uow.requests.history(1))


async def reply_refused(boss: Person, staff: Group, card: SentMessage) -> str:
    await boss.send("Бригада выедет завтра", chat=staff, reply_to=card)
    return staff.last_reply().text or ""


async def test_nobody_left_to_read_a_reply(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, _, staff = staff_room(stand_in)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    card = await the_card(staff, stand_in)
    stale_button = card.button(TO_AUTHOR)
    stale_question = card.button(ASK)
    await delete_account(anna)

    await the_card(staff, stand_in, "Житель удалил аккаунт")
    buttons = await card_with_buttons(card, None)
    assert "🙋 Взять" in buttons and "✅ Решено" in buttons  # the work goes on
    assert ASK not in buttons  # only the author could answer a question
    await boss.send("/find KZN-000001", chat=staff)
    found = staff.last_reply()
    assert "Житель удалил аккаунт" in found.text
    assert not [text for row in found.buttons for text in row if text.startswith("💬")]

    record = boss.press_button(card, stale_button)  # a press on the card as it was
    await stand_in.wait_idle()
    assert record.answer is not None and "никто не отслеживает" in record.answer.text
    assert await reply_refused(boss, staff, card) == (
        "Ответ не отправлен: житель удалил аккаунт, и заявку никто не отслеживает."
    )
    assert await answers_in_history(bot) == 0  # nothing recorded as said to nobody

    record = boss.press_button(card, stale_question)
    await stand_in.wait_idle()
    assert record.answer is not None and "ответить на него некому" in record.answer.text
    assert staff.last_reply().text.startswith("Ответ не отправлен")  # no prompt for a question


async def test_the_followers_read_the_reply_once_the_author_left(
    anna: Person, boris: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, _, staff = staff_room(stand_in)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    card = await the_card(staff, stand_in)
    await delete_account(anna)
    await card_with_buttons(card, None)

    await join_first_request(boris)  # someone to reach again: the card is redrawn
    await card_with_buttons(card, TO_FOLLOWERS)
    await boss.press_in(card, TO_FOLLOWERS)
    prompt = staff.last_reply().text or ""
    assert prompt.startswith("Автор заявки KZN-000001 удалил аккаунт; ответ получат"), prompt
    await boss.send("Бригада выедет завтра утром", chat=staff)
    assert staff.last_reply().text == "Готово: подписчики заявки получат уведомление."
    assert "ответ города: Бригада" in (await notice(boris, "Бригада выедет")).text

    await boss.send("Подрядчик назначен", chat=staff, reply_to=card)
    assert staff.last_reply().text == "Ответ отправлен подписчикам заявки."
    await notice(boris, "Подрядчик назначен")
    assert await answers_in_history(bot) == 2

    await delete_account(boris)  # the last follower leaves: the card loses the reply button
    await card_with_buttons(card, None)
