"""A request's card in the staff chat as a message: its text and buttons, in `locale`."""

from datetime import datetime

from aiogram.types import InlineKeyboardMarkup

from domain.districts import DistrictDirectory
from domain.services.staff_card_view import StaffCardView
from handlers.staff import texts
from handlers.staff.keyboards import staff_card as staff_card_keyboard


def card_message(
    view: StaffCardView, locale: str, now: datetime, districts: DistrictDirectory
) -> tuple[str, InlineKeyboardMarkup | None]:
    request = view.request
    district = districts.name(request.place.district, locale) if request.place.district else None
    text = texts.staff_card(
        request,
        view.category,
        view.history,
        locale,
        now,
        district,
        phone=view.phone,
        assignee=view.assignee,
        department=view.department.name(locale) if view.department else None,
        public_photos=len(view.public_photos),
    )
    return text, staff_card_keyboard(request, view.audience, view.public_photos)
