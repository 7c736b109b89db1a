"""Use cases about the person talking to the bot."""

from dataclasses import replace

from domain.clock import Clock
from domain.errors import InvalidInput
from domain.ports import UnitOfWork
from domain.users import SUPPORTED_LOCALES, User, locale_from_client


async def ensure_user(
    uow: UnitOfWork,
    clock: Clock,
    user_id: int,
    first_name: str,
    username: str | None,
    language_code: str | None,
    default_locale: str,
) -> User:
    """Load the person, creating them on first contact with the client's language."""
    user = await uow.users.get(user_id)
    if user is not None:
        if user.first_name != first_name or user.username != username:
            await uow.users.touch(user_id, first_name, username)
        if user.blocked_bot:
            # Writing to the bot again means they unblocked it: notifications resume.
            await uow.users.set_blocked(user_id, False)
            user = replace(user, blocked_bot=False)
        return user
    return await uow.users.add(
        User(
            id=user_id,
            first_name=first_name,
            username=username,
            locale=locale_from_client(language_code, default_locale),
            created_at=clock.now(),
        )
    )


async def choose_locale(uow: UnitOfWork, user_id: int, locale: str) -> None:
    if locale not in SUPPORTED_LOCALES:
        raise InvalidInput(f"unsupported locale {locale}")
    await uow.users.set_locale(user_id, locale)
