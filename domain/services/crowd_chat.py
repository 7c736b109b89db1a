"""Where the crowd's staff cards go when departments have chats of their own.

A suspected outage and a building's reopened outage are cards about water, heating or power
at a place: they go where that place's requests of the same category go (data/departments.csv
routes "water_heating" to the Committee for Housing and Utilities), so the department that
answers for the residents' requests is also the one that confirms the outage. Power has no
category of residents' requests: its cards stay in the main staff chat.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from domain.alerts.outages import OutageKind
from domain.departments import DepartmentRepository, card_chat, route_department

WATER_HEATING = "water_heating"  # data/categories.csv
CARD_CATEGORY: Mapping[OutageKind, str] = {
    OutageKind.COLD_WATER: WATER_HEATING,
    OutageKind.HOT_WATER: WATER_HEATING,
    OutageKind.HEATING: WATER_HEATING,
}


@dataclass(frozen=True, slots=True)
class CardPlace:
    chat_id: int
    thread_id: int | None  # the department's forum topic; None: the chat's main thread


async def crowd_card_place(
    departments: DepartmentRepository,
    staff_chat_id: int | None,
    kind: OutageKind,
    district: str | None,
) -> CardPlace | None:
    """The department's chat (and topic) for the kind's category in the district, else the
    main staff chat; None when there is no staff chat at all (nothing is posted)."""
    if staff_chat_id is None:
        return None
    category = CARD_CATEGORY.get(kind)
    if category is None:
        return CardPlace(staff_chat_id, None)
    code = route_department(await departments.routes(), category, district)
    department = await departments.get(code) if code is not None else None
    chat_id = card_chat(department, staff_chat_id)
    assert chat_id is not None
    thread = department.thread_id if department is not None else None
    return CardPlace(chat_id, thread)
