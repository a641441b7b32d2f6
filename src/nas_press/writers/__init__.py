"""The writers: one module per output format, each turning a :class:`~nas_press.document.Document`
into bytes, and the registry that names them.

Every writer module defines ``write(document: Document, options: Options) -> bytes``
and imports nothing of nas_press but :mod:`nas_press.document`, the exceptions
and its own helpers (the DOCX writer its reference-document module, the DOCX
and HTML writers :mod:`~nas_press.writers.charts`). Adding a format is one
module and one entry of :data:`WRITERS`; the command line, the API and the
help read the registry. A writer module is imported when its format is first
written, so a plain-text render never loads python-docx or matplotlib.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from nas_press.document import Document


@attrs.frozen
class Options:
    """What a writer may be told besides the document.

    ``reference`` is the bytes of a .docx file the DOCX writer builds on (its
    styles, page setup, headers and footers); the other writers ignore it.
    """

    reference: bytes | None = None


@attrs.frozen
class Writer:
    """An output format: its file extension, what it is for, and the module that writes it."""

    extension: str
    description: str
    module: str
    default: bool = False
    pictures: bool = False
    """Whether the format shows charts as pictures (drawn by :mod:`nas_press.writers.charts`)."""

    def function(self) -> Callable[[Document, Options], bytes]:
        """Import the writer's module and return its ``write`` function."""
        write: Callable[[Document, Options], bytes] = importlib.import_module(self.module).write
        return write

    def write(self, document: Document, options: Options | None = None) -> bytes:
        """Write ``document`` in this format."""
        return self.function()(document, options or Options())


WRITERS: dict[str, Writer] = {
    writer.extension: writer
    for writer in (
        Writer("docx", "Word document, the approval copy", "nas_press.writers.docx", True, True),
        Writer("txt", "plain text, for the newswire", "nas_press.writers.text", True),
        Writer("html", "standalone, accessible web page", "nas_press.writers.html", pictures=True),
        Writer("md", "CommonMark Markdown, for a CMS", "nas_press.writers.markdown"),
        Writer("json", "IPTC ninjs 3.1 news item, for the newswire", "nas_press.writers.ninjs"),
    )
}
"""Every output format, by file extension, in the order files are written."""

FORMATS: tuple[str, ...] = tuple(WRITERS)
"""The output formats, by file extension."""

DEFAULT_FORMATS: tuple[str, ...] = tuple(name for name, w in WRITERS.items() if w.default)
"""What a render writes unless told otherwise: the approval copy and the newswire text."""


def writer(extension: str) -> Writer:
    """Return the writer of format ``extension``.

    Raises :class:`~nas_press.exceptions.UnknownFormatError` for a format
    that has no writer.
    """
    from nas_press.exceptions import UnknownFormatError

    found = WRITERS.get(extension)
    if found is None:
        raise UnknownFormatError(extension, FORMATS)
    return found
