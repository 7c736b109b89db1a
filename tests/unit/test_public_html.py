"""The public pages' HTML: whatever a request's text, street or category name holds, it is
text on the page, never markup; the query reader lets through only values that exist; and
the figures' definitions on small hand-made cases."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.public.city_page import city_body
from bot.public.district_map import load_district_map
from bot.public.query import BadQuery, read_filter
from bot.public.request_page import request_body
from domain.categories import Category
from domain.districts import District, DistrictDirectory
from domain.history import EventKind, RequestEvent
from domain.public_figures import (
    CountKey,
    RequestState,
    contribution,
    median_minutes,
    response_bucket,
)
from domain.public_page import CountRow, PublicFilter, PublicLinks, PublicRequest, city_figures
from domain.requests import Actor, RequestStatus

AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
DATA = Path(__file__).resolve().parents[2] / "data"
SHAPES = load_district_map(DATA / "district_polygons.geojson")
DISTRICTS = DistrictDirectory([District("Вахитовский", "Вахитов", "Vakhitovsky")])
PAGE_TAGS = {"h1", "h2", "p", "a", "table", "thead", "tbody", "tr", "th", "td", "ol", "li",
             "form", "input", "label", "select", "option", "button", "div", "section", "svg",
             "path", "title", "text", "footer"}  # fmt: skip


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)


def tags_of(html: str) -> set[str]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def public(text: str, street: str) -> PublicRequest:
    answer = RequestEvent(1, AT, EventKind.ANSWER, Actor.STAFF, text=text)
    return PublicRequest(
        1, "roads", RequestStatus.NEW, "Вахитовский", street, AT, AT, AT, history=(answer,)
    )


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1), name=st.text(min_size=1))
def test_any_text_stays_text(russian: None, text: str, name: str) -> None:
    category = Category("roads", name, name, name, 24, 10)
    page = request_body("ru", public(text, text), category, name)
    assert tags_of(page) <= PAGE_TAGS
    assert text.replace("\r", "\n") in unescape(page).replace("\r", "\n")
    figures = city_figures(
        [CountRow(CountKey("Вахитовский", "roads", name, RequestStatus.RESOLVED), 2, 1)],
        PublicFilter(),
        None,
    )
    listing = city_body(
        "ru",
        PublicFilter(),
        figures,
        [public(text, text)],
        1,
        {"roads": category},
        DISTRICTS,
        SHAPES,
        {name: text},  # the department's name is someone's typing too (the admin API)
    )
    assert tags_of(listing) <= PAGE_TAGS


@given(query=st.dictionaries(st.sampled_from(["district", "category", "status", "before"]),
                             st.text(max_size=12)))  # fmt: skip
def test_the_query_reader_passes_only_what_exists(query: dict[str, str]) -> None:
    categories = {"roads": Category("roads", "Дороги", "Юллар", "Roads", 24, 10)}
    try:
        where, before = read_filter(query, categories, DISTRICTS)
    except BadQuery:
        return
    assert where.district in (None, "Вахитовский")
    assert where.category in (None, "roads")
    assert where.status is None or where.status == "open" or RequestStatus(where.status)
    assert before is None or 0 <= before < 10**10


def state(status: RequestStatus, resolved_after: timedelta | None = None) -> RequestState:
    return RequestState(
        "Вахитовский", "roads", None, status, AT, AT + timedelta(days=10),
        AT + resolved_after if resolved_after is not None else None, None,
    )  # fmt: skip


def test_on_time_is_resolved_by_the_deadline() -> None:
    assert contribution(state(RequestStatus.RESOLVED, timedelta(days=10))).on_time
    assert not contribution(state(RequestStatus.RESOLVED, timedelta(days=11))).on_time
    # A reopened request keeps its old resolved_at in no figure: only «resolved» counts.
    assert not contribution(state(RequestStatus.NEW, timedelta(days=1))).on_time


@pytest.mark.parametrize(
    ("minutes", "bucket"),
    [(0, 0), (119, 119), (125, 120), (1439, 1430), (1500, 1500), (1530, 1500), (10**7, 86400)],
)
def test_response_buckets(minutes: int, bucket: int) -> None:
    assert response_bucket(AT, AT + timedelta(minutes=minutes, seconds=59)) == bucket


def test_median_of_buckets() -> None:
    assert median_minutes({}) is None
    assert median_minutes({5: 1}) == 5
    assert median_minutes({5: 2, 60: 2}) == 5  # the lower middle, like statistics.median_low
    assert median_minutes({5: 1, 60: 3}) == 60


def test_figures_take_the_filters_that_make_sense_for_each() -> None:
    def row(
        district: str, category: str, status: RequestStatus, n: int, on_time: int = 0
    ) -> CountRow:
        return CountRow(CountKey(district, category, "roads-dept", status), n, on_time)

    rows = [
        row("A", "roads", RequestStatus.NEW, 3),
        row("B", "roads", RequestStatus.RESOLVED, 4, 3),
        row("B", "lights", RequestStatus.IN_PROGRESS, 2),
    ]
    figures = city_figures(rows, PublicFilter(district="B", status="open"), 30)
    assert figures.total == 2
    assert figures.by_district == {"A": 3, "B": 2}  # every district, open ones
    assert figures.by_category == {"lights": 2}  # district B, open ones
    assert figures.open_by_district == {"A": 3, "B": 2}
    assert [(s.resolved, s.on_time, s.share) for s in figures.on_time] == [(4, 3, 0.75)]


def test_public_links_only_with_a_base_url() -> None:
    assert PublicLinks(None).request(5) is None
    assert PublicLinks("https://kazan.example/").request(5) == "https://kazan.example/r/KZN-000005"


def test_the_description_is_shown_only_when_given_and_as_text(russian: None) -> None:
    """The author's words appear (escaped, line by line, under their label) only when the
    storage passed them on, i.e. while the author agrees."""
    category = Category("roads", "Дороги", "Юллар", "Roads", 24, 10)
    words = "Яма <script>alert(1)</script>\nглубокая & широкая"
    hidden = request_body("ru", public("Ответ", "ул. Баумана"), category, None)
    assert "Описание от жителя" not in hidden and "Яма" not in hidden
    request = replace(public("Ответ", "ул. Баумана"), description=words)
    page = request_body("ru", request, category, None)
    assert "Описание от жителя (опубликовано с его согласия)" in page
    assert tags_of(page) <= PAGE_TAGS | {"blockquote", "br"}
    assert "Яма &lt;script&gt;alert(1)&lt;/script&gt;<br>глубокая &amp; широкая" in page
