"""DOCX files built on a reference document (``--reference-doc``; nas_press.writers.docx).

The reference that matters is one made the way an organisation makes it, in
an office suite: :data:`BRAND_FODT`, a Flat ODT written here by hand with A5
landscape pages, a header, a 13 pt serif Normal style, a red 'Heading 1' and
a 'Title' of its own, is converted to .docx by LibreOffice (one soffice run per
module, with a fresh profile), and both examples are rendered in Finnish on
it; LibreOffice then opens the results (one more run, to PDF). Those tests
skip without ``soffice`` (Debian ``libreoffice-writer-nogui``) and fail
without it in CI (see :mod:`tests.tools`).

Smaller references written here as a few XML parts (:func:`package`) check
what LibreOffice's does not hold: translated style ids, a reference without
styles or numbering, a style of the wrong kind, and every file that is refused.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import re
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import attrs
import pytest
from lxml import etree
from tests.conftest import EXAMPLE_STEMS, EXAMPLES, card, load_example
from tests.tools import require_tool, soffice_convert

import nas_press
from nas_press.cli import main
from nas_press.document import (
    BulletList,
    ContactBlock,
    ContactGroup,
    Document,
    Heading,
    Lead,
    Link,
    Paragraph,
    Quote,
)
from nas_press.writers.docx import ReferenceStyleWarning

W_URI = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_URI = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = f"{{{W_URI}}}"
R = f"{{{R_URI}}}"
HEADER_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
WORD_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
WORD_TEMPLATE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"

"""Seconds one soffice run may take before the tests fail rather than hang."""

LANG = "fi"
LANGUAGE = "fi-FI"

BRAND_FODT = """\
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls>
  <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'"
   style:font-family-generic="roman"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:text-properties style:font-name="Liberation Serif" fo:font-size="13pt"
    fo:language="en" fo:country="US"/>
  </style:default-style>
  <style:style style:name="Standard" style:family="paragraph" style:class="text">
   <style:text-properties style:font-name="Liberation Serif" fo:font-size="13pt"/>
  </style:style>
  <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard"
   style:next-style-name="Standard" style:class="text">
   <style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm"
    fo:keep-with-next="always"/>
   <style:text-properties fo:font-size="16pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"
   style:parent-style-name="Heading" style:next-style-name="Standard"
   style:default-outline-level="1" style:class="text">
   <style:text-properties fo:color="#aa0000" fo:font-size="16pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Heading"
   style:next-style-name="Standard" style:class="chapter">
   <style:text-properties fo:color="#003366" fo:font-size="24pt"/>
  </style:style>
  <style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard"
   style:class="extra"/>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="14.8cm"
    style:print-orientation="landscape" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm"
    fo:margin-left="2.5cm" fo:margin-right="2cm"/>
   <style:header-style>
    <style:header-footer-properties fo:min-height="0.5cm" fo:margin-bottom="0.3cm"/>
   </style:header-style>
  </style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
   <style:header>
    <text:p text:style-name="Header">BRAND HEADER</text:p>
   </style:header>
  </style:master-page>
 </office:master-styles>
 <office:body>
  <office:text>
   <text:h text:style-name="Heading_20_1" text:outline-level="1">Brand heading</text:h>
   <text:p text:style-name="Standard">Brand body text, which no press release keeps.</text:p>
  </office:text>
 </office:body>
