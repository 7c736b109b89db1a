"""Incidents reported by the city's monitoring systems, posted to the staff chat.

A post names its origin (`source`) and may carry the monitoring system's own id
(`source_id`); the outbox key is built from both, so a system that repeats its post (a retry
after a timeout, say) queues the message once.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.clock import Clock
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


def incident_key(incident: Incident) -> str:
    """Stable for a post with a source_id; unique otherwise (every such post is new)."""
    own = incident.source_id if incident.source_id is not None else f"~{uuid.uuid4().hex}"
    return f"incident:{incident.source}:{own}"


async def post_incident(
    uow: UnitOfWork, clock: Clock, staff_chat_id: int, incident: Incident
) -> tuple[str, bool]:
    """Queue the incident for the staff chat; returns its key and False for a repeat."""
    now = clock.now()
    key = incident_key(incident)
    added = await uow.outbox.add(
        Notification(
            key=key,
            chat_id=staff_chat_id,
            kind=STAFF_INCIDENT,
            payload={
                "source": incident.source,
                "severity": incident.severity.value,
                "title": incident.title,
                "details": incident.details,
                "occurred_at": (incident.occurred_at or now).isoformat(),
            },
            created_at=now,
        )
    )
    return key, added
