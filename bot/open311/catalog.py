"""The city's categories as GeoReport v2 services: groups, keywords, attributes.

A service is a category of data/categories.csv (service_code = its code). The spec's texts
are one language per endpoint; Kazan's is Russian (the English and Tatar names are among the
keywords, so a partner app can find a service in either). A category gets attributes where
staff need one more fact to act: the answer is added to the request's description as a line
("Фонарь: не горит"), which is what staff read in the card.
"""

from dataclasses import dataclass
from typing import Any

from domain.categories import Category

# The spec's `group`: the city's service areas, for apps that show services in sections.
GROUPS = {
    "roads": "Дороги",
    "snow": "Дороги",
    "transport": "Дороги",
    "yards": "Благоустройство",
    "parks": "Благоустройство",
    "lighting": "Освещение",
    "waste": "Отходы",
    "water_heating": "ЖКХ",
    "noise": "Общественный порядок",
}
OTHER_GROUP = "Прочее"


@dataclass(frozen=True, slots=True)
class Attribute:
    code: str
    label: str  # how the answer is introduced in the description staff read
    question: str  # the spec's `description`: the question an app asks
    values: tuple[tuple[str, str], ...]  # (key, name) of a singlevaluelist
    required: bool = False

    def as_data(self, order: int) -> dict[str, Any]:
        return {
            "variable": True,
            "code": self.code,
            "datatype": "singlevaluelist",
            "required": self.required,
            "datatype_description": None,
            "order": order,
            "description": self.question,
            "values": [{"key": key, "name": name} for key, name in self.values],
        }

    def line(self, key: str) -> str | None:
        """The description's line for an answer; None for a key that is not a value."""
        names = dict(self.values)
        return f"{self.label}: {names[key]}" if key in names else None


ATTRIBUTES: dict[str, tuple[Attribute, ...]] = {
    "lighting": (
        Attribute(
            "LAMP",
            "Фонарь",
            "Что с фонарём?",
            (
                ("off", "не горит"),
                ("flickers", "мигает"),
                ("day", "горит днём"),
                ("damaged", "повреждены опора или провода"),
            ),
        ),
    ),
    "roads": (
        Attribute(
            "HAZARD",
            "Опасно для движения",
            "Мешает ли это движению машин или пешеходов?",
            (("yes", "да"), ("no", "нет")),
        ),
    ),
}


def attributes_of(code: str) -> tuple[Attribute, ...]:
    return ATTRIBUTES.get(code, ())


def service_data(category: Category) -> dict[str, Any]:
    """One entry of services.{json,xml}, in the spec's field order."""
    return {
        "service_code": category.code,
        "service_name": category.name_ru,
        "description": (
            f"{category.name_ru}. Первый ответ — в течение {category.first_response_hours} ч, "
            f"решение — до {category.resolution_working_days} рабочих дней."
        ),
        "metadata": bool(attributes_of(category.code)),
        "type": "realtime",  # a POST answers the service_request_id at once (no tokens)
        "keywords": ", ".join(name for name in (category.name_en, category.name_tt) if name),
        "group": GROUPS.get(category.code, OTHER_GROUP),
    }


def definition_data(code: str) -> dict[str, Any]:
    """services/{code}.{json,xml}: the service's attributes (none for most)."""
    attributes = attributes_of(code)
    return {
        "service_code": code,
        "attributes": [a.as_data(order) for order, a in enumerate(attributes, start=1)],
    }
