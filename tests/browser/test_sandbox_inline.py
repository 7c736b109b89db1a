"""Inline mode on the sandbox page: "@bot вода" typed in the composer lists the real bot's
FAQ answers above it; a click shares one in the open chat as the person's message "via"."""

from pathlib import Path

import pytest

from tests.browser.conftest import NO_PLAYWRIGHT, OpenContext, Sandbox
from tests.browser.test_sandbox_journey import ALSU, DESKTOP, ILDAR, STAFF_CHAT_ID, Visitor

pytest.importorskip("playwright.async_api", reason=NO_PLAYWRIGHT)

from playwright.async_api import Request, expect  # noqa: E402 - only once Playwright is there

NO_WATER = "Что делать, если отключили воду?"


async def bot_username(visitor: Visitor, sandbox: Sandbox) -> str:
    state = await (await visitor.page.request.get(f"{sandbox.url}/api/state")).json()
    return str(state["bot"]["username"])


async def test_a_resident_shares_an_faq_answer_via_the_bot(
    open_context: OpenContext, sandbox: Sandbox, artifacts: Path
) -> None:
    visitor = Visitor(await (await open_context(viewport=DESKTOP)).new_page())
    page = visitor.page
    await visitor.open(sandbox, ALSU)
    username = await bot_username(visitor, sandbox)
    asked: list[Request] = []
    page.on("request", lambda r: asked.append(r) if r.url.endswith("/api/inline") else None)

    composer = page.get_by_test_id("composer-input")
    await composer.press_sequentially(f"@{username} вода", delay=30)
    answer = page.get_by_test_id("inline-result").filter(has_text=NO_WATER)
    await expect(answer).to_be_visible()
    await expect(answer.get_by_test_id("inline-title")).to_have_css("font-weight", "600")
    await expect(answer.get_by_test_id("inline-description")).to_contain_text(
        "Сначала проверьте /alerts"
    )
    # Typing " вода" is five changes of the text; the page asked once it paused.
    assert 1 <= len(asked) < 5, [r.url for r in asked]
    await page.screenshot(path=artifacts / "sandbox-inline-results.png")

    await answer.click()
    shared = visitor.message(NO_WATER).and_(page.locator("[data-from-bot=false]"))
    await expect(shared.get_by_test_id("message-via")).to_have_text(f"через @{username}")
    await expect(page.get_by_test_id("inline-results")).to_be_hidden()
    await expect(composer).to_have_value("")
    # The bot does not take its own shared answer for a question.
    await visitor.bot_says("Напишите вопрос своими словами")
    await page.screenshot(path=artifacts / "sandbox-inline-shared.png")


async def test_staff_share_an_answer_in_the_staff_chat_by_keyboard(
    open_context: OpenContext, sandbox: Sandbox
) -> None:
    visitor = Visitor(await (await open_context(viewport=DESKTOP)).new_page())
    page = visitor.page
    await visitor.open(sandbox, ILDAR, STAFF_CHAT_ID)
    username = await bot_username(visitor, sandbox)
    await page.get_by_test_id("page-language").select_option("en")

    composer = page.get_by_test_id("composer-input")
    await composer.fill(f"@{username.upper()} вода")  # the mention in any case
    first = page.get_by_test_id("inline-result").first
    await expect(first).to_be_visible()
    await expect(page.get_by_test_id("inline-results")).to_have_attribute(
        "aria-label", "The bot's answers to share"
    )
    title = await first.get_by_test_id("inline-title").text_content()
    assert title
    await composer.press("ArrowDown")
    await expect(first).to_be_focused()
    await page.keyboard.press("Enter")

    shared = visitor.message(title).and_(page.locator("[data-from-bot=false]")).last
    await expect(shared.get_by_test_id("message-via")).to_have_text(f"via @{username}")
    await composer.fill(f"@{username} ")  # an empty query lists the first questions
    await expect(page.get_by_test_id("inline-result").first).to_be_visible()
    await composer.press("Escape")
    await expect(page.get_by_test_id("inline-results")).to_be_hidden()
