"""City phone numbers residents may need (emergency services, hotlines), with their sources."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Contact:
    name_ru: str  # also the key FAQ entries use to refer to a contact
    phone: str  # as published: "+7 (843) 222-72-22", "112", "101 / 102 / 103 / 104"
    purpose: str  # what to call it for, in Russian
    source_url: str  # where the number was found; several are separated by "; "
    scope: str = ""  # where the number works: "Казань", "Россия"

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(url.strip() for url in self.source_url.split(";") if url.strip())
