"""What booking screens look up beside the unit of work."""

from domain.booking.sites import Site
from domain.unit_of_work import CityUnitOfWork


async def sites_by_id(uow: CityUnitOfWork) -> dict[int, Site]:
    """Every site, inactive ones too: an old booking still names its place."""
    return {site.id: site for site in await uow.sites.all(active_only=False) if site.id}
