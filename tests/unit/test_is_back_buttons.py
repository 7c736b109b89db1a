"""A stale "is it back?" press takes away its own buttons only: the alert's unsubscribe
button below them keeps working."""

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.alerts.callbacks import AlertUnsubCb, BackCb
from handlers.alerts.is_back import without_question


def button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data)


def test_the_question_goes_and_the_alert_s_buttons_stay() -> None:
    yes = BackCb(outage_id=5, address_id=9, back=1).pack()
    no = BackCb(outage_id=5, address_id=9, back=0).pack()
    unsubscribe = [button("🔕", AlertUnsubCb.__prefix__ + ":x")]
    markup = InlineKeyboardMarkup(
        inline_keyboard=[[button("Да", yes), button("Нет", no)], unsubscribe]
    )
    left = without_question(markup)
    assert left is not None and left.inline_keyboard == [unsubscribe]


def test_a_question_alone_leaves_no_buttons() -> None:
    yes = BackCb(outage_id=5, address_id=9, back=1).pack()
    assert without_question(InlineKeyboardMarkup(inline_keyboard=[[button("Да", yes)]])) is None
    assert without_question(None) is None
