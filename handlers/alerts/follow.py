"""Following: outage kinds for an address (exactly the ticked ones) or a district, event
categories for a place."""

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from domain.clock import Clock
from domain.districts import District
from domain.errors import NotFound
from domain.services.alert_views import alert_preferences, district_at, districts_in_order
from domain.services.subscriptions import (
    follow_district,
    follow_events,
    set_outages_at_address,
)
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.alerts import follow_keyboards, follow_texts, keyboards, texts
from handlers.alerts.callbacks import (
    ALL_KINDS,
    CITY_WIDE,
    AlertsAction,
    AlertsCb,
    DistrictPickCb,
    EventPlaceCb,
    EventsCb,
    KindsCb,
    KindsTarget,
    categories_in,
    kinds_in,
)
from handlers.alerts.list_texts import not_your_address
from handlers.alerts.texts import delivery_name, district_text
from handlers.replies import alert, redraw, set_buttons
from handlers.transaction import commit_before_telling


async def _follow_kinds(
    callback_data: KindsCb, uow: CityUnitOfWork, clock: Clock, user: User
) -> str | None:
    """Follows the ticked kinds; the text of what was saved, or None for a stale button."""
    kinds = kinds_in(callback_data.mask)
    if callback_data.target is KindsTarget.ADDRESS:
        try:
            followed = await set_outages_at_address(uow, clock, user.id, callback_data.ref, kinds)
        except NotFound:
            return None
        where = follow_texts.address_where(followed.address.label)
        return follow_texts.kinds_saved(kinds, where) + follow_texts.already_on(followed.told)
    district = await district_at(uow, callback_data.ref)
    if district is None:
        return None
    told = await follow_district(uow, clock, user.id, district.name_ru, kinds)
    where = district_text(district.name(user.locale))
    return follow_texts.kinds_saved(kinds, where) + follow_texts.already_on(told)


async def kind_toggled(query: CallbackQuery, callback_data: KindsCb) -> None:
    """A tick on or off: only the keyboard changes (its buttons carry the new mask)."""
    if isinstance(query.message, Message):
        markup = follow_keyboards.kinds_checklist(
            callback_data.target, callback_data.ref, callback_data.mask
        )
        await set_buttons(query.message, markup)


async def category_toggled(query: CallbackQuery, callback_data: EventsCb) -> None:
    # Back from the choice of a place comes here too: so the text is set again.
    markup = follow_keyboards.events_checklist(callback_data.mask)
    await redraw(query, follow_texts.pick_categories(), markup)


async def kinds_saved(
    query: CallbackQuery,
    callback_data: KindsCb,
    uow: CityUnitOfWork,
    clock: Clock,
    user: User,
    callback_answer: CallbackAnswer,
) -> None:
    if not kinds_in(callback_data.mask):
        alert(callback_answer, follow_texts.nothing_ticked())
        return
    done = await _follow_kinds(callback_data, uow, clock, user)
    if done is None:
        alert(callback_answer, not_your_address())
        return
    await commit_before_telling(uow)
    await redraw(query, done, keyboards.back_to_alerts())


async def pick_district(query: CallbackQuery, uow: CityUnitOfWork, user: User) -> None:
    districts = await districts_in_order(uow)
    markup = follow_keyboards.districts_for_outages(districts, user.locale)
    await redraw(query, follow_texts.pick_district(), markup)


async def district_picked(
    query: CallbackQuery,
    callback_data: DistrictPickCb,
    uow: CityUnitOfWork,
    user: User,
    callback_answer: CallbackAnswer,
) -> None:
    district = await district_at(uow, callback_data.index)
    if district is None:
        alert(callback_answer, texts.stale())
        return
    markup = follow_keyboards.kinds_checklist(KindsTarget.DISTRICT, callback_data.index, ALL_KINDS)
    await redraw(query, follow_texts.kinds_for_district(district.name(user.locale)), markup)


async def pick_categories(query: CallbackQuery) -> None:
    await redraw(query, follow_texts.pick_categories(), follow_keyboards.events_checklist(0))


async def pick_event_place(
    query: CallbackQuery,
    callback_data: EventsCb,
    uow: CityUnitOfWork,
    user: User,
    callback_answer: CallbackAnswer,
) -> None:
    categories = categories_in(callback_data.mask)
    if not categories:
        alert(callback_answer, follow_texts.nothing_ticked())
        return
    districts = await districts_in_order(uow)
    markup = follow_keyboards.event_places(callback_data.mask, districts, user.locale)
    await redraw(query, follow_texts.pick_event_place(categories), markup)


async def events_followed(
    query: CallbackQuery,
    callback_data: EventPlaceCb,
    uow: CityUnitOfWork,
    clock: Clock,
    user: User,
    callback_answer: CallbackAnswer,
) -> None:
    categories = categories_in(callback_data.mask)
    district: District | None = None
    if callback_data.index != CITY_WIDE:
        district = await district_at(uow, callback_data.index)
    if not categories or (district is None and callback_data.index != CITY_WIDE):
        alert(callback_answer, texts.stale())
        return
    district_key = district.name_ru if district is not None else None
    await follow_events(uow, clock, user.id, categories, district_key)
    await commit_before_telling(uow)
    where = district_text(district.name(user.locale)) if district else follow_texts.city()
    preferences = await alert_preferences(uow, user.id)
    text = follow_texts.events_saved(categories, where, delivery_name(preferences.events))
    await redraw(query, text, keyboards.back_to_alerts())


def register(router: Router) -> None:
    router.callback_query.register(kind_toggled, KindsCb.filter(~F.save))
    router.callback_query.register(category_toggled, EventsCb.filter(~F.done))
    router.callback_query.register(kinds_saved, KindsCb.filter(F.save))
    router.callback_query.register(
        pick_district, AlertsCb.filter(F.action == AlertsAction.DISTRICT_OUTAGES)
    )
    router.callback_query.register(district_picked, DistrictPickCb.filter())
    router.callback_query.register(
        pick_categories, AlertsCb.filter(F.action == AlertsAction.EVENTS)
    )
    router.callback_query.register(pick_event_place, EventsCb.filter(F.done))
    router.callback_query.register(events_followed, EventPlaceCb.filter())
