"""Texts of the report form."""

from html import escape

from aiogram.utils.i18n import gettext as _

from domain.categories import Category
from domain.requests import Request
from domain.services.reports import DESCRIPTION_MAX, DESCRIPTION_MIN, MAX_PHOTOS, ReportDraft
from handlers.common import day, shorten
from handlers.my_requests.texts import place_text


def ask_category() -> str:
    return _("<b>Новая заявка.</b> Что случилось? Выберите категорию:")


def ask_place() -> str:
    return _(
        "Где это? Нажмите «📍 Отправить геопозицию» или напишите адрес: улицу и дом, "
        "например «Баумана 15»."
    )


def ask_photos() -> str:
    return _(
        "Пришлите до {max} фото (можно альбомом) или нажмите «Пропустить». "
        "Можно сразу написать описание."
    ).format(max=MAX_PHOTOS)


def photos_received(count: int) -> str:
    return _(
        "Фото получено: {count} из {max}. Пришлите ещё, нажмите «Готово» "
        "или сразу напишите описание."
    ).format(count=count, max=MAX_PHOTOS)


def photos_kept(count: int, described: bool) -> str:
    """A photo sent before its step (or after it): kept for the request all the same."""
    if described:
        return _("📷 Фото сохранено: {count} из {max}, подпись стала описанием.").format(
            count=count, max=MAX_PHOTOS
        )
    return _("📷 Фото сохранено: {count} из {max}, приложу к заявке.").format(
        count=count, max=MAX_PHOTOS
    )


def photos_full() -> str:
    return _("Уже {max} фото — это максимум, это фото не сохранено.").format(max=MAX_PHOTOS)


def caption_too_short() -> str:
    return _(
        "Подпись к фото слишком короткая для описания (минимум символов — {min}), "
        "её не беру. Фото сохранено."
    ).format(min=DESCRIPTION_MIN)


def category_hint() -> str:
    return _("Выберите категорию кнопкой выше.")


def ask_description() -> str:
    return _("Опишите проблему словами: что и где именно ({min}–{max} символов).").format(
        min=DESCRIPTION_MIN, max=DESCRIPTION_MAX
    )


def summary(
    draft: ReportDraft, category: Category | None, locale: str, district: str | None
) -> str:
    name = category.name(locale) if category else draft.category
    lines = [
        _("<b>Проверьте заявку</b>"),
        _("Категория: {category}").format(category=escape(name)),
        _("Место: {place}").format(place=escape(place_text(draft.place))),
    ]
    if district:
        lines.append(_("Район: {district}").format(district=escape(district)))
    lines.append(_("Фото: {count}").format(count=len(draft.photos)))
    lines.append("")
    lines.append(escape(shorten(draft.description, 2500)))
    return "\n".join(lines)


def similar_found(requests: list[Request]) -> str:
    items = "\n".join(
        f"• {r.number} — {escape(shorten(r.description, 80))} ({day(r.created_at)})"
        for r in requests
    )
    return _(
        "Рядом уже есть похожие открытые заявки:\n{items}\n\n"
        "Присоединитесь — и будете получать их обновления. Или отправьте свою."
    ).format(items=items)


def similar_below() -> str:
    return _("Ниже — похожие заявки: присоединитесь к одной из них или отправьте свою.")


def submitted(request: Request) -> str:
    return _(
        "✅ Заявка <b>{number}</b> принята.\nСрок ответа: до {deadline}.\n"
        "Мы сообщим, когда её возьмут в работу."
    ).format(number=request.number, deadline=day(request.deadline_at))


def joined(request: Request) -> str:
    return _("Вы присоединились к заявке {number} и будете получать её обновления.").format(
        number=request.number
    )


def place_set(place: str, district: str | None) -> str:
    if district:
        return _("📍 Место: {place} ({district} район)").format(
            place=escape(place), district=escape(district)
        )
    return _("📍 Место: {place}").format(place=escape(place))


def outside_kazan() -> str:
    return _(
        "Эта точка за пределами Казани — мы принимаем заявки только по городу. "
        "Отправьте другую геопозицию или напишите адрес."
    )


def address_not_found() -> str:
    return _(
        "Не нашли такую улицу в Казани. Проверьте написание (например, «ул. Баумана, 15») "
        "или отправьте геопозицию."
    )


def did_you_mean() -> str:
    return _("Вы имели в виду:")


def address_question_closed() -> str:
    return _("На этот вопрос уже есть ответ — продолжайте с последнего сообщения.")


def retype_address() -> str:
    return _("Хорошо, напишите адрес ещё раз: улицу и дом.")


def place_hint() -> str:
    return _("Нужен адрес текстом или геопозиция (кнопка «📍 Отправить геопозицию»).")


def too_many_photos() -> str:
    return _("Уже {max} фото — это максимум. Нажмите «Готово».").format(max=MAX_PHOTOS)


def photos_hint() -> str:
    return _("Пришлите фотографию (не файлом), нажмите «Готово» или напишите описание.")


def description_too_short() -> str:
    # Phrased so that the number needs no plural agreement in any language.
    return _("Слишком коротко. Опишите подробнее: минимум символов — {min}.").format(
        min=DESCRIPTION_MIN
    )


def description_too_long(length: int) -> str:
    return _(
        "Слишком длинно: длина {length}, а можно не больше {max}. Сократите, пожалуйста."
    ).format(length=length, max=DESCRIPTION_MAX)


def description_hint() -> str:
    return _("Напишите описание текстом.")


def summary_hint() -> str:
    return _("Проверьте заявку и нажмите «✅ Отправить» или «✖️ Отменить» под ней.")


def cancelled() -> str:
    return _("Заявка не отправлена. Возвращаемся в меню.")


def stale_form() -> str:
    return _("Эта форма уже закрыта. Начните заново из меню.")


def category_set(name: str) -> str:
    return _("Категория: <b>{category}</b>").format(category=escape(name))


def outage_known(kind: str, end: str) -> str:
    return _(
        "По этому адресу уже известно отключение: {kind} ({end}). Службы о нём знают — "
        "заявка не ускорит ремонт.\n\nСообщить вам, когда дадут?"
    ).format(kind=kind, end=end)


def following_outage() -> str:
    return _("🔔 Готово: напишем, когда отключение закончится. Заявка не отправлена.")


def outage_offer_hint() -> str:
    return _(
        "Выберите кнопку под сообщением: «🔔 Сообщить, когда дадут» "
        "или «Всё равно отправить заявку»."
    )