</office:document>
"""
"""The organisation's reference document, as LibreOffice's Flat ODT: A5 landscape (21 ×
14.8 cm) with margins of 1.5, 2 and 2.5 cm, a header 'BRAND HEADER', Liberation Serif 13 pt
text, a dark red 'Heading 1' and a 24 pt navy 'Title'; and some content of its own."""

LIBREOFFICE_LACKS = (
    "Quote",
    "List Bullet",
    "Lead",
    "Dateline",
    "Contact Heading",
    "Contact Label",
    "Contact",
    "Hyperlink",
)
"""The styles nas_press uses that the LibreOffice reference lacks, in the order they are
reported. It has 'Normal' (LibreOffice's default paragraph style), 'Heading 1' and 'Title'."""

EVERY_STYLE = (
    "Title",
    "Heading 1",
    "Normal",
    "Quote",
    "List Bullet",
    "Lead",
    "Dateline",
    "Contact Heading",
    "Contact Label",
    "Contact",
    "Hyperlink",
)
"""Every style nas_press uses, in the order missing ones are reported."""


# --------------------------------------------------------------------------- reading a DOCX


@attrs.frozen
class Docx:
    """The parts of a .docx file, parsed where they are XML."""

    data: bytes

    def names(self) -> list[str]:
        with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
            return archive.namelist()

    def read(self, name: str) -> bytes:
        with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
            return archive.read(name)

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.read(name))

    def section(self) -> etree._Element:
        """The final section properties: the page setup."""
        section = self.xml("word/document.xml").find(f"{W}body/{W}sectPr")
        assert section is not None
        return section

    def styles(self) -> dict[str, etree._Element]:
        """Each style, by its style id."""
        root = self.xml("word/styles.xml")
        return {str(s.get(f"{W}styleId")): s for s in root.iter(f"{W}style")}

    def style_named(self, name: str) -> etree._Element:
        """The style whose name is ``name`` (case-insensitively, as Word matches names)."""
        found = [s for s in self.styles().values() if style_name(s).casefold() == name.casefold()]
        assert 1 == len(found), f"{len(found)} styles named {name!r}"
        return found[0]

    def paragraphs(self) -> list[tuple[str, str]]:
        """Each paragraph of the body as (name of its style, text); unnamed is the default."""
        styles = self.styles()
        default = next(
            (
                style_name(s)
                for s in styles.values()
                if s.get(f"{W}type") == "paragraph" and s.get(f"{W}default") in ("1", "true")
            ),
            "",
        )
        out = []
        for paragraph in self.xml("word/document.xml").iter(f"{W}p"):
            style = paragraph.find(f"{W}pPr/{W}pStyle")
            name = default if style is None else style_name(styles[str(style.get(f"{W}val"))])
            out.append((name.casefold(), paragraph_text(paragraph)))
        return out

    def relationship_targets(self, part: str = "word/_rels/document.xml.rels") -> dict[str, str]:
        """Each relationship id of ``part`` and its target."""
        root = self.xml(part)
        return {str(r.get("Id")): str(r.get("Target")) for r in root}


def style_name(style: etree._Element) -> str:
    name = style.find(f"{W}name")
    return "" if name is None else str(name.get(f"{W}val"))


def paragraph_text(paragraph: etree._Element) -> str:
    """The text of a paragraph: its w:t text, w:br as a line end, w:tab as a tab."""
    out = []
    for element in paragraph.iter(f"{W}t", f"{W}br", f"{W}tab"):
        if element.tag == f"{W}t":
            out.append(element.text or "")
        else:
            out.append("\n" if element.tag == f"{W}br" else "\t")
    return "".join(out)


def shape(element: etree._Element, *, without_language: bool = False) -> object:
    """A comparable form of an element: tag, attributes, text and children, in order.

    ``<w:rPr></w:rPr>`` and ``<w:rPr/>`` compare equal, as they are. With
    ``without_language`` the value of each ``w:lang`` is left out.
    """
    attributes = dict(element.attrib)
    if without_language and element.tag == f"{W}lang":
        attributes.pop(f"{W}val", None)
    return (
        element.tag,
        sorted(attributes.items()),
        (element.text or "").strip(),
        [shape(child, without_language=without_language) for child in element],
    )


