"""The FAQ matcher: answers, alternatives, problem categories and the labelled set's floor."""

import csv
from pathlib import Path

import pytest

from domain.faq.evaluation import NONE, LabelledQuestion, prediction, scores
from domain.faq.matcher import MATCH_THRESHOLD, MIN_EXPLAINS, OTHERS, OTHERS_FLOOR, FaqMatcher
from domain.faq.model import CategoryTopic, FaqEntry, FaqText
from domain.faq.normalize import names_a_place
from storage.faq_data import read_faq_file
from storage.faq_topics import read_topics

ROOT = Path(__file__).resolve().parents[2]


def entry(entry_id: str, question: str, *variants: str, category: str | None = None) -> FaqEntry:
    return FaqEntry(entry_id, {"ru": FaqText(question, "…", variants)}, category)


ENTRIES = (
    entry("pay_utilities", "Где оплатить коммунальные услуги?", "где заплатить за коммуналку"),
    entry("no_water", "Что делать, если отключили воду?", "нет воды", category="water_heating"),
    entry(
        "fallen_tree",
        "Упало дерево — куда сообщить?",
        "дерево упало на дорогу",
        category="yards",
    ),
    entry("pothole", "Как пожаловаться на яму на дороге?", "яма на дороге", category="roads"),
    entry("street_light", "Не горит фонарь на улице — куда сообщить?", category="lighting"),
    entry("gas_smell", "Пахнет газом — что делать?", "запах газа в подъезде"),
    entry("track_request", "Как узнать, что с моей заявкой?", "статус заявки"),
    entry("withdraw_request", "Как отозвать заявку?", "отменить заявку"),
    FaqEntry(
        "change_language",
        {
            "ru": FaqText("Как сменить язык бота?", "…"),
            "tt": FaqText("Ботның телен ничек алыштырырга?", "…"),
            "en": FaqText("How do I change the bot's language?", "…"),
        },
    ),
)
TOPICS = (
    CategoryTopic("roads", {"ru": ("ямы во дворе", "разбитый асфальт во дворе у подъезда")}),
    CategoryTopic("lighting", {"ru": ("фонарь у подъезда не горит", "во дворе темно")}),
)


@pytest.fixture(scope="module")
def matcher() -> FaqMatcher:
    return FaqMatcher(ENTRIES, TOPICS)


@pytest.fixture(scope="module")
def city() -> FaqMatcher:
    return FaqMatcher(read_faq_file(ROOT / "data").entries, read_topics(ROOT / "data"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Где оплатить коммунальные услуги?", "pay_utilities"),
        ("гдe аплатить камуналку", "pay_utilities"),  # a Latin e, a and а for о, one м
        ("воды нет с утра", "no_water"),
        ("куда звонить если упало дерево", "fallen_tree"),
        ("как отменить заявку", "withdraw_request"),
        ("какой статус у моей заявки", "track_request"),
        ("телне ничек алыштырырга", "change_language"),  # Tatar typed without Tatar letters
        ("how to change language", "change_language"),
    ],
)
def test_questions_get_their_answer(matcher: FaqMatcher, text: str, expected: str) -> None:
    answer = matcher.answer(text, "ru")

    assert answer.best is not None
    assert answer.best.entry.id == expected
    assert answer.best.score >= MATCH_THRESHOLD


@pytest.mark.parametrize(
    ("text", "category"),
    [("яма во дворе", "roads"), ("фонарь не горит у подъезда", "lighting")],
)
def test_a_problem_described_offers_a_request_in_its_category(
    matcher: FaqMatcher, text: str, category: str
) -> None:
    answer = matcher.answer(text, "ru")

    assert answer.best is None
    assert answer.category == category
    assert prediction(answer) == f"category:{category}"


def test_a_question_about_the_same_problem_gets_the_answer_and_the_request_button(
    matcher: FaqMatcher,
) -> None:
    answer = matcher.answer("куда жаловаться на яму на дороге", "ru")

    assert answer.best is not None
    assert answer.best.entry.id == "pothole"
    assert answer.category == "roads"  # the entry's own category


@pytest.mark.parametrize(
    ("statement", "question"),
    [
        ("во дворе упало дерево", "во дворе упало дерево, куда звонить?"),
        ("у подъезда фонарь не горит вторую неделю", "что делать если у подъезда не горит фонарь"),
        ("яма на дороге возле нашего дома", "куда жаловаться на яму на дороге возле дома"),
    ],
)
def test_a_statement_at_a_place_is_a_report_and_a_question_gets_the_answer(
    matcher: FaqMatcher, statement: str, question: str
) -> None:
    asked = matcher.answer(question, "ru")
    reported = matcher.answer(statement, "ru")

    assert asked.best is not None
    entry = asked.best.entry
    assert entry.category is not None
    assert asked.category == entry.category
    assert reported.best is None
    assert reported.category == entry.category
    assert reported.others[0].entry == entry  # the answer is still a button away


