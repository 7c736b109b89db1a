"""A detour of the report form: "no water" where a known outage already covers the address.

Filing would only add a request staff can do nothing about, so the form stops and offers to
follow the outage (its "restored" message reaches the resident) or to file anyway. The
detour is offered once per form: after "file anyway" the form goes on as if it never was.
"""

import re

from aiogram import Router
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from domain.alerts.crowd_rules import CrowdRules
from domain.alerts.outages import OutageKind
from domain.errors import DomainError
from domain.services.crowd import note_declined
from domain.services.outages import covering, follow_where_reported
from handlers.alerts.texts import OUTAGE_MARKS, end_text, outage_kind_name
from handlers.menu import main_menu
from handlers.replies import alert, drop_buttons
from handlers.reports import keyboards, texts
from handlers.reports.callbacks import OutageOfferAction, OutageOfferCb
from handlers.reports.form import Form
from handlers.reports.navigation import next_after
from handlers.reports.states import ReportForm, place_from_data
from handlers.transaction import commit_before_telling

WATER_CATEGORY = "water_heating"  # data/categories.csv
WATER_KINDS = (OutageKind.COLD_WATER, OutageKind.HOT_WATER)
# "нет воды", "воды нет", "без воды", "отключили воду", and the same in Tatar and English.
NO_WATER = re.compile(
    r"нет\s+(?:\w+\s+)?воды|вод[аы]\s+нет|без\s+(?:\w+\s+)?воды|отключ\w*\s+(?:\w+\s+)?вод"
    r"|су\s+юк|no\s+(?:\w+\s+)?water",
    re.IGNORECASE,
)


def about_water(category: str | None, description: str | None) -> bool:
    return category == WATER_CATEGORY or bool(description and NO_WATER.search(description))


async def offer_outage(message: Message, form: Form, step: str) -> bool:
    """After `step` (the place or the description): True when the form stopped to offer
    following a known water outage instead of filing."""
    data = await form.state.get_data()
    place = place_from_data(data.get("place"))
    if data.get("outage_declined") or place is None:
        return False
    if not about_water(data.get("category"), data.get("description")):
        return False
    found = await covering(
        form.uow, form.clock, place.street_id, place.house, place.district, WATER_KINDS
    )
    if not found:
        return False
    outage = found[0]
    await form.state.update_data(
        outage_kind=outage.kind.value, outage_id=outage.id, resume_after=step
    )
    await form.state.set_state(ReportForm.outage)
    kind = f"{OUTAGE_MARKS[outage.kind]} {outage_kind_name(outage.kind)}"
    end = end_text(outage, form.clock.now())
    await message.answer(texts.outage_known(kind, end), reply_markup=keyboards.outage_offer())
    return True


async def _follow(message: Message, form: Form, answer: CallbackAnswer) -> None:
    data = await form.state.get_data()
    place = place_from_data(data.get("place"))
    if place is None or data.get("outage_kind") not in {k.value for k in OutageKind}:
        alert(answer, texts.stale_form())
        return
    try:
        await follow_where_reported(
            form.uow,
            form.clock,
            form.user.id,
            OutageKind(data["outage_kind"]),
            street_id=place.street_id,
            house=place.house,
            district=place.district,
            text=place.label,
            label=_("Заявка"),
        )
    except DomainError:
        alert(answer, texts.stale_form())
        return
    await form.state.clear()  # in the same transaction as the subscription
    await commit_before_telling(form.uow)
    await drop_buttons(message)
    await message.answer(texts.following_outage(), reply_markup=main_menu())


async def outage_offer(
    query: CallbackQuery,
    callback_data: OutageOfferCb,
    form: Form,
    crowd_rules: CrowdRules,
    callback_answer: CallbackAnswer,
) -> None:
    if not isinstance(query.message, Message):
        return
    if callback_data.action is OutageOfferAction.FOLLOW:
        await _follow(query.message, form, callback_answer)
        return
    data = await form.state.get_data()
    step = data.get("resume_after") or "place"
    place, declined = place_from_data(data.get("place")), data.get("outage_id")
    if place is not None and isinstance(declined, int):
        # "Not this outage": water is off here for another reason, perhaps for neighbours too.
        await note_declined(form.uow, form.clock, crowd_rules, form.user.id, place, declined)
    await form.state.update_data(outage_declined=True, declined_outage_id=declined)
    await drop_buttons(query.message)
    await next_after(step, query.message, form)


async def outage_offer_stale(query: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    alert(callback_answer, texts.stale_form())  # an old offer, the form has moved on


async def outage_other(message: Message) -> None:
    await message.answer(texts.outage_offer_hint())


def register(router: Router) -> None:
    router.callback_query.register(outage_offer, ReportForm.outage, OutageOfferCb.filter())
    router.callback_query.register(outage_offer_stale, OutageOfferCb.filter())
    router.message.register(outage_other, ReportForm.outage)
