"""The Markdown writer: a document as CommonMark for a web CMS.

The dateline comes first: the embargo line of an embargoed release as a
paragraph of its own, then the sender and the release type with the
publication time as one paragraph of two lines. The headline follows as
``# ``, then the note of a corrected release as a paragraph. Subheadings and the
contact heading are ``## ``, the lead and body text plain paragraphs, quotes
``> `` blockquotes, bullet items ``- ``, links ``[text](url)``. The lead is
the first paragraph, not emphasised: it is structure, not stress, and a CMS
gives its lead (ingress) field its own style; a whole paragraph in ``**``
would reach screen readers and feeds as emphasis. Each contact is one
paragraph whose lines end in a backslash, the CommonMark hard line break
(visible in the source, unlike two trailing spaces that editors strip); a
window label ("Until 31 July:") is a paragraph above the contacts it applies
to. As in the HTML writer, a contact's phone number is a ``tel:`` link and the
same texts are refused (:func:`~nas_press.writers.web.check_web_text`). Charts
are left out, as in the plain text: a CMS takes pictures as files of their
own, and what a chart shows the statements around it say.

Text is escaped so that it renders as written: every ``\\``, backtick, ``*``,
``_``, ``[``, ``]``, ``<``, ``>``, ``#``, ``|`` and ``~`` gets a backslash, and
so does ``&`` where it would start an entity (``&amp;``) and ``!`` before a
link (``![`` is an image); at the start of a line also ``-``, ``+`` and ``=``
(lists, thematic breaks, setext underlines) and the ``.`` or ``)`` after
leading digits (ordered lists). Line breaks, tabs and carriage returns inside
text become spaces, and lines are stripped of leading and trailing spaces
(which would make code blocks or hard breaks): the rendered page shows the
same text, since HTML folds white space anyway. No-break spaces are kept as
the character, except at the start or end of a line, where they (and other
Unicode spaces) are written as character references (``&#xA0;``) because
some implementations strip them there. A link address has its white space
percent-encoded and ``\\``, ``(``, ``)``, ``<``, ``>`` escaped. The output
ends with one ``\\n``; the same document always gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import assert_never

from nas_press.document import (
    Block,
    BulletList,
    Chart,
    ContactBlock,
    Document,
    Heading,
    Inline,
    Lead,
    Link,
    Paragraph,
    Quote,
    flat,
)
from nas_press.writers import Options
from nas_press.writers.web import check_web_text, contact_lines, web_address

_SPECIAL = re.compile(r"[\\`*_\[\]<>#|~]|&(?=#?[0-9A-Za-z]+;)")
_LINE_START = re.compile(r"^(?:[-+=]|(\d+)(?=[.)]))")
_BREAKS = re.compile(r"[\t\n\r\f]+")
_DESTINATION_SPECIAL = re.compile(r"[\\()<>]|&(?=#?[0-9A-Za-z]+;)")
_EDGE_SPACE = re.compile(r"^\s+|\s+$")

_HARD_BREAK = "\\\n"
"""A CommonMark hard line break: a backslash at the end of a line."""


def escape(text: str) -> str:
    """Return ``text`` with every character that Markdown could read as markup escaped.

    Characters that matter only at the start of a line are left to :func:`_line`.
    """
    return _SPECIAL.sub(lambda m: "\\" + m.group(), _BREAKS.sub(" ", text))


def _destination(url: str) -> str:
    return _DESTINATION_SPECIAL.sub(lambda m: "\\" + m.group(), web_address(url))


def _joined(pieces: Sequence[Inline]) -> list[str | Link]:
    """Running text with adjacent strings joined, so that escaping sees what a reader
    sees ("&" and "1;" from two pieces make "&1;")."""
    joined: list[str | Link] = []
    for piece in flat(tuple(pieces)):
        if isinstance(piece, str) and joined and isinstance(joined[-1], str):
            joined[-1] += piece
        else:
            joined.append(piece)
    return joined


def _inline(pieces: Sequence[Inline]) -> str:
    out = ""
    for piece in _joined(pieces):
        if isinstance(piece, Link):
            if out.endswith("!"):
                # "![" would start an image.
                out = out[:-1] + "\\!"
            out += f"[{escape(piece.text)}]({_destination(piece.url)})"
        else:
            out += escape(piece)
    return out


def _line(pieces: Sequence[Inline]) -> str:
    """Return running text as one line of Markdown, safe at the start of a line."""
    line = _inline(pieces).strip(" ")
    # Some implementations (markdown-it) strip any Unicode space around a line.
    line = _EDGE_SPACE.sub(lambda m: "".join(f"&#x{ord(c):X};" for c in m.group()), line)
    match = _LINE_START.match(line)
    if match is None:
        return line
    if match.group(1) is not None:
        digits = match.group(1)
        return f"{digits}\\{line[len(digits) :]}"
    return "\\" + line


def _block(block: Block) -> Iterator[str]:
    match block:
        case Lead(content=content) | Paragraph(content=content):
            yield _line(content)
        case Heading(content=content):
            yield f"## {_line(content)}"
        case Quote(content=content):
            yield f"> {_line(content)}"
        case BulletList(items=items):
            yield "\n".join(f"- {_line(item)}" for item in items)
        case ContactBlock(heading=heading, groups=groups):
            yield f"## {_line((heading,))}"
            for group in groups:
                if group.label is not None:
                    yield _line((group.label,))
                for contact in group.contacts:
                    lines = [_line(line) for line in contact_lines(contact)]
                    yield _HARD_BREAK.join(line for line in lines if line)
        case Chart():
            return  # see the module's docstring
        case _:
            assert_never(block)


def to_markdown(document: Document) -> str:
    """Return ``document`` as CommonMark, ending with one newline.

    Raises :class:`~nas_press.exceptions.DocumentError` (a ``ValueError``) as
    :func:`~nas_press.writers.web.check_web_text` does.
    """
    check_web_text(document)
    chunks: list[str] = []
    dateline = document.dateline
    if dateline is not None:
        if dateline.embargo:
            chunks.append(_line((dateline.embargo,)))
        chunks.append(_line((dateline.sender,)) + _HARD_BREAK + _line((dateline.line,)))
    chunks.append(f"# {_line((document.title,))}")
    if dateline is not None and dateline.correction is not None:
        chunks.append(_line(dateline.correction))
    for block in document.blocks:
        chunks.extend(chunk for chunk in _block(block) if chunk)
    return "\n\n".join(chunks) + "\n"


def write(document: Document, options: Options) -> bytes:
    """Return ``document`` as CommonMark encoded in UTF-8.

    Raises :class:`~nas_press.exceptions.DocumentError` as :func:`to_markdown` does.
    """
    return to_markdown(document).encode("utf-8")
