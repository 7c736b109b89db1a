"""Performance sites through the admin API: the seeded list, reading, creating, editing and
retiring, and every refusal naming its field."""

from typing import Any

import pytest

from tests.api.harness import Answer, ApiWorld

SITES = "/api/v1/sites"


def new_site(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "code": "kremlin_yard",
        "name_ru": "Двор у Благовещенского собора",
        "place": "площадь внутри Кремля",
        "sound": "acoustic",
        "max_group": 3,
    }
    body.update(changes)
    return body


def refused_field(answer: Answer) -> str:
    assert answer.status == 422, answer.body
    assert answer.error["code"] == "validation_failed"
    return str(answer.error["details"][0]["field"])


async def patch(world: ApiWorld, code: str, body: Any) -> Answer:
    return await world.call("PATCH", f"{SITES}/{code}", body=body)


async def test_the_seeded_sites_are_listed(world: ApiWorld) -> None:
    answer = await world.get(SITES)
    assert answer.status == 200
    sites = {site["code"]: site for site in answer.json()["items"]}
    assert len(sites) == 16
    bauman = sites["bauman"]
    assert (bauman["name_ru"], bauman["name_tt"], bauman["district"]) == (
        "улица Баумана",
        "Бауман урамы",
        "Вахитовский",
    )
    assert bauman["open_days"] == [0, 1, 2, 3, 4, 5, 6]
    assert (bauman["open_from"], bauman["open_to"], bauman["slot_minutes"]) == (
        "10:00",
        "22:00",
        120,
    )
    assert (bauman["sound"], bauman["auto_approve"]) == ("db60", False)
    assert bauman["equipment"] == ["amplifier", "microphone", "props", "stand"]
    assert "project default" in bauman["defaults_note"]
    assert sites["old_tatar_quarter"]["sound"] == "acoustic"
    assert sites["victory_park"]["lat"] == 55.83


async def test_one_site_and_an_unknown_code(world: ApiWorld) -> None:
    answer = await world.get(f"{SITES}/kazan_arena")
    assert (answer.status, answer.json()["sound"], answer.json()["max_group"]) == (200, "db90", 20)
    missing = await world.get(f"{SITES}/nowhere")
    assert (missing.status, missing.error["code"]) == (404, "not_found")
    assert (await patch(world, "nowhere", {"max_group": 2})).status == 404


async def test_a_new_site_takes_the_defaults_and_its_code_only_once(world: ApiWorld) -> None:
    created = await world.post(SITES, new_site(equipment=["stand", "props"]))
    assert created.status == 201, created.body
    site = created.json()
    assert site["open_days"] == list(range(7))
    assert (site["open_from"], site["open_to"]) == ("10:00", "22:00")
    assert (site["slot_minutes"], site["buffer_minutes"]) == (120, 15)
    assert (site["equipment"], site["auto_approve"], site["active"]) == (
        ["props", "stand"],
        True,
        True,
    )
    assert (await world.get(f"{SITES}/kremlin_yard")).json() == site

    again = await world.post(SITES, new_site(name_ru="Другое место"))
    assert (again.status, again.error["code"]) == (409, "conflict")
    taken = await world.post(SITES, new_site(code="bauman"))
    assert taken.status == 409


async def test_a_site_with_all_its_details(world: ApiWorld) -> None:
    body = new_site(
        code="kazanka_beach",
        name_tt="Казансу яры",
        name_en="Kazanka bank",
        district="Вахитовский",
        lat=55.7915,
        lon=49.1145,
        photo="https://example.org/site.jpg",
        open_days=[5, 6, 5],
        open_from="22:00",
        open_to="02:00",
        slot_minutes=90,
        buffer_minutes=0,
        sound="db90",
        max_group=50,
        auto_approve=False,
        defaults_note="all set by staff",
    )
    created = await world.post(SITES, body)
    assert created.status == 201, created.body
    site = created.json()
    assert (site["open_days"], site["open_from"], site["open_to"]) == ([5, 6], "22:00", "02:00")
    assert (site["lat"], site["lon"], site["district"]) == (55.7915, 49.1145, "Вахитовский")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"open_from": "25:00"}, "open_from"),
        ({"open_from": "10:10"}, "open_from"),  # slots start on the quarter hour
        ({"open_to": "24:00"}, "open_to"),
        ({"open_to": "9:00"}, "open_to"),
        ({"slot_minutes": 100}, "slot_minutes"),
        ({"slot_minutes": 15}, "slot_minutes"),
        ({"slot_minutes": 375}, "slot_minutes"),
        ({"buffer_minutes": 10}, "buffer_minutes"),
        ({"max_group": 0}, "max_group"),
        ({"max_group": 51}, "max_group"),
        ({"open_days": []}, "open_days"),
        ({"open_days": [7]}, "open_days.0"),
        ({"sound": "loud"}, "sound"),
        ({"equipment": ["fire"]}, "equipment.0"),
        ({"district": "Нигдевский"}, "district"),
        ({"code": "Bad Code"}, "code"),
        ({"code": "б"}, "code"),
        ({"name_ru": ""}, "name_ru"),
        ({"name_ru": "   "}, "name_ru"),  # passes the schema, refused by the domain
        ({"max_group": "5"}, "max_group"),  # strict types: no coercion
        ({"max_group": 5.5}, "max_group"),
        ({"auto_approve": "yes"}, "auto_approve"),
        ({"open_days": "0123456"}, "open_days"),
        ({"lat": "55.8", "lon": 49.1}, "lat"),
        ({"lat": 55.79}, "lon"),  # a point needs both
        ({"lat": 55.5, "lon": 48.0}, "lat"),  # outside Kazan
        ({"district": "Советский", "lat": 55.7915, "lon": 49.1145}, "district"),
        ({"no_such_field": 1}, "no_such_field"),
    ],
)
async def test_a_bad_new_site_is_refused_naming_the_field(
    world: ApiWorld, changes: dict[str, Any], field: str
) -> None:
    assert refused_field(await world.post(SITES, new_site(**changes))) == field
    assert (await world.get(f"{SITES}/kremlin_yard")).status == 404


