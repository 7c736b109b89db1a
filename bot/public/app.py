"""The public pages on the bot's web app: /city (figures and the newest requests) and
/r/KZN-000123 (one request, with the photos staff made public at /r/KZN-000123/photo/<n>.jpg).
No login and nothing personal; plain HTML that works without JavaScript, cached briefly by
browsers and proxies (the figures change by the minute)."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aiogram.utils.i18n import I18n
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.public.city_page import CITY_PATH, REQUEST_PATH, city_body
from bot.public.district_map import DistrictMap, load_district_map
from bot.public.html import esc, href, page
from bot.public.photo_page import photo_handler
from bot.public.photos import PhotoCache, TelegramPhotos
from bot.public.query import BadQuery, read_filter, read_locale
from bot.public.request_page import request_body
from bot.public.texts import bad_filter, bad_number, not_found, page_title
from domain.districts import DistrictDirectory
from domain.public_figures import median_minutes
from domain.public_page import PHOTO_PATH, city_figures
from domain.requests import format_number, parse_number
from storage.repositories.catalog import SqlCategoryRepository
from storage.repositories.departments import SqlDepartmentRepository
from storage.repositories.public_page import SqlPublicPage

if TYPE_CHECKING:  # the composition root imports the web app, which imports this
    from bot.app import Application

PAGE_SIZE = 20
CACHED = "public, max-age=60"  # a minute behind at worst, and a burst of views costs one
MISSING = "public, max-age=10"  # a number about to be filed must not stay «unknown» long
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
}


@dataclass(frozen=True, slots=True)
class PublicContext:
    session_factory: async_sessionmaker[AsyncSession]
    i18n: I18n
    districts: DistrictDirectory
    district_map: DistrictMap
    photos: TelegramPhotos | None = None  # None: public photos answer 503 (no Bot API here)

    @classmethod
    def build(
        cls,
        session_factory: async_sessionmaker[AsyncSession],
        i18n: I18n,
        districts: DistrictDirectory,
        data_dir: Path,
        photos: TelegramPhotos | None = None,
    ) -> "PublicContext":
        shapes = load_district_map(data_dir / "district_polygons.geojson")
        return cls(session_factory, i18n, districts, shapes, photos)


def public_context(application: "Application") -> PublicContext:
    """The public pages of a running bot: its database, languages, and its Bot API session
    for the photos staff made public."""
    settings = application.settings
    cache = PhotoCache(settings.public_photo_cache_mb * 1024 * 1024)
    return PublicContext.build(
        application.session_factory,
        application.i18n,
        application.districts,
        settings.data_dir,
        photos=TelegramPhotos(application.bot, cache),
    )


def setup_public(app: web.Application, context: PublicContext) -> None:
    app.router.add_get(CITY_PATH, _city(context))
    app.router.add_get(REQUEST_PATH + "{number}", _request(context))
    app.router.add_get(
        REQUEST_PATH + "{number}" + PHOTO_PATH + "{photo:[0-9]{1,2}}.jpg",
        photo_handler(context.session_factory, context.i18n, context.photos),
    )


Handler = Callable[[web.Request], Awaitable[web.Response]]


def _city(context: PublicContext) -> Handler:
    async def city(request: web.Request) -> web.Response:
        locale = read_locale(request.query, context.i18n)
        with context.i18n.context(), context.i18n.use_locale(locale):
            async with context.session_factory() as session:
                categories = {
                    c.code: c for c in await SqlCategoryRepository(session).list_active()
                }
                departments = {
                    d.code: d.name(locale) for d in await SqlDepartmentRepository(session).all()
                }
                try:
                    where, before = read_filter(request.query, categories, context.districts)
                except BadQuery:
                    return _answer(locale, bad_filter(), 400)
                reads = SqlPublicPage(session)
                median = median_minutes(await reads.response_buckets())
                figures = city_figures(await reads.counts(), where, median)
                newest = await reads.newest(where, PAGE_SIZE + 1, before)
            older = newest[PAGE_SIZE - 1].id if len(newest) > PAGE_SIZE else None
            body = city_body(
                locale,
                where,
                figures,
                newest[:PAGE_SIZE],
                older,
                categories,
                context.districts,
                context.district_map,
                departments,
            )
            return _html(page(locale, page_title(), body, CITY_PATH, dict(request.query)))

    return city


def _request(context: PublicContext) -> Handler:
    async def public_request(request: web.Request) -> web.Response:
        locale = read_locale(request.query, context.i18n)
        given = request.match_info["number"]
        request_id = parse_number(given) if len(given) <= 20 else None
        with context.i18n.context(), context.i18n.use_locale(locale):
            if request_id is None or request_id > 2**31 - 1:
                return _answer(locale, bad_number(), 400)
            number = format_number(request_id)
            if given != number:  # «123», «kzn-123»: the one address to share is the canonical
                raise web.HTTPMovedPermanently(f"{REQUEST_PATH}{number}?lang={locale}")
            async with context.session_factory() as session:
                shown = await SqlPublicPage(session).request(request_id)
                category = (
                    await SqlCategoryRepository(session).get(shown.category) if shown else None
                )
            if shown is None:
                return _answer(locale, not_found(number), 404, MISSING)
            district = context.districts.name(shown.district, locale) if shown.district else None
            body = request_body(locale, shown, category, district)
            document = page(locale, number, body, REQUEST_PATH + number, dict(request.query))
            # A resident's words are kept by no cache: taking consent back hides them at once.
            return _html(document, cache=CACHED if shown.description is None else "no-store")

    return public_request


def _answer(locale: str, text: str, status: int, cache: str = "no-store") -> web.Response:
    """A refusal or «not found», in the asked language, with the way back to the city page."""
    back = href(CITY_PATH, lang=locale)
    body = f'<h1>{esc(text)}</h1><p><a href="{back}">{esc(page_title())}</a></p>'
    return _html(page(locale, text, body, CITY_PATH, {}), status, cache)


def _html(document: str, status: int = 200, cache: str = CACHED) -> web.Response:
    return web.Response(
        text=document,
        status=status,
        content_type="text/html",
        charset="utf-8",
        headers={**HEADERS, "Cache-Control": cache},
    )
