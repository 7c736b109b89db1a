"""Texts of the lists and of "what is off at my addresses now?"."""

from collections.abc import Mapping, Sequence
from datetime import datetime
from html import escape

from aiogram.utils.i18n import gettext as _

from domain.alerts.outages import Outage
from domain.alerts.subscriptions import SavedAddress, Subscription
from handlers.alerts.texts import DistrictName, address_text, outage_line, subscription_line
from handlers.common import MESSAGE_LIMIT, when


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


def off_now(
    report: Sequence[tuple[SavedAddress, list[Outage], list[Outage]]],
    name: DistrictName,
    now: datetime,
) -> str:
    """Every saved address: what is off now, what is planned, or that nothing is."""
    if not report:
        return _(
            "Сохранённых адресов пока нет. Добавьте адрес — и я покажу, что по нему отключено."
        )
    blocks = [_("<b>Что отключено по вашим адресам</b> (на {now})").format(now=when(now))]
    for address, current, planned in report:
        block = [address_text(address, name)]
        if current:
            block.append(_("Сейчас отключено:"))
            block += [outage_line(o, now) for o in current]
        if planned:
            block.append(_("Запланировано:"))
            block += [outage_line(o, now) for o in planned]
        if not current and not planned:
            block.append(_("✅ Ничего не отключено, и отключений не запланировано."))
        blocks.append("\n".join(block))
    return _fit(blocks)


def _fit(blocks: list[str]) -> str:
    """Whole blocks up to Telegram's limit (cutting inside one could break its HTML)."""
    text = blocks[0]
    for block in blocks[1:]:
        if len(text) + len(block) + 10 > MESSAGE_LIMIT:
            return text + "\n\n…"
        text += "\n\n" + block
    return text
