"""Texts of the checklists: what to follow, where, and what was saved."""

from collections.abc import Sequence
from html import escape

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from domain.alerts.events import EventCategory
from domain.alerts.outages import OutageKind
from handlers.alerts.texts import district_text, event_category_name, outage_kind_name


def kinds_for_district(district: str) -> str:
    return _(
        "Отключения во всём районе: {district}. Оповещения придут обо всех отключениях, "
        "объявленных для района и его улиц. Отметьте нужные и нажмите «💾 Сохранить»."
    ).format(district=escape(district_text(district)))


def pick_district() -> str:
    return _("<b>Отключения в районе.</b> Выберите район:")


def nothing_ticked() -> str:
    return _("Отметьте хотя бы один пункт.")


def kinds_saved(kinds: Sequence[OutageKind], where: str) -> str:
    return _(
        "✅ Готово: {where} — {kinds}.\n"
        "Аварийные отключения приходят сразу, остальные — вне тихих часов."
    ).format(where=escape(where), kinds=", ".join(outage_kind_name(k).lower() for k in kinds))


def pick_categories() -> str:
    return _("<b>События города.</b> Какие интересны? Отметьте и нажмите «Дальше: где? ▶️».")


def pick_event_place(categories: Sequence[EventCategory]) -> str:
    return _("Где следить за событиями ({categories})? Весь город или один район:").format(
        categories=", ".join(event_category_name(c).lower() for c in categories)
    )


def events_saved(categories: Sequence[EventCategory], where: str, delivery: str) -> str:
    return _(
        "✅ Готово: {categories} — {where}.\nДоставка: {delivery} (изменить — "
        "«📬 Доставка событий»)."
    ).format(
        categories=", ".join(event_category_name(c).lower() for c in categories),
        where=escape(where),
        delivery=delivery,
    )


def address_where(label: str) -> str:
    return _("адрес «{label}»").format(label=label)


def city() -> str:
    return _("весь город")


def already_on(told: int) -> str:
    """A paragraph to add when outages already on were just told of (nothing otherwise)."""
    if not told:
        return ""
    return "\n\n" + ngettext(
        "⚠️ Здесь уже есть {count} отключение — сообщение о нём ниже.",
        "⚠️ Здесь уже есть {count} отключений — сообщения о них ниже.",
        told,
    ).format(count=told)
