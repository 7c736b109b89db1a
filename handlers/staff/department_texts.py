"""Texts of departments in the staff chat: reassigning a request, the refusals."""

from datetime import datetime
from html import escape

from aiogram.utils.i18n import gettext as _

from domain.departments import Department
from domain.requests import Request
from handlers.common import day


def pick_target(number: str) -> str:
    return _("Кому передать заявку {number}? Подразделение или сотрудник:").format(number=number)


def not_head() -> str:
    return _(
        "Передать заявку может только руководитель её подразделения "
        "или администратор чата сотрудников."
    )


def gone() -> str:
    return _("Такой заявки нет.")


def already_there() -> str:
    return _("Заявка уже там: ничего не изменилось.")


def not_staff_member() -> str:
    return _("Этого человека нет среди сотрудников: передать ему заявку нельзя.")


def cannot() -> str:
    return _("С этой заявкой так уже нельзя.")


def moved_to_department(number: str, name: str) -> str:
    return _("Заявка {number} передана: {name}.").format(number=number, name=escape(name))


def given_to(number: str, name: str) -> str:
    return _("Заявку {number} ведёт теперь: {name}.").format(number=number, name=escape(name))


def reassign_usage(departments: list[Department], locale: str) -> str:
    codes = "\n".join(f"<code>{d.code}</code> — {escape(d.name(locale))}" for d in departments)
    return (
        _("Напишите: /reassign KZN-000123 код_подразделения. Подразделения:")
        + "\n"
        + (codes or "—")
    )


def unknown_department(departments: list[Department], locale: str) -> str:
    return _("Нет такого подразделения.") + "\n" + reassign_usage(departments, locale)


def queue(name: str, requests: list[Request], now: datetime) -> str:
    lines = [_("<b>Открытые заявки — {name}</b>").format(name=escape(name))]
    for request in requests:
        mark = "🔴" if request.is_overdue(now) else ("🙋" if request.assignee_id else "🆕")
        lines.append(
            _("{mark} {number} — срок {date}").format(
                mark=mark, number=request.number, date=day(request.deadline_at)
            )
        )
    if not requests:
        lines.append(_("Открытых заявок нет."))
    return "\n".join(lines)


def no_queue() -> str:
    return _(
        "Это не чат подразделения, и вы не руководите подразделением: "
        "покажу очередь в чате подразделения или его руководителю."
    )
