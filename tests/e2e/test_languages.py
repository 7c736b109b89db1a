"""The whole report journey in Tatar and in English: the language chosen by button, then every
screen up to the staff's answer is in it — texts, buttons, category and district names, and the
street's Tatar name where the register has one.

"Not Russian" is checked per screen: in English no Cyrillic may remain once the resident's own
text and the Russian street name (kept in English, as on the signs) are taken out; in Tatar the
screen must carry the catalogue's Tatar phrase and none of the Russian-only words.
"""

import re

from sandbox.people import add_group, add_person
from sandbox.server import BotApiStandIn
from sandbox.views import SentMessage
from tests.e2e.harness import RunningBot
from tests.e2e.test_staff_journey import notice, the_card

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
# Words a Tatar screen would only show if it fell back to the Russian source.
RUSSIAN_ONLY = (
    "Заявка",
    "заявк",
    "принята",
    "Срок ответа",
    "Проверьте",
    "Дороги",
    "новая",
    "Фото получено",
    "Открыть",
    "взял",
    "Выберите",
    "Вы имели",
)


def english(message: SentMessage, *ours: str) -> str:
    """The text, asserting it is English once the given non-English parts are removed."""
    text = message.text or ""
    labels = [label for row in message.buttons for label in row]
    rest = "\n".join([text, *labels])
    for part in ours:
        rest = rest.replace(part, "")
    found = [line for line in rest.splitlines() if CYRILLIC.search(line)]
    assert not found, f"Russian left in an English screen: {found!r}"
    return text


def tatar(message: SentMessage, phrase: str) -> str:
    """The text, asserting the screen (text or buttons) has the Tatar phrase and no Russian."""
    text = message.text or ""
    labels = " ".join(label for row in message.buttons for label in row)
    assert phrase in f"{text} {labels}", f"{phrase!r} not in {text!r} {labels!r}"
    russian = [word for word in RUSSIAN_ONLY if word in text or word in labels]
    assert not russian, f"Russian words {russian} in a Tatar screen: {text!r} {labels!r}"
    return text


async def test_the_report_journey_in_tatar(stand_in: BotApiStandIn, bot: RunningBot) -> None:
    boss = add_person(stand_in.world, first_name="Начальник")
    staff = add_group(stand_in.world, title="Штаб", admins=[boss], chat_id=-1001234567890)
    alsu = add_person(stand_in.world, first_name="Алсу", language_code="ru")
    await alsu.send("/start")
    await alsu.press("Татарча")
    tatar(alsu.last_reply(), "Тел: татарча.")

    await alsu.press("📝 Проблема турында хәбәр итү")
    tatar(alsu.last_reply(), "Юллар һәм тротуарлар")  # the category buttons
    await alsu.press("Юллар һәм тротуарлар")
    await alsu.send("Бауамана 15")  # a typo: the guess is asked about
    tatar(alsu.last_reply(), "Сез кайсысын күздә тоттыгыз")
    await alsu.press("Бауман урамы, 15")  # the register's Tatar street name
    await alsu.send_photo()
    tatar(alsu.last_reply(), "Фото алынды: 1/5")
    await alsu.press("Әзер")
    await alsu.send("Тротуарда зур чокыр, кешеләр егыла")
    summary = tatar(alsu.last_reply(), "Гаризаны тикшерегез")
    assert "Юллар һәм тротуарлар" in summary
    await alsu.press("✅ Җибәрү")
    filed = tatar(alsu.last_reply(), "гаризасы кабул ителде")
    assert "KZN-000001" in filed and "Җавап бирү срогы: 14.12.2026" in filed

    await alsu.send("/my")
    tatar(alsu.last_reply(), "KZN-000001")
    await alsu.press("KZN-000001")
    card = tatar(alsu.last_reply(), "Гариза KZN-000001")
    assert "Юллар һәм тротуарлар" in card and "Вахитов" in card

    staff_card = await the_card(staff, stand_in)  # the staff chat reads Russian
    await boss.press_in(staff_card, "🙋 Взять")
    news = await notice(alsu, "🔔")
    tatar(news, "гаризаны шәһәр хезмәткәре эшкә алды")
    assert "KZN-000001 гаризасы" in (news.text or "")


async def test_the_report_journey_in_english(stand_in: BotApiStandIn, bot: RunningBot) -> None:
    boss = add_person(stand_in.world, first_name="Boss")
    staff = add_group(stand_in.world, title="HQ", admins=[boss], chat_id=-1001234567890)
    tom = add_person(stand_in.world, first_name="Tom", language_code="ru")
    street = "Baumana St (ул. Баумана), 15"  # Latin to read, with the sign's Russian
    description = "A deep pothole on the pavement by the shop"
    await tom.send("/start")
    await tom.press("English")
    english(tom.last_reply())

    await tom.press("📝 Report a problem")
    english(tom.last_reply())
    await tom.press("Roads and pavements")
    await tom.send("Бауамана 15")  # matched against the signs' spelling; a typo is asked about
    english(tom.last_reply(), street)
    await tom.press(street)
    await tom.send_photo()
    english(tom.last_reply())
    await tom.press("Done")
    await tom.send(description)
    summary = english(tom.last_reply(), street, description)
    assert "Roads and pavements" in summary
    await tom.press("✅ Submit")
    filed = english(tom.last_reply())
    assert "Request KZN-000001 received" in filed
    assert "Response due by 14.12.2026" in filed

    await tom.send("/my")
    english(tom.last_reply())
    await tom.press("KZN-000001")
    card = english(tom.last_reply(), street, description)
    assert "Category: Roads and pavements" in card and "Vakhitovsky" in card

    staff_card = await the_card(staff, stand_in)
    await boss.press_in(staff_card, "🙋 Взять")
    news = await notice(tom, "🔔")
    assert "a city officer took the request" in english(news)
