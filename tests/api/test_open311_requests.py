"""GET requests and requests/{id}: the spec's filters, statuses, dates, and privacy."""

import json
from datetime import timedelta

from domain.requests import RequestChannel
from domain.services.reports import ReportDraft, submit_request
from domain.services.users import ensure_user
from tests.api.harness import AUTHOR_ID, ApiWorld
from tests.api.open311_calls import baumana_10, file_open311, get
from tests.e2e.harness import START

RESIDENT_TEXT = "Яма у моего подъезда, кв. 12, звоните Анне"


async def _resident_request(world: ApiWorld, channel: RequestChannel = RequestChannel.BOT) -> str:
    async with world.staff_uow() as uow:
        await ensure_user(uow, world.clock, AUTHOR_ID, "Анна", None, "ru", "ru")
        draft = ReportDraft("roads", baumana_10(world), RESIDENT_TEXT)
        filed = await submit_request(uow, world.clock, AUTHOR_ID, draft, channel=channel)
        await uow.commit()
    return filed.number


async def test_a_residents_request_shows_no_personal_data(world: ApiWorld) -> None:
    number = await _resident_request(world)
    place = baumana_10(world)
    for path in ("/requests.json", f"/requests/{number}.json", f"/requests/{number}.xml"):
        body = (await get(world, path)).body.decode()
        for secret in ("Анна", str(AUTHOR_ID), "подъезд", "Баумана, 10", str(place.lat)):
            assert secret not in body, (path, secret)
    shown = (await get(world, f"/requests/{number}.json")).json()[0]
    assert shown["service_request_id"] == number
    assert shown["description"] is None and shown["media_url"] is None
    assert shown["address"] == "ул. Баумана"  # the street without the house
    assert place.lat is not None and place.lon is not None
    assert shown["lat"] == round(place.lat, 3) and shown["long"] == round(place.lon, 3)
    phoned = await _resident_request(world, RequestChannel.PHONE)
    assert (await get(world, f"/requests/{phoned}.json")).json()[0]["description"] is None


async def test_a_partner_request_shows_its_text_place_and_media(world: ApiWorld) -> None:
    number = await file_open311(world, media_url="https://example.org/pit.jpg")
    shown = (await get(world, f"/requests/{number}.json")).json()[0]
    assert shown["description"].startswith("Яма на проезжей части")
    assert shown["media_url"] == "https://example.org/pit.jpg"
    assert shown["address"] == "55.79860, 49.10640"
    assert (shown["lat"], shown["long"]) == (55.7986, 49.1064)
    assert shown["service_name"] == "Дороги и тротуары" and shown["service_code"] == "roads"
    assert shown["requested_datetime"] == "2026-11-30T10:00:00+03:00"  # START in Moscow time
    assert shown["expected_datetime"].endswith("+03:00")
    plain_id = number.removeprefix("KZN-").lstrip("0")
    by_id = await get(world, f"/requests/{plain_id}.xml")
    assert by_id.xml().findtext("request/service_request_id") == number


async def test_statuses_are_open_or_closed_with_the_detail_in_notes(world: ApiWorld) -> None:
    first = await world.file()
    second = await world.file(category="lighting")
    await world.take(first)
    await world.resolve(second)
    shown = {r["service_request_id"]: r for r in (await get(world, "/requests.json")).json()}
    assert shown[first.number]["status"] == "open"
    assert shown[first.number]["status_notes"] == "in_progress: в работе"
    assert shown[second.number]["status"] == "closed"
    assert shown[second.number]["status_notes"] == "resolved: решена"
    closed = (await get(world, "/requests.json", {"status": "closed"})).json()
    assert [r["service_request_id"] for r in closed] == [second.number]
    both = (await get(world, "/requests.json", {"status": "open,closed"})).json()
    assert len(both) == 2


async def test_filters_by_service_and_ids(world: ApiWorld) -> None:
    roads = await world.file()
    lighting = await world.file(category="lighting")
    waste = await world.file(category="waste")
    found = await get(world, "/requests.json", {"service_code": "lighting,waste"})
    assert [r["service_request_id"] for r in found.json()] == [lighting.number, waste.number]
    # service_request_id overrides every other filter, as the spec says.
    params = {"service_request_id": f"{waste.number},{roads.id}", "service_code": "lighting"}
    picked = (await get(world, "/requests.json", params)).json()
    assert [r["service_request_id"] for r in picked] == [waste.number, roads.number]
    unknown = await get(world, "/requests.json", {"service_code": "nosuch"})
    assert unknown.status == 400 and "nosuch" in unknown.json()[0]["description"]
    bad_id = await get(world, "/requests.json", {"service_request_id": "abc"})
    assert bad_id.status == 400
    limited = (await get(world, "/requests.json", {"limit": "2"})).json()
    assert [r["service_request_id"] for r in limited] == [roads.number, lighting.number]


async def test_the_window_is_the_last_90_days_unless_dates_are_given(world: ApiWorld) -> None:
    old = await world.file()
    world.later(days=91)
    recent = await world.file()
    default = (await get(world, "/requests.json")).json()
    assert [r["service_request_id"] for r in default] == [recent.number]
    start = (START - timedelta(days=1)).isoformat()
    end = (START + timedelta(days=1)).isoformat().replace("+00:00", "Z")
    dated = (await get(world, "/requests.json", {"start_date": start, "end_date": end})).json()
    assert [r["service_request_id"] for r in dated] == [old.number]
    from_start = (await get(world, "/requests.json", {"start_date": "2026-11-30"})).json()
    assert [r["service_request_id"] for r in from_start] == [old.number]
    too_long = await get(world, "/requests.json", {"start_date": "2026-01-01", "end_date": end})
    assert too_long.status == 400 and "90 days" in too_long.json()[0]["description"]
    backwards = await get(world, "/requests.json", {"start_date": end, "end_date": start})
    assert backwards.status == 400
    garbled = await get(world, "/requests.xml", {"start_date": "yesterday"})
    assert garbled.status == 400 and garbled.xml().findtext("error/code") == "400"


async def test_an_unknown_request_is_404(world: ApiWorld) -> None:
    for wanted in ("KZN-000404", "0", "nonsense"):
        answer = await get(world, f"/requests/{wanted}.json")
        assert answer.status == 404, wanted
        assert json.loads(answer.body)[0]["code"] == 404


async def test_a_parameter_is_read_whole_or_refused(world: ApiWorld) -> None:
    await world.file()
    for params in (
        [("status", "open"), ("status", "closed")],
        {"status": ""},
        {"status": "open,"},
        {"limit": "0"},
        {"limit": "1001"},
        {"limit": "١"},
        {"end_date": ""},
        {"start_date": "0001-01-01T00:00:00+03:00"},
        {"end_date": "0001-01-01T00:00:00Z"},
        {"end_date": "9999-12-31T23:00:00-03:00"},
    ):
        answer = await get(world, "/requests.json", params)
        assert answer.status == 400, params
    earliest = await get(world, "/requests.json", {"start_date": "0001-01-01T00:00:00Z"})
    assert earliest.status == 200 and earliest.json() == []
    # Parameters the spec's clients add (jurisdiction_id) or an app's own are let through.
    extra = await get(world, "/requests.json", {"jurisdiction_id": "kazan.ru", "x": "1"})
    assert extra.status == 200 and len(extra.json()) == 1
