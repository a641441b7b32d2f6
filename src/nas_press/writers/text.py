"""The plain-text writer: a document as UTF-8 text for a newswire form or a web page.

The headline comes first, then each block separated by a blank line; bullet
items start with ``- ``; a link shows its text, followed by its address in
angle brackets when the text does not already show it. A chart is left out:
the text around it states its figures, and the DOCX and HTML versions, which
show its picture, show no text of it but its alt text. Lines end with
``\\n``, no-break spaces are kept, and nothing is wrapped.
"""

from __future__ import annotations

from nas_press.document import (
    BulletList,
    ContactBlock,
    Document,
    Heading,
    Inline,
    Lead,
    Link,
    Paragraph,
    Quote,
)


def _bare(address: str) -> str:
    for prefix in ("mailto:", "https://", "http://", "www."):
        address = address.removeprefix(prefix)
    return address.rstrip("/")


def _inline(pieces: tuple[Inline, ...]) -> str:
    out = []
    for piece in pieces:
        if isinstance(piece, Link):
            out.append(piece.text)
            if _bare(piece.url) != _bare(piece.text):
                out.append(f" <{piece.url}>")
        else:
            out.append(piece)
    return "".join(out)


def to_text(document: Document) -> str:
    """Return ``document`` as plain text, ending with one newline."""
    chunks = [document.title]
    for block in document.blocks:
        if isinstance(block, (Lead, Paragraph, Quote)):
            chunks.append(_inline(block.content))
        elif isinstance(block, Heading):
            chunks.append(block.text)
        elif isinstance(block, BulletList):
            chunks.append("\n".join(f"- {_inline(item)}" for item in block.items))
        elif isinstance(block, ContactBlock):
            chunks.append(block.heading)
            for group in block.groups:
                for i, contact in enumerate(group.contacts):
                    lines = [_inline(line) for line in contact]
                    if group.label is not None and i == 0:
                        lines.insert(0, group.label)
                    chunks.append("\n".join(lines))
    return "\n\n".join(chunks) + "\n"


def text_bytes(document: Document) -> bytes:
    """Return ``document`` as plain text encoded in UTF-8."""
    return to_text(document).encode("utf-8")
