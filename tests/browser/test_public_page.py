"""The public city page in Chromium, on the sandbox's demo requests: the district map, a
filter chosen with the plain form (no JavaScript needed), a district picked on the map,
a request's own page with the photo staff made public, and the language links."""

import re
from importlib import resources
from pathlib import Path

import pytest

from sandbox.files import image_size
from tests.browser.conftest import NO_PLAYWRIGHT, OpenContext, Sandbox
from tests.browser.test_sandbox_journey import DESKTOP, PHONE

pytest.importorskip("playwright.async_api", reason=NO_PLAYWRIGHT)

from playwright.async_api import ConsoleMessage, expect  # noqa: E402 - once Playwright is there

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


# Before any page script: every Content-Security-Policy violation the page meets, written on
# <html> (read without evaluating strings in the page: its policy forbids eval).
RECORD_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  const html = document.documentElement;
  const seen = `${event.violatedDirective} ${event.blockedURI}`;
  html.dataset.violations = [html.dataset.violations, seen].filter(Boolean).join("; ");
});
"""


def _error(message: "ConsoleMessage") -> list[str]:
    """An error the page logged; not the browser's own look for /favicon.ico (the public
    pages have no icon, and a 404 for it is all Chromium says of that)."""
    if message.type != "error" or message.location["url"].endswith("/favicon.ico"):
        return []
    return [f"{message.text} ({message.location['url']})"]


ELSEWHERE = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="


async def test_the_photo_staff_made_public_loads_on_a_phone(
    open_context: OpenContext, sandbox: Sandbox, artifacts: Path
) -> None:
    """Алсу's resolved pothole: its photo is on the page, loaded under the page's own
    Content-Security-Policy (img-src 'self'), and fits a phone's width."""
    context = await open_context(viewport=PHONE)
    await context.add_init_script(RECORD_VIOLATIONS)
    page = await context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.extend(_error(message)))
    page.on("pageerror", lambda error: problems.append(str(error)))
    await page.goto(f"{sandbox.origin}/city?status=resolved")
    await page.locator("#newest + p + table tbody tr", has_text="Пушкина").locator("a").click()
    await expect(page.locator("h1")).to_have_text(re.compile(NUMBER))

    photo = page.get_by_role("img", name="Фото 1")  # its alt text, in the page's language
    await photo.scroll_into_view_if_needed()  # loading="lazy": on screen, it must load
    await expect(photo).to_be_visible()
    sent = resources.files("sandbox.demo").joinpath("pothole.jpg").read_bytes()
    size = image_size(sent)
    assert size is not None
    await expect(photo).to_have_js_property("naturalWidth", size[0])  # loaded, and decoded
    box = await photo.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert await page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    await page.screenshot(path=artifacts / "public-request-photo-phone.png", full_page=True)
    html = page.locator("html")
    assert await html.get_attribute("data-violations") is None
    assert problems == []

    source = await photo.get_attribute("src")
    assert source is not None and re.fullmatch(rf"/r/{NUMBER}/photo/1\.jpg", source)
    answer = await context.request.get(f"{sandbox.origin}{source}")
    assert answer.status == 200 and answer.headers["content-type"] == "image/jpeg"
    assert await answer.body() == sent  # the demo's own picture, through the Bot API stand-in

    # The listeners above do hear a violation: an image from elsewhere is refused.
    await page.evaluate(
        "(src) => document.body.append(Object.assign(new Image(), {src}))", ELSEWHERE
    )
    await expect(html).to_have_attribute("data-violations", re.compile(r"^img-src data"))
