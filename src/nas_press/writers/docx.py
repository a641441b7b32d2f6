"""Write a :class:`~nas_press.document.Document` as a DOCX file.

This is the only module that imports ``docx`` (python-docx), and only to
prepare its template; other modules import this one lazily, so that the
plain-text path never pays for python-docx.

How a file is made:

- python-docx opens its default template, which gains the styles this
  writer needs (``Lead``, ``Contact Heading``, ``Contact Label``,
  ``Contact`` and the character style ``Hyperlink``, which the template
  lacks), and is saved to memory. The template's ``stylesWithEffects.xml``
  (a 438 kB copy of the styles for Word 2010, which would keep the
  template's language and lack the added styles) and its thumbnail (a
  picture of an empty page) are dropped, and so are its 98 table styles
  (most of ``styles.xml``; see :func:`_drop_table_styles`). The parts are
  kept as bytes; of ``document.xml``, its relationships and ``core.xml``,
  which change with every document, the text around what changes is kept.
- For each language, ``styles.xml`` and ``settings.xml`` are made with the
  document language (``w:lang`` in the run defaults and in the Normal
  style, ``w:themeFontLang`` in the settings) and kept as bytes.
- Both are kept for the life of the process, and on disk in the user's
  cache folder (:func:`nas_press._resources.cache_dir`) from one process to
  the next, under a fingerprint of this module's source, python-docx, lxml
  and Python (:func:`_fingerprint`). A process that finds them there
  imports neither python-docx nor lxml: preparing the template takes about
  40 ms and importing python-docx about 60 ms, several times what writing a
  document costs. Without a usable cache they are made as above.
- Per call, ``document.xml``, its relationships and ``core.xml`` are written
  as text into those kept pieces, element by element as python-docx and
  lxml would write them (the same tags, attributes in the same order, text
  escaped as lxml escapes it). A chart is an inline picture (``wp:inline``)
  in a paragraph of its own, its alt text the ``descr`` of its ``wp:docPr``,
  scaled down if it is wider than the page's text; its PNG is a part
  ``word/media/chart<n>.png``, related from ``document.xml``, with a default
  content type for ``png`` added to ``[Content_Types].xml``. Every part is
  written into a zip with fixed timestamps, entry modes and order, so the
  same document always gives the same bytes (with the same zlib).
"""

from __future__ import annotations

import datetime
import functools
import io
import marshal
import os
import re
import stat
import sys
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, assert_never, cast

import attrs

from nas_press._resources import cache_dir, digest, read_cached, write_cached
from nas_press.document import (
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
    Span,
    bookmark_name,
    texts,
)
from nas_press.exceptions import DocumentError, ReferenceDocumentError, ReferenceStyleWarning
from nas_press.writers import Options, charts

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.opc.part import XmlPart
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.styles.style import ParagraphStyle
    from docx.styles.styles import Styles

__all__ = ["ReferenceStyleWarning", "docx_bytes"]

# Style names as Word shows them. The first five come with the template.
TITLE: Final = "Title"
HEADING: Final = "Heading 1"
BODY: Final = "Normal"
QUOTE: Final = "Quote"
BULLET: Final = "List Bullet"
LEAD: Final = "Lead"
CONTACT_HEADING: Final = "Contact Heading"
CONTACT_LABEL: Final = "Contact Label"
CONTACT: Final = "Contact"
HYPERLINK: Final = "Hyperlink"

_STYLE_NAMES: Final = (
    TITLE,
    HEADING,
    BODY,
    QUOTE,
    BULLET,
    LEAD,
    CONTACT_HEADING,
    CONTACT_LABEL,
    CONTACT,
    HYPERLINK,
)
"""Every style the writer uses, in the order a reference document's lacking ones are reported."""
_KIND: Final = {name: "character" if name == HYPERLINK else "paragraph" for name in _STYLE_NAMES}
"""The kind of each style: its ``w:type``."""

AUTHOR: Final = "nas_press"
"""Written as author and last modifier in the core properties."""

_TABLE_STYLES_KEPT = frozenset({"Normal Table", "Table Grid"})

_DOCUMENT = "word/document.xml"
_DOCUMENT_RELS = "word/_rels/document.xml.rels"
_STYLES = "word/styles.xml"
_SETTINGS = "word/settings.xml"
_NUMBERING = "word/numbering.xml"
_CORE = "docProps/core.xml"
_CONTENT_TYPES = "[Content_Types].xml"
_MEDIA = "word/media"

_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_SIGNATURES = (
    "http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/origin"
)
_PACKAGE_RELATIONSHIPS_DROPPED = frozenset({_THUMBNAIL, _SIGNATURES})
"""A picture of the template's first page, and signatures, which no longer hold once it changes."""
_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_PNG_DEFAULT = '<Default Extension="png" ContentType="image/png"/>'
_EMU_PER_CSS_PIXEL = 9525
"""English Metric Units (914 400 an inch) in a CSS pixel (1/96 inch)."""
_EMU_PER_TWIP = 635
_W_URI = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R_URI = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_ZIP_MODE = (stat.S_IFREG | 0o644) << 16
_ZIP_UNIX = 3

# Characters XML 1.0 cannot hold; lxml refuses them with a bare ValueError.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Children of w:rPr that must follow w:lang, and of w:pPr that follow w:outlineLvl.
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_AFTER_OUTLINE_LEVEL = ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")

# Stand-ins, written into the kept pieces where each document's own text goes.
_BODY_MARK: Final = "\u2060nas-press-body\u2060"
_TITLE_MARK: Final = "\u2060nas-press-title\u2060"
_LANGUAGE_MARK: Final = "\u2060nas-press-language\u2060"
_IDENTIFIER_MARK: Final = "\u2060nas-press-identifier\u2060"
_RID_MARK: Final = "\u2060nas-press-rid\u2060"
_URL_MARK: Final = "\u2060nas-press-url\u2060"
_DATE: Final = datetime.datetime(2001, 2, 3)
_DATE_MARK: Final = "2001-02-03T00:00:00Z"
""":data:`_DATE` as python-docx writes it in ``core.xml``."""
_MARKS = re.compile(
    "|".join(
        re.escape(m)
        for m in (_TITLE_MARK, _LANGUAGE_MARK, _IDENTIFIER_MARK, _RID_MARK, _URL_MARK, _DATE_MARK)
    )
)


