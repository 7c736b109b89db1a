"""Statistics on a known set of requests, and the CSV export."""

import csv
import io

from tests.api.harness import ApiWorld


async def known_requests(world: ApiWorld) -> None:
    """First responses after 1 h, 3 h and 2 h (median 2); ratings 5 and 4; one untouched."""
    first = await world.file(category="roads", district="Вахитовский")
    world.later(hours=1)
    await world.take(first)
    second = await world.file(category="lighting", district="Кировский")
    world.later(hours=3)
    await world.take(second)
    await world.resolve(second, rating=4)
    third = await world.file(category="roads", district=None)
    world.later(hours=2)
    await world.take(third)
    await world.resolve(first, rating=5)
    await world.file(category="roads", district="Вахитовский", description="Открытый люк!!")


async def test_statistics(world: ApiWorld) -> None:
    await known_requests(world)
    world.later(days=40)  # every open request is past its deadline
    answer = await world.get("/api/v1/stats")
    assert answer.status == 200
    stats = answer.json()
    assert stats["total"] == 4
    assert stats["by_status"] == {
        "new": 1,
        "in_progress": 1,
        "need_info": 0,
        "resolved": 2,
        "rejected": 0,
        "duplicate": 0,
        "withdrawn": 0,
    }
    assert stats["by_category"] == {"lighting": 1, "roads": 3}
    assert stats["by_district"] == {"": 1, "Вахитовский": 2, "Кировский": 1}
    assert stats["overdue_open"] == 2
    assert stats["median_first_response_hours"] == 2.0
    assert stats["average_rating"] == 4.5
    assert stats["rated"] == 2


async def test_statistics_of_nothing(world: ApiWorld) -> None:
    stats = (await world.get("/api/v1/stats")).json()
    assert stats["total"] == 0
    assert stats["median_first_response_hours"] is None
    assert stats["average_rating"] is None


async def test_median_of_an_even_count(world: ApiWorld) -> None:
    for hours in (1, 4):
        request = await world.file()
        world.later(hours=hours)
        await world.take(request)
    stats = (await world.get("/api/v1/stats")).json()
    assert stats["median_first_response_hours"] == 2.5


async def test_csv_export(world: ApiWorld) -> None:
    await known_requests(world)
    answer = await world.get("/api/v1/requests.csv", {"category": "roads"})
    assert answer.status == 200
    assert answer.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in answer.headers["Content-Disposition"]
    assert answer.body.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(answer.body.decode("utf-8-sig"))))
    assert [row["number"] for row in rows] == ["KZN-000001", "KZN-000003", "KZN-000004"]
    first = rows[0]
    # Filed at 07:00 UTC, answered an hour later, resolved six hours after filing: in MSK.
    assert first["created_at_msk"] == "2026-11-30 10:00"
    assert first["first_response_at_msk"] == "2026-11-30 11:00"
    assert first["closed_at_msk"] == "2026-11-30 16:00"
    assert (first["status"], first["district"], first["rating"]) == (
        "resolved",
        "Вахитовский",
        "5",
    )
    assert rows[1]["district"] == ""
    assert rows[2]["description"] == "Открытый люк!!"
    assert rows[2]["closed_at_msk"] == rows[2]["rating"] == ""


async def test_csv_of_nothing_has_the_header(world: ApiWorld) -> None:
    answer = await world.get("/api/v1/requests.csv", {"status": "rejected"})
    lines = answer.body.decode("utf-8-sig").splitlines()
    assert lines == [
        "number,created_at_msk,status,category,district,address,description,deadline_msk,"
        "first_response_at_msk,closed_at_msk,rating"
    ]


async def test_csv_refuses_bad_filters_before_streaming(world: ApiWorld) -> None:
    answer = await world.get("/api/v1/requests.csv", {"limit": "10"})
    assert answer.status == 422
    assert answer.error["details"][0]["field"] == "limit"
