"""Texts of the list of sites, plain and "near me"."""

from aiogram.utils.i18n import gettext as _


def sites_header(shown: int, hidden: int, near: bool) -> str:
    if not shown:
        text = _(
            "Сейчас нет площадок, которые подходят вашему номеру. Если в анкете что-то "
            "изменилось, обновите её — список пересчитается."
        )
    elif near:
        text = _("Площадки, которые вам подходят, от ближней к дальней:")
    else:
        text = _("Площадки, которые вам подходят. Выберите, чтобы увидеть правила и даты:")
    if hidden:
        text += "\n\n" + _(
            "Скрыто площадок: {count} — не подходят вашему номеру по громкости, размеру группы "
            "или оборудованию."
        ).format(count=hidden)
    return text


def no_coordinates() -> str:
    return _("У площадок в конце списка нет точки на карте: расстояние до них неизвестно.")


def distance(metres: float) -> str:
    if metres < 1000:
        return _("{metres} м").format(metres=round(metres / 10) * 10)
    return _("{km} км").format(km=f"{metres / 1000:.1f}".replace(".", ","))


def ask_location() -> str:
    return _(
        "Отправьте геопозицию кнопкой «📍 Отправить геопозицию» внизу — покажу подходящие "
        "площадки от ближней к дальней. Геопозиция нужна только для сортировки, мы её не храним."
    )


def location_hint() -> str:
    return _("Нужна геопозиция: нажмите «📍 Отправить геопозицию» внизу или «✖️ Отмена».")


def location_received() -> str:
    return _("Спасибо, считаю расстояния.")


def near_cancelled() -> str:
    return _("Хорошо, без геопозиции.")
