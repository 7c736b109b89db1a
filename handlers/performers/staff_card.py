"""The staff card of a performer profile: what staff judge, and how it was decided."""

from aiogram import html
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from domain.booking.performers import Performer, PerformerStatus
from handlers.common import when
from handlers.keyboard_builder import InlineKeyboardBuilder
from handlers.performers.callbacks import PerformerDecision, StaffPerformerCb, revision_of
from handlers.performers.labels import profile_lines


def card_text(performer: Performer, by: str | None = None) -> str:
    """The profile as it stands; `by` names who decided, when the card is edited at once."""
    is_new = performer.created_at == performer.updated_at
    title = (
        _("🎤 <b>Новая анкета исполнителя</b>")
        if is_new
        else _("🎤 <b>Изменённая анкета исполнителя</b>")
    )
    contact = _('<a href="tg://user?id={user_id}">Написать исполнителю</a>').format(
        user_id=performer.user_id
    )
    sent = _("Отправлена: {at}").format(at=when(performer.updated_at))
    lines = [title, "", *profile_lines(performer), "", sent, contact]
    outcome = outcome_line(performer, by)
    return "\n".join([*lines, "", outcome] if outcome else lines)


def superseded_card_text(performer: Performer, by: str | None = None) -> str:
    """A card of a version the performer has since changed: no longer to be decided on."""
    lines = [
        _("🎤 <b>Прежняя анкета исполнителя</b> «{name}»").format(
            name=html.quote(performer.stage_name)
        ),
        _("Исполнитель изменил анкету {at}.").format(at=when(performer.updated_at)),
    ]
    if performer.status is PerformerStatus.PENDING:
        lines.append(_("Решение — по новой карточке ниже."))
    elif (outcome := outcome_line(performer, by)) is not None:
        lines.append(_("Сейчас: {outcome}").format(outcome=outcome))
    return "\n".join(lines)


def erased_card_text() -> str:
    """Nothing of the person is left on the card."""
    return _(
        "🎤 <b>Анкета исполнителя удалена</b>\n"
        "Исполнитель удалил аккаунт: анкета и брони удалены, решение не нужно."
    )


def outcome_line(performer: Performer, by: str | None) -> str | None:
    if performer.status is PerformerStatus.APPROVED:
        line = _("✅ Одобрена")
    elif performer.status is PerformerStatus.DECLINED:
        reason = html.quote(performer.decline_reason or "")
        line = _("❌ Отклонена: {reason}").format(reason=reason)
    else:
        return None
    return f"{line} — {html.quote(by)}" if by else line


def card_keyboard(performer: Performer) -> InlineKeyboardMarkup | None:
    """Buttons only while the profile waits: a decided card shows the outcome alone."""
    if performer.status is not PerformerStatus.PENDING or performer.id is None:
        return None
    revision = revision_of(performer.updated_at)
    kb = InlineKeyboardBuilder()
    for text, action in (
        (_("✅ Одобрить"), PerformerDecision.APPROVE),
        (_("❌ Отклонить"), PerformerDecision.DECLINE),
    ):
        data = StaffPerformerCb(action=action, performer_id=performer.id, revision=revision)
        kb.button(text=text, callback_data=data)
    kb.adjust(2)
    return kb.as_markup()
