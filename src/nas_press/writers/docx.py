"""Write a :class:`~nas_press.document.Document` as a DOCX file, with python-docx.

This is the only module that imports ``docx`` (python-docx); the registry of
writers imports it when a DOCX is first written, so the plain-text path never
pays for it.

How a file is made:

- Once per process, python-docx's default template (or a reference
  document, see :mod:`nas_press.writers.reference`) is opened and prepared
  (the default template is prepared when the package is built, see
  :func:`write_template`):
  the styles this writer needs are added (``Lead``, ``Dateline``,
  ``Contact Heading``, ``Contact Label``, ``Contact`` and
  the character style ``Hyperlink``, which the template lacks), the
  template's 98 unused table styles are dropped, and everything the
  document is not built on goes (Word 2010's ``stylesWithEffects.xml``, the
  thumbnail, custom XML, the core properties, which are made anew per call).
  Then, per language, a copy gains the document language (``w:lang`` in the
  run defaults and in the Normal style, ``w:themeFontLang`` in the
  settings). The prepared documents are kept in memory, for the life of
  the process; nothing is read from or written to the disk but the prepared
  template inside the package.
- Per call, the prepared document of the language is deep-copied and the
  content is added through python-docx's XML layer (``docx.oxml``): one
  paragraph per line of content, each naming its style by id; links are
  ``w:hyperlink`` elements related by python-docx; each authored text is
  marked by a bookmark named after its key in the release file; a chart is
  an inline picture added by python-docx, its alt text the ``descr`` of its
  ``wp:docPr``, scaled down if it is wider than the page's text.
- The core properties say the title, the language, the release's
  identifier and version, the publication time as creation and
  modification time, and the notes an approver must see (a privacy
  override and its reason) as comments.
- The parts are written into a zip in the order python-docx writes them,
  every entry with the same fixed date and mode, so the same document
  always gives the same bytes (with the same zlib).
"""

from __future__ import annotations

import copy
import datetime
import functools
import hashlib
import io
import re
import stat
import warnings
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final, assert_never, cast

import attrs

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
from nas_press.exceptions import DocumentError, ReferenceStyleWarning
from nas_press.writers import Options, charts, reference as _reference

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.text.paragraph import CT_P
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
DATELINE: Final = "Dateline"
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
    DATELINE,
    CONTACT_HEADING,
    CONTACT_LABEL,
    CONTACT,
    HYPERLINK,
)
"""Every style the writer uses, in the order a reference document's lacking ones are reported."""
_KIND: Final = {name: "character" if name == HYPERLINK else "paragraph" for name in _STYLE_NAMES}
"""The kind of each style: its ``w:type``."""

TEMPLATE_FOLDER: Final = "_compiled"
"""The package folder that holds the prepared template, beside the compiled templates."""

AUTHOR: Final = "nas_press"
"""Written as author and last modifier in the core properties."""

_TABLE_STYLES_KEPT: Final = frozenset({"Normal Table", "Table Grid"})
_EMU_PER_CSS_PIXEL: Final = 9525
"""English Metric Units (914 400 an inch) in a CSS pixel (1/96 inch)."""

_ZIP_DATE: Final = (1980, 1, 1, 0, 0, 0)
_ZIP_MODE: Final = (stat.S_IFREG | 0o644) << 16
_ZIP_UNIX: Final = 3

# Characters XML 1.0 cannot hold; lxml refuses them with a bare ValueError.
_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# What python-docx's run text splits at: a tab, a line end.
_RUN_BREAKS: Final = re.compile("[\t\r\n]")

# Children of w:rPr that must follow w:lang, and of w:pPr that follow w:outlineLvl.
_AFTER_LANG: Final = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_AFTER_OUTLINE_LEVEL: Final = ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")

# python-docx refuses a core property longer than this.
_MAX_PROPERTY: Final = 255


