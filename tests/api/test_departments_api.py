"""Departments through the admin API: the seeded list, setting a chat, topic and head,
routing a category (in a district, or anywhere), and every refusal naming its field."""

from typing import Any

from tests.api.harness import Answer, ApiWorld

DEPARTMENTS = "/api/v1/departments"
ROUTES = "/api/v1/department-routes"
ROADS_CHAT = -1001111111111


def refused_field(answer: Answer) -> str:
    assert answer.status == 422, answer.body
    assert answer.error["code"] == "validation_failed"
    return str(answer.error["details"][0]["field"])


async def patch(world: ApiWorld, code: str, body: Any) -> Answer:
    return await world.call("PATCH", f"{DEPARTMENTS}/{code}", body=body)


async def put_route(world: ApiWorld, **body: Any) -> Answer:
    return await world.call("PUT", ROUTES, body=body)


async def test_the_seeded_departments_and_routes_are_listed(world: ApiWorld) -> None:
    answer = await world.get(DEPARTMENTS)
    assert answer.status == 200
    departments = {d["code"]: d for d in answer.json()["items"]}
    assert len(departments) == 8
    roads = departments["roads_improvement"]
    assert (roads["name_ru"], roads["chat_id"], roads["head_user_id"]) == (
        "Комитет внешнего благоустройства",
        None,
        None,
    )
    routes = (await world.get(ROUTES)).json()["items"]
    assert {"category": "roads", "district": None, "department": "roads_improvement"} in routes
    assert {
        "category": "yards",
        "district": "Советский",
        "department": "adm_sovetsky",
    } in routes


async def test_a_department_gets_its_chat_topic_and_head_and_loses_them(
    world: ApiWorld,
) -> None:
    body = {"chat_id": ROADS_CHAT, "thread_id": 7, "head_user_id": 5001, "name_en": "KVB"}
    answer = await patch(world, "roads_improvement", body)
    assert answer.status == 200, answer.body
    assert answer.json() | body == answer.json()
    read = (await world.get(f"{DEPARTMENTS}/roads_improvement")).json()
    assert (read["chat_id"], read["thread_id"], read["head_user_id"]) == (ROADS_CHAT, 7, 5001)
    cleared = await patch(world, "roads_improvement", {"chat_id": None, "thread_id": None})
    assert (cleared.json()["chat_id"], cleared.json()["head_user_id"]) == (None, 5001)


async def test_a_filed_request_goes_where_the_routes_say(world: ApiWorld) -> None:
    assert (await patch(world, "city_desk", {"chat_id": ROADS_CHAT})).status == 200
    answer = await put_route(
        world, category="roads", district="Вахитовский", department="city_desk"
    )
    assert answer.json() == {
        "category": "roads",
        "district": "Вахитовский",
        "department": "city_desk",
    }
    inside = await world.file(category="roads", district="Вахитовский")
    elsewhere = await world.file(category="roads", district="Советский")
    assert (inside.department, elsewhere.department) == ("city_desk", "roads_improvement")
    async with world.uow() as uow:
        assert inside.id is not None
        assert await uow.departments.chat_for_request(inside.id) == ROADS_CHAT
    gone = await world.call(
        "DELETE", ROUTES, params={"category": "roads", "district": "Вахитовский"}
    )
    assert gone.status == 204
    again = await world.call(
        "DELETE", ROUTES, params={"category": "roads", "district": "Вахитовский"}
    )
    assert again.status == 404 and again.error["code"] == "not_found"
    assert (await world.file(category="roads", district="Вахитовский")).department == (
        "roads_improvement"
    )


async def test_refusals_name_their_field_and_change_nothing(world: ApiWorld) -> None:
    before = (await world.get(DEPARTMENTS)).json()
    assert refused_field(await patch(world, "roads_improvement", {"chat_id": 42})) == "chat_id"
    assert refused_field(await patch(world, "roads_improvement", {"name_ru": None})) == "name_ru"
    assert refused_field(await patch(world, "roads_improvement", {"head": 1})) == "head"
    unknown = await patch(world, "no_such_department", {"head_user_id": 1})
    assert unknown.status == 404 and unknown.error["code"] == "not_found"
    assert (await world.get(DEPARTMENTS)).json() == before

    routes = (await world.get(ROUTES)).json()
    assert refused_field(await put_route(world, category="nope", department="city_desk")) == (
        "category"
    )
    wrong_district = await put_route(
        world, category="roads", district="Марс", department="city_desk"
    )
    assert refused_field(wrong_district) == "district"
    assert refused_field(await put_route(world, category="roads", department="nobody")) == (
        "department"
    )
    assert (await world.get(ROUTES)).json() == routes
