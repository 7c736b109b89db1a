"""Matching a free-text message against the FAQ and the problem categories.

Every phrase (each entry's question and variants, each category's topic phrases, in all
languages: residents mix them) is normalised and stemmed once, into one `PhraseIndex`;
a message is scored against all of them in one pass (see `domain.faq.index`).

The rule between an answer and a request. A resident who STATES a problem ("яма во дворе",
"у подъезда фонарь не горит второй месяц") wants it fixed: the bot offers to file a request,
with the related entry as a button. One who ASKS ("куда звонить, если не горит фонарь?", "что
делать, если…") wants the answer. A question has a question mark or a question word
(`is_question`); a report is a statement, and most reports say where, outdoors
(`names_a_place`: "во дворе", "у подъезда", "возле дома", "на улице Гагарина").

1. A statement that a category's topic phrases describe as well as any entry (the best entry
   beats them by less than `CATEGORY_MARGIN`: the text cannot tell the two apart) is a
   problem report: no answer, `category` set, so the bot offers to file a request there, with
   the entry as the first button ("мусор разбросан у баков": the waste topic, 67.5, and the
   entry on rubbish not collected, 67.8; a resident who states a problem wants it fixed).
2. A statement that names a place outdoors, whose best entry (at `MATCH_THRESHOLD`) is itself
   about a problem with a category, is a report too, though the entry fits better ("двор не
   чистят от снега" fits the entry on snow, whose answer says: file a request). The category
   is the one the topic phrases describe (at `CATEGORY_THRESHOLD`), else the entry's; the
   entry is the first button. An indoor statement ("нет воды в доме") or one without a place
   ("не горит фонарь") keeps the answer: outages are answered with /alerts, and without a
   place the resident may still be asking. Duration ("вторую неделю") is not a signal of its
   own: outages state it too ("горячей воды нет неделю").
3. Otherwise the best entry at `MATCH_THRESHOLD` or above is the answer, if it is about the
   question (see "Abstention"). `category` is then the entry's own category, or else a
   category the text describes: the answer comes with a "file a request" button whenever a
   request makes sense.
4. Otherwise a category the text describes (at `CATEGORY_THRESHOLD`) is offered alone,
   question or not ("куда писать про сломанный бордюр" has no entry of its own).
5. Otherwise nothing: the bot offers to file a request or shows the contacts.

`others` are the next entries (never the answer), down to `OTHERS_FLOOR`, offered as buttons.

Abstention: a wrong answer given with confidence is worse than "I don't know" with the city's
numbers. The best entry is not the answer when
- it explains less than `MIN_EXPLAINS` of the question's weighted words: it shares a word or
  two, not the topic ("где получить справку с места жительства" is not about the bot's help);
- another entry scores within `AMBIGUOUS_MARGIN` of it and the text cannot tell the two
  apart ("когда сделают по моей заявке": deadlines or status), so both are offered as buttons.
Two things tell close entries apart. The resident's context: `about`, the category of the
request they are dealing with, picks the one close entry in that category. Else the words:
the entry whose phrases have the question's words typically (`FaqHit.typical`, at least
`TYPICAL_RATIO` times the others') is about them, the others mention one in passing
("удалить заявку": withdrawing a request, not personal data's "удалить мои данные").
Measured on the labelled sets by tests/bench/bench_faq.py (top-1 and precision) and guarded
by tests/unit/test_faq_matcher.py.
"""

from collections.abc import Sequence

from domain.faq.index import PhraseIndex
from domain.faq.model import CategoryTopic, FaqAnswer, FaqEntry, FaqHit
from domain.faq.normalize import is_question, names_a_place

MATCH_THRESHOLD = 55.0  # the best entry must score this much to be shown as the answer
CATEGORY_THRESHOLD = 55.0  # a problem description must score this much to offer a request
CATEGORY_MARGIN = 1.0  # an entry must beat a statement's topic by this much to answer it
MIN_EXPLAINS = 0.34  # the share of the question's words an answer must explain (abstention)
AMBIGUOUS_MARGIN = 1.0  # an answer must beat the next entry by this much, or both are offered
TYPICAL_RATIO = 1.5  # how much more typical of its entry the question must be to settle a tie
OTHERS = 2  # alternatives offered as buttons
OTHERS_FLOOR = 40.0  # below this an alternative is noise, not a suggestion


