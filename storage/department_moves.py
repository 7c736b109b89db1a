"""Moving everything of a department to another one at once, when the first is removed.

The requests move in one UPDATE, and the public figures (storage/public_counts.py) move
with them in the same transaction, set-based: each (district, category, status) count of
the old department is added to the new one's, then dropped; the staff's kept figures
(storage/figure_counts.py) the same way. Counted the same as moving
the requests one by one, without a round trip per request.
"""

from sqlalchemy import text, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.figure_moves import move_department
from storage.models import DepartmentRouteRow, RequestRow

# `WHERE true`: SQLite cannot tell an INSERT ... SELECT's ON CONFLICT from a join without it.
_ADD_COUNTS = text(
    "INSERT INTO public_request_counts "
    "(district, category, department, status, requests, on_time) "
    "SELECT district, category, :to_code, status, requests, on_time "
    "FROM public_request_counts WHERE department = :from_code AND true "
    "ON CONFLICT (district, category, department, status) DO UPDATE SET "
    "requests = public_request_counts.requests + excluded.requests, "
    "on_time = public_request_counts.on_time + excluded.on_time"
)
_DROP_COUNTS = text("DELETE FROM public_request_counts WHERE department = :from_code")


async def move_requests(session: AsyncSession, from_code: str, to_code: str) -> int:
    """Every request of `from_code` (open or closed) now belongs to `to_code`."""
    moved = await session.execute(
        update(RequestRow).where(RequestRow.department == from_code).values(department=to_code)
    )
    codes = {"from_code": from_code, "to_code": to_code}
    await session.execute(_ADD_COUNTS, codes)
    await session.execute(_DROP_COUNTS, codes)
    await move_department(session, from_code, to_code)  # the staff's figures
    return int(getattr(moved, "rowcount", 0) or 0)


async def move_routes(session: AsyncSession, from_code: str, to_code: str) -> int:
    """The routes of `from_code` now send their requests to `to_code`."""
    moved = await session.execute(
        update(DepartmentRouteRow)
        .where(DepartmentRouteRow.department == from_code)
        .values(department=to_code)
    )
    return int(getattr(moved, "rowcount", 0) or 0)
