"""Seams between departments, the public pages and Open311: a phone request and an Open311
request as the public sees them (never the caller's phone, name or words), Open311 requests
routed to their department, and a reassignment moving the public figures with it."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.requests import Place
from domain.services.departments import Reassignment, reassign
from domain.services.phone_requests import file_phone_request
from domain.services.reports import ReportDraft
from domain.services.users import ensure_user
from storage.models import PublicCountRow, RequestRow, StreetRow
from storage.public_recount import recount_public_figures
from tests.api.harness import STAFF_ID, ApiWorld
from tests.api.open311_calls import file_open311, get
from tests.api.test_public_pages import numbers_listed, page

CALLER = "+79005551234"
CALLER_SHAPES = (CALLER, "9005551234", "900 555", "555-12-34", "5551234")
WORDS = "Звонила Фарида Гарифовна: яма у её подъезда 4"


async def phone_request(world: ApiWorld) -> str:
    async with world.staff_uow() as uow:
        street = await uow.session.scalar(select(StreetRow.id).where(StreetRow.name == "Баумана"))
        place = Place("ул. Баумана, 17к3", "Вахитовский", street_id=street, house="17к3")
        filed = await file_phone_request(
            uow, world.clock, ReportDraft("roads", place, WORDS), CALLER
        )
        await uow.commit()
    return filed.number


async def test_a_phone_request_shows_neither_the_caller_nor_their_words(world: ApiWorld) -> None:
    number = await phone_request(world)
    shown = {
        "/city": await page(world, "/city"),
        "/r/": await page(world, f"/r/{number}"),
        "json": (await get(world, f"/requests/{number}.json")).body.decode(),
        "xml": (await get(world, f"/requests/{number}.xml")).body.decode(),
        "list": (await get(world, "/requests.json")).body.decode(),
    }
    assert number in numbers_listed(shown["/city"])
    for where, body in shown.items():
        for private in (*CALLER_SHAPES, "Фарида", "подъезд", "17к3"):
            assert private not in body, (where, private)
    answer = (await get(world, f"/requests/{number}.json")).json()[0]
    assert (answer["description"], answer["address"]) == (None, "ул. Баумана")
    # Routed like any request, and named as people read it.
    assert answer["agency_responsible"] == "Комитет внешнего благоустройства"


async def test_an_open311_request_is_routed_and_listed_on_the_public_page(
    world: ApiWorld,
) -> None:
    number = await file_open311(world, description="Провал асфальта у остановки")
    async with world.uow() as uow:
        department = await uow.session.scalar(select(RequestRow.department))
    assert department == "roads_improvement"
    assert number in numbers_listed(await page(world, "/city"))
    request_page = await page(world, f"/r/{number}")
    assert "Провал асфальта" not in request_page  # the page shows no one's own words


async def test_a_reassignment_moves_the_public_figures_to_the_new_department(
    world: ApiWorld,
) -> None:
    request = await world.file()
    assert request.id is not None
    async with world.staff_uow() as uow:
        await ensure_user(uow, world.clock, STAFF_ID, "Руководитель", None, "ru", "ru")
        await reassign(
            uow, world.clock, request.id, STAFF_ID, Reassignment("city_desk"), city_admin=True
        )
        await uow.commit()
    async with world.uow() as uow:
        kept = await _department_counts(uow.session)
        await recount_public_figures(uow.session)
        assert await _department_counts(uow.session) == kept  # not committed
    assert kept == {"city_desk": 1}


async def _department_counts(session: AsyncSession) -> dict[str, int]:
    rows = await session.execute(
        select(PublicCountRow.department, PublicCountRow.requests).where(
            PublicCountRow.requests > 0
        )
    )
    return dict(rows.tuples().all())
