"""The public city page in Chromium, on the sandbox's demo requests: the district map, a
filter chosen with the plain form (no JavaScript needed), a district picked on the map,
a request's own page, and the language links."""

import re
from pathlib import Path

import pytest

from tests.browser.conftest import NO_PLAYWRIGHT, OpenContext, Sandbox
from tests.browser.test_sandbox_journey import DESKTOP, PHONE

pytest.importorskip("playwright.async_api", reason=NO_PLAYWRIGHT)

from playwright.async_api import expect  # noqa: E402 - only once Playwright is known to be there

NUMBER = r"KZN-\d{6}"


async def test_city_page_map_and_filters(
    open_context: OpenContext, sandbox: Sandbox, artifacts: Path
) -> None:
    # JavaScript off: the page must work as plain HTML forms and links.
    page = await (await open_context(viewport=DESKTOP, java_script_enabled=False)).new_page()
    await page.goto(f"{sandbox.origin}/city")
    await expect(page).to_have_title("Заявки жителей Казани")
    await expect(page.locator("svg path")).to_have_count(7)
    rows = page.locator("#newest + p + table tbody tr")
    await expect(rows.first).to_be_visible()
    everything = await rows.count()
    await page.screenshot(path=artifacts / "public-city.png", full_page=True)

    await page.locator("select[name=status]").select_option("open")
    await page.locator("select[name=district]").select_option("Вахитовский")
    await page.get_by_role("button", name="Показать").click()
    await expect(page).to_have_url(re.compile(r"district=.+&status=open"))
    await expect(page.locator("select[name=district]")).to_have_value("Вахитовский")
    await page.screenshot(path=artifacts / "public-city-filtered.png", full_page=True)
    filtered = await rows.count()
    assert filtered <= everything
    statuses = await page.locator("#newest + p + table tbody tr td:nth-child(4)").all_inner_texts()
    assert set(statuses) <= {"новая", "в работе", "нужны уточнения"}

    await page.get_by_role("link", name="English").click()
    await expect(page).to_have_title("Kazan residents' requests")
    await expect(page.locator("select[name=district]")).to_have_value("Вахитовский")  # kept


async def test_a_district_on_the_map_and_a_request_page(
    open_context: OpenContext, sandbox: Sandbox, artifacts: Path
) -> None:
    page = await (await open_context(viewport=PHONE)).new_page()
    await page.goto(f"{sandbox.origin}/city?lang=tt")
    # A phone never scrolls the page sideways (the wide list scrolls by itself).
    overflow = "document.documentElement.scrollWidth - window.innerWidth"
    assert await page.evaluate(overflow) <= 0
    await page.screenshot(path=artifacts / "public-city-phone.png", full_page=True)
    await page.locator("svg a").first.click()  # a district: the page filtered to it
    await expect(page).to_have_url(re.compile(r"lang=tt&district=."))
    await page.goto(f"{sandbox.origin}/city?lang=tt")
    first = page.locator("#newest + p + table tbody tr a").first
    number = await first.inner_text()
    await first.click()
    await expect(page.locator("h1")).to_have_text(number)
    await expect(page.locator("ol li").first).to_contain_text("гариза бирелде")
    await page.screenshot(path=artifacts / "public-request-phone.png", full_page=True)
    missing = await page.goto(f"{sandbox.origin}/r/KZN-999999")
    assert missing is not None and missing.status == 404
