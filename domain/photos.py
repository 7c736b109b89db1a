"""A request's photos as the public sees them: only those staff marked publishable (issue 17).

A photo is named by its number in the request (1, 2, ...: the order the author sent them), on
the staff card's buttons and in the public address alike; Telegram's file id stays inside the
bot (it would let anyone holding the bot's token fetch the file, and it names no one's photo
stably across bots)."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RequestPhoto:
    position: int  # 0-based, as stored
    file_id: str
    public: bool = False  # staff marked it publishable

    @property
    def number(self) -> int:
        """1-based, as staff and the public address count them."""
        return self.position + 1


def public_numbers(photos: list[RequestPhoto]) -> tuple[int, ...]:
    return tuple(photo.number for photo in photos if photo.public)
