"""Fixtures shared by the unit tests of texts."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from aiogram.utils.i18n import I18n

LOCALES = Path(__file__).resolve().parents[2] / "locales"


@pytest.fixture
def russian() -> Iterator[None]:
    """Texts rendered through the catalogue in Russian (the msgids themselves)."""
    i18n = I18n(path=LOCALES, default_locale="ru", domain="messages")
    with i18n.context(), i18n.use_locale("ru"):
        yield
