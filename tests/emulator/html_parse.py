"""Telegram's HTML parse mode, as strict as the server (tdlib's ``parse_html``).

The result is the text the user sees plus its entities, with offsets and lengths in UTF-16
code units as the Bot API reports them. Errors carry tdlib's wording and UTF-8 byte offsets.

One deliberate difference: tdlib passes a bare ``&`` or an unknown named entity through
as text, but the Bot API documentation requires every ``&`` outside an entity to be escaped,
and an unescaped ``&`` is always an escaping bug (user text containing ``&lt;`` would be
shown altered), so the emulator rejects it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from tests.emulator.errors import bad_request

_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY = re.compile(r"&(?:#(?:[xX]([0-9A-Fa-f]{1,6})|([0-9]{1,7}))|([A-Za-z][A-Za-z0-9]*));")

_TAG_TYPES = {
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


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class FormattedText:
    """Text as Telegram stores it: what the user sees, and the entities over it."""

    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _OpenTag:
    name: str
    argument: str
    offset: int  # UTF-16 offset of the first character inside the tag


class _HtmlParser:
    def __init__(self, source: str) -> None:
        self.src = source
        self.pos = 0
        self.out: list[str] = []
        self.out_len = 0  # UTF-16 length of everything in self.out
        self.open: list[_OpenTag] = []
        self.entities: list[dict[str, Any]] = []

    def byte_offset(self, index: int) -> int:
        return len(self.src[:index].encode("utf-8"))

    def fail(self, reason: str) -> Exception:
        return bad_request(f"can't parse entities: {reason}")

    def emit(self, chunk: str) -> None:
        self.out.append(chunk)
        self.out_len += utf16_len(chunk)

    def char_at(self, index: int) -> str:
        return self.src[index] if index < len(self.src) else ""

    def parse(self) -> FormattedText:
        src = self.src
        while self.pos < len(src):
            next_special = min(
                (i for i in (src.find("<", self.pos), src.find("&", self.pos)) if i >= 0),
                default=len(src),
            )
            if next_special > self.pos:
                self.emit(src[self.pos : next_special])
                self.pos = next_special
                continue
            if src[self.pos] == "&":
                self.emit(self.decode_entity(self.pos))
            elif self.char_at(self.pos + 1) == "/":
                self.end_tag()
            else:
                self.start_tag()
        if self.open:
            raise self.fail(
                f'Can\'t find end tag corresponding to start tag "{self.open[-1].name}"'
            )
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return FormattedText("".join(self.out), self.entities)

    def decode_entity(self, start: int) -> str:
        """Decodes the entity at ``start`` and moves past it."""
        match = _ENTITY.match(self.src, start)
        if match is None:
            raise self.fail(
                f'Character "&" at byte offset {self.byte_offset(start)} must be escaped as "&amp;"'
            )
        hex_code, dec_code, name = match.groups()
        if name is not None:
            if name not in _NAMED_ENTITIES:
                raise self.fail(
                    f'Unsupported HTML entity "&{name};" at byte offset {self.byte_offset(start)}'
                )
            decoded = _NAMED_ENTITIES[name]
        else:
            code = int(hex_code, 16) if hex_code else int(dec_code)
            if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                raise self.fail(
                    f"Invalid character reference at byte offset {self.byte_offset(start)}"
                )
            decoded = chr(code)
        self.pos = match.end()
        return decoded

    def skip_spaces(self) -> None:
        while self.char_at(self.pos).isspace():
            self.pos += 1

    def start_tag(self) -> None:
        begin = self.pos
        src = self.src
        self.pos += 1
        while self.pos < len(src) and not src[self.pos].isspace() and src[self.pos] != ">":
            self.pos += 1
        if self.pos >= len(src):
            raise self.fail(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
        name = src[begin + 1 : self.pos].lower()
        if name not in _TAG_TYPES:
            raise self.fail(
                f'Unsupported start tag "{name}" at byte offset {self.byte_offset(begin)}'
            )
        argument = self.attributes(name, begin)
        self.pos += 1  # the closing ">"
        if name == "span" and argument != "spoiler":
            raise self.fail(
                f'Tag "span" must have class "tg-spoiler" at byte offset {self.byte_offset(begin)}'
            )
        if name == "tg-emoji" and not argument.isdigit():
            raise self.fail("Custom emoji entity must contain a valid custom emoji identifier")
        self.open.append(_OpenTag(name, argument, self.out_len))

    def attributes(self, tag: str, begin: int) -> str:
        """Reads the attributes up to ``>`` and returns the one that matters for ``tag``."""
        argument = ""
        while True:
            self.skip_spaces()
            if self.char_at(self.pos) == ">":
                return argument
            if self.pos >= len(self.src):
                raise self.fail(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
            name_start = self.pos
            while (ch := self.char_at(self.pos)) and not ch.isspace() and ch not in "=>":
                self.pos += 1
            name = self.src[name_start : self.pos].lower()
            self.skip_spaces()
            if self.char_at(self.pos) != "=":
                if tag == "blockquote" and name == "expandable":
                    argument = "expandable"
                    continue
                raise self.fail(
                    f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                    f"at byte offset {self.byte_offset(begin)}"
                )
            self.pos += 1
            self.skip_spaces()
            value = self.attribute_value()
            if tag == "a" and name == "href":
                argument = value
            elif tag == "code" and name == "class" and value.startswith("language-"):
                argument = value.removeprefix("language-")
            elif tag == "span" and name == "class" and value.startswith("tg-"):
                argument = value.removeprefix("tg-")
            elif tag == "tg-emoji" and name == "emoji-id":
                argument = value

    def attribute_value(self) -> str:
        quote = self.char_at(self.pos)
        if quote not in ("'", '"'):
            start = self.pos
            while (ch := self.char_at(self.pos)) and (ch.isalnum() or ch in ".-"):
                self.pos += 1
            ch = self.char_at(self.pos)
            if not ch or not (ch.isspace() or ch == ">"):
                raise self.fail(
                    f"Unexpected end of name token at byte offset {self.byte_offset(start)}"
                )
            return self.src[start : self.pos].lower()
        start = self.pos
        self.pos += 1
        value: list[str] = []
        while (ch := self.char_at(self.pos)) and ch != quote:
            if ch == "&":
                value.append(self.decode_entity(self.pos))
            else:
                value.append(ch)
                self.pos += 1
        if not ch:
            raise self.fail(f"Unclosed start tag at byte offset {self.byte_offset(start)}")
        self.pos += 1
        return "".join(value)

    def end_tag(self) -> None:
        begin = self.pos
        if not self.open:
            raise self.fail(f"Unexpected end tag at byte offset {self.byte_offset(begin)}")
        self.pos += 2
        name_start = self.pos
        while (ch := self.char_at(self.pos)) and not ch.isspace() and ch != ">":
            self.pos += 1
        name = self.src[name_start : self.pos].lower()
        self.skip_spaces()
        if self.char_at(self.pos) != ">":
            raise self.fail(f"Unclosed end tag at byte offset {self.byte_offset(begin)}")
        self.pos += 1
        tag = self.open.pop()
        if name and name != tag.name:
            raise self.fail(
                f"Unmatched end tag at byte offset {self.byte_offset(begin)}, "
                f'expected "</{tag.name}>", found "</{name}>"'
            )
        self.close_entity(tag)

    def close_entity(self, tag: _OpenTag) -> None:
        length = self.out_len - tag.offset
        if length == 0:
            return
        entity: dict[str, Any] = {
            "type": _TAG_TYPES[tag.name],
            "offset": tag.offset,
            "length": length,
        }
        if tag.name == "a":
            if not tag.argument:
                return  # Telegram drops a link without a target and keeps its text
            entity["url"] = tag.argument
        elif tag.name == "blockquote" and tag.argument:
            entity["type"] = "expandable_blockquote"
        elif tag.name == "tg-emoji":
            entity["custom_emoji_id"] = tag.argument
        elif tag.name == "code" and tag.argument:
            # <pre><code class="language-x"> is one pre entity carrying the language
            outer = self.open[-1] if self.open else None
            if outer and outer.name == "pre" and outer.offset == tag.offset:
                outer.argument = tag.argument
                return
        elif tag.name == "pre" and tag.argument:
            entity["language"] = tag.argument
        self.entities.append(entity)


def parse_html(source: str) -> FormattedText:
    """Parses ``source`` like Telegram does with ``parse_mode=HTML``; raises ``ApiError``."""
    return _HtmlParser(source).parse()
