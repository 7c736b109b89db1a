"""Repeats of an incident: a change redraws its card once, even when two repeats race."""

from datetime import UTC, datetime

from domain.clock import FixedClock
from domain.services.incidents import Incident, Severity, update_incident
from tests.unit.fakes import FakeUnitOfWork

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
KEY = "incident:scada:42"
SHOWN = {"severity": "warning", "title": "Насосная", "details": "", "resolved": False}


async def test_two_repeats_with_the_same_news_after_the_same_row_make_one_redraw() -> None:
    uow, clock = FakeUnitOfWork(staff_chat_id=-100), FixedClock(NOW)
    resolved = Incident("scada", Severity.WARNING, "Насосная", source_id="42", resolved=True)
    # Both read the card's newest row (id 7) before either wrote: the same change, once.
    assert await update_incident(uow, clock, resolved, KEY, (7, SHOWN))  # type: ignore[arg-type]
    assert not await update_incident(uow, clock, resolved, KEY, (7, SHOWN))  # type: ignore[arg-type]
    assert len(uow.outbox.rows) == 1


async def test_a_repeat_that_says_nothing_new_redraws_nothing() -> None:
    uow, clock = FakeUnitOfWork(staff_chat_id=-100), FixedClock(NOW)
    same = Incident("scada", Severity.WARNING, "Насосная", source_id="42")
    assert not await update_incident(uow, clock, same, KEY, (7, SHOWN))  # type: ignore[arg-type]
    assert uow.outbox.rows == {}
