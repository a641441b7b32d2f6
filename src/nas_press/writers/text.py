"""The plain-text writer: a document as UTF-8 text for a newswire form or a web page.

The headline comes first, then each block separated by a blank line; bullet
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
from nas_press.writers.plain import chunks


def to_text(document: Document) -> str:
    """Return ``document`` as plain text, ending with one newline."""
    return "\n\n".join([document.title, *chunks(document.blocks)]) + "\n"


def write(document: Document, options: Options) -> bytes:
    """Write ``document`` as plain text encoded in UTF-8."""
    return to_text(document).encode("utf-8")
