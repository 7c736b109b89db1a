"""Bookings through the admin API: the filtered, paged list and the CSV export. Performers
and their bookings are made by the domain's own services, as the bot makes them."""

import csv
import io
from datetime import datetime, timedelta
from typing import Any

import pytest

from domain.booking.bookings import Booking
from domain.booking.performers import Genre, Performer
from domain.booking.sites import Sound
from domain.services.booking import book
from domain.services.booking_staff import decide_booking
from domain.services.performers import decide_performer, submit_profile
from domain.services.users import ensure_user
from tests.api.harness import Answer, ApiWorld, iso
from tests.e2e.harness import START

BOOKINGS = "/api/v1/bookings"
MUSICIAN, ACROBAT = 9101, 9102
DAY = timedelta(days=1)
# START is Monday 10:00 in Kazan, the first slot of a site's day (10:00 and 12:15 follow).
TUESDAY_10, TUESDAY_1215 = START + DAY, START + DAY + timedelta(hours=2, minutes=15)


async def performer(world: ApiWorld, user_id: int, stage_name: str, genre: Genre) -> None:
    """A performer approved by staff, through the same services as the bot's dialogues."""
    now = world.clock.now()
    async with world.staff_uow() as uow:
        await ensure_user(uow, world.clock, user_id, "Имя Фамилия", None, "ru", "ru")
        profile = Performer(user_id, stage_name, genre, 1, Sound.ACOUSTIC, now, now)
        stored = await submit_profile(uow, world.clock, profile)
        assert stored.id is not None
        await decide_performer(uow, world.clock, stored.id, approve=True)
        await uow.commit()


async def booking(world: ApiWorld, user_id: int, site: str, starts_at: datetime) -> Booking:
    async with world.staff_uow() as uow:
        found = await uow.sites.by_code(site)
        assert found is not None and found.id is not None
        made = await book(
            uow,
            world.clock,
            world.app.settings.booking_policy(),
            user_id=user_id,
            site_id=found.id,
            starts_at=starts_at,
        )
        await uow.commit()
    return made


async def decline(world: ApiWorld, made: Booking, reason: str) -> None:
    assert made.id is not None
    async with world.staff_uow() as uow:
        await decide_booking(
            uow,
            world.clock,
            world.app.settings.booking_policy(),
            made.id,
            False,
            reason,
        )
        await uow.commit()


async def four_bookings(world: ApiWorld) -> list[Booking]:
    """Two confirmed (an auto-approved site), one waiting for staff, one declined."""
    await performer(world, MUSICIAN, "Струны Казани", Genre.MUSIC)
    await performer(world, ACROBAT, "Огонь", Genre.CIRCUS)
    made = [
        await booking(world, MUSICIAN, "peterburgskaya", TUESDAY_10),
        await booking(world, ACROBAT, "peterburgskaya", TUESDAY_1215),
        await booking(world, MUSICIAN, "bauman", START + 2 * DAY),
        await booking(world, ACROBAT, "bauman", START + 3 * DAY),
    ]
    await decline(world, made[3], "В этот день на улице ярмарка")
    return made


def ids(answer: Answer) -> list[int]:
    assert answer.status == 200, answer.body
    return [item["id"] for item in answer.json()["items"]]


def refused_field(answer: Answer) -> str:
    assert answer.status == 422, answer.body
    return str(answer.error["details"][0]["field"])


async def test_every_booking_with_its_site_and_act_but_no_personal_data(world: ApiWorld) -> None:
    made = await four_bookings(world)
    answer = await world.get(BOOKINGS)
    assert ids(answer) == [b.id for b in made]
    first, _, pending, declined = answer.json()["items"]
    assert first == {
        "id": made[0].id,
        "site": "peterburgskaya",
        "site_name": "Петербургская улица",
        "stage_name": "Струны Казани",
        "genre": "music",
        "starts_at": iso(TUESDAY_10),
        "ends_at": iso(TUESDAY_10 + timedelta(hours=2)),
        "status": "confirmed",
        "reason": None,
        "created_at": iso(START),
    }
    assert (pending["status"], pending["site"]) == ("pending", "bauman")
    assert (declined["status"], declined["reason"]) == ("declined", "В этот день на улице ярмарка")
    assert str(MUSICIAN) not in answer.body.decode()
    assert "Имя" not in answer.body.decode()