def docx_bytes(document: Document, *, reference: bytes | None = None) -> bytes:
    """Return ``document`` as the bytes of a .docx file.

    The headline is a 'Title' paragraph; each line of content becomes one
    paragraph in a named style (see the module constants), links become
    working hyperlinks. The same document (and reference) always gives the
    same bytes.

    ``reference``, the bytes of a .docx file, is a brand's own document to
    build on, like pandoc's ``--reference-doc``: its style definitions, page
    setup, headers and footers, theme, fonts, numbering and settings are
    kept and its content is replaced (see :func:`_reference_template`). Each
    style this writer uses that the reference lacks is added, with this
    writer's own definition, and named in a :class:`ReferenceStyleWarning`.

    Raises :class:`~nas_press.exceptions.DocumentError` (a ``ValueError``) if
    some text holds a character that XML cannot hold (C0 controls other than
    tab, newline and carriage return; U+FFFE, U+FFFF; lone surrogates),
    naming the block it is in, and
    :class:`~nas_press.exceptions.ReferenceDocumentError` (a ``ValueError``)
    if ``reference`` is not a Word document (not a zip archive, an
    OpenDocument file, a Word template, a damaged file).
    """
    _check_text(document)
    if reference is None:
        template = _template()
        styles, settings = _language_parts(document.language)
    else:
        if not isinstance(reference, bytes):
            raise TypeError(
                f"reference must be the bytes of a .docx file, not {type(reference).__name__}"
                " (read a file with Path.read_bytes())"
            )
        template, added = _reference_template(reference)
        for name, added_as in added:
            warnings.warn(ReferenceStyleWarning(name, added_as, _KIND[name]), stacklevel=2)
        styles, settings = _reference_language_parts(reference, document.language)
    writer = _BodyWriter(template)
    writer.write(document)
    parts = {
        _DOCUMENT: writer.document_xml(),
        _DOCUMENT_RELS: writer.relationships(),
        _CORE: _core_xml(template, document),
        _STYLES: styles,
        _SETTINGS: settings,
    }
    if writer.media:
        parts[_CONTENT_TYPES] = _with_png(template.parts[_CONTENT_TYPES])
    return _zip(
        (
            *((name, parts.get(name, blob)) for name, blob in template.parts.items()),
            *writer.media.items(),
        )
    )


def write(document: Document, options: Options) -> bytes:
    """Write ``document`` as a DOCX file (see :func:`docx_bytes`)."""
    return docx_bytes(document, reference=options.reference)


def _with_png(content_types: bytes) -> bytes:
    """Return ``[Content_Types].xml`` with a default content type for ``.png`` parts.

    It goes before the other defaults, as python-docx writes them in order of
    extension (``png``, ``rels``, ``xml``); a reference document with pictures
    of its own may have it already.
    """
    text = content_types.decode("utf-8")
    if 'Extension="png"' in text:
        return content_types
    at = text.find("<Default ")
    if at < 0:
        at = text.index(">", text.index("<Types")) + 1
    return (text[:at] + _PNG_DEFAULT + text[at:]).encode("utf-8")


@attrs.frozen
class _Template:
    """The prepared default template: its parts as bytes, in zip order, and the kept pieces."""

    parts: Mapping[str, bytes]
    style_ids: Mapping[str, str]
    """Style id of each style name the writer uses."""
    first_free_rid: int
    """The lowest n such that no relationship of document.xml is ``rId<n>`` or above."""
    document_head: str
    """``document.xml`` up to the content of its body."""
    document_tail: str
    """``document.xml`` from the section properties, after the content of the body."""
    relationships: str
    """``document.xml.rels`` of a document without links."""
    relationships_head: str
    """``document.xml.rels`` up to the relationships of links."""
    relationship: str
    """The relationship of one link, with :data:`_RID_MARK` and :data:`_URL_MARK`."""
    relationships_tail: str
    """``document.xml.rels`` after the relationships of links."""
    core: str
    """``core.xml``, with :data:`_TITLE_MARK`, :data:`_LANGUAGE_MARK` and :data:`_DATE_MARK`."""
    body_style_named: bool = False
    """Whether 'Normal' paragraphs name their style: when it is not the default paragraph style."""


@functools.cache
def _template() -> _Template:
    """Return the prepared template, from the disk cache if it holds it, else made anew."""
    found = _read_cache("template")
    if isinstance(found, dict):
        try:
            found["parts"] = dict(found["parts"])
            template = _Template(**found)
        except (KeyError, TypeError, ValueError):
            pass
        else:
            if _well_formed(template):
                return template
    template = _make_template()
    _write_cache("template", {**attrs.asdict(template), "parts": tuple(template.parts.items())})
    return template


def _well_formed(template: _Template) -> bool:
    """Whether ``template``, read from the cache, has every field of the right type."""
    strings = (
        template.document_head,
        template.document_tail,
        template.relationships,
        template.relationships_head,
        template.relationship,
        template.relationships_tail,
        template.core,
    )
    return (
        all(isinstance(s, str) for s in strings)
        and isinstance(template.first_free_rid, int)
        and isinstance(template.body_style_named, bool)
        and all(isinstance(k, str) and isinstance(v, bytes) for k, v in template.parts.items())
        and isinstance(template.style_ids, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in template.style_ids.items())
        and set(_STYLE_NAMES) <= template.style_ids.keys()
        and {_DOCUMENT, _DOCUMENT_RELS, _STYLES, _SETTINGS, _CORE} <= template.parts.keys()
    )


@functools.lru_cache(maxsize=32)
def _language_parts(language: str) -> tuple[bytes, bytes]:
    """Return ``styles.xml`` and ``settings.xml`` for ``language``, from the disk cache if there."""
    name = f"language-{digest(language.encode('utf-8', 'surrogatepass'))}"
    found = _read_cache(name)
    if (
        isinstance(found, dict)
        and found.get("language") == language
        and isinstance(found.get("styles"), bytes)
        and isinstance(found.get("settings"), bytes)
    ):
        return found["styles"], found["settings"]
    template = _template()
    styles, settings = _styles_xml(template, language), _settings_xml(template, language)
    _write_cache(name, {"language": language, "styles": styles, "settings": settings})
    return styles, settings


# --------------------------------------------------------------------------- the disk cache

_CACHE_FORMAT: Final = "nas_press docx template 1"


def _source_digest() -> str | None:
    """Return a digest of this module's source as it is now, when the module is imported.

    Read at import, not when a template is first made, so that a module
    edited while a process runs cannot file the old code's template under
    the new code's fingerprint.
    """
    try:
        with open(__file__, "rb") as source:
            return digest(source.read())
    except OSError:
        return None


_SOURCE_DIGEST: Final = _source_digest()


def _cache_folder() -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"docx-{sys.implementation.cache_tag}"