def docx_bytes(document: Document, *, reference: bytes | None = None) -> bytes:
    """Return ``document`` as the bytes of a .docx file.

    The dateline and the headline ('Title') come first; each line of content
    becomes one paragraph in a named style (see the module constants), links
    become working hyperlinks. The same document (and reference) always
    gives the same bytes.

    ``reference``, the bytes of a .docx file, is a brand's own document to
    build on, like pandoc's ``--reference-doc``: its style definitions, page
    setup, headers and footers, theme, fonts, numbering and settings are
    kept and its content is replaced (see :mod:`nas_press.writers.reference`).
    Each style this writer uses that the reference lacks is added, with this
    writer's own definition, and named in a :class:`ReferenceStyleWarning`;
    each part dropped because it could make Word fetch or run something in
    a :class:`~nas_press.exceptions.ReferencePartWarning`.

    Raises :class:`~nas_press.exceptions.DocumentError` (a ``ValueError``) if
    some text holds a character that XML cannot hold (C0 controls other than
    tab, newline and carriage return; U+FFFE, U+FFFF; lone surrogates),
    naming the block it is in, or if the title or the language tag is longer
    than the core properties hold, and
    :class:`~nas_press.exceptions.ReferenceDocumentError` (a ``ValueError``)
    if ``reference`` is not a Word document (not a zip archive, an
    OpenDocument file, a Word template, a damaged file).
    """
    _check_text(document)
    if reference is not None and not isinstance(reference, bytes):
        raise TypeError(
            f"reference must be the bytes of a .docx file, not {type(reference).__name__}"
            " (read a file with Path.read_bytes())"
        )
    prepared = _prepared(reference, document.language)
    for warning in prepared.warnings:
        warnings.warn(warning, stacklevel=2)
    package = copy.deepcopy(prepared.document)
    _Body(package, prepared).write(document)
    _set_core_properties(package, document)
    return _zip(package)


def write(document: Document, options: Options) -> bytes:
    """Write ``document`` as a DOCX file (see :func:`docx_bytes`)."""
    return docx_bytes(document, reference=options.reference)


# --------------------------------------------------------------------------- prepared documents


@attrs.frozen(eq=False)
class _Prepared:
    """A python-docx document with an empty body, ready to be copied and filled."""

    document: DocxDocument
    style_ids: dict[str, str]
    """Style id of each style name the writer uses."""
    body_style_named: bool = False
    """Whether 'Normal' paragraphs name their style: when it is not the default paragraph style."""
    warnings: tuple[ReferenceStyleWarning, ...] = ()
    """What to tell the caller of each document made on it: styles added, parts dropped."""


@functools.cache
def _own() -> _Prepared:
    """python-docx's default template with this writer's styles, and nothing it is not built on.

    That is the template the package was built with (:func:`write_template`)
    when there is one made by this very writer, else the template prepared in
    the process.
    """
    document = _built_template()
    if document is None:
        document = _prepare_template()
    style_ids = {name: document.styles[name].style_id for name in _STYLE_NAMES}
    return _Prepared(document, style_ids)


def _prepare_template() -> DocxDocument:
    """python-docx's default template, opened and prepared (see the module's docstring)."""
    import docx

    document = docx.Document()
    _reference.strip(document)
    _new_core_properties(document)
    _drop_table_styles(document.styles)  # first: each style added is looked up among the rest
    _add_styles(document.styles)
    return document


def template_name() -> str:
    """The file name of the prepared template: ``docx-template-<SHA-256>.docx``.

    The digest is that of everything the prepared template depends on: the
    versions of python-docx and lxml and the source of this module and of
    :mod:`nas_press.writers.reference`, which prepare it. A template built by
    another writer, or for another python-docx, has another name and is not
    used.
    """
    import docx
    from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type hints

    digest = hashlib.sha256(
        f"nas_press prepared template 1 {docx.__version__} {etree.LXML_VERSION}".encode()
    )
    for source in (__file__, _reference.__file__):
        digest.update(Path(source).read_bytes())
    return f"docx-template-{digest.hexdigest()}.docx"


def write_template(target: Path) -> Path:
    """Write the prepared template into the package folder ``target``; return its path.

    The build hook (``hatch_build.py``) writes it beside the compiled
    templates, into ``nas_press/_compiled/``, so that a process opens the
    small prepared document (11 kB) instead of opening python-docx's default
    template and preparing it, about a tenth of a render. It is data, read
    by python-docx like any .docx file, and the same bytes every time.
    """
    path = target / template_name()
    path.write_bytes(_zip(_prepare_template()))
    return path


def _built_template(folder: Path | None = None) -> DocxDocument | None:
    """The prepared template in ``folder`` (default: the package's, where the build put it),
    or ``None`` if it holds none that this writer made (see :func:`template_name`)."""
    import docx

    if folder is None:
        folder = Path(__file__).resolve().parent.parent / TEMPLATE_FOLDER
    path = folder / template_name()
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return docx.Document(io.BytesIO(data))


