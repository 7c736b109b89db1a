"""Art-prospect texts: the home screen, the sites and a site's card. Every string via gettext;
times in the city's zone; names people or staff typed are escaped."""

from datetime import date, datetime, timedelta
from html import escape

from aiogram.utils.i18n import gettext as _

from domain.booking.bookings import Booking
from domain.booking.performers import Performer, PerformerStatus
from domain.booking.sites import Equipment, Site, Sound
from domain.clock import to_city_time
from handlers.common import day
from handlers.staff.texts import MAP_LINK


def weekdays() -> list[str]:
    return [_("Пн"), _("Вт"), _("Ср"), _("Чт"), _("Пт"), _("Сб"), _("Вс")]


def months() -> list[str]:
    return [
        *(_("Январь"), _("Февраль"), _("Март"), _("Апрель"), _("Май"), _("Июнь")),
        *(_("Июль"), _("Август"), _("Сентябрь"), _("Октябрь"), _("Ноябрь"), _("Декабрь")),
    ]


def day_label(day: date) -> str:
    return f"{weekdays()[day.weekday()]} {day:%d.%m}"


def time_in_city(at: datetime) -> str:
    return to_city_time(at).strftime("%H:%M")


def slot_time(starts_at: datetime, ends_at: datetime) -> str:
    return f"{time_in_city(starts_at)}–{time_in_city(ends_at)}"


def day_and_time(at: datetime) -> str:
    local = to_city_time(at)
    return f"{day_label(local.date())} {local:%H:%M}"


def duration(span: timedelta) -> str:
    hours, minutes = divmod(int(span.total_seconds()) // 60, 60)
    if hours and minutes:
        return _("{hours} ч {minutes} мин").format(hours=hours, minutes=minutes)
    if hours:
        return _("{hours} ч").format(hours=hours)
    return _("{minutes} мин").format(minutes=minutes)


def sound_name(sound: Sound) -> str:
    names = {
        Sound.ACOUSTIC: _("только акустика, без усиления"),
        Sound.UP_TO_60_DB: _("с усилением до 60 дБ"),
        Sound.UP_TO_90_DB: _("с усилением до 90 дБ"),
    }
    return names[sound]


def equipment_name(item: Equipment) -> str:
    names = {
        Equipment.AMPLIFIER: _("усилитель"),
        Equipment.MICROPHONE: _("микрофон"),
        Equipment.DRUMS: _("барабаны"),
        Equipment.STAND: _("стойка или мольберт"),
        Equipment.PROPS: _("реквизит"),
        Equipment.POWER: _("электричество"),
    }
    return names[item]


def home(performer: Performer | None, now: datetime) -> str:
    intro = _(
        "<b>🎸 Арт-проспект</b> — уличные выступления на площадках Казани. Выберите площадку, "
        "день и свободное время; на части площадок бронь подтверждается сразу, на остальных "
        "её проверяет сотрудник города."
    )
    return f"{intro}\n\n{_status(performer, now)}"


def _status(performer: Performer | None, now: datetime) -> str:
    if performer is None:
        return _(
            "Чтобы бронировать площадки, заполните анкету исполнителя: сотрудники проверят её "
            "один раз. Посмотреть, кто выступает сегодня, можно и без анкеты."
        )
    if performer.status is PerformerStatus.PENDING:
        return _(
            "Ваша анкета на проверке. Как только её одобрят, мы напишем, и можно бронировать."
        )
    if performer.status is PerformerStatus.DECLINED:
        return _(
            "Анкету не одобрили. Причина: {reason}\nИсправьте анкету и отправьте её снова."
        ).format(reason=escape(performer.decline_reason or "—"))
    if performer.suspended(now) and performer.suspended_until is not None:
        return _(
            "Бронирование приостановлено до {until}: вы несколько раз не пришли на "
            "забронированные выступления. Брони, которые уже есть, остаются в силе."
        ).format(until=day_and_time(performer.suspended_until))
    return _("Исполнитель: <b>{name}</b>. Можно бронировать площадки.").format(
        name=escape(performer.stage_name)
    )


def site_button(site: Site, locale: str, district: str | None) -> str:
    slot = duration(timedelta(minutes=site.slot_minutes))
    parts = [site.name(locale), *([district] if district else []), slot]
    return " · ".join(parts)


def site_card(site: Site, locale: str, district: str | None) -> str:
    name = escape(site.name(locale))
    place = escape(site.place) + (f" ({escape(district)})" if district else "")
    days = ", ".join(weekdays()[d] for d in sorted(site.open_days))
    if len(site.open_days) == 7:
        days = _("ежедневно")
    hours = f"{site.open_from:%H:%M}–{site.open_to:%H:%M}"
    allowed = ", ".join(equipment_name(e) for e in Equipment if e in site.equipment)
    lines = [
        f"<b>{name}</b>",
        f"📍 {place}",
        _("Дни: {days}; часы: {hours}").format(days=days, hours=hours),
        _("Слот: {slot}, между слотами {buffer}").format(
            slot=duration(timedelta(minutes=site.slot_minutes)),
            buffer=duration(timedelta(minutes=site.buffer_minutes)),
        ),
        _("Звук: {sound}").format(sound=sound_name(site.sound)),
        _("Группа: до {count} чел.").format(count=site.max_group),
        _("Оборудование: {items}").format(items=allowed or _("только инструменты в руках")),
        _("Бронь: подтверждается сразу")
        if site.auto_approve
        else _("Бронь: после проверки сотрудником"),
    ]
    if site.lat is not None and site.lon is not None:
        url = f"https://yandex.ru/maps/?pt={site.lon:.6f},{site.lat:.6f}&amp;z=17&amp;l=map"
        lines.append(f'<a href="{url}">{_("Точка на карте")}</a>')
    return "\n".join(lines)


def slot_when(booking: Booking) -> str:
    """The slot as "05.12.2026 12:00–14:00", in city time."""
    return f"{day(booking.starts_at)} {slot_time(booking.starts_at, booking.ends_at)}"


def map_link(site: Site) -> str | None:
    if site.lat is None or site.lon is None:
        return None
    link = MAP_LINK.format(lat=site.lat, lon=site.lon)
    return _('<a href="{link}">Точка на карте</a>').format(link=escape(link))


def where_lines(site: Site) -> list[str]:
    """The exact place and, when the site has coordinates, its map point."""
    lines = [_("📍 {place}").format(place=escape(site.place))] if site.place else []
    link = map_link(site)
    return [*lines, link] if link else lines