def build(document: Document, reference: bytes) -> tuple[bytes, list[str]]:
    """Return ``document`` built on ``reference``, and the names of the styles warned about.

    Fails on any other warning.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = nas_press.docx_bytes(document, reference=reference)
    assert all(issubclass(w.category, ReferenceStyleWarning) for w in caught), [
        str(w.message) for w in caught
    ]
    return data, [w.message.style for w in caught if isinstance(w.message, ReferenceStyleWarning)]


# ----------------------------------------------------------------------- references written here


def package(
    *,
    styles: str | None = None,
    section: str = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>',
    content_type: str = WORD_DOCUMENT,
    document: str | None = None,
) -> bytes:
    """A small .docx: a document part with ``section``, and a styles part if ``styles`` is given.

    ``styles`` holds the ``w:style`` elements; ``document`` replaces the whole
    document part (to damage it).
    """
    overrides = [("/word/document.xml", content_type)]
    relationships = []
    parts = {}
    if styles is not None:
        overrides.append(
            (
                "/word/styles.xml",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
            )
        )
        relationships.append(
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/styles" Target="styles.xml"/>'
        )
        parts["word/styles.xml"] = f'<w:styles xmlns:w="{W_URI}">{styles}</w:styles>'
    parts["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in overrides)
        + "</Types>"
    )
    parts["_rels/.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    parts["word/_rels/document.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(relationships)
        + "</Relationships>"
    )
    parts["word/document.xml"] = (
        document
        if document is not None
        else f'<w:document xmlns:w="{W_URI}" xmlns:r="{R_URI}"><w:body>'
        f"<w:p><w:r><w:t>Reference content</w:t></w:r></w:p>{section}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def style(kind: str, style_id: str, name: str, extra: str = "", *, default: bool = False) -> str:
    """One ``w:style`` element."""
    flag = ' w:default="1"' if default else ""
    return (
        f'<w:style w:type="{kind}"{flag} w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/>{extra}</w:style>'
    )


FINNISH_STYLES = "".join(
    (
        style("paragraph", "Normaali", "Normal", default=True),
        style("paragraph", "Otsikko1", "heading 1", '<w:basedOn w:val="Normaali"/>'),
        style("paragraph", "Otsikko", "Title", '<w:basedOn w:val="Normaali"/>'),
        style("paragraph", "Luettelomerkki", "List Bullet", '<w:basedOn w:val="Normaali"/>'),
        style("character", "Kappaleenoletusfontti", "Default Paragraph Font", default=True),
        style(
            "character", "Hyperlinkki", "Hyperlink", '<w:basedOn w:val="Kappaleenoletusfontti"/>'
        ),
    )
)
"""Styles as Word with Finnish menus writes them: translated ids, English built-in names,
'heading 1' in lower case. It lacks Quote and nas_press's own styles."""


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def soffice() -> str:
    return require_tool("soffice", "libreoffice-writer-nogui")


@pytest.fixture(scope="module")
def brand(soffice: str, tmp_path_factory: pytest.TempPathFactory) -> Docx:
    """The reference document: :data:`BRAND_FODT` converted to .docx by LibreOffice."""
    folder = tmp_path_factory.mktemp("brand")
    source = folder / "brand.fodt"
    source.write_text(BRAND_FODT, encoding="utf-8")
    (docx,) = soffice_convert(soffice, [source], "docx", folder)
    return Docx(docx.read_bytes())


@attrs.frozen
class Built:
    """One example in Finnish, without a reference and on the brand's, with the warnings."""

    stem: str
    document: Document
    plain: Docx
    branded: Docx
    warned: list[str]


@pytest.fixture(scope="module")
def built(brand: Docx) -> dict[str, Built]:
    """Both examples in Finnish, built on the brand's reference document."""
    out = {}
    for stem in EXAMPLE_STEMS:
        document = nas_press.render(load_example(stem), LANG)
        data, warned = build(document, brand.data)
        out[stem] = Built(stem, document, Docx(nas_press.docx_bytes(document)), Docx(data), warned)
    return out


@pytest.fixture(params=EXAMPLE_STEMS)
def example(request: pytest.FixtureRequest, built: dict[str, Built]) -> Built:
    """Each example in turn."""
    return built[str(request.param)]


# --------------------------------------------------------------------- the LibreOffice reference


