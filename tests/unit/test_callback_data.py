"""Every button's callback data fits Telegram's 64-byte limit, even with the largest ids."""

import csv
from pathlib import Path

import pytest
from aiogram.filters.callback_data import CallbackData

from domain.alerts.subscriptions import EventDelivery
from domain.booking.performers import Genre
from domain.booking.sites import Equipment, Sound
from domain.users import SUPPORTED_LOCALES
from handlers.address_choice import AddressCb
from handlers.alerts.callbacks import (
    ALL_KINDS,
    CITY_WIDE,
    AddressDropCb,
    AlertsAction,
    AlertsCb,
    DeliveryCb,
    DistrictPickCb,
    EventPlaceCb,
    EventsCb,
    KindsCb,
    KindsTarget,
    LabelCb,
    LabelPreset,
    QuietCb,
    QuietPreset,
    SubDropCb,
)
from handlers.booking.callbacks import (
    BrowseAction,
    BrowseCb,
    CalendarCb,
    CalendarNote,
    CalendarNoteCb,
    DayCb,
    MineAction,
    MineCb,
    SiteCb,
    SlotAction,
    SlotCb,
)
from handlers.menu import LangCb, MenuAction, MenuCb
from handlers.my_requests.callbacks import PageCb, RateCb, RequestAction, RequestCb
from handlers.performers.callbacks import (
    GROUP_MORE,
    EquipmentCb,
    GenreCb,
    GroupCb,
    PerformerDecision,
    ProfileAction,
    ProfileCb,
    SoundCb,
    StaffPerformerCb,
    StepAction,
    StepCb,
)
from handlers.reports.callbacks import (
    CategoryCb,
    JoinCb,
    PhotosAction,
    PhotosCb,
    SummaryAction,
    SummaryCb,
)
from handlers.staff.callbacks import StaffAction, StaffCb, TemplateCb

LIMIT = 64
BIGGEST_ID = 999_999_999  # KZN numbers have 6 digits today; leave room for 1,000x growth
CATEGORIES = Path(__file__).resolve().parents[2] / "data" / "categories.csv"


def every_button() -> list[CallbackData]:
    with CATEGORIES.open(encoding="utf-8") as file:
        codes = [row["code"] for row in csv.DictReader(file)]
    return [
        *(MenuCb(action=a) for a in MenuAction),
        *(LangCb(locale=code) for code in SUPPORTED_LOCALES),
        *(CategoryCb(code=code) for code in codes),
        AddressCb(index=-1),
        AddressCb(index=99),
        *(PhotosCb(action=a) for a in PhotosAction),
        *(SummaryCb(action=a) for a in SummaryAction),
        JoinCb(request_id=BIGGEST_ID),
        *(RequestCb(action=a, request_id=BIGGEST_ID, page=9_999) for a in RequestAction),
        PageCb(page=9_999),
        *(RateCb(request_id=BIGGEST_ID, stars=n) for n in range(1, 6)),
        *(StaffCb(action=a, request_id=BIGGEST_ID) for a in StaffAction),
        TemplateCb(template_id=BIGGEST_ID),
        *alert_buttons(),
        *booking_buttons(),
        *performer_buttons(),
    ]


def booking_buttons() -> list[CallbackData]:
    far_future = 4_102_444_800  # 2100-01-01 in Unix seconds
    last_day = 767_009  # date(2100, 12, 31).toordinal()
    return [
        *(BrowseCb(action=a) for a in BrowseAction),
        SiteCb(site_id=BIGGEST_ID),
        CalendarCb(site_id=BIGGEST_ID, page=-1),
        *(CalendarNoteCb(note=n, day=last_day) for n in CalendarNote),
        DayCb(site_id=BIGGEST_ID, day=last_day),
        *(SlotCb(action=a, site_id=BIGGEST_ID, at=far_future) for a in SlotAction),
        *(MineCb(action=a, booking_id=BIGGEST_ID) for a in MineAction),
    ]


def alert_buttons() -> list[CallbackData]:
    every_category = 2**16 - 1  # room for twice as many event categories as today
    return [
        *(AlertsCb(action=a, page=9_999) for a in AlertsAction),
        *(LabelCb(preset=p) for p in LabelPreset),
        *(KindsCb(target=t, ref=BIGGEST_ID, mask=ALL_KINDS, save=True) for t in KindsTarget),
        DistrictPickCb(index=99),
        EventsCb(mask=every_category, done=True),
        EventPlaceCb(mask=every_category, index=CITY_WIDE),
        SubDropCb(subscription_id=BIGGEST_ID, page=9_999),
        AddressDropCb(address_id=BIGGEST_ID, confirm=True),
        *(QuietCb(preset=p) for p in QuietPreset),
        *(DeliveryCb(delivery=d) for d in EventDelivery),
    ]


def performer_buttons() -> list[CallbackData]:
    latest = 4_102_444_800_000  # a profile changed in 2100, in milliseconds
    return [
        *(GenreCb(genre=g) for g in Genre),
        *(GroupCb(size=n) for n in (GROUP_MORE, 1, 4)),
        *(SoundCb(level=int(s)) for s in Sound),
        *(EquipmentCb(item=e) for e in Equipment),
        *(StepCb(action=a) for a in StepAction),
        *(ProfileCb(action=a) for a in ProfileAction),
        *(
            StaffPerformerCb(action=a, performer_id=BIGGEST_ID, revision=latest)
            for a in PerformerDecision
        ),
    ]


@pytest.mark.parametrize("button", every_button(), ids=repr)
def test_fits_and_round_trips(button: CallbackData) -> None:
    packed = button.pack()
    assert len(packed.encode()) <= LIMIT, packed
    assert type(button).unpack(packed) == button


def test_prefixes_are_unique() -> None:
    prefixes = [cls.__prefix__ for cls in CallbackData.__subclasses__()]
    assert len(prefixes) == len(set(prefixes))
