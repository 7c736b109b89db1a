"""What every step of the report form works with, gathered once per event."""

from dataclasses import dataclass

from aiogram.fsm.context import FSMContext

from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.provide import Provide


@dataclass(frozen=True, slots=True)
class Form:
    state: FSMContext
    uow: CityUnitOfWork
    user: User
    districts: DistrictDirectory
    clock: Clock

    @property
    def locale(self) -> str:
        return self.user.locale

    def district_name(self, name_ru: str | None) -> str | None:
        return self.districts.name(name_ru, self.locale) if name_ru else None


def form_middleware() -> Provide:
    """Inner middleware of the reports router: hands handlers one `form` argument."""
    return Provide(
        "form",
        lambda data: Form(
            data["state"],
            data["uow"],
            data["user"],
            data["districts"],
            data["clock"],
        ),
    )
