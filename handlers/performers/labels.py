"""How a profile reads: names of genres, sound levels and equipment, and the profile's lines.

Shared by the performer's own screens and the staff card, so both show the same words.
"""

from aiogram import html
from aiogram.utils.i18n import gettext as _

from domain.booking.performers import Genre, Performer
from domain.booking.sites import Equipment, Sound


def genre_name(genre: Genre) -> str:
    return {
        Genre.MUSIC: _("🎵 Музыка"),
        Genre.DANCE: _("💃 Танец"),
        Genre.THEATRE: _("🎭 Театр"),
        Genre.CIRCUS: _("🤹 Цирк"),
        Genre.VISUAL_ART: _("🎨 Изобразительное искусство"),
        Genre.OTHER: _("✨ Другое"),
    }[genre]


def sound_name(sound: Sound) -> str:
    return {
        Sound.ACOUSTIC: _("🎻 Акустика"),
        Sound.UP_TO_60_DB: _("🔉 До 60 дБ"),
        Sound.UP_TO_90_DB: _("🔊 До 90 дБ"),
    }[sound]


def sound_explained(sound: Sound) -> str:
    """One plain line a street musician can place themselves by, without a sound meter."""
    return {
        Sound.ACOUSTIC: _("голос и гитара без усилителя"),
        Sound.UP_TO_60_DB: _("небольшая колонка, громкость как у разговора"),
        Sound.UP_TO_90_DB: _("усилитель или барабаны, слышно через улицу"),
    }[sound]


def equipment_name(item: Equipment) -> str:
    return {
        Equipment.AMPLIFIER: _("Усилитель, колонка"),
        Equipment.MICROPHONE: _("Микрофон"),
        Equipment.DRUMS: _("Барабаны"),
        Equipment.STAND: _("Стойка, мольберт, столик"),
        Equipment.PROPS: _("Реквизит"),
        Equipment.POWER: _("Нужна розетка"),
    }[item]


def equipment_text(items: frozenset[Equipment]) -> str:
    chosen = [equipment_name(item) for item in Equipment if item in items]
    return ", ".join(chosen) if chosen else _("ничего")


def group_text(size: int) -> str:
    return _("один человек") if size == 1 else _("{count} чел.").format(count=size)


def profile_lines(profile: Performer) -> list[str]:
    """Every field, with the person's own words escaped."""
    lines = [
        f"<b>{html.quote(profile.stage_name)}</b>",
        _("Жанр: {genre}").format(genre=genre_name(profile.genre)),
        _("Состав: {group}").format(group=group_text(profile.group_size)),
        _("Звук: {sound} — {explained}").format(
            sound=sound_name(profile.sound), explained=sound_explained(profile.sound)
        ),
        _("Оборудование: {items}").format(items=equipment_text(profile.equipment)),
    ]
    if profile.description:
        lines.append(_("О себе: {text}").format(text=html.quote(profile.description)))
    for link in profile.links:
        lines.append(f"🔗 {html.quote(link)}")
    return lines
