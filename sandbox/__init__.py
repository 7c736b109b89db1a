"""A local stand-in for the Telegram Bot API: server, in-memory world, test driver.

Point aiogram at it with ``TelegramAPIServer.from_base(stand_in.base_url)``.
"""

from sandbox.driver import Group, NoReply, Person, UpdateDropped
from sandbox.events import EventBus, EventKind, WorldEvent
from sandbox.pacing import Pacing
from sandbox.people import add_group, add_person
from sandbox.server import BotApiStandIn, CallRecord
from sandbox.state import StandInConfig
from sandbox.views import SentMessage
from sandbox.world import World

__all__ = [
    "BotApiStandIn",
    "CallRecord",
    "EventBus",
    "EventKind",
    "Group",
    "NoReply",
    "Pacing",
    "Person",
    "SentMessage",
    "StandInConfig",
    "UpdateDropped",
    "World",
    "WorldEvent",
    "add_group",
    "add_person",
]
