"""POST requests.{fmt}: a partner app or a city system files a request with its api_key.

The request is filed through the same use case as a resident's (submit_request, channel
OPEN311), so staff get its card in the staff chat like any other. The answer's
`service_request_id` is the public number (KZN-000123), the one staff and the public page
show. The spec's personal fields (email, first_name, last_name, phone, device_id, account_id)
are accepted and not stored: the city writes back to nobody through this channel.
"""

import hmac
import re
from collections.abc import Mapping

from aiohttp import web

from bot.open311.catalog import attributes_of
from bot.open311.context import Open311Context
from bot.open311.formats import Format, Open311Error, items_response
from bot.open311.places import place_of
from bot.open311.queries import single_values
from bot.open311.views import with_media
from domain.categories import Category
from domain.clock import to_city_time
from domain.errors import DescriptionTooLong, DescriptionTooShort
from domain.requests import Request, RequestChannel
from domain.services.reports import DESCRIPTION_MAX, ReportDraft, clean_description, submit_request

MEDIA_URL_MAX = 500
_MEDIA_URL = re.compile(r"https?://[^\x00-\x20\x7f]+")
_ATTRIBUTE = re.compile(r"attribute\[([^\[\]]+)\](\[\])?")
FIELDS = ("api_key", "service_code", "lat", "long", "address_string", "description", "media_url")
BAD_KEY = "Invalid api_key received -- can't proceed with create_request."


async def post_request(request: web.Request, context: Open311Context, fmt: Format) -> web.Response:
    try:
        posted = await request.post()
    except ValueError:  # a multipart body without its boundary, a malformed form
        raise Open311Error(
            400, "the body is not a form (application/x-www-form-urlencoded)"
        ) from None
    form = single_values(posted, FIELDS)
    _check_key(form.get("api_key") or request.query.get("api_key", ""), context.api_keys)
    code = form.get("service_code", "").strip()
    if not code:
        raise Open311Error(400, "service_code is required")
    async with context.uow() as uow:
        active = {c.code: c for c in await uow.categories.list_active()}
        category = active.get(code)
        if category is None:
            raise Open311Error(400, f"service_code: unknown service {code!r}")
        draft = ReportDraft(code, place_of(form, context), _description(form, code))
        try:
            filed = await submit_request(
                uow, context.clock, None, draft, channel=RequestChannel.OPEN311
            )
        except DescriptionTooLong:
            raise Open311Error(400, f"description: at most {DESCRIPTION_MAX} characters") from None
        await uow.commit()
    context.outbox_wake.set()  # the staff card goes out now, not at the next poll
    answer = {
        "service_request_id": filed.number,
        "service_notice": _notice(filed, category),
        "account_id": None,
    }
    return items_response(fmt, "service_requests", "request", [answer], status=201)


def _check_key(given: str, known: tuple[bytes, ...]) -> None:
    if not known:
        raise Open311Error(403, "filing is off: no OPEN311_API_KEYS are configured")
    # Compared with every key, not stopping at a match: the time says nothing about which.
    matches = [hmac.compare_digest(given.strip().encode(), key) for key in known]
    if not any(matches):
        raise Open311Error(403, BAD_KEY)


def _description(form: Mapping[str, str], code: str) -> str:
    if len(form.get("description", "")) > DESCRIPTION_MAX:  # as sent, before spaces are cut
        raise Open311Error(400, f"description: at most {DESCRIPTION_MAX} characters")
    try:
        text = clean_description(form.get("description", ""))
    except DescriptionTooShort:
        raise Open311Error(400, "description: at least 10 characters are required") from None
    except DescriptionTooLong:
        raise Open311Error(400, f"description: at most {DESCRIPTION_MAX} characters") from None
    lines = [text, *_attribute_lines(form, code)]
    return with_media("\n".join(lines), _media_url(form))


def _attribute_lines(form: Mapping[str, str], code: str) -> list[str]:
    known = {attribute.code: attribute for attribute in attributes_of(code)}
    given: dict[str, str] = {}
    for name, value in form.items():
        found = _ATTRIBUTE.fullmatch(name)
        if found is None:
            continue
        attribute_code = found.group(1)
        if attribute_code not in known:
            raise Open311Error(400, f"{name}: service {code!r} has no such attribute")
        given[attribute_code] = value.strip()
    lines = []
    for attribute_code, attribute in known.items():
        if attribute_code not in given:
            if attribute.required:
                raise Open311Error(400, f"attribute[{attribute_code}] is required")
            continue
        line = attribute.line(given[attribute_code])
        if line is None:
            keys = ", ".join(key for key, _ in attribute.values)
            raise Open311Error(400, f"attribute[{attribute_code}]: use one of {keys}")
        lines.append(line)
    return lines


def _media_url(form: Mapping[str, str]) -> str | None:
    url = form.get("media_url", "")
    if not url:
        return None
    if len(url) > MEDIA_URL_MAX or not _MEDIA_URL.fullmatch(url):
        raise Open311Error(400, f"media_url: an http(s) URL of at most {MEDIA_URL_MAX} characters")
    return url


def _notice(filed: Request, category: Category) -> str:
    deadline = to_city_time(filed.deadline_at)
    return (
        f"Заявка {filed.number} принята. Первый ответ — в течение "
        f"{category.first_response_hours} ч, срок решения — до {deadline:%d.%m.%Y}."
    )
