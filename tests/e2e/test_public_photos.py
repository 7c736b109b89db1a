"""A resident's photo reaches the public request page only when staff mark it publishable
on the card in the staff chat, and leaves it when they take the mark back. The page links the
photo at its own address (the web app fetches it from the Bot API); the file id is never in
what a visitor receives; Telegram failing leaves the page up and the photo answered 503."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.open311.context import open311_context
from bot.public.app import public_context
from bot.web import create_web_app
from domain.clock import StartedClock
from sandbox.driver import Group, Person
from sandbox.files import tiny_jpeg
from sandbox.people import add_person
from sandbox.server import BotApiStandIn
from sandbox.views import SentMessage
from storage.uow import SqlUnitOfWork
from tests.e2e.harness import RunningBot, copy_template, settings_for
from tests.e2e.test_report_journeys import open_report_form
from tests.e2e.test_staff_journey import staff_room, the_card

BASE = "https://kazan.example"
PAGE = "/r/KZN-000001"
PHOTO = PAGE + "/photo/1.jpg"
IMAGE = tiny_jpeg(640, 480)


@dataclass
class Site:
    """The bot, and its web app (public pages and Open311) as a visitor reaches it."""

    bot: RunningBot
    client: TestClient

    async def page(self) -> str:
        answer = await self.client.get(PAGE)
        assert answer.status == 200
        return await answer.text()

    async def media_url(self) -> str | None:
        answer = await self.client.get("/open311/v2/requests/KZN-000001.json")
        assert answer.status == 200
        media: str | None = (await answer.json())[0]["media_url"]
        return media

    async def file_ids(self) -> list[str]:
        assert self.bot.app is not None
        async with SqlUnitOfWork(self.bot.app.session_factory, self.bot.clock) as uow:
            return [photo.file_id for photo in await uow.requests.photos(1)]


@pytest.fixture
async def site(
    stand_in: BotApiStandIn, database_template: Path, tmp_path: Path, clock: StartedClock
) -> AsyncIterator[Site]:
    database = copy_template(database_template, tmp_path / "bot.sqlite3")
    running = RunningBot(settings_for(stand_in, database, public_base_url=BASE), clock)
    await running.start()
    try:
        assert running.app is not None
        app = running.app
        web_app = create_web_app(
            app.dispatcher,
            app.bot,
            None,
            public=public_context(app),
            open311=open311_context(app),
        )
        async with TestClient(TestServer(web_app)) as client:
            yield Site(running, client)
    finally:
        await running.stop()


async def filed_with_a_photo(anna: Person) -> None:
    await open_report_form(anna)
    await anna.send("Баумана 15")
    await anna.send_photo(caption="Глубокая яма на тротуаре у входа в магазин", image=IMAGE)
    await anna.press("✅ Отправить")
    assert "Заявка KZN-000001 принята" in anna.last_reply().text


def buttons(card: SentMessage) -> list[str]:
    return [label for row in card.buttons for label in row]


async def published(stand_in: BotApiStandIn, site: Site) -> tuple[Person, Group, SentMessage]:
    """Anna's request with one photo, its card in the staff chat, the photo made public."""
    boss, clerk, staff = staff_room(stand_in)
    anna = add_person(stand_in.world, first_name="Анна", language_code="ru")
    await filed_with_a_photo(anna)
    card = await the_card(staff, stand_in, "🌐 Фото на публичной странице: 0 из 1")
    assert "🌐 Показать фото 1" in buttons(card)

    await clerk.press_in(card, "🌐 Показать фото 1")  # not staff: refused, nothing changes
    assert "для сотрудников" in clerk.last_alert().text
    assert "<img" not in await site.page()

    await boss.press_in(card, "🌐 Показать фото 1")
    answer = boss.last_alert()
    assert "Фото 1 заявки KZN-000001 видно на публичной странице" in answer.text
    assert "Публичных фото: 1 из 1" in answer.text and not answer.show_alert
    card = await the_card(staff, stand_in, "🌐 Фото на публичной странице: 1 из 1")
    assert "🙈 Скрыть фото 1" in buttons(card) and "🌐 Показать фото 1" not in buttons(card)
    return boss, staff, card


async def test_an_unmarked_photo_is_nowhere_public(stand_in: BotApiStandIn, site: Site) -> None:
    anna = add_person(stand_in.world, first_name="Анна", language_code="ru")
    await filed_with_a_photo(anna)
    page = await site.page()
    assert "<img" not in page and "/photo/" not in page
    assert (await site.client.get(PHOTO)).status == 404
    assert (await site.client.get(PAGE + "/photo/2.jpg")).status == 404
    assert (await site.client.get("/r/KZN-000404/photo/1.jpg")).status == 404
    assert await site.media_url() is None


async def test_staff_publish_a_photo_and_take_it_back(stand_in: BotApiStandIn, site: Site) -> None:
    boss, staff, card = await published(stand_in, site)

    page = await site.page()
    assert f'<img src="{PHOTO}"' in page
    file_ids = await site.file_ids()
    assert file_ids and not any(file_id in page for file_id in file_ids)
    assert stand_in.token not in page
    photo = await site.client.get(PHOTO)
    assert photo.status == 200 and photo.content_type == "image/jpeg"
    assert await photo.read() == IMAGE
    assert "max-age" in photo.headers["Cache-Control"]
    again = await site.client.get(PHOTO, headers={"If-None-Match": photo.headers["ETag"]})
    assert again.status == 304
    stand_in.faults.fail("getFile", times=1, status=502)  # kept: Telegram is not asked again
    cached = await site.client.get(PHOTO)
    assert cached.status == 200 and await cached.read() == IMAGE
    stand_in.faults.clear()
    assert await site.media_url() == BASE + PHOTO

    await boss.press_in(card, "🙈 Скрыть фото 1")
    assert "больше не показывается публично" in boss.last_alert().text
    await the_card(staff, stand_in, "🌐 Фото на публичной странице: 0 из 1")
    assert "<img" not in await site.page()
    assert (await site.client.get(PHOTO)).status == 404
    assert await site.media_url() is None


async def test_telegram_failing_leaves_the_page_up(stand_in: BotApiStandIn, site: Site) -> None:
    await published(stand_in, site)
    stand_in.faults.fail("getFile", times=3, status=502)
    failed = await site.client.get(PHOTO)
    assert failed.status == 503 and failed.headers["Retry-After"]
    assert "Фото сейчас недоступно" in await failed.text()
    assert f'<img src="{PHOTO}"' in await site.page()  # the page never waits for a photo
    stand_in.faults.clear()
    assert (await site.client.get(PHOTO)).status == 200
