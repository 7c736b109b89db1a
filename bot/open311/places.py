"""Where a POSTed request is: `lat`/`long`, `address_string`, or both.

An address is read by the city's address matcher, as the bot reads a typed one: taken when it
is clear (one street, spelt as in the register, with a house); otherwise the request is
refused with the candidates, unless a point inside Kazan was sent too (then the point is the
place and the text its label, for staff to read).
"""

import math
import re
from collections.abc import Mapping

from bot.open311.context import Open311Context
from bot.open311.formats import Open311Error
from domain.address.matcher import MAX_QUERY_CHARS
from domain.address.model import AddressMatch
from domain.requests import Place
from domain.services.reports import place_of as matched_place

_NUMBER = re.compile(r"-?[0-9]{1,3}(\.[0-9]{1,15})?")
CANDIDATES_SHOWN = 3


def place_of(form: Mapping[str, str], context: Open311Context) -> Place:
    point = _point(form, context)
    if len(form.get("address_string", "")) > MAX_QUERY_CHARS:  # as sent
        raise Open311Error(400, f"address_string: at most {MAX_QUERY_CHARS} characters")
    text = " ".join(form.get("address_string", "").split())
    if not text:
        if point is not None:
            lat, lon, district = point
            return Place(label=f"{lat:.5f}, {lon:.5f}", district=district, lat=lat, lon=lon)
        if form.get("address_id"):
            raise Open311Error(400, "address_id is not supported: send lat and long")
        raise Open311Error(400, "lat and long, or address_string, is required")
    match = context.address_matcher.match(text)
    settled = match.settled
    if settled is not None:
        # A point the app sent is where its user stood: more exact than the register's.
        return matched_place(settled, point[:2] if point is not None else None)
    if point is not None:
        lat, lon, district = point
        return Place(label=text, district=district, lat=lat, lon=lon)
    raise Open311Error(400, f"address_string: {_doubt(match)}")


def _point(form: Mapping[str, str], context: Open311Context) -> tuple[float, float, str] | None:
    lat_text, lon_text = form.get("lat", ""), form.get("long", "")
    if not lat_text and not lon_text:
        return None
    if not (_NUMBER.fullmatch(lat_text) and _NUMBER.fullmatch(lon_text)):
        raise Open311Error(400, "lat and long: both, as decimal degrees (WGS84)")
    lat, lon = float(lat_text), float(lon_text)
    district = context.district_locator.locate(lat, lon) if math.isfinite(lat + lon) else None
    if district is None:
        raise Open311Error(400, "lat and long: the point is outside Kazan")
    return lat, lon, district


def _doubt(match: AddressMatch) -> str:
    if not match.candidates:
        return "not a Kazan address; send a street and house, or lat and long"
    shown = [
        f"{c.label()} ({c.district})" if c.district else c.label()
        for c in match.candidates[:CANDIDATES_SHOWN]
    ]
    if not match.candidates[0].house:
        return "a house number is needed; did you mean " + "; ".join(shown)
    return "not clear which address; did you mean " + "; ".join(shown)
