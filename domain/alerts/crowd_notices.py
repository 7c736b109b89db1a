"""The staff chat's cards of the crowd: a suspected outage (posted once, redrawn as residents
join it and when staff decide) and a building whose residents said the supply is still off
after "restored" (redrawn as more of them answer). Rendered at send time from the state then
(handlers/alerts/crowd_notices.py)."""

from datetime import datetime

from domain.notifications import Notification, Priority

STAFF_SUSPECTED_CARD = "staff_suspected_outage"
STAFF_REOPENED_CARD = "staff_reopened_outage"


def suspected_card_key(suspicion_id: int) -> str:
    return f"suspected:{suspicion_id}"


def suspected_card(
    chat_id: int, suspicion_id: int, change: str, now: datetime, thread_id: int | None = None
) -> Notification:
    """`change` tells the rows of one card apart ("s3": its third signal, "confirmed"): each
    change redraws the card once, with what is true when the row's turn comes."""
    key = suspected_card_key(suspicion_id)
    return Notification(
        key=f"{key}:{change}",
        chat_id=chat_id,
        kind=STAFF_SUSPECTED_CARD,
        payload={"suspicion_id": suspicion_id, "thread_id": thread_id},
        created_at=now,
        priority=Priority.URGENT,  # minutes matter: residents are without water
    )


def reopened_card_key(reopened_id: int) -> str:
    return f"reopened:{reopened_id}"


def reopened_card(
    chat_id: int,
    restored_id: int,
    reopened_id: int,
    street_id: int,
    house: str,
    counts: tuple[int, int],
    now: datetime,
    thread_id: int | None = None,
) -> Notification:
    """One row per count of answers (back, still off): the same count never redraws twice."""
    key = reopened_card_key(reopened_id)
    return Notification(
        key=f"{key}:{counts[0]}:{counts[1]}",
        chat_id=chat_id,
        kind=STAFF_REOPENED_CARD,
        payload={
            "restored_id": restored_id,
            "reopened_id": reopened_id,
            "street_id": street_id,
            "house": house,
            "thread_id": thread_id,  # the department's forum topic (None: the main thread)
        },
        created_at=now,
        priority=Priority.URGENT,
    )
