"""Staff see the author's phone on the request's card once it is shared (the consent text says
it is used to contact them about a request), and no longer once removed or the account is gone."""

from sandbox.driver import Group, Person
from sandbox.server import BotApiStandIn
from sandbox.views import SentMessage
from tests.e2e.harness import RunningBot
from tests.e2e.test_account_journey import agree_and_share, open_profile
from tests.e2e.test_report_journeys import CENTRE, file_by_location
from tests.e2e.test_staff_journey import staff_room, the_card
from tests.e2e.waiting import eventually


async def card_without(staff: Group, stand_in: BotApiStandIn, fragment: str) -> SentMessage:
    """The card once it no longer shows `fragment` (edits reach a group at its own pace)."""

    async def without() -> SentMessage:
        card = await the_card(staff, stand_in)
        assert fragment not in (card.text or ""), f"the card still shows {fragment!r}"
        return card

    return await eventually(without, timeout=20)


async def test_a_phone_shared_after_filing_reaches_the_card_and_leaves_it(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, _, staff = staff_room(stand_in)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    assert "📞" not in (await the_card(staff, stand_in)).text

    await agree_and_share(anna)
    shown = f"📞 {anna.account.phone}"
    card = await the_card(staff, stand_in, shown)
    assert card.text.count("📞") == 1

    await open_profile(anna)
    await anna.press("✖️ Удалить телефон")
    assert "Телефон удалён" in anna.last_alert().text
    card = await card_without(staff, stand_in, "📞")
    assert "Житель удалил аккаунт" not in card.text

    await anna.press("📱 Поделиться телефоном")  # shared again (consent is still there)
    await anna.press_reply("📱 Отправить мой номер")
    await the_card(staff, stand_in, shown)
    await boss.send("/find KZN-000001", chat=staff)
    assert shown in staff.last_reply().text


async def test_a_deleted_account_takes_its_phone_off_the_card(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, _, staff = staff_room(stand_in)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    await agree_and_share(anna)
    await the_card(staff, stand_in, f"📞 {anna.account.phone}")

    await anna.press("🗑 Удалить аккаунт")
    await anna.press("🗑 Да, удалить аккаунт")
    card = await the_card(staff, stand_in, "Житель удалил аккаунт")
    assert "📞" not in card.text and (anna.account.phone or "") not in card.text
    await boss.send("/find KZN-000001", chat=staff)
    assert "📞" not in staff.last_reply().text
