"""POST requests: the api_key, the place (point or address), the description, attributes,
and the request filed like a resident's, its card queued for the staff chat."""

import pytest
from sqlalchemy import func, select

from domain.requests import RequestChannel, RequestStatus, parse_number
from storage.models import RequestRow
from tests.api.harness import OPEN311_KEY, ApiWorld
from tests.api.open311_calls import KREMLIN, file_open311, post
from tests.e2e.harness import STAFF_CHAT_ID

ROADS = {"service_code": "roads", "description": "Яма на проезжей части"}


async def _count(world: ApiWorld) -> int:
    async with world.uow() as uow:
        return int(await uow.session.scalar(select(func.count()).select_from(RequestRow)) or 0)


async def test_a_filed_request_reaches_staff_like_any_other(world: ApiWorld) -> None:
    reply = await post(world, **ROADS, **KREMLIN, first_name="Иван", phone="+79001234567")
    assert reply.status == 201
    answer = reply.json()[0]
    number = answer["service_request_id"]
    assert number.startswith("KZN-") and answer["account_id"] is None
    assert answer["service_notice"].startswith(f"Заявка {number} принята")
    request_id = parse_number(number)
    assert request_id is not None
    async with world.uow() as uow:
        filed = await uow.requests.get(request_id)
    assert filed is not None
    assert filed.channel is RequestChannel.OPEN311 and filed.author_id is None
    assert filed.status is RequestStatus.NEW and filed.place.district == "Вахитовский"
    assert "Иван" not in filed.description and "+7900" not in filed.description
    cards = [row for row in await world.outbox_rows() if row[1] == STAFF_CHAT_ID]
    assert cards, "no staff card was queued"


async def test_an_address_is_read_as_the_bot_reads_it(world: ApiWorld) -> None:
    number = await file_open311(world, lat="", long="", address_string="Баумана 10")
    request_id = parse_number(number)
    assert request_id is not None
    async with world.uow() as uow:
        filed = await uow.requests.get(request_id)
    assert filed is not None and filed.place.street_id is not None
    assert filed.place.label == "ул. Баумана, 10" and filed.place.house == "10"
    assert filed.place.lat is not None  # the register's point of the house
    # A point sent with the address is kept: it is where the app's user stood.
    pointed = await file_open311(world, address_string="Баумана 10")
    async with world.uow() as uow:
        with_point = await uow.requests.get(parse_number(pointed) or 0)
    assert with_point is not None and with_point.place.lat == pytest.approx(55.7986)


@pytest.mark.parametrize(
    ("form", "problem"),
    [
        ({"description": "Яма на проезжей части", **KREMLIN}, "service_code is required"),
        ({**ROADS, "service_code": "nosuch", **KREMLIN}, "unknown service"),
        (ROADS, "lat and long, or address_string, is required"),
        ({**ROADS, "address_id": "42"}, "address_id is not supported"),
        ({**ROADS, "lat": "55.79"}, "lat and long: both"),
        ({**ROADS, "lat": "55.7558", "long": "37.6173"}, "outside Kazan"),
        ({**ROADS, "lat": "nan", "long": "49.1"}, "lat and long: both"),
        ({**ROADS, "address_string": "Нигдешняя 1"}, "not a Kazan address"),
        ({**ROADS, "address_string": "Баумана"}, "a house number is needed"),
        ({"service_code": "roads", "description": "яма", **KREMLIN}, "at least 10"),
        ({**ROADS, **KREMLIN, "description": "я" * 2001}, "at most 2000"),
        ({**ROADS, **KREMLIN, "media_url": "ftp://x"}, "media_url"),
        ({**ROADS, **KREMLIN, "attribute[LAMP]": "off"}, "has no such attribute"),
        ({**ROADS, **KREMLIN, "attribute[HAZARD]": "maybe"}, "use one of yes, no"),
    ],
)
async def test_bad_input_is_400_and_files_nothing(
    world: ApiWorld, form: dict[str, str], problem: str
) -> None:
    reply = await post(world, **form)
    assert reply.status == 400, reply.body
    assert problem in reply.json()[0]["description"]
    assert await _count(world) == 0


@pytest.mark.parametrize("key", [None, "", "wrong-key-0123456789"])
async def test_without_a_known_key_nothing_is_filed(world: ApiWorld, key: str | None) -> None:
    reply = await post(world, key=key, **ROADS, **KREMLIN)
    assert reply.status == 403
    assert reply.json() == [
        {
            "code": 403,
            "description": "Invalid api_key received -- can't proceed with create_request.",
        }
    ]
    assert await _count(world) == 0


async def test_attributes_become_lines_staff_read(world: ApiWorld) -> None:
    number = await file_open311(
        world,
        service_code="lighting",
        description="Фонарь у остановки",
        **{"attribute[LAMP]": "day"},
    )
    async with world.uow() as uow:
        filed = await uow.requests.get(parse_number(number) or 0)
    assert filed is not None
    assert filed.description == "Фонарь у остановки\nФонарь: горит днём"


async def test_xml_is_answered_for_a_xml_path(world: ApiWorld) -> None:
    reply = await post(world, "xml", **ROADS, **KREMLIN)
    assert (reply.status, reply.content_type) == (201, "text/xml")
    root = reply.xml()
    assert root.tag == "service_requests"
    assert (root.findtext("request/service_request_id") or "").startswith("KZN-")
    assert root.findtext("request/account_id") == ""  # present and empty, as in the spec


async def test_a_body_that_is_not_a_form_is_400(world: ApiWorld) -> None:
    headers = {"Content-Type": "multipart/form-data"}  # no boundary
    response = await world.client.post("/open311/v2/requests.json", data=b"x", headers=headers)
    assert response.status == 400
    assert "not a form" in (await response.json())[0]["description"]
    twice = await world.client.post(
        "/open311/v2/requests.json",
        data=[
            ("api_key", OPEN311_KEY),
            *ROADS.items(),
            *KREMLIN.items(),
            ("service_code", "waste"),
        ],
    )
    assert twice.status == 400 and await _count(world) == 0
