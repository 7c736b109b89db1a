"""The add-address conversation: its steps and the plain data it keeps between them.

Kept by the FSM storage (the database or Redis), so a half-added address survives a restart.
"""

from datetime import datetime
from typing import Any

from aiogram.fsm.state import State, StatesGroup

from domain.address.matcher import AddressCandidate
from domain.address.model import Street
from domain.alerts.subscriptions import SavedAddress


class AddAddress(StatesGroup):
    label = State()  # "Дом", "Работа", "Родители" or the person's own words
    place = State()  # a typed address (then a choice among candidates) or a location


def candidate_to_data(candidate: AddressCandidate) -> dict[str, Any]:
    return {
        "text": candidate.label(),
        "street_id": candidate.street.id,
        "house": candidate.house,
        "district": candidate.district,
    }


def point_to_data(lat: float, lon: float, district: str, street: Street | None) -> dict[str, Any]:
    """A shared location; on a known street it follows that street (the house is unknown).
    The text stays language-neutral: the coordinates, after the street's Russian label as a
    typed address has it."""
    coordinates = f"{lat:.5f}, {lon:.5f}"
    text = f"{street.label()} · {coordinates}" if street is not None else coordinates
    street_id = street.id if street is not None else None
    return {"text": text, "street_id": street_id, "district": district, "lat": lat, "lon": lon}


def address_from_data(
    user_id: int, label: str, data: dict[str, Any], now: datetime
) -> SavedAddress:
    return SavedAddress(
        user_id=user_id,
        label=label,
        text=data["text"],
        created_at=now,
        street_id=data.get("street_id"),
        house=data.get("house"),
        district=data.get("district"),
        lat=data.get("lat"),
        lon=data.get("lon"),
    )
