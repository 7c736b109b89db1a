"""The city page's body: filters, the district map, the figures and the newest requests."""

from collections.abc import Callable

from bot.public.district_map import DistrictMap
from bot.public.html import esc, href, select, table
from bot.public.texts import duration, intro, labels, page_title
from domain.categories import Category
from domain.districts import DistrictDirectory
from domain.public_figures import NO_DISTRICT
from domain.public_page import (
    OPEN_FILTER,
    REQUEST_PATH,
    CityFigures,
    PublicFilter,
    PublicRequest,
)
from domain.requests import RequestStatus, format_number
from handlers.common import day
from handlers.my_requests.texts import status_name

CITY_PATH = "/city"

Namer = Callable[[str], str]  # a district's or category's key -> its name in the language


def city_body(
    locale: str,
    where: PublicFilter,
    figures: CityFigures,
    newest: list[PublicRequest],
    older_than: int | None,
    categories: dict[str, Category],
    districts: DistrictDirectory,
    shapes: DistrictMap,
    departments: dict[str, str],
) -> str:
    """`departments`: each department's name in `locale`, by code."""
    words = labels()

    def district(name: str) -> str:
        return words["no_district"] if name == NO_DISTRICT else districts.name(name, locale)

    def category(code: str) -> str:
        known = categories.get(code)
        return known.name(locale) if known is not None else code

    filters = _filters(locale, where, categories, districts, words)
    median = figures.median_response_minutes
    figures_html = (
        f'<div class="grid"><section><h2>{esc(words["map"])}</h2>'
        f"{_map(shapes, figures.open_by_district, locale, where, district)}</section><section>"
        f'<h2>{esc(words["median"])}</h2><p class="big">'
        f"{esc(duration(median) if median is not None else words['nothing'])}</p>"
        f"<h2>{esc(words['on_time'])}</h2>{_on_time(figures, departments, words)}</section></div>"
        f'<div class="grid"><section><h2>{esc(words["by_category"])}</h2>'
        f"{_counts(figures.by_category, category, words['category'])}</section>"
        f"<section><h2>{esc(words['by_district'])}</h2>"
        f"{_counts(figures.by_district, district, words['district'])}</section></div>"
    )
    total = esc(words["total"].format(count=figures.total))
    listing = _newest(locale, newest, category, district, words)
    more = ""
    if older_than is not None:
        link = href(CITY_PATH, **_query(locale, where), before=older_than)
        more = f'<p><a href="{link}" rel="next">{esc(words["older"])}</a></p>'
    return (
        f"<h1>{esc(page_title())}</h1><p>{esc(intro())}</p>{filters}{figures_html}"
        f'<h2 id="newest">{esc(words["newest"])}</h2><p>{total}</p>{listing}{more}'
        f"<footer>{esc(words['osm'])}</footer>"
    )


def _query(locale: str, where: PublicFilter) -> dict[str, str | None]:
    return {
        "lang": locale,
        "district": where.district,
        "category": where.category,
        "status": where.status,
    }


def _filters(
    locale: str,
    where: PublicFilter,
    categories: dict[str, Category],
    districts: DistrictDirectory,
    words: dict[str, str],
) -> str:
    every = ("", words["all"])
    district_options = [every] + sorted(
        ((name, districts.name(name, locale)) for name in districts.names()),
        key=lambda option: option[1],
    )
    category_options = [every] + [(code, c.name(locale)) for code, c in categories.items()]
    status_options = [every, (OPEN_FILTER, words["open"])] + [
        (status.value, status_name(status)) for status in RequestStatus
    ]
    return (
        f'<form method="get" action="{CITY_PATH}">'
        f'<input type="hidden" name="lang" value="{esc(locale)}">'
        f"{select('district', words['district'], district_options, where.district)}"
        f"{select('category', words['category'], category_options, where.category)}"
        f"{select('status', words['status'], status_options, where.status)}"
        f'<button type="submit">{esc(words["show"])}</button></form>'
    )


def _map(
    shapes: DistrictMap, counts: dict[str, int], locale: str, where: PublicFilter, name: Namer
) -> str:
    most = max(counts.values(), default=0)
    parts = []
    for shape in shapes.shapes:
        count = counts.get(shape.name_ru, 0)
        level = 0 if most == 0 else max(1, round(4 * count / most)) if count else 0
        query = {**_query(locale, where), "district": shape.name_ru}
        title = f"{name(shape.name_ru)}: {count}"
        x, y = shape.label_at
        parts.append(
            f'<a href="{href(CITY_PATH, **query)}"><path class="l{level}" d="{shape.path}">'
            f"<title>{esc(title)}</title></path></a>"
            f'<text x="{x:.0f}" y="{y:.0f}">{count}</text>'
        )
    return (
        f'<svg viewBox="0 0 {shapes.width:.0f} {shapes.height:.0f}" role="img" '
        f'aria-label="{esc(labels()["map"])}">{"".join(parts)}</svg>'
    )


def _counts(counts: dict[str, int], name: Namer, header: str) -> str:
    rows = sorted(((name(key), value) for key, value in counts.items()), key=lambda r: -r[1])
    return table([header, "#"], [[esc(n), str(v)] for n, v in rows], numeric={1})


def _on_time(figures: CityFigures, departments: dict[str, str], words: dict[str, str]) -> str:
    if not figures.on_time:
        return f"<p>{esc(words['nothing'])}</p>"
    rows = [
        [
            esc(departments.get(share.department, share.department) or words["no_department"]),
            str(share.resolved),
            f"{round(100 * (share.share or 0))} %",
        ]
        for share in figures.on_time
    ]
    return table([words["department"], words["resolved"], words["share"]], rows, {1, 2})


def _newest(
    locale: str,
    newest: list[PublicRequest],
    category: Namer,
    district: Namer,
    words: dict[str, str],
) -> str:
    if not newest:
        return f"<p>{esc(words['no_requests'])}</p>"
    rows = [
        [
            f'<a href="{href(REQUEST_PATH + format_number(r.id), lang=locale)}">'
            f"{esc(format_number(r.id))}</a>",
            esc(category(r.category)),
            esc(r.street or (district(r.district) if r.district else "—")),
            esc(status_name(r.status)),
            esc(day(r.created_at)),
            esc(day(r.updated_at)),
        ]
        for r in newest
    ]
    headers = [words[key] for key in ("number", "category", "street", "status", "filed")]
    return table([*headers, words["updated"]], rows)
