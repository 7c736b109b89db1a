"""Address understanding: normalising typed Kazan addresses and matching them to streets."""

from domain.address.matcher import (
    ACCEPT_SCORE,
    AMBIGUITY_MARGIN,
    MIN_SCORE,
    AddressMatcher,
)
from domain.address.model import AddressCandidate, AddressMatch, MatchOutcome, Street
from domain.address.normalize import normalize, split_house

__all__ = [
    "ACCEPT_SCORE",
    "AMBIGUITY_MARGIN",
    "MIN_SCORE",
    "AddressCandidate",
    "AddressMatch",
    "AddressMatcher",
    "MatchOutcome",
    "Street",
    "normalize",
    "split_house",
]
