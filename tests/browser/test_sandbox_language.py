"""The sandbox page's own interface in Russian, Tatar or English, chosen by its switcher and
remembered by the browser; the bot's messages keep each person's language in the bot."""

import pytest

from tests.browser.conftest import NO_PLAYWRIGHT, WAIT_MS, OpenContext, Sandbox
from tests.browser.test_sandbox_journey import ALSU, DESKTOP, Visitor

pytest.importorskip("playwright.async_api", reason=NO_PLAYWRIGHT)

from playwright.async_api import expect  # noqa: E402 - only once Playwright is known to be there


async def test_the_page_speaks_the_chosen_language(
    open_context: OpenContext, sandbox: Sandbox
) -> None:
    visitor = Visitor(await (await open_context(viewport=DESKTOP)).new_page())
    page = visitor.page
    await visitor.open(sandbox, ALSU)
    await expect(page.locator("#people-heading")).to_have_text("Кто вы")  # Russian first
    await visitor.send("/start")
    greeting = await visitor.bot_says("Здравствуйте")

    await page.get_by_test_id("page-language").select_option("en")
    await expect(page.locator("#people-heading")).to_have_text("Who you are")
    await expect(page.get_by_test_id("composer-input")).to_have_attribute("placeholder", "Message")
    await expect(page.get_by_test_id("connection")).to_have_text("connected", timeout=WAIT_MS)
    await expect(page.locator("html")).to_have_attribute("lang", "en")
    await expect(page).to_have_title("My Kazan — sandbox")
    await expect(greeting).to_contain_text("Здравствуйте")  # the bot's words are the bot's

    await page.reload()
    await expect(page.locator("body[data-ready=true]")).to_be_attached(timeout=WAIT_MS)
    await expect(page.locator("#chats-heading")).to_have_text("Chats")  # remembered
    await page.get_by_test_id("page-language").select_option("tt")
    await expect(page.locator("#people-heading")).to_have_text("Сез кем")
    await expect(page.get_by_test_id("add-person")).to_have_text("+ Өстәү")
