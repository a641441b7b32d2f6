"""The HTML writer: a document as a standalone, accessible HTML5 page.

The page is one ``<main>`` landmark holding one ``<article>``: the headline is
the only ``h1`` (and the ``<title>``), subheadings and the contact heading are
``h2``, so heading levels never skip. The lead is ``<p class="lead">``, quotes
are ``<blockquote>``, bullet lists ``<ul>``, and the contact block is an
``<address>`` with one ``<p class="contact">`` per contact, its lines separated
by ``<br>``. A window label ("Until 31 July:") is a ``<p class="contact-window">``
above the contacts it applies to, in one ``<div class="contact-group">``.
A chart is a ``<figure>`` holding an ``<img>`` whose ``alt`` states its
title and every figure, its PNG inlined as a ``data:`` address; it has no
``<figcaption>``, since its title is drawn in the picture and the page shows
no text that the plain-text version lacks.

In a contact, an e-mail address is already a ``mailto:`` link; a line that is
a valid phone number becomes a ``tel:`` link to the number in international
(E.164) form: a Finnish number written with a leading ``0`` gets ``+358`` in
place of the ``0`` (``0295 463 242`` → ``tel:+358295463242``), as the
``phonenumbers`` library that validated the release reads it.

``lang`` is the version's BCP 47 tag (``fi-FI``, ``sv-FI``, ``en-GB``): the
region tells a screen reader or spelling checker Finland-Swedish from Sweden
Swedish and British from American English, and a reader that knows only the
language falls back to it. Every string of the document, text and attribute
alike, goes through :func:`html.escape` with its defaults (``&<>"'``), one rule
that is safe in any context; white space in a link address is
percent-encoded. A line end in a text is a ``<br>``, as it is a line break
in the DOCX and the plain text. No-break spaces stay the character U+00A0, as
in the other writers and the DOCX. A small stylesheet is embedded; the page loads nothing
and runs no script. The same document always gives the same bytes, with
``\\n`` line ends and one element per line (a contact, one line per line).
Text a web page cannot show faithfully is refused (:func:`check_web_text`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from typing import assert_never

from nas_press.document import (
    Block,
    BulletList,
    Chart,
    ContactBlock,
    ContactGroup,
    Document,
    Heading,
    Inline,
    Lead,
    Link,
    Paragraph,
    Quote,
)
from nas_press.exceptions import DocumentError

_STYLE = """\
body { margin: 0 auto; max-width: 42rem; padding: 1rem; font-family: system-ui, sans-serif; \
line-height: 1.5; color: #1a1a1a; background: #fff; }
h1, h2 { line-height: 1.25; }
.lead { font-size: 1.125rem; font-weight: bold; }
blockquote { margin: 1rem 0; padding-left: 1rem; border-left: 0.25rem solid #767676; }
address { font-style: normal; }
figure { margin: 1rem 0; }
figure img { max-width: 100%; height: auto; }
.contact-window { font-weight: bold; margin-bottom: 0; }
.contact-window + .contact { margin-top: 0; }
"""

_SCHEMES = ("https://", "http://", "mailto:", "tel:")
"""Link targets a writer accepts: a standalone page has no base for a relative
address, and no other scheme belongs in a press release."""

_NOT_HTML = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000))
    + "]"
)
"""Characters that HTML text may not hold: controls other than white space,
surrogates and noncharacters."""

_PHONE = re.compile(r"^(\+[1-9]|0)[0-9 \xa0-]{4,18}[0-9]$")
_NEWLINE = re.compile(r"\r\n?")
_SPACE = re.compile(r"\s")


def _escape(text: str) -> str:
    return html.escape(_NEWLINE.sub("\n", text))


def _text(text: str) -> str:
    """Escape ``text`` for an element's content: a line end in it becomes ``<br>``."""
    return _escape(text).replace("\n", "<br>\n")


def check_web_text(document: Document) -> None:
    """Refuse a document that no web page could show faithfully.

    Raises :class:`~nas_press.exceptions.DocumentError` (a ``ValueError``),
    naming the block, if some text holds a character HTML forbids (a control
    character other than white space, a surrogate or a noncharacter), if a
    link has no text (a link must say where it leads), or if a link target is
    not an ``https:``, ``http:``, ``mailto:`` or ``tel:`` address.
    """
    for where, text in _texts(document):
        bad = _NOT_HTML.search(text)
        if bad is not None:
            char = bad.group()
            raise DocumentError(
                f"{where}: {text!r} holds {char!r} (U+{ord(char):04X}) at index"
                f" {bad.start()}, which a web page cannot hold; remove or replace it"
            )
    for where, link in _links(document):
        if not link.text.strip():
            raise DocumentError(
                f"{where}: the link to {link.url!r} has no text; give it text that says"
                " where it leads"
            )
        if not link.url.lower().startswith(_SCHEMES):
            raise DocumentError(
                f"{where}: the link target {link.url!r} is not an absolute https:, http:,"
                " mailto: or tel: address"
            )


def _blocks(document: Document) -> Iterator[tuple[str, Block]]:
    for number, block in enumerate(document.blocks):
        yield f"block {number} ({type(block).__name__})", block


def _contents(block: Block) -> Iterator[tuple[Inline, ...]]:
    match block:
        case Heading(text=text):
            yield (text,)
        case Lead(content=content) | Paragraph(content=content) | Quote(content=content):
            yield content
        case BulletList(items=items):
            yield from items
        case ContactBlock(heading=heading, groups=groups):
            yield (heading,)
            for group in groups:
                if group.label is not None:
                    yield (group.label,)
                for lines in group.contacts:
                    yield from lines
        case Chart(title=title, alt=alt):
            yield (title,)
            yield (alt,)
        case _:
            assert_never(block)


def _texts(document: Document) -> Iterator[tuple[str, str]]:
    yield "language", document.language
    yield "title", document.title
    for where, block in _blocks(document):
        for content in _contents(block):
            for piece in content:
                if isinstance(piece, Link):
                    yield where, piece.text
                    yield f"{where}, link target", piece.url
                else:
                    yield where, piece


def _links(document: Document) -> Iterator[tuple[str, Link]]:
    for where, block in _blocks(document):
        for content in _contents(block):
            for piece in content:
                if isinstance(piece, Link):
                    yield where, piece


def web_address(url: str) -> str:
    """Return ``url`` with white space percent-encoded (as UTF-8), as a valid URL needs."""
    return _SPACE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), url)


