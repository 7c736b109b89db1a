"""Departments and their routes (domain/departments.py)."""

from dataclasses import asdict
from datetime import datetime

from sqlalchemy import delete, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.departments import Department, Route
from storage import department_moves
from storage.dialects import insert_for
from storage.models import DepartmentRouteRow, DepartmentRow, RemovedDepartmentRow, RequestRow


def _department(row: DepartmentRow) -> Department:
    return Department(
        code=row.code,
        name_ru=row.name_ru,
        name_tt=row.name_tt,
        name_en=row.name_en,
        chat_id=row.chat_id,
        thread_id=row.thread_id,
        head_user_id=row.head_user_id,
        position=row.position,
    )


class SqlDepartmentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def all(self) -> list[Department]:
        rows = await self._session.scalars(
            select(DepartmentRow).order_by(DepartmentRow.position, DepartmentRow.code)
        )
        return [_department(row) for row in rows]

    async def get(self, code: str) -> Department | None:
        row = await self._session.get(DepartmentRow, code)
        return _department(row) if row is not None else None

    async def save(self, department: Department) -> None:
        values = asdict(department)
        statement = insert_for(self._session, DepartmentRow).values(**values)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["code"],
                set_={name: statement.excluded[name] for name in values if name != "code"},
            )
        )

    async def create(self, department: Department) -> bool:
        """Add a new department (False: the code is taken); a code removed before is free."""
        added = await self._session.scalar(
            insert_for(self._session, DepartmentRow)
            .values(**asdict(department))
            .on_conflict_do_nothing(index_elements=["code"])
            .returning(DepartmentRow.code)
        )
        if added is None:
            return False
        await self._session.execute(
            delete(RemovedDepartmentRow).where(RemovedDepartmentRow.code == department.code)
        )
        return True

    async def remove(self, code: str, at: datetime) -> None:
        """Remove a department nothing points to any more, and remember that it was removed
        on purpose (the reference loader must not bring it back)."""
        await self._session.execute(delete(DepartmentRow).where(DepartmentRow.code == code))
        await self._session.execute(
            insert_for(self._session, RemovedDepartmentRow)
            .values(code=code, removed_at=at)
            .on_conflict_do_nothing(index_elements=["code"])
        )

    async def request_count(self, code: str) -> int:
        """How many requests, open or closed, belong to the department."""
        counted = await self._session.scalar(
            select(func.count()).select_from(RequestRow).where(RequestRow.department == code)
        )
        return int(counted or 0)

    async def move_everything(self, from_code: str, to_code: str) -> tuple[int, int]:
        """Move the requests (with their public figures) and routes of `from_code` to
        `to_code`: how many requests and routes moved."""
        requests = await department_moves.move_requests(self._session, from_code, to_code)
        routes = await department_moves.move_routes(self._session, from_code, to_code)
        return requests, routes

    async def routes(self) -> list[Route]:
        rows = await self._session.scalars(
            select(DepartmentRouteRow).order_by(
                DepartmentRouteRow.category, DepartmentRouteRow.district
            )
        )
        return [Route(row.category, row.district, row.department) for row in rows]

    async def set_route(self, route: Route) -> None:
        statement = insert_for(self._session, DepartmentRouteRow).values(
            category=route.category, district=route.district, department=route.department
        )
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["category", "district"],
                set_={"department": statement.excluded.department},
            )
        )

    async def remove_route(self, category: str, district: str) -> bool:
        removed = await self._session.scalar(
            delete(DepartmentRouteRow)
            .where(
                DepartmentRouteRow.category == category, DepartmentRouteRow.district == district
            )
            .returning(DepartmentRouteRow.category)
        )
        return removed is not None

    async def is_department_chat(self, chat_id: int) -> bool:
        return bool(
            await self._session.scalar(select(exists().where(DepartmentRow.chat_id == chat_id)))
        )

    async def chat_for_request(self, request_id: int) -> int | None:
        return await self._session.scalar(
            select(DepartmentRow.chat_id)
            .join(RequestRow, RequestRow.department == DepartmentRow.code)
            .where(RequestRow.id == request_id)
        )
