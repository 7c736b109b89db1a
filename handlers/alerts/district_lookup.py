"""Districts as the alert screens use them: in a stable order, for buttons that carry a
position, and named in the person's language."""

from collections.abc import Callable

from domain.districts import District, DistrictDirectory
from domain.unit_of_work import CityUnitOfWork


async def district_list(uow: CityUnitOfWork) -> list[District]:
    """Sorted by the Russian name (the repository's order): a button keeps a position."""
    return await uow.districts.all()


async def district_at(uow: CityUnitOfWork, index: int) -> District | None:
    """None for a position that is not (or no longer) in the directory."""
    districts = await district_list(uow)
    return districts[index] if 0 <= index < len(districts) else None


def district_namer(districts: DistrictDirectory, locale: str) -> Callable[[str], str]:
    """A district's stored (Russian) name → its name in the person's language."""
    return lambda name: districts.name(name, locale)
