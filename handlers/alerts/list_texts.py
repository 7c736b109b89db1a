"""Texts of the lists: my subscriptions (one line each, also a button) and my addresses."""

from collections.abc import Mapping, Sequence
from html import escape

from aiogram.utils.i18n import gettext as _

from domain.alerts.subscriptions import SavedAddress, Scope, Subscription
from handlers.alerts.texts import DistrictName, address_text, district_text, topic_label


def where_text(
    subscription: Subscription, addresses: Mapping[int, SavedAddress], district_name: DistrictName
) -> str:
    """Plain text (an address's label is the person's words: escape it for HTML)."""
    if subscription.scope is Scope.ADDRESS and subscription.address_id is not None:
        address = addresses.get(subscription.address_id)
        return address.label if address is not None else "—"
    if subscription.scope is Scope.DISTRICT and subscription.district is not None:
        return district_text(district_name(subscription.district))
    return _("весь город")


def subscription_line(
    subscription: Subscription, addresses: Mapping[int, SavedAddress], district_name: DistrictName
) -> str:
    """ "🚰 Холодная вода — Дом", plain text: fit for a button; escape it for a message."""
    where = where_text(subscription, addresses, district_name)
    return f"{topic_label(subscription.topic)} — {where}"


def subscriptions(
    shown: Sequence[Subscription],
    addresses: Mapping[int, SavedAddress],
    district_name: DistrictName,
    page: int,
    pages: int,
) -> str:
    if not shown:
        return _(
            "Подписок пока нет. Добавьте адрес, район или категории событий "
            "на экране «🔔 Оповещения»."
        )
    head = _("<b>Мои подписки</b> (страница {page} из {pages}). Нажмите ✖, чтобы отписаться:")
    lines = [
        f"{n}. {escape(subscription_line(s, addresses, district_name))}"
        for n, s in enumerate(shown, start=1)
    ]
    return head.format(page=page + 1, pages=pages) + "\n" + "\n".join(lines)


def unsubscribed() -> str:
    return _("Отписались. Больше не пришлём.")


def not_your_subscription() -> str:
    # One answer for "already gone" and "someone else's": a forged id reveals nothing.
    return _("Такой подписки у вас нет — ничего не изменилось.")


def addresses(items: Sequence[SavedAddress], counts: Mapping[int, int], name: DistrictName) -> str:
    if not items:
        return _("Сохранённых адресов пока нет. Добавьте адрес — и оповещения придут по нему.")
    lines = [
        _("{n}. {address} · подписки: {count}").format(
            n=n, address=address_text(a, name), count=counts.get(a.id or 0, 0)
        )
        for n, a in enumerate(items, start=1)
    ]
    return _("<b>Мои адреса</b>") + "\n" + "\n".join(lines)


def confirm_removal(address: SavedAddress, subscriptions: int, name: DistrictName) -> str:
    return _(
        "Удалить адрес {address}?\nВместе с ним удалятся его подписки на отключения: {count}."
    ).format(address=address_text(address, name), count=subscriptions)


def address_removed() -> str:
    return _("Адрес удалён вместе с его подписками.")


def not_your_address() -> str:
    return _("Такого адреса у вас нет — ничего не изменилось.")
