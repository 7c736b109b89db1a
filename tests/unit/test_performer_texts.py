"""The profile form's plain rules: what counts as a link, the form's data, when staff look."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from domain.booking.performers import Genre, Performer, PerformerStatus
from domain.booking.sites import Equipment, Sound
from handlers.performers.links import web_link
from handlers.performers.navigation import needs_look
from handlers.performers.states import draft_from_data, profile_to_data

NOW = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)


def approved(**changes: object) -> Performer:
    values: dict[str, object] = {
        "user_id": 1,
        "stage_name": "Дуэт Ветер",
        "genre": Genre.MUSIC,
        "group_size": 2,
        "sound": Sound.ACOUSTIC,
        "created_at": NOW - timedelta(days=3),
        "updated_at": NOW - timedelta(days=3),
        "equipment": frozenset({Equipment.STAND}),
        "description": "Джаз",
        "links": ("https://vk.com/veter",),
        "status": PerformerStatus.APPROVED,
        "id": 7,
    }
    values.update(changes)
    return Performer(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    ["https://vk.com/veter", " https://youtu.be/x?t=1 ", "https://ТАТАРСТАН.рф/артист"],
)
def test_links_taken(text: str) -> None:
    assert web_link(text) == text.strip()


@pytest.mark.parametrize(
    "text",
    [
        "http://vk.com/veter",
        "https://",
        "https://localhost",
        "https://vk..com",
        "vk.com/veter",
        "https://vk.com/a b",
        "javascript:alert(1)",
        "https://[::1",
        "https://vk.com/" + "x" * 200,
    ],
)
def test_not_links_refused(text: str) -> None:
    assert web_link(text) is None


def test_a_stored_profile_round_trips_through_the_form() -> None:
    profile = approved()
    draft = draft_from_data(profile_to_data(profile), 1, NOW)
    assert draft is not None
    for name in ("stage_name", "genre", "group_size", "sound", "equipment", "links"):
        assert getattr(draft, name) == getattr(profile, name)
    json.dumps(profile_to_data(profile))  # the FSM storage keeps JSON


@pytest.mark.parametrize(
    "data",
    [
        {},
        {**profile_to_data(approved()), "genre": "opera"},
        {**profile_to_data(approved()), "group_size": 60},
        {**profile_to_data(approved()), "sound": 7},
        {**profile_to_data(approved()), "links": ["ftp://x"]},
    ],
)
def test_a_tampered_form_gives_no_draft(data: dict[str, object]) -> None:
    assert draft_from_data(data, 1, NOW) is None


def test_only_what_staff_judged_sends_an_approved_profile_back() -> None:
    current = approved()
    assert not needs_look(current, approved(description="Классика"), NOW)
    assert not needs_look(current, approved(links=()), NOW)
    assert needs_look(current, approved(sound=Sound.UP_TO_90_DB), NOW)
    assert needs_look(current, approved(equipment=frozenset()), NOW)
    assert needs_look(current, approved(stage_name="Ветер"), NOW)
    assert needs_look(None, current, NOW)
    declined = approved(status=PerformerStatus.DECLINED, decline_reason="Нет ссылок")
    assert needs_look(declined, approved(description="Классика"), NOW)
