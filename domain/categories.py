"""Problem categories with their promised response times."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    name_ru: str
    name_tt: str
    name_en: str
    first_response_hours: int
    resolution_working_days: int
    position: int = 0

    def name(self, locale: str) -> str:
        by_locale = {"ru": self.name_ru, "tt": self.name_tt, "en": self.name_en}
        return by_locale.get(locale) or self.name_ru