@functools.cache
def _fingerprint() -> str | None:
    """Return a digest of everything the prepared template depends on, or ``None``.

    That is this module's source, Python's version, python-docx (its
    ``__init__.py``, which holds its version, and its default template) and
    lxml (its ``__init__.py``, with its version, and the size and time of
    its compiled ``etree``), found as ``import`` would find them without
    importing them. ``None`` (no disk cache) when any of them cannot be read.
    """
    if _SOURCE_DIGEST is None:
        return None
    pieces = [f"{_CACHE_FORMAT}\0{sys.version}\0{_SOURCE_DIGEST}".encode()]
    try:
        docx_folder = _package_folder("docx")
        lxml_folder = _package_folder("lxml")
        if docx_folder is None or lxml_folder is None:
            return None
        for path in (
            docx_folder / "__init__.py",
            docx_folder / "templates" / "default.docx",
            lxml_folder / "__init__.py",
        ):
            pieces += [path.name.encode(), path.read_bytes()]
        for entry in sorted(os.listdir(lxml_folder)):
            if entry.startswith("etree.") and entry.endswith((".so", ".pyd")):
                info = os.stat(lxml_folder / entry)
                pieces.append(f"{entry}\0{info.st_size}\0{info.st_mtime_ns}".encode())
    except OSError:
        return None
    return digest(*pieces)


def _package_folder(name: str) -> Path | None:
    """Return the folder of package ``name``, as ``import`` would find it, without importing it."""
    module = sys.modules.get(name)
    if module is not None:
        file = getattr(module, "__file__", None)
        return Path(file).parent if file else None
    for finder in sys.meta_path:
        find_spec = getattr(finder, "find_spec", None)
        if find_spec is None:
            continue
        spec = find_spec(name, None)
        if spec is not None:
            locations = list(spec.submodule_search_locations or ())
            return Path(locations[0]) if len(locations) == 1 else None
    return None


def _read_cache(name: str) -> Any:
    """Return what :func:`_write_cache` stored as ``name`` with this fingerprint, or ``None``."""
    folder, fingerprint = _cache_folder(), _fingerprint()
    if folder is None or fingerprint is None:
        return None
    data = read_cached(folder, name)
    header = f"{_CACHE_FORMAT}\n{fingerprint}\n".encode("ascii")
    if data is None or not data.startswith(header):
        return None
    try:
        return marshal.loads(memoryview(data)[len(header) :])
    except (EOFError, ValueError, TypeError):
        return None


def _write_cache(name: str, value: Any) -> None:
    """Store ``value`` (of types marshal can write) as ``name``; do nothing if it cannot."""
    folder, fingerprint = _cache_folder(), _fingerprint()
    if folder is not None and fingerprint is not None:
        header = f"{_CACHE_FORMAT}\n{fingerprint}\n".encode("ascii")
        write_cached(folder, name, header + marshal.dumps(value))


# --------------------------------------------------------------------------- making the template


def _make_template() -> _Template:
    """Prepare python-docx's default template (see the module's docstring)."""
    import docx

    package = docx.Document()
    _add_styles(package.styles)
    _drop_table_styles(package.styles)
    style_ids = {name: package.styles[name].style_id for name in _STYLE_NAMES}
    return _package_template(package, style_ids)


def _package_template(
    package: DocxDocument, style_ids: dict[str, str], *, body_style_named: bool = False
) -> _Template:
    """Save ``package``, a python-docx document with an empty body, and keep its pieces.

    Raises ``RuntimeError`` if the place of the content, or of links, cannot
    be found in what python-docx writes.
    """
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.oxml import CT_Relationships, serialize_part_xml

    document_rels = package.part.rels
    for rid, rel in list(document_rels.items()):
        if rel.reltype == _STYLES_WITH_EFFECTS:
            del document_rels[rid]
    package_rels = package.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype in _PACKAGE_RELATIONSHIPS_DROPPED:
            del package_rels[rid]
    numbers = [int(rid[3:]) for rid in document_rels if rid.startswith("rId") and rid[3:].isdigit()]
    buffer = io.BytesIO()
    package.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}

    document_head, document_tail = _split(_document_with_mark(parts[_DOCUMENT]), _BODY_MARK)
    root_start = document_head.find("<w:document ")
    if root_start < 0:
        raise RuntimeError("document.xml does not name its root element w:document")
    root_tag = document_head[root_start : document_head.index(">", root_start)]
    for prefix, uri in (("w", _W_URI), ("r", _R_URI)):  # the prefixes _BodyWriter writes
        if f' xmlns:{prefix}="{uri}"' not in root_tag:
            raise RuntimeError(f"document.xml does not declare xmlns:{prefix} on its root")

    rels = CT_Relationships.new()
    for rel in document_rels.values():
        rels.add_rel(rel.rId, rel.reltype, rel.target_ref, rel.is_external)
    without_links = serialize_part_xml(rels).decode("utf-8")
    rels.add_rel(_RID_MARK, RT.HYPERLINK, _URL_MARK, is_external=True)
    with_link = serialize_part_xml(rels).decode("utf-8")
    start = with_link.rindex("<", 0, with_link.index(_RID_MARK))
    end = with_link.index("/>", start) + 2
    if with_link.count(_RID_MARK) != 1 or with_link.count(_URL_MARK) != 1:
        raise RuntimeError("cannot find the place of links in document.xml.rels")

    return _Template(
        parts=parts,
        style_ids=style_ids,
        first_free_rid=max(numbers, default=0) + 1,
        document_head=document_head,
        document_tail=document_tail,
        relationships=without_links,
        relationships_head=with_link[:start],
        relationship=with_link[start:end],
        relationships_tail=with_link[end:],
        core=_core_with_marks(),
        body_style_named=body_style_named,
    )


def _document_with_mark(xml: bytes) -> str:
    """Return ``document.xml`` with its body emptied but for :data:`_BODY_MARK` and ``sectPr``."""
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml.document import CT_Document
    from docx.oxml.ns import qn
    from docx.oxml.parser import parse_xml

    root = cast(CT_Document, parse_xml(xml))
    body = root.body
    sect_pr = body.sectPr
    for child in list(body):  # drop everything, put the section properties back last
        body.remove(child)
    mark = body.makeelement(qn("w:nasPressBody"))  # an element python-docx gives no class
    mark.text = _BODY_MARK
    body.append(mark)
    if sect_pr is not None:
        body.append(sect_pr)
    return serialize_part_xml(root).decode("utf-8")


def _split(text: str, mark: str) -> tuple[str, str]:
    """Split ``text`` around the one element that holds nothing but ``mark``."""
    at = text.index(mark)
    start = text.rindex("<", 0, at)
    tag = text[start + 1 : at - 1]
    end = at + len(mark) + len(tag) + 3
    if text.count(mark) != 1 or text[start:end] != f"<{tag}>{mark}</{tag}>":
        raise RuntimeError(f"cannot find the place of {mark!r}")
    return text[:start], text[end:]


