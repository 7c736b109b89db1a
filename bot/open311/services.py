"""discovery, services and services/{code}: what this endpoint offers."""

from aiohttp import web

from bot.open311.catalog import definition_data, service_data
from bot.open311.context import Open311Context
from bot.open311.formats import Format, Open311Error, items_response, object_response

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# When this endpoint's behaviour last changed (the spec's `changeset`); bump it with a change.
CHANGESET = "2026-12-07T00:00:00+03:00"
CONTACT = "Чат-бот «Моя Казань»: вопросы об API — администратору сервиса"
KEY_SERVICE = "Ключ api_key для подачи заявок выдаёт администратор сервиса (OPEN311_API_KEYS)"


async def discovery(request: web.Request, _: Open311Context, fmt: Format) -> web.Response:
    endpoint = str(request.url.with_path(request.path.rsplit("/", 1)[0]).with_query(None))
    return object_response(
        fmt,
        "discovery",
        {
            "changeset": CHANGESET,
            "contact": CONTACT,
            "key_service": KEY_SERVICE,
            "endpoints": [
                {
                    "specification": SPECIFICATION,
                    "url": endpoint,
                    "changeset": CHANGESET,
                    "type": "production",
                    "formats": [Format.XML.media_type, Format.JSON.media_type],
                }
            ],
        },
    )


async def services(_: web.Request, context: Open311Context, fmt: Format) -> web.Response:
    async with context.uow() as uow:
        categories = await uow.categories.list_active()
    return items_response(fmt, "services", "service", [service_data(c) for c in categories])


async def service_definition(
    request: web.Request, context: Open311Context, fmt: Format
) -> web.Response:
    code = request.match_info["service_code"]
    async with context.uow() as uow:
        category = await uow.categories.get(code)
    if category is None:
        raise Open311Error(404, f"service_code {code!r} not found")
    return object_response(fmt, "service_definition", definition_data(category.code))
