"""What every step of the profile form works with, gathered once per event."""

from dataclasses import dataclass

from aiogram.fsm.context import FSMContext

from domain.booking.performers import Performer
from domain.clock import Clock
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.performers.states import draft_from_data
from handlers.provide import Provide


@dataclass(frozen=True, slots=True)
class Form:
    state: FSMContext
    uow: CityUnitOfWork  # the update's unit of work, through the booking ports
    user: User
    clock: Clock

    async def current(self) -> Performer | None:
        """The stored profile, if the person has one."""
        return await self.uow.performers.by_user(self.user.id)

    async def draft(self) -> Performer | None:
        return draft_from_data(await self.state.get_data(), self.user.id, self.clock.now())


def form_middleware() -> Provide:
    """Inner middleware of the performers router: hands handlers one `form` argument."""
    return Provide(
        "form",
        lambda data: Form(data["state"], data["uow"], data["user"], data["clock"]),
    )
