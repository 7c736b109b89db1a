"""The screens of quiet hours and of the delivery of events, and what a choice there says."""

from aiogram.utils.i18n import gettext as _

from domain.alerts.subscriptions import AlertPreferences, QuietHours
from handlers.alerts.texts import delivery_name, quiet_text


def quiet_screen(preferences: AlertPreferences) -> str:
    return _(
        "<b>Тихие часы</b>: {hours}\n"
        "В это время приходят только аварийные отключения; остальное подождёт до утра. "
        "Выберите время:"
    ).format(hours=quiet_text(preferences.quiet))


def delivery_screen(preferences: AlertPreferences) -> str:
    return _(
        "<b>Доставка событий</b>: {delivery}\n"
        "Отключения всегда приходят сразу. Как присылать городские события?"
    ).format(delivery=delivery_name(preferences.events))


def quiet_chosen(hours: QuietHours | None) -> str:
    return _("Тихие часы: {hours}").format(hours=quiet_text(hours))
