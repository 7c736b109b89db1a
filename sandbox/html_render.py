"""Render text + entities (UTF-16 offsets) back to Telegram HTML, e.g. for SentMessage.html."""

from __future__ import annotations

import html
from typing import Any

from sandbox.html_text import utf16_len

_OPEN = {
    "bold": "<b>",
    "italic": "<i>",
    "underline": "<u>",
    "strikethrough": "<s>",
    "spoiler": "<tg-spoiler>",
    "code": "<code>",
    "blockquote": "<blockquote>",
    "expandable_blockquote": "<blockquote expandable>",
}
_CLOSE = {
    "bold": "</b>",
    "italic": "</i>",
    "underline": "</u>",
    "strikethrough": "</s>",
    "spoiler": "</tg-spoiler>",
    "code": "</code>",
    "blockquote": "</blockquote>",
    "expandable_blockquote": "</blockquote>",
    "text_link": "</a>",
    "text_mention": "</a>",
    "custom_emoji": "</tg-emoji>",
}


def _open_tag(entity: dict[str, Any]) -> str:
    kind = entity["type"]
    if kind == "text_link":
        return f'<a href="{html.escape(entity.get("url", ""))}">'
    if kind == "text_mention":
        return f'<a href="tg://user?id={entity.get("user", {}).get("id", 0)}">'
    if kind == "custom_emoji":
        return f'<tg-emoji emoji-id="{html.escape(entity.get("custom_emoji_id", ""))}">'
    if kind == "pre":
        language = entity.get("language")
        return f'<pre><code class="language-{html.escape(language)}">' if language else "<pre>"
    return _OPEN.get(kind, "")


def _close_tag(entity: dict[str, Any]) -> str:
    if entity["type"] == "pre":
        return "</code></pre>" if entity.get("language") else "</pre>"
    return _CLOSE.get(entity["type"], "")


def render_html(text: str, entities: list[dict[str, Any]] | None) -> str:
    """Render text + entities as Telegram HTML (entities are assumed to nest properly)."""
    ordered = sorted(entities or [], key=lambda e: (e["offset"], -e["length"]))
    parts: list[str] = []
    open_stack: list[dict[str, Any]] = []
    position = 0
    index = 0
    for char in [*text, None]:
        while open_stack and open_stack[-1]["offset"] + open_stack[-1]["length"] <= position:
            parts.append(_close_tag(open_stack.pop()))
        while index < len(ordered) and ordered[index]["offset"] <= position:
            parts.append(_open_tag(ordered[index]))
            open_stack.append(ordered[index])
            index += 1
        if char is None:
            break
        parts.append(html.escape(char, quote=False))
        position += utf16_len(char)
    parts.extend(_close_tag(entity) for entity in reversed(open_stack))
    return "".join(parts)
