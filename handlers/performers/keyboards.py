"""Keyboards of the profile form and the profile screen: pure functions of what they show."""

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from domain.booking.performers import Genre, PerformerStatus
from domain.booking.sites import Equipment, Sound
from handlers.art_prospect import ArtAction, ArtCb
from handlers.keyboard_builder import InlineKeyboardBuilder
from handlers.performers.callbacks import (
    GROUP_MORE,
    EquipmentCb,
    GenreCb,
    GroupCb,
    ProfileAction,
    ProfileCb,
    SoundCb,
    StepAction,
    StepCb,
)
from handlers.performers.labels import equipment_name, genre_name, sound_name


def genres() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for genre in Genre:
        kb.button(text=genre_name(genre), callback_data=GenreCb(genre=genre))
    kb.adjust(2)
    return kb.as_markup()


def group_sizes() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for size in range(1, 5):
        kb.button(text=str(size), callback_data=GroupCb(size=size))
    kb.button(text="5+", callback_data=GroupCb(size=GROUP_MORE))
    kb.adjust(5)
    return kb.as_markup()


def sounds() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for sound in Sound:
        kb.button(text=sound_name(sound), callback_data=SoundCb(level=int(sound)))
    kb.adjust(1)
    return kb.as_markup()


def equipment(ticked: frozenset[Equipment]) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for item in Equipment:
        mark = "✅" if item in ticked else "⬜"
        kb.button(text=f"{mark} {equipment_name(item)}", callback_data=EquipmentCb(item=item))
    kb.button(text=_("Готово"), callback_data=StepCb(action=StepAction.DONE))
    kb.adjust(2, 2, 2, 1)
    return kb.as_markup()


def step(*actions: StepAction, skip: str | None = None) -> InlineKeyboardMarkup:
    """The optional steps' buttons: skip (or remove, when editing), keep what was, or done."""
    labels = {
        StepAction.DONE: _("Готово"),
        StepAction.SKIP: skip or _("Пропустить"),
        StepAction.KEEP: _("Оставить как было"),
    }
    kb = InlineKeyboardBuilder()
    for action in actions:
        kb.button(text=labels[action], callback_data=StepCb(action=action))
    kb.adjust(1)
    return kb.as_markup()


def summary(needs_look: bool) -> InlineKeyboardMarkup:
    def edit(text: str, action: ProfileAction) -> None:
        kb.button(text=text, callback_data=ProfileCb(action=action))

    kb = InlineKeyboardBuilder()
    edit(_("📨 Отправить на проверку") if needs_look else _("💾 Сохранить"), ProfileAction.SUBMIT)
    edit(_("✏️ Имя"), ProfileAction.EDIT_NAME)
    edit(_("✏️ Жанр"), ProfileAction.EDIT_GENRE)
    edit(_("✏️ Состав"), ProfileAction.EDIT_GROUP)
    edit(_("✏️ Звук"), ProfileAction.EDIT_SOUND)
    edit(_("✏️ Оборудование"), ProfileAction.EDIT_EQUIPMENT)
    edit(_("✏️ Описание"), ProfileAction.EDIT_DESCRIPTION)
    edit(_("✏️ Ссылки"), ProfileAction.EDIT_LINKS)
    edit(_("✖️ Отменить"), ProfileAction.CANCEL)
    kb.adjust(1, 2, 2, 2, 1, 1)
    return kb.as_markup()


def profile(status: PerformerStatus | None) -> InlineKeyboardMarkup:
    """Under "my profile": fill it in, change it, and book once it is approved."""
    kb = InlineKeyboardBuilder()
    if status is None:
        kb.button(text=_("📝 Заполнить анкету"), callback_data=ArtCb(action=ArtAction.REGISTER))
        return kb.as_markup()
    if status is PerformerStatus.APPROVED:
        kb.button(text=_("📍 Площадки"), callback_data=ArtCb(action=ArtAction.BROWSE))
    kb.button(text=_("✏️ Изменить анкету"), callback_data=ArtCb(action=ArtAction.REGISTER))
    kb.adjust(1)
    return kb.as_markup()
