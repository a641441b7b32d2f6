"""Producing every requested file in memory, then writing them all or none.

Each file is written to a temporary name in the output folder and renamed
into place only after every file has been produced and written, so a failure
leaves the folder as it was.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from nas_press.document import Document
from nas_press.exceptions import NasPressError
from nas_press.release.model import Release

if TYPE_CHECKING:
    from pathlib import Path

FORMATS = ("docx", "txt", "html", "md", "json")
"""Output formats, by file extension: DOCX, plain text, a standalone HTML page,
Markdown, and IPTC ninjs 3.1 JSON for the newswire."""

DEFAULT_FORMATS = ("docx", "txt")
"""What ``render`` writes unless told otherwise: the approval copy and the newswire text."""

_SAFE_STEM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class OutputError(NasPressError, OSError):
    """An output file could not be named or written; nothing was changed."""


def render_outputs(
    release: Release,
    stem: str,
    languages: Sequence[str],
    formats: Sequence[str],
    *,
    reference: bytes | None = None,
) -> dict[str, bytes]:
    """Render ``release`` in every language and format, in memory.

    ``reference``, the bytes of a .docx file, is the document the DOCX files
    are built on (see :func:`nas_press.docx_bytes`); other formats ignore it.
    Returns file names (``<stem>.<lang>.<format>``) mapped to their bytes.
    Raises :class:`~nas_press.exceptions.NasPressError` subclasses on failure.
    """
    from nas_press.plan.outline import plan
    from nas_press.realize.realize import realize

    if not _SAFE_STEM.match(stem) or stem in (".", ".."):
        raise OutputError(
            f"{stem!r} cannot name an output file: expected letters, digits, '.', '_' and '-'"
        )
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise OutputError(f"unknown format {unknown[0]!r}: expected one of {', '.join(FORMATS)}")
    outline = plan(release)
    outputs: dict[str, bytes] = {}
    for lang in languages:
        document = realize(outline, lang)
        for fmt in formats:
            outputs[f"{stem}.{lang}.{fmt}"] = _write(fmt, document, release, reference)
    return outputs


def _write(fmt: str, document: Document, release: Release, reference: bytes | None) -> bytes:
    """Turn a document into the bytes of one format; each writer is imported when first used."""
    if fmt == "txt":
        from nas_press.writers.text import text_bytes

        return text_bytes(document)
    if fmt == "html":
        from nas_press.writers.html import html_bytes

        return html_bytes(document)
    if fmt == "md":
        from nas_press.writers.markdown import markdown_bytes

        return markdown_bytes(document)
    if fmt == "json":
        from nas_press.writers.ninjs import ninjs_bytes

        return ninjs_bytes(document, release_id=release.id)
    from nas_press.writers.docx import docx_bytes

    return docx_bytes(document, reference=reference)


def write_outputs(outputs: dict[str, bytes], folder: str | Path) -> list[Path]:
    """Write ``outputs`` into ``folder``, all or none; return the paths written.

    The folder is created if needed. A name that would leave the folder is
    refused before anything is written.
    """
    import tempfile
    from pathlib import Path

    folder = Path(folder)
    for name in outputs:
        if Path(name).name != name or not _SAFE_STEM.match(name):
            raise OutputError(f"{name!r} would be written outside {folder}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder {folder}: {exc.strerror}") from exc
    staged: list[tuple[str, Path]] = []
    try:
        for name, data in outputs.items():
            fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
            staged.append((name, Path(temporary)))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, 0o644)
        written = []
        for name, tmp in staged:
            target = folder / name
            os.replace(tmp, target)
            written.append(target)
        staged.clear()
        return written
    except OSError as exc:
        raise OutputError(f"cannot write into {folder}: {exc.strerror or exc}") from exc
    finally:
        _remove(tmp for _, tmp in staged)


def _remove(paths: Iterable[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)