class TestLibreOfficeReference:
    def test_header_kept_and_referenced(self, example: Built) -> None:
        """The header part with the brand's text is there, named by the final section."""
        section = example.branded.section()
        references = section.findall(f"{W}headerReference")
        targets = example.branded.relationship_targets()
        headers = [
            paragraph_text(p)
            for reference in references
            for p in example.branded.xml(f"word/{targets[str(reference.get(f'{R}id'))]}").iter(
                f"{W}p"
            )
        ]
        assert ["BRAND HEADER"] == headers

    def test_page_setup_is_the_reference(self, example: Built, brand: Docx) -> None:
        """The section properties (page size, margins, header) are the reference's."""
        assert shape(brand.section()) == shape(example.branded.section())

    def test_page_is_a5_landscape(self, example: Built) -> None:
        """The page is the reference's A5 landscape, 21 × 14.8 cm, give or take a twip."""
        size = example.branded.section().find(f"{W}pgSz")
        assert size is not None
        twips_per_cm = 1440 / 2.54
        assert "landscape" == size.get(f"{W}orient")
        assert abs(21 * twips_per_cm - int(str(size.get(f"{W}w")))) < 2
        assert abs(14.8 * twips_per_cm - int(str(size.get(f"{W}h")))) < 2

    def test_reference_styles_kept(self, example: Built, brand: Docx) -> None:
        """Every style of the reference is kept as it is, but for its language."""
        kept = example.branded.styles()
        expected = {k: shape(s, without_language=True) for k, s in brand.styles().items()}
        actual = {k: shape(kept[k], without_language=True) for k in expected}
        assert expected == actual

    def test_normal_font_is_the_reference(self, example: Built) -> None:
        """Normal is Liberation Serif 13 pt, as the reference defines it."""
        normal = example.branded.style_named("Normal")
        fonts = normal.find(f"{W}rPr/{W}rFonts")
        size = normal.find(f"{W}rPr/{W}sz")
        assert fonts is not None
        assert size is not None
        assert ("Liberation Serif", "26") == (fonts.get(f"{W}ascii"), size.get(f"{W}val"))

    def test_heading_and_title_are_the_reference(self, example: Built) -> None:
        """'Heading 1' keeps the brand's dark red, 'Title' its navy: neither is replaced."""
        colours = [
            example.branded.style_named(name).find(f"{W}rPr/{W}color")
            for name in ("Heading 1", "Title")
        ]
        assert ["AA0000", "003366"] == [c.get(f"{W}val") for c in colours if c is not None]

    def test_missing_styles_added_and_warned(self, example: Built) -> None:
        """The styles LibreOffice's document lacks are added, each named in one warning."""
        assert list(LIBREOFFICE_LACKS) == example.warned
        for name in LIBREOFFICE_LACKS:
            assert name == style_name(example.branded.style_named(name))

    def test_added_styles_based_on_the_reference(self, example: Built) -> None:
        """Added styles build on the reference's: Lead on its Normal, Contact Heading on its
        Heading 1; a base the reference lacks (Default Paragraph Font) is dropped."""
        styles = example.branded

        def based_on(name: str) -> str | None:
            element = styles.style_named(name).find(f"{W}basedOn")
            return None if element is None else str(element.get(f"{W}val"))

        expected = {
            "Lead": styles.style_named("Normal").get(f"{W}styleId"),
            "Contact Heading": styles.style_named("Heading 1").get(f"{W}styleId"),
            "Hyperlink": None,
        }
        assert expected == {name: based_on(name) for name in expected}

    def test_text_is_the_default_rendering(self, example: Built) -> None:
        """Paragraph for paragraph, the text and style names are those of the plain DOCX."""
        assert example.plain.paragraphs() == example.branded.paragraphs()

    def test_reference_content_dropped(self, example: Built) -> None:
        """Nothing of the reference's own content is left."""
        assert b"Brand body text" not in example.branded.read("word/document.xml")
        assert b"Brand heading" not in example.branded.read("word/document.xml")

    def test_bullets_are_a_bullet_list(self, example: Built) -> None:
        """The added 'List Bullet' names a list of bullets added to the reference's numbering,
        whose level names that style back; the reference's heading list is kept."""
        bullet = example.branded.style_named("List Bullet")
        num_id = bullet.find(f"{W}pPr/{W}numPr/{W}numId")
        assert num_id is not None
        numbering = example.branded.xml("word/numbering.xml")
        num = numbering.find(f"{W}num[@{W}numId='{num_id.get(f'{W}val')}']")
        assert num is not None
        abstract_id = num.find(f"{W}abstractNumId")
        assert abstract_id is not None
        abstract = numbering.find(
            f"{W}abstractNum[@{W}abstractNumId='{abstract_id.get(f'{W}val')}']"
        )
        assert abstract is not None
        level = abstract.find(f"{W}lvl")
        assert level is not None
        found = (
            level.find(f"{W}numFmt").get(f"{W}val"),  # type: ignore[union-attr]
            level.find(f"{W}pStyle").get(f"{W}val"),  # type: ignore[union-attr]
        )
        assert ("bullet", bullet.get(f"{W}styleId")) == found
        heading = example.branded.style_named("Heading 1").find(f"{W}pPr/{W}numPr/{W}numId")
        assert heading is not None
        assert num_id.get(f"{W}val") != heading.get(f"{W}val")

    def test_language_is_set(self, example: Built) -> None:
        """The run defaults, Normal, the settings and the core properties say fi-FI, and no
        style says another language."""
        styles = example.branded.xml("word/styles.xml")
        default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
        normal = example.branded.style_named("Normal").find(f"{W}rPr/{W}lang")
        theme = example.branded.xml("word/settings.xml").find(f"{W}themeFontLang")
        core = example.branded.read("docProps/core.xml")
        found = [e.get(f"{W}val") for e in (default, normal, theme) if e is not None]
        assert [LANGUAGE] * 3 == found
        assert {LANGUAGE} == {e.get(f"{W}val") for e in styles.iter(f"{W}lang")}
        assert f"<dc:language>{LANGUAGE}</dc:language>".encode() in core

    def test_same_bytes_twice(self, example: Built, brand: Docx) -> None:
        """The same document on the same reference gives the same bytes."""
        again, _ = build(example.document, brand.data)
        assert example.branded.data == again

    def test_same_bytes_in_another_process(self, built: dict[str, Built], brand: Docx) -> None:
        """A fresh process (no cache in memory) makes the same bytes."""
        stem = EXAMPLE_STEMS[-1]
        code = (
            "import hashlib, sys, warnings, nas_press; warnings.simplefilter('ignore'); "
            f"r = nas_press.load_release({str(EXAMPLES / f'{stem}.toml')!r}); "
            f"d = nas_press.render(r, {LANG!r}); "
            "print(hashlib.sha256(nas_press.docx_bytes(d, reference=sys.stdin.buffer.read()))"
            ".hexdigest())"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], input=brand.data, capture_output=True, check=True
        )
        expected = hashlib.sha256(built[stem].branded.data).hexdigest()
        assert expected == result.stdout.decode().strip()

    def test_libreoffice_opens_it(
        self, built: dict[str, Built], soffice: str, tmp_path: Path
    ) -> None:
        """LibreOffice converts both to PDF, on A5 landscape pages (the reference's size)."""
        sources = []
        for stem, item in built.items():
            source = tmp_path / f"{stem}.{LANG}.docx"
            source.write_bytes(item.branded.data)
            sources.append(source)
        boxes = set()
        for pdf in soffice_convert(soffice, sources, "pdf", tmp_path):
            data = pdf.read_bytes()
            assert data.startswith(b"%PDF-")
            for box in re.findall(rb"/MediaBox\s*\[\s*([^\]]*)\]", data):
                x0, y0, x1, y1 = (float(n) for n in box.split())
                boxes.add((round((x1 - x0) / 72 * 2.54, 1), round((y1 - y0) / 72 * 2.54, 1)))
        assert {(21.0, 14.8)} == boxes


