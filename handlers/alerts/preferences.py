"""Quiet hours and the delivery of events: a screen each, and the choice made there."""

from aiogram import F, Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from domain.clock import Clock
from domain.services.alert_views import alert_preferences
from domain.services.subscriptions import set_event_delivery, set_quiet_hours
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.alerts import home_texts, keyboards, preferences_texts
from handlers.alerts.callbacks import QUIET_PRESETS, AlertsAction, AlertsCb, DeliveryCb, QuietCb
from handlers.replies import redraw, toast
from handlers.transaction import commit_before_telling


async def quiet(query: CallbackQuery, uow: CityUnitOfWork, user: User) -> None:
    preferences = await alert_preferences(uow, user.id)
    text = preferences_texts.quiet_screen(preferences)
    await redraw(query, text, keyboards.quiet_presets(preferences))


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
    toast(callback_answer, preferences_texts.quiet_chosen(hours))
    text = preferences_texts.quiet_screen(preferences)
    await redraw(query, text, keyboards.quiet_presets(preferences))


async def delivery(query: CallbackQuery, uow: CityUnitOfWork, user: User) -> None:
    preferences = await alert_preferences(uow, user.id)
    await redraw(
        query,
        preferences_texts.delivery_screen(preferences),
        keyboards.delivery_options(preferences),
    )


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
    toast(callback_answer, home_texts.events_line(preferences.events))
    await redraw(
        query,
        preferences_texts.delivery_screen(preferences),
        keyboards.delivery_options(preferences),
    )


def register(router: Router) -> None:
    router.callback_query.register(quiet, AlertsCb.filter(F.action == AlertsAction.QUIET))
    router.callback_query.register(quiet_chosen, QuietCb.filter())
    router.callback_query.register(delivery, AlertsCb.filter(F.action == AlertsAction.DELIVERY))
    router.callback_query.register(delivery_chosen, DeliveryCb.filter())