def test_a_report_at_a_place_wins_over_a_better_fitting_entry(
    matcher: FaqMatcher,
) -> None:
    # The entry on potholes fits best; the place makes it a report (rule 2).
    answer = matcher.answer("яма на дороге у подъезда", "ru")
    hits = matcher.search("яма на дороге у подъезда", "ru")

    assert hits[0].entry.id == "pothole"
    assert (answer.best, answer.category) == (None, "roads")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("нет воды в доме", "no_water"),  # indoors: an outage, answered with /alerts
        ("дерево упало на дорогу", "fallen_tree"),  # no place said: the answer
        ("на улице не горит фонарь", "street_light"),  # "на улице" alone is outdoors
        ("в подъезде пахнет газом", "gas_smell"),  # an entry with no category to file in
    ],
)
def test_a_statement_without_a_place_outdoors_or_a_category_keeps_the_answer(
    matcher: FaqMatcher, text: str, expected: str
) -> None:
    answer = matcher.answer(text, "ru")

    assert answer.best is not None
    assert answer.best.entry.id == expected


def test_a_question_without_a_category_offers_no_request(matcher: FaqMatcher) -> None:
    assert matcher.answer("как сменить язык", "ru").category is None


@pytest.mark.parametrize("text", ["привет", "asdfgh", "спасибо!", "как доехать до аэропорта", ""])
def test_greetings_and_nonsense_match_nothing(matcher: FaqMatcher, text: str) -> None:
    answer = matcher.answer(text, "ru")

    assert answer.best is None
    assert answer.category is None
    assert not answer.understood


def test_others_are_distinct_from_the_answer_and_above_the_floor(matcher: FaqMatcher) -> None:
    answer = matcher.answer("как отменить заявку", "ru")

    assert answer.best is not None
    ids = [answer.best.entry.id, *(hit.entry.id for hit in answer.others)]
    assert len(ids) == len(set(ids))
    assert len(answer.others) <= OTHERS
    assert all(hit.score >= OTHERS_FLOOR for hit in answer.others)
    assert "track_request" in ids[1:]  # the other question about a request


def test_search_ranks_by_score_and_the_same_text_gives_the_same_answer(
    matcher: FaqMatcher,
) -> None:
    hits = matcher.search("заявка", "ru")

    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    assert {hit.entry.id for hit in hits} == {"track_request", "withdraw_request"}
    assert matcher.answer("где моя заявка", "ru") == matcher.answer("где моя заявка", "ru")
    again = FaqMatcher(ENTRIES, TOPICS)
    assert again.answer("где моя заявка", "ru") == matcher.answer("где моя заявка", "ru")


def test_an_empty_faq_answers_nothing() -> None:
    answer = FaqMatcher((), ()).answer("нет воды", "ru")

    assert (answer.best, answer.others, answer.category) == (None, (), None)


def test_entries_and_entry(matcher: FaqMatcher) -> None:
    assert [e.id for e in matcher.entries()][:2] == ["change_language", "fallen_tree"]
    assert matcher.entry("pothole") is ENTRIES[3]
    assert matcher.entry("gone") is None


def labelled(name: str) -> list[LabelledQuestion]:
    with (ROOT / "data" / "faq" / name).open(encoding="utf-8") as file:
        return [LabelledQuestion.from_row(row) for row in csv.DictReader(file)]


@pytest.mark.parametrize(
    ("name", "top1", "precision", "off_topic"),
    [
        # Tuned on: 327 questions (87.5 % top-1, 89.4 % precision, 80.3 % of the 61 off-topic
        # ones answered "I don't know"; 86.2 % and 88.9 % when the floors were set).
        ("labelled_questions.csv", 0.83, 0.86, 0.75),
        # Written before the abstention rule and the new entries and never tuned on: 115
        # questions (93.0 %, 90.8 %, 82.4 % of 34; 53.0 % and 58.3 % before issue 15).
        ("heldout_questions.csv", 0.88, 0.86, 0.75),
    ],
)
def test_top1_and_precision_on_the_labelled_sets_stay_above_their_floors(
    city: FaqMatcher, name: str, top1: float, precision: float, off_topic: float
) -> None:
    """Top-1: the label predicted, "none" included. Precision: right among the questions that
    got an entry or a category (a confident wrong answer costs it, "I don't know" does not).
    tests/bench/bench_faq.py prints them by locale and kind. The floors leave room for small
    data edits; falling below one means matching got worse."""
    questions = labelled(name)
    reports = [q for q in questions if q.kind == "category"]
    unknown = [q for q in questions if q.kind == NONE]

    got = scores(city.answer, questions)

    assert len(questions) >= 100
    assert len(unknown) >= 30
    assert got.top1 >= top1
    assert got.precision >= precision
    assert scores(city.answer, unknown).top1 >= off_topic
    if name == "labelled_questions.csv":  # the held-out set has too few reports to measure
        assert len(reports) >= 20
        assert scores(city.answer, reports).top1 >= 0.6


