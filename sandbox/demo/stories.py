"""The demo's people and the requests they made, with what staff did about them since.

Every text a visitor reads is marked MARK; what a source publishes is signed SOURCE.
"""

from dataclasses import dataclass

from domain.requests import RequestStatus
from sandbox.demo.photos import POTHOLE_PHOTO

MARK = "[демо]"
SOURCE = "demo"
ALSU, TIMUR, EMMA, ARTYOM, ILDAR = 7001, 7002, 7003, 7101, 7201
TIMURS_DISTRICT = "Ново-Савиновский"  # where the planned power cut is, and he follows it
SEEDED_MARKER = ALSU  # the demo resident exists: the demo was seeded (in one transaction)


@dataclass(frozen=True, slots=True)
class Story:
    """One request: who, what, where, how long ago, and what staff did since (hours ago).
    `photo`: the file id of a photo the author sent, which staff made public when they last
    acted (the public request page shows it)."""

    author: int
    category: str
    address: str
    description: str
    hours_ago: float
    steps: tuple[tuple[float, RequestStatus, str | None], ...] = ()
    rating: int | None = None
    photo: str | None = None


STORIES = (
    Story(
        ALSU,
        "roads",
        "Пушкина 10",
        "Глубокая яма на проезжей части у дома, машины объезжают её по встречной полосе.",
        72,
        (
            (70, RequestStatus.IN_PROGRESS, None),
            (20, RequestStatus.RESOLVED, "Яму заделали литым асфальтом, спасибо за сигнал."),
        ),
        rating=5,
        photo=POTHOLE_PHOTO,
    ),
    Story(
        ALSU,
        "lighting",
        "Баумана 15",
        "Во дворе не горят два фонаря, вечером совсем темно.",
        26,
        ((22, RequestStatus.IN_PROGRESS, None),),
    ),
    Story(
        TIMUR,
        "waste",
        "Чистопольская 20",
        "Контейнерная площадка переполнена, мусор не вывозят третий день.",
        50,
        (
            (
                30,
                RequestStatus.NEED_INFO,
                "Уточните, пожалуйста, у какого подъезда стоят контейнеры?",
            ),
        ),
    ),
    Story(
        EMMA,
        "yards",
        "Гвардейская 33",
        "На детской площадке сломаны качели, торчат болты.",
        0.7,
    ),
    Story(
        TIMUR,
        "noise",
        "Декабристов 85",
        "Соседи сверху шумят каждую ночь после полуночи.",
        96,
        (
            (
                90,
                RequestStatus.REJECTED,
                "Шум в квартирах — вопрос участкового уполномоченного: позвоните по номеру 102.",
            ),
        ),
    ),
    Story(
        EMMA,
        "transport",
        "проспект Победы 100",
        "Не работает светофор на пешеходном переходе, людям приходится перебегать дорогу.",
        5,
        ((4, RequestStatus.IN_PROGRESS, None),),
    ),
)
