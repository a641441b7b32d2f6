"""Compare .docx files structurally, for golden-file tests.

Two files are equal when they hold the same zip members in the same order,
their XML parts are equal after normalising (pretty-printed one element a line,
attributes sorted, the order-free children of ``[Content_Types].xml`` and
``.rels`` parts sorted, Word's revision-session ids removed) and their other
parts are equal byte for byte. Each difference names the part and shows a short
unified diff, in the manner of XlsxWriter's ``_compare_xlsx_files``.

Beside a golden ``x.docx`` keep ``x.document.xml`` from
:func:`pretty_document_xml`, so that a review shows what changed in the text.
"""

from __future__ import annotations

import difflib
import io
import re
import zipfile

from lxml import etree

__all__ = ["compare_docx", "pretty_document_xml"]

MAX_DIFF_LINES = 40
"""A difference shows at most this many lines of unified diff."""

_XML_SUFFIXES = (".xml", ".rels")

# Attributes Word sets per editing session (w:rsidR, w:rsidRPr, w:rsidRDefault, ...):
# they say who edited when, not what the document holds.
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RSID_PREFIX = f"{_W}rsid"
_VOLATILE_ELEMENTS = (f"{_W}rsids", f"{_W}rsid")

# Characters a reader cannot tell from others; written as character references
# (equivalent XML) so that a diff shows them: no-break space, narrow no-break
# space, soft hyphen, zero-width space, joiners, non-breaking hyphen.
_INVISIBLE = re.compile("[\u00a0\u202f\u00ad\u200b\u200c\u200d\u2011\u2060\ufeff]")

# Parts whose children may come in any order without changing their meaning.
_ORDER_FREE_ROOTS = (
    "{http://schemas.openxmlformats.org/package/2006/content-types}Types",
    "{http://schemas.openxmlformats.org/package/2006/relationships}Relationships",
)


def compare_docx(expected: bytes, actual: bytes) -> list[str]:
    """Return the differences between two .docx files, or ``[]`` if they are equal.

    Each difference is a human-readable message that starts with the name of
    the part (or ``zip members``) it is about.
    """
    expected_parts = _parts(expected)
    actual_parts = _parts(actual)
    differences: list[str] = []
    if list(expected_parts) != list(actual_parts):
        differences.append(
            _message(
                "zip members", "differ in names or order", list(expected_parts), list(actual_parts)
            )
        )
    for name, expected_data in expected_parts.items():
        actual_data = actual_parts.get(name)
        if actual_data is None or expected_data == actual_data:
            continue
        if name.endswith(_XML_SUFFIXES):
            expected_lines = _xml_lines(expected_data)
            actual_lines = _xml_lines(actual_data)
            if expected_lines != actual_lines:
                differences.append(_message(name, "XML differs", expected_lines, actual_lines))
        else:
            differences.append(
                f"{name}: binary content differs"
                f" ({len(expected_data)} bytes expected, {len(actual_data)} bytes actual)"
            )
    return differences


def pretty_document_xml(docx: bytes) -> str:
    """Return ``word/document.xml`` of ``docx`` pretty-printed, one element a line.

    Nothing is removed or reordered, so the same file always gives the same
    text; it ends with a newline. Invisible characters such as the no-break
    space are written as character references (``&#160;``), so a review sees them.
    """
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        data = archive.read("word/document.xml")
    return _pretty(_parse(data))


def _parts(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _parse(data: bytes) -> etree._Element:
    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
    return etree.fromstring(data, parser)


def _pretty(root: etree._Element) -> str:
    text = etree.tostring(root, encoding="unicode", pretty_print=True)
    return _INVISIBLE.sub(lambda match: f"&#{ord(match.group())};", text)


def _xml_lines(data: bytes) -> list[str]:
    """Return an XML part normalised and split into one line per element."""
    root = _parse(data)
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments and processing instructions
            continue
        attributes = sorted(
            (str(key), str(value))
            for key, value in element.attrib.items()
            if not str(key).startswith(_RSID_PREFIX)
        )
        element.attrib.clear()
        element.attrib.update(attributes)
    for element in list(root.iter(*_VOLATILE_ELEMENTS)):
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    if root.tag in _ORDER_FREE_ROOTS:
        children = sorted(root, key=lambda child: etree.tostring(child))
        root[:] = children
    declaration = _declaration(data)
    return [*declaration, *_pretty(root).splitlines()]


def _declaration(data: bytes) -> list[str]:
    """Return the XML declaration as a one-item list, or ``[]`` if there is none."""
    if data.startswith(b"<?xml"):
        end = data.find(b"?>")
        if end != -1:
            return [data[: end + 2].decode("ascii", errors="replace")]
    return []


def _message(name: str, what: str, expected: list[str], actual: list[str]) -> str:
    diff = list(
        difflib.unified_diff(
            expected, actual, fromfile=f"expected/{name}", tofile=f"actual/{name}", lineterm="", n=2
        )
    )
    if len(diff) > MAX_DIFF_LINES:
        diff = [*diff[:MAX_DIFF_LINES], f"... ({len(diff) - MAX_DIFF_LINES} more diff lines)"]
    return "\n".join([f"{name}: {what}", *diff])
