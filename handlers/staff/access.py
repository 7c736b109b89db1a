"""Who is staff: the administrators of the staff chat, plus the people they named with
`/staff add` (the staff table), plus the departments' heads.

For administrators Telegram is the source of truth (making someone an administrator of the
staff chat makes them staff, removing them ends it); a short cache keeps button presses from
costing a call each. The table covers clerks who should act on cards without being admins.
"""

import time
from dataclasses import dataclass, field

from aiogram import Bot
from aiogram.enums import ChatMemberStatus
from aiogram.exceptions import TelegramAPIError

from domain.unit_of_work import CityUnitOfWork

STAFF_STATUSES = {ChatMemberStatus.CREATOR, ChatMemberStatus.ADMINISTRATOR}
CACHE_SECONDS = 60.0


@dataclass
class StaffAccess:
    staff_chat_id: int | None
    ttl: float = CACHE_SECONDS
    _known: dict[int, tuple[bool, float]] = field(default_factory=dict)

    async def is_staff(self, bot: Bot, user_id: int, uow: CityUnitOfWork) -> bool:
        """A department's head (set through the admin API) is staff too."""
        return (
            await self.is_admin(bot, user_id)
            or await uow.staff.is_member(user_id)
            or any(d.is_head(user_id) for d in await uow.departments.all())
        )

    async def is_admin(self, bot: Bot, user_id: int) -> bool:
        if self.staff_chat_id is None:
            return False
        now = time.monotonic()
        cached = self._known.get(user_id)
        if cached is not None and now - cached[1] < self.ttl:
            return cached[0]
        try:
            member = await bot.get_chat_member(self.staff_chat_id, user_id)
            allowed = member.status in STAFF_STATUSES
        except TelegramAPIError:
            allowed = False  # unknown to the chat, or Telegram unreachable: refuse, do not cache
            return allowed
        self._known[user_id] = (allowed, now)
        return allowed
