"""The city FAQ through the admin API: the seeded entries, create, replace, delete, re-import
the file, every refusal naming its field, and this process's library updated at once."""

import csv
import shutil
from pathlib import Path
from typing import Any

import pytest

from domain.services.faq import vote
from storage.faq_data import FAQ_FILE
from tests.api.harness import Answer, ApiWorld
from tests.e2e.harness import PROJECT_ROOT

FAQ = "/api/v1/faq"
BUNDLED = 47
CALL_CENTRE = "Колл-центр мэрии Казани"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of data/: the reload tests edit its faq.csv."""
    copy = tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "data", copy)
    return copy


@pytest.fixture
def settings_overrides(data_dir: Path) -> dict[str, object]:
    return {"data_dir": data_dir}


def new_entry(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "category": "roads",
        "position": 40,
        "texts": {
            "ru": {
                "question": "Куда жаловаться на парковку на газоне?",
                "answer": "Сообщите в боте или позвоните: <b>+7 (843) 222-72-22</b>.",
                "variants": ["машина на газоне", "парковка на газоне"],
            },
            "tt": {"question": "Газонда машина торса?", "answer": "<b>222-72-22</b>"},
        },
        "contacts": [CALL_CENTRE],
        "links": ["https://e-kazan.ru/news/show/51582"],
    }
    body.update(changes)
    return body


async def put(world: ApiWorld, entry_id: str, body: Any) -> Answer:
    return await world.call("PUT", f"{FAQ}/{entry_id}", body=body)


async def revision(world: ApiWorld) -> int:
    return int((await world.get(FAQ)).json()["revision"])


def refused_field(answer: Answer) -> str:
    assert answer.status == 422, answer.body
    assert answer.error["code"] == "validation_failed"
    return str(answer.error["details"][0]["field"])


async def test_every_faq_endpoint_needs_a_token(world: ApiWorld) -> None:
    calls = [
        ("GET", FAQ, None),
        ("GET", f"{FAQ}/no_water", None),
        ("PUT", f"{FAQ}/lawn_parking", new_entry()),
        ("DELETE", f"{FAQ}/no_water", None),
        ("POST", f"{FAQ}/reload", None),
    ]
    for method, path, body in calls:
        answer = await world.call(method, path, body=body, headers={})
        assert (answer.status, answer.error["code"]) == (401, "unauthorized")
    assert world.app.faq.matcher.entry("no_water") is not None
    assert world.app.faq.matcher.entry("lawn_parking") is None


async def test_the_seeded_entries_are_listed_in_file_order_with_their_votes(
    world: ApiWorld,
) -> None:
    async with world.uow() as uow:
        for helpful in (True, True, False):
            await vote(uow, world.clock, "no_water", helpful, "tt")
        await uow.commit()

    answer = await world.get(FAQ)

    assert answer.status == 200
    items = answer.json()["items"]
    assert len(items) == BUNDLED
    assert [item["id"] for item in items][:2] == ["pay_utilities", "no_water"]
    no_water = items[1]
    assert (no_water["helpful"], no_water["not_helpful"]) == (2, 1)
    assert (items[0]["helpful"], items[0]["not_helpful"]) == (0, 0)
    assert no_water["category"] == "water_heating"
    assert no_water["texts"]["tt"]["question"] == "Су сүндерелсә, нишләргә?"
    assert "отключили воду" in no_water["texts"]["ru"]["variants"]
    assert len(no_water["contacts"]) == 2


async def test_one_entry_and_an_unknown_one(world: ApiWorld) -> None:
    answer = await world.get(f"{FAQ}/gas_smell")
    missing = await world.get(f"{FAQ}/no_such_entry")

    assert answer.status == 200
    assert answer.json()["texts"]["en"]["question"]
    assert (missing.status, missing.error["code"]) == (404, "not_found")


async def test_put_creates_then_replaces_and_the_bot_answers_with_it_at_once(
    world: ApiWorld,
) -> None:
    before = await revision(world)

    created = await put(world, "lawn_parking", new_entry())
    in_library = world.app.faq.matcher.entry("lawn_parking")
    replaced = await put(world, "lawn_parking", new_entry(category=None, contacts=[]))

    assert created.status == 201
    assert created.json()["texts"]["tt"]["question"] == "Газонда машина торса?"
    assert in_library is not None and in_library.category == "roads"
    assert replaced.status == 200
    entry = world.app.faq.matcher.entry("lawn_parking")
    assert entry is not None and (entry.category, entry.contacts) == (None, ())
    assert world.app.faq.revision == before + 2 == await revision(world)
    read = (await world.get(f"{FAQ}/lawn_parking")).json()
    assert read == replaced.json()
    assert read["texts"]["en"] is None


async def test_an_entry_read_can_be_sent_back_unchanged(world: ApiWorld) -> None:
    read = (await world.get(f"{FAQ}/no_water")).json()
    body = {key: read[key] for key in ("category", "position", "texts", "contacts", "links")}

    answer = await put(world, "no_water", body)

    assert answer.status == 200
    assert answer.json() == read | {"helpful": 0, "not_helpful": 0}


def _long_answer() -> str:
    return "<b>" + "ж" * 3501 + "</b>"


@pytest.mark.parametrize(
    ("entry_id", "body", "field"),
    [
        ("lawn_parking", new_entry(contacts=["Служба спасения"]), "contacts.0"),
        ("lawn_parking", new_entry(category="parking"), "category"),
        (
            "lawn_parking",
            new_entry(texts={"ru": {"question": "Вопрос?", "answer": "<b>жирный"}}),
            "texts.ru.answer",
        ),
        (
            "lawn_parking",
            new_entry(texts={"ru": {"question": "Вопрос?", "answer": '<a href="x">ссылка</a>'}}),
            "texts.ru.answer",
        ),
        (
            "lawn_parking",
            new_entry(texts={"ru": {"question": "Вопрос?", "answer": _long_answer()}}),
            "texts.ru.answer",
        ),
        ("Lawn-Parking", new_entry(), "id"),
        ("x" * 41, new_entry(), "id"),
        ("lawn_parking", new_entry(texts={"tt": {"question": "Q", "answer": "A"}}), "texts.ru"),
        (
            "lawn_parking",
            new_entry(texts={"ru": {"question": "В", "answer": "О"}, "de": {}}),
            "texts.de",
        ),
        (
            "lawn_parking",
            new_entry(texts={"ru": {"question": "В" * 151, "answer": "О"}}),
            "texts.ru.question",
        ),
        (
            "lawn_parking",
            new_entry(texts={"ru": {"question": "В", "answer": "О", "variants": ["в"] * 31}}),
            "texts.ru.variants",
        ),
        ("lawn_parking", new_entry(links=["ftp://e-kazan.ru"]), "links.0"),
        ("lawn_parking", new_entry(position=-1), "position"),
        ("lawn_parking", new_entry(contacts=[CALL_CENTRE, CALL_CENTRE]), "contacts"),
    ],
)
async def test_a_bad_entry_is_refused_naming_its_field_and_changes_nothing(
    world: ApiWorld, entry_id: str, body: dict[str, Any], field: str
) -> None:
    before = await revision(world)

    answer = await put(world, entry_id, body)

    assert refused_field(answer) == field
    assert await revision(world) == before
    assert world.app.faq.matcher.entry(entry_id) is None
    assert (await world.get(f"{FAQ}/lawn_parking")).status == 404


async def test_replacing_with_a_bad_entry_keeps_the_old_one(world: ApiWorld) -> None:
    before = (await world.get(f"{FAQ}/no_water")).json()

    answer = await put(world, "no_water", new_entry(category="parking"))

    assert answer.status == 422
    assert (await world.get(f"{FAQ}/no_water")).json() == before


async def test_delete_removes_the_entry_from_the_bot_at_once(world: ApiWorld) -> None:
    before = await revision(world)

    deleted = await world.call("DELETE", f"{FAQ}/gas_smell")
    again = await world.call("DELETE", f"{FAQ}/gas_smell")

    assert (deleted.status, deleted.body) == (204, b"")
    assert (again.status, again.error["code"]) == (404, "not_found")
    assert world.app.faq.matcher.entry("gas_smell") is None
    assert world.app.faq.revision == before + 1
    assert (await world.get(f"{FAQ}/gas_smell")).status == 404


def edit_file(
    data_dir: Path, change: dict[str, dict[str, str]], add: list[dict[str, str]]
) -> None:
    path = data_dir / FAQ_FILE
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        columns = list(reader.fieldnames or ())
        rows = [row | change.get(row["id"], {}) for row in reader]
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, columns, restval="")
        writer.writeheader()
        writer.writerows([*rows, *add])


async def test_reload_makes_the_file_win_for_its_ids_and_keeps_entries_made_here(
    world: ApiWorld, data_dir: Path
) -> None:
    await put(world, "lawn_parking", new_entry())
    edited = (await world.get(f"{FAQ}/pay_utilities")).json()
    edited["texts"]["ru"]["answer"] = "Изменено через API"
    body = {k: edited[k] for k in ("category", "position", "texts", "contacts", "links")}
    await put(world, "pay_utilities", body)
    edit_file(
        data_dir,
        {"no_water": {"answer_ru": "Звоните в <b>Водоканал</b>."}},
        [
            {"id": "ice_on_roofs", "question_ru": "Сосульки?", "answer_ru": "Звоните <b>123</b>"},
            {"id": "broken_one", "question_ru": "Вопрос", "answer_ru": "<b>без конца"},
        ],
    )

    answer = await world.post(f"{FAQ}/reload", None)

    assert answer.status == 200, answer.body
    report = answer.json()
    assert (report["created"], report["updated"], report["unchanged"]) == (1, 2, BUNDLED - 2)
    assert [r["id"] for r in report["rejected"]] == ["broken_one"]
    assert report["rejected"][0]["reasons"][0].startswith("texts.ru.answer: not Telegram HTML")
    assert report["revision"] == world.app.faq.revision == await revision(world)
    matcher = world.app.faq.matcher
    no_water, pay, kept = (matcher.entry(i) for i in ("no_water", "pay_utilities", "lawn_parking"))
    assert no_water is not None and no_water.texts["ru"].answer == "Звоните в <b>Водоканал</b>."
    assert pay is not None and pay.texts["ru"].answer != "Изменено через API"
    assert kept is not None  # made here, not in the file: kept
    assert matcher.entry("ice_on_roofs") is not None
    assert matcher.entry("broken_one") is None


async def test_a_second_reload_changes_nothing(world: ApiWorld) -> None:
    before = await revision(world)

    answer = await world.post(f"{FAQ}/reload", None)

    report = answer.json()
    assert (report["created"], report["updated"], report["unchanged"]) == (0, 0, BUNDLED)
    assert report["rejected"] == []
    assert report["revision"] == before


async def test_an_unreadable_file_is_a_conflict_and_changes_nothing(
    world: ApiWorld, data_dir: Path
) -> None:
    (data_dir / FAQ_FILE).write_text("id,question_ru\nno_water,Вопрос\n", encoding="utf-8")
    before = await revision(world)

    answer = await world.post(f"{FAQ}/reload", None)

    assert (answer.status, answer.error["code"]) == (409, "conflict")
    assert "answer_ru" in answer.error["message"]
    assert await revision(world) == before
