"""Names of places in the reader's language where the city's data has them: streets (Tatar
names from the register), sites (ru/tt/en) — for residents, and for the staff chat in its own."""

from datetime import UTC, datetime

import pytest

from bot.i18n import create_i18n
from bot.settings import PROJECT_ROOT
from domain.address.model import AddressCandidate, Street
from domain.alerts.fanout import OUTAGE_ALERT
from domain.alerts.outages import Phase
from domain.booking.bookings import BookingStatus
from domain.clock import FixedClock
from domain.districts import District, DistrictDirectory
from domain.notifications import Notification
from domain.users import User
from handlers.alerts.notices import AlertNotices
from handlers.booking import staff_texts
from tests.unit.test_alert_renderers import FakeReads, Rows, opening, water
from tests.unit.test_booking_renderers import PERFORMER, SITE, booking

NOW = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
BAUMANA = Street("Баумана", "улица", ("Вахитовский",), name_tt="Бауман урамы", id=7)
TWO_SPELLINGS = Street(
    "2-я Юго-Западная",
    "улица",
    name_tt="2 нче Көньяк-көнбатыш урамы;2 нче Юго-Западная урамы",
    id=8,
)
POBEDY = Street("Победы", "проспект", id=9)  # no Tatar name in the register
I18N = create_i18n(PROJECT_ROOT / "locales", "ru")


@pytest.mark.parametrize(
    ("street", "locale", "expected"),
    [
        (BAUMANA, "ru", "ул. Баумана"),
        (BAUMANA, "tt", "Бауман урамы"),
        # English readers get Latin to read, with the name on the signs beside it.
        (BAUMANA, "en", "Baumana St (ул. Баумана)"),
        (TWO_SPELLINGS, "tt", "2 нче Көньяк-көнбатыш урамы"),  # the first spelling
        (POBEDY, "tt", "пр-т Победы"),  # no Tatar name: the Russian one
    ],
)
def test_street_label_in_the_readers_language(street: Street, locale: str, expected: str) -> None:
    assert street.label(locale) == expected


def test_candidate_label_keeps_the_house() -> None:
    candidate = AddressCandidate(BAUMANA, "15", "Вахитовский", 1.0)
    assert candidate.label("tt") == "Бауман урамы, 15"
    assert candidate.label() == "ул. Баумана, 15"  # stored places stay Russian


@pytest.mark.parametrize(
    ("locale", "street", "district"),
    [
        ("tt", "Бауман урамы", "Вахитов"),
        ("ru", "ул. Баумана", "Вахитовский"),
        ("en", "ул. Баумана", "Vakhitovsky"),
    ],
)
async def test_outage_alert_names_streets_and_districts_in_the_readers_language(
    locale: str, street: str, district: str
) -> None:
    reads = FakeReads()
    reads.users.rows[42] = User(42, "Әлфия", locale, NOW)
    reads.streets.rows = [BAUMANA]
    reads.outages = Rows({1: water()})

    districts = DistrictDirectory([District("Вахитовский", "Вахитов", "Vakhitovsky")])
    renderers = AlertNotices(opening(reads), I18N, districts, FixedClock(NOW))
    payload = {"outage_id": 1, "phase": Phase.ANNOUNCED.value}
    message = await renderers.outage(Notification("k", 42, OUTAGE_ALERT, payload, NOW))
    assert street in message.text and district in message.text, message.text


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("ru", "Улица Баумана"), ("en", "Bauman Street"), ("tt", "Улица Баумана")],  # no tt name
)
def test_booking_card_names_the_site_in_the_staff_chats_language(
    locale: str, expected: str
) -> None:
    with I18N.context(), I18N.use_locale(locale):
        text = staff_texts.staff_card(booking(BookingStatus.PENDING), SITE, PERFORMER)
    assert f": {expected}" in text, text