def phone_target(text: str) -> str | None:
    """Return the ``tel:`` address of ``text`` if it is a valid phone number, else ``None``.

    A Finnish number written with a leading ``0`` gets ``+358`` in its place;
    an international number (``+46 …``) keeps its country code; separators go.
    """
    if not _PHONE.match(text):
        return None
    import phonenumbers

    try:
        number = phonenumbers.parse(text.replace("\xa0", " "), "FI")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def contact_line(line: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Return a contact line with a phone number made a ``tel:`` link."""
    if len(line) == 1 and isinstance(line[0], str):
        target = phone_target(line[0])
        if target is not None:
            return (Link(line[0], target),)
    return line


def _inline(pieces: Sequence[Inline]) -> str:
    out: list[str] = []
    for piece in pieces:
        if isinstance(piece, Link):
            out.append(f'<a href="{_escape(web_address(piece.url))}">{_text(piece.text)}</a>')
        else:
            out.append(_text(piece))
    return "".join(out)


def _contact_group(group: ContactGroup) -> Iterator[str]:
    yield '  <div class="contact-group">'
    if group.label is not None:
        yield f'    <p class="contact-window">{_text(group.label)}</p>'
    for contact in group.contacts:
        lines = [_inline(contact_line(line)) for line in contact]
        yield '    <p class="contact">' + "<br>\n    ".join(lines) + "</p>"
    yield "  </div>"


def _block(block: Block) -> Iterator[str]:
    match block:
        case Lead(content=content):
            yield f'<p class="lead">{_inline(content)}</p>'
        case Heading(text=text):
            yield f"<h2>{_text(text)}</h2>"
        case Paragraph(content=content):
            yield f"<p>{_inline(content)}</p>"
        case Quote(content=content):
            yield "<blockquote>"
            yield f"  <p>{_inline(content)}</p>"
            yield "</blockquote>"
        case BulletList(items=items):
            yield "<ul>"
            for item in items:
                yield f"  <li>{_inline(item)}</li>"
            yield "</ul>"
        case ContactBlock(heading=heading, groups=groups):
            yield f"<h2>{_text(heading)}</h2>"
            yield "<address>"
            for group in groups:
                yield from _contact_group(group)
            yield "</address>"
        case Chart(alt=alt, png=png, width=width, height=height):
            import base64

            source = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
            yield "<figure>"
            yield f'  <img src="{source}" alt="{_escape(alt)}" width="{width}" height="{height}">'
            yield "</figure>"
        case _:
            assert_never(block)


def to_html(document: Document) -> str:
    """Return ``document`` as a standalone HTML5 page, ending with one newline.

    Raises :class:`~nas_press.exceptions.DocumentError` (a ``ValueError``) as
    :func:`check_web_text` does.
    """
    check_web_text(document)
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{_escape(document.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_escape(document.title)}</title>",
        "<style>",
        _STYLE.rstrip("\n"),
        "</style>",
        "</head>",
        "<body>",
        "<main>",
        "<article>",
        f"<h1>{_text(document.title)}</h1>",
    ]
    for block in document.blocks:
        lines.extend(_block(block))
    lines += ["</article>", "</main>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"


def html_bytes(document: Document) -> bytes:
    """Return ``document`` as an HTML page encoded in UTF-8.

    Raises :class:`~nas_press.exceptions.DocumentError` as :func:`to_html` does.
    """
    return to_html(document).encode("utf-8")
