"""Texts of adding an address: its label, the typed address or location, and what was saved."""

from html import escape

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from domain.alerts.subscriptions import MAX_ADDRESSES, MAX_LABEL
from handlers.alerts.follow_texts import already_on
from handlers.alerts.texts import district_text


def ask_label() -> str:
    return _(
        "<b>Новый адрес.</b> Как его назвать? Нажмите кнопку или напишите своё название "
        "(до {max} символов)."
    ).format(max=MAX_LABEL)


def label_too_long() -> str:
    return _("Слишком длинное название: можно до {max} символов. Напишите короче.").format(
        max=MAX_LABEL
    )


def ask_place(label: str) -> str:
    return _(
        "Адрес «{label}»: напишите улицу и дом (например, «Баумана 15») "
        "или нажмите «📍 Отправить геопозицию»."
    ).format(label=escape(label))


def confirm_address(text: str, district: str | None, has_house: bool) -> str:
    place = escape(text) + (f" ({escape(district_text(district))})" if district else "")
    line = _("Сохранить адрес {place}?").format(place=place)
    if not has_house:
        line += "\n" + _(
            "Без номера дома придут только отключения всей улицы или района. "
            "Чтобы указать дом, нажмите «Нет — ввести заново»."
        )
    return line


def address_saved(label: str, place: str) -> str:
    return _("✅ Адрес «{label}» сохранён: {place}.").format(label=escape(label), place=place)


def point_on_street() -> str:
    return _(
        "Точка на карте у этой улицы: придут отключения всей улицы и всего района "
        "(номер дома по точке не определить)."
    )


def following_all(label: str, told: int) -> str:
    text = _(
        "🔔 По адресу «{label}» сообщу обо всех отключениях: вода, электричество, отопление, "
        "газ. Аварийные — сразу, остальные — вне тихих часов.\n"
        "Нужны не все? «⚙️ Какие отключения» — снимите лишние отметки и нажмите «💾 Сохранить»."
    ).format(label=escape(label))
    return text + already_on(told)


def location_saved(label: str, district: str) -> str:
    return _(
        "✅ Точка на карте сохранена как «{label}» ({district}).\n"
        "Без улицы и дома оповещения будут об отключениях, объявленных для всего района."
    ).format(label=escape(label), district=escape(district_text(district)))


def too_many_addresses() -> str:
    return ngettext(
        "Можно сохранить не больше {max} адреса. Удалите ненужный в «Мои адреса» "
        "и добавьте новый.",
        "Можно сохранить не больше {max} адресов. Удалите ненужный в «Мои адреса» "
        "и добавьте новый.",
        MAX_ADDRESSES,
    ).format(max=MAX_ADDRESSES)


def address_cancelled() -> str:
    return _("Адрес не сохранён.")


def place_hint() -> str:
    return _(
        "Нужен адрес текстом (улица и дом) или геопозиция — кнопка «📍 Отправить геопозицию». "
        "Передумали — «✖️ Отмена»."
    )


def address_not_found() -> str:
    return _(
        "Не нашли такой адрес в Казани. Напишите улицу и дом, например «ул. Баумана, 15», "
        "или отправьте геопозицию."
    )


def outside_kazan() -> str:
    return _(
        "Эта точка за пределами Казани, а оповещения есть только по городу. "
        "Отправьте другую геопозицию или напишите адрес."
    )


def did_you_mean() -> str:
    return _("Какой из этих адресов?")


def retype_address() -> str:
    return _("Хорошо, напишите адрес ещё раз: улицу и дом.")