@functools.lru_cache(maxsize=4)
def _on_reference(data: bytes) -> _Prepared:
    """The reference document ``data``, stripped, with the styles it lacks added.

    Raises :class:`~nas_press.exceptions.ReferenceDocumentError`.
    """
    from docx.opc.exceptions import PackageNotFoundError

    from nas_press.exceptions import ReferenceDocumentError

    document = _reference.open_reference(data)
    try:
        dropped = _reference.strip(document)
        _new_core_properties(document)
        document.settings  # noqa: B018  # made by python-docx if the reference has none
        ids, added, body_style_named = _reference.adopt_styles(document, _own().document, _KIND)
    except ReferenceDocumentError:
        raise
    except (PackageNotFoundError, *_reference.DAMAGED) as exc:
        raise ReferenceDocumentError(
            f"{_reference.DEFAULT_NAME} cannot be used: {exc}; {_reference.SAVE_AS_DOCX} again"
        ) from exc
    styles = tuple(ReferenceStyleWarning(name, added_as, _KIND[name]) for name, added_as in added)
    return _Prepared(document, ids, body_style_named, (*styles, *dropped))


@functools.lru_cache(maxsize=16)
def _prepared(reference: bytes | None, language: str) -> _Prepared:
    """The prepared document of ``reference`` (or of the default template) in ``language``."""
    base = _own() if reference is None else _on_reference(reference)
    document = copy.deepcopy(base.document)
    _set_languages(document, base.style_ids[BODY], language)
    return attrs.evolve(base, document=document)