# --------------------------------------------------------------------------- finding styles


@pytest.fixture(scope="module")
def document() -> Document:
    """A document built in code with every kind of block, links and line breaks."""
    review = "https://migri.fi/review"
    return Document(
        lang=LANG,
        language=LANGUAGE,
        title="Auttamisjärjestelmään 88 uutta asiakasta",
        published=datetime.date(2025, 7, 15),
        blocks=(
            Lead(("Uusia asiakkaita oli 88 (45\xa0%). Lue ", Link("katsaus", review), ".")),
            Heading(("Pakkotyö yleisin muoto",)),
            Paragraph(("Rekisterissä on 1\xa0588 henkilöä.",)),
            Quote(("”Luvut kasvavat”, sanoo johtaja.",)),
            BulletList((("pakkotyö 27\xa0%",), ("lisää: ", Link("katsaus", review)))),
            ContactBlock(
                "Lisätietoja:",
                (
                    ContactGroup("31.7. asti:", (card("Testi Henkilö"),)),
                    ContactGroup(None, (card("Toinen Henkilö", "ylitarkastaja\nasiantuntija"),)),
                ),
            ),
        ),
    )


class TestStyleLookup:
    def test_translated_style_ids(self, document: Document) -> None:
        """Styles are found by name, whatever their ids: headings use 'Otsikko1', the
        default paragraph style goes unnamed, and only the styles missing are added."""
        data, warned = build(document, package(styles=FINNISH_STYLES))
        built = Docx(data)
        body = built.xml("word/document.xml").find(f"{W}body")
        assert body is not None
        used = {
            str(p.get(f"{W}val")) for p in body.iter(f"{W}pStyle")
        }  # the ids the paragraphs name
        assert {"Otsikko", "Otsikko1", "Luettelomerkki"} <= used
        assert not {"Normal", "Normaali", "Heading1", "Title", "ListBullet"} & used
        assert [
            "Quote",
            "Lead",
            "Dateline",
            "Contact Heading",
            "Contact Label",
            "Contact",
        ] == warned
        assert Docx(nas_press.docx_bytes(document)).paragraphs() == built.paragraphs()

    def test_added_styles_point_at_translated_ids(self, document: Document) -> None:
        """An added style is based on the reference's style of the same name, by its id."""
        data, _ = build(document, package(styles=FINNISH_STYLES))
        built = Docx(data)
        bases = {
            name: built.style_named(name).find(f"{W}basedOn").get(f"{W}val")  # type: ignore[union-attr]
            for name in ("Lead", "Contact Heading", "Quote")
        }
        assert {"Lead": "Normaali", "Contact Heading": "Otsikko1", "Quote": "Normaali"} == bases
        link = built.xml("word/document.xml").find(f".//{W}hyperlink/{W}r/{W}rPr/{W}rStyle")
        assert link is not None
        assert "Hyperlinkki" == link.get(f"{W}val")

    def test_found_by_style_id(self, document: Document) -> None:
        """A style whose name differs but whose id is nas_press's is taken as that style."""
        styles = FINNISH_STYLES + style("paragraph", "Lead", "Ingressi")
        data, warned = build(document, package(styles=styles))
        assert "Lead" not in warned
        assert "Ingressi" == style_name(Docx(data).styles()["Lead"])

    def test_style_of_the_other_kind(self, document: Document) -> None:
        """A character style named 'Lead' is not used for paragraphs: nas_press's own is
        added under another name and style id, and the warning says so."""
        styles = FINNISH_STYLES + style("character", "Lead", "Lead")
        with pytest.warns(ReferenceStyleWarning) as record:
            data = nas_press.docx_bytes(document, reference=package(styles=styles))
        lead = next(w.message for w in record if w.message.style == "Lead")  # type: ignore[union-attr]
        assert isinstance(lead, ReferenceStyleWarning)
        assert "Lead (nas_press)" == lead.added_as
        assert "as 'Lead (nas_press)'" in str(lead)
        added = Docx(data).style_named("Lead (nas_press)")
        assert ("paragraph", "Lead1") == (added.get(f"{W}type"), added.get(f"{W}styleId"))

    def test_reference_without_styles_or_numbering(self, document: Document) -> None:
        """A reference with no styles part gets every style, Normal as the default, and a
        numbering part for the bullets; its page setup is kept."""
        section = (
            '<w:sectPr><w:pgSz w:w="10000" w:h="12000"/>'
            '<w:pgMar w:top="700" w:right="800" w:bottom="900" w:left="1000"/></w:sectPr>'
        )
        data, warned = build(document, package(section=section))
        built = Docx(data)
        assert list(EVERY_STYLE) == warned
        assert "1" == built.style_named("Normal").get(f"{W}default")
        assert Docx(nas_press.docx_bytes(document)).paragraphs() == built.paragraphs()
        assert "word/numbering.xml" in built.names()
        size = built.section().find(f"{W}pgSz")
        assert size is not None
        assert ("10000", "12000") == (size.get(f"{W}w"), size.get(f"{W}h"))

    def test_every_style_listed(self) -> None:
        """EVERY_STYLE is the writer's own list, in its order, so the expected warnings hold."""
        from nas_press.writers import docx as _docx

        assert EVERY_STYLE == _docx._STYLE_NAMES

    def test_warning_text(self) -> None:
        """The warning names the style and what was done, for the command line to show."""
        expected = "the reference document has no style 'Lead'; nas_press's own is added"
        assert expected == str(ReferenceStyleWarning("Lead"))

    def test_default_path_unchanged(self, document: Document) -> None:
        """Without a reference, the bytes are those of docx_bytes(document)."""
        from nas_press.writers.docx import docx_bytes

        assert docx_bytes(document) == nas_press.docx_bytes(document, reference=None)


