"""Departments over the stand-in: an operator files a caller's request from the staff chat,
its card appears in the department's own chat, the head passes it on, others are refused."""

from sqlalchemy import select, update

from sandbox.driver import Group, Person
from sandbox.people import add_group, add_person
from sandbox.server import BotApiStandIn
from sandbox.views import SentMessage
from storage.models import DepartmentRow, RequestEventRow, RequestRow
from tests.e2e.harness import STAFF_CHAT_ID, RunningBot
from tests.e2e.test_report_journeys import CENTRE, file_by_location
from tests.e2e.waiting import eventually

ROADS_CHAT_ID = -1009876543210
ROADS = "Комитет внешнего благоустройства"


async def card_in(chat: Group, showing: str) -> SentMessage:
    def the_one() -> SentMessage:
        cards = [
            m
            for m in chat.messages()
            if m.from_bot and (m.text or "").startswith("Заявка KZN-000001\n")
        ]
        assert len(cards) == 1 and showing in (cards[0].text or ""), cards
        return cards[0]

    return await eventually(the_one, timeout=20)


async def test_a_phone_request_reaches_its_department_and_its_head_passes_it_on(
    stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    world = stand_in.world
    operator = add_person(world, first_name="Оператор")
    head = add_person(world, first_name="Руководитель")
    clerk = add_person(world, first_name="Инженер")
    staff = add_group(
        world, title="Штаб", admins=[operator], members=[head, clerk], chat_id=STAFF_CHAT_ID
    )
    roads = add_group(world, title="КВБ", members=[head, clerk], chat_id=ROADS_CHAT_ID)
    said = await clerk.send("Здравствуйте", chat=staff)  # the clerk is named staff; the head
    await operator.send("/staff add", chat=staff, reply_to=said)  # is staff as its head
    assert bot.app is not None
    async with bot.app.session_factory.begin() as session:  # set through the admin API
        await session.execute(
            update(DepartmentRow)
            .where(DepartmentRow.code == "roads_improvement")
            .values(chat_id=ROADS_CHAT_ID, head_user_id=head.id)
        )

    await operator.send("/call", chat=staff)
    form = staff.last_reply()
    assert "Заявка по звонку" in form.text
    await operator.send("Баумана 15", chat=staff)  # before the category: a button is asked for
    assert "кнопкой" in staff.last_reply().text
    await operator.press_in(form, "Дороги и тротуары")
    await operator.send("Несуществующая Фантазийная 999", chat=staff)
    assert "Не нашёл такой адрес" in staff.last_reply().text
    await operator.send("Баумана 15", chat=staff)
    assert "ул. Баумана, 15" in staff.last_reply().text
    await operator.send("яма", chat=staff)
    assert "Слишком коротко" in staff.last_reply().text
    await operator.send("Глубокая яма у перехода, звонившая споткнулась", chat=staff)
    await operator.send("позвоните завтра", chat=staff)
    assert "Не похоже на номер" in staff.last_reply().text
    await operator.send("8 (900) 123-45-67", chat=staff)
    assert "принята по телефону" in staff.last_reply().text

    card = await card_in(roads, f"🏢 Подразделение: {ROADS}")
    assert "☎️ Принята по телефону" in card.text and "+79001234567" in card.text
    assert not [m for m in staff.messages() if (m.text or "").startswith("Заявка KZN-000001\n")]
    async with bot.app.session_factory() as session:
        stored = (await session.scalars(select(RequestRow))).one()
    assert (stored.channel, stored.author_id, stored.department) == (
        "phone",
        None,
        "roads_improvement",
    )

    await head.send("/queue", chat=roads)
    queue = roads.last_reply().text
    assert queue.startswith(f"Открытые заявки — {ROADS}") and "🆕 KZN-000001" in queue

    await clerk.press_in(card, "🏢 Передать")  # staff, but not the head: refused
    assert "только руководитель" in clerk.last_alert().text
    await clerk.send("/reassign KZN-000001 city_desk", chat=roads)
    assert "только руководитель" in roads.last_reply().text

    stale_take = card.button("🙋 Взять")
    await head.press_in(card, "🏢 Передать")
    picker = roads.last_reply()
    assert "Кому передать заявку KZN-000001" in picker.text
    await head.press_in(picker, "🏢 Общий отдел обращений")
    assert "передана: Общий отдел обращений" in roads.last_reply().text
    # The card follows the request to the main staff chat; the one left behind says so.
    await card_in(staff, "🏢 Подразделение: Общий отдел обращений")
    left = await card_in(roads, "передана другому подразделению")
    assert left.buttons == []  # the department it left no longer acts on it
    record = clerk.press_button(left, stale_take)  # a client that had not redrawn it
    await stand_in.wait_idle()
    assert record.answer is not None and "передали другому подразделению" in record.answer.text
    await clerk.send("Выезжаем", chat=roads, reply_to=left)  # an answer under the old card
    assert "передали другому подразделению" in roads.last_reply().text
    async with bot.app.session_factory() as session:
        kinds = list(await session.scalars(select(RequestEventRow.kind)))
        moved = (await session.scalars(select(RequestRow))).one()
    assert "reassigned" in kinds and moved.department == "city_desk"
    assert "taken" not in kinds and moved.assignee_id is None


async def test_a_department_topic_in_the_forum_staff_chat_takes_its_cards(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss = add_person(stand_in.world, first_name="Начальник")
    staff = add_group(
        stand_in.world, title="Штаб", admins=[boss], chat_id=STAFF_CHAT_ID, is_forum=True
    )
    topic = 500  # made by hand in the forum, then given to the department
    staff.chat.topics[topic] = {"message_thread_id": topic, "name": "КВБ"}
    assert bot.app is not None
    async with bot.app.session_factory.begin() as session:
        await session.execute(
            update(DepartmentRow)
            .where(DepartmentRow.code == "roads_improvement")
            .values(thread_id=topic)
        )
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    card = await card_in(staff, f"🏢 Подразделение: {ROADS}")
    assert card.raw.get("message_thread_id") == topic
    assert set(staff.topics) == {topic}  # no category topic was opened for it
