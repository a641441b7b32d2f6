"""The plain-text writer: a document as UTF-8 text for a newswire form or a web page.

The dateline comes first: an embargoed release opens with its embargo line
("EMBARGO 10.7.2025 klo 10.00"), as the newswire expects, then the sender and
the release type with the publication time, one line each. Then the headline,
the note of a corrected release, and each block, separated by blank lines; bullet
items start with ``- ``; a link shows its text, followed by its address in
angle brackets when the text does not already show it. A chart is left out:
the text around it states its figures, and the DOCX and HTML versions, which
show its picture, show no text of it but its alt text. Lines end with
``\\n``, no-break spaces are kept, and nothing is wrapped.

:mod:`nas_press.writers.plain` is the layout, which the ninjs writer uses for
its plain-text body too.
"""

from __future__ import annotations

from nas_press.document import Document
from nas_press.writers import Options
from nas_press.writers.plain import chunks, line


def to_text(document: Document) -> str:
    """Return ``document`` as plain text, ending with one newline."""
    top: list[str] = []
    after: list[str] = []
    if (dateline := document.dateline) is not None:
        if dateline.embargo:
            top.append(dateline.embargo)
        top.append(f"{dateline.sender}\n{dateline.line}")
        if dateline.correction is not None:
            after.append(line(dateline.correction))
    return "\n\n".join([*top, document.title, *after, *chunks(document.blocks)]) + "\n"


def write(document: Document, options: Options) -> bytes:
    """Write ``document`` as plain text encoded in UTF-8."""
    return to_text(document).encode("utf-8")
