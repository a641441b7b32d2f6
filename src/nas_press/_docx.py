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
  escaped as lxml escapes it), and every part is written into a zip with
  fixed timestamps, entry modes and order, so the same document always
  gives the same bytes (with the same zlib).
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
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, assert_never, cast

import attrs

from nas_press._resources import cache_dir, digest, read_cached, write_cached
from nas_press.document import (
    BulletList,
    ContactBlock,
    Document,
    Heading,
    Inline,
    Lead,
    Link,
    Paragraph,
    Quote,
)
from nas_press.exceptions import DocumentError

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.styles.style import ParagraphStyle
    from docx.styles.styles import Styles

__all__ = ["docx_bytes"]

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

AUTHOR: Final = "nas_press"
"""Written as author and last modifier in the core properties."""

_TABLE_STYLES_KEPT = frozenset({"Normal Table", "Table Grid"})

_DOCUMENT = "word/document.xml"
_DOCUMENT_RELS = "word/_rels/document.xml.rels"
_STYLES = "word/styles.xml"
_SETTINGS = "word/settings.xml"
_CORE = "docProps/core.xml"

_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
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
_RID_MARK: Final = "\u2060nas-press-rid\u2060"
_URL_MARK: Final = "\u2060nas-press-url\u2060"
_DATE: Final = datetime.datetime(2001, 2, 3)
_DATE_MARK: Final = "2001-02-03T00:00:00Z"
""":data:`_DATE` as python-docx writes it in ``core.xml``."""
_MARKS = re.compile(
    "|".join(re.escape(m) for m in (_TITLE_MARK, _LANGUAGE_MARK, _RID_MARK, _URL_MARK, _DATE_MARK))
)


def docx_bytes(document: Document) -> bytes:
    """Return ``document`` as the bytes of a .docx file.

    The headline is a 'Title' paragraph; each line of content becomes one
    paragraph in a named style (see the module constants), links become
    working hyperlinks. The same document always gives the same bytes.

    Raises :class:`~nas_press.exceptions.DocumentError` (a ``ValueError``) if
    some text holds a character that XML cannot hold (C0 controls other than
    tab, newline and carriage return; U+FFFE, U+FFFF; lone surrogates),
    naming the block it is in.
    """
    _check_text(document)
    template = _template()
    writer = _BodyWriter(template)
    writer.write(document)
    styles, settings = _language_parts(document.language)
    parts = {
        _DOCUMENT: writer.document_xml(),
        _DOCUMENT_RELS: writer.relationships(),
        _CORE: _core_xml(template, document),
        _STYLES: styles,
        _SETTINGS: settings,
    }
    return _zip((name, parts.get(name, blob)) for name, blob in template.parts.items())


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
        and all(isinstance(k, str) and isinstance(v, bytes) for k, v in template.parts.items())
        and isinstance(template.style_ids, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in template.style_ids.items())
        and {
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
        }
        <= template.style_ids.keys()
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
    styles, settings = _styles_xml(language), _settings_xml(language)
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
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.oxml import CT_Relationships, serialize_part_xml

    package = docx.Document()
    _add_styles(package.styles)
    _drop_table_styles(package.styles)
    document_rels = package.part.rels
    for rid, rel in list(document_rels.items()):
        if rel.reltype == _STYLES_WITH_EFFECTS:
            del document_rels[rid]
    package_rels = package.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rid]
    names = (TITLE, HEADING, BODY, QUOTE, BULLET, LEAD, CONTACT_HEADING, CONTACT_LABEL, CONTACT)
    style_ids = {name: package.styles[name].style_id for name in (*names, HYPERLINK)}
    numbers = [int(rid[3:]) for rid in document_rels if rid.startswith("rId") and rid[3:].isdigit()]
    buffer = io.BytesIO()
    package.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}

    document_head, document_tail = _split(_document_with_mark(parts[_DOCUMENT]), _BODY_MARK)
    root_start = document_head.index("<w:document ")
    root_tag = document_head[root_start : document_head.index(">", root_start)]
    for prefix, uri in (("w", _W_URI), ("r", _R_URI)):  # the prefixes _BodyWriter writes
        if f' xmlns:{prefix}="{uri}"' not in root_tag:
            raise RuntimeError(f"the template's document.xml does not declare xmlns:{prefix}")

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
    core = serialize_part_xml(element).decode("utf-8")
    if (core.count(_TITLE_MARK), core.count(_LANGUAGE_MARK), core.count(_DATE_MARK)) != (1, 1, 2):
        raise RuntimeError("cannot find the places of the title, language and dates in core.xml")
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


def _styles_xml(language: str) -> bytes:
    """Return ``styles.xml`` with ``language`` as the default and Normal language."""
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement, parse_xml
    from docx.oxml.styles import CT_Styles

    styles = cast(CT_Styles, parse_xml(_template().parts[_STYLES]))
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
    normal = styles.get_by_id(_template().style_ids[BODY])
    if normal is None:
        raise RuntimeError("the DOCX template has no Normal style")
    _set_lang(normal.get_or_add_rPr(), language)
    return serialize_part_xml(styles)


def _set_lang(rpr: BaseOxmlElement, language: str) -> None:
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.insert_element_before(lang, *_AFTER_LANG)
    lang.set(qn("w:val"), language)