def test_an_entry_that_shares_a_word_but_not_the_topic_is_not_the_answer() -> None:
    # "справка" is the whole of a variant (phrase coverage 1.0, a score above the threshold)
    # but a small part of the question: the bot's help is not a certificate from home.
    help_entry = entry("bot_help", "Что умеет бот?", "справка")
    matcher = FaqMatcher((help_entry,), ())
    question = "где взять справку с места жительства для субсидии на жилье"

    hit = matcher.search(question, "ru")[0]
    answer = matcher.answer(question, "ru")

    assert hit.score >= MATCH_THRESHOLD
    assert hit.explains < MIN_EXPLAINS
    assert answer.best is None
    assert [h.entry.id for h in answer.others] == ["bot_help"]  # still a button away


DEADLINES = entry(
    "request_deadlines", "Сколько рассматривается заявка?", "когда сделают по заявке"
)
POTHOLE_DUE = entry(
    "pothole_due", "Когда заделают яму по заявке?", "когда сделают по заявке", category="roads"
)


def test_two_entries_the_text_cannot_tell_apart_are_both_offered_not_guessed() -> None:
    matcher = FaqMatcher((DEADLINES, POTHOLE_DUE), ())

    answer = matcher.answer("когда сделают по заявке", "ru")

    assert answer.best is None
    assert {hit.entry.id for hit in answer.others} == {"request_deadlines", "pothole_due"}


@pytest.mark.parametrize(("about", "expected"), [("roads", "pothole_due"), ("waste", None)])
def test_the_request_the_resident_deals_with_settles_a_tie(
    about: str, expected: str | None
) -> None:
    matcher = FaqMatcher((DEADLINES, POTHOLE_DUE), ())

    answer = matcher.answer("когда сделают по заявке", "ru", about=about)

    assert (answer.best.entry.id if answer.best else None) == expected
    if expected is not None:
        assert [hit.entry.id for hit in answer.others] == ["request_deadlines"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Issue 15: each got a confident wrong entry (a performer, utility bills, a report).
        ("как получить парковочное разрешение", "parking_permit"),
        ("где оплатить штраф", "traffic_fines"),
        ("где посмотреть расписание автобусов", "transport_timetable"),
        ("как стать депутатом", None),  # "стать" is in "стать исполнителем"
        ("what time does the kremlin open", None),  # "time" began "timetable"
    ],
)
def test_the_city_faq_answers_on_topic_or_not_at_all(
    city: FaqMatcher, text: str, expected: str | None
) -> None:
    answer = city.answer(text, "ru")

    assert (answer.best.entry.id if answer.best else None) == expected


@pytest.mark.parametrize(
    ("text", "expected", "category"),
    [
        # Answered right before the abstention rule, then not: a close second entry that only
        # mentions a word in passing (personal data: "удалить мои данные", "фото из заявки")
        ("удалить заявку", "withdraw_request", None),
        # or one that explains less of the question (how to report: "проблема", "заявка")
        ("проблема осталась а заявка закрыта", "reopen_request", None),
        # or a street and a word of size that the entry cannot explain
        ("огромная яма на проспекте победы куда писать", "pothole", "roads"),
    ],
)
def test_a_close_second_or_an_address_does_not_silence_the_right_answer(
    city: FaqMatcher, text: str, expected: str, category: str | None
) -> None:
    answer = city.answer(text, "ru")

    assert (answer.best.entry.id if answer.best else None) == expected
    assert answer.category == category


@pytest.mark.parametrize(
    ("text", "category", "entry_id"),
    [
        # The topic (67.5) and the entry (67.8) tie: a stated problem is a report.
        ("мусор разбросан у баков", "waste", "rubbish_not_collected"),
        # A street however it is typed says where: a report in the entry's category.
        ("огромная яма на проспекте победы", "roads", "pothole"),
    ],
)
def test_a_problem_stated_offers_its_category_with_the_entry_a_button_away(
    city: FaqMatcher, text: str, category: str, entry_id: str
) -> None:
    answer = city.answer(text, "ru")

    assert (answer.best, answer.category) == (None, category)
    assert answer.others[0].entry.id == entry_id


def test_of_two_close_entries_the_one_the_words_are_typical_of_is_the_answer() -> None:
    # Both explain both words, one point apart the other way; "заявка" is in every phrase
    # of one and in one phrase of the other.
    withdraw = entry("withdraw", "Как отозвать заявку?", "отменить заявку", "хочу удалить жалобу")
    data = entry(
        "data", "Какие данные хранит бот?", "удалить мои данные", "кто видит фото из заявки"
    )
    matcher = FaqMatcher((data, withdraw), ())

    hits = matcher.search("удалить заявку", "ru")
    answer = matcher.answer("удалить заявку", "ru")

    assert abs(hits[0].score - hits[1].score) < 1.0
    assert answer.best is not None
    assert answer.best.entry.id == "withdraw"
    assert [hit.entry.id for hit in answer.others] == ["data"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("яма на проспекте победы", True),  # lower case: "проспект" is always a street
        ("яма на улице Баумана", True),
        ("яма на улице баумана", False),  # "на улице" may mean outdoors: a capital tells
        ("на улице не горит фонарь", False),
        ("Бауман урамында чокыр", True),  # Tatar: the name first
    ],
)
def test_a_street_with_its_name_is_a_place(text: str, place: bool) -> None:
    assert names_a_place(text) is place
