"""An outage's area as a city system writes it, resolved against the street register.

Systems write street names as people do ("ул. Баумана", "Баумана"); the address matcher
finds the register's street. A name it cannot pin to exactly one street is refused with
the candidates, never guessed: an alert sent to the wrong street is worse than none.
"""

from collections.abc import Collection
from dataclasses import dataclass, field

from bot.api.errors import ApiError, ErrorCode, ErrorDetail
from bot.api.outage_models import AreaIn
from domain.address.matcher import ACCEPT_SCORE, AddressMatcher
from domain.address.model import AddressCandidate, MatchOutcome, Street
from domain.alerts.houses import HouseRange, Parity, normalise_house
from domain.alerts.outages import OutageArea, StreetSpan


@dataclass
class _Span:
    ranges: list[HouseRange] = field(default_factory=list)
    houses: list[str] = field(default_factory=list)
    whole: bool = False


@dataclass(frozen=True, slots=True)
class ResolvedArea:
    area: OutageArea
    street_names: dict[int, str]  # id → "ул. Баумана", for answers


def resolve_area(
    area: AreaIn, matcher: AddressMatcher, districts: Collection[str], at: str = "area"
) -> ResolvedArea:
    problems: list[ErrorDetail] = []
    for index, district in enumerate(area.districts):
        if district not in districts:
            known = ", ".join(sorted(districts))
            problems.append(_problem(f"{at}.districts.{index}", f"unknown district; use {known}"))
    spans: dict[int, _Span] = {}
    names: dict[int, str] = {}
    for index, street_in in enumerate(area.streets):
        street = _one_street(matcher, street_in.street, f"{at}.streets.{index}.street", problems)
        if street is None or street.id is None:
            continue
        names[street.id] = street.label()
        span = spans.setdefault(street.id, _Span())
        span.ranges += [
            HouseRange(r.first, r.last, Parity(r.side) if r.side else None)
            for r in street_in.ranges
        ]
        span.houses += [normalise_house(house) for house in street_in.houses]
        span.whole |= not street_in.ranges and not street_in.houses
    for index, text in enumerate(area.addresses):
        candidate = _one_address(matcher, text, f"{at}.addresses.{index}", problems)
        if candidate is None or candidate.street.id is None or candidate.house is None:
            continue
        names[candidate.street.id] = candidate.street.label()
        spans.setdefault(candidate.street.id, _Span()).houses.append(
            normalise_house(candidate.house)
        )
    if problems:
        summary = "; ".join(f"{p.field}: {p.problem}" for p in problems)
        raise ApiError(ErrorCode.VALIDATION_FAILED, summary, problems)
    return ResolvedArea(
        OutageArea(
            districts=tuple(dict.fromkeys(area.districts)),
            streets=tuple(
                StreetSpan(street_id)
                if span.whole
                else StreetSpan(
                    street_id, tuple(dict.fromkeys(span.ranges)), tuple(dict.fromkeys(span.houses))
                )
                for street_id, span in spans.items()
            ),
        ),
        names,
    )


def _one_street(
    matcher: AddressMatcher, text: str, at: str, problems: list[ErrorDetail]
) -> Street | None:
    best = _best(matcher, text, at, problems)
    return best.street if best is not None else None


def _best(
    matcher: AddressMatcher, text: str, at: str, problems: list[ErrorDetail]
) -> AddressCandidate | None:
    match = matcher.match(text)
    if match.outcome is MatchOutcome.NOT_FOUND or match.best is None:
        problems.append(_problem(at, f"unknown street {text!r}"))
        return None
    best = match.best
    # One street in several districts comes back as several candidates: still one street.
    rivals = {c.street.id for c in match.candidates if c.score >= best.score}
    if match.outcome is MatchOutcome.AMBIGUOUS and len(rivals) > 1:
        options = ", ".join(dict.fromkeys(c.street.label() for c in match.candidates))
        problems.append(_problem(at, f"{text!r} is ambiguous: {options}"))
        return None
    if match.outcome is MatchOutcome.AMBIGUOUS and best.score < ACCEPT_SCORE:
        problems.append(_problem(at, f"unknown street {text!r} (did you mean {best.label()}?)"))
        return None
    return best


def _one_address(
    matcher: AddressMatcher, text: str, at: str, problems: list[ErrorDetail]
) -> AddressCandidate | None:
    best = _best(matcher, text, at, problems)
    if best is None:
        return None
    if best.house is None:
        problems.append(_problem(at, f"{text!r} has no house number"))
        return None
    return best


def _problem(at: str, problem: str) -> ErrorDetail:
    return ErrorDetail(field=at, problem=problem)