def _core_with_marks() -> str:
    """Return ``core.xml`` as python-docx writes it, with marks for what changes."""
    from docx.opc.coreprops import CoreProperties
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml.coreprops import CT_CoreProperties

    element = CT_CoreProperties.new()
    properties = CoreProperties(element)
    properties.title = _TITLE_MARK
    properties.author = AUTHOR
    properties.last_modified_by = AUTHOR
    properties.revision = 1
    properties.created = _DATE
    properties.modified = _DATE
    properties.language = _LANGUAGE_MARK
    properties.identifier = _IDENTIFIER_MARK
    core = serialize_part_xml(element).decode("utf-8")
    counts = (core.count(m) for m in (_TITLE_MARK, _LANGUAGE_MARK, _IDENTIFIER_MARK, _DATE_MARK))
    if tuple(counts) != (1, 1, 1, 2):
        raise RuntimeError(
            "cannot find the places of the title, language, identifier and dates in core.xml"
        )
    return core


def _add_styles(styles: Styles) -> None:
    """Add the styles the default template lacks."""
    from docx.enum.dml import MSO_THEME_COLOR
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_UNDERLINE
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement
    from docx.shared import Pt, RGBColor
    from docx.styles.style import CharacterStyle

    normal = styles[BODY]

    lead = _add_paragraph_style(styles, LEAD)
    lead.base_style = normal
    lead.next_paragraph_style = normal
    lead.quick_style = True
    lead.font.bold = True
    lead.font.size = Pt(12)

    # Based on Heading 1 and with its outline level written out, so that Word,
    # LibreOffice and PDF export treat it as a level-1 heading (no skipped level
    # after the title), while a brand can restyle it apart from Heading 1.
    contact_heading = _add_paragraph_style(styles, CONTACT_HEADING)
    contact_heading.base_style = styles[HEADING]
    contact_heading.next_paragraph_style = normal
    contact_heading.quick_style = True
    outline_level = OxmlElement("w:outlineLvl", attrs={qn("w:val"): "0"})
    contact_heading.element.get_or_add_pPr().insert_element_before(
        outline_level, *_AFTER_OUTLINE_LEVEL
    )

    label = _add_paragraph_style(styles, CONTACT_LABEL)
    label.base_style = normal
    label.quick_style = True
    label.font.bold = True
    label.paragraph_format.space_after = Pt(2)
    label.paragraph_format.keep_with_next = True

    # One paragraph per contact, its lines split by line breaks: the space
    # after each paragraph is the small space between contacts.
    contact = _add_paragraph_style(styles, CONTACT)
    contact.base_style = normal
    contact.quick_style = True
    contact.paragraph_format.space_after = Pt(6)
    contact.paragraph_format.keep_together = True

    # Word's own built-in 'Hyperlink' style, which python-docx's template lacks.
    hyperlink = cast(
        CharacterStyle,
        styles.add_style(  # type: ignore[no-untyped-call]  # unannotated in python-docx
            HYPERLINK, WD_STYLE_TYPE.CHARACTER, builtin=True
        ),
    )
    hyperlink.base_style = styles["Default Paragraph Font"]
    hyperlink.priority = 99
    hyperlink.unhide_when_used = True
    hyperlink.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    hyperlink.font.color.theme_color = MSO_THEME_COLOR.HYPERLINK
    hyperlink.font.underline = WD_UNDERLINE.SINGLE


def _add_paragraph_style(styles: Styles, name: str) -> ParagraphStyle:
    from docx.enum.style import WD_STYLE_TYPE

    style = styles.add_style(  # type: ignore[no-untyped-call]  # unannotated in python-docx
        name, WD_STYLE_TYPE.PARAGRAPH
    )
    return cast("ParagraphStyle", style)


def _drop_table_styles(styles: Styles) -> None:
    """Drop the template's table styles but Word's default and 'Table Grid'.

    They are 98 of its 164 styles and 310 of the 350 kB of ``styles.xml``;
    compressing them took a third of each call. A press release has no tables,
    and Word still offers every built-in table style (they are latent styles)
    and writes a style's definition into the file when it is first used.
    """
    from docx.enum.style import WD_STYLE_TYPE

    for style in list(styles):
        if style.type == WD_STYLE_TYPE.TABLE and style.name not in _TABLE_STYLES_KEPT:
            style.delete()


def _styles_xml(template: _Template, language: str) -> bytes:
    """Return the ``styles.xml`` of ``template`` with ``language`` as the document's language.

    That is the language of the run defaults and of the Normal style, and of
    every style that names a language of its own (a reference document's
    'Heading 1' may have been saved in the brand's language).
    """
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement, parse_xml
    from docx.oxml.styles import CT_Styles

    styles = cast(CT_Styles, parse_xml(template.parts[_STYLES]))
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    _set_lang(rpr, language)
    normal = styles.get_by_id(template.style_ids[BODY])
    if normal is None:
        raise RuntimeError("the DOCX template has no Normal style")
    _set_lang(normal.get_or_add_rPr(), language)
    for lang in styles.iter(qn("w:lang")):
        if lang.get(qn("w:val")) is not None:
            lang.set(qn("w:val"), language)
    return serialize_part_xml(styles)


def _set_lang(rpr: BaseOxmlElement, language: str) -> None:
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.insert_element_before(lang, *_AFTER_LANG)
    lang.set(qn("w:val"), language)


# Children of w:settings that follow w:themeFontLang, in the schema's order; so
# do elements of the later Word namespaces (w14:docId, w15:…), which end it.
_AFTER_THEME_FONT_LANG = frozenset(
    f"{{{_W_URI}}}{name}"
    for name in (
        "clrSchemeMapping",
        "doNotIncludeSubdocsInStats",
        "doNotAutoCompressPictures",
        "forceUpgrade",
        "captions",
        "readModeInkLockDown",
        "smartTagType",
        "shapeDefaults",
        "doNotEmbedSmartTags",
        "decimalSymbol",
        "listSeparator",
    )
)
_BEFORE_THEME_FONT_LANG_URIS = frozenset(
    {_W_URI, "http://schemas.openxmlformats.org/officeDocument/2006/math"}
)


def _settings_xml(template: _Template, language: str) -> bytes:
    """Return the ``settings.xml`` of ``template`` with ``language`` as the theme font language."""
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement, parse_xml

    settings = parse_xml(template.parts[_SETTINGS])
    theme_font_lang = settings.find(qn("w:themeFontLang"))
    if theme_font_lang is None:
        theme_font_lang = OxmlElement("w:themeFontLang")
        after = next(
            (
                child
                for child in settings
                if isinstance(child.tag, str)
                and (
                    child.tag in _AFTER_THEME_FONT_LANG
                    or child.tag[1:].partition("}")[0] not in _BEFORE_THEME_FONT_LANG_URIS
                )
            ),
            None,
        )
        if after is None:
            settings.append(theme_font_lang)
        else:
            after.addprevious(theme_font_lang)
    theme_font_lang.set(qn("w:val"), language)
    return serialize_part_xml(settings)


