"""Staff work a request from the staff chat; the resident follows every step."""

import asyncio

from sandbox.driver import Group, Person
from sandbox.server import BotApiStandIn
from sandbox.views import SentMessage
from tests.e2e.harness import STAFF_CHAT_ID, RunningBot
from tests.e2e.test_report_journeys import CENTRE, file_by_location


async def the_card(staff: Group, stand_in: BotApiStandIn, showing: str = "") -> SentMessage:
    """The one card of the request, once it shows `showing` (edits are paced for groups)."""
    for _ in range(200):
        cards = [m for m in staff.messages() if "KZN-000001" in (m.text or "") and m.from_bot]
        if len(cards) == 1 and showing in (cards[0].text or ""):
            return cards[0]
        await asyncio.sleep(0.1)
    raise AssertionError(f"no single card showing {showing!r}: {cards}")


async def notice(person: Person, fragment: str) -> SentMessage:
    return await person.wait_for_reply(lambda m: fragment in (m.text or ""))


async def test_taken_questioned_answered_resolved(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss = stand_in.world.add_person(first_name="Начальник")
    clerk = stand_in.world.add_person(first_name="Прохожий")
    staff = stand_in.world.add_group(
        title="Штаб", admins=[boss], members=[clerk], chat_id=STAFF_CHAT_ID
    )
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    card = await the_card(staff, stand_in)
    assert ["🙋 Взять", "🛠 В работу", "❓ Уточнить"] in card.buttons

    await clerk.press_in(card, "✅ Решено")  # not staff: refused, nothing changes
    assert "для сотрудников" in clerk.last_alert().text
    await boss.press_in(card, "🙋 Взять")
    assert "взял в работу" in (await notice(anna, "🔔")).text
    await the_card(staff, stand_in, "Статус: 🛠 в работе")

    await boss.press_in(card, "❓ Уточнить")
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
    await boss.send("просто болтаем", chat=staff, reply_to=staff.messages()[0])
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
    assert "Статус: 🆕 новая" in anna.last_reply().text
    reopened = await the_card(staff, stand_in, "Яма снова появилась")
    assert ["🙋 Взять", "🛠 В работу", "❓ Уточнить"] in reopened.buttons  # back to life
