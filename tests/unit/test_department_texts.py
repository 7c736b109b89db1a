"""Texts of departments in the staff chat: names in the chat's language."""

import pytest

from domain.departments import Department
from handlers.staff.department_texts import reassign_usage, unknown_department

pytestmark = pytest.mark.usefixtures("russian")

ROADS = Department(
    "roads", "Комитет благоустройства", "Төзекләндерү комитеты", "Improvement committee"
)


@pytest.mark.parametrize(
    ("locale", "name"),
    [
        ("ru", "Комитет благоустройства"),
        ("tt", "Төзекләндерү комитеты"),
        ("en", "Improvement committee"),
    ],
)
def test_the_reassign_hint_names_departments_in_the_chats_language(locale: str, name: str) -> None:
    for text in (reassign_usage([ROADS], locale), unknown_department([ROADS], locale)):
        assert f"<code>roads</code> — {name}" in text
