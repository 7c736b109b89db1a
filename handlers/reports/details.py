"""Steps 3–4 of the report: photos (albums welcome), then the description.

The photo step ends with the description itself, typed or a photo's caption; «Готово» is only
for going on to type it. Photos sent at other steps are kept (see `photos`).
"""

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.types import CallbackQuery, Message

from handlers.reports import keyboards, photos, texts
from handlers.reports.callbacks import PhotosCb
from handlers.reports.form import Form
from handlers.reports.navigation import next_after, redraw_summary
from handlers.reports.outage_offer import offer_outage
from handlers.reports.states import ReportForm

# Where a photo arrives before (or after) its step, and what that step still waits for.
OUT_OF_STEP_HINTS = {
    ReportForm.category.state: texts.category_hint,
    ReportForm.place.state: texts.place_hint,
    ReportForm.description.state: texts.description_hint,
    ReportForm.outage.state: texts.outage_offer_hint,
}


async def described(message: Message, form: Form) -> None:
    """The description is in: the outage detour, or on to the summary."""
    if not await offer_outage(message, form, "description"):
        await next_after("description", message, form)


async def _photo_in_step(message: Message, form: Form) -> None:
    count = await photos.keep(message, form)
    if await photos.take_caption(message, form):
        await photos.close_step(message, form)
        await described(message, form)
        return
    if count is None:
        return
    markup = keyboards.photos(has_photos=True)
    status_id = await photos.show_status(
        message, form, "photo_status_id", texts.photos_received(count), markup
    )
    buttons: list[int] = (await form.state.get_data()).get("photo_buttons") or []
    if status_id not in buttons:
        await form.state.update_data(photo_buttons=[*buttons, status_id])


async def _photo_out_of_step(message: Message, form: Form, state: str) -> None:
    count = await photos.keep(message, form)
    caption_taken = await photos.take_caption(message, form)
    if caption_taken and state == ReportForm.description.state:
        await described(message, form)
        return
    if count is None:
        return
    data = await form.state.get_data()
    # One status per step, kept while an album arrives; "described" stays once a caption was.
    same_step = data.get("kept_step") == state
    was_described = same_step and bool(data.get("kept_described"))
    is_described = bool(caption_taken) or was_described
    await form.state.update_data(
        kept_step=state,
        kept_described=is_described,
        kept_status_id=data.get("kept_status_id") if same_step else None,
    )
    text = f"{texts.photos_kept(count, is_described)}\n\n{OUT_OF_STEP_HINTS[state]()}"
    await photos.show_status(message, form, "kept_status_id", text, None)


async def photo(message: Message, form: Form) -> None:
    await _photo_in_step(message, form)


async def photo_out_of_step(message: Message, form: Form) -> None:
    state = await form.state.get_state()
    assert state is not None
    await _photo_out_of_step(message, form, state)


async def photo_after_summary(message: Message, form: Form) -> None:
    # The rest of an album whose caption already finished the form, or one more photo.
    before = await form.state.get_data()
    await photos.keep(message, form)
    await photos.take_caption(message, form)
    after = await form.state.get_data()
    if (before.get("photos"), before.get("description")) != (
        after.get("photos"),
        after.get("description"),
    ):
        await redraw_summary(message, form)


async def photos_done(query: CallbackQuery, form: Form) -> None:
    if not isinstance(query.message, Message):
        return
    await photos.close_step(query.message, form)
    await next_after("photos", query.message, form)


async def description_ends_photos(message: Message, form: Form) -> None:
    assert message.text is not None
    if await photos.description_from(message, form, message.text, caption=False):
        await photos.close_step(message, form)
        await described(message, form)


async def photos_other(message: Message) -> None:
    await message.answer(texts.photos_hint())


async def description(message: Message, form: Form) -> None:
    assert message.text is not None
    if await photos.description_from(message, form, message.text, caption=False):
        await described(message, form)


async def description_other(message: Message) -> None:
    await message.answer(texts.description_hint())


def register(router: Router) -> None:
    router.message.register(photo, ReportForm.photos, F.photo)
    router.message.register(photo_out_of_step, StateFilter(*OUT_OF_STEP_HINTS), F.photo)
    router.message.register(photo_after_summary, ReportForm.summary, F.photo)
    router.callback_query.register(photos_done, ReportForm.photos, PhotosCb.filter())
    router.message.register(
        description_ends_photos, ReportForm.photos, F.text, ~F.text.startswith("/")
    )
    router.message.register(photos_other, ReportForm.photos)
    router.message.register(description, ReportForm.description, F.text, ~F.text.startswith("/"))
    router.message.register(description_other, ReportForm.description)
