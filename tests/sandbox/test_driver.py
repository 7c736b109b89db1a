"""Conversations through the driver with the echo bot polling over HTTP."""

from __future__ import annotations

import asyncio

import pytest
from aiogram import Bot, Dispatcher

from sandbox import BotApiStandIn, EventKind, NoReply, Person, WorldEvent
from sandbox.people import add_group, add_person


async def test_start_shows_menu(polling: Dispatcher, anna: Person) -> None:
    await anna.send("/start")

    reply = anna.last_reply()
    assert reply.text == "Здравствуйте! Чем помочь?"
    assert reply.html == "<b>Здравствуйте!</b> Чем помочь?"
    assert reply.buttons == [
        ["Сообщить о проблеме"],
        ["Отключения воды", "Отключения света"],
        ["Сайт"],
    ]
    assert reply.callback_data("Сообщить о проблеме") == "p:report"
    assert not reply.edited


async def test_press_answers_and_edits(polling: Dispatcher, anna: Person) -> None:
    await anna.send("/start")
    menu = anna.last_reply()

    await anna.press("Сообщить о проблеме")

    assert anna.last_alert().text == "Принято"
    assert anna.last_alert().show_alert
    assert anna.last_reply().message_id == menu.message_id
    assert menu.edited and menu.text == "Опишите проблему"
    assert menu.buttons == []  # an edit without reply_markup drops the keyboard


async def test_press_by_unique_substring_and_on_old_message(
    polling: Dispatcher, anna: Person
) -> None:
    await anna.send("/start")
    first = anna.last_reply()
    await anna.send("/start")

    await anna.press("воды")
    assert anna.last_alert().text == "Выбрано: water"

    with pytest.raises(LookupError, match="several buttons"):
        await anna.press("Отключения")
    with pytest.raises(ValueError, match="no callback query"):
        await anna.press("Сайт")

    await anna.press_in(first, "Отключения света")
    assert anna.last_alert().text == "Выбрано: power"


async def test_reply_keyboard_location_contact_and_text(polling: Dispatcher, anna: Person) -> None:
    await anna.send("/ask")
    assert anna.last_reply().reply_keyboard == [
        ["📍 Отправить место"],
        ["📞 Мой телефон"],
        ["Отмена"],
    ]

    await anna.press_reply("Отправить место", location=(55.79, 49.12))
    assert anna.last_reply().text == "Место: 55.79, 49.12"

    await anna.press_reply("Мой телефон")
    assert anna.last_reply().text == f"Телефон: {anna.account.phone}"

    await anna.press_reply("Отмена")
    assert anna.last_reply().text == "Отменено"
    assert anna.reply_keyboard() is None


async def test_media_from_a_person(polling: Dispatcher, anna: Person) -> None:
    await anna.share_location(55.7961, 49.1064)
    assert anna.last_reply().text == "Место: 55.80, 49.11"

    await anna.send_photo(caption="Яма <на> дороге")
    assert anna.last_reply().text == "Фото одно Яма <на> дороге"

    await anna.send_album(3)
    replies = anna.replies()[-3:]
    group_ids = {(reply.text or "").split()[1] for reply in replies}
    assert len(group_ids) == 1 and group_ids != {"одно"}

    await anna.send_sticker()
    assert anna.last_reply().text == "Стикер"
    await anna.send_voice()
    assert anna.last_reply().text == "Голосовое"
    await anna.send_contact("+79001234567")
    assert anna.last_reply().text == "Телефон: +79001234567"


async def test_send_times_out_without_a_bot(stand_in: BotApiStandIn, anna: Person) -> None:
    with pytest.raises(TimeoutError, match="did not acknowledge update"):
        await anna.send("/start", timeout=0.2)


async def test_ack_waits_for_confirmation_not_delivery(
    stand_in: BotApiStandIn, anna: Person, bot: Bot
) -> None:
    sending = asyncio.create_task(anna.send("hi", timeout=2))
    await asyncio.sleep(0.05)
    updates = await bot.get_updates(timeout=0)
    assert [u.message.text for u in updates if u.message] == ["hi"]
    assert not sending.done()  # delivered, not yet confirmed

    await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0)
    await asyncio.wait_for(sending, 1)


async def test_wait_for_reply_sees_background_messages(
    stand_in: BotApiStandIn, anna: Person, bot: Bot
) -> None:
    async def job() -> None:
        await asyncio.sleep(0.05)
        await bot.send_message(anna.id, "Плановое отключение воды")

    task = asyncio.create_task(job())
    reply = await anna.wait_for_reply(lambda m: "воды" in (m.text or ""), timeout=2)
    await task
    assert reply.text == "Плановое отключение воды"

    await bot.send_message(anna.id, "Ещё одно")  # already there before waiting
    assert (await anna.wait_for_reply(timeout=1)).text == "Ещё одно"
    with pytest.raises(TimeoutError):
        await anna.wait_for_reply(timeout=0.1)


async def test_no_reply_is_a_clear_failure(stand_in: BotApiStandIn, anna: Person) -> None:
    with pytest.raises(NoReply):
        anna.last_reply()
    assert anna.replies() == []
    with pytest.raises(NoReply):
        anna.last_alert()


async def test_group_conversation_and_privacy_mode(stand_in: BotApiStandIn, bot: Bot) -> None:
    world = stand_in.world
    boss = add_person(world, "Рустам")
    clerk = add_person(world, "Гульнара")
    staff = add_group(world, "Штаб", admins=[boss], members=[clerk], bot_is_admin=False)
    notice = await bot.send_message(staff.id, "Новая заявка №7")

    polled = asyncio.create_task(bot.get_updates(timeout=2))
    chatter = await clerk.send("просто болтаем", chat=staff)  # privacy: the bot does not see it
    reply = asyncio.create_task(boss.send("Беру", chat=staff, reply_to=staff.last_reply()))
    updates = await polled
    assert [u.message.text for u in updates if u.message] == ["Беру"]
    taken = updates[0].message
    assert taken is not None and taken.reply_to_message is not None
    assert taken.reply_to_message.message_id == notice.message_id
    await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0)
    await asyncio.wait_for(reply, 1)
    assert chatter.text == "просто болтаем"

    outsider = add_person(world, "Чужой")
    with pytest.raises(PermissionError):
        await outsider.send("привет", chat=staff)


async def test_events_for_a_web_ui(stand_in: BotApiStandIn, anna: Person, bot: Bot) -> None:
    seen: list[WorldEvent] = []
    unsubscribe = stand_in.world.events.subscribe(seen.append)
    async with stand_in.world.events.stream() as queue:
        message = await bot.send_message(anna.id, "раз")
        await bot.edit_message_text("два", chat_id=anna.id, message_id=message.message_id)
        await bot.delete_message(anna.id, message.message_id)
        kinds = [(await queue.get()).kind for _ in range(3)]
    unsubscribe()
    expected = [EventKind.MESSAGE_SENT, EventKind.MESSAGE_EDITED, EventKind.MESSAGE_DELETED]
    assert kinds == expected
    assert [event.kind for event in seen] == expected
    assert seen[1].payload["text"] == "два"
