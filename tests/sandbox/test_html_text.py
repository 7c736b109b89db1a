"""The parser of Telegram's HTML subset and the renderer back to HTML."""

from __future__ import annotations

import pytest

from sandbox.html_render import render_html
from sandbox.html_text import EntityParseError, parse_html, utf16_len


def entity(kind: str, offset: int, length: int, **extra: object) -> dict[str, object]:
    return {"type": kind, "offset": offset, "length": length, **extra}


@pytest.mark.parametrize(
    ("source", "text", "entities"),
    [
        ("plain", "plain", []),
        ("<b>b</b><strong>s</strong>", "bs", [entity("bold", 0, 1), entity("bold", 1, 1)]),
        ("<i>i</i><em>e</em>", "ie", [entity("italic", 0, 1), entity("italic", 1, 1)]),
        ("<u>u</u><ins>n</ins>", "un", [entity("underline", 0, 1), entity("underline", 1, 1)]),
        (
            "<s>a</s><strike>b</strike><del>c</del>",
            "abc",
            [entity("strikethrough", n, 1) for n in range(3)],
        ),
        (
            '<a href="https://kzn.ru/?a=1&amp;b=2">сайт</a>',
            "сайт",
            [entity("text_link", 0, 4, url="https://kzn.ru/?a=1&b=2")],
        ),
        ("<code>x = 1</code>", "x = 1", [entity("code", 0, 5)]),
        ("<pre>raw</pre>", "raw", [entity("pre", 0, 3)]),
        (
            '<pre><code class="language-python">print()</code></pre>',
            "print()",
            [entity("pre", 0, 7, language="python")],
        ),
        ("<blockquote>q</blockquote>", "q", [entity("blockquote", 0, 1)]),
        ("<blockquote expandable>q</blockquote>", "q", [entity("expandable_blockquote", 0, 1)]),
        ('<span class="tg-spoiler">s</span>', "s", [entity("spoiler", 0, 1)]),
        ("<tg-spoiler>s</tg-spoiler>", "s", [entity("spoiler", 0, 1)]),
        (
            '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
            "👍",
            [entity("custom_emoji", 0, 2, custom_emoji_id="5368324170671202286")],
        ),
        ("&lt;&gt;&amp;&quot;&#1050;&#x417;", '<>&"КЗ', []),
        ("<B>upper</B>", "upper", [entity("bold", 0, 5)]),
        ("<b>😀<i>x</i></b>", "😀x", [entity("bold", 0, 3), entity("italic", 2, 1)]),
        ("<b></b>empty", "empty", []),
        ("a > b", "a > b", []),
    ],
)
def test_valid_html(source: str, text: str, entities: list[dict[str, object]]) -> None:
    assert parse_html(source) == (text, entities)


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("<b>x", "Can't find end tag corresponding to start tag b"),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("я<foo>", 'Unsupported start tag "foo" at byte offset 2'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("<b", "Unclosed start tag at byte offset 0"),
        ("<b>x</b", "Unclosed end tag at byte offset 4"),
        ("</i>", "Unexpected end tag at byte offset 0"),
        ("AT&T", "Character '&' at byte offset 2 must be escaped as &amp;"),
        ("&nbsp;", "Character '&' at byte offset 0 must be escaped as &amp;"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        (
            "<tg-emoji>x</tg-emoji>",
            'Tag "tg-emoji" must have attribute "emoji-id" at byte offset 0',
        ),
        ('<a href="x>y</a>', 'Unclosed end of an attribute value of the tag "a" at byte offset 0'),
    ],
)
def test_invalid_html(source: str, error: str) -> None:
    with pytest.raises(EntityParseError) as caught:
        parse_html(source)
    assert str(caught.value) == error


def test_lenient_ampersand_like_telegram() -> None:
    assert parse_html("AT&T", strict_ampersand=False) == ("AT&T", [])


def test_utf16_length() -> None:
    assert utf16_len("Казань") == 6
    assert utf16_len("😀") == 2
    assert utf16_len("👨‍👩‍👧") == 8


@pytest.mark.parametrize(
    "source",
    [
        "<b>Заявка №7</b> принята: <i>яма</i> на <u>Баумана</u>, 5 &lt;срочно&gt;",
        '<a href="https://kzn.ru/?a=1&amp;b=2">сайт</a> и <code>x &amp; y</code>',
        '<pre><code class="language-python">a &lt; b</code></pre>',
        "<blockquote expandable>😀 <tg-spoiler>тайна</tg-spoiler></blockquote>",
    ],
)
def test_render_round_trips(source: str) -> None:
    text, entities = parse_html(source)
    assert render_html(text, entities) == source
    assert parse_html(render_html(text, entities)) == (text, entities)
