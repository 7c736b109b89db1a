"""The JSON shape of `mykazan find-address`, one object per query."""

from typing import Any

from domain.address.matcher import AddressMatch


def candidates_json(match: AddressMatch) -> dict[str, Any]:
    return {
        "query": match.query,
        "details": match.details,
        "candidates": [
            {
                "street": c.street.name,
                "type": c.street.type,
                "house": c.house,
                "district": c.district,
                "score": round(c.score, 1),
            }
            for c in match.candidates
        ],
    }