@pytest.mark.parametrize("missing", ["code", "name_ru", "place", "sound", "max_group"])
async def test_a_new_site_needs_its_required_fields(world: ApiWorld, missing: str) -> None:
    body = new_site()
    del body[missing]
    assert refused_field(await world.post(SITES, body)) == missing


async def test_editing_the_rules_and_the_names(world: ApiWorld) -> None:
    changes = {
        "open_days": [6, 5],
        "open_from": "12:00",
        "open_to": "20:00",
        "slot_minutes": 180,
        "buffer_minutes": 30,
        "sound": "acoustic",
        "max_group": 3,
        "equipment": [],
        "auto_approve": True,
        "name_en": None,
        "photo": "AgACAgIAAxkBAAIB",
        "place": "у колокольни Богоявленского собора",
    }
    answer = await patch(world, "bauman", changes)
    assert answer.status == 200, answer.body
    site = answer.json()
    assert (site["open_days"], site["open_from"], site["open_to"]) == ([5, 6], "12:00", "20:00")
    assert (site["slot_minutes"], site["buffer_minutes"], site["sound"]) == (180, 30, "acoustic")
    assert (site["equipment"], site["auto_approve"], site["name_en"]) == ([], True, None)
    assert (site["photo"], site["name_ru"]) == ("AgACAgIAAxkBAAIB", "улица Баумана")
    assert (await world.get(f"{SITES}/bauman")).json() == site


async def test_moving_the_point_is_checked_against_the_district(world: ApiWorld) -> None:
    moved = await patch(world, "tukay_square", {"lat": 55.7880, "lon": 49.1225})
    assert (moved.status, moved.json()["district"]) == (200, "Вахитовский")
    elsewhere = {"lat": 55.83, "lon": 49.1075}  # Парк Победы, Ново-Савиновский
    assert refused_field(await patch(world, "tukay_square", elsewhere)) == "district"
    both = await patch(world, "tukay_square", {**elsewhere, "district": "Ново-Савиновский"})
    assert both.json()["district"] == "Ново-Савиновский"
    cleared = await patch(world, "tukay_square", {"lat": None, "lon": None, "district": None})
    assert (cleared.json()["lat"], cleared.json()["district"]) == (None, None)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"open_to": "25:00"}, "open_to"),
        ({"slot_minutes": 130}, "slot_minutes"),
        ({"district": "Нигдевский"}, "district"),
        ({"equipment": ["laser"]}, "equipment.0"),
        ({"name_ru": None}, "name_ru"),  # only clearable fields take null
        ({"sound": None}, "sound"),
        ({"active": "false"}, "active"),
        ({"lat": 55.79}, "lon"),  # the site has no point: half of one is refused
        ({"code": "renamed"}, "code"),  # the code is the key: not editable
        ({"name_ru": " "}, "name_ru"),
    ],
)
async def test_a_bad_edit_is_refused_and_changes_nothing(
    world: ApiWorld, body: dict[str, Any], field: str
) -> None:
    before = (await world.get(f"{SITES}/sovetskaya_square")).json()
    assert refused_field(await patch(world, "sovetskaya_square", body)) == field
    assert (await world.get(f"{SITES}/sovetskaya_square")).json() == before


async def test_retiring_and_restoring_a_site(world: ApiWorld) -> None:
    retired = await patch(world, "petrov_park", {"active": False})
    assert (retired.status, retired.json()["active"]) == (200, False)
    active = (await world.get(SITES, {"active": "true"})).json()["items"]
    inactive = (await world.get(SITES, {"active": "false"})).json()["items"]
    assert (len(active), [s["code"] for s in inactive]) == (15, ["petrov_park"])
    assert len((await world.get(SITES)).json()["items"]) == 16
    restored = await patch(world, "petrov_park", {"active": True})
    assert restored.json()["active"] is True


async def test_bad_list_parameters(world: ApiWorld) -> None:
    assert refused_field(await world.get(SITES, {"active": "maybe"})) == "active"
    assert refused_field(await world.get(SITES, {"colour": "red"})) == "colour"
    assert (await world.get(SITES, headers={})).status == 401
