"""Deleting the account, or withdrawing consent (which is the same erasure), after asking.

The person behind the update was loaded (or registered) by the middleware before this
handler runs; the erasure is the last write of the update, so nothing personal is stored
again after it. The next update registers a fresh person with nothing but a name.
"""

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from domain.booking.bookings import BookingPolicy
from domain.clock import Clock
from domain.services.account import erase_account
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.account import keyboards, texts
from handlers.account.callbacks import AccountAction, AccountCb
from handlers.replies import alert, redraw
from handlers.transaction import commit_before_telling

ERASING = {AccountAction.DELETE_CONFIRM, AccountAction.WITHDRAW_CONFIRM}


async def ask_delete(query: CallbackQuery, user: User) -> None:
    markup = keyboards.confirm(user, AccountAction.DELETE_CONFIRM, _("🗑 Да, удалить аккаунт"))
    await redraw(query, texts.confirm_delete(), markup)


async def ask_withdraw(query: CallbackQuery, user: User) -> None:
    label = _("Да, отозвать и удалить аккаунт")
    markup = keyboards.confirm(user, AccountAction.WITHDRAW_CONFIRM, label)
    await redraw(query, texts.confirm_withdraw(), markup)


async def erase(
    query: CallbackQuery,
    callback_data: AccountCb,
    state: FSMContext,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    booking_policy: BookingPolicy,
    callback_answer: CallbackAnswer,
) -> None:
    if callback_data.stamp != keyboards.account_stamp(user):
        alert(callback_answer, texts.old_confirmation())
        return
    erasure = await erase_account(uow, clock, booking_policy, user.id)
    await state.clear()  # the form state, wherever it is kept (SQL or Redis)
    await commit_before_telling(uow)
    withdrawn = callback_data.action is AccountAction.WITHDRAW_CONFIRM
    # The profile on screen becomes the farewell: no menu, nothing personal left on it.
    await redraw(query, texts.account_deleted(erasure, withdrawn))


def register(router: Router) -> None:
    router.callback_query.register(ask_delete, AccountCb.filter(F.action == AccountAction.DELETE))
    router.callback_query.register(
        ask_withdraw, AccountCb.filter(F.action == AccountAction.WITHDRAW)
    )
    router.callback_query.register(erase, AccountCb.filter(F.action.in_(ERASING)))
