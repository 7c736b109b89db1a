"""The public pages over HTTP: figures, filters, languages, the request page, and privacy:
a resident's name, phone, words and house never appear."""

import re

import pytest
from sqlalchemy import select

from domain.requests import Actor, Place, Request, RequestStatus, format_number
from domain.services.follow_up import add_comment
from domain.services.reports import ReportDraft, submit_request
from domain.services.staff_actions import change_status, official_answer
from domain.services.users import ensure_user
from storage.models import StreetRow
from tests.api.harness import AUTHOR_ID, STAFF_ID, ApiWorld

NAME, PHONE = "Гульназ", "+79170001122"
WORDS = "Яма-у-подъезда-секрет"
HOUSE = "17к3"


async def file_on_street(
    world: ApiWorld, category: str = "roads", district: str = "Вахитовский"
) -> Request:
    """A request at a house of a known street, by a resident with a name and a phone."""
    async with world.staff_uow() as uow:
        await ensure_user(uow, world.clock, AUTHOR_ID, NAME, "gulnaz", "ru", "ru")
        await uow.users.set_phone(AUTHOR_ID, PHONE)
        street = await uow.session.scalar(select(StreetRow.id).where(StreetRow.name == "Баумана"))
        place = Place(f"ул. Баумана, {HOUSE}", district, street_id=street, house=HOUSE)
        request = await submit_request(
            uow, world.clock, AUTHOR_ID, ReportDraft(category, place, WORDS)
        )
        await uow.commit()
    return request


async def page(world: ApiWorld, path: str, **params: str) -> str:
    answer = await world.get(path, params=params or None, headers={})
    assert answer.status == 200, answer.body[:300]
    assert answer.headers["Content-Type"] == "text/html; charset=utf-8"
    assert answer.headers["Cache-Control"] == "public, max-age=60"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in answer.headers["Content-Security-Policy"]  # no scripts
    return answer.body.decode()


def numbers_listed(html: str) -> list[str]:
    return re.findall(r">(KZN-\d{6})</a>", html)


async def test_city_page_shows_the_figures_and_the_newest_requests(world: ApiWorld) -> None:
    pothole = await file_on_street(world)
    lamp = await world.file(category="lighting", district="Кировский")
    await world.take(pothole)
    html = await page(world, "/city")
    assert "<title>Заявки жителей Казани</title>" in html
    assert html.count("<path ") == 7  # the seven districts
    assert numbers_listed(html) == [lamp.number, pothole.number]
    assert "улица Баумана" in html
    assert "Всего заявок с этими условиями: 2" in html
    assert len(html) < 40_000  # a small page: the map's paths are simplified once


async def test_filters_by_district_category_and_status(world: ApiWorld) -> None:
    pothole = await file_on_street(world)
    lamp = await world.file(category="lighting", district="Кировский")
    await world.take(pothole)
    assert numbers_listed(await page(world, "/city", district="Кировский")) == [lamp.number]
    assert numbers_listed(await page(world, "/city", category="roads")) == [pothole.number]
    assert numbers_listed(await page(world, "/city", status="in_progress")) == [pothole.number]
    assert numbers_listed(await page(world, "/city", status="open")) == [
        lamp.number,
        pothole.number,
    ]
    assert numbers_listed(await page(world, "/city", status="resolved")) == []
    chosen = await page(world, "/city", district="Кировский", category="")
    assert '<option value="Кировский" selected>' in chosen


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("ru", "Заявки жителей Казани"),
        ("tt", "Казан халкының гаризалары"),
        ("en", "Kazan residents&#x27; requests"),
        ("xx", "Заявки жителей Казани"),
    ],
)
async def test_languages(world: ApiWorld, lang: str, title: str) -> None:
    await file_on_street(world)
    html = await page(world, "/city", lang=lang)
    assert f"<title>{title}</title>" in html
    assert f'<html lang="{lang if lang != "xx" else "ru"}">' in html


@pytest.mark.parametrize(
    "query",
    [
        {"district": "Нет такого"},
        {"category": "x"},
        {"status": "lost"},
        {"before": "-1"},
        {"before": "9" * 30},
    ],
)
async def test_bad_filters_are_answered_not_searched(
    world: ApiWorld, query: dict[str, str]
) -> None:
    answer = await world.get("/city", params={**query, "lang": "en"}, headers={})
    assert answer.status == 400
    assert "There is no such filter value" in answer.body.decode()
    assert answer.headers["Cache-Control"] == "no-store"


async def test_request_page_shows_the_official_history_only(world: ApiWorld) -> None:
    request = await file_on_street(world)
    assert request.id is not None
    await world.take(request)
    async with world.uow() as uow:
        await add_comment(uow, world.clock, AUTHOR_ID, request.id, f"{NAME} пишет: {WORDS}")
        await official_answer(uow, world.clock, STAFF_ID, request.id, "Заделаем <b>до пятницы</b>")
        await uow.commit()
    await world.resolve(request)
    html = await page(world, f"/r/{request.number}", lang="en")
    assert f"<h1>{request.number}</h1>" in html
    assert "resolved" in html
    assert "Заделаем &lt;b&gt;до пятницы&lt;/b&gt;" in html  # the city's answer, escaped
    assert "Отремонтировали" in html  # the text that came with «resolved»
    city = await page(world, "/city")
    for shown in (html, city):
        for private in (NAME, PHONE, WORDS, HOUSE, "gulnaz"):
            assert private not in shown


async def test_unknown_and_bad_numbers(world: ApiWorld) -> None:
    missing = await world.get("/r/KZN-000999", headers={})
    assert missing.status == 404
    assert "Заявки KZN-000999 нет." in missing.body.decode()
    assert missing.headers["Cache-Control"] == "public, max-age=10"  # it may be filed soon
    for bad in ("abc", "KZN-0", "KZN-" + "9" * 12, "%3Cscript%3E"):
        refused = await world.get(f"/r/{bad}", headers={})
        assert refused.status == 400, bad
        assert "KZN-000123" in refused.body.decode()
        assert "<script>" not in refused.body.decode()


async def test_other_spellings_of_a_number_lead_to_its_page(world: ApiWorld) -> None:
    request = await world.file()
    assert request.id is not None
    response = await world.client.get(f"/r/{request.id}", allow_redirects=False)
    assert response.status == 301
    assert response.headers["Location"] == f"/r/{format_number(request.id)}?lang=ru"


async def test_a_withdrawn_request_keeps_the_author_text_out(world: ApiWorld) -> None:
    request = await file_on_street(world)
    assert request.id is not None
    async with world.uow() as uow:
        await change_status(
            uow,
            world.clock,
            request.id,
            RequestStatus.REJECTED,
            actor=Actor.SYSTEM,
            actor_id=None,
            text="Не в ведении города",
        )
        await uow.commit()
    html = await page(world, f"/r/{request.number}")
    assert "Не в ведении города" in html
    assert WORDS not in html
