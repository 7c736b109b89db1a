"""What a request contributes to the staff's kept figures (domain/kept_figures.py), and how a
change moves it: old contribution taken back, new one added, nothing left at zero."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from domain.kept_figures import CITY_WIDE, DayKey, Facet, Grain, ResponseKey, figure_change
from domain.public_figures import RequestState
from domain.requests import RequestChannel, RequestStatus
from storage.repositories.figures import _spans

# 23:30 UTC on 30 November is 02:30 on 1 December in Kazan: the city's day and month.
FILED = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)
H = timedelta(hours=1)
NEW = RequestState(
    None, "roads", "roads", RequestStatus.NEW, FILED, FILED + 240 * H, None, None
)  # fmt: skip


def test_a_new_request_is_received_on_its_city_day() -> None:
    change = figure_change(None, NEW)
    assert list(change.counts) == [DayKey(date(2026, 12, 1), "roads", 0, "bot")]
    assert change.counts[DayKey(date(2026, 12, 1), "roads", 0, "bot")]["received"] == 1
    assert change.responses == {}


def test_taking_moves_the_request_to_its_staff_member_and_counts_the_answer() -> None:
    taken = replace(
        NEW,
        status=RequestStatus.IN_PROGRESS,
        assignee_id=7,
        first_taken_at=FILED + 26 * H,
        first_response_at=FILED + 2 * H + timedelta(minutes=37),
    )
    change = figure_change(NEW, taken)
    day = date(2026, 12, 1)
    assert change.counts[DayKey(day, "roads", 0, "bot")]["received"] == -1
    assert change.counts[DayKey(day, "roads", 7, "bot")]["received"] == 1
    assert change.counts[DayKey(date(2026, 12, 2), "roads", 7, "bot")]["taken"] == 1
    facets = (
        ("roads", Facet.DEPARTMENT, ""),
        ("roads", Facet.STAFF, "7"),
        ("roads", Facet.CHANNEL, "bot"),
        (CITY_WIDE, Facet.STAFF, "7"),
        (CITY_WIDE, Facet.CHANNEL, "bot"),
    )
    assert set(change.responses) == {
        ResponseKey(grain, period, where, facet, key, 150)
        for grain, period in ((Grain.DAY, day), (Grain.MONTH, date(2026, 12, 1)))
        for where, facet, key in facets
    }
    assert set(change.responses.values()) == {1}


def test_a_change_the_figures_do_not_see_changes_nothing() -> None:
    assert figure_change(NEW, replace(NEW, status=RequestStatus.NEED_INFO)).empty


def test_a_resolution_counts_on_its_day_with_its_rating_and_deadline() -> None:
    resolved = replace(
        NEW, status=RequestStatus.RESOLVED, resolved_at=FILED + 300 * H, rating=2
    )  # past the deadline of 240 h
    counts = figure_change(NEW, resolved).counts
    day = DayKey(date(2026, 12, 13), "roads", 0, "bot")
    assert counts[day] == {
        **dict.fromkeys(counts[day], 0),
        "resolved": 1,
        "rated": 1,
        "rating_sum": 2,
    }
    filed = DayKey(date(2026, 12, 1), "roads", 0, "bot")
    assert counts[filed]["ever_resolved"] == 1


def test_a_department_change_moves_every_past_count() -> None:
    done = replace(
        NEW,
        status=RequestStatus.RESOLVED,
        resolved_at=FILED + 5 * H,
        first_response_at=FILED + H,
        channel=RequestChannel.PHONE,
    )
    change = figure_change(done, replace(done, department="water"))
    assert {key.department for key in change.counts} == {"roads", "water"}
    # Its department's rows move; the city-wide ones stay where they are.
    assert sum(change.responses.values()) == 0 and len(change.responses) == 12
    assert CITY_WIDE not in {key.department for key in change.responses}


KAZAN_MIDNIGHT = datetime(2026, 5, 31, 21, 0, tzinfo=UTC)  # 1 June 00:00 in Kazan


def test_a_whole_month_is_read_from_its_month_rows() -> None:
    june = (KAZAN_MIDNIGHT, datetime(2026, 6, 30, 21, 0, tzinfo=UTC))
    assert _spans(*june) == [(Grain.MONTH, date(2026, 6, 1), date(2026, 6, 1))]


def test_a_month_so_far_is_whole_and_a_week_is_days() -> None:
    now = KAZAN_MIDNIGHT + 9 * 24 * H + 5 * H  # 10 June, 05:00
    assert _spans(KAZAN_MIDNIGHT, now) == [(Grain.MONTH, date(2026, 6, 1), date(2026, 6, 1))]
    week = (KAZAN_MIDNIGHT - 3 * 24 * H, KAZAN_MIDNIGHT + 4 * 24 * H)  # 29 May to 4 June
    assert _spans(*week) == [
        (Grain.DAY, date(2026, 5, 29), date(2026, 5, 31)),
        (Grain.DAY, date(2026, 6, 1), date(2026, 6, 4)),
    ]
