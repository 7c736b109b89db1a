"""The unit of work every handler receives: one port with every repository of the city.

Use cases declare the narrow ports they need (`domain.ports.UnitOfWork` for requests,
`AlertsUnitOfWork`, `BookingUnitOfWork`, ...); the bot's middleware opens one unit of work per
update that has them all, and handlers see it as this one type rather than as a different
slice in each feature. storage/uow.SqlUnitOfWork implements it.
"""

from collections.abc import Callable
from typing import Protocol

from domain.account import AccountUnitOfWork
from domain.figures import FiguresQueries


class CityUnitOfWork(AccountUnitOfWork, Protocol):
    """Requests, staff, alerts, Art-prospect, the FAQ, the resident's account, the figures."""

    @property
    def figures(self) -> FiguresQueries: ...


UnitOfWorkFactory = Callable[[], CityUnitOfWork]
