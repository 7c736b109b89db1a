"""A period with no day in it: `/stats month` (or this month's `/stats YYYY-MM`) asked at the
very midnight the month starts (a fixed clock, the sandbox's) is empty, not an error."""

from datetime import datetime

from domain.clock import CITY_TZ
from domain.figures_period import parse_period
from domain.services.figures_report import figures_report
from storage.uow import SqlUnitOfWork


async def test_stats_month_asked_at_the_midnight_it_starts(uow: SqlUnitOfWork) -> None:
    now = datetime(2026, 12, 1, tzinfo=CITY_TZ)
    period = parse_period("month", now)
    async with uow:
        report = await figures_report(uow.figures, period, now)
    assert report.city.median_first_response is None
    assert report.city.counts.received == 0
