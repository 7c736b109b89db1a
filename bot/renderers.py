"""Outbox rows become messages at send time: each kind of row has its renderer, registered
by the feature that speaks for it (handlers/<feature>/notices.py), in the recipient's
language and from the state then.
"""

from domain.notifications import Notification, PermanentFailure
from handlers.rendered_message import RenderedMessage, Renderer


class NotificationRenderer:
    """The renderer of every kind of row: the one each feature registered for the kind."""

    def __init__(self) -> None:
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
