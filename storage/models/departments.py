"""The city's departments and the routes that send requests to them (domain/departments)."""

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class DepartmentRow(Base):
    __tablename__ = "departments"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_ru: Mapped[str] = mapped_column(String(160))
    name_tt: Mapped[str] = mapped_column(String(160))
    name_en: Mapped[str] = mapped_column(String(160))
    # Deployment-specific, set through the admin API; empty: the main staff chat.
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    thread_id: Mapped[int | None] = mapped_column(BigInteger)
    head_user_id: Mapped[int | None] = mapped_column(BigInteger)
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class DepartmentRouteRow(Base):
    """A category's requests in one district ("" for any district) go to one department."""

    __tablename__ = "department_routes"

    category: Mapped[str] = mapped_column(
        ForeignKey("categories.code", ondelete="CASCADE"), primary_key=True
    )
    district: Mapped[str] = mapped_column(String(64), primary_key=True)
    department: Mapped[str] = mapped_column(
        ForeignKey("departments.code", ondelete="CASCADE"), index=True
    )


class RemovedDepartmentRow(Base):
    """A department the administrators removed through the admin API: the reference loader
    (storage/department_data.py) only adds what is missing, so without this it would bring
    the file's department back at the next `mykazan migrate`. Creating it again clears it."""

    __tablename__ = "removed_departments"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    removed_at: Mapped[datetime]
