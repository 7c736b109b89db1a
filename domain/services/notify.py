"""Who must hear of a change: outbox rows written in the same transaction as the change.

Keys are built from the event id, so one change can never produce two rows for one person;
the text is rendered when the row is sent, in the recipient's language, from the state then.
"""

from datetime import datetime, timedelta

from domain.notifications import Notification
from domain.ports import UnitOfWork
from domain.requests import Request

REQUEST_EVENT = "request_event"  # a resident is told what happened to a request
STAFF_CARD = "staff_card"  # the request's card in the staff chat is posted or refreshed
LEFT_BEHIND = "left_behind"  # a STAFF_CARD payload's flag: the chat it was in passed it on
STAFF_ALBUM = "staff_album"  # the request's photos, posted once just before its first card
STAFF_NEWS = "staff_news"  # what the author added, told in reply to the card
# Photos a resident sends together (an album comes as one update per photo) are told to
# staff as one message: the first photo's notice waits this long and shows them all.
PHOTO_BURST = timedelta(seconds=3)


def staff_card_key(request_id: int) -> str:
    """The card's own key; each of its rows is this plus ":<change>" (the card's message is the
    one its newest sent row reached)."""
    return f"card{request_id}"


async def tell_residents(
    uow: UnitOfWork, request: Request, event_id: int, now: datetime, skip: int | None = None
) -> int:
    """The author and every follower, except `skip` (who made the change and saw it)."""
    assert request.id is not None
    recipients = [request.author_id, *await uow.requests.followers(request.id)]
    added = 0
    for user_id in dict.fromkeys(r for r in recipients if r is not None and r != skip):
        added += await uow.outbox.add(
            Notification(
                key=f"req{request.id}:ev{event_id}:to{user_id}",
                chat_id=user_id,
                kind=REQUEST_EVENT,
                payload={"request_id": request.id, "event_id": event_id},
                created_at=now,
            )
        )
    return added


async def staff_chat_for(uow: UnitOfWork, request_id: int) -> int | None:
    """Where a request's card, photos and news go: its department's own chat when it has
    one, else the main staff chat (None: no staff chat configured, nothing is posted)."""
    if uow.staff_chat_id is None:
        return None
    own = await uow.departments.chat_for_request(request_id)
    return own if own is not None else uow.staff_chat_id


async def post_staff_album(uow: UnitOfWork, request: Request, now: datetime) -> bool:
    """A row of its own, so a failed card is retried without posting the photos twice."""
    if request.id is None:
        return False
    staff_chat_id = await staff_chat_for(uow, request.id)
    if staff_chat_id is None or not request.photos or request.id is None:
        return False
    return await uow.outbox.add(
        Notification(
            key=f"album{request.id}",
            chat_id=staff_chat_id,
            kind=STAFF_ALBUM,
            payload={"request_id": request.id},
            created_at=now,
        )
    )


async def refresh_staff_card(
    uow: UnitOfWork, request_id: int, event_id: int, now: datetime
) -> bool:
    payload = {"request_id": request_id, "event_id": event_id}
    return await _card(uow, f"{staff_card_key(request_id)}:ev{event_id}", payload, now)


async def tell_staff(
    uow: UnitOfWork,
    request_id: int,
    event_id: int,
    now: datetime,
    due: datetime | None = None,
) -> bool:
    """A new message in the staff chat, in reply to the card: the author's words (an answer,
    a comment, photos, a reason to reopen) reach staff even when the card is far up.
    Written after the card's row, so a card posted anew is there to reply to."""
    staff_chat_id = await staff_chat_for(uow, request_id)
    if staff_chat_id is None:
        return False
    return await uow.outbox.add(
        Notification(
            key=f"news{request_id}:ev{event_id}",
            chat_id=staff_chat_id,
            kind=STAFF_NEWS,
            payload={"request_id": request_id, "event_id": event_id},
            created_at=now,
            next_attempt_at=due,
        )
    )


async def redraw_staff_card(uow: UnitOfWork, request_id: int, now: datetime) -> bool:
    """For a change outside the request's history (its author's phone): with no event id,
    the key is the moment, so each change redraws the card once."""
    key = f"{staff_card_key(request_id)}:at{now.timestamp():.6f}"
    return await _card(uow, key, {"request_id": request_id}, now)


async def mark_overdue_card(uow: UnitOfWork, request_id: int, now: datetime) -> bool:
    """Once when the request is found overdue: its card gains the «просрочено» mark that
    no change of the request would have drawn."""
    key = f"{staff_card_key(request_id)}:overdue"
    return await _card(uow, key, {"request_id": request_id}, now)


async def _card(
    uow: UnitOfWork,
    key: str,  # "card<request id>:..." is how the card's message is found again
    payload: dict[str, int],
    now: datetime,
) -> bool:
    staff_chat_id = await staff_chat_for(uow, int(payload["request_id"]))
    if staff_chat_id is None:
        return False
    return await uow.outbox.add(
        Notification(
            key=key, chat_id=staff_chat_id, kind=STAFF_CARD, payload=payload, created_at=now
        )
    )
