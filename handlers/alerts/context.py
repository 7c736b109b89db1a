"""What alert handlers work with: the unit of work with both the city's and the alerts'
repositories, and the districts in a stable order for buttons that carry a position."""

from collections.abc import Callable
from typing import Protocol

from domain.alerts.ports import AlertsUnitOfWork
from domain.districts import District, DistrictDirectory
from domain.ports import UnitOfWork
from domain.services.subscriptions import SitesUnitOfWork


class AlertsUoW(UnitOfWork, AlertsUnitOfWork, SitesUnitOfWork, Protocol):
    """The per-update unit of work the middleware hands over has every side (the city's
    sites tell which street a shared location is on)."""


async def district_list(uow: AlertsUoW) -> list[District]:
    """Sorted by the Russian name (the repository's order): a button keeps a position."""
    return await uow.districts.all()


async def district_at(uow: AlertsUoW, index: int) -> District | None:
    """None for a position that is not (or no longer) in the directory."""
    districts = await district_list(uow)
    return districts[index] if 0 <= index < len(districts) else None


def district_namer(districts: DistrictDirectory, locale: str) -> Callable[[str], str]:
    """A district's stored (Russian) name → its name in the person's language."""
    return lambda name: districts.name(name, locale)