def _new_core_properties(document: DocxDocument) -> None:
    """Give ``document`` an empty core properties part, filled per call."""
    from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.parts.coreprops import CorePropertiesPart
    from docx.oxml.coreprops import CT_CoreProperties

    package = document.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.CORE_PROPERTIES:
            del package.rels[rid]
    part = CorePropertiesPart(
        PackURI("/docProps/core.xml"), CT.OPC_CORE_PROPERTIES, CT_CoreProperties.new(), package
    )
    package.relate_to(part, RT.CORE_PROPERTIES)


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

    # The sender, the release type and the publication time above the headline,
    # and the note of a corrected release under it.
    dateline = _add_paragraph_style(styles, DATELINE)
    dateline.base_style = normal
    dateline.next_paragraph_style = styles[TITLE]
    dateline.quick_style = True
    dateline.font.size = Pt(10)
    dateline.paragraph_format.space_after = Pt(12)
    dateline.paragraph_format.keep_with_next = True

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

    They are 98 of its 164 styles and 310 of the 350 kB of ``styles.xml``.
    A press release has no tables, and Word still offers every built-in
    table style (they are latent styles) and writes a style's definition
    into the file when it is first used.
    """
    for style in styles.element.xpath("w:style[@w:type='table']"):
        if style.name_val not in _TABLE_STYLES_KEPT:
            style.delete()


def _set_languages(document: DocxDocument, normal_id: str, language: str) -> None:
    """Make ``language`` the document's language in its styles and settings.

    That is the language of the run defaults and of the Normal style, and of
    every style that names a language of its own (a reference document's
    'Heading 1' may have been saved in the brand's language), and the theme
    font language of the settings.
    """
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    styles = document.styles.element
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
    normal = styles.get_by_id(normal_id)
    if normal is not None:
        _set_lang(normal.get_or_add_rPr(), language)
    for lang in styles.iter(qn("w:lang")):
        if lang.get(qn("w:val")) is not None:
            lang.set(qn("w:val"), language)
    _set_theme_font_language(document.settings.element, language)


def _set_lang(rpr: BaseOxmlElement, language: str) -> None:
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.insert_element_before(lang, *_AFTER_LANG)
    lang.set(qn("w:val"), language)


_W_URI: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Children of w:settings that follow w:themeFontLang, in the schema's order; so
# do elements of the later Word namespaces (w14:docId, w15:…), which end it.
_AFTER_THEME_FONT_LANG: Final = frozenset(
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
_BEFORE_THEME_FONT_LANG_URIS: Final = frozenset(
    {_W_URI, "http://schemas.openxmlformats.org/officeDocument/2006/math"}
)


def _set_theme_font_language(settings: BaseOxmlElement, language: str) -> None:
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

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


# --------------------------------------------------------------------------- each document


class _Body:
    """Adds the paragraphs of one document to the body of a copy of a prepared document."""

    def __init__(self, package: DocxDocument, prepared: _Prepared) -> None:
        from docx.oxml.ns import qn

        self._package = package
        self._part = package.part
        self._body = package.element.find(qn("w:body"))
        self._style_ids = prepared.style_ids
        self._body_style_named = prepared.body_style_named
        self._bookmarks: set[str] = set()

    def write(self, document: Document) -> None:
        """Add the paragraphs of ``document``, in order."""
        dateline = document.dateline
        if dateline is not None:
            self._paragraph(DATELINE, *((line,) for line in dateline.lines()))
        self._paragraph(TITLE, document.headline)
        if dateline is not None and dateline.correction is not None:
            self._paragraph(DATELINE, dateline.correction)
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

    def _new_paragraph(self, style: str) -> CT_P:
        paragraph = cast("CT_P", self._body.add_p())
        # The default paragraph style goes unnamed, as Word does it.
        if style != BODY or self._body_style_named:
            paragraph.style = self._style_ids[style]
        return paragraph

    def _paragraph(self, style: str, *lines: Sequence[Inline]) -> None:
        """Add one paragraph in ``style``; several lines are split by line breaks."""
        from docx.oxml.parser import OxmlElement

        paragraph = self._new_paragraph(style)
        for number, line in enumerate(lines):
            if number:
                run = OxmlElement("w:r")
                run.append(OxmlElement("w:br"))
                paragraph.append(run)
            self._inlines(paragraph, line)

    def _inlines(self, paragraph: BaseOxmlElement, inlines: Sequence[Inline]) -> None:
        for piece in inlines:
            if isinstance(piece, Span):
                self._span(paragraph, piece)
            elif isinstance(piece, Link):
                self._link(paragraph, piece)
            elif piece:
                self._run(paragraph, piece)

    def _span(self, paragraph: BaseOxmlElement, span: Span) -> None:
        """Add an authored text between the start and end of the bookmark named after its key
        (:func:`~nas_press.document.bookmark_name`), so that it can be found in an edited copy.

        A bookmark is invisible: what a reader sees does not change. A key shown
        twice is marked where it first stands.
        """
        from docx.oxml.ns import qn
        from docx.oxml.parser import OxmlElement

        name = bookmark_name(span.key)
        if name in self._bookmarks:
            self._inlines(paragraph, span.content)
            return
        self._bookmarks.add(name)
        number = str(len(self._bookmarks))
        paragraph.append(
            OxmlElement("w:bookmarkStart", attrs={qn("w:id"): number, qn("w:name"): name})
        )
        self._inlines(paragraph, span.content)
        paragraph.append(OxmlElement("w:bookmarkEnd", attrs={qn("w:id"): number}))

    def _run(self, parent: BaseOxmlElement, text: str, style_id: str | None = None) -> None:
        """Add a run of ``text``: tabs become ``w:tab``, each line end one ``w:br``."""
        from docx.oxml.parser import OxmlElement
        from docx.oxml.text.run import CT_R

        run = cast(CT_R, OxmlElement("w:r"))
        parent.append(run)
        if style_id is not None:
            run.style = style_id
        if _RUN_BREAKS.search(text):
            run.text = text.replace("\r\n", "\n")
        elif text:  # what python-docx makes of text without tabs and line ends, made at once
            run.add_t(text)

    def _link(self, paragraph: BaseOxmlElement, link: Link) -> None:
        """Add a hyperlink; links to one target share one relationship."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.oxml.ns import qn
        from docx.oxml.parser import OxmlElement

        rid = self._part.relate_to(link.url, RT.HYPERLINK, is_external=True)
        hyperlink = OxmlElement("w:hyperlink", attrs={qn("r:id"): rid, qn("w:history"): "1"})
        paragraph.append(hyperlink)
        self._run(hyperlink, link.text, self._style_ids[HYPERLINK])

    def _picture(self, chart: Chart) -> None:
        """Add a chart as an inline picture in a paragraph of its own, as wide as it fits.

        Its alt text is the ``descr`` of its ``wp:docPr`` and its title the
        ``title``, which Word shows as the picture's alt text and title.
        Without matplotlib the chart is left out (see :func:`charts.picture`).
        """
        from docx.oxml.parser import OxmlElement
        from docx.oxml.text.run import CT_R

        png = charts.picture(chart)
        if png is None:
            return
        css_width, css_height = charts.size(chart)
        width = css_width * _EMU_PER_CSS_PIXEL
        height = css_height * _EMU_PER_CSS_PIXEL
        text_width = self._text_width()
        if text_width is not None and width > text_width:
            width, height = text_width, height * text_width // width
        inline = self._part.new_pic_inline(io.BytesIO(png), width, height)
        inline.docPr.set("descr", chart.alt)
        inline.docPr.set("title", chart.title)
        paragraph = self._new_paragraph(BODY)
        run = cast(CT_R, OxmlElement("w:r"))
        paragraph.append(run)
        run.add_drawing(inline)

    def _text_width(self) -> int | None:
        """The width of the page's text, in EMU: the page less its margins and gutter."""
        section = self._package.sections[-1]
        page = section.page_width
        if page is None:
            return None
        sides = (section.left_margin, section.right_margin, section.gutter)
        width = int(page) - sum(int(side or 0) for side in sides)
        return width if width > 0 else None


def _set_core_properties(package: DocxDocument, document: Document) -> None:
    """Fill the core properties: nothing in them depends on when or where the file is made.

    Created and modified are the publication time (UTC), or midnight of the
    publication date when the document has no dateline.
    """
    for what, value in (("title", document.title), ("language tag", document.language)):
        if len(value) > _MAX_PROPERTY:
            raise DocumentError(
                f"the {what} is {len(value)} characters long, more than the {_MAX_PROPERTY}"
                f" the core properties of a DOCX file hold: {value[:60]!r}…"
            )
    if document.dateline is not None:
        moment = document.dateline.published_at.astimezone(datetime.UTC).replace(tzinfo=None)
    else:
        moment = datetime.datetime.combine(document.published, datetime.time())
    properties = package.core_properties
    properties.title = document.title
    properties.author = AUTHOR
    properties.last_modified_by = AUTHOR
    properties.identifier = document.release_id[:_MAX_PROPERTY]
    properties.revision = document.version
    properties.version = str(document.version)
    properties.created = moment
    properties.modified = moment
    properties.language = document.language
    notes = "\n".join(document.notes)
    if notes:
        properties.comments = notes[:_MAX_PROPERTY]


def _check_text(document: Document) -> None:
    for text in texts(document):
        bad = _NOT_XML.search(text.text)
        if bad is not None:
            char = bad.group()
            raise DocumentError(
                f"{text.where}: {text.text!r} holds {char!r} (U+{ord(char):04X}) at index"
                f" {bad.start()}, which a DOCX file cannot hold; remove or replace it"
            )


def _zip(package: DocxDocument) -> bytes:
    """Return the package as a zip, in python-docx's order, with nothing that depends on time.

    That is ``[Content_Types].xml``, the package's relationships, then each
    part followed by its relationships, every entry with the same date and
    mode, deflated.
    """
    from docx.opc.oxml import CT_Types, serialize_part_xml
    from docx.opc.spec import default_content_types

    opc = package.part.package
    parts = list(opc.iter_parts())
    for part in parts:
        part.before_marshal()
    types = CT_Types.new()  # type: ignore[no-untyped-call]  # unannotated in python-docx
    defaults = {"rels": "application/vnd.openxmlformats-package.relationships+xml"}
    defaults["xml"] = "application/xml"
    overrides = {}
    for part in parts:
        ext = part.partname.ext
        if (ext.lower(), part.content_type) in default_content_types:
            defaults[ext] = part.content_type
        else:
            overrides[str(part.partname)] = part.content_type
    for ext in sorted(defaults):
        types.add_default(ext, defaults[ext])
    for name in sorted(overrides):
        types.add_override(name, overrides[name])
    members = [
        ("[Content_Types].xml", serialize_part_xml(types)),
        ("_rels/.rels", _xml_bytes(opc.rels.xml)),
    ]
    for part in parts:
        members.append((part.partname.membername, part.blob))
        if len(part.rels):
            members.append((part.partname.rels_uri.membername, _xml_bytes(part.rels.xml)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = _ZIP_UNIX
            info.external_attr = _ZIP_MODE
            archive.writestr(info, data)
    return buffer.getvalue()


def _xml_bytes(xml: str | bytes) -> bytes:
    """The bytes of a relationships part (python-docx annotates them as text, returns bytes)."""
    return xml if isinstance(xml, bytes) else xml.encode("utf-8")
