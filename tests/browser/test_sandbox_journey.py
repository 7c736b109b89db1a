"""A resident and a staff member use the sandbox page in a real headless Chromium.

Only what a visitor does: clicks, typing, the place picker, the keyboard. The bot behind
the page is the real one (`mykazan sandbox`), so these journeys cross the whole program:
page → JSON API → Bot API stand-in → dispatcher → database → outbox → event stream → page.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import NO_PLAYWRIGHT, WAIT_MS, OpenContext, Sandbox

pytest.importorskip("playwright.async_api", reason=NO_PLAYWRIGHT)

from playwright.async_api import (  # noqa: E402 - only once Playwright is known to be there
    BrowserContext,
    Locator,
    Page,
    Route,
    ViewportSize,
    expect,
)

ALSU, ILDAR = 7001, 7201
STAFF_CHAT_ID = -1009000000001
# A fresh sandbox queues the demo's staff cards and their edits (16 messages) for the staff
# chat, and the outbox sends to a group at Telegram's pace (20 a minute): a card filed in
# the first minute waits for that backlog, up to ~40 s.
STAFF_BACKLOG_MS = 60_000
DESKTOP = ViewportSize(width=1280, height=800)
PHONE = ViewportSize(width=390, height=844)
KEYBOARD_STEPS = 60  # more Tab presses than the page has stops before the last message
LOOPBACK = "127.0.0.1"


class Visitor:
    """One browser tab on the sandbox page; reads like the conversation it drives."""

    def __init__(self, page: Page) -> None:
        self.page = page

    async def open(self, sandbox: Sandbox, person: int, chat: int | None = None) -> None:
        fragment = f"#person={person}" + (f"&chat={chat}" if chat is not None else "")
        await self.page.goto(sandbox.url + fragment)
        await expect(self.page.locator("body[data-ready=true]")).to_be_attached(timeout=WAIT_MS)

    async def become(self, person: int) -> None:
        chosen = self.page.locator(f"[data-testid=person][data-person-id='{person}']")
        await chosen.click()
        await expect(chosen).to_have_attribute("aria-pressed", "true")

    async def open_chat(self, kind: str) -> None:
        chat = self.page.locator(f"[data-testid=chat][data-chat-kind={kind}]")
        await chat.click()
        await expect(chat).to_have_attribute("aria-current", "true")

    async def send(self, text: str) -> None:
        composer = self.page.get_by_test_id("composer-input")
        await composer.fill(text)
        await composer.press("Enter")
        await expect(self.message(text).last).to_be_visible(timeout=WAIT_MS)

    def message(self, containing: str | re.Pattern[str], *, from_bot: bool = False) -> Locator:
        found = self.page.get_by_test_id("message").filter(has_text=containing)
        return found.and_(self.page.locator("[data-from-bot=true]")) if from_bot else found

    async def bot_says(self, containing: str | re.Pattern[str]) -> Locator:
        said = self.message(containing, from_bot=True).last
        await expect(said).to_be_visible(timeout=WAIT_MS)
        return said

    async def press(self, button: str, in_message: Locator | None = None) -> None:
        """The inline button in the given message, or in the last bot message offering it."""
        if in_message is None:
            offering = self.page.locator("[data-testid=message][data-from-bot=true]").filter(
                has=self.page.get_by_role("button", name=button, exact=True)
            )
            in_message = offering.last
        pressed = in_message.get_by_role("button", name=button, exact=True)
        await expect(pressed).to_be_enabled(timeout=WAIT_MS)
        await pressed.click()

    async def press_reply_button(self, text: str) -> None:
        button = self.page.get_by_test_id("reply-button").filter(has_text=text)
        await expect(button).to_be_visible(timeout=WAIT_MS)
        await button.click()

    async def pick_place(self, name: str) -> None:
        dialog = self.page.get_by_test_id("location-dialog")
        await expect(dialog).to_be_visible(timeout=WAIT_MS)
        await dialog.get_by_test_id("place").filter(has_text=name).click()
        await expect(dialog).to_be_hidden()

    async def screenshot(self, path: Path) -> Path:
        await self.page.screenshot(path=path)
        return path


@pytest.fixture
async def desktop(open_context: OpenContext) -> BrowserContext:
    return await open_context(viewport=DESKTOP)


async def test_a_request_filed_taken_and_resolved_through_the_page(
    desktop: BrowserContext,
    sandbox: Sandbox,
    artifacts: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    resident = Visitor(await desktop.new_page())
    await resident.open(sandbox, ALSU)
    await resident.become(ALSU)
    await resident.send("/start")
    await resident.press("📝 Сообщить о проблеме")
    await resident.press("Дороги и тротуары")
    await resident.press_reply_button("📍 Отправить геопозицию")
    await resident.pick_place("Кремлёвская набережная")
    await resident.bot_says("Вахитовский район")
    await resident.press("Пропустить")  # no photos
    await resident.send("Провал асфальта у пешеходного перехода, колесо уходит целиком")
    await resident.bot_says("Проверьте заявку")
    await resident.press("✅ Отправить")
    filed = await resident.bot_says(re.compile(r"Заявка KZN-\d{6} принята"))
    found = re.search(r"KZN-\d{6}", await filed.inner_text())
    assert found is not None
    number = found.group()
    # This tab stays on the resident's chat; a marker on its window proves it never reloads.
    await resident.page.evaluate("window.stillTheSamePage = true")
    resident_shot = await resident.screenshot(artifacts / "sandbox-resident-filed.png")

    staff = Visitor(await desktop.new_page())
    await staff.open(sandbox, ALSU)
    await staff.become(ILDAR)
    await staff.open_chat("staff")
    new_card = staff.message(number, from_bot=True).filter(
        has=staff.page.get_by_role("button", name="🙋 Взять")
    )
    await expect(new_card).to_have_count(1, timeout=STAFF_BACKLOG_MS)
    # From here on the card by its id: its text and buttons change with every step.
    card_id = await new_card.get_attribute("data-message-id")
    card = staff.page.locator(f"[data-testid=message][data-message-id='{card_id}']")
    await staff.press("🙋 Взять", in_message=card)
    await expect(resident.message("взял в работу", from_bot=True).last).to_be_visible(
        timeout=WAIT_MS
    )
    await expect(card).to_contain_text("Статус: 🛠 в работе", timeout=WAIT_MS)
    await staff.press("✅ Решено", in_message=card)
    await staff.bot_says("Напишите короткий ответ жителю")  # typed before it, it is chat
    await staff.send("Асфальт у перехода переложили, провал засыпан")
    await staff.bot_says("Готово: житель получит уведомление.")
    await expect(card).to_contain_text("Статус: ✅ решена", timeout=WAIT_MS)
    await expect(card.get_by_test_id("inline-button")).to_have_count(0)  # closed: no buttons
    staff_shot = await staff.screenshot(artifacts / "sandbox-staff-chat.png")

    # The resident's tab learnt it from the event stream alone.
    resolved = resident.message("переложили, провал засыпан", from_bot=True).last
    await expect(resolved).to_be_visible(timeout=WAIT_MS)
    await expect(resolved).to_contain_text("решена")
    assert await resident.page.evaluate("window.stillTheSamePage") is True
    resident_notified = await resident.screenshot(artifacts / "sandbox-resident-notified.png")

    # In the staff tab: an unread mark on Алсу, and her chat has the notice too.
    alsu = staff.page.locator(f"[data-testid=person][data-person-id='{ALSU}']")
    await expect(alsu.get_by_test_id("unread")).to_be_visible(timeout=WAIT_MS)
    await staff.become(ALSU)
    await expect(staff.message("переложили, провал засыпан", from_bot=True)).to_have_count(1)

    with capsys.disabled():
        for shot in (resident_shot, staff_shot, resident_notified):
            print(f"\nscreenshot: {shot}")


async def test_a_phone_by_keyboard_with_nothing_fetched_from_elsewhere(
    open_context: OpenContext,
    sandbox: Sandbox,
    artifacts: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    context = await open_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    elsewhere: list[str] = []

    async def only_loopback(route: Route) -> None:
        # The page promises to work offline: no CDN, no fonts, no maps. Anything else is
        # refused here and reported below, so a new dependency on the internet fails.
        if urlsplit(route.request.url).hostname == LOOPBACK:
            await route.continue_()
        else:
            elsewhere.append(route.request.url)
            await route.abort()

    await context.route("**/*", only_loopback)
    phone = Visitor(await context.new_page())
    await phone.open(sandbox, ALSU, ALSU)
    await phone.send("/start")
    menu = await phone.bot_says("Сообщить о проблеме")
    await tab_to(phone.page, menu.get_by_role("button", name="📝 Сообщить о проблеме"))
    await phone.page.keyboard.press("Enter")

    asked = await phone.bot_says("Что случилось?")
    bold = asked.get_by_test_id("message-text").locator("b")
    await expect(bold).to_have_text("Новая заявка.")  # the bot's HTML, not its source
    await expect(asked).not_to_contain_text("<b>")
    overflow = await phone.page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page is {overflow}px wider than a phone"
    shot = await phone.screenshot(artifacts / "sandbox-phone.png")

    assert elsewhere == [], f"requests to other hosts than {LOOPBACK}: {elsewhere}"
    with capsys.disabled():
        print(f"\nscreenshot: {shot}")


async def tab_to(page: Page, target: Locator) -> None:
    """Tab from the top of the page until `target` has the focus, as a keyboard user would."""
    await page.locator("body").focus()
    for _ in range(KEYBOARD_STEPS):
        await page.keyboard.press("Tab")
        if await target.evaluate("node => node === document.activeElement"):
            return
    pytest.fail(f"{KEYBOARD_STEPS} presses of Tab never reached {target}")
