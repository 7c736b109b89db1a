"""Texts of "what is off at my addresses now?": every saved address, current and planned."""

from collections.abc import Sequence
from datetime import datetime
from html import escape

from aiogram.utils.i18n import gettext as _

from domain.alerts.outages import Outage
from domain.alerts.subscriptions import SavedAddress
from handlers.alerts.texts import (
    OUTAGE_MARKS,
    DistrictName,
    address_text,
    day_word_and_time,
    end_text,
    outage_kind_name,
    span,
)
from handlers.common import MESSAGE_LIMIT, shorten, when

DESCRIPTION_ROOM = 160  # one outage stays one or two lines: ten addresses fit one message


def outage_line(outage: Outage, now: datetime) -> str:
    """ "• 🚱 Холодная вода (авария) — начало: сегодня 09:00; срок не объявлен. Авария…";
    a planned one with a known end as a span: "• 🌡 Отопление — завтра 09:00–17:00"."""
    name = f"{OUTAGE_MARKS[outage.kind]} {outage_kind_name(outage.kind)}"
    if outage.emergency:
        name += " " + _("(авария)")
    if outage.ends_at is not None and not outage.current(now):
        period = span(outage.starts_at, outage.ends_at, now)
    else:
        # The same wording of times as the alerts themselves (notice_texts.py).
        period = _("начало: {start}; {end}").format(
            start=day_word_and_time(outage.starts_at, now), end=end_text(outage, now)
        )
    line = f"• {name} — {period}"
    if outage.description:
        line += f". {escape(shorten(outage.description, DESCRIPTION_ROOM))}"
    return line


def off_now(
    report: Sequence[tuple[SavedAddress, list[Outage], list[Outage]]],
    name: DistrictName,
    now: datetime,
) -> str:
    """Every saved address: what is off now, what is planned, or that nothing is."""
    if not report:
        return _(
            "Сохранённых адресов пока нет. Добавьте адрес — и я покажу, что по нему отключено."
        )
    blocks = [_("<b>Что отключено по вашим адресам</b> (на {now})").format(now=when(now))]
    for address, current, planned in report:
        block = [address_text(address, name)]
        if current:
            block.append(_("Сейчас отключено:"))
            block += [outage_line(o, now) for o in current]
        if planned:
            block.append(_("Запланировано:"))
            block += [outage_line(o, now) for o in planned]
        if not current and not planned:
            block.append(_("✅ Ничего не отключено, и отключений не запланировано."))
        blocks.append("\n".join(block))
    return _fit(blocks)


def _fit(blocks: list[str]) -> str:
    """Whole blocks up to Telegram's limit (cutting inside one could break its HTML)."""
    text = blocks[0]
    for block in blocks[1:]:
        if len(text) + len(block) + 10 > MESSAGE_LIMIT:
            return text + "\n\n…"
        text += "\n\n" + block
    return text
