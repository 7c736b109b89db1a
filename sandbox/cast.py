"""Who is in the sandbox: the people a visitor of the sandbox page can be, and the staff chat.

Fixed ids, so that the demo data in the sandbox database (their requests, bookings,
subscriptions) belong to the same people after every restart of the in-memory world.
"""

from dataclasses import dataclass
from enum import StrEnum

from sandbox.driver import Group, Person
from sandbox.people import add_group, add_person
from sandbox.world import World

STAFF_CHAT_ID = -1009000000001
STAFF_CHAT_TITLE = "Штаб «Мой Казань» (демо)"


class Role(StrEnum):
    RESIDENT = "resident"
    PERFORMER = "performer"
    STAFF = "staff"


@dataclass(frozen=True, slots=True)
class Member:
    user_id: int
    first_name: str
    role: Role
    language_code: str = "ru"


CAST: tuple[Member, ...] = (
    Member(7001, "Алсу", Role.RESIDENT),
    Member(7002, "Тимур", Role.RESIDENT, "tt"),
    Member(7003, "Emma", Role.RESIDENT, "en"),
    Member(7101, "Артём", Role.PERFORMER),
    Member(7201, "Ильдар", Role.STAFF),
)
FIRST_GUEST_ID = 7501  # people added on the page get ids from here


@dataclass
class Cast:
    """The world's people with their roles, and the staff group (staff are its admins)."""

    world: World
    roles: dict[int, Role]
    staff_chat: Group
    _next_guest: int = FIRST_GUEST_ID

    @classmethod
    def assemble(cls, world: World, members: tuple[Member, ...] = CAST) -> "Cast":
        roles: dict[int, Role] = {}
        for member in members:
            add_person(
                world,
                member.first_name,
                user_id=member.user_id,
                language_code=member.language_code,
            )
            roles[member.user_id] = member.role
        staff = [world_person(world, uid) for uid, role in roles.items() if role is Role.STAFF]
        group = add_group(world, STAFF_CHAT_TITLE, admins=staff, chat_id=STAFF_CHAT_ID)
        return cls(world, roles, group)

    def add(self, first_name: str, role: Role, language_code: str = "ru") -> Person:
        """A new person from the page; staff join the staff chat as admins."""
        while self._next_guest in self.world.accounts:
            self._next_guest += 1
        person = add_person(
            self.world, first_name, user_id=self._next_guest, language_code=language_code
        )
        self.roles[person.id] = role
        if role is Role.STAFF:
            self.staff_chat.chat.admin_ids.append(person.id)
        return person

    def person(self, user_id: int) -> Person:
        return world_person(self.world, user_id)


def world_person(world: World, user_id: int) -> Person:
    return Person(world, world.accounts[user_id])
