"""What a FAQ entry must be before it is stored, whether it comes from data/faq/faq.csv or the
admin API: one set of rules, each refusal naming the field it is about."""

import re
from collections.abc import Collection
from dataclasses import dataclass
from urllib.parse import urlsplit

from domain.errors import InvalidInput
from domain.faq.model import FaqEntry, FaqText
from domain.telegram_html import InvalidHtml, visible_text
from domain.users import DEFAULT_LOCALE, SUPPORTED_LOCALES

# The id travels in callback data (64 bytes with the prefix and the vote) and is the inline
# result id (at most 64 bytes), so it is short and latin.
ENTRY_ID = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
# A question is a button text and an inline result title: one readable line on a phone.
MAX_QUESTION = 150
MAX_VARIANT = 150
MAX_VARIANTS = 30
# Telegram sends at most 4096 characters; the answer shares its message with the question
# and the contacts' numbers, so it keeps well clear of the limit.
MAX_ANSWER = 3500
MAX_CONTACTS = 10
MAX_LINKS = 10
MAX_LINK = 500
MAX_POSITION = 10_000


@dataclass(frozen=True, slots=True)
class Problem:
    field: str  # as the admin API names it: "texts.ru.answer", "contacts", "id"
    problem: str

    def __str__(self) -> str:
        return f"{self.field}: {self.problem}"


class InvalidFaqEntry(InvalidInput):
    code = "invalid_faq_entry"

    def __init__(self, problems: Collection[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = tuple(problems)


@dataclass(frozen=True, slots=True)
class FaqReferences:
    """What an entry may refer to: contact names (data/contacts.csv) and request categories."""

    contacts: frozenset[str]
    categories: frozenset[str]


def entry_problems(entry: FaqEntry, references: FaqReferences) -> list[Problem]:
    problems = []
    if not ENTRY_ID.match(entry.id):
        problems.append(Problem("id", f"must match {ENTRY_ID.pattern}"))
    if entry.category is not None and entry.category not in references.categories:
        problems.append(Problem("category", f"unknown category {entry.category!r}"))
    if not 0 <= entry.position <= MAX_POSITION:
        problems.append(Problem("position", f"must be 0..{MAX_POSITION}"))
    problems += _texts_problems(entry)
    problems += _list_problems("contacts", entry.contacts, MAX_CONTACTS)
    for index, name in enumerate(entry.contacts):
        if name not in references.contacts:
            problems.append(Problem(f"contacts.{index}", f"unknown contact {name!r}"))
    problems += _list_problems("links", entry.links, MAX_LINKS)
    for index, link in enumerate(entry.links):
        if len(link) > MAX_LINK or not _is_web_link(link):
            problems.append(Problem(f"links.{index}", f"an http(s) URL of {MAX_LINK} or less"))
    return problems


def _is_web_link(link: str) -> bool:
    try:
        return urlsplit(link).scheme in {"http", "https"}
    except ValueError:  # "http://[": brackets that hold no IPv6 address
        return False


def check_entry(entry: FaqEntry, references: FaqReferences) -> None:
    problems = entry_problems(entry, references)
    if problems:
        raise InvalidFaqEntry(problems)


def _texts_problems(entry: FaqEntry) -> list[Problem]:
    problems = []
    if DEFAULT_LOCALE not in entry.texts:
        problems.append(Problem(f"texts.{DEFAULT_LOCALE}", "the Russian text is required"))
    for locale, text in entry.texts.items():
        if locale not in SUPPORTED_LOCALES:
            problems.append(Problem(f"texts.{locale}", f"only {', '.join(SUPPORTED_LOCALES)}"))
        else:
            problems += _text_problems(f"texts.{locale}", text)
    return problems


def _text_problems(prefix: str, text: FaqText) -> list[Problem]:
    problems = []
    if not 1 <= len(text.question.strip()) <= MAX_QUESTION:
        problems.append(Problem(f"{prefix}.question", f"1 to {MAX_QUESTION} characters"))
    try:
        shown = visible_text(text.answer)
    except InvalidHtml as error:
        problems.append(Problem(f"{prefix}.answer", f"not Telegram HTML: {error}"))
    else:
        if not 1 <= len(shown.strip()) <= MAX_ANSWER:
            problems.append(Problem(f"{prefix}.answer", f"1 to {MAX_ANSWER} characters shown"))
    if len(text.variants) > MAX_VARIANTS:
        problems.append(Problem(f"{prefix}.variants", f"at most {MAX_VARIANTS}"))
    for index, variant in enumerate(text.variants):
        if not 1 <= len(variant.strip()) <= MAX_VARIANT:
            problems.append(
                Problem(f"{prefix}.variants.{index}", f"1 to {MAX_VARIANT} characters")
            )
    return problems


def _list_problems(name: str, items: Collection[str], limit: int) -> list[Problem]:
    problems = []
    if len(items) > limit:
        problems.append(Problem(name, f"at most {limit}"))
    if len(set(items)) != len(items):
        problems.append(Problem(name, "an item is repeated"))
    return problems
