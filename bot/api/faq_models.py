"""The JSON shapes of the city FAQ in the admin API.

A PUT body is a GET answer without `id` and the vote counts, so an entry can be read, edited
and sent back. The limits below repeat the domain's (domain/faq/rules.py) so that most wrong
values are refused by field; the domain then checks what a schema cannot (contacts,
categories, Telegram HTML, the length a reader sees).
"""

from typing import Annotated

from pydantic import Field
from pydantic.json_schema import JsonDict

from bot.api.parsing import WEB_LINK_PATTERN, BodyModel, PathModel, ResponseModel
from domain.faq.model import FaqEntry, FaqText
from domain.faq.rules import (
    ENTRY_ID,
    MAX_CONTACTS,
    MAX_LINK,
    MAX_LINKS,
    MAX_POSITION,
    MAX_QUESTION,
    MAX_VARIANT,
    MAX_VARIANTS,
)
from domain.services.faq import ImportReport

Question = Annotated[str, Field(min_length=1, max_length=MAX_QUESTION)]
Variant = Annotated[str, Field(min_length=1, max_length=MAX_VARIANT)]
# Markup included; the domain limits what the reader sees (MAX_ANSWER characters).
Answer = Annotated[
    str,
    Field(
        min_length=1,
        max_length=8192,
        description="Telegram HTML: b, i, u, s, code, pre, blockquote, tg-spoiler, a href",
    ),
]
ContactName = Annotated[
    str, Field(min_length=1, max_length=200, description="a name_ru of data/contacts.csv")
]
UNIQUE: JsonDict = {"uniqueItems": True}
Link = Annotated[
    str,
    Field(
        min_length=1, max_length=MAX_LINK, pattern=WEB_LINK_PATTERN, description="an http(s) URL"
    ),
]


class FaqPath(PathModel):
    # Named `id` in errors, as the entry's field: a PUT with a bad one is a 422 on `id`.
    id: str = Field(
        alias="entry_id",
        pattern=ENTRY_ID.pattern,
        description='the entry\'s id, a latin slug such as "no_water"',
    )


class FaqTextIn(BodyModel):
    question: Question
    answer: Answer
    variants: list[Variant] = Field(
        default_factory=list,
        max_length=MAX_VARIANTS,
        description="other ways residents ask the same thing (matched like the question)",
    )


class FaqTextsIn(BodyModel):
    ru: FaqTextIn
    tt: FaqTextIn | None = None
    en: FaqTextIn | None = None


class FaqEntryPut(BodyModel):
    category: str | None = Field(
        default=None, description="a request category the question leads to"
    )
    position: int = Field(default=0, ge=0, le=MAX_POSITION, description="order in lists")
    texts: FaqTextsIn
    # uniqueItems: the domain refuses a repeated item (the schema says so, pydantic does not).
    contacts: list[ContactName] = Field(
        default_factory=list, max_length=MAX_CONTACTS, json_schema_extra=UNIQUE
    )
    links: list[Link] = Field(default_factory=list, max_length=MAX_LINKS, json_schema_extra=UNIQUE)

    def entry(self, entry_id: str) -> FaqEntry:
        texts = {
            locale: FaqText(text.question, text.answer, tuple(text.variants))
            for locale, text in (
                ("ru", self.texts.ru),
                ("tt", self.texts.tt),
                ("en", self.texts.en),
            )
            if text is not None
        }
        return FaqEntry(
            entry_id, texts, self.category, tuple(self.contacts), tuple(self.links), self.position
        )


class FaqTextOut(ResponseModel):
    question: str
    answer: str
    variants: list[str]

    @classmethod
    def of(cls, text: FaqText | None) -> "FaqTextOut | None":
        if text is None:
            return None
        return cls(question=text.question, answer=text.answer, variants=list(text.variants))


class FaqTextsOut(ResponseModel):
    ru: FaqTextOut
    tt: FaqTextOut | None
    en: FaqTextOut | None


class FaqEntryOut(ResponseModel):
    id: str
    category: str | None
    position: int
    texts: FaqTextsOut
    contacts: list[str]
    links: list[str]
    helpful: int = Field(description="residents who answered 'yes' to 'was this helpful?'")
    not_helpful: int

    @classmethod
    def of(cls, entry: FaqEntry, votes: tuple[int, int] = (0, 0)) -> "FaqEntryOut":
        ru = FaqTextOut.of(entry.texts["ru"])
        assert ru is not None  # the domain requires Russian
        return cls(
            id=entry.id,
            category=entry.category,
            position=entry.position,
            texts=FaqTextsOut(
                ru=ru,
                tt=FaqTextOut.of(entry.texts.get("tt")),
                en=FaqTextOut.of(entry.texts.get("en")),
            ),
            contacts=list(entry.contacts),
            links=list(entry.links),
            helpful=votes[0],
            not_helpful=votes[1],
        )


class FaqList(ResponseModel):
    revision: int = Field(description="moves on every change; bots reload when it does")
    items: list[FaqEntryOut]


class FaqRejectedOut(ResponseModel):
    id: str = Field(description="the entry's id, or 'row N' of the file when it had none")
    reasons: list[str]


class FaqReloadOut(ResponseModel):
    created: int
    updated: int
    unchanged: int
    rejected: list[FaqRejectedOut]
    revision: int

    @classmethod
    def of(cls, report: ImportReport, revision: int) -> "FaqReloadOut":
        return cls(
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
            rejected=[
                FaqRejectedOut(id=r.entry_id, reasons=list(r.reasons)) for r in report.rejected
            ],
            revision=revision,
        )
