"""Texts of the performer cards' buttons in the staff chat."""

from aiogram import html
from aiogram.utils.i18n import gettext as _

from domain.booking.performers import PerformerStatus
from domain.services.performers import MAX_REASON


def ask_reason(stage_name: str) -> str:
    return _(
        "Почему отклонена анкета «{name}»? Напишите причину следующим сообщением — её увидит "
        "исполнитель. (/cancel — отменить)"
    ).format(name=html.quote(stage_name))


def reason_hint() -> str:
    return _("Напишите причину отказа текстом или отмените: /cancel")


def reason_too_long() -> str:
    return _("Причина — до {limit} знаков. Напишите короче.").format(limit=MAX_REASON)


def approved() -> str:
    return _("Анкета одобрена, исполнитель получит сообщение.")


def declined() -> str:
    return _("Готово: исполнитель получит причину отказа.")


def unknown() -> str:
    return _("Такой анкеты нет.")


def already_decided(status: PerformerStatus) -> str:
    if status is PerformerStatus.APPROVED:
        return _("Эта анкета уже одобрена.")
    return _("Эта анкета уже отклонена.")


def changed_since() -> str:
    return _("Исполнитель изменил анкету после этой карточки — решайте по новой карточке.")
