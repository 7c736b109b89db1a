"""Which staff chats act on a request: the chat its card goes to now, and the main staff chat
(its /find cards). A department's chat that passed the request on keeps the old card, and
its people's presses and replies there are refused (handlers/staff/card_buttons, answers)."""

from domain.services.notify import staff_chat_for
from domain.unit_of_work import CityUnitOfWork


async def passed_on_from(uow: CityUnitOfWork, chat_id: int | None, request_id: int) -> bool:
    if chat_id is None or uow.staff_chat_id is None or chat_id == uow.staff_chat_id:
        return False
    return chat_id != await staff_chat_for(uow, request_id)
