"""Message text as the page shows it: Telegram's tags made safe for a browser."""

from __future__ import annotations

from typing import Any

import pytest

from sandbox.html_text import parse_html
from sandbox.web.safe_html import message_html, utf16_slice


def shown(source: str) -> str:
    text, entities = parse_html(source)
    return message_html(text, entities)


@pytest.mark.parametrize(
    ("source", "page"),
    [
        (
            "<b>жирный</b> <i>курсив</i> <u>u</u> <s>s</s>",
            "<b>жирный</b> <i>курсив</i> <u>u</u> <s>s</s>",
        ),
        ("<tg-spoiler>тайна</tg-spoiler>", '<span class="tg-spoiler" tabindex="0">тайна</span>'),
        ('<span class="tg-spoiler">x</span>', '<span class="tg-spoiler" tabindex="0">x</span>'),
        ("<code>a &lt; b</code>", "<code>a &lt; b</code>"),
        (
            '<pre><code class="language-python">x = 1</code></pre>',
            '<pre><code class="language-python">x = 1</code></pre>',
        ),
        (
            "<blockquote expandable>длинно</blockquote>",
            '<blockquote class="expandable">длинно</blockquote>',
        ),
        (
            '<a href="https://kzn.ru/?a=1&amp;b=2">мэрия</a>',
            '<a href="https://kzn.ru/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">'
            "мэрия</a>",
        ),
        ('<a href="tg://user?id=7001">Алсу</a>', '<span class="tg-mention">Алсу</span>'),
        (
            '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
            '<span class="tg-plain">👍</span>',
        ),
        ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("<b>a<i>b</i></b>c", "<b>a<i>b</i></b>c"),
    ],
)
def test_telegram_html_becomes_page_html(source: str, page: str) -> None:
    assert shown(source) == page


def test_a_dangerous_link_is_not_a_link() -> None:
    entities = [{"type": "text_link", "offset": 0, "length": 4, "url": "javascript:alert(1)"}]
    assert message_html("жми", entities) == '<span class="tg-mention">жми</span>'
    quoted = [{"type": "text_link", "offset": 0, "length": 1, "url": 'https://x/"><script>'}]
    assert message_html("x", quoted) == (
        '<a href="https://x/&quot;&gt;&lt;script&gt;" target="_blank" '
        'rel="noopener noreferrer">x</a>'
    )


def test_urls_mails_phones_and_commands_are_clickable() -> None:
    text = "👍 kzn.ru, a@b.ru, +78432000000, /start"
    entities: list[dict[str, Any]] = [
        {"type": "url", "offset": 3, "length": 6},
        {"type": "email", "offset": 11, "length": 6},
        {"type": "phone_number", "offset": 19, "length": 12},
        {"type": "bot_command", "offset": 33, "length": 6},
    ]
    assert message_html(text, entities) == (
        '👍 <a href="https://kzn.ru" target="_blank" rel="noopener noreferrer">kzn.ru</a>, '
        '<a href="mailto:a@b.ru" target="_blank" rel="noopener noreferrer">a@b.ru</a>, '
        '<a href="tel:+78432000000" target="_blank" rel="noopener noreferrer">+78432000000</a>, '
        '<a href="#" class="tg-command" data-command="/start">/start</a>'
    )


def test_utf16_offsets() -> None:
    assert utf16_slice("👍 да", 3, 2) == "да"
    assert message_html("", None) == ""
    assert message_html("plain", None) == "plain"
