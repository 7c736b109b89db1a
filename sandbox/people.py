"""Bringing people and groups into the world: the handles a test (or the page) acts through.

Module-level rather than methods of `World`: the handles (driver.py, reading.py) are built on
the world, so the world must not know them (no import cycle inside the package).
"""

from collections.abc import Iterable

from sandbox.driver import Group, Person
from sandbox.model import Account, ChatRecord, ChatType
from sandbox.world import World


def add_person(
    world: World,
    first_name: str,
    *,
    last_name: str | None = None,
    username: str | None = None,
    language_code: str | None = "ru",
    phone: str | None = None,
    user_id: int | None = None,
    has_started: bool = True,
) -> Person:
    if user_id is None:
        user_id = world.new_user_id()
    account = Account(
        id=user_id,
        first_name=first_name,
        last_name=last_name,
        username=username,
        language_code=language_code,
        phone=phone or f"+7900{user_id % 10_000_000:07d}",
        started_bot=has_started,
    )
    world.add_account(account)
    return Person(world, account)


def add_group(
    world: World,
    title: str,
    *,
    admins: Iterable[Person] = (),
    members: Iterable[Person] = (),
    owner: Person | None = None,
    is_forum: bool = False,
    bot_is_admin: bool = True,
    username: str | None = None,
    chat_id: int | None = None,
) -> Group:
    """A supergroup; the owner defaults to the first admin."""
    if chat_id is None:
        chat_id = world.new_group_id()
    admin_ids = [person.id for person in admins]
    owner_id = owner.id if owner else (admin_ids[0] if admin_ids else None)
    chat = ChatRecord(
        id=chat_id,
        type=ChatType.SUPERGROUP,
        title=title,
        username=username,
        is_forum=is_forum,
        owner_id=owner_id,
        admin_ids=[uid for uid in admin_ids if uid != owner_id],
        member_ids=[person.id for person in members],
        bot_is_admin=bot_is_admin,
    )
    world.chats[chat_id] = chat
    return Group(world, chat)