# --------------------------------------------------------------------------- reference documents

_WORD_DOCUMENT: Final = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
_NOT_A_DOCUMENT: Final = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": (
        "a Word template (.dotx)"
    ),
    "application/vnd.ms-word.document.macroEnabled.main+xml": (
        "a macro-enabled Word document (.docm)"
    ),
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": (
        "a macro-enabled Word template (.dotm)"
    ),
}
"""What a package whose main part has one of these content types is, to say so when refusing it."""
_SAVE_AS_DOCX: Final = "open it in Word or LibreOffice and save it as a Word document (.docx)"

_RELATIONSHIPS_OF_THE_WHOLE: Final = frozenset(
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/" + name
    for name in (
        "styles",
        "settings",
        "webSettings",
        "fontTable",
        "theme",
        "numbering",
        "footnotes",
        "endnotes",
        "customXml",
        "glossaryDocument",
    )
) | {"http://schemas.microsoft.com/office/2011/relationships/people"}
"""Relationships of a reference's ``document.xml`` kept though nothing left in it names them.

They belong to the document as a whole. The rest (images, links, comments,
embedded objects of the reference's own content) go with that content,
unless the section properties name them (headers and footers).
"""

_EMPTY_PART: Final = f'<w:{{root}} xmlns:w="{_W_URI}"/>'
"""A styles or numbering part with nothing in it, for a reference that has none."""


_DAMAGED: Final = (
    KeyError,
    ValueError,
    SyntaxError,
    EOFError,
    NotImplementedError,
    RuntimeError,
    zipfile.BadZipFile,
    zlib.error,
)
"""What python-docx, lxml, zipfile and zlib raise for a damaged file.

lxml's ``XMLSyntaxError`` is a ``SyntaxError``; zipfile raises
``NotImplementedError`` for an unknown compression and ``RuntimeError`` for
an encrypted member.
"""


@functools.lru_cache(maxsize=4)
def _reference_template(reference: bytes) -> tuple[_Template, tuple[tuple[str, str], ...]]:
    """Return the template built on ``reference``, and each style added to it with its name.

    The reference is opened with python-docx (refused as
    :func:`_open_reference` says), and then, like pandoc's ``--reference-doc``:

    - its body is emptied but for the final section properties (page size
      and margins, columns, header and footer references);
    - the relationships of ``document.xml`` that nothing left names are
      dropped, but for those of the document as a whole
      (:data:`_RELATIONSHIPS_OF_THE_WHOLE`), so the images, links and
      comments of its content are not carried along; so are Word 2010's
      ``stylesWithEffects.xml``, the thumbnail and any signatures;
    - the styles are matched and completed by :func:`_adopt_styles`;
    - the core properties are this writer's own, as without a reference.

    Everything else (the style definitions, headers and footers with their
    own relationships, theme, font table and embedded fonts, numbering,
    settings, custom XML and properties) is kept as the reference has it.
    Raises :class:`~nas_press.exceptions.ReferenceDocumentError`.
    """
    from docx.opc.exceptions import PackageNotFoundError

    package = _open_reference(reference)
    try:
        package.settings  # noqa: B018  # made by python-docx if the reference has none
        # The core properties are this writer's own. LibreOffice relates them with a
        # type of ECMA-376's first edition that python-docx does not know, which
        # would leave two parts named docProps/core.xml: drop them, so python-docx
        # makes a new part, whose bytes _core_xml replaces.
        package_rels = package.part.package.rels
        for rid, rel in list(package_rels.items()):
            if rel.reltype.endswith("/metadata/core-properties"):
                del package_rels[rid]
        package.core_properties  # noqa: B018
        body = package.element.body
        section = body.sectPr
        for child in list(body):
            if child is not section:
                body.remove(child)
        named = {
            value
            for element in package.element.iter()
            for attribute, value in element.attrib.items()
            if attribute.startswith(f"{{{_R_URI}}}")
        }
        relationships = package.part.rels
        for rid, rel in list(relationships.items()):
            if rid not in named and rel.reltype not in _RELATIONSHIPS_OF_THE_WHOLE:
                del relationships[rid]
        style_ids, added, body_style_named = _adopt_styles(package)
        template = _package_template(package, style_ids, body_style_named=body_style_named)
    except ReferenceDocumentError:
        raise
    except (PackageNotFoundError, *_DAMAGED) as exc:
        raise ReferenceDocumentError(
            f"the reference document cannot be used: {exc}; {_SAVE_AS_DOCX} again"
        ) from exc
    return template, added


@functools.lru_cache(maxsize=16)
def _reference_language_parts(reference: bytes, language: str) -> tuple[bytes, bytes]:
    """Return ``styles.xml`` and ``settings.xml`` of the template built on ``reference``."""
    template, _ = _reference_template(reference)
    return _styles_xml(template, language), _settings_xml(template, language)


def _open_reference(data: bytes) -> DocxDocument:
    """Return ``data`` opened with python-docx, if it is a Word document.

    Raises :class:`~nas_press.exceptions.ReferenceDocumentError` for what is
    not a zip archive, an OpenDocument file (LibreOffice's own format), a zip
    archive that is no Office Open XML package, a Word template (.dotx) or
    macro-enabled file (python-docx opens neither; Word turns a template into
    a new document when it opens it, which is what the user should do), or
    a damaged file.
    """
    from docx.opc.exceptions import PackageNotFoundError
    from docx.package import Package

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except _DAMAGED as exc:
        raise ReferenceDocumentError(
            "the reference document is not a .docx file: it is not a zip archive, as every"
            f" .docx is ({exc}); expected a Word document saved by Word or LibreOffice"
        ) from exc
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        kind = mimetype.decode("ascii", "replace")
        raise ReferenceDocumentError(
            f"the reference document is an OpenDocument file ({kind}), not a .docx; {_SAVE_AS_DOCX}"
        )
    if "[Content_Types].xml" not in names:
        raise ReferenceDocumentError(
            "the reference document is a zip archive but not a .docx file: it has no"
            " [Content_Types].xml; expected a Word document saved by Word or LibreOffice"
        )
    try:
        part = Package.open(io.BytesIO(data)).main_document_part
    except (PackageNotFoundError, *_DAMAGED) as exc:
        raise ReferenceDocumentError(
            f"the reference document is damaged: python-docx cannot read it ({exc});"
            f" {_SAVE_AS_DOCX}"
        ) from exc
    content_type = part.content_type
    if content_type != _WORD_DOCUMENT:
        what = _NOT_A_DOCUMENT.get(content_type)
        if what is None:
            raise ReferenceDocumentError(
                f"the reference document is not a Word document: its main part is"
                f" {content_type!r}, expected {_WORD_DOCUMENT!r}"
            )
        raise ReferenceDocumentError(
            f"the reference document is {what}, not a Word document (.docx), and is not"
            f" used as it is; {_SAVE_AS_DOCX}"
        )
    return cast("DocxDocument", part.document)


