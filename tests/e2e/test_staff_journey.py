"""Staff work a request from the staff chat; the resident follows every step."""

from sqlalchemy import update

from sandbox.driver import Group, Person
from sandbox.people import add_group, add_person
from sandbox.server import BotApiStandIn
from sandbox.views import SentMessage
from scheduler.jobs import escalate_unanswered
from storage.models import RequestRow
from tests.e2e.harness import STAFF_CHAT_ID, START, RunningBot
from tests.e2e.test_report_journeys import CENTRE, file_by_location
from tests.e2e.waiting import eventually


def staff_room(stand_in: BotApiStandIn) -> tuple[Person, Person, Group]:
    """The staff chat with its administrator and a member who is not staff."""
    boss = add_person(stand_in.world, first_name="Начальник")
    clerk = add_person(stand_in.world, first_name="Делопроизводитель")
    staff = add_group(
        stand_in.world, title="Штаб", admins=[boss], members=[clerk], chat_id=STAFF_CHAT_ID
    )
    return boss, clerk, staff


async def the_card(staff: Group, stand_in: BotApiStandIn, showing: str = "") -> SentMessage:
    """The one card of the request, once it shows `showing` (edits are paced for groups)."""

    def the_one() -> SentMessage:
        cards = [
            m
            for m in staff.messages()
            if (m.text or "").startswith("Заявка KZN-000001") and m.from_bot
        ]
        assert len(cards) == 1 and showing in (cards[0].text or ""), (
            f"no single card showing {showing!r}: {cards}"
        )
        return cards[0]

    return await eventually(the_one, timeout=20)


async def notice(person: Person, fragment: str) -> SentMessage:
    return await person.wait_for_reply(lambda m: fragment in (m.text or ""))