# --------------------------------------------------------------------------- refused


def damaged_document() -> bytes:
    return package(document="<w:document xmlns:w='x'><w:body>")


def odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return buffer.getvalue()


REFUSED = {
    "dotx": (lambda: package(content_type=WORD_TEMPLATE), r"a Word template \(\.dotx\)"),
    "docm": (
        lambda: package(content_type="application/vnd.ms-word.document.macroEnabled.main+xml"),
        r"a macro-enabled Word document \(\.docm\)",
    ),
    "not a zip": (lambda: b"BRAND\n", "not a zip archive"),
    "odt": (odt, "an OpenDocument file"),
    "other zip": (plain_zip, r"no \[Content_Types\]\.xml"),
    "damaged": (damaged_document, "damaged"),
}
"""Files that are no usable reference document, and what the error says of each."""


class TestRefused:
    @pytest.mark.parametrize("kind", REFUSED)
    def test_refused_with_reason(self, kind: str, document: Document) -> None:
        """Each is refused with a ReferenceDocumentError that says what the file is."""
        make, reason = REFUSED[kind]
        with pytest.raises(nas_press.ReferenceDocumentError, match=reason):
            nas_press.docx_bytes(document, reference=make())

    def test_dotx_says_what_to_do(self, document: Document) -> None:
        """The error for a template tells how to make a document of it."""
        with pytest.raises(nas_press.ReferenceDocumentError) as info:
            nas_press.docx_bytes(document, reference=package(content_type=WORD_TEMPLATE))
        assert "save it as a Word document (.docx)" in str(info.value)

    def test_error_kinds(self) -> None:
        """ReferenceDocumentError is a NasPressError and a ValueError."""
        assert issubclass(nas_press.ReferenceDocumentError, nas_press.NasPressError)
        assert issubclass(nas_press.ReferenceDocumentError, ValueError)

    def test_path_instead_of_bytes(self, document: Document, tmp_path: Path) -> None:
        """A path where bytes belong is a TypeError that says how to read the file."""
        with pytest.raises(TypeError, match="read_bytes"):
            nas_press.docx_bytes(document, reference=tmp_path / "brand.docx")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- API and command line


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


