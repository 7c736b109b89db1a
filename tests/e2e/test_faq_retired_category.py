"""An FAQ entry whose category has been retired no longer leads to a request in it."""

from sqlalchemy import update

from sandbox.driver import Person
from sandbox.server import BotApiStandIn
from storage.models import CategoryRow
from tests.e2e.harness import RunningBot, press_data

WATER = "📝 Сообщить о проблеме: Вода и отопление"


async def retire(bot: RunningBot, code: str) -> None:
    assert bot.app is not None
    async with bot.app.session_factory() as session:
        await session.execute(
            update(CategoryRow).where(CategoryRow.code == code).values(active=False)
        )
        await session.commit()


async def test_a_retired_category_is_not_offered(
    anna: Person, bot: RunningBot, stand_in: BotApiStandIn
) -> None:
    await anna.send("нет воды в доме")
    offered = anna.last_reply()
    assert [WATER] in offered.buttons  # on offer while the category is active
    report_data = offered.callback_data(WATER)

    await retire(bot, "water_heating")
    await anna.send("нет воды в доме")
    answer = anna.last_reply()
    assert answer.html.startswith("<b>Что делать, если отключили воду?</b>")
    assert "Вода и отопление" not in str(answer.buttons)

    await anna.press("👎 Не помогло")
    assert anna.last_reply().buttons == [["📝 Сообщить о проблеме"], ["☎️ Телефоны служб"]]

    assert report_data is not None
    await press_data(stand_in, anna, report_data)  # the button shown before it was retired
    assert "кнопка устарела" in anna.last_alert().text
    assert not any("Категория: Вода и отопление" in (m.text or "") for m in anna.replies())
