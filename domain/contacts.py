"""City phone numbers residents may need (emergency services, hotlines), with their sources."""

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Contact:
    name_ru: str  # also the key FAQ entries use to refer to a contact
    phone: str  # as published: "+7 (843) 222-72-22", "112", "101 / 102 / 103 / 104"
    purpose: str  # what to call it for, in Russian
    source_url: str  # where the number was found; several are separated by "; "
    scope: str = ""  # where the number works: "Казань", "Россия"
    # The project's translations; empty where there is none yet (Russian is shown then).
    name_tt: str = ""
    name_en: str = ""
    purpose_tt: str = ""
    purpose_en: str = ""

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(url.strip() for url in self.source_url.split(";") if url.strip())

    def name(self, locale: str) -> str:
        by_locale = {"tt": self.name_tt, "en": self.name_en}
        return by_locale.get(locale) or self.name_ru

    def purpose_text(self, locale: str) -> str:
        by_locale = {"tt": self.purpose_tt, "en": self.purpose_en}
        return by_locale.get(locale) or self.purpose


# Whom to ask what the bot does not know: the city's general hotline and «Открытая Казань»
# (names as in data/contacts.csv).
CITY_HOTLINES = (
    "Колл-центр мэрии Казани",
    "«Открытая Казань» (заявки ЖКХ, в т.ч. отопление)",
)


def city_hotlines(contacts: Sequence[Contact]) -> list[Contact]:
    """The city hotlines among the loaded contacts, in `CITY_HOTLINES` order."""
    by_name = {contact.name_ru: contact for contact in contacts}
    return [by_name[name] for name in CITY_HOTLINES if name in by_name]
