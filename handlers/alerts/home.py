"""The alerts home screen, quiet hours and the delivery of events."""

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from domain.clock import Clock
from domain.services.subscriptions import overview, set_event_delivery, set_quiet_hours
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers import commands
from handlers.alerts import keyboards, screens
from handlers.alerts.callbacks import QUIET_PRESETS, AlertsAction, AlertsCb, DeliveryCb, QuietCb
from handlers.alerts.texts import delivery_name, quiet_text
from handlers.menu import MenuAction, MenuCb
from handlers.replies import redraw, send, toast
from handlers.transaction import commit_before_telling


async def home_screen(uow: CityUnitOfWork, user: User) -> tuple[str, InlineKeyboardMarkup]:
    return screens.home(await overview(uow, user.id)), keyboards.home()


def register(router: Router) -> None:
    @router.message(Command(commands.ALERTS.name))
    async def alerts_command(
        message: Message, state: FSMContext, uow: CityUnitOfWork, user: User
    ) -> None:
        await state.clear()
        text, markup = await home_screen(uow, user)
        await message.answer(text, reply_markup=markup)

    @router.callback_query(MenuCb.filter(F.action == MenuAction.ALERTS))
    async def menu_button(
        query: CallbackQuery, state: FSMContext, uow: CityUnitOfWork, user: User
    ) -> None:
        # A new message: this button also sits under alerts, which must stay readable.
        await state.clear()
        text, markup = await home_screen(uow, user)
        await send(query, text, markup)

    @router.callback_query(AlertsCb.filter(F.action == AlertsAction.HOME))
    async def alerts_button(
        query: CallbackQuery, state: FSMContext, uow: CityUnitOfWork, user: User
    ) -> None:
        await state.clear()  # "back" from a half-done form abandons it: nothing was saved
        text, markup = await home_screen(uow, user)
        await redraw(query, text, markup)

    @router.callback_query(AlertsCb.filter(F.action == AlertsAction.QUIET))
    async def quiet(query: CallbackQuery, uow: CityUnitOfWork, user: User) -> None:
        preferences = await uow.subscriptions.preferences(user.id)
        await redraw(
            query, screens.quiet_screen(preferences), keyboards.quiet_presets(preferences)
        )

    @router.callback_query(QuietCb.filter())
    async def quiet_chosen(
        query: CallbackQuery,
        callback_data: QuietCb,
        uow: CityUnitOfWork,
        user: User,
        clock: Clock,
        callback_answer: CallbackAnswer,
    ) -> None:
        hours = QUIET_PRESETS[callback_data.preset]
        preferences = await set_quiet_hours(uow, clock, user.id, hours)
        await commit_before_telling(uow)
        toast(callback_answer, _("Тихие часы: {hours}").format(hours=quiet_text(hours)))
        await redraw(
            query, screens.quiet_screen(preferences), keyboards.quiet_presets(preferences)
        )

    @router.callback_query(AlertsCb.filter(F.action == AlertsAction.DELIVERY))
    async def delivery(query: CallbackQuery, uow: CityUnitOfWork, user: User) -> None:
        preferences = await uow.subscriptions.preferences(user.id)
        await redraw(
            query, screens.delivery_screen(preferences), keyboards.delivery_options(preferences)
        )

    @router.callback_query(DeliveryCb.filter())
    async def delivery_chosen(
        query: CallbackQuery,
        callback_data: DeliveryCb,
        uow: CityUnitOfWork,
        user: User,
        clock: Clock,
        callback_answer: CallbackAnswer,
    ) -> None:
        preferences = await set_event_delivery(uow, clock, user.id, callback_data.delivery)
        await commit_before_telling(uow)
        toast(
            callback_answer,
            _("События: {delivery}").format(delivery=delivery_name(preferences.events)),
        )
        await redraw(
            query, screens.delivery_screen(preferences), keyboards.delivery_options(preferences)
        )
