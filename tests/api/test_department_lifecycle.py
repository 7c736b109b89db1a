"""Adding and removing departments through the admin API: a new code once, a removal refused
while requests or routes point to the department unless `move_to` names its successor, and
what moves with them (requests, routes, public figures, cards); the reference loader does
not bring a removed department back."""

from sqlalchemy import func, select

from bot.settings import PROJECT_ROOT
from domain.services.notify import STAFF_CARD
from storage.department_data import load_departments
from storage.models import PublicCountRow
from tests.api.harness import Answer, ApiWorld
from tests.api.test_departments_api import DEPARTMENTS, ROADS_CHAT, ROUTES, patch, refused_field

PARKS = {"code": "parks", "name_ru": "Парки", "name_tt": "Парклар", "name_en": "Parks"}


async def delete(world: ApiWorld, code: str, move_to: str | None = None) -> Answer:
    params = {"move_to": move_to} if move_to is not None else None
    return await world.call("DELETE", f"{DEPARTMENTS}/{code}", params=params)


async def codes(world: ApiWorld) -> list[str]:
    return [d["code"] for d in (await world.get(DEPARTMENTS)).json()["items"]]


async def test_a_new_department_is_added_last_once(world: ApiWorld) -> None:
    body = {**PARKS, "chat_id": ROADS_CHAT, "thread_id": 3, "head_user_id": 5001}
    added = await world.post(DEPARTMENTS, body)
    assert added.status == 201, added.body
    assert added.json() == body
    assert (await codes(world))[-1] == "parks"
    assert (await world.get(f"{DEPARTMENTS}/parks")).json() == body
    again = await world.post(DEPARTMENTS, {**PARKS, "name_ru": "Другие парки"})
    assert again.status == 409 and again.error["code"] == "conflict"
    assert "parks" in again.error["message"]
    assert (await world.get(f"{DEPARTMENTS}/parks")).json()["name_ru"] == "Парки"


async def test_a_bad_new_department_is_refused_by_field(world: ApiWorld) -> None:
    before = await codes(world)
    no_tatar = {k: v for k, v in PARKS.items() if k != "name_tt"}
    assert refused_field(await world.post(DEPARTMENTS, no_tatar)) == "name_tt"
    assert refused_field(await world.post(DEPARTMENTS, {**PARKS, "code": "Parks!"})) == "code"
    assert refused_field(await world.post(DEPARTMENTS, {**PARKS, "chat_id": 5})) == "chat_id"
    assert refused_field(await world.post(DEPARTMENTS, {**PARKS, "head": 1})) == "head"
    assert await codes(world) == before


async def test_an_unused_department_is_removed_and_stays_removed(world: ApiWorld) -> None:
    assert (await world.post(DEPARTMENTS, PARKS)).status == 201
    assert (await delete(world, "parks")).status == 204
    gone = await delete(world, "parks")
    assert gone.status == 404 and gone.error["code"] == "not_found"
    assert (await world.get(f"{DEPARTMENTS}/parks")).status == 404
    # The file's own department, removed once moved away, is not seeded back.
    assert (await delete(world, "transport", move_to="roads_improvement")).status == 204
    async with world.uow() as uow:
        report = await load_departments(uow.session, PROJECT_ROOT / "data" / "departments.csv")
        await uow.commit()
    assert report.added == 0 and "transport" not in await codes(world)
    routes = (await world.get(ROUTES)).json()["items"]
    assert {"category": "transport", "district": None, "department": "roads_improvement"} in (
        routes
    )
    # Added again on purpose, it is a department like any other.
    assert (await world.post(DEPARTMENTS, {**PARKS, "code": "transport"})).status == 201


async def test_a_department_in_use_is_kept_with_a_clear_refusal(world: ApiWorld) -> None:
    await world.file(category="roads")
    refused = await delete(world, "roads_improvement")
    assert refused.status == 409 and refused.error["code"] == "conflict"
    assert "(requests: 1, routes: 3)" in refused.error["message"]
    assert "move_to" in refused.error["message"]
    assert refused.error["details"][0]["field"] == "move_to"
    unknown = await delete(world, "roads_improvement", move_to="nobody")
    assert refused_field(unknown) == "move_to" and "unknown department" in unknown.body.decode()
    assert refused_field(await delete(world, "roads_improvement", "roads_improvement")) == (
        "move_to"
    )
    assert refused_field(await delete(world, "roads_improvement", "Bad Code")) == "move_to"
    assert "roads_improvement" in await codes(world)


async def test_a_removed_department_hands_everything_to_its_successor(world: ApiWorld) -> None:
    assert (await patch(world, "roads_improvement", {"chat_id": ROADS_CHAT})).status == 200
    still_open = await world.file(category="roads")
    closed = await world.file(category="snow")
    await world.take(closed)
    await world.resolve(closed)
    assert (await delete(world, "roads_improvement", move_to="city_desk")).status == 204
    async with world.uow() as uow:
        for request in (still_open, closed):
            assert request.id is not None
            stored = await uow.requests.get(request.id)
            assert stored is not None and stored.department == "city_desk"
        counted = await uow.session.execute(
            select(PublicCountRow.department, func.sum(PublicCountRow.requests)).group_by(
                PublicCountRow.department
            )
        )
        assert dict(counted.all()) == {"city_desk": 2}
    routes = (await world.get(ROUTES)).json()["items"]
    assert {r["department"] for r in routes if r["category"] in {"roads", "snow"}} == {"city_desk"}
    # The open request's card is redrawn in the main staff chat and left in the old one.
    cards = [
        (chat, payload.get("left_behind", False))
        for key, chat, kind, payload in await world.outbox_rows()
        if kind == STAFF_CARD and payload["request_id"] == still_open.id and ":ev" in key
    ]
    staff_chat = world.app.settings.staff_chat_id
    assert cards[-2:] == [(staff_chat, False), (ROADS_CHAT, True)]
