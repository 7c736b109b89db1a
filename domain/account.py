"""The resident's own account: consent to the personal-data text, the phone, erasure.

The phone is only ever taken from Telegram's contact button, only the person's own contact,
and only after they agreed to the current version of the personal-data text.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from domain.alerts.ports import CrowdUnitOfWork
from domain.booking.bookings import Booking
from domain.booking.ports import BookingUnitOfWork
from domain.errors import DomainError, InvalidInput, NotAllowed
from domain.ports import UnitOfWork, UserRepository
from domain.requests import Request
from domain.users import User

# The version of the personal-data text (handlers/account/texts.py). A new text gets a new
# version, and sharing a phone asks for agreement to it again.
CONSENT_VERSION = "2026-11"

_NON_DIGITS = re.compile(r"\D")
MIN_DIGITS, MAX_DIGITS = 7, 15  # E.164 allows at most 15 digits


class ConsentRequired(DomainError):
    """The phone was offered before the person agreed to the personal-data text."""

    code = "consent_required"


class ForeignContact(NotAllowed):
    """Someone else's contact card: never stored as the sender's phone."""

    code = "foreign_contact"


def has_current_consent(user: User) -> bool:
    return user.consent_version == CONSENT_VERSION


def phone_for_staff(author: User | None) -> str | None:
    """The phone staff may call about a request: only one the author shared and still agrees
    to the current personal-data text for (it names this use); none once the account is gone."""
    if author is None or author.phone is None or not has_current_consent(author):
        return None
    return author.phone


async def author_phone(users: UserRepository, request: Request) -> str | None:
    author = await users.get(request.author_id) if request.author_id is not None else None
    return phone_for_staff(author)


def normalise_phone(raw: str) -> str:
    """'+7 (900) 123-45-67', '79001234567', '89001234567' -> '+79001234567'; other countries
    keep their code ('+375...'). Telegram sends digits with or without the plus."""
    digits = _NON_DIGITS.sub("", raw)
    if len(digits) == 11 and digits.startswith("8"):
        digits = "7" + digits[1:]  # the Russian trunk prefix
    elif len(digits) == 10 and digits.startswith("9"):
        digits = "7" + digits  # a Russian mobile without the country code
    if not MIN_DIGITS <= len(digits) <= MAX_DIGITS:
        raise InvalidInput(f"not a phone number: {raw!r}")
    return "+" + digits


def check_own_contact(sender_id: int, contact_user_id: int | None) -> None:
    """A contact card carries the user id of its owner only when it is a Telegram user's:
    the person's own card from the button has theirs; anyone else's (or a typed-in number)
    is refused."""
    if contact_user_id != sender_id:
        raise ForeignContact(f"contact of {contact_user_id} sent by {sender_id}")


@dataclass(frozen=True, slots=True)
class Erasure:
    """What erasing an account did, for the log and the resident's last message."""

    requests_kept: int  # anonymised, they stay with the city
    open_requests_noted: int  # staff were told on the card
    bookings_cancelled: int


class AccountRepository(Protocol):
    """What the account screens read beyond the other ports, and the erasure itself."""

    async def followed(self, user_id: int) -> Sequence[tuple[Request, datetime]]: ...
    async def assigned(self, user_id: int) -> Sequence[Request]: ...
    async def bookings_of(self, performer_id: int) -> Sequence[Booking]: ...
    async def waits_of(self, performer_id: int) -> Sequence[tuple[int, datetime]]: ...
    async def erase(self, user_id: int) -> None: ...


class AccountUnitOfWork(UnitOfWork, CrowdUnitOfWork, BookingUnitOfWork, Protocol):
    """An account touches every part of the bot: requests, alerts, bookings."""

    @property
    def account(self) -> AccountRepository: ...