class TestApi:
    def test_render_files_with_reference(self, tmp_path: Path) -> None:
        """render_files(reference_doc=…) writes the DOCX files docx_bytes makes on it."""
        reference = tmp_path / "brand.docx"
        reference.write_bytes(package(styles=FINNISH_STYLES))
        release = load_example(EXAMPLE_STEMS[-1])
        with pytest.warns(ReferenceStyleWarning):
            written = nas_press.render_files(
                release, tmp_path / "out", languages=("sv",), reference_doc=reference
            )
        expected, _ = build(nas_press.render(release, "sv"), reference.read_bytes())
        docx = [p for p in written if p.suffix == ".docx"]
        assert [expected] == [p.read_bytes() for p in docx]


def cli_render(tmp_path: Path, *extra: str) -> int:
    return main(
        [
            "render",
            str(EXAMPLES / f"{EXAMPLE_STEMS[-1]}.toml"),
            "--out",
            str(tmp_path / "out"),
            *extra,
        ]
    )


class TestCommandLine:
    def test_warnings_once_each_and_exit_0(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Each added style is one warning line on stderr (not one per language); exit 0."""
        reference = tmp_path / "brand.docx"
        reference.write_bytes(package(styles=FINNISH_STYLES))
        assert 0 == cli_render(tmp_path, "--reference-doc", str(reference))
        expected = [
            f"nas-press: warning: the reference document has no style {name!r};"
            " nas_press's own is added"
            for name in ("Quote", "Lead", "Dateline", "Contact Heading", "Contact Label", "Contact")
        ]
        err = capsys.readouterr().err.splitlines()
        assert expected == [line for line in err if not line.startswith("nas-press: drawing")]
        stem = EXAMPLE_STEMS[-1]
        expected_files = [
            f"{stem}.{lang}.{fmt}" for lang in ("en", "fi", "sv") for fmt in ("docx", "txt")
        ]
        assert expected_files == files(tmp_path / "out")

    def test_docx_written_on_the_reference(self, tmp_path: Path) -> None:
        """The file written is the one docx_bytes makes on the reference."""
        reference = tmp_path / "brand.docx"
        reference.write_bytes(package(styles=FINNISH_STYLES))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ReferenceStyleWarning)
            expected = nas_press.docx_bytes(
                nas_press.render(load_example(EXAMPLE_STEMS[-1]), "fi"),
                reference=reference.read_bytes(),
            )
        assert 0 == cli_render(tmp_path, "--reference-doc", str(reference), "--lang", "fi")
        assert expected == (tmp_path / "out" / f"{EXAMPLE_STEMS[-1]}.fi.docx").read_bytes()

    def test_dotx_refused_nothing_written(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A template is refused with exit 1, naming the file, and no file is written."""
        reference = tmp_path / "brand.dotx"
        reference.write_bytes(package(content_type=WORD_TEMPLATE))
        assert 1 == cli_render(tmp_path, "--reference-doc", str(reference))
        err = capsys.readouterr().err
        assert err.startswith(
            f"nas-press: error: the reference document {reference} is a Word template"
        )
        assert err.rstrip().endswith("nothing was written")
        assert not (tmp_path / "out").exists() or [] == files(tmp_path / "out")

    def test_missing_reference(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A reference that cannot be read is exit 1, naming the file."""
        assert 1 == cli_render(tmp_path, "--reference-doc", str(tmp_path / "none.docx"))
        assert "cannot read the reference document" in capsys.readouterr().err

    def test_without_docx_format_is_usage_error(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--reference-doc without docx among the formats is wrong usage: exit 2."""
        reference = tmp_path / "brand.docx"
        reference.write_bytes(package(styles=FINNISH_STYLES))
        with pytest.raises(SystemExit) as info:
            cli_render(tmp_path, "--reference-doc", str(reference), "--format", "txt,html")
        assert 2 == info.value.code
        assert "--reference-doc applies to DOCX files" in capsys.readouterr().err
