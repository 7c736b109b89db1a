"""Art-prospect performance sites: list, read, create, change their rules or retire them.

Sites are seeded once from data/sites.csv and from then on edited here only (the loader
never overwrites a site that exists). The code is the site's key in the API.
"""

from collections.abc import Callable
from dataclasses import replace

from sqlalchemy.exc import IntegrityError

from bot.api.errors import conflict, invalid, not_found
from bot.api.routing import ApiCall, Reply, RouteTable
from bot.api.site_models import (
    SiteList,
    SiteListQuery,
    SiteOut,
    SitePatch,
    SitePath,
    SitePost,
    site_fields,
)
from domain.booking.sites import Site
from domain.errors import InvalidInput
from storage.reference_data import load_district_locator
from storage.uow import SqlUnitOfWork

routes = RouteTable("sites")
# The domain's check_site words its refusals; this names the field each one is about.
_FIELD_OF_PROBLEM = (
    ("open_days", "open_days"),
    ("buffer", "buffer_minutes"),
    ("slot", "slot_minutes"),
    ("opens", "open_from"),
    ("max_group", "max_group"),
    ("name", "name_ru"),
)
_PLACE_FIELDS = frozenset({"district", "lat", "lon"})


@routes.get("/sites", query=SiteListQuery, responses={200: SiteList})
async def list_sites(call: ApiCall, query: SiteListQuery) -> SiteList:
    """List the performance sites, retired ones included unless `active` says otherwise"""
    async with call.context.uow() as uow:
        sites = await uow.sites.all(active_only=False)
    wanted = [site for site in sites if query.active is None or site.active is query.active]
    return SiteList(items=[SiteOut.of(site) for site in wanted])


@routes.get("/sites/{code}", responses={200: SiteOut}, errors=(404,), path_model=SitePath)
async def get_site(call: ApiCall, path: SitePath) -> SiteOut:
    """Read one site"""
    async with call.context.uow() as uow:
        site = await _site(uow, path.code)
    return SiteOut.of(site)


@routes.post(
    "/sites",
    body=SitePost,
    responses={201: SiteOut},
    errors=(409,),
    links={name: {"code": "$response.body#/code"} for name in ("get_site", "patch_site")},
)
async def post_site(call: ApiCall, body: SitePost) -> Reply:
    """Add a site; 409 when the code is taken"""
    site = _checked(lambda: Site(**site_fields(body.model_dump())))
    now = call.context.clock.now()
    async with call.context.uow() as uow:
        await _check_place(call, uow, site)
        if await uow.sites.by_code(site.code) is not None:
            raise conflict(f"site {site.code!r} already exists")
        try:
            stored = await uow.sites.add(site, now)
            await uow.commit()
        except IntegrityError:  # added by someone else since the check above
            raise conflict(f"site {site.code!r} already exists") from None
    return Reply(SiteOut.of(stored), 201)


@routes.patch(
    "/sites/{code}", body=SitePatch, responses={200: SiteOut}, errors=(404,), path_model=SitePath
)
async def patch_site(call: ApiCall, path: SitePath, body: SitePatch) -> SiteOut:
    """Change a site's names, place, photo, point, district or rules

    Only the fields given change. `active: false` retires the site: it is no longer offered
    for booking, but bookings already made there stay (staff cancel them if they must);
    `active: true` brings it back. New rules apply to bookings made from now on.
    """
    changes = site_fields(body.model_dump(exclude_unset=True))
    async with call.context.uow() as uow:
        current = await _site(uow, path.code)
        site = _checked(lambda: replace(current, **changes))
        if changes.keys() & _PLACE_FIELDS:
            await _check_place(call, uow, site)
        await uow.sites.save(site, call.context.clock.now())
        await uow.commit()
    return SiteOut.of(site)


async def _site(uow: SqlUnitOfWork, code: str) -> Site:
    site = await uow.sites.by_code(code)
    if site is None:
        raise not_found(f"site {code!r}")
    return site


def _checked(build: Callable[[], Site]) -> Site:
    """The site as the domain accepts it, or 422 naming the field it refused."""
    try:
        return build()
    except InvalidInput as error:
        text = str(error)
        field = next((f for word, f in _FIELD_OF_PROBLEM if word in text), "body")
        raise invalid(field, text) from None


async def _check_place(call: ApiCall, uow: SqlUnitOfWork, site: Site) -> None:
    """A known district; a point given whole, inside Kazan and inside that district."""
    known = call.context.districts.names()
    if site.district is not None and site.district not in known:
        raise invalid("district", f"unknown district; use {', '.join(sorted(known))}")
    if (site.lat is None) != (site.lon is None):
        raise invalid("lat" if site.lat is None else "lon", "give lat and lon together")
    if site.lat is None or site.lon is None:
        return
    locator = await load_district_locator(uow.session)
    if not locator.districts:  # reference data not loaded: nothing to check against
        return
    located = locator.locate(site.lat, site.lon)
    if located is None:
        raise invalid("lat", "the point is outside Kazan")
    if site.district is not None and located != site.district:
        raise invalid("district", f"the point lies in the {located} district")
