"""Telegram's HTML subset parsed into plain text + entities.

The error messages follow tdlib's ``parse_html`` (the Bot API prefixes them with
"Bad Request: can't parse entities: "), byte offsets are UTF-8 offsets in the
source, entity offsets and lengths are UTF-16 code units, as Telegram counts them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

# tag -> entity type; "a", "span", "code" and "blockquote" are refined by attributes.
TAGS: dict[str, str] = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_ENTITY_RE = re.compile(r"&(lt|gt|amp|quot|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPACE = " \t\r\n"


class EntityParseError(ValueError):
    """The text is not valid Telegram HTML; str(error) is tdlib's wording."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass(slots=True)
class _OpenTag:
    name: str
    entity: dict[str, Any]
    start: int


@dataclass(slots=True)
class _Parser:
    source: str
    strict_ampersand: bool
    pos: int = 0
    out: list[str] = field(default_factory=list)
    length: int = 0  # UTF-16 length of ``out``
    stack: list[_OpenTag] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)

    def byte_offset(self, index: int) -> int:
        return len(self.source[:index].encode())

    def emit(self, chars: str) -> None:
        self.out.append(chars)
        self.length += utf16_len(chars)

    def run(self) -> tuple[str, list[dict[str, Any]]]:
        src = self.source
        while self.pos < len(src):
            char = src[self.pos]
            if char == "&":
                self.entity_reference()
            elif char == "<":
                if src.startswith("</", self.pos):
                    self.end_tag()
                else:
                    self.start_tag()
            else:
                self.emit(char)
                self.pos += 1
        if self.stack:
            raise EntityParseError(
                f"Can't find end tag corresponding to start tag {self.stack[-1].name}"
            )
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities

    def entity_reference(self) -> None:
        match = _ENTITY_RE.match(self.source, self.pos)
        if match is None:
            if self.strict_ampersand:
                raise EntityParseError(
                    f"Character '&' at byte offset {self.byte_offset(self.pos)} "
                    "must be escaped as &amp;"
                )
            self.emit("&")
            self.pos += 1
            return
        name = match.group(1)
        if name in _NAMED:
            self.emit(_NAMED[name])
        else:
            code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
            if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                self.emit(match.group(0))
            else:
                self.emit(chr(code))
        self.pos = match.end()

    def read_until(self, stops: str) -> str:
        start = self.pos
        while self.pos < len(self.source) and self.source[self.pos] not in stops:
            self.pos += 1
        return self.source[start : self.pos]

    def skip_spaces(self) -> None:
        while self.pos < len(self.source) and self.source[self.pos] in _SPACE:
            self.pos += 1

    def start_tag(self) -> None:
        begin = self.pos
        at = self.byte_offset(begin)
        self.pos += 1
        name = self.read_until(_SPACE + ">").lower()
        if self.pos >= len(self.source):
            raise EntityParseError(f"Unclosed start tag at byte offset {at}")
        if name not in TAGS:
            raise EntityParseError(f'Unsupported start tag "{name}" at byte offset {at}')
        attrs = self.attributes(name, at)
        self.pos += 1  # the closing ">"
        entity = _entity_for(name, attrs, at)
        self.stack.append(_OpenTag(name=name, entity=entity, start=self.length))

    def attributes(self, tag: str, at: int) -> dict[str, str]:
        attrs: dict[str, str] = {}
        while True:
            self.skip_spaces()
            if self.pos >= len(self.source):
                raise EntityParseError(f"Unclosed start tag at byte offset {at}")
            if self.source[self.pos] == ">":
                return attrs
            name = self.read_until(_SPACE + "=>").lower()
            if not name:
                raise EntityParseError(
                    f'Empty attribute name in the tag "{tag}" at byte offset {at}'
                )
            self.skip_spaces()
            if self.pos < len(self.source) and self.source[self.pos] == "=":
                self.pos += 1
                self.skip_spaces()
                attrs[name] = self.attribute_value(tag, at)
            else:
                attrs[name] = ""  # a bare flag, e.g. <blockquote expandable>

    def attribute_value(self, tag: str, at: int) -> str:
        src = self.source
        if self.pos < len(src) and src[self.pos] in "\"'":
            quote = src[self.pos]
            end = src.find(quote, self.pos + 1)
            if end == -1:
                raise EntityParseError(
                    f'Unclosed end of an attribute value of the tag "{tag}" at byte offset {at}'
                )
            raw = src[self.pos + 1 : end]
            self.pos = end + 1
        else:
            raw = self.read_until(_SPACE + ">")
        return html.unescape(raw)

    def end_tag(self) -> None:
        begin = self.pos
        at = self.byte_offset(begin)
        if not self.stack:
            raise EntityParseError(f"Unexpected end tag at byte offset {at}")
        self.pos += 2
        name = self.read_until(_SPACE + ">").lower()
        self.skip_spaces()
        if self.pos >= len(self.source) or self.source[self.pos] != ">":
            raise EntityParseError(f"Unclosed end tag at byte offset {at}")
        self.pos += 1
        top = self.stack.pop()
        if name and name != top.name:
            raise EntityParseError(
                f'Unmatched end tag at byte offset {at}, expected "</{top.name}>", '
                f'found "</{name}>"'
            )
        self.close(top)

    def close(self, tag: _OpenTag) -> None:
        entity = tag.entity
        language = entity.pop("_language", None)
        # <pre><code class="language-x"> gives one "pre" entity carrying the language.
        if tag.name == "code" and language and self.stack and self.stack[-1].name == "pre":
            self.stack[-1].entity["language"] = language
            return
        if entity.get("type") is None or self.length == tag.start:
            return
        entity["offset"] = tag.start
        entity["length"] = self.length - tag.start
        self.entities.append(entity)


def _entity_for(tag: str, attrs: dict[str, str], at: int) -> dict[str, Any]:
    kind: str | None = TAGS[tag]
    entity: dict[str, Any] = {}
    if tag == "a":
        href = attrs.get("href", "")
        user = re.fullmatch(r"tg://user\?id=(\d+)", href)
        if user:
            kind = "text_mention"
            entity["user"] = {"id": int(user.group(1)), "is_bot": False, "first_name": ""}
        elif href:
            entity["url"] = href
        else:
            kind = None  # Telegram drops a link without a target and keeps the text
    elif tag == "span" and attrs.get("class") != "tg-spoiler":
        raise EntityParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {at}')
    elif tag == "tg-emoji":
        if not attrs.get("emoji-id"):
            raise EntityParseError(
                f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset {at}'
            )
        entity["custom_emoji_id"] = attrs["emoji-id"]
    elif tag == "code" and attrs.get("class", "").startswith("language-"):
        entity["_language"] = attrs["class"].removeprefix("language-")
    elif tag == "blockquote" and "expandable" in attrs:
        kind = "expandable_blockquote"
    entity["type"] = kind
    return entity


def parse_html(source: str, *, strict_ampersand: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """Return (plain text, entities) or raise EntityParseError.

    ``strict_ampersand``: Telegram keeps a lone ``&`` as text, but a bot that sends one
    almost always forgot to escape user input, so by default the sandbox refuses it.
    """
    return _Parser(source=source, strict_ampersand=strict_ampersand).run()
