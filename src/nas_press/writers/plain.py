"""The plain-text layout of a document's blocks, shared by the text and ninjs writers.

Each block is one or more chunks, to be joined by blank lines; bullet items
start with ``- ``; a link shows its text, followed by its address in angle
brackets when the text does not already show it; a contact is one line per
line of the contact, after its window label if it is the first of its group.
A chart gives no chunk: the text around it states its figures. A line end in
a text, however it was written, is ``\n``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from nas_press.document import (
    Block,
    BulletList,
    Chart,
    ContactBlock,
    Heading,
    Inline,
    Lead,
    Link,
    Paragraph,
    Quote,
    flat,
)

_LINE_END = re.compile(r"\r\n?")
"""A line end written the Windows or old Mac way, which the layout writes as ``\\n``."""


def _bare(address: str) -> str:
    for prefix in ("mailto:", "https://", "http://", "www."):
        address = address.removeprefix(prefix)
    return address.rstrip("/")


def line(pieces: tuple[Inline, ...]) -> str:
    """Return running text as plain text: a link's address follows its text in ``<…>``,
    unless the text already shows it."""
    out = []
    for piece in flat(pieces):
        if isinstance(piece, Link):
            out.append(piece.text)
            if _bare(piece.url) != _bare(piece.text):
                out.append(f" <{piece.url}>")
        else:
            out.append(piece)
    return _LINE_END.sub("\n", "".join(out))


def chunks(blocks: Iterable[Block]) -> Iterator[str]:
    """Yield the paragraphs of ``blocks`` as plain text, each block one or more chunks."""
    for block in blocks:
        match block:
            case Lead(content=content) | Paragraph(content=content) | Quote(content=content):
                yield line(content)
            case Heading(content=content):
                yield line(content)
            case BulletList(items=items):
                yield "\n".join(f"- {line(item)}" for item in items)
            case ContactBlock(heading=heading, groups=groups):
                yield heading
                for group in groups:
                    for number, contact in enumerate(group.contacts):
                        lines = [line(item) for item in contact.lines()]
                        if group.label is not None and number == 0:
                            lines.insert(0, group.label)
                        yield "\n".join(lines)
            case Chart():
                pass  # see the module's docstring
