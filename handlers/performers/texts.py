"""Texts of the profile form and the profile screen (Russian source, through gettext)."""

from aiogram.utils.i18n import gettext as _

from domain.booking.performers import MAX_DESCRIPTION, MAX_LINKS, MAX_STAGE_NAME, Performer
from domain.booking.performers import PerformerStatus as Status
from domain.booking.sites import Sound
from handlers.performers.labels import profile_lines, sound_explained, sound_name

MAX_GROUP = 50
CANCEL_HINT = "/cancel"


def ask_name(first_time: bool) -> str:
    ask = _(
        "Как вас представить зрителям? Напишите сценическое имя или название коллектива "
        "(до {limit} знаков)."
    ).format(limit=MAX_STAGE_NAME)
    if not first_time:
        return ask
    intro = _(
        "🎤 <b>Анкета исполнителя Арт-проспекта</b>\n"
        "Семь коротких шагов. Сотрудники города проверят анкету один раз — "
        "после этого можно бронировать площадки. Отменить: {cancel}"
    ).format(cancel=CANCEL_HINT)
    return f"{intro}\n\n{ask}"


def name_too_long(length: int) -> str:
    return _("Слишком длинно: {length} знаков, а можно до {limit}. Сократите, пожалуйста.").format(
        length=length, limit=MAX_STAGE_NAME
    )


def name_hint() -> str:
    return _("Напишите имя текстом — например, «Айгуль Сафина» или «Дуэт Ветер».")


def ask_genre() -> str:
    return _("Что вы показываете? Выберите жанр.")


def buttons_hint() -> str:
    return _("Выберите вариант кнопкой под сообщением выше.")


def ask_group() -> str:
    return _("Сколько человек выступает? Считайте всех, кто будет на площадке.")


def ask_group_number() -> str:
    return _("Напишите, сколько вас, — число до {limit}.").format(limit=MAX_GROUP)


def group_out_of_range() -> str:
    return _("Нужно число от 1 до {limit} — например, 7.").format(limit=MAX_GROUP)


def ask_sound() -> str:
    levels = "\n".join(f"{sound_name(s)} — {sound_explained(s)}" for s in Sound)
    why = _("У каждой площадки свой предел громкости: от него зависит, где можно выступать.")
    return _("Насколько громко вы выступаете?") + f"\n\n{levels}\n\n{why}"


def ask_equipment() -> str:
    return _(
        "Что из оборудования вы приносите или что вам нужно? Отметьте всё подходящее "
        "и нажмите «Готово». Если ничего не нужно — сразу «Готово»."
    )


def equipment_hint() -> str:
    return _("Отметьте оборудование кнопками выше и нажмите «Готово».")


def ask_description() -> str:
    return _(
        "Коротко о выступлении: что увидят и услышат зрители (до {limit} знаков). "
        "Можно пропустить."
    ).format(limit=MAX_DESCRIPTION)


def description_too_long(length: int) -> str:
    return _("Слишком длинно: {length} знаков, а можно до {limit}. Сократите, пожалуйста.").format(
        length=length, limit=MAX_DESCRIPTION
    )


def text_hint() -> str:
    return _("Напишите текстом или нажмите кнопку под сообщением выше.")


def ask_links() -> str:
    return _(
        "Ссылки на ваши выступления — видео, соцсети, сайт: до {limit}, каждая отдельным "
        "сообщением, начинается с https://. Можно пропустить."
    ).format(limit=MAX_LINKS)


def link_added(count: int) -> str:
    return _("Ссылка добавлена ({count} из {limit}). Пришлите ещё или нажмите «Готово».").format(
        count=count, limit=MAX_LINKS
    )


def link_invalid() -> str:
    return _(
        "Это не похоже на ссылку. Нужен адрес, который начинается с https://, "
        "например https://vk.com/yourband"
    )


def summary(draft: Performer, note: str) -> str:
    title = _("<b>Проверьте анкету</b>")
    return "\n".join([title, "", *profile_lines(draft), "", note])


def summary_note(current: Performer | None, needs_look: bool) -> str:
    """What sending will do: the person should know before pressing whether staff look again."""
    if current is None:
        return _("После отправки анкету проверят сотрудники города.")
    if current.status is Status.APPROVED and needs_look:
        return _(
            "⚠️ Изменились имя, жанр, состав, звук или оборудование — анкету снова проверят "
            "сотрудники. До одобрения новые брони недоступны; уже сделанные остаются."
        )
    if current.status is Status.APPROVED:
        return _(
            "Описание и ссылки меняются без проверки. Если изменить имя, жанр, состав, звук "
            "или оборудование — анкету снова проверят сотрудники."
        )
    if current.status is Status.PENDING:
        return _("Анкета ещё на проверке — сотрудники увидят эту версию.")
    return _("Анкету снова проверят сотрудники города.")


def summary_hint() -> str:
    return _("Проверьте анкету и нажмите «Отправить на проверку» — или исправьте шаг кнопками.")
