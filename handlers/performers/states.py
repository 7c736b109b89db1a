"""The profile form's steps and the plain data it keeps between them.

Kept by the FSM storage (the database or Redis), so a half-filled profile survives a restart;
only JSON-friendly values go in (enum values, lists).
"""

from datetime import datetime
from typing import Any

from aiogram.fsm.state import State, StatesGroup

from domain.booking.performers import Genre, Performer
from domain.booking.sites import Equipment, Sound
from domain.errors import InvalidInput


class PerformerForm(StatesGroup):
    name = State()
    genre = State()
    group = State()  # buttons 1–4 and "5+"
    group_number = State()  # "5+": the number typed
    sound = State()
    equipment = State()
    description = State()
    links = State()
    summary = State()


def profile_to_data(profile: Performer) -> dict[str, Any]:
    """A stored profile as the form's data: "Изменить анкету" starts from what is there."""
    return {
        "stage_name": profile.stage_name,
        "genre": profile.genre.value,
        "group_size": profile.group_size,
        "sound": int(profile.sound),
        "equipment": [item.value for item in Equipment if item in profile.equipment],
        "description": profile.description,
        "links": list(profile.links),
    }


def draft_from_data(data: dict[str, Any], user_id: int, now: datetime) -> Performer | None:
    """The whole profile, or None when a step is missing or a value is off (a tampered
    or half-filled form): the summary then starts the form over rather than guess."""
    try:
        return Performer(
            user_id=user_id,
            stage_name=data["stage_name"],
            genre=Genre(data["genre"]),
            group_size=int(data["group_size"]),
            sound=Sound(int(data["sound"])),
            created_at=now,
            updated_at=now,
            equipment=frozenset(Equipment(item) for item in data.get("equipment", [])),
            description=data.get("description", ""),
            links=tuple(data.get("links", [])),
        )
    except (KeyError, ValueError, TypeError, InvalidInput):
        return None
