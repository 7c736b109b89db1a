"""Art-prospect performance sites seeded from data/sites.csv.

Unlike the other reference loaders, which upsert, this one only inserts the sites whose code
the database lacks. Once a site exists it belongs to staff, who edit it through the admin API
(PATCH /api/v1/sites/{code}); the next `mykazan migrate` must not undo their hours, rules,
photo or the retirement of a site, so an existing site is never overwritten.
"""

import csv
from datetime import datetime, time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.booking.sites import Equipment, Site, Sound
from domain.errors import InvalidInput
from storage.booking_mappers import site_values
from storage.dialects import insert_for
from storage.models import DistrictRow, SiteRow
from storage.street_register import LoadReport

# The words the reference file and the admin API use for a site's sound class.
SOUND_NAMES: dict[Sound, str] = {
    Sound.ACOUSTIC: "acoustic",
    Sound.UP_TO_60_DB: "db60",
    Sound.UP_TO_90_DB: "db90",
}
SOUND_BY_NAME = {name: sound for sound, name in SOUND_NAMES.items()}
COLUMNS = (
    "code",
    "name_ru",
    "name_tt",
    "name_en",
    "place",
    "district",
    "lat",
    "lon",
    "open_days",
    "open_from",
    "open_to",
    "slot_minutes",
    "buffer_minutes",
    "sound",
    "max_group",
    "equipment",
    "auto_approve",
    "defaults_note",
)
_YES_NO = {"yes": True, "no": False}


async def load_sites(session: AsyncSession, csv_path: Path, now: datetime) -> LoadReport:
    """Insert the file's sites that are missing; `unchanged` counts those kept as stored.

    Districts must be loaded first (a site's district refers to one)."""
    sites = read_sites(csv_path)
    known = set(await session.scalars(select(DistrictRow.name_ru)))
    for site in sites:
        if site.district is not None and site.district not in known:
            raise ValueError(f"{csv_path.name}: site {site.code}: unknown district")
    if not sites:
        return LoadReport()
    rows = [site_values(site) | {"created_at": now, "updated_at": now} for site in sites]
    # ON CONFLICT DO NOTHING rather than a check first: two processes migrating at once
    # still add each site once.
    inserted = await session.scalars(
        insert_for(session, SiteRow)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["code"])
        .returning(SiteRow.code)
    )
    added = len(inserted.all())
    return LoadReport(added=added, unchanged=len(sites) - added)


def read_sites(csv_path: Path) -> list[Site]:
    """Every row as a domain Site (so checked by its rules); a bad row names its line."""
    with csv_path.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.DictReader(file)
        missing = [name for name in COLUMNS if name not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"{csv_path.name}: missing column(s) {', '.join(missing)}")
        sites: list[Site] = []
        for row in reader:
            try:
                sites.append(site_from_row({k: (v or "").strip() for k, v in row.items() if k}))
            except (ValueError, KeyError, InvalidInput) as error:
                raise ValueError(f"{csv_path.name} line {reader.line_num}: {error}") from error
    codes = [site.code for site in sites]
    if len(set(codes)) != len(codes):
        raise ValueError(f"{csv_path.name}: a code appears twice")
    return sites


def site_from_row(row: dict[str, str]) -> Site:
    lat, lon = _float(row["lat"]), _float(row["lon"])
    if (lat is None) != (lon is None):
        raise ValueError("give both lat and lon, or neither")
    return Site(
        code=row["code"],
        name_ru=row["name_ru"],
        name_tt=row["name_tt"] or None,
        name_en=row["name_en"] or None,
        place=row["place"],
        district=row["district"] or None,
        lat=lat,
        lon=lon,
        open_days=frozenset(int(day) for day in row["open_days"]),
        open_from=parse_clock(row["open_from"]),
        open_to=parse_clock(row["open_to"]),
        slot_minutes=int(row["slot_minutes"]),
        buffer_minutes=int(row["buffer_minutes"]),
        sound=SOUND_BY_NAME[row["sound"]],
        max_group=int(row["max_group"]),
        equipment=frozenset(Equipment(name) for name in row["equipment"].split()),
        auto_approve=_YES_NO[row["auto_approve"]],
        defaults_note=row["defaults_note"],
        # Optional column: how close a performer must be to check in (metres).
        check_in_radius_m=int(row.get("check_in_radius_m") or 0) or None,
    )


def parse_clock(text: str) -> time:
    """ "HH:MM" (24-hour) as a time; anything else is a ValueError."""
    hours, sep, minutes = text.partition(":")
    if not sep or len(hours) != 2 or len(minutes) != 2:
        raise ValueError(f"{text!r} is not HH:MM")
    return time(int(hours), int(minutes))


def _float(text: str) -> float | None:
    return float(text) if text else None
