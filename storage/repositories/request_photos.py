"""A request's photos with staff's publishable mark, and the reads the public pages make of
the marked ones (never a photo that is not marked)."""

from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.photos import RequestPhoto
from storage.models import RequestPhotoRow


async def photos_of(session: AsyncSession, request_id: int) -> list[RequestPhoto]:
    rows = await session.execute(
        select(RequestPhotoRow.position, RequestPhotoRow.file_id, RequestPhotoRow.public)
        .where(RequestPhotoRow.request_id == request_id)
        .order_by(RequestPhotoRow.position)
    )
    return [RequestPhoto(position, file_id, public) for position, file_id, public in rows]


async def mark(session: AsyncSession, request_id: int, position: int, public: bool) -> None:
    await session.execute(
        update(RequestPhotoRow)
        .where(RequestPhotoRow.request_id == request_id, RequestPhotoRow.position == position)
        .values(public=public)
    )


async def public_file_id(session: AsyncSession, request_id: int, number: int) -> str | None:
    """The file of photo `number` of the request, if it is marked publishable."""
    return await session.scalar(
        select(RequestPhotoRow.file_id).where(
            RequestPhotoRow.request_id == request_id,
            RequestPhotoRow.position == number - 1,
            RequestPhotoRow.public.is_(True),
        )
    )


async def public_numbers(session: AsyncSession, request_id: int) -> tuple[int, ...]:
    rows = await session.scalars(
        select(RequestPhotoRow.position)
        .where(RequestPhotoRow.request_id == request_id, RequestPhotoRow.public.is_(True))
        .order_by(RequestPhotoRow.position)
    )
    return tuple(position + 1 for position in rows)


async def first_public_numbers(
    session: AsyncSession, request_ids: Sequence[int]
) -> dict[int, int]:
    """Each request's first publishable photo's number (requests without one left out)."""
    if not request_ids:
        return {}
    rows = await session.execute(
        select(RequestPhotoRow.request_id, func.min(RequestPhotoRow.position))
        .where(RequestPhotoRow.request_id.in_(list(request_ids)), RequestPhotoRow.public.is_(True))
        .group_by(RequestPhotoRow.request_id)
    )
    return {request_id: position + 1 for request_id, position in rows}
