"""Keyboards of the profile: pure functions of what they show."""

from datetime import UTC, datetime, timedelta

from aiogram.types import InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from domain.account import has_current_consent
from domain.users import User
from handlers.account.callbacks import AccountAction, AccountCb
from handlers.alerts.callbacks import AlertsAction, AlertsCb
from handlers.keyboard_builder import InlineKeyboardBuilder
from handlers.menu import MenuAction, MenuCb

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _go(kb: InlineKeyboardBuilder, text: str, action: AccountAction, **extra: int) -> None:
    kb.button(text=text, callback_data=AccountCb(action=action, **extra))


def profile(user: User) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    if user.phone is None:
        _go(kb, _("📱 Поделиться телефоном"), AccountAction.PHONE)
    else:
        _go(kb, _("✖️ Удалить телефон"), AccountAction.FORGET_PHONE)
    kb.button(text=_("🏠 Мои адреса"), callback_data=AlertsCb(action=AlertsAction.ADDRESSES))
    kb.button(text=_("🔔 Оповещения"), callback_data=AlertsCb(action=AlertsAction.HOME))
    kb.button(text=_("⚙️ Язык"), callback_data=MenuCb(action=MenuAction.SETTINGS))
    if user.consent_version is not None:
        _go(kb, _("Отозвать согласие"), AccountAction.WITHDRAW)
    else:
        _go(kb, _("📄 Согласие на обработку данных"), AccountAction.CONSENT)
    _go(kb, _("📥 Скачать мои данные"), AccountAction.EXPORT)
    _go(kb, _("🗑 Удалить аккаунт"), AccountAction.DELETE)
    kb.button(text=_("🏠 В меню"), callback_data=MenuCb(action=MenuAction.HOME))
    kb.adjust(1, 2, 1, 1, 1, 1, 1)
    return kb.as_markup()


def consent(user: User, then_phone: bool) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    if has_current_consent(user):
        _go(kb, _("Отозвать согласие"), AccountAction.WITHDRAW)
        _go(kb, _("◀️ Назад"), AccountAction.HOME)
    else:
        kb.button(
            text=_("✅ Согласен"),
            callback_data=AccountCb(action=AccountAction.AGREE, then_phone=then_phone),
        )
        _go(kb, _("Отказаться"), AccountAction.DECLINE)
    kb.adjust(2)
    return kb.as_markup()


def confirm(user: User, action: AccountAction, label: str) -> InlineKeyboardMarkup:
    """`action` erases when pressed: it carries the account's creation stamp."""
    kb = InlineKeyboardBuilder()
    _go(kb, label, action, stamp=account_stamp(user))
    if action is AccountAction.DELETE_CONFIRM:
        _go(kb, _("📥 Сначала скачать данные"), AccountAction.EXPORT)
    _go(kb, _("Нет, оставить"), AccountAction.HOME)
    kb.adjust(1)
    return kb.as_markup()


def account_stamp(user: User) -> int:
    """Microseconds: an account deleted and started again within a second differs too."""
    return (user.created_at - EPOCH) // timedelta(microseconds=1)


def contact_request() -> ReplyKeyboardMarkup:
    """The only way a phone comes in: Telegram's own contact button."""
    return ReplyKeyboardMarkup(
        keyboard=[
            [KeyboardButton(text=_("📱 Отправить мой номер"), request_contact=True)],
            [KeyboardButton(text=_("✖️ Отмена"))],
        ],
        resize_keyboard=True,
        one_time_keyboard=True,
    )