async def test_taken_questioned_answered_resolved(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, clerk, staff = staff_room(stand_in)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    card = await the_card(staff, stand_in)
    assert ["🙋 Взять", "🛠 В работу", "❓ Уточнить"] in card.buttons

    await clerk.press_in(card, "✅ Решено")  # not staff: refused, nothing changes
    assert "для сотрудников" in clerk.last_alert().text
    await boss.press_in(card, "🙋 Взять")
    assert "взял в работу" in (await notice(anna, "🔔")).text
    await the_card(staff, stand_in, "Статус: 🛠 в работе")

    await boss.press_in(card, "❓ Уточнить")
    prompt = staff.last_reply().text
    assert prompt.startswith("Что уточнить у автора заявки KZN-000001?"), prompt
    await boss.send("Какой подъезд?", chat=staff)
    asked = await notice(anna, "Какой подъезд?")
    assert "вопрос от города" in asked.text and "нужны уточнения" in asked.text
    await anna.press_in(asked, "Открыть заявку")
    await anna.press("💬 Ответить на вопрос")
    await anna.send("Второй подъезд, у самого входа")
    assert "Статус: 🛠 в работе" in anna.last_reply().text  # the answer resumed the work
    await the_card(staff, stand_in, "комментарий автора: Второй подъезд")

    await boss.send("Спасибо, передали подрядчику", chat=staff, reply_to=card)
    assert "ответ города: Спасибо" in (await notice(anna, "подрядчику")).text
    # A reply to a colleague's message (not to the card or the author's news) is chatter.
    chatter_about = await boss.send("Кто съездит посмотреть?", chat=staff)
    await boss.send("просто болтаем", chat=staff, reply_to=chatter_about)
    await stand_in.wait_idle()
    assert not [m for m in anna.replies() if "болтаем" in (m.text or "")]

    await boss.press_in(card, "✅ Решено")
    await boss.send("Яму заделали", chat=staff)
    resolved = await notice(anna, "Яму заделали")
    assert "решена" in resolved.text
    final = await the_card(staff, stand_in, "Статус: ✅ решена")
    assert final.buttons == []
    await anna.press_in(resolved, "Открыть заявку")
    history = anna.last_reply().text
    for line in ("заявку взял в работу", "вопрос от города", "ответ города: Яму заделали"):
        assert line in history

    await anna.press("☆4")
    assert anna.last_alert().text == "Спасибо за оценку!"
    assert "★4" in str(anna.last_reply().buttons)
    await the_card(staff, stand_in, "оценка решения: 4 из 5")
    await anna.press("🔄 Проблема осталась")
    await anna.send("Яма снова появилась после дождя")
    assert "Статус: 🔄 открыта повторно" in anna.last_reply().text
    reopened = await the_card(staff, stand_in, "Яма снова появилась")
    assert ["🙋 Взять", "🛠 В работу", "❓ Уточнить"] in reopened.buttons  # back to life

    await boss.press_in(reopened, "💬 Ответить жителю")
    await boss.send("Бригада выедет завтра утром", chat=staff)
    assert "ответ города: Бригада" in (await notice(anna, "Бригада выедет")).text
    await boss.press_in(reopened, "✅ Решено")
    await boss.send("Заделали повторно, с гарантией", chat=staff)
    assert "решена" in (await notice(anna, "с гарантией")).text
    await the_card(staff, stand_in, "Статус: ✅ решена")


async def test_find_overdue_and_the_escalation_of_an_untaken_request(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, clerk, staff = staff_room(stand_in)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    await the_card(staff, stand_in)

    await boss.send("/find KZN-000001", chat=staff)
    found = staff.last_reply()
    assert "Заявка KZN-000001" in found.text and ["🙋 Взять", "🛠 В работу", "❓ Уточнить"] in (
        found.buttons
    )
    await boss.send("/find KZN-999999", chat=staff)
    assert "Не нашёл такую заявку" in staff.last_reply().text
    before = len(staff.messages())
    await clerk.send("/find KZN-000001", chat=staff)  # not staff: the bot stays silent
    await stand_in.wait_idle()
    assert len(staff.messages()) == before + 1  # only the clerk's own message
    await boss.send("/overdue", chat=staff)
    assert staff.last_reply().text == "Просроченных заявок нет."  # due on 14 December

    assert bot.app is not None
    factory = bot.app.session_factory
    assert await escalate_unanswered(factory, bot.clock, STAFF_CHAT_ID) == 0  # 24 hours left
    async with factory.begin() as session:  # a day passes with nobody taking it
        await session.execute(update(RequestRow).values(first_response_due_at=START))
    assert await escalate_unanswered(factory, bot.clock, STAFF_CHAT_ID) == 1
    assert await escalate_unanswered(factory, bot.clock, STAFF_CHAT_ID) == 0
    bot.app.outbox_wake.set()
    alarm = await staff.wait_for_reply(lambda m: "⏰" in (m.text or ""), timeout=15)
    assert "KZN-000001" in alarm.text and "/find KZN-000001" in alarm.text


async def test_every_staff_button_refused_to_others_and_the_staff_table(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, clerk, staff = staff_room(stand_in)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    card = await the_card(staff, stand_in)
    before = card.text
    for button in [b for row in card.buttons for b in row]:
        await clerk.press_in(card, button)
        assert "для сотрудников" in clerk.last_alert().text, button
    await stand_in.wait_idle()
    assert card.text == before and not [m for m in anna.replies() if "🔔" in (m.text or "")]

    hello = await clerk.send("Здравствуйте, я новый сотрудник", chat=staff)
    await clerk.send("/staff add", chat=staff, reply_to=hello)
    assert "могут администраторы" in staff.last_reply().text
    await boss.send("/staff add", chat=staff, reply_to=hello)
    assert "Теперь это сотрудник" in staff.last_reply().text
    await clerk.press_in(card, "🙋 Взять")
    assert clerk.last_alert().text == "Готово."
    await the_card(staff, stand_in, "Статус: 🛠 в работе")
    await boss.send("/staff remove", chat=staff, reply_to=hello)
    assert "Больше не сотрудник" in staff.last_reply().text
    await clerk.press_in(card, "❓ Уточнить")
    assert "для сотрудников" in clerk.last_alert().text


async def test_ready_made_answers_edited_by_staff_and_picked_when_rejecting(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, _, staff = staff_room(stand_in)
    await boss.send(
        "/templates add Это частная территория: обратитесь в управляющую компанию", chat=staff
    )
    assert "Шаблон №1 добавлен" in staff.last_reply().text
    await boss.send("/templates add Временный шаблон", chat=staff)
    await boss.send("/templates remove 2", chat=staff)
    assert staff.last_reply().text == "Шаблон удалён."
    await boss.send("/templates", chat=staff)
    assert "1. Это частная территория" in staff.last_reply().text
    assert "Временный" not in staff.last_reply().text
    await boss.send("/templates add " + "ы" * 2001, chat=staff)  # said why, nothing added
    assert "Шаблон не добавлен: нужен текст длиной до 2000 символов." in staff.last_reply().text
    await boss.send("/templates", chat=staff)
    assert "2." not in staff.last_reply().text

    await file_by_location(anna, CENTRE, "Мусор во дворе у подъезда, давно не вывозят")
    card = await the_card(staff, stand_in)
    await boss.press_in(card, "⛔ Отклонить")
    await boss.press("Это частная территория: обратитесь в уп…", chat=staff)
    rejected = await notice(anna, "частная территория")
    assert "отклонена" in rejected.text
    final = await the_card(staff, stand_in, "Статус: ⛔ отклонена")
    assert final.buttons == []
