"""Commands: one list shared by the filters, /help and set_my_commands."""

from dataclasses import dataclass

from aiogram.utils.i18n import lazy_gettext as __
from aiogram.utils.i18n.lazy_proxy import LazyProxy


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    description: LazyProxy


START = Command("start", __("Начать и открыть меню"))
MENU = Command("menu", __("Главное меню"))
REPORT = Command("report", __("Сообщить о проблеме"))
MY = Command("my", __("Мои заявки"))
ALERTS = Command("alerts", __("Оповещения: отключения и события"))
ART = Command("art", __("Арт-проспект: забронировать площадку для выступления"))
PERFORMER = Command("performer", __("Анкета исполнителя Арт-проспекта"))
TODAY = Command("today", __("Кто выступает сегодня"))
INFO = Command("info", __("Справка: частые вопросы и телефоны служб"))
PROFILE = Command("profile", __("Профиль: телефон, мои данные, удаление"))
LANGUAGE = Command("language", __("Язык / Тел / Language"))
HELP = Command("help", __("Как пользоваться ботом"))
CANCEL = Command("cancel", __("Отменить текущее действие"))

COMMANDS: tuple[Command, ...] = (
    START,
    MENU,
    REPORT,
    MY,
    ALERTS,
    ART,
    PERFORMER,
    TODAY,
    INFO,
    PROFILE,
    LANGUAGE,
    HELP,
    CANCEL,
)
