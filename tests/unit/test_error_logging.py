"""The error handler logs the failed update without failing itself: an update aiogram parsed
with its `Default` markers (a message with link_preview_options) made the log line raise,
and the raise turned the update into a webhook 500 that was delivered again and again."""

from typing import Any

from aiogram.types import Update

from handlers.errors import LOGGED_UPDATE_CHARS, loggable

WITH_PREVIEW: dict[str, Any] = {
    "update_id": 7,
    "message": {
        "message_id": 1,
        "date": 0,
        "chat": {"id": 42, "type": "private"},
        "text": "https://kzn.ru",
        "link_preview_options": {"is_disabled": True},
    },
}


def test_an_update_with_default_markers_is_logged() -> None:
    logged = loggable(Update.model_validate(WITH_PREVIEW))
    assert logged.startswith('{"update_id":7,')
    assert '"is_disabled":true' in logged


def test_a_long_update_is_cut() -> None:
    long = {**WITH_PREVIEW, "message": {**WITH_PREVIEW["message"], "text": "я" * 5000}}
    assert len(loggable(Update.model_validate(long))) == LOGGED_UPDATE_CHARS
