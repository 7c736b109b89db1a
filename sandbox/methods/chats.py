"""getChat, getChatMember, getChatAdministrators, createForumTopic."""

from __future__ import annotations

from typing import Any

from sandbox.content import target_chat
from sandbox.errors import bad_request
from sandbox.model import ChatRecord
from sandbox.state import Call, Handler
from sandbox.world import World

TOPIC_COLORS = (7322096, 16766590, 13338331, 9367192, 16749490, 16478047)
_ADMIN_RIGHTS = (
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_pin_messages",
    "can_send_welcome_messages",
)


async def get_chat(call: Call) -> dict[str, Any]:
    chat = target_chat(call.world, call.get("chat_id"), sending=False)
    info = chat.as_chat()
    info.update(
        accent_color_id=0,
        max_reaction_count=11,
        accepted_gift_types={
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
            "gifts_from_channels": False,
        },
    )
    return info


def member(world: World, chat: ChatRecord, user_id: int) -> dict[str, Any]:
    """The ChatMember object of ``user_id`` in ``chat``."""
    user = world.account(user_id).as_user()
    is_bot = user_id == world.bot.id
    if not chat.is_private and user_id == chat.owner_id:
        return {"status": "creator", "user": user, "is_anonymous": False}
    if not chat.is_private and (user_id in chat.admin_ids or (is_bot and chat.bot_is_admin)):
        rights = dict.fromkeys(_ADMIN_RIGHTS, True)
        return {
            "status": "administrator",
            "user": user,
            "can_be_edited": False,
            "is_anonymous": False,
            "can_promote_members": False,
            **rights,
            **({"can_manage_topics": True} if chat.is_forum else {}),
        }
    if is_bot or chat.is_member(user_id):
        return {"status": "member", "user": user}
    return {"status": "left", "user": user}


async def get_chat_member(call: Call) -> dict[str, Any]:
    chat = target_chat(call.world, call.get("chat_id"), sending=False)
    user_id = call.get("user_id")
    if user_id != call.world.bot.id and user_id not in call.world.accounts:
        raise bad_request("user not found")
    return member(call.world, chat, user_id)


async def get_chat_administrators(call: Call) -> list[dict[str, Any]]:
    chat = target_chat(call.world, call.get("chat_id"), sending=False)
    if chat.is_private:
        raise bad_request("there are no administrators in the private chat")
    ids = [chat.owner_id] if chat.owner_id is not None else []
    ids += chat.admin_ids
    if chat.bot_is_admin:
        ids.append(call.world.bot.id)
    return [member(call.world, chat, user_id) for user_id in ids]


async def create_forum_topic(call: Call) -> dict[str, Any]:
    chat = target_chat(call.world, call.get("chat_id"), sending=False)
    if not chat.is_forum:
        raise bad_request("the chat is not a forum")
    if not chat.bot_is_admin:
        raise bad_request("not enough rights to create a topic")
    name = call.get("name", "")
    if not 1 <= len(name) <= 128:
        raise bad_request("TOPIC_TITLE_EMPTY" if not name else "TOPIC_TITLE_TOO_LONG")
    color = call.get("icon_color", TOPIC_COLORS[0])
    if color not in TOPIC_COLORS:
        raise bad_request("TOPIC_ICON_COLOR_INVALID")
    created: dict[str, Any] = {"name": name, "icon_color": color}
    if call.get("icon_custom_emoji_id"):
        created["icon_custom_emoji_id"] = call.get("icon_custom_emoji_id")
    # The topic's id is the id of its service message, as on Telegram.
    thread_id = chat.last_message_id + 1
    chat.topics[thread_id] = {"message_thread_id": thread_id, **created}
    call.world.post(chat, call.world.bot, {"forum_topic_created": created}, thread_id=thread_id)
    return dict(chat.topics[thread_id])


HANDLERS: dict[str, Handler] = {
    "getChat": get_chat,
    "getChatMember": get_chat_member,
    "getChatAdministrators": get_chat_administrators,
    "createForumTopic": create_forum_topic,
}
