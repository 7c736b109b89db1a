"""The city FAQ: entries edited through the admin API, and anonymous "was this helpful?" votes."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class FaqEntryRow(Base):
    __tablename__ = "faq_entries"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    # The problem category a question leads to ("file a request in this category"), if any.
    category: Mapped[str | None] = mapped_column(String(32))
    position: Mapped[int] = mapped_column(Integer, default=0)
    # {"ru": {"question": ..., "answer": ..., "variants": [...]}, "tt": {...}, "en": {...}};
    # one JSON document because the texts are always read and written together.
    texts: Mapped[dict[str, Any]] = mapped_column(JSON)
    contacts: Mapped[list[str]] = mapped_column(JSON)  # names from data/contacts.csv
    links: Mapped[list[str]] = mapped_column(JSON)
    updated_at: Mapped[datetime]


class FaqFeedbackRow(Base):
    """One vote; no user id is kept, so votes are not personal data."""

    __tablename__ = "faq_feedback"
    __table_args__ = (Index(None, "faq_id", "helpful"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    faq_id: Mapped[str] = mapped_column(ForeignKey("faq_entries.id", ondelete="CASCADE"))
    helpful: Mapped[bool] = mapped_column(Boolean)
    locale: Mapped[str] = mapped_column(String(8))
    at: Mapped[datetime]


class RevisionRow(Base):
    """A counter per shared data set (e.g. "faq"): other processes reload when it moves."""

    __tablename__ = "revisions"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)
