"""What a request's card in the staff chat shows, read in one place: for the card the outbox
posts (handlers/staff/notices.py) and for /find (handlers/staff/lookup.py) alike."""

from dataclasses import dataclass

from domain.account import author_phone
from domain.categories import Category
from domain.departments import Department
from domain.history import RequestEvent
from domain.photos import public_numbers
from domain.ports import UnitOfWork
from domain.requests import Request
from domain.services.staff_actions import Audience, reply_audience, staff_name


@dataclass(frozen=True, slots=True)
class StaffCardView:
    request: Request
    category: Category | None
    history: list[RequestEvent]
    phone: str | None  # the author's, when shared with consent
    audience: Audience  # who a reply would reach (the card's reply button)
    assignee: str | None  # the name of the staff member who has it
    department: Department | None  # the department that answers for it
    public_photos: tuple[int, ...] = ()  # the numbers of the photos staff made public


async def staff_card_view(uow: UnitOfWork, request_id: int) -> StaffCardView | None:
    """None: no such request."""
    request = await uow.requests.get(request_id)
    if request is None or request.id is None:
        return None
    return StaffCardView(
        request=request,
        category=await uow.categories.get(request.category),
        history=await uow.requests.history(request.id),
        # A phone request has no author: the caller's number (staff only) stands instead.
        phone=request.caller_phone or await author_phone(uow.users, request),
        audience=await reply_audience(uow, request),
        assignee=await staff_name(uow, request.assignee_id),
        department=await uow.departments.get(request.department) if request.department else None,
        # Read only for a request with photos: most have none, and a card is drawn often.
        public_photos=public_numbers(await uow.requests.photos(request.id))
        if request.photos
        else (),
    )