def _adopt_styles(
    package: DocxDocument,
) -> tuple[dict[str, str], tuple[tuple[str, str], ...], bool]:
    """Find the reference's style for each of :data:`_STYLE_NAMES`; add those it lacks.

    A style is found by its name (``w:name``, case-insensitively: Word writes
    the built-in ones in English and in lower case, ``heading 1``, whatever
    the language of its menus, while the style id may be translated,
    ``Otsikko1``), or else by this writer's style id, among the styles of
    the same kind; 'Normal' is also the reference's default paragraph style.

    A style not found is copied from the prepared default template under a
    style id the reference does not use, and its name if the reference has
    a style of that name of the other kind. Its references to other styles
    (``basedOn``, ``next``, ``link``) are pointed at the reference's styles
    of the same names, or dropped where it has none; 'List Bullet' brings
    its bullet definition into the numbering part under unused numbers.

    Returns the style id of each name, the names of the added styles with
    the name each was given, and whether 'Normal' paragraphs must name their
    style (when it is not the default paragraph style, as LibreOffice writes it).
    """
    import copy

    from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.oxml.ns import qn
    from docx.oxml.parser import parse_xml
    from docx.parts.styles import StylesPart

    own = _template()
    document_part = package.part
    try:
        document_part.part_related_by(RT.STYLES)
    except KeyError:  # python-docx would make one from its own template; start from nothing
        empty = StylesPart(
            PackURI("/" + _STYLES),
            CT.WML_STYLES,
            parse_xml(_EMPTY_PART.format(root="styles")),
            document_part.package,
        )
        document_part.relate_to(empty, RT.STYLES)
    styles = package.styles.element
    ours = parse_xml(own.parts[_STYLES])
    our_styles = {s.get(qn("w:styleId")): s for s in ours.iterchildren(qn("w:style"))}
    theirs: list[BaseOxmlElement] = list(styles.iterchildren(qn("w:style")))

    def name_of(style: BaseOxmlElement) -> str:
        name = style.find(qn("w:name"))
        return "" if name is None else str(name.get(qn("w:val"), ""))

    def kind_of(style: BaseOxmlElement) -> str:
        return str(style.get(qn("w:type"), "paragraph"))

    def is_default(style: BaseOxmlElement) -> bool:
        return style.get(qn("w:default")) in ("1", "true", "on")

    def find(name: str, kind: str, style_id: str | None = None) -> BaseOxmlElement | None:
        folded = name.casefold()
        for style in theirs:
            if kind_of(style) == kind and name_of(style).casefold() == folded:
                return style
        for style in theirs:
            if (
                style_id is not None
                and kind_of(style) == kind
                and style.get(qn("w:styleId")) == style_id
            ):
                return style
        return None

    ids: dict[str, str] = {}
    added: list[tuple[str, str]] = []
    copies: list[BaseOxmlElement] = []
    taken = {style.get(qn("w:styleId")) for style in theirs}
    for name in _STYLE_NAMES:
        kind, own_id = _KIND[name], own.style_ids[name]
        found = find(name, kind, own_id)
        if found is None and name == BODY:
            found = next((s for s in theirs if kind_of(s) == kind and is_default(s)), None)
        if found is not None:
            ids[name] = str(found.get(qn("w:styleId")))
            continue
        style = copy.deepcopy(our_styles[own_id])
        style_id = _unused(own_id, taken)
        taken.add(style_id)
        style.set(qn("w:styleId"), style_id)
        added_as = name
        if any(name_of(s).casefold() == name.casefold() for s in theirs):
            added_as = f"{name} (nas_press)"
            style.find(qn("w:name")).set(qn("w:val"), added_as)
        if is_default(style) and any(kind_of(s) == kind and is_default(s) for s in theirs):
            del style.attrib[qn("w:default")]
        styles.append(style)
        ids[name] = style_id
        added.append((name, added_as))
        copies.append(style)

    own_names = {own.style_ids[name]: name for name in _STYLE_NAMES}

    def resolve(own_id: str) -> str | None:
        """Return the reference's style id for the style ``own_id`` of the default template."""
        if own_id in own_names:
            return ids[own_names[own_id]]
        source = our_styles.get(own_id)
        found = None if source is None else find(name_of(source), kind_of(source))
        return None if found is None else str(found.get(qn("w:styleId")))

    def repoint(element: BaseOxmlElement, tags: Sequence[str]) -> None:
        for tag in tags:
            for reference in list(element.iter(qn(tag))):
                target = resolve(str(reference.get(qn("w:val"))))
                if target is None:
                    reference.getparent().remove(reference)
                else:
                    reference.set(qn("w:val"), target)

    for style in copies:
        repoint(style, ("w:basedOn", "w:next", "w:link"))
        num_id = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if num_id is not None:
            new_id = _adopt_numbering(package, str(num_id.get(qn("w:val"))), repoint)
            num_id.set(qn("w:val"), new_id)

    body = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{ids[BODY]}']")
    body_style_named = not (body is not None and is_default(body))
    return ids, tuple(added), body_style_named


