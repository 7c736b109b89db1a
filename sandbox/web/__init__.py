"""The sandbox in a browser: a Telegram-like chat page over the Bot API stand-in.

``mount(app, stand_in, cast)`` adds the page, its assets and a JSON + SSE API to an
aiohttp application; see ``sandbox/web/README.md``.
"""

from sandbox.web.app import mount

__all__ = ["mount"]
