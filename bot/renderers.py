"""Outbox rows become messages at send time: each kind of row has its renderer, registered
by the feature that speaks for it (handlers/<feature>/notices.py), in the recipient's
language and from the state then.

The staff chat's language is read at each render, not cached: /language may be pressed in
another process (several bot processes share one database), and one primary-key read costs
nothing next to Telegram's pace.
"""

from domain.notifications import Notification, PermanentFailure
from domain.services.chat_settings import chat_locale
from domain.unit_of_work import UnitOfWorkFactory
from handlers.rendered_message import RenderedMessage, Renderer


class NotificationRenderer:
    """The renderer of every kind of row: the one each feature registered for the kind."""

    def __init__(self, open_uow: UnitOfWorkFactory, staff_locale: str = "ru") -> None:
        self._open = open_uow
        self._staff_locale = staff_locale
        self._kinds: dict[str, Renderer] = {}

    def register(self, kind: str, render: Renderer) -> None:
        """Teach the renderer another kind of notification (alerts, incidents...)."""
        if kind in self._kinds:
            raise ValueError(f"a renderer for {kind!r} is already registered")
        self._kinds[kind] = render

    async def __call__(self, notification: Notification) -> RenderedMessage:
        render = self._kinds.get(notification.kind)
        if render is None:
            raise PermanentFailure(f"no renderer for {notification.kind!r}")
        return await render(notification)

    async def chat_locale(self, chat_id: int) -> str:
        """The language of a group chat (the staff chat), as set there now."""
        async with self._open() as uow:
            return await chat_locale(uow.chat_settings, chat_id, self._staff_locale)