def _adopt_numbering(
    package: DocxDocument,
    own_num_id: str,
    repoint: Callable[[BaseOxmlElement, Sequence[str]], None],
) -> str:
    """Copy list ``own_num_id`` of the default template into the reference; return its new id.

    The list (``w:num``) and its definition (``w:abstractNum``) are numbered
    after the reference's highest; the definition's style references are
    pointed at the reference's styles by ``repoint``. A reference without a
    numbering part is given one.
    """
    import copy

    from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.oxml.ns import qn
    from docx.oxml.parser import parse_xml
    from docx.parts.numbering import NumberingPart

    document_part = package.part
    try:
        numbering_part = document_part.part_related_by(RT.NUMBERING)
    except KeyError:
        numbering_part = NumberingPart(
            PackURI("/" + _NUMBERING),
            CT.WML_NUMBERING,
            parse_xml(_EMPTY_PART.format(root="numbering")),
            document_part.package,
        )
        document_part.relate_to(numbering_part, RT.NUMBERING)
    numbering = cast("XmlPart", numbering_part).element
    ours = parse_xml(_template().parts[_NUMBERING])
    num = ours.find(f"{qn('w:num')}[@{qn('w:numId')}='{own_num_id}']")
    if num is None:
        raise RuntimeError(f"the DOCX template has no list {own_num_id}")
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = ours.find(f"{qn('w:abstractNum')}[@{qn('w:abstractNumId')}='{abstract_id}']")
    if abstract is None:
        raise RuntimeError(f"the DOCX template has no list definition {abstract_id}")

    def next_number(tag: str, attribute: str) -> str:
        numbers = [
            int(value)
            for element in numbering.iterchildren(qn(tag))
            if (value := element.get(qn(attribute), "")).isdigit()
        ]
        return str(max(numbers, default=0) + 1)

    abstract, num = copy.deepcopy(abstract), copy.deepcopy(num)
    abstract.set(qn("w:abstractNumId"), next_number("w:abstractNum", "w:abstractNumId"))
    num.set(qn("w:numId"), next_number("w:num", "w:numId"))
    num.find(qn("w:abstractNumId")).set(qn("w:val"), abstract.get(qn("w:abstractNumId")))
    repoint(abstract, ("w:pStyle", "w:styleLink", "w:numStyleLink"))
    # The schema's order: w:abstractNum elements, then w:num, then w:numIdMacAtCleanup.
    first_num = numbering.find(qn("w:num"))
    clean_up = numbering.find(qn("w:numIdMacAtCleanup"))
    if first_num is not None:
        first_num.addprevious(abstract)
    elif clean_up is not None:
        clean_up.addprevious(abstract)
    else:
        numbering.append(abstract)
    if clean_up is not None:
        clean_up.addprevious(num)
    else:
        numbering.append(num)
    return str(num.get(qn("w:numId")))


def _unused(style_id: str, taken: set[str | None]) -> str:
    """Return ``style_id``, or it with the lowest number appended that is not ``taken``."""
    candidate, number = style_id, 0
    while candidate in taken:
        number += 1
        candidate = f"{style_id}{number}"
    return candidate


# --------------------------------------------------------------------------- each document

# python-docx refuses a core property longer than this, with this message.
_MAX_PROPERTY: Final = 255
_TOO_LONG: Final = "exceeded 255 char limit for property, got:\n\n'%s'"