async def test_filters(world: ApiWorld) -> None:
    made = [b.id for b in await four_bookings(world)]
    assert ids(await world.get(BOOKINGS, {"status": "pending"})) == [made[2]]
    assert ids(await world.get(BOOKINGS, {"status": "pending,declined"})) == made[2:]
    both = [("status", "confirmed"), ("status", "declined")]
    assert ids(await world.get(BOOKINGS, both)) == [made[0], made[1], made[3]]
    assert ids(await world.get(BOOKINGS, {"site": "bauman"})) == made[2:]
    assert ids(await world.get(BOOKINGS, {"site": "kazan_arena"})) == []
    tuesday = {"starts_from": iso(TUESDAY_10), "starts_before": iso(START + 2 * DAY)}
    assert ids(await world.get(BOOKINGS, tuesday)) == made[:2]
    later = {"starts_from": "2026-12-02T10:00:00+03:00", "site": "bauman"}
    assert ids(await world.get(BOOKINGS, later)) == made[2:]
    assert ids(await world.get(BOOKINGS, {"starts_before": iso(TUESDAY_1215)})) == made[:1]


async def test_paging_by_keyset(world: ApiWorld) -> None:
    made = [b.id for b in await four_bookings(world)]
    seen: list[int] = []
    params: dict[str, Any] = {"limit": "3"}
    while True:
        page = (await world.get(BOOKINGS, params)).json()
        seen += [item["id"] for item in page["items"]]
        if page["next_after_id"] is None:
            break
        params["after_id"] = str(page["next_after_id"])
    assert seen == made
    last = (await world.get(BOOKINGS, {"limit": "4"})).json()
    assert last["next_after_id"] is None
    empty = (await world.get(BOOKINGS, {"after_id": str(made[-1])})).json()
    assert empty == {"items": [], "next_after_id": None}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "booked"}, "status.0"),
        ({"site": "nowhere"}, "site"),
        ({"starts_from": "2026-12-01T10:00:00"}, "starts_from"),  # no time zone
        ({"starts_before": "tomorrow"}, "starts_before"),
        ({"starts_from": iso(TUESDAY_10), "starts_before": iso(TUESDAY_10)}, "body"),
        ({"limit": "0"}, "limit"),
        ({"limit": "201"}, "limit"),
        ({"after_id": "-1"}, "after_id"),
        ({"after_id": "x"}, "after_id"),
        ({"performer": "1"}, "performer"),
    ],
)
@pytest.mark.parametrize("path", [BOOKINGS, f"{BOOKINGS}.csv"])
async def test_bad_filters_are_refused(
    world: ApiWorld, path: str, params: dict[str, str], field: str
) -> None:
    if path.endswith(".csv") and field in ("limit", "after_id"):
        field = next(iter(params))  # the export has no paging: unknown parameters
    assert refused_field(await world.get(path, params)) == field


async def test_a_token_is_needed(world: ApiWorld) -> None:
    assert (await world.get(BOOKINGS, headers={})).status == 401
    assert (await world.get(f"{BOOKINGS}.csv", headers={})).status == 401


def read_csv(answer: Answer) -> list[dict[str, str]]:
    assert answer.status == 200, answer.body
    assert answer.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert answer.body.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(answer.body.decode("utf-8-sig"))))


async def test_the_csv_export(world: ApiWorld) -> None:
    made = await four_bookings(world)
    answer = await world.get(f"{BOOKINGS}.csv")
    assert "bookings.csv" in answer.headers["Content-Disposition"]
    rows = read_csv(answer)
    assert [int(row["id"]) for row in rows] == [b.id for b in made]
    assert rows[0] == {
        "id": str(made[0].id),
        "site": "peterburgskaya",
        "site_name": "Петербургская улица",
        "stage_name": "Струны Казани",
        "genre": "music",
        "starts_at_msk": "2026-12-01 10:00",
        "ends_at_msk": "2026-12-01 12:00",
        "status": "confirmed",
        "reason": "",
        "created_at_msk": "2026-11-30 10:00",
    }
    assert rows[3]["reason"] == "В этот день на улице ярмарка"
    pending = {"site": "bauman", "status": "pending"}
    filtered = read_csv(await world.get(f"{BOOKINGS}.csv", pending))
    assert [int(row["id"]) for row in filtered] == [made[2].id]


async def test_an_empty_export_still_has_its_header(world: ApiWorld) -> None:
    answer = await world.get(f"{BOOKINGS}.csv")
    assert read_csv(answer) == []
    assert answer.body.decode("utf-8-sig").startswith("id,site,site_name,stage_name,genre,")


async def test_a_retired_site_keeps_its_bookings(world: ApiWorld) -> None:
    made = await four_bookings(world)
    retired = await world.call("PATCH", "/api/v1/sites/peterburgskaya", body={"active": False})
    assert retired.status == 200
    listed = (await world.get(BOOKINGS, {"site": "peterburgskaya"})).json()["items"]
    assert [(b["id"], b["status"]) for b in listed] == [
        (made[0].id, "confirmed"),
        (made[1].id, "confirmed"),
    ]
