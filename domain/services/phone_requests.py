"""A request filed by an operator for a caller (issue 17): the same queue, deadlines and
figures as a resident's, channel "phone", no author; the caller's number (optional) is kept
for staff only (Request.caller_phone: never shown to residents nor published)."""

import re

from domain.account import normalise_phone
from domain.clock import Clock
from domain.errors import InvalidInput
from domain.ports import UnitOfWork
from domain.requests import Request, RequestChannel
from domain.services.reports import ReportDraft, submit_request

NO_PHONE = frozenset({"-", "—", "нет", "no", "юк"})  # the caller left no number
_PHONE_CHARACTERS = re.compile(r"[+\d\s()\-.]+")


class InvalidCallerPhone(InvalidInput):
    code = "invalid_caller_phone"


def caller_phone(text: str) -> str | None:
    """The caller's number as stored ('+79001234567'); None when the caller left none."""
    cleaned = text.strip()
    if cleaned.lower() in NO_PHONE:
        return None
    if not _PHONE_CHARACTERS.fullmatch(cleaned):
        raise InvalidCallerPhone(f"not a phone number: {cleaned!r}")
    try:
        return normalise_phone(cleaned)
    except InvalidInput as error:
        raise InvalidCallerPhone(str(error)) from None


async def file_phone_request(
    uow: UnitOfWork, clock: Clock, draft: ReportDraft, phone: str | None
) -> Request:
    """Filed like a resident's request, routed to its department, with no author."""
    return await submit_request(
        uow, clock, None, draft, channel=RequestChannel.PHONE, caller_phone=phone
    )
