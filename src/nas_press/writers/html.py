"""The HTML writer: a document as a standalone, accessible HTML5 page.

The page is one ``<main>`` landmark holding one ``<article>``. Its ``<header>``
holds the dateline, above the headline: the embargo line of an embargoed
release (``<p class="embargo">``), then the sender and the release type with
the publication time (``<p class="dateline">``, the time a ``<time>`` element
whose ``datetime`` is the moment with its UTC offset), then the headline. The
note of a corrected release follows (``<p class="correction">``). The headline is
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

In a contact, the e-mail address is a ``mailto:`` link and the phone number a
``tel:`` link to the number in international (E.164) form, as the document's
contact holds it (``0295 463 242`` → ``tel:+358295463242``).

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
    flat,
)
from nas_press.writers import Options, charts
from nas_press.writers.web import check_web_text, contact_lines, web_address

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
.embargo, .correction { font-weight: bold; }
.dateline { margin-bottom: 0; }
"""

_NEWLINE = re.compile(r"\r\n?")


def _escape(text: str) -> str:
    return html.escape(_NEWLINE.sub("\n", text))


def _text(text: str) -> str:
    """Escape ``text`` for an element's content: a line end in it becomes ``<br>``."""
    return _escape(text).replace("\n", "<br>\n")


def _inline(pieces: Sequence[Inline]) -> str:
    out: list[str] = []
    for piece in flat(tuple(pieces)):
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
        lines = [_inline(line) for line in contact_lines(contact)]
        yield '    <p class="contact">' + "<br>\n    ".join(lines) + "</p>"
    yield "  </div>"


def _block(block: Block) -> Iterator[str]:
    match block:
        case Lead(content=content):
            yield f'<p class="lead">{_inline(content)}</p>'
        case Heading(content=content):
            yield f"<h2>{_inline(content)}</h2>"
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
        case Chart(alt=alt):
            import base64

            png = charts.picture(block)
            if png is None:
                return
            width, height = charts.size(block)
            source = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
            yield "<figure>"
            yield f'  <img src="{source}" alt="{_escape(alt)}" width="{width}" height="{height}">'
            yield "</figure>"
        case _:
            assert_never(block)


def _header(document: Document) -> Iterator[str]:
    dateline = document.dateline
    if dateline is None:
        yield f"<h1>{_text(document.title)}</h1>"
        return
    yield "<header>"
    if dateline.embargo:
        yield f'<p class="embargo">{_text(dateline.embargo)}</p>'
    moment = _escape(dateline.published_at.isoformat())
    yield f'<p class="dateline">{_text(dateline.sender)}<br>'
    yield f'{_text(dateline.kind)} <time datetime="{moment}">{_text(dateline.published)}</time></p>'
    yield f"<h1>{_text(document.title)}</h1>"
    yield "</header>"
    if dateline.correction is not None:
        yield f'<p class="correction">{_inline(dateline.correction)}</p>'


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
        *_header(document),
    ]
    for block in document.blocks:
        lines.extend(_block(block))
    lines += ["</article>", "</main>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"


def write(document: Document, options: Options) -> bytes:
    """Write ``document`` as an HTML page encoded in UTF-8.

    Raises :class:`~nas_press.exceptions.DocumentError` as :func:`to_html` does.
    """
    return to_html(document).encode("utf-8")
