"""The alerts home screen: how many addresses and subscriptions, quiet hours, events."""

from aiogram.utils.i18n import gettext as _

from domain.alerts.subscriptions import AlertPreferences, EventDelivery
from domain.services.alert_views import AlertsOverview
from handlers.alerts.texts import delivery_name, quiet_text


def home(overview: AlertsOverview) -> str:
    return "\n".join(
        [
            _("<b>🔔 Оповещения</b>"),
            _("Сохранённые адреса: {addresses} · подписки: {subscriptions}").format(
                addresses=len(overview.addresses), subscriptions=len(overview.subscriptions)
            ),
            quiet_line(overview.preferences),
            events_line(overview.preferences.events),
        ]
    )


def quiet_line(preferences: AlertPreferences) -> str:
    if preferences.quiet is None:
        return _("Тихие часы: выключены — всё приходит сразу")
    return _("Тихие часы: {hours} — ночью только аварийные отключения").format(
        hours=quiet_text(preferences.quiet)
    )


def events_line(delivery: EventDelivery) -> str:
    """Also the toast when the delivery is chosen."""
    return _("События: {delivery}").format(delivery=delivery_name(delivery))
