"""Message text as HTML a browser can show safely: the Bot API's tags only, all else escaped.

``render_html`` gives the Telegram HTML the bot meant (``<tg-spoiler>``, ``<a href>``...).
A browser does not know Telegram's tags and must not follow ``javascript:`` links, so its
output is parsed once more and rebuilt from a whitelist: text is always re-escaped, and a
tag the whitelist does not know is dropped (its text kept).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any

from sandbox.html_render import render_html

_PLAIN_TAGS = frozenset({"b", "i", "u", "s", "code", "pre"})
_SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")
_LANGUAGE = re.compile(r"language-[A-Za-z0-9_+#-]{1,32}")
COMMAND_SCHEME = "tg-command:"  # our marker for /commands, turned into a clickable link


def message_html(text: str | None, entities: list[dict[str, Any]] | None) -> str:
    """Text + entities (UTF-16 offsets) as whitelisted, escaped HTML for the page."""
    if not text:
        return ""
    linked = [_linked(text, entity) for entity in entities or []]
    sanitizer = _Sanitizer()
    sanitizer.feed(render_html(text, linked))
    sanitizer.close()
    return sanitizer.result()


def _linked(text: str, entity: dict[str, Any]) -> dict[str, Any]:
    """Telegram apps make URLs, e-mails, phones and commands clickable; so does the page."""
    kind = entity["type"]
    if kind not in ("url", "email", "phone_number", "bot_command"):
        return entity
    part = utf16_slice(text, entity["offset"], entity["length"])
    if kind == "url":
        target = part if "://" in part else f"https://{part}"
    elif kind == "email":
        target = f"mailto:{part}"
    elif kind == "phone_number":
        target = f"tel:{part}"
    else:
        target = f"{COMMAND_SCHEME}{part}"
    return {**entity, "type": "text_link", "url": target}


def utf16_slice(text: str, offset: int, length: int) -> str:
    encoded = text.encode("utf-16-le")
    return encoded[2 * offset : 2 * (offset + length)].decode("utf-16-le", errors="replace")


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._out: list[str] = []
        self._closers: list[tuple[str, str]] = []  # (source tag, what closes our tag)

    def result(self) -> str:
        return "".join(self._out + [closer for _, closer in reversed(self._closers)])

    def handle_data(self, data: str) -> None:
        self._out.append(html.escape(data, quote=False))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        opened, closer = _translate(tag, dict(attrs))
        self._out.append(opened)
        self._closers.append((tag, closer))

    def handle_endtag(self, tag: str) -> None:
        # render_html nests properly; close back to the matching tag in any case.
        while self._closers:
            source, closer = self._closers.pop()
            self._out.append(closer)
            if source == tag:
                return


def _translate(tag: str, attrs: dict[str, str | None]) -> tuple[str, str]:
    """The page's version of one Telegram tag: (opening HTML, closing HTML)."""
    if tag in _PLAIN_TAGS:
        language = attrs.get("class") or ""
        if tag == "code" and _LANGUAGE.fullmatch(language):
            return f'<code class="{language}">', "</code>"
        return f"<{tag}>", f"</{tag}>"
    if tag == "blockquote":
        expandable = "expandable" in attrs
        return ('<blockquote class="expandable">' if expandable else "<blockquote>"), (
            "</blockquote>"
        )
    if tag == "tg-spoiler":
        # tabindex: the spoiler is revealed by keyboard too (the page's script handles it).
        return '<span class="tg-spoiler" tabindex="0">', "</span>"
    if tag == "a":
        return _link(attrs.get("href") or "")
    return '<span class="tg-plain">', "</span>"  # tg-emoji and anything unexpected


def _link(href: str) -> tuple[str, str]:
    if href.startswith(COMMAND_SCHEME):
        command = html.escape(href.removeprefix(COMMAND_SCHEME))
        return f'<a href="#" class="tg-command" data-command="{command}">', "</a>"
    if href.lower().startswith(_SAFE_SCHEMES):
        safe = html.escape(href)
        return f'<a href="{safe}" target="_blank" rel="noopener noreferrer">', "</a>"
    return '<span class="tg-mention">', "</span>"  # tg://user?id=..., or a refused scheme
