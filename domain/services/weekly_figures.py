"""The weekly report's place in the outbox: one row per chat and week, rendered at send time.

The city-wide report goes to the main staff chat; each department with a chat of its own
gets its own department's report there too (in its forum topic when it has one, found when
the row is sent: `report_thread`).

"Once a week" is the row's unique key (scope, chat, week): a second run of the job, a restart
or a second process adds nothing. The figures themselves are read when the row is sent
(handlers/staff/figures_notices.py), so a report that waited out a 429 is still whole.
"""

from collections.abc import Iterable
from datetime import datetime

from domain.clock import Clock
from domain.departments import Department
from domain.figures_period import previous_week
from domain.notifications import Notification, Priority
from domain.ports import UnitOfWork

STAFF_WEEKLY_FIGURES = "staff_weekly_figures"  # the text
STAFF_WEEKLY_CHART = "staff_weekly_chart"  # its chart, right after it
CITY = "city"  # the key's scope of the city-wide report


async def queue_weekly_report(
    uow: UnitOfWork, now: datetime, department: str | None, chat_id: int
) -> bool:
    """The report of the last full week (Monday to Monday, city time) of `department` (None:
    the whole city) for `chat_id`; False when this chat already has this week's."""
    week = previous_week(now)
    key = f"{department or CITY}:{chat_id}:{week.start.date().isoformat()}"
    payload = {"week_start": week.start.isoformat(), "department": department}
    added = False
    # Two rows of one chat go out in the order written: the text, then its chart.
    for kind, prefix in ((STAFF_WEEKLY_FIGURES, "weekly"), (STAFF_WEEKLY_CHART, "weekly-chart")):
        notice = Notification(
            key=f"{prefix}:{key}",
            chat_id=chat_id,
            kind=kind,
            payload=payload,
            created_at=now,
            priority=Priority.DIGEST,
        )
        added = await uow.outbox.add(notice) or added
    return added


async def post_weekly_reports(uow: UnitOfWork, clock: Clock) -> int:
    """The city-wide report to the main staff chat and each department's to its own chat;
    how many chats got a report they did not have yet (no main staff chat: none at all, as
    for the cards)."""
    staff_chat_id = uow.staff_chat_id
    if staff_chat_id is None:
        return 0
    now = clock.now()
    queued = int(await queue_weekly_report(uow, now, None, staff_chat_id))
    for department in await uow.departments.all():
        chat_id = department.chat_id
        # A department whose chat is the main one reads the city-wide report there.
        if chat_id is not None and chat_id != staff_chat_id:
            queued += await queue_weekly_report(uow, now, department.code, chat_id)
    return queued


def report_thread(departments: Iterable[Department], code: str | None, chat_id: int) -> int | None:
    """The forum topic a department's report goes to in its chat (None: the chat itself, and
    always for the city-wide report)."""
    for department in departments:
        if department.code == code and department.chat_id == chat_id:
            return department.thread_id
    return None
