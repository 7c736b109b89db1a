"""Incidents reported by the city's monitoring systems, posted to the staff chat.

A post names its origin (`source`) and may carry the monitoring system's own id
(`source_id`); the outbox key is built from both, so a system that repeats its post (a retry
after a timeout, say) queues the message once. A later post of the same id that says
something new (a worse severity, new details, resolved) redraws that card in place, once
per change: the card never shows a state the monitoring system has left.
"""

import hashlib
import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from domain.clock import Clock
from domain.errors import InvalidInput
from domain.notifications import Notification
from domain.ports import UnitOfWork

STAFF_INCIDENT = "staff_incident"


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"


@dataclass(frozen=True, slots=True)
class Incident:
    source: str  # letters, digits, "_", "-", "." only: it is part of the key
    severity: Severity
    title: str
    details: str = ""
    occurred_at: datetime | None = None
    source_id: str | None = None
    resolved: bool = False


def incident_key(incident: Incident) -> str:
    """Stable for a post with a source_id; unique otherwise (every such post is new)."""
    own = incident.source_id if incident.source_id is not None else f"~{uuid.uuid4().hex}"
    return f"incident:{incident.source}:{own}"


def _staff_chat(uow: UnitOfWork) -> int:
    """Incidents exist for the staff chat: the caller refuses them when there is none."""
    if uow.staff_chat_id is None:
        raise InvalidInput("no staff chat is configured: nowhere to post an incident")
    return uow.staff_chat_id


async def post_incident(uow: UnitOfWork, clock: Clock, incident: Incident) -> tuple[str, bool]:
    """Queue the incident for the staff chat; returns its key and False for a repeat."""
    now = clock.now()
    key = incident_key(incident)
    added = await uow.outbox.add(_row(key, key, _staff_chat(uow), incident, now))
    return key, added


async def publish_incident(
    uow: UnitOfWork, clock: Clock, incident: Incident
) -> tuple[str, bool, bool]:
    """Post the incident, or redraw its card when a repeat says something new. Returns its
    key, whether it was new, and whether a repeat redrew it."""
    key, added = await post_incident(uow, clock, incident)
    if added or incident.source_id is None:
        return key, added, False
    newest = await uow.cards.newest(STAFF_INCIDENT, key, _staff_chat(uow))
    if newest is None:  # the first post was given up: nothing to redraw
        return key, added, False
    return key, added, await update_incident(uow, clock, incident, key, newest)


async def update_incident(
    uow: UnitOfWork,
    clock: Clock,
    incident: Incident,
    key: str,
    newest: tuple[int, dict[str, Any]],
) -> bool:
    """A repeat of a posted incident (`key`): its card redrawn when the post says something
    its newest row (id, payload) does not; False for a plain repeat."""
    after, shown = newest
    if says_nothing_new(shown, incident):
        return False
    if incident.occurred_at is None and shown.get("occurred_at"):
        incident = replace(incident, occurred_at=datetime.fromisoformat(shown["occurred_at"]))
    now = clock.now()
    # A key per change: the row it follows, and what it says. Two repeats racing with the
    # same news after the same row make one row (the second insert loses), so the card is
    # never edited to what it already shows.
    news = "|".join((incident.severity, incident.title, incident.details, str(incident.resolved)))
    digest = hashlib.sha256(news.encode()).hexdigest()[:12]
    row = _row(f"{key}:after{after}:{digest}", key, _staff_chat(uow), incident, now)
    return await uow.outbox.add(row)


def says_nothing_new(shown: dict[str, Any], incident: Incident) -> bool:
    same = (
        shown.get("severity") == incident.severity.value
        and shown.get("title") == incident.title
        and shown.get("details") == incident.details
        and bool(shown.get("resolved")) == incident.resolved
    )
    if incident.occurred_at is not None:  # a post without it means "as before"
        same = same and shown.get("occurred_at") == incident.occurred_at.isoformat()
    return same


def _row(key: str, card: str, chat_id: int, incident: Incident, now: datetime) -> Notification:
    """`card`: the key of the incident's first row, by which its message is found again."""
    return Notification(
        key=key,
        chat_id=chat_id,
        kind=STAFF_INCIDENT,
        payload={
            "card": card,
            "source": incident.source,
            "severity": incident.severity.value,
            "title": incident.title,
            "details": incident.details,
            "occurred_at": (incident.occurred_at or now).isoformat(),
            "resolved": incident.resolved,
        },
        created_at=now,
    )
