"""A schemathesis check for the admin API: schema-valid input is refused only by a rule that
JSON Schema cannot state.

Schemathesis' own `positive_data_acceptance` (ST202) fails on any 422 answered to input the
document allows. A few of the API's rules are not schema material: an order between two
fields (ends after it starts), a reference to the city's data (a known street, district,
site or contact), the domain's reading of a text (Telegram HTML, a point inside Kazan). So
schemathesis.toml lets 422 through that check, and this one takes its place: a 422 to
schema-valid input must name one of the RULES below, else the document and the validation
have drifted apart (the bug ST202 exists to catch). Loaded by `make fuzz` through
SCHEMATHESIS_HOOKS and by tests/api/test_fuzz.py on import.
"""

import json
import re

import schemathesis
from schemathesis import CheckContext, Response
from schemathesis.generation.case import Case

# Each a rule the JSON schema cannot express, as the API words its refusal.
RULES = tuple(
    re.compile(rule)
    for rule in (
        r"must be before",  # created_from < created_to, starts_from < starts_before
        r"must not be greater than",  # a house range's first <= last
        r"ends_at must be after starts_at|ends_at is in the past|longer than \d+ days",
        r"give districts, streets or addresses|an outage needs an area",
        r"neither a usable address nor a district",
        r": unknown (street|district|category|site|contact|department)\b",
        r"cannot be published as",  # an outage's first status
        r"a move to \w+ (takes no|needs a) comment",  # comments go with some statuses only
        r"give lat and lon together|outside Kazan|the point lies in",
        r"may not be null",
        r"must name another department",  # a department removed is not its own successor
        # A text of spaces only, as Python's str.strip() counts them (JSON Schema's \s and
        # pydantic's disagree with it and with each other at the edges: \x1c, \x85...).
        r"must be 1-\d+ characters|must not be empty|needs a code and a Russian name",
        r"of a published outage cannot change",  # kind and emergency stay as first published
        r"either free or has a price",  # a PATCH field that can be left out but not cleared
        r"past midnight|opens on the quarter hour|slot|multiple of",  # a site's day
        r"out of range",  # a moment with no UTC time (year 1 or 9999 with an offset)
        # The FAQ domain's checks (domain/faq/rules.py): references, markup, length as seen
        # (markup and surrounding spaces do not count).
        r"not Telegram HTML|characters shown|: 1 to \d+ characters$|an http\(s\) URL",
    )
)


def unexplained(body: bytes) -> list[str]:
    """The problems of a 422 body that name no rule of RULES."""
    try:
        details = json.loads(body)["error"]["details"]
    except (ValueError, KeyError, TypeError):
        return ["not the API's error shape"]
    problems = [f"{d.get('field')}: {d.get('problem')}" for d in details] or ["no details"]
    return [p for p in problems if not any(rule.search(p) for rule in RULES)]


@schemathesis.check
def refused_only_by_rules(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 422:
        return None
    problems = unexplained(response.content)
    if problems:
        raise AssertionError(
            "Schema-valid input refused by no rule the schema cannot state: " + "; ".join(problems)
        )
    return None
