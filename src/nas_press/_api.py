"""The public functions of nas_press.

Jinja and python-docx are imported on first use, not when ``nas_press`` is
imported, so that a tool that only reads release files starts quickly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from nas_press.document import Document
from nas_press.output import OutputError, write_outputs
from nas_press.release.model import Release
from nas_press.writers import DEFAULT_FORMATS, Options, writer

if TYPE_CHECKING:
    from pathlib import Path

_SAFE_STEM = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def render(release: Release, lang: str) -> Document:
    """Write ``release`` in ``lang`` as a neutral :class:`~nas_press.document.Document`.

    Raises :class:`~nas_press.exceptions.UnknownLanguageError` for a language
    without templates or locale data, and
    :class:`~nas_press.exceptions.TemplateError` when a template fails.
    """
    from nas_press.realize.realize import render_document

    return render_document(release, lang)


def write_bytes(document: Document, format: str, *, reference: bytes | None = None) -> bytes:
    """Return ``document`` written in ``format`` (a file extension of :data:`~nas_press.FORMATS`).

    ``reference`` is used by the DOCX writer (see :func:`docx_bytes`).
    Raises :class:`~nas_press.exceptions.UnknownFormatError` for a format
    without a writer, and what that writer raises.
    """
    return writer(format).write(document, Options(reference=reference))


def to_text(document: Document) -> str:
    """Return ``document`` as plain text: headline, paragraphs, contacts, boilerplate."""
    from nas_press.writers.text import to_text as _to_text

    return _to_text(document)


def docx_bytes(document: Document, *, reference: bytes | None = None) -> bytes:
    """Return ``document`` as the bytes of a DOCX file; the same document gives the same bytes.

    ``reference``, the bytes of a .docx file (such as the organisation's Word
    template saved as a document), is the document to build on, as with
    pandoc's ``--reference-doc``: its style definitions, page setup, headers
    and footers, theme and fonts are kept, its content replaced. Each style
    nas_press uses that it lacks is added with nas_press's own definition,
    with a :class:`~nas_press.ReferenceStyleWarning` naming it. Raises
    :class:`~nas_press.exceptions.ReferenceDocumentError` for a reference that
    is not a Word document (not a .docx, a .dotx template, a damaged file).
    """
    return write_bytes(document, "docx", reference=reference)


def to_html(document: Document) -> str:
    """Return ``document`` as a standalone, accessible HTML page."""
    from nas_press.writers.html import to_html as _to_html

    return _to_html(document)


def to_markdown(document: Document) -> str:
    """Return ``document`` as CommonMark Markdown, for a CMS."""
    from nas_press.writers.markdown import to_markdown as _to_markdown

    return _to_markdown(document)


def ninjs_bytes(document: Document) -> bytes:
    """Return ``document`` as IPTC ninjs 3.1 JSON for the newswire.

    The language versions of one release share its id (as an ``altIds``
    entry); the document's version counts corrected re-sends.
    """
    return write_bytes(document, "json")


def write_docx(document: Document, path: str | Path) -> Path:
    """Write ``document`` as a DOCX file at ``path`` (atomically) and return the path."""
    from pathlib import Path

    path = Path(path)
    return write_outputs({path.name: docx_bytes(document)}, path.parent)[0]


def write_text(document: Document, path: str | Path) -> Path:
    """Write ``document`` as UTF-8 plain text at ``path`` (atomically) and return the path."""
    from pathlib import Path

    path = Path(path)
    return write_outputs({path.name: to_text(document).encode("utf-8")}, path.parent)[0]


def render_outputs(
    release: Release,
    stem: str,
    languages: Sequence[str],
    formats: Sequence[str],
    *,
    reference: bytes | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, bytes]:
    """Render ``release`` in every language and format, in memory.

    ``reference``, the bytes of a .docx file, is the document the DOCX files
    are built on (see :func:`docx_bytes`); other formats ignore it.
    ``progress`` is told of a step that takes seconds when it starts
    (``"drawing 2 charts…"``, before the first picture not in the cache is drawn).
    Returns file names (``<stem>.<lang>.<format>``) mapped to their bytes.
    Raises :class:`~nas_press.exceptions.NasPressError` subclasses on failure.
    """
    from nas_press.plan import plan
    from nas_press.realize.realize import realize

    if not _SAFE_STEM.fullmatch(stem) or stem in (".", ".."):
        raise OutputError(
            f"{stem!r} cannot name an output file: expected letters, digits, '.', '_' and '-'"
        )
    writers = [writer(fmt) for fmt in formats]
    options = Options(reference=reference)
    outline = plan(release)
    documents = {lang: realize(outline, lang) for lang in languages}
    announce: Callable[[], None] | None = None
    if progress is not None and any(w.pictures for w in writers):
        from nas_press.document import Chart
        from nas_press.writers.charts import uncached

        drawings = [b for d in documents.values() for b in d.blocks if isinstance(b, Chart)]
        if count := uncached(drawings):
            message = f"drawing {count} chart{'s' if count != 1 else ''}…"

            def announce() -> None:
                progress(message)

    import contextlib

    held: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
    if announce is not None:
        from nas_press.writers.charts import announcing

        held = announcing(announce)
    outputs: dict[str, bytes] = {}
    with held:
        for lang, document in documents.items():
            for chosen in writers:
                outputs[f"{stem}.{lang}.{chosen.extension}"] = chosen.write(document, options)
    return outputs


def render_files(
    release: Release,
    out: str | Path,
    *,
    stem: str | None = None,
    languages: Sequence[str] | None = None,
    formats: Sequence[str] = DEFAULT_FORMATS,
    reference_doc: str | Path | None = None,
) -> list[Path]:
    """Render ``release`` into ``out/<stem>.<lang>.<format>`` files, all or none.

    ``stem`` defaults to the release id, ``languages`` to the release's own,
    ``formats`` to DOCX and plain text (any of :data:`~nas_press.FORMATS`).
    ``reference_doc`` is the path of a .docx file the DOCX files are built
    on (see :func:`docx_bytes`); other formats ignore it.
    Every file is produced in memory before any is written. Returns the paths
    written, in order of language, then format. A ``reference_doc`` that
    cannot be read, or is no usable Word document, raises
    :class:`~nas_press.exceptions.ReferenceDocumentError` naming the file.
    """
    reference = None
    if reference_doc is not None:
        from nas_press.writers.reference import read_reference

        reference = read_reference(reference_doc)
    outputs = render_outputs(
        release,
        stem or release.id,
        tuple(languages) if languages is not None else release.languages,
        tuple(formats),
        reference=reference,
    )
    return write_outputs(outputs, out)
