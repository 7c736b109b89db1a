"""Adding an address: its label, then a typed address or a shared location; saving it
follows every kind of outage there (four actions from the menu for a clear address)."""

from typing import Any

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove

from domain.alerts.outages import OutageKind
from domain.alerts.subscriptions import MAX_LABEL, SavedAddress
from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.errors import TooManyAddresses
from domain.services.alert_views import has_room_for_address
from domain.services.subscriptions import add_address
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.alerts import address_keyboards, address_texts, keyboards
from handlers.alerts.callbacks import ALL_KINDS, AlertsAction, AlertsCb, LabelCb
from handlers.alerts.states import AddAddress, address_from_data
from handlers.alerts.texts import district_namer, place_text
from handlers.common import cancel_reply_keyboard
from handlers.replies import drop_buttons, redraw
from handlers.transaction import commit_before_telling


async def save_place(
    message: Message,
    state: FSMContext,
    uow: CityUnitOfWork,
    clock: Clock,
    user: User,
    place: dict[str, Any],
    districts: DistrictDirectory,
) -> None:
    """Save the address following every kind of outage (the kinds can be narrowed after):
    the last step of the form. Outages already on there are told of at once (the outbox)."""
    label = (await state.get_data()).get("label") or "—"
    address = address_from_data(user.id, label, place, clock.now())
    await state.clear()
    try:
        added = await add_address(uow, clock, address, list(OutageKind))
    except TooManyAddresses:
        text = address_texts.too_many_addresses()
        await message.answer(text, reply_markup=ReplyKeyboardRemove())
        return
    await commit_before_telling(uow)
    saved = added.address
    assert saved.id is not None
    await message.answer(_saved_text(saved, user, districts), reply_markup=ReplyKeyboardRemove())
    markup = address_keyboards.followed(saved.id, ALL_KINDS)
    await message.answer(address_texts.following_all(label, added.told), reply_markup=markup)


def _saved_text(saved: SavedAddress, user: User, districts: DistrictDirectory) -> str:
    if saved.street_id is None and saved.district is not None:
        district = districts.name(saved.district, user.locale)
        return address_texts.location_saved(saved.label, district)
    place_line = place_text(saved, district_namer(districts, user.locale))
    done = address_texts.address_saved(saved.label, place_line)
    if saved.lat is not None:
        done += "\n" + address_texts.point_on_street()
    return done


async def ask_place(message: Message, state: FSMContext, label: str) -> None:
    await state.update_data(label=label, candidates=None)
    await state.set_state(AddAddress.place)
    reply = cancel_reply_keyboard(with_location=True)
    await message.answer(address_texts.ask_place(label), reply_markup=reply)


async def start_form(
    query: CallbackQuery, state: FSMContext, uow: CityUnitOfWork, user: User
) -> None:
    # Said before the typing, not after: the eleventh address is refused up front.
    if not await has_room_for_address(uow, user.id):
        await redraw(query, address_texts.too_many_addresses(), keyboards.back_to_alerts())
        return
    await state.set_state(AddAddress.label)
    await redraw(query, address_texts.ask_label(), address_keyboards.label_presets())


async def preset_label(query: CallbackQuery, callback_data: LabelCb, state: FSMContext) -> None:
    if isinstance(query.message, Message):
        await drop_buttons(query.message)
        label = address_keyboards.label_names()[callback_data.preset]
        await ask_place(query.message, state, label)


async def typed_label(message: Message, state: FSMContext) -> None:
    label = (message.text or "").strip()
    if len(label) > MAX_LABEL:
        await message.answer(address_texts.label_too_long())
        return
    await ask_place(message, state, label)


async def label_other(message: Message) -> None:
    await message.answer(address_texts.ask_label(), reply_markup=address_keyboards.label_presets())


def register(router: Router) -> None:
    router.callback_query.register(
        start_form, AlertsCb.filter(F.action == AlertsAction.ADD_ADDRESS)
    )
    router.callback_query.register(preset_label, AddAddress.label, LabelCb.filter())
    router.message.register(typed_label, AddAddress.label, F.text, ~F.text.startswith("/"))
    router.message.register(label_other, AddAddress.label)
