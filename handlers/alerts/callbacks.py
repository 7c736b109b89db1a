"""Buttons of the alert settings: short prefixes, ids and bit masks (64 bytes at most).

Checklists keep their ticks in the button data itself (a bit mask), not in the form: a
checklist needs no state, survives restarts, and an old one still works when pressed.
"""

from datetime import time
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from domain.alerts.events import EventCategory
from domain.alerts.outages import OutageKind
from domain.alerts.subscriptions import EventDelivery, QuietHours


class AlertsAction(StrEnum):
    HOME = "h"
    OFF_NOW = "o"
    ADDRESSES = "a"
    SUBSCRIPTIONS = "s"
    ADD_ADDRESS = "n"
    DISTRICT_OUTAGES = "d"
    EVENTS = "e"
    QUIET = "q"
    DELIVERY = "dl"


class AlertsCb(CallbackData, prefix="ah"):
    action: AlertsAction
    page: int = 0  # the subscriptions list is paged


class LabelPreset(StrEnum):
    HOME = "h"
    WORK = "w"
    PARENTS = "p"


class LabelCb(CallbackData, prefix="alb"):
    preset: LabelPreset


class KindsTarget(StrEnum):
    ADDRESS = "a"
    DISTRICT = "d"


class KindsCb(CallbackData, prefix="ak"):
    """The outage kinds checklist for a saved address or a whole district."""

    target: KindsTarget
    ref: int  # the saved address id, or the district's position in the directory
    mask: int  # ticked kinds, bit i = i-th OutageKind
    save: bool = False


class DistrictPickCb(CallbackData, prefix="adp"):
    """A district chosen for outage subscriptions."""

    index: int


class EventsCb(CallbackData, prefix="aev"):
    """The event categories checklist; `done` moves on to the choice of a district."""

    mask: int  # ticked categories, bit i = i-th EventCategory
    done: bool = False


class EventPlaceCb(CallbackData, prefix="aep"):
    mask: int
    index: int  # the district's position in the directory; CITY_WIDE for the whole city


CITY_WIDE = -1


class SubDropCb(CallbackData, prefix="asx"):
    """One-tap unsubscribe in the list; ownership is checked by the service."""

    subscription_id: int
    page: int = 0


class AddressDropCb(CallbackData, prefix="arm"):
    address_id: int
    confirm: bool = False


class QuietPreset(StrEnum):
    EVENING = "22"  # 22:00-08:00, the default
    LATE = "23"  # 23:00-07:00
    MIDNIGHT = "0"  # 00:00-09:00
    OFF = "off"


class QuietCb(CallbackData, prefix="aq"):
    preset: QuietPreset


class DeliveryCb(CallbackData, prefix="adv"):
    delivery: EventDelivery


# Bit masks of the checklists: enum order is the bit order (new members go at the end).
def kinds_in(mask: int) -> list[OutageKind]:
    return [kind for bit, kind in enumerate(OutageKind) if mask >> bit & 1]


def categories_in(mask: int) -> list[EventCategory]:
    return [category for bit, category in enumerate(EventCategory) if mask >> bit & 1]


def bit_of(member: OutageKind | EventCategory) -> int:
    return 1 << list(type(member)).index(member)


ALL_KINDS = (1 << len(OutageKind)) - 1

QUIET_PRESETS: dict[QuietPreset, QuietHours | None] = {
    QuietPreset.EVENING: QuietHours(time(22, 0), time(8, 0)),
    QuietPreset.LATE: QuietHours(time(23, 0), time(7, 0)),
    QuietPreset.MIDNIGHT: QuietHours(time(0, 0), time(9, 0)),
    QuietPreset.OFF: None,
}


class AlertUnsubCb(CallbackData, prefix="au"):
    """The "unsubscribe from this kind" button under every alert: an OutageKind or an
    EventCategory value (their values never clash; a topic's ':' cannot go in callback data)."""

    kind: str


class SuspectedAction(StrEnum):
    CONFIRM = "c"
    DISMISS = "d"


class SuspectedCb(CallbackData, prefix="so"):
    """A suspected outage's card in the staff chat: confirm it, or dismiss it with a reason."""

    suspicion_id: int
    action: SuspectedAction


class BackCb(CallbackData, prefix="ib"):
    """ "Is it back?" under a "restored" message: the outage, the saved address it reached the
    person at (whose building the answer counts for), and the answer (1: yes, 0: still off)."""

    outage_id: int
    address_id: int
    back: int
