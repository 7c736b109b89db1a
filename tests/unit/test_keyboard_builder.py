"""Our keyboard builder makes the same keyboards as aiogram's, without its deep copies."""

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import I18n
from aiogram.utils.keyboard import InlineKeyboardBuilder as AiogramBuilder  # noqa: TID251

from handlers.keyboard_builder import InlineKeyboardBuilder
from handlers.reports import keyboards as reports_keyboards
from tests.unit.conftest import LOCALES


class PickCb(CallbackData, prefix="pick"):
    n: int


def build(builder: AiogramBuilder) -> AiogramBuilder:
    for n in range(7):
        builder.button(text=f"#{n}", callback_data=PickCb(n=n))
    builder.adjust(1, 2, 3)
    builder.row(InlineKeyboardButton(text="row", callback_data="r"), width=1)
    extra = type(builder)()
    extra.button(text="attached", url="https://example.org")
    builder.attach(extra)
    builder.button(text="last", callback_data=PickCb(n=99))
    return builder


def test_the_same_keyboard_as_aiogram_builds() -> None:
    ours, theirs = build(InlineKeyboardBuilder()), build(AiogramBuilder())
    assert ours.as_markup() == theirs.as_markup()
    assert [len(row) for row in ours.export()] == [1, 2, 3, 1, 1, 2]


def test_a_markup_made_does_not_change_when_the_builder_goes_on() -> None:
    builder = InlineKeyboardBuilder()
    builder.button(text="first", callback_data=PickCb(n=1))
    markup = builder.as_markup()
    builder.button(text="second", callback_data=PickCb(n=2))
    builder.adjust(1)
    assert [[b.text for b in row] for row in markup.inline_keyboard] == [["first"]]
    assert len(builder.export()) == 2


def button_texts(markup: InlineKeyboardMarkup) -> list[str]:
    return [button.text for row in markup.inline_keyboard for button in row]


def test_a_keyboard_built_once_per_language_and_arguments() -> None:
    i18n = I18n(path=LOCALES, default_locale="ru", domain="messages")
    with i18n.context():
        with i18n.use_locale("ru"):
            russian = reports_keyboards.summary()
            assert reports_keyboards.summary() is russian  # reused, not rebuilt
            skip, done = reports_keyboards.photos(False), reports_keyboards.photos(True)
        with i18n.use_locale("en"):
            english = reports_keyboards.summary()
            assert reports_keyboards.photos(has_photos=True) is not done
    assert button_texts(russian)[0] == "✅ Отправить"
    assert button_texts(english)[0] == "✅ Submit"
    assert button_texts(skip) != button_texts(done)