def _settings_xml(language: str) -> bytes:
    """Return ``settings.xml`` with ``language`` as the theme font language."""
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement, parse_xml

    settings = parse_xml(_template().parts[_SETTINGS])
    theme_font_lang = settings.find(qn("w:themeFontLang"))
    if theme_font_lang is None:
        theme_font_lang = OxmlElement("w:themeFontLang")
        settings.insert_element_before(theme_font_lang, "w:clrSchemeMapping")
    theme_font_lang.set(qn("w:val"), language)
    return serialize_part_xml(settings)


# --------------------------------------------------------------------------- each document

# python-docx refuses a core property longer than this, with this message.
_MAX_PROPERTY: Final = 255
_TOO_LONG: Final = "exceeded 255 char limit for property, got:\n\n'%s'"


def _core_xml(template: _Template, document: Document) -> bytes:
    """Return ``core.xml``: nothing in it depends on when or where it is made.

    Raises ``ValueError`` for a title or language tag longer than 255
    characters, as python-docx does.
    """
    for value in (document.title, document.language):
        if len(value) > _MAX_PROPERTY:
            raise ValueError(_TOO_LONG % value)
    midnight = datetime.datetime.combine(document.published, datetime.time())
    values = {
        _TITLE_MARK: _escape_text(document.title),
        _LANGUAGE_MARK: _escape_text(document.language),
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
        self._first_rid = template.first_free_rid
        self._rid_of_url: dict[str, str] = {}

    def write(self, document: Document) -> None:
        """Add the paragraphs of ``document``, in order."""
        self._paragraph(TITLE, (document.title,))
        for block in document.blocks:
            match block:
                case Lead(content=content):
                    self._paragraph(LEAD, content)
                case Heading(text=text):
                    self._paragraph(HEADING, (text,))
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
                        for lines in group.contacts:
                            self._paragraph(CONTACT, *lines)
                case _:
                    assert_never(block)

    def document_xml(self) -> bytes:
        """Return ``document.xml`` with the paragraphs written so far."""
        template = self._template
        return "".join((template.document_head, *self._out, template.document_tail)).encode("utf-8")

    def relationships(self) -> bytes:
        """Return ``document.xml.rels``: the template's, then one per link target."""
        template = self._template
        if not self._rid_of_url:
            return template.relationships.encode("utf-8")
        links = [
            _fill(
                template.relationship,
                {_RID_MARK: _escape_attribute(rid), _URL_MARK: _escape_attribute(url)},
            )
            for url, rid in self._rid_of_url.items()
        ]
        return "".join((template.relationships_head, *links, template.relationships_tail)).encode(
            "utf-8"
        )

    def _paragraph(self, style: str, *lines: Sequence[Inline]) -> None:
        """Add one paragraph in ``style``; several lines are split by line breaks."""
        out = self._out
        start = len(out)
        out.append("<w:p>")
        if style != BODY:  # the default paragraph style goes unnamed, as Word does it
            out.append(
                f'<w:pPr><w:pStyle w:val="{_escape_attribute(self._style_ids[style])}"/></w:pPr>'
            )
        for number, line in enumerate(lines):
            if number:
                out.append("<w:r><w:br/></w:r>")
            for piece in line:
                if isinstance(piece, Link):
                    out.append(
                        f'<w:hyperlink r:id="{_escape_attribute(self._rid(piece.url))}"'
                        ' w:history="1">'
                    )
                    out.append(_run(piece.text, self._style_ids[HYPERLINK]))
                    out.append("</w:hyperlink>")
                elif piece:
                    out.append(_run(piece))
        if len(out) == start + 1:
            out[start] = "<w:p/>"
        else:
            out.append("</w:p>")

    def _rid(self, url: str) -> str:
        """Return the relationship id of ``url``; links to one target share one."""
        rid = self._rid_of_url.get(url)
        if rid is None:
            rid = f"rId{self._first_rid + len(self._rid_of_url)}"
            self._rid_of_url[url] = rid
        return rid


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
    for where, text in _texts(document):
        bad = _NOT_XML.search(text)
        if bad is not None:
            char = bad.group()
            raise DocumentError(
                f"{where}: {text!r} holds {char!r} (U+{ord(char):04X}) at index"
                f" {bad.start()}, which a DOCX file cannot hold; remove or replace it"
            )


def _texts(document: Document) -> Iterator[tuple[str, str]]:
    """Yield every string that goes into the file, with where it stands."""
    yield "language", document.language
    yield "title", document.title
    for number, block in enumerate(document.blocks):
        where = f"block {number} ({type(block).__name__})"
        match block:
            case Heading(text=text):
                yield where, text
            case Lead(content=content) | Paragraph(content=content) | Quote(content=content):
                yield from _inline_texts(where, content)
            case BulletList(items=items):
                for item in items:
                    yield from _inline_texts(where, item)
            case ContactBlock(heading=heading, groups=groups):
                yield where, heading
                for group in groups:
                    if group.label is not None:
                        yield where, group.label
                    for lines in group.contacts:
                        for line in lines:
                            yield from _inline_texts(where, line)
            case _:
                assert_never(block)


def _inline_texts(where: str, content: Sequence[Inline]) -> Iterator[tuple[str, str]]:
    for piece in content:
        if isinstance(piece, Link):
            yield where, piece.text
            yield f"{where}, link target", piece.url
        else:
            yield where, piece


def _zip(parts: Iterator[tuple[str, bytes]]) -> bytes:
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
