"""Checking text written for Telegram's HTML parse mode before it is stored.

Text staff write once and the bot sends many times (FAQ answers) is checked when it is saved,
so a bad tag is refused to the editor instead of failing every send. The rules are the subset
the bot uses: b, i, u, s, code, pre, blockquote, tg-spoiler, and <a href> to a web or tg: link.
"""

import html
import re
from urllib.parse import urlsplit

TAGS = frozenset({"b", "i", "u", "s", "a", "code", "pre", "blockquote", "tg-spoiler"})
LINK_SCHEMES = frozenset({"http", "https", "tg"})
_TOKEN = re.compile(
    r"<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>[^<>]*)>"
    r"|&(?:lt|gt|amp|quot|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});"
    r"|[<&]"
)
_ATTRIBUTE = re.compile(
    r"\s+(?P<name>[a-z][a-z0-9-]*)(?:\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'))?"
)


class InvalidHtml(ValueError):
    """The text would be refused by Telegram (or uses a tag the bot does not)."""


def visible_text(text: str) -> str:
    """The text as a reader sees it (tags dropped, entities decoded), or InvalidHtml."""
    shown: list[str] = []
    open_tags: list[str] = []
    at = 0
    for token in _TOKEN.finditer(text):
        shown.append(text[at : token.start()])
        at = token.end()
        piece = token.group(0)
        if token.group("name") is None:
            if len(piece) == 1:
                raise InvalidHtml(f"{piece!r} at {token.start()} must be written as an entity")
            shown.append(html.unescape(piece))
        elif token.group("close"):
            _close(token.group("name").lower(), token.group("attrs"), open_tags)
        else:
            _open(token.group("name").lower(), token.group("attrs"), open_tags)
    if open_tags:
        raise InvalidHtml(f"<{open_tags[-1]}> is never closed")
    shown.append(text[at:])
    return "".join(shown)


def _open(name: str, attrs: str, open_tags: list[str]) -> None:
    if name not in TAGS:
        raise InvalidHtml(f"<{name}> is not a Telegram tag")
    if name in open_tags:
        raise InvalidHtml(f"<{name}> inside <{name}>")
    found = _attributes(name, attrs)
    if name == "a":
        href = found.pop("href", None)
        if not href or urlsplit(href).scheme not in LINK_SCHEMES or not urlsplit(href).netloc:
            raise InvalidHtml('<a> needs href="https://..." (or http:, tg:)')
    elif name == "blockquote":
        found.pop("expandable", None)
    elif name == "code" and found.get("class", "").startswith("language-"):
        found.pop("class")
    if found:
        raise InvalidHtml(f"<{name}> does not take {', '.join(sorted(found))}")
    open_tags.append(name)


def _close(name: str, attrs: str, open_tags: list[str]) -> None:
    if attrs.strip():
        raise InvalidHtml(f"</{name}> takes no attributes")
    if not open_tags or open_tags[-1] != name:
        expected = f"</{open_tags[-1]}>" if open_tags else "no end tag"
        raise InvalidHtml(f"</{name}> where {expected} was expected")
    open_tags.pop()


def _attributes(tag: str, text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    at = 0
    for match in _ATTRIBUTE.finditer(text):
        if match.start() != at:
            break
        found[match.group("name")] = html.unescape(match.group("dq") or match.group("sq") or "")
        at = match.end()
    if text[at:].strip():
        raise InvalidHtml(f"<{tag}> has a malformed attribute: {text[at:].strip()!r}")
    return found