class FaqMatcher:
    def __init__(self, entries: Sequence[FaqEntry], topics: Sequence[CategoryTopic]) -> None:
        self._entries = {entry.id: entry for entry in entries}
        self._owners: list[FaqEntry | str] = [*self._entries.values()]
        self._owners += [topic.code for topic in topics]
        phrases: list[tuple[int, str, str]] = []
        for number, owner in enumerate(self._owners):
            phrases += [(number, phrase, locale) for phrase, locale in _phrases(owner, topics)]
        self._index = PhraseIndex(phrases)

    def entry(self, entry_id: str) -> FaqEntry | None:
        return self._entries.get(entry_id)

    def entries(self) -> list[FaqEntry]:
        return sorted(self._entries.values(), key=lambda e: (e.position, e.id))

    def search(self, text: str, locale: str, limit: int = 10) -> list[FaqHit]:
        """Entries by score, best first (ties by position), with any word in common."""
        return self._match(text)[0][:limit]

    def answer(self, text: str, locale: str, about: str | None = None) -> FaqAnswer:
        """`about`: the category of the request the resident is dealing with, if any."""
        hits, topic = self._match(text)
        top = hits[0] if hits else None
        code, topic_score = topic
        describes = topic_score >= CATEGORY_THRESHOLD
        entry_score = top.score if top else 0.0
        statement = not is_question(text)
        if statement and describes and topic_score > entry_score - CATEGORY_MARGIN:
            return FaqAnswer(None, _others(hits), code)  # rule 1
        decided = _decided(hits, about) if entry_score >= MATCH_THRESHOLD else None
        if decided is not None:
            hits = decided
            top = hits[0]
            if statement and top.entry.category and names_a_place(text):  # rule 2
                return FaqAnswer(None, _others(hits), code if describes else top.entry.category)
            category = top.entry.category or (code if describes else None)
            return FaqAnswer(top, _others(hits[1:]), category)
        return FaqAnswer(None, _others(hits), code if describes else None)

    def _match(self, text: str) -> tuple[list[FaqHit], tuple[str | None, float]]:
        hits: list[FaqHit] = []
        topic: tuple[str | None, float] = (None, 0.0)
        for number, coverage in self._index.scores(text).items():
            owner = self._owners[number]
            score = coverage.score
            if isinstance(owner, FaqEntry):
                hits.append(
                    FaqHit(
                        owner,
                        round(score, 1),
                        round(coverage.query, 3),
                        round(coverage.typical, 3),
                    )
                )
            elif score > topic[1] or (score == topic[1] and owner < (topic[0] or "")):
                topic = (owner, score)
        hits.sort(key=lambda hit: (-hit.score, hit.entry.position, hit.entry.id))
        return hits, topic


def _phrases(owner: FaqEntry | str, topics: Sequence[CategoryTopic]) -> list[tuple[str, str]]:
    """(phrase, locale) pairs of an entry or a category."""
    if isinstance(owner, FaqEntry):
        return [
            (phrase, locale)
            for locale, text in owner.texts.items()
            for phrase in (text.question, *text.variants)
        ]
    return [
        (phrase, locale)
        for topic in topics
        if topic.code == owner
        for locale, phrases in topic.phrases.items()
        for phrase in phrases
    ]


def _decided(hits: list[FaqHit], about: str | None) -> list[FaqHit] | None:
    """The hits with the answer first, or None when the answer is not sure (see Abstention)."""
    close = [hit for hit in hits if hits[0].score - hit.score < AMBIGUOUS_MARGIN]
    if len(close) > 1 and about is not None:  # the one in the resident's context, if any
        close = [hit for hit in close if hit.entry.category == about] or close
    if len(close) > 1:  # the one clearly about the question's words, or none
        close.sort(key=lambda hit: -hit.typical)
        if close[0].typical < TYPICAL_RATIO * close[1].typical:
            return None
        close = close[:1]
    if close[0].explains < MIN_EXPLAINS:
        return None
    return [close[0], *(hit for hit in hits if hit is not close[0])]


def _others(hits: Sequence[FaqHit]) -> tuple[FaqHit, ...]:
    return tuple(hit for hit in hits[:OTHERS] if hit.score >= OTHERS_FLOOR)
