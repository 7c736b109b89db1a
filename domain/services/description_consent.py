"""The author's consent to show their description on the public page and in Open311
(issue 17): only the description text, never their name, phone, house or photos (staff
decide the photos). Given and taken back by the author alone, at any status."""

from dataclasses import replace

from domain.ports import UnitOfWork
from domain.requests import Request
from domain.services.author_steps import own_request


async def set_description_public(
    uow: UnitOfWork, user_id: int, request_id: int, public: bool
) -> Request:
    """The request as it is now; NotFound / NotAllowed for anyone but its author. Pressing
    twice changes nothing the second time."""
    request = await own_request(uow, user_id, request_id)
    if request.description_public != public:
        await uow.requests.set_description_public(request_id, public)
    return replace(request, description_public=public)
