"""What every step of the report form works with, gathered once per event."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import BaseMiddleware
from aiogram.fsm.context import FSMContext
from aiogram.types import TelegramObject

from domain.alerts.ports import AlertsUnitOfWork
from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.ports import UnitOfWork
from domain.users import User


@dataclass(frozen=True, slots=True)
class Form:
    state: FSMContext
    uow: UnitOfWork
    user: User
    districts: DistrictDirectory
    clock: Clock
    alerts: AlertsUnitOfWork  # the same unit of work, through the alerts' ports

    @property
    def locale(self) -> str:
        return self.user.locale

    def district_name(self, name_ru: str | None) -> str | None:
        return self.districts.name(name_ru, self.locale) if name_ru else None


class FormMiddleware(BaseMiddleware):
    """Inner middleware of the reports router: hands handlers one `form` argument."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        data["form"] = Form(
            data["state"],
            data["uow"],
            data["user"],
            data["districts"],
            data["clock"],
            data["uow"],
        )
        return await handler(event, data)