def _core_xml(template: _Template, document: Document) -> bytes:
    """Return ``core.xml``: nothing in it depends on when or where it is made.

    Raises ``ValueError`` for a title or language tag longer than 255
    characters, as python-docx does.
    """
    for value in (document.title, document.language, document.release_id):
        if len(value) > _MAX_PROPERTY:
            raise ValueError(_TOO_LONG % value)
    midnight = datetime.datetime.combine(document.published, datetime.time())
    values = {
        _TITLE_MARK: _escape_text(document.title),
        _LANGUAGE_MARK: _escape_text(document.language),
        _IDENTIFIER_MARK: _escape_text(document.release_id),
        _DATE_MARK: midnight.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    return _fill(template.core, values).encode("utf-8")


def _fill(text: str, values: Mapping[str, str]) -> str:
    """Put ``values`` in place of the marks in ``text``, in one pass."""
    return _MARKS.sub(lambda match: values[match.group()], text)


def _escape_text(text: str) -> str:
    """Escape ``text`` for element content, as lxml does."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


_ATTRIBUTE_ESCAPES: Final = (
    ("&", "&amp;"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ('"', "&quot;"),
    ("\n", "&#10;"),
    ("\r", "&#13;"),
    ("\t", "&#9;"),
)


def _escape_attribute(text: str) -> str:
    """Escape ``text`` for a double-quoted attribute value, as lxml does."""
    for char, reference in _ATTRIBUTE_ESCAPES:
        if char in text:
            text = text.replace(char, reference)
    return text


_BREAK_OR_TAB = re.compile("\r\n|[\t\n\r]")


class _BodyWriter:
    """Writes ``document.xml`` and the hyperlink relationships of one document.

    The XML is written as text, element by element as python-docx (with
    lxml's ``makeelement``, not its slower ``add_p``/``add_r``/``CT_R.text``)
    made and lxml serialized it: the same as python-docx writes, except that
    ``\\r\\n`` is one line break rather than two.
    """

    def __init__(self, template: _Template) -> None:
        self._template = template
        self._out: list[str] = []
        self._style_ids = template.style_ids
        self._body_style_named = template.body_style_named
        self._first_rid = template.first_free_rid
        self._rid_of_url: dict[str, str] = {}
        self._relationships: list[str] = []
        """Each relationship added, in the order of its id: links and pictures."""
        self.media: dict[str, bytes] = {}
        """The picture parts, by name in the package (``word/media/chart1.png``)."""
        self._text_width = _text_width(template.document_tail)
        self._bookmarks: set[str] = set()

    def write(self, document: Document) -> None:
        """Add the paragraphs of ``document``, in order."""
        self._paragraph(TITLE, document.headline)
        for block in document.blocks:
            match block:
                case Lead(content=content):
                    self._paragraph(LEAD, content)
                case Heading(content=content):
                    self._paragraph(HEADING, content)
                case Paragraph(content=content):
                    self._paragraph(BODY, content)
                case Quote(content=content):
                    self._paragraph(QUOTE, content)
                case BulletList(items=items):
                    for item in items:
                        self._paragraph(BULLET, item)
                case ContactBlock(heading=heading, groups=groups):
                    self._paragraph(CONTACT_HEADING, (heading,))
                    for group in groups:
                        if group.label is not None:
                            self._paragraph(CONTACT_LABEL, (group.label,))
                        for contact in group.contacts:
                            self._paragraph(CONTACT, *contact.lines())
                case Chart():
                    self._picture(block)
                case _:
                    assert_never(block)

    def document_xml(self) -> bytes:
        """Return ``document.xml`` with the paragraphs written so far."""
        template = self._template
        return "".join((template.document_head, *self._out, template.document_tail)).encode("utf-8")

    def relationships(self) -> bytes:
        """Return ``document.xml.rels``: the template's, then one per link target."""
        template = self._template
        if not self._relationships:
            return template.relationships.encode("utf-8")
        return "".join(
            (template.relationships_head, *self._relationships, template.relationships_tail)
        ).encode("utf-8")

    def _next_rid(self) -> str:
        return f"rId{self._first_rid + len(self._relationships)}"

    def _picture(self, chart: Chart) -> None:
        """Add a chart as an inline picture in a paragraph of its own, as wide as it fits.

        Its alt text is the ``descr`` of its ``wp:docPr`` and its title the
        ``title``, which Word shows as the picture's alt text and title.
        Without matplotlib the chart is left out (see :func:`charts.picture`).
        """
        png = charts.picture(chart)
        if png is None:
            return
        number = len(self.media) + 1
        name = f"{_MEDIA}/chart{number}.png"
        while name in self._template.parts:
            number += 1
            name = f"{_MEDIA}/chart{number}.png"
        rid = self._next_rid()
        self._relationships.append(
            f'<Relationship Id="{_escape_attribute(rid)}" Type="{_IMAGE}"'
            f' Target="{name.removeprefix("word/")}"/>'
        )
        self.media[name] = png
        css_width, css_height = charts.size(chart)
        width = css_width * _EMU_PER_CSS_PIXEL
        height = css_height * _EMU_PER_CSS_PIXEL
        if self._text_width is not None and width > self._text_width:
            width, height = self._text_width, height * self._text_width // width
        shape_id = len(self.media)
        a = "http://schemas.openxmlformats.org/drawingml/2006/main"
        pic = "http://schemas.openxmlformats.org/drawingml/2006/picture"
        out = self._out
        out.append("<w:p>")
        if self._body_style_named:
            out.append(
                f'<w:pPr><w:pStyle w:val="{_escape_attribute(self._style_ids[BODY])}"/></w:pPr>'
            )
        out.append(
            '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{width}" cy="{height}"/>'
            '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="{shape_id}" name="Chart {shape_id}"'
            f' descr="{_escape_attribute(chart.alt)}" title="{_escape_attribute(chart.title)}"/>'
            f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{a}" noChangeAspect="1"/>'
            f'</wp:cNvGraphicFramePr><a:graphic xmlns:a="{a}"><a:graphicData uri="{pic}">'
            f'<pic:pic xmlns:pic="{pic}"><pic:nvPicPr>'
            f'<pic:cNvPr id="{shape_id}" name="chart{number}.png"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{_escape_attribute(rid)}"/>'
            "<a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
            '<pic:spPr><a:xfrm><a:off x="0" y="0"/>'
            f'<a:ext cx="{width}" cy="{height}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
            "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
        )

    def _paragraph(self, style: str, *lines: Sequence[Inline]) -> None:
        """Add one paragraph in ``style``; several lines are split by line breaks."""
        out = self._out
        start = len(out)
        out.append("<w:p>")
        # The default paragraph style goes unnamed, as Word does it.
        if style != BODY or self._body_style_named:
            out.append(
                f'<w:pPr><w:pStyle w:val="{_escape_attribute(self._style_ids[style])}"/></w:pPr>'
            )
        for number, line in enumerate(lines):
            if number:
                out.append("<w:r><w:br/></w:r>")
            for piece in line:
                if isinstance(piece, Span):
                    self._span(piece)
                else:
                    self._inline(piece)
        if len(out) == start + 1:
            out[start] = "<w:p/>"
        else:
            out.append("</w:p>")

    def _inline(self, piece: str | Link) -> None:
        out = self._out
        if isinstance(piece, Link):
            out.append(
                f'<w:hyperlink r:id="{_escape_attribute(self._rid(piece.url))}" w:history="1">'
            )
            out.append(_run(piece.text, self._style_ids[HYPERLINK]))
            out.append("</w:hyperlink>")
        elif piece:
            out.append(_run(piece))

    def _span(self, span: Span) -> None:
        """Add an authored text between the start and end of the bookmark named after its key
        (:func:`~nas_press.document.bookmark_name`), so that it can be found in an edited copy.

        A bookmark is invisible: what a reader sees does not change.
        """
        name = bookmark_name(span.key)
        if name in self._bookmarks:  # a key shown twice is marked where it first stands
            for piece in span.content:
                self._inline(piece)
            return
        self._bookmarks.add(name)
        number = len(self._bookmarks)
        self._out.append(f'<w:bookmarkStart w:id="{number}" w:name="{name}"/>')
        for piece in span.content:
            self._inline(piece)
        self._out.append(f'<w:bookmarkEnd w:id="{number}"/>')

    def _rid(self, url: str) -> str:
        """Return the relationship id of ``url``; links to one target share one."""
        rid = self._rid_of_url.get(url)
        if rid is None:
            rid = self._next_rid()
            self._rid_of_url[url] = rid
            self._relationships.append(
                _fill(
                    self._template.relationship,
                    {_RID_MARK: _escape_attribute(rid), _URL_MARK: _escape_attribute(url)},
                )
            )
        return rid


_PAGE_WIDTH = re.compile(r'<w:pgSz\b[^>]*\bw:w="(\d+)"')
_MARGIN = re.compile(r"<w:pgMar\b[^>]*>")
_SIDE = re.compile(r'\bw:(left|right|gutter)="(-?\d+)"')


def _text_width(section: str) -> int | None:
    """Return the text width of the page, in EMU, from the last section's properties.

    That is the page width less the left and right margins and the gutter;
    ``None`` when the section properties do not say.
    """
    page = _PAGE_WIDTH.search(section)
    margins = _MARGIN.search(section)
    if page is None or margins is None:
        return None
    sides = {side: int(value) for side, value in _SIDE.findall(margins.group())}
    width = int(page.group(1)) - sum(sides.get(s, 0) for s in ("left", "right", "gutter"))
    return width * _EMU_PER_TWIP if width > 0 else None


def _run(text: str, style_id: str | None = None) -> str:
    """Return a run of ``text``: tabs become ``w:tab``, line ends ``w:br``."""
    out = []
    if style_id is not None:
        out.append(f'<w:rPr><w:rStyle w:val="{_escape_attribute(style_id)}"/></w:rPr>')
    start = 0
    for special in _BREAK_OR_TAB.finditer(text):
        _add_t(out, text[start : special.start()])
        out.append("<w:tab/>" if special.group() == "\t" else "<w:br/>")
        start = special.end()
    _add_t(out, text[start:])
    return f"<w:r>{''.join(out)}</w:r>" if out else "<w:r/>"


def _add_t(out: list[str], text: str) -> None:
    if text:
        # Word drops leading and trailing spaces of a w:t unless told to keep them.
        if text.strip() != text:
            out.append(f'<w:t xml:space="preserve">{_escape_text(text)}</w:t>')
        else:
            out.append(f"<w:t>{_escape_text(text)}</w:t>")


def _check_text(document: Document) -> None:
    for text in texts(document):
        bad = _NOT_XML.search(text.text)
        if bad is not None:
            char = bad.group()
            raise DocumentError(
                f"{text.where}: {text.text!r} holds {char!r} (U+{ord(char):04X}) at index"
                f" {bad.start()}, which a DOCX file cannot hold; remove or replace it"
            )


def _zip(parts: Iterable[tuple[str, bytes]]) -> bytes:
    """Return a zip of ``parts`` in order, with nothing that depends on time or place."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = _ZIP_UNIX
            info.external_attr = _ZIP_MODE
            archive.writestr(info, data)
    return buffer.getvalue()
