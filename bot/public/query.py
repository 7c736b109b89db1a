"""Reading the page's query: the language and the filters, each checked against what
exists (a bad value is answered 400 with a clear message, never searched for)."""

from collections.abc import Mapping

from aiogram.utils.i18n import I18n

from domain.categories import Category
from domain.districts import DistrictDirectory
from domain.public_page import OPEN_FILTER, PublicFilter
from domain.requests import RequestStatus

DEFAULT_LOCALE = "ru"
_STATUSES = frozenset({OPEN_FILTER} | {status.value for status in RequestStatus})


class BadQuery(ValueError):
    pass


def read_locale(query: Mapping[str, str], i18n: I18n) -> str:
    asked = query.get("lang", DEFAULT_LOCALE)
    return asked if asked in i18n.available_locales else DEFAULT_LOCALE


def read_filter(
    query: Mapping[str, str], categories: Mapping[str, Category], districts: DistrictDirectory
) -> tuple[PublicFilter, int | None]:
    """The filter and the `before` id of the older page; empty values mean «all»."""
    district = query.get("district") or None
    category = query.get("category") or None
    status = query.get("status") or None
    if district is not None and district not in districts.names():
        raise BadQuery("district")
    if category is not None and category not in categories:
        raise BadQuery("category")
    if status is not None and status not in _STATUSES:
        raise BadQuery("status")
    before_text = query.get("before") or None
    before = None
    if before_text is not None:
        if not before_text.isascii() or not before_text.isdigit() or len(before_text) > 10:
            raise BadQuery("before")
        before = int(before_text)
    return PublicFilter(district, category, status), before
