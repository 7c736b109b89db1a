"""The report form's steps and the plain data it keeps between them."""

from dataclasses import asdict
from typing import Any

from aiogram.fsm.state import State, StatesGroup

from domain.address.matcher import AddressCandidate
from domain.requests import Place
from domain.services.reports import ReportDraft, place_of


class ReportForm(StatesGroup):
    category = State()
    place = State()
    photos = State()
    description = State()
    summary = State()
    outage = State()  # a known outage covers the address: follow it, or file anyway


def place_from_candidate(candidate: AddressCandidate) -> Place:
    return place_of(candidate)  # the same rule as the operators' phone form


def place_to_data(place: Place) -> dict[str, Any]:
    return asdict(place)


def place_from_data(data: dict[str, Any] | None) -> Place | None:
    return Place(**data) if data else None


def draft_from_data(data: dict[str, Any]) -> ReportDraft | None:
    """The whole draft, or None when a step is missing (e.g. the form was tampered with)."""
    place = place_from_data(data.get("place"))
    if place is None or not data.get("category") or not data.get("description"):
        return None
    return ReportDraft(
        category=data["category"],
        place=place,
        description=data["description"],
        photos=tuple(data.get("photos", [])),
    )
