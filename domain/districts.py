"""Kazan's city districts, named in each of the bot's languages."""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class District:
    name_ru: str  # the natural key, as in addresses and in requests
    name_tt: str
    name_en: str

    def name(self, locale: str) -> str:
        by_locale = {"ru": self.name_ru, "tt": self.name_tt, "en": self.name_en}
        return by_locale.get(locale) or self.name_ru


class DistrictDirectory:
    """Look-up of a district's name in a language; unknown names are shown as stored."""

    def __init__(self, districts: Iterable[District]) -> None:
        self._by_ru = {d.name_ru: d for d in districts}

    def name(self, name_ru: str, locale: str) -> str:
        district = self._by_ru.get(name_ru)
        return district.name(locale) if district is not None else name_ru

    def __len__(self) -> int:
        return len(self._by_ru)

    def names(self) -> frozenset[str]:
        """The Russian names: the districts' keys everywhere in storage and the API."""
        return frozenset(self._by_ru)
