"""The page keeps a person's words and shows the bot's answers where they land: a message
longer than Telegram allows is refused in the page's language and stays in the composer, an
answer that arrives by editing a message scrolls into view, and the place picker names the
places in the page's language."""

import pytest

from tests.browser.conftest import ARTIFACTS, NO_PLAYWRIGHT, WAIT_MS, OpenContext, Sandbox
from tests.browser.test_sandbox_journey import ALSU, DESKTOP, PHONE, Visitor

pytest.importorskip("playwright.async_api", reason=NO_PLAYWRIGHT)

from playwright.async_api import expect  # noqa: E402 - only once Playwright is known to be there

ARTYOM = 7101  # the demo's performer: a resident's chat of his own, untouched by other tests
TOO_LONG = "Яма " * 1100  # 4400 characters


async def test_a_too_long_message_is_refused_and_kept(
    open_context: OpenContext, sandbox: Sandbox
) -> None:
    visitor = Visitor(await (await open_context(viewport=DESKTOP)).new_page())
    page = visitor.page
    await visitor.open(sandbox, ALSU)
    await page.get_by_test_id("page-language").select_option("en")
    composer = page.get_by_test_id("composer-input")
    await composer.fill(TOO_LONG)
    await composer.press("Enter")

    refusal = page.get_by_test_id("toast").filter(has_text="longer than 4096 characters")
    await expect(refusal).to_be_visible(timeout=WAIT_MS)
    await visitor.screenshot(ARTIFACTS / "sandbox-too-long-refused.png")
    assert await composer.input_value() == TOO_LONG  # nothing typed is lost
    await expect(visitor.message("Яма Яма Яма")).to_have_count(0)  # and nothing was sent

    await page.get_by_test_id("page-language").select_option("tt")
    await composer.press("Enter")
    await expect(page.get_by_test_id("toast").filter(has_text="озынрак")).to_be_visible()
    await composer.fill("Яма")
    await visitor.send("Яма")  # a message that fits goes as before


async def test_an_answer_by_edit_scrolls_into_view(
    open_context: OpenContext, sandbox: Sandbox
) -> None:
    visitor = Visitor(await (await open_context(viewport=PHONE)).new_page())
    page = visitor.page
    await visitor.open(sandbox, ARTYOM)
    await visitor.send("/info")
    menu = await visitor.bot_says("Страница 1 из")
    for _ in range(3):  # the menu moves up the chat
        await visitor.send("/help")
        await visitor.bot_says("/report")
    # The person scrolls back to see the menu's last buttons at the top, not all of its text.
    await page.get_by_test_id("message-list").evaluate(
        """(list) => {
            const menu = [...list.querySelectorAll("[data-testid=message]")]
                .find((m) => m.textContent.includes("Страница 1 из"));
            const box = menu.getBoundingClientRect();
            list.scrollTop += box.top - list.getBoundingClientRect().top + box.height - 140;
        }"""
    )
    await expect(menu.get_by_text("Страница 1 из")).not_to_be_in_viewport(ratio=1)
    await visitor.press("Дальше ▶️", in_message=menu)

    edited = visitor.message("Страница 2 из", from_bot=True)
    await expect(edited).to_be_in_viewport(ratio=1, timeout=WAIT_MS)  # all of it
    await visitor.screenshot(ARTIFACTS / "sandbox-edit-scrolled-into-view.png")


async def test_the_place_picker_speaks_the_page_language(
    open_context: OpenContext, sandbox: Sandbox
) -> None:
    visitor = Visitor(await (await open_context(viewport=DESKTOP)).new_page())
    page = visitor.page
    await visitor.open(sandbox, ALSU)
    dialog = page.get_by_test_id("location-dialog")
    shown = {"en": ("Where are you?", "Bauman Street"), "tt": ("Сез кайда?", "Бауман урамы")}
    for language, (title, place) in shown.items():
        await page.get_by_test_id("page-language").select_option(language)
        await page.get_by_test_id("share-location").click()
        await expect(dialog.locator("#location-title")).to_have_text(title)
        await expect(dialog.get_by_test_id("place").filter(has_text=place)).to_be_visible()
        await expect(
            dialog.get_by_test_id("place").filter(has_text="улица Баумана")
        ).to_have_count(0)
        await visitor.screenshot(ARTIFACTS / f"sandbox-place-picker-{language}.png")
        await page.get_by_test_id("location-cancel").click()
        await expect(dialog).to_be_hidden()

    await page.get_by_test_id("page-language").select_option("ru")
    await page.get_by_test_id("share-location").click()
    await visitor.pick_place("улица Баумана")  # Russian again, and the point is shared
    await expect(page.get_by_test_id("message-location").last).to_be_visible(timeout=WAIT_MS)
