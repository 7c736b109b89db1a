"""What every step of the profile form works with, gathered once per event."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import BaseMiddleware
from aiogram.fsm.context import FSMContext
from aiogram.types import TelegramObject

from domain.booking.performers import Performer
from domain.booking.ports import BookingUnitOfWork
from domain.clock import Clock
from domain.users import User
from handlers.performers.states import draft_from_data


@dataclass(frozen=True, slots=True)
class Form:
    state: FSMContext
    uow: BookingUnitOfWork  # the update's unit of work, through the booking ports
    user: User
    clock: Clock
    staff_chat_id: int | None

    async def current(self) -> Performer | None:
        """The stored profile, if the person has one."""
        return await self.uow.performers.by_user(self.user.id)

    async def draft(self) -> Performer | None:
        return draft_from_data(await self.state.get_data(), self.user.id, self.clock.now())


class FormMiddleware(BaseMiddleware):
    """Inner middleware of the performers router: hands handlers one `form` argument."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        data["form"] = Form(
            data["state"], data["uow"], data["user"], data["clock"], data["staff_chat_id"]
        )
        return await handler(event, data)
