"""The staff chat's lists through their use cases: a template is checked like an answer."""

from datetime import UTC, datetime

import pytest

from domain.clock import FixedClock
from domain.errors import InvalidInput
from domain.services.staff_actions import TEXT_MAX
from domain.services.staff_desk import add_template, remove_template
from tests.unit.fakes import FakeUnitOfWork

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


async def test_a_template_is_kept_trimmed_and_removed_by_its_number() -> None:
    uow = FakeUnitOfWork()
    number = await add_template(uow, FixedClock(NOW), "  Обратитесь в управляющую компанию ", by=7)
    assert await uow.templates.all() == [(number, "Обратитесь в управляющую компанию")]
    assert await remove_template(uow, number) is True
    assert await remove_template(uow, number) is False


@pytest.mark.parametrize("text", ["", "   ", "ы" * (TEXT_MAX + 1)])
async def test_an_empty_or_too_long_template_is_refused(text: str) -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(InvalidInput):
        await add_template(uow, FixedClock(NOW), text, by=7)
    assert await uow.templates.all() == []
