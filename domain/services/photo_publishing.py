"""Staff mark a request's photo publishable, or take the mark back: the public request page
and Open311 show only marked photos. The request's card in the staff chat is redrawn with
how many are public; residents are not told (nothing of their request changed)."""

from dataclasses import dataclass

from domain.clock import Clock
from domain.errors import NotFound
from domain.ports import UnitOfWork
from domain.services.notify import redraw_staff_card


class NoSuchPhoto(NotFound):
    """The request has no photo of that number (the author took it back, say)."""

    code = "no_such_photo"


@dataclass(frozen=True, slots=True)
class PhotoMark:
    number: int
    public: bool
    changed: bool  # False: it was so already (a press on an older card)
    public_count: int  # of the request's photos, after the change
    total: int


async def mark_photo(
    uow: UnitOfWork, clock: Clock, request_id: int, number: int, public: bool
) -> PhotoMark:
    """NotFound for a request that is gone, NoSuchPhoto for a photo it does not have."""
    if await uow.requests.get(request_id) is None:
        raise NotFound(f"request {request_id}")
    photos = await uow.requests.photos(request_id)
    photo = next((p for p in photos if p.number == number), None)
    if photo is None:
        raise NoSuchPhoto(f"request {request_id} has no photo {number}")
    changed = photo.public != public
    if changed:
        await uow.requests.mark_photo(request_id, photo.position, public)
        await redraw_staff_card(uow, request_id, clock.now())
    after = [p.public if p is not photo else public for p in photos]
    return PhotoMark(number, public, changed, sum(after), len(photos))
