"""getUpdates (long polling) and the webhook methods."""

from __future__ import annotations

import re
import time
from typing import Any
from urllib.parse import urlsplit

from sandbox.errors import bad_request, conflict
from sandbox.state import Call, Handler

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


async def get_updates(call: Call) -> list[dict[str, Any]]:
    state = call.state
    queue = call.world.updates
    if state.webhook.url:
        raise conflict(
            "can't use getUpdates method while webhook is active; use deleteWebhook to delete "
            "the webhook first"
        )
    # A newer getUpdates call ends an older one still waiting, as on Telegram.
    state.poll_generation += 1
    mine = state.poll_generation
    if call.get("allowed_updates") is not None:
        queue.allowed_updates = list(call.get("allowed_updates"))
    offset = call.get("offset")
    if offset is not None and offset < 0:
        queue.keep_last(-offset)
    elif offset:
        queue.confirm_below(offset)
    queue.notify()
    limit = min(max(call.get("limit") or 100, 1), 100)
    timeout = min(max(float(call.get("timeout") or 0), 0.0), call.config.max_poll_timeout)
    deadline = time.monotonic() + timeout
    while True:
        if state.poll_generation != mine:
            raise conflict(
                "terminated by other getUpdates request; make sure that only one bot instance "
                "is running"
            )
        updates = queue.take(limit)
        remaining = deadline - time.monotonic()
        if updates or state.closing or remaining <= 0:
            return updates
        await queue.wait_changed(remaining)


async def set_webhook(call: Call) -> bool:
    url = call.get("url") or ""
    if not url:
        call.state.webhook.delete()
        return True
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.hostname not in LOOPBACK:
        raise bad_request("bad webhook: the sandbox delivers to 127.0.0.1 only")
    secret = call.get("secret_token")
    if secret is not None and not _SECRET.fullmatch(secret):
        raise bad_request("secret token contains unallowed characters")
    if call.get("drop_pending_updates"):
        call.world.updates.drop_all()
    if call.get("allowed_updates") is not None:
        call.world.updates.allowed_updates = list(call.get("allowed_updates"))
    call.state.webhook.set(url, secret, max_connections=call.get("max_connections") or 40)
    return True


async def delete_webhook(call: Call) -> bool:
    if call.get("drop_pending_updates"):
        call.world.updates.drop_all()
    call.state.webhook.delete()
    return True


async def get_webhook_info(call: Call) -> dict[str, Any]:
    return call.state.webhook.info()


HANDLERS: dict[str, Handler] = {
    "getUpdates": get_updates,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
}
