"""The declarative base: one MetaData with a naming convention alembic can rely on."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from storage.types import UtcDateTime

# Named constraints make migrations reproducible and let batch mode on SQLite find them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def one_of(column: str, values: type[StrEnum]) -> str:
    """A CHECK clause keeping `column` to an enum's values: the database refuses what the
    domain would never write, whoever writes it."""
    return f"{column} IN ({', '.join(repr(value.value) for value in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UtcDateTime()}
