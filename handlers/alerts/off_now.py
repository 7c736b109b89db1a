"""'What is off at my addresses now?': every saved address, current and planned, at once."""

from aiogram import F, Router
from aiogram.types import CallbackQuery

from domain.address.matcher import AddressMatcher
from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.services.outages import what_is_off
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.alerts import keyboards, off_now_texts
from handlers.alerts.callbacks import AlertsAction, AlertsCb
from handlers.alerts.texts import district_namer
from handlers.replies import send


async def off_now(
    query: CallbackQuery,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    districts: DistrictDirectory,
    address_matcher: AddressMatcher,
) -> None:
    report = await what_is_off(uow, clock, address_matcher, user.id)
    text = off_now_texts.off_now(report, district_namer(districts, user.locale), clock.now())
    # A new message, not an edit: the answer is worth keeping in the chat.
    markup = keyboards.back_to_alerts() if report else keyboards.add_address_button()
    await send(query, text, markup)


def register(router: Router) -> None:
    router.callback_query.register(off_now, AlertsCb.filter(F.action == AlertsAction.OFF_NOW))
