"""The check of Telegram HTML written by staff, against the Bot API stand-in's parser."""

import re

import pytest

from domain.telegram_html import InvalidHtml, visible_text
from sandbox.html_text import parse_html

GOOD = [
    "Позвоните: <b>+7 (843) 222-72-22</b>.",
    'Смотрите <a href="https://e-kazan.ru/news">сайт мэрии</a> &amp; /alerts',
    "<i>курсив</i>, <u>подчёркнуто</u>, <s>зачёркнуто</s>, <tg-spoiler>секрет</tg-spoiler>",
    '<pre><code class="language-text">код</code></pre>',
    "и <blockquote expandable>цитата</blockquote>",
    "Татарча: <b>Су сүндерелсә</b> — «Ачык Казан» &lt;123&gt; &#1241;",
    "<a href='tg://resolve?domain=kazan'>канал</a>",
]
BAD = [
    ("a < b", "'<'"),
    ("Tom & Jerry", "'&'"),
    ("<b>не закрыт", "never closed"),
    ("<b><i>крест</b></i>", "</b>"),
    ("</b>лишний", "</b>"),
    ("<h1>Заголовок</h1>", "not a Telegram tag"),
    ("<a>без ссылки</a>", "href"),
    ('<a href="javascript:alert(1)">x</a>', "href"),
    ('<a href="/relative">x</a>', "href"),
    ('<b style="color:red">x</b>', "style"),
    ("<b><b>дважды</b></b>", "inside"),
    ('<a href="https://x.ru" href2>x</a>', "href2"),
]


@pytest.mark.parametrize("text", GOOD)
def test_text_telegram_accepts_is_accepted_and_read_as_telegram_shows_it(text: str) -> None:
    shown, _ = parse_html(text)

    assert visible_text(text) == shown


@pytest.mark.parametrize(("text", "named"), BAD)
def test_text_telegram_or_the_bot_refuses_is_refused_saying_why(text: str, named: str) -> None:
    with pytest.raises(InvalidHtml, match=re.escape(named)):
        visible_text(text)
