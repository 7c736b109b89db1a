"""Texts of "who is performing today?": the listing and its picker."""

from html import escape

from aiogram.utils.i18n import gettext as _

from domain.services.booking_views import Performance
from handlers.booking.texts import time_in_city
from handlers.common import distance_text
from handlers.performers.labels import genre_name


def show_line(show: Performance, locale: str, distance: float | None = None) -> str:
    line = _("{start}–{end} · {site} · <b>{name}</b>, {genre}").format(
        start=time_in_city(show.slot.starts_at),
        end=time_in_city(show.slot.ends_at),
        site=escape(show.site.name(locale)),
        name=escape(show.performer.stage_name),
        genre=genre_name(show.performer.genre),
    )
    if show.present:
        line += " · " + _("📍 на месте")
    return line if distance is None else f"{line} · {distance_text(distance)}"


def listing(where: str, lines: list[str]) -> str:
    if not lines:
        return _("🎭 Сегодня пока никто не выступает ({where}). Загляните позже!").format(
            where=where
        )
    return "\n".join([_("🎭 <b>Сегодня выступают</b> ({where}):").format(where=where), *lines])


def picker_text() -> str:
    return _("🎭 Кто выступает сегодня? Покажу рядом с вами, в районе или во всём городе.")


def ask_location() -> str:
    return _("Отправьте геопозицию — покажу выступления в радиусе 3 км.")


def whole_city() -> str:
    return _("весь город")


def near_you() -> str:
    return _("рядом с вами, до 3 км")


def cancelled() -> str:
    return _("Отменено.")


def location_hint() -> str:
    return _("Нужна геопозиция: нажмите «📍 Отправить геопозицию» внизу или «✖️ Отмена».")
