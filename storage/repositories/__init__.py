"""SQL implementations of the domain's repository ports. None of them ever commits."""

from storage.repositories.catalog import (
    SqlCategoryRepository,
    SqlDistrictRepository,
    SqlStreetRepository,
)
from storage.repositories.outbox import SqlOutboxRepository
from storage.repositories.requests import SqlRequestRepository
from storage.repositories.updates import SqlProcessedUpdateRepository
from storage.repositories.users import SqlUserRepository

__all__ = [
    "SqlCategoryRepository",
    "SqlDistrictRepository",
    "SqlOutboxRepository",
    "SqlProcessedUpdateRepository",
    "SqlRequestRepository",
    "SqlStreetRepository",
    "SqlUserRepository",
]
