"""Texts of departments in the staff chat: reassigning a request, the refusals."""

from html import escape

from aiogram.utils.i18n import gettext as _

from domain.departments import Department


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


def reassign_usage(departments: list[Department]) -> str:
    codes = "\n".join(f"<code>{d.code}</code> — {escape(d.name_ru)}" for d in departments)
    return (
        _("Напишите: /reassign KZN-000123 код_подразделения. Подразделения:")
        + "\n"
        + (codes or "—")
    )


def unknown_department(departments: list[Department]) -> str:
    return _("Нет такого подразделения.") + "\n" + reassign_usage(departments)
