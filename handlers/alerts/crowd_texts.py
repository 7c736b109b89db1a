"""What the crowd's cards say in the staff chat, and what residents read when they answer
"is it back?" (called inside the reader's i18n context)."""

from collections import Counter
from datetime import datetime

from aiogram import html
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from domain.alerts.crowd import HouseTally, Signal, SignalSource, Suspicion, SuspicionStatus
from domain.alerts.crowd_rules import SuspectKind
from domain.clock import to_city_time
from domain.requests import format_number
from handlers.alerts.notice_texts import quoted

MAX_REASON_SHOWN = 500
MAX_REQUESTS_SHOWN = 30


def suspect_kind_name(kind: SuspectKind) -> str:
    names = {
        SuspectKind.WATER: _("нет воды"),
        SuspectKind.POWER: _("нет света"),
        SuspectKind.HEATING: _("нет отопления"),
    }
    return names[kind]


def suspected_place(suspicion: Suspicion, street: str) -> str:
    if suspicion.street_wide:
        return _("{street} (вся улица)").format(street=quoted(street, 120))
    houses = ", ".join(suspicion.houses)
    return quoted(f"{street}, {houses}", 200)


def _when(at: datetime) -> str:
    return to_city_time(at).strftime("%d.%m %H:%M")


def suspected_card(
    suspicion: Suspicion, street: str, signals: list[Signal], known: int | None = None
) -> str:
    """The place, how many residents, since when, their requests grouped; then the decision."""
    people = len({s.user_id for s in signals})
    sources = Counter(s.source for s in signals)
    requests = sorted({s.request_id for s in signals if s.request_id is not None})
    lines = [
        _("⚠️ <b>Похоже на отключение: {what}</b>").format(what=suspect_kind_name(suspicion.kind)),
        "📍 " + suspected_place(suspicion, street),
        ngettext(
            "👥 Сообщил {count} житель, первый — {since}",
            "👥 Сообщили {count} жителей, первый — {since}",
            people,
        ).format(count=people, since=_when(suspicion.first_at)),
        _known_line(suspicion, known),
    ]
    if requests:
        shown = ", ".join(format_number(r) for r in requests[:MAX_REQUESTS_SHOWN])
        more = len(requests) - MAX_REQUESTS_SHOWN
        lines.append(_("📝 Заявки: {numbers}").format(numbers=shown + (" …" if more > 0 else "")))
    if sources[SignalSource.FAQ]:
        count = sources[SignalSource.FAQ]
        lines.append(_("❓ Вопросы в справке: {count}").format(count=count))
    if sources[SignalSource.DECLINED]:
        count = sources[SignalSource.DECLINED]
        lines.append(_("🚫 «Это не то отключение»: {count}").format(count=count))
    lines.append(_decision(suspicion))
    return "\n".join(line for line in lines if line)


def _known_line(suspicion: Suspicion, known: int | None) -> str:
    """While staff decide: is an outage known there now (published since the card)?"""
    if suspicion.status is not SuspicionStatus.OPEN:
        return ""
    if known is None:
        return _("Известных отключений здесь нет.")
    return _("ℹ️ Теперь здесь известно отключение №{number}.").format(number=known)


def _decision(suspicion: Suspicion) -> str:
    by = html.quote(suspicion.decided_by or "")
    at = _when(suspicion.decided_at) if suspicion.decided_at else ""
    if suspicion.status is SuspicionStatus.CONFIRMED:
        return _(
            "\n✅ Подтверждено ({by}, {at}): отключение №{number} опубликовано, "
            "сообщившие жители подписаны на него."
        ).format(by=by, at=at, number=suspicion.outage_id or "—")
    if suspicion.status is SuspicionStatus.DISMISSED:
        reason = quoted(suspicion.reason or "", MAX_REASON_SHOWN)
        return _("\n✖️ Отклонено ({by}, {at}): {reason}").format(by=by, at=at, reason=reason)
    return ""


def already_known(outage_id: int | None) -> str:
    return _(
        "Здесь уже известно отключение №{number}: подтверждать нечего. Отклоните карточку, "
        "указав его номер."
    ).format(number=outage_id or "—")


def confirm_button() -> str:
    return _("✅ Подтвердить отключение")


def dismiss_button() -> str:
    return _("✖️ Не отключение")


def reopened_card(
    kind: str, place: str, restored_id: int, reopened_id: int, tally: HouseTally
) -> str:
    return "\n".join(
        (
            _("🔁 <b>Снова отключено: {kind}</b>").format(kind=kind),
            "📍 " + quoted(place, 200),
            _(
                "Отключение №{restored} отмечено восстановленным, но жители этого дома "
                "отвечают, что нет. Для дома открыто отключение №{reopened}."
            ).format(restored=restored_id, reopened=reopened_id),
            _("Ответы жителей дома: «всё ещё нет» — {off}, «да, есть» — {back}").format(
                off=tally.still_off, back=tally.back
            ),
        )
    )


def is_back_question() -> str:
    return _("Всё ли у вас в порядке теперь?")


def back_buttons() -> tuple[str, str]:
    return _("Да, есть"), _("Нет, всё ещё нет")


def thanks(back: bool) -> str:
    if back:
        return _("Спасибо! Рады, что всё работает.")
    return _("Спасибо, ответ учтён. Если так ответят и соседи, отключение откроют снова.")


def changed(back: bool) -> str:
    if back:
        return _("Ответ изменён: «Да, есть».")
    return _("Ответ изменён: «Нет, всё ещё нет».")


def already_counted() -> str:
    return _("Ваш ответ уже учтён.")


def reopened_for_house() -> str:
    return _("Спасибо. Для вашего дома отключение открыто снова, сотрудники знают.")


def too_late() -> str:
    return _(
        "Этот вопрос уже закрыт: отключение закончилось давно. Если сейчас снова нет — "
        "сообщите о проблеме через «📝 Сообщить о проблеме»."
    )


def gone() -> str:
    return _("Этого отключения или адреса больше нет в списке: ответ не нужен.")


def reason_prompt() -> str:
    return (
        _("Почему это не отключение? Напишите причину для карточки.")
        + " "
        + _("(/cancel — отменить)")
    )


def reason_too_long() -> str:
    return _("Причина слишком длинная: не больше 500 знаков. Короче?")


def confirmed_toast() -> str:
    return _("Подтверждено: жители получат оповещение.")


def dismissed_reply() -> str:
    return _("Отклонено: карточка обновлена, жителям ничего не отправлено.")


def already_decided(suspicion: Suspicion | None) -> str:
    if suspicion is None:
        return _("Этой карточки больше нет.")
    if suspicion.status is SuspicionStatus.CONFIRMED:
        return _("Уже подтверждено: {by}.").format(by=suspicion.decided_by or "—")
    return _("Уже отклонено: {by}.").format(by=suspicion.decided_by or "—")


def not_staff() -> str:
    return _("Эти кнопки — для сотрудников города.")


def cancelled() -> str:
    return _("Отменено.")
