"""Benchmark of the address matcher (not collected by pytest).

Run: .venv/bin/python tests/bench/bench_address.py [--repeats N]

Prints per-query latency (p50/p99) over the case table for the real 546-street register and
for a synthetic 2,400-street one (the size of the whole city), a naive rapidfuzz baseline
measured in the same run, top-1 accuracy on the case table, accuracy by form of address
on the form table (tests/unit/address_forms.csv, tuned on) and on the held-out table
(tests/unit/address_holdout.csv, never tuned on), and a seeded typo sweep. The timed
queries are the case table plus both form tables.
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process, utils  # noqa: E402

from domain.address import AddressMatcher, MatchOutcome, Street  # noqa: E402

CITY_SIZE = 2400  # Kazan has 2,371 streets (Kazan City Duma, 2023)
ROUNDS = 5
DISTRICTS = (
    "Авиастроительный",
    "Вахитовский",
    "Кировский",
    "Московский",
    "Ново-Савиновский",
    "Приволжский",
    "Советский",
)


@dataclass(frozen=True, slots=True)
class Case:
    query: str
    expected: tuple[str, str] | None  # (name, type); None for NOT_FOUND rows
    house: str | None
    outcome: str


def load_streets(path: Path) -> list[Street]:
    with path.open(encoding="utf-8") as f:
        return [
            Street(
                row["name_ru"],
                row["type_ru"],
                tuple(filter(None, row["district_ru"].split(";"))),
                row["name_tt"] or None,
                i,
            )
            for i, row in enumerate(csv.DictReader(f), start=1)
        ]


def load_cases(path: Path) -> list[Case]:
    with path.open(encoding="utf-8") as f:
        return [
            Case(
                row["query"],
                (row["expected_name"], row["expected_type"]) if row["expected_name"] else None,
                row["expected_house"] or None,
                row["outcome"],
            )
            for row in csv.DictReader(f)
        ]


def synthetic_city(streets: Sequence[Street], size: int, seed: int = 2371) -> list[Street]:
    """The real register plus plausible neighbours: the same names as lanes and passages,
    numbered streets and Малая/Новая variants, so that near-duplicates are as dense as in a
    full register."""
    rng = random.Random(seed)
    seen = {(s.name, s.type) for s in streets}
    city = list(streets)
    while len(city) < size:
        base = rng.choice(streets)
        name, kind = rng.choice(
            [
                (base.name, rng.choice(("переулок", "проезд", "тупик"))),
                (f"{rng.randint(1, 9)}-я {base.name}", "улица"),
                (f"{rng.choice(('Малая', 'Новая', 'Верхняя', 'Нижняя'))} {base.name}", "улица"),
            ]
        )
        if (name, kind) not in seen:
            seen.add((name, kind))
            city.append(Street(name, kind, (rng.choice(DISTRICTS),), None, len(city) + 1))
    return city


# Wall time by default; `--clock cpu` times this thread's CPU only, which other processes
# on a shared machine do not inflate (the figure to compare runs made under load).
CLOCKS: dict[str, Callable[[], int]] = {
    "wall": time.perf_counter_ns,
    "cpu": time.thread_time_ns,
}


def latencies_ms(
    run: Callable[[str], object], queries: Sequence[str], repeats: int, clock: Callable[[], int]
) -> list[float]:
    samples = []
    for _ in range(repeats):
        for query in queries:
            start = clock()
            run(query)
            samples.append((clock() - start) / 1e6)
    return samples


def p50_p99(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49], cuts[98]


def naive_baseline(streets: Sequence[Street]) -> Callable[[str], tuple[str, float, int] | None]:
    """What one would write first: extractOne over raw "type name" strings with WRatio."""
    choices = [f"{s.type} {s.name}" for s in streets]
    return lambda query: process.extractOne(
        query, choices, scorer=fuzz.WRatio, processor=utils.default_process
    )


@dataclass(frozen=True, slots=True)
class FormCase:
    form: str
    query: str
    expected: tuple[str, str]
    house: str | None


def load_form_cases(path: Path) -> list[FormCase]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as f:
        return [
            FormCase(
                row["form"],
                row["query"],
                (row["expected_name"], row["expected_type"]),
                row["expected_house"] or None,
            )
            for row in csv.DictReader(f)
        ]


def accuracy_by_form(matcher: AddressMatcher, cases: Sequence[FormCase], title: str) -> None:
    """Top-1 street and house right, per form; "settled" also needs no question asked."""
    by_form: dict[str, list[tuple[bool, bool]]] = {}
    for case in cases:
        match = matcher.match(case.query)
        best = match.best
        top1 = best is not None and (
            (best.street.name, best.street.type),
            best.house,
        ) == (case.expected, case.house)
        by_form.setdefault(case.form, []).append((top1, top1 and match.settled is not None))
    print(f"\n== accuracy by form: {title} ({len(cases)} queries) ==")
    for form, results in [*sorted(by_form.items()), ("ALL", sum(by_form.values(), []))]:
        top1 = sum(t for t, _ in results) / len(results)
        settled = sum(s for _, s in results) / len(results)
        print(f"  {form:14} n={len(results):3}  top-1 {top1:6.1%}   settled {settled:6.1%}")


def case_passes(matcher: AddressMatcher, case: Case) -> tuple[bool, bool]:
    """(top-1 street and house right or correctly NOT_FOUND, whole row as the table says)."""
    match = matcher.match(case.query)
    got = [((c.street.name, c.street.type), c.house) for c in match.candidates]
    if case.expected is None:
        ok = match.outcome is MatchOutcome.NOT_FOUND
        return ok, ok
    top1 = bool(got) and got[0] == (case.expected, case.house)
    listed = (case.expected, case.house) in got
    row = match.outcome.value == case.outcome and (listed if case.outcome == "ambiguous" else top1)
    return top1, row


def baseline_top1(streets: Sequence[Street], cases: Sequence[Case]) -> float:
    run = naive_baseline(streets)
    expected = [(case.query, case.expected) for case in cases if case.expected]
    hits = 0
    for query, (name, kind) in expected:
        best = run(query)
        hits += best is not None and (streets[best[2]].name, streets[best[2]].type) == (name, kind)
    return hits / len(expected)


def typo(word: str, edits: int, rng: random.Random) -> str:
    letters = list(word)
    for _ in range(edits):
        i = rng.randrange(len(letters))
        kind = rng.choice(("substitute", "delete", "insert", "swap"))
        if kind == "substitute":
            letters[i] = rng.choice("абвгдеийклмнопрстуя")
        elif kind == "delete" and len(letters) > 4:
            del letters[i]
        elif kind == "insert":
            letters.insert(i, rng.choice("аеиоу"))
        elif i + 1 < len(letters):
            letters[i], letters[i + 1] = letters[i + 1], letters[i]
    return "".join(letters)


def typo_sweep(matcher: AddressMatcher, streets: Sequence[Street], edits: int) -> str:
    rng = random.Random(edits)
    tested = [s for s in streets if len(s.name) >= 5]
    top1 = exact_right = exact_wrong = not_found = 0
    for street in tested:
        match = matcher.match(f"{typo(street.name.lower(), edits, rng)} 7")
        best = match.best
        top1 += best is not None and best.street is street
        not_found += match.outcome is MatchOutcome.NOT_FOUND
        if match.outcome is MatchOutcome.EXACT and best is not None:
            exact_right += best.street is street
            exact_wrong += best.street is not street
    n = len(tested)
    return (
        f"{edits} random edit(s), {n} streets: top-1 {top1 / n:.1%}, "
        f"EXACT and right {exact_right / n:.1%}, EXACT but wrong {exact_wrong / n:.1%}, "
        f"NOT_FOUND {not_found / n:.1%}"
    )


def timing_block(
    title: str,
    streets: Sequence[Street],
    queries: Sequence[str],
    repeats: int,
    clock: Callable[[], int],
) -> None:
    start = time.perf_counter()
    matcher = AddressMatcher(streets)
    build_ms = (time.perf_counter() - start) * 1000
    baseline = naive_baseline(streets)
    # Rounds alternate the two, so a burst of load from other processes hits both alike; the
    # median of the rounds' p99 is the figure least moved by such a burst.
    ours: list[list[float]] = []
    base: list[list[float]] = []
    for _ in range(ROUNDS):
        ours.append(latencies_ms(matcher.match, queries, max(1, repeats // ROUNDS), clock))
        base.append(latencies_ms(baseline, queries, max(1, repeats // ROUNDS), clock))
    print(f"\n== {title}: {len(streets)} streets, {len(queries)} queries x {repeats} ==")
    print(f"  AddressMatcher build          {build_ms:8.1f} ms")
    ratios = []
    for label, rounds in (("AddressMatcher.match", ours), ("baseline extractOne(WRatio)", base)):
        p50, p99 = p50_p99([sample for samples in rounds for sample in samples])
        steady = statistics.median(p50_p99(samples)[1] for samples in rounds)
        ratios.append((p50, p99))
        print(
            f"  {label:28}  p50 {p50:6.3f} ms   p99 {p99:6.3f} ms   "
            f"(median of {ROUNDS} rounds' p99 {steady:6.3f} ms)"
        )
    (ours_p50, ours_p99), (base_p50, base_p99) = ratios
    print(
        f"  ratio matcher/baseline        p50 {ours_p50 / base_p50:6.2f}x     "
        f"p99 {ours_p99 / base_p99:6.2f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall")
    args = parser.parse_args()
    clock = CLOCKS[args.clock]
    print(f"latency clock: {args.clock}")
    streets = load_streets(ROOT / "data" / "streets.csv")
    cases = load_cases(ROOT / "tests" / "unit" / "address_cases.csv")
    forms = load_form_cases(ROOT / "tests" / "unit" / "address_forms.csv")
    holdout = load_form_cases(ROOT / "tests" / "unit" / "address_holdout.csv")
    queries = [case.query for case in (*cases, *forms, *holdout)]
    timing_block("real register", streets, queries, args.repeats, clock)
    city = synthetic_city(streets, CITY_SIZE)
    timing_block("synthetic city", city, queries, args.repeats, clock)

    matcher = AddressMatcher(streets)
    results = [case_passes(matcher, case) for case in cases]
    print(f"\n== accuracy on {len(cases)} cases (real register) ==")
    print(f"  top-1 street+house (or NOT_FOUND) {sum(t for t, _ in results) / len(cases):6.1%}")
    print(f"  rows exactly as the table says   {sum(r for _, r in results) / len(cases):6.1%}")
    print(f"  baseline top-1 street (rows with a street) {baseline_top1(streets, cases):6.1%}")
    accuracy_by_form(matcher, forms, "form table (tuned on)")
    accuracy_by_form(matcher, holdout, "held-out table (never tuned on)")
    print("\n== typo sweep (real register, seeded) ==")
    for edits in (1, 2):
        print("  " + typo_sweep(matcher, streets, edits))


if __name__ == "__main__":
    main()
