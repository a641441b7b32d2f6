"""The accessibility checks of rendered files (nas_press.checks.a11y).

Every bundled release passes them in every language; broken files are made
from real rendered ones by editing their text (a zip member of the DOCX, the
HTML page) and must each be reported with the file's name and what is wrong.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import EXAMPLE_STEMS, EXAMPLES, LANGS

import nas_press
import nas_press._api
from nas_press import Problem, accessibility_problems, docx_problems, html_problems
from nas_press.cli import main

EDGE = Path(__file__).resolve().parent / "edge"
RELEASES = [EXAMPLES / f"{stem}.toml" for stem in EXAMPLE_STEMS] + sorted(EDGE.glob("*.toml"))
DOCX = "2025-h1.en.docx"
HTML = "2025-h1.en.html"

DRAWING = (
    '<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
    '<wp:extent cx="952500" cy="952500"/><wp:docPr id="1" name="Logo"{attributes}>{inside}'
    '</wp:docPr><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"/>'
    "</a:graphic></wp:inline></w:drawing></w:r></w:p>"
)
"""A paragraph holding one picture; ``attributes`` and ``inside`` go into its ``wp:docPr``."""

DECORATIVE = (
    '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
    '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative"'
    ' val="1"/></a:ext></a:extLst>'
)
"""How Word marks a picture decorative (Alt Text → Mark as decorative)."""


@functools.cache
def rendered(path: Path) -> dict[str, bytes]:
    """The DOCX and HTML files of one release in the three languages, by file name."""
    release = nas_press.load_release(path)
    return nas_press._api.render_outputs(release, path.stem, LANGS, ("docx", "html"))


def docx() -> bytes:
    """The English DOCX of the 2025 example, which passes every check."""
    return rendered(EXAMPLES / "2025-h1.toml")[DOCX]


def page() -> str:
    """The English HTML page of the 2025 example, which passes every check."""
    return rendered(EXAMPLES / "2025-h1.toml")[HTML].decode("utf-8")


def members(data: bytes) -> dict[str, bytes]:
    """The members of a zip file, by name, in order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def zipped(parts: dict[str, bytes]) -> bytes:
    """A zip file of ``parts``, in order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def edit(text: str, pattern: str, replacement: str) -> str:
    """Replace the first match of ``pattern``, which must be there."""
    changed, count = re.subn(pattern, replacement, text, count=1, flags=re.DOTALL)
    assert 1 == count, f"{pattern!r} not found"
    return changed


def edited_docx(data: bytes, *edits: tuple[str, str, str]) -> bytes:
    """``data`` with each ``(member, pattern, replacement)`` edit made to its text."""
    parts = members(data)
    for member, pattern, replacement in edits:
        parts[member] = edit(parts[member].decode("utf-8"), pattern, replacement).encode("utf-8")
    return zipped(parts)


def edited_page(*edits: tuple[str, str]) -> bytes:
    """The example page with each ``(pattern, replacement)`` edit made."""
    text = page()
    for pattern, replacement in edits:
        text = edit(text, pattern, replacement)
    return text.encode("utf-8")


def with_drawing(attributes: str = "", inside: str = "") -> bytes:
    """The example DOCX with a picture right after the title."""
    drawing = DRAWING.format(attributes=attributes, inside=inside)
    return edited_docx(docx(), ("word/document.xml", "(?<=</w:p>)", drawing))


@pytest.mark.parametrize("path", RELEASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
class TestRenderedFiles:
    def test_docx_passes(self, path: Path, lang: str) -> None:
        """The DOCX of every example and edge case passes in every language."""
        name = f"{path.stem}.{lang}.docx"
        assert [] == docx_problems(rendered(path)[name], name=name)

    def test_html_passes(self, path: Path, lang: str) -> None:
        """The HTML page of every example and edge case passes in every language."""
        name = f"{path.stem}.{lang}.html"
        assert [] == html_problems(rendered(path)[name], name=name)


class TestDocxProperties:
    def test_empty_title(self) -> None:
        """A DOCX whose dc:title is empty has no title."""
        data = edited_docx(
            docx(), ("docProps/core.xml", "<dc:title>.*?</dc:title>", "<dc:title></dc:title>")
        )
        assert [
            Problem(
                DOCX,
                "the document has no title (dc:title in docProps/core.xml is empty)",
                "the headline as the document title",
            )
        ] == docx_problems(data, name=DOCX)

    def test_no_document_language(self) -> None:
        """A DOCX without dc:language has no document language."""
        data = edited_docx(docx(), ("docProps/core.xml", "<dc:language>.*?</dc:language>", ""))
        assert [
            Problem(
                DOCX,
                "the document language (dc:language in docProps/core.xml) is not set",
                "a language tag such as 'fi-FI'",
            )
        ] == docx_problems(data, name=DOCX)

    def test_no_default_language(self) -> None:
        """A DOCX whose style defaults give no w:lang has no language for its text."""
        data = edited_docx(docx(), ("word/styles.xml", "<w:lang [^>]*/>", ""))
        assert [
            Problem(
                DOCX,
                "the default text language (w:lang in the w:docDefaults of word/styles.xml)"
                " is not set",
                "a language tag such as 'fi-FI'",
            )
        ] == docx_problems(data, name=DOCX)

    def test_languages_differ(self) -> None:
        """dc:language and the default w:lang must name the same language."""
        data = edited_docx(docx(), ("docProps/core.xml", "en-GB", "en-US"))
        assert [
            Problem(
                DOCX,
                "the default text language ('en-GB', w:lang in word/styles.xml) differs from"
                " the document language ('en-US', dc:language in docProps/core.xml)",
                "the same language tag in both",
            )
        ] == docx_problems(data, name=DOCX)

    def test_not_a_language_tag(self) -> None:
        """A language written as a locale name (en_GB) is not a language tag."""
        data = edited_docx(
            docx(),
            ("docProps/core.xml", "en-GB", "en_GB"),
            ("word/styles.xml", 'w:val="en-GB"', 'w:val="en_GB"'),
        )
        expected = "a language tag such as 'fi-FI'"
        assert [
            Problem(
                DOCX,
                "the document language (dc:language in docProps/core.xml) is not a language tag",
                expected,
                "en_GB",
            ),
            Problem(
                DOCX,
                "the default text language (w:lang in the w:docDefaults of word/styles.xml)"
                " is not a language tag",
                expected,
                "en_GB",
            ),
        ] == docx_problems(data, name=DOCX)

    def test_no_core_properties(self) -> None:
        """A DOCX without core properties has neither title nor document language."""
        parts = members(docx())
        del parts["docProps/core.xml"]
        assert [
            Problem(
                DOCX,
                "the document has no core properties (docProps/core.xml), so neither a title"
                " nor a language",
                "a core properties part with dc:title and dc:language",
            )
        ] == docx_problems(zipped(parts), name=DOCX)


class TestDocxHeadings:
    LEAD_AS = ("word/document.xml", '<w:pStyle w:val="Lead"/>')

    def test_heading_3_after_title(self) -> None:
        """A Heading 3 right after the Title skips levels 1 and 2."""
        data = edited_docx(docx(), (*self.LEAD_AS, '<w:pStyle w:val="Heading3"/>'))
        assert [
            Problem(
                DOCX,
                "paragraph 3, in style 'heading 3', 'Statistics for the first half of the year from"
                " the National…', is a heading of level 3 right after a 'Title'"
                " paragraph (level 0): a heading level is skipped",
                "a heading of level 1 or less",
                3,
            )
        ] == docx_problems(data, name=DOCX)

    def test_level_from_style_name(self) -> None:
        """A style named "heading N" without an outline level is still a level-N heading."""
        data = edited_docx(
            docx(),
            (*self.LEAD_AS, '<w:pStyle w:val="Heading3"/>'),
            (
                "word/styles.xml",
                '(<w:style w:type="paragraph" w:styleId="Heading3">.*?)<w:outlineLvl w:val="2"/>',
                r"\1",
            ),
        )
        assert [3] == [p.value for p in docx_problems(data, name=DOCX)]

    def test_level_from_base_style(self) -> None:
        """Contact Heading without an outline level of its own has Heading 1's: level 1."""
        data = edited_docx(
            docx(),
            (
                "word/styles.xml",
                '(w:styleId="ContactHeading">.*?)<w:outlineLvl w:val="0"/>',
                r"\1",
            ),
        )
        assert [] == docx_problems(data, name=DOCX)

    def test_paragraph_outline_level(self) -> None:
        """An outline level set on the paragraph itself counts over its style's."""
        data = edited_docx(
            docx(), (*self.LEAD_AS, '<w:pStyle w:val="Lead"/><w:outlineLvl w:val="1"/>')
        )
        assert [(2, "a heading of level 1 or less")] == [
            (p.value, p.expected) for p in docx_problems(data, name=DOCX)
        ]

    def test_body_text_outline_level(self) -> None:
        """Outline level 9 is body text: a Heading 1 paragraph with it is no heading."""
        data = edited_docx(
            docx(),
            (
                "word/document.xml",
                '<w:pStyle w:val="Heading1"/>',
                '<w:pStyle w:val="Heading1"/><w:outlineLvl w:val="9"/>',
            ),
        )
        assert [] == docx_problems(data, name=DOCX)

    def test_empty_heading(self) -> None:
        """A heading without text is reported."""
        data = edited_docx(
            docx(),
            ("word/document.xml", '(<w:pStyle w:val="Heading1"/></w:pPr>).*?</w:p>', r"\1</w:p>"),
        )
        xml = members(docx())["word/document.xml"].decode("utf-8")
        before = xml[: xml.index('<w:pStyle w:val="Heading1"/>')]
        number = len(re.findall(r"<w:p[ >]", before))  # the heading's paragraph, from 1
        assert [
            Problem(
                DOCX,
                f"paragraph {number}, in style 'heading 1', is a heading (level 1) without text",
                "text in every heading",
            )
        ] == docx_problems(data, name=DOCX)


class TestDocxDrawings:
    def test_without_descr(self) -> None:
        """A picture without a description has no alt text."""
        assert [
            Problem(
                DOCX,
                "drawing 'Logo' in word/document.xml has no alt text",
                "a description (alt text) in the descr of its wp:docPr, or a decorative mark",
            )
        ] == docx_problems(with_drawing(), name=DOCX)

    def test_blank_descr(self) -> None:
        """A description of white space only is no alt text."""
        assert ["drawing 'Logo' in word/document.xml has no alt text"] == [
            p.message for p in docx_problems(with_drawing(' descr=" "'), name=DOCX)
        ]

    def test_with_descr(self) -> None:
        """A picture with a description passes."""
        data = with_drawing(' descr="The logo of the National Assistance System"')
        assert [] == docx_problems(data, name=DOCX)

    def test_decorative(self) -> None:
        """A picture marked decorative needs no description."""
        assert [] == docx_problems(with_drawing(inside=DECORATIVE), name=DOCX)

    def test_in_header(self) -> None:
        """A picture in a header (a logo from a reference document) is checked too."""
        parts = members(docx())
        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
        drawing = DRAWING.format(attributes="", inside="")
        parts["word/header1.xml"] = (
            f'<w:hdr xmlns:w="{w}" xmlns:wp="{wp}">{drawing}</w:hdr>'.encode()
        )
        rels = "word/_rels/document.xml.rels"
        parts[rels] = edit(
            parts[rels].decode("utf-8"),
            "</Relationships>",
            '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument'
            '/2006/relationships/header" Target="header1.xml"/></Relationships>',
        ).encode("utf-8")
        assert ["drawing 'Logo' in word/header1.xml has no alt text"] == [
            p.message for p in docx_problems(zipped(parts), name=DOCX)
        ]


class TestDocxHyperlinks:
    def test_without_text(self) -> None:
        """A hyperlink whose runs hold no text is reported with its target."""
        data = edited_docx(
            docx(), ("word/document.xml", "(<w:hyperlink [^>]*>.*?)<w:t>[^<]*</w:t>", r"\1")
        )
        assert [
            Problem(
                DOCX,
                "a hyperlink to 'mailto:minna.lehtipuu@migri.fi' in word/document.xml has no text",
                "link text that says where it leads",
            )
        ] == docx_problems(data, name=DOCX)


class TestDocxUnreadable:
    def test_not_a_zip(self) -> None:
        """Bytes that are no zip file are one problem, not an exception."""
        assert [
            Problem(DOCX, "not a DOCX file: File is not a zip file", "a DOCX (zip) file")
        ] == docx_problems(b"plain text", name=DOCX)

    def test_broken_xml(self) -> None:
        """A part that is not well-formed XML is one problem naming the part."""
        parts = members(docx())
        parts["word/document.xml"] = parts["word/document.xml"][:-20]
        (found,) = docx_problems(zipped(parts), name=DOCX)
        assert (DOCX, "not a readable DOCX file: word/document.xml is not well-formed XML") == (
            found.path,
            found.message.split(" (")[0],
        )

    def test_no_document(self) -> None:
        """A zip without the main document part is one problem."""
        parts = members(docx())
        del parts["word/document.xml"]
        assert [
            Problem(
                DOCX,
                "not a readable DOCX file: it has no main document part (word/document.xml)",
                "a DOCX file Word can open",
            )
        ] == docx_problems(zipped(parts), name=DOCX)


class TestHtml:
    def test_two_h1(self) -> None:
        """A page with two h1 headings is reported."""
        data = edited_page(("<h2>(.*?)</h2>", r"<h1>\1</h1>"))
        assert [Problem(HTML, "the page has 2 <h1> headings", "exactly one <h1>")] == (
            html_problems(data, name=HTML)
        )

    def test_no_h1(self) -> None:
        """A page without an h1 is reported, and so is its first heading's skipped level."""
        data = edited_page(("<h1>(.*?)</h1>", ""))
        assert [
            Problem(HTML, "the page has no <h1> headings", "exactly one <h1>"),
            Problem(
                HTML,
                "<h2> 'For more information, please contact:' comes right after the start of"
                " the page: a heading level is skipped",
                "a heading of level 1 or less",
            ),
        ] == html_problems(data, name=HTML)

    def test_skipped_level(self) -> None:
        """An h3 right after the h1 skips a level."""
        data = edited_page(("<h2>(.*?)</h2>", r"<h3>\1</h3>"))
        assert [
            Problem(
                HTML,
                "<h3> 'For more information, please contact:' comes right after an <h1>:"
                " a heading level is skipped",
                "a heading of level 2 or less",
            )
        ] == html_problems(data, name=HTML)

    def test_empty_heading(self) -> None:
        """A heading without text is reported."""
        data = edited_page(("<h2>.*?</h2>", "<h2> </h2>"))
        assert [Problem(HTML, "an <h2> heading has no text", "text in every heading")] == (
            html_problems(data, name=HTML)
        )

    def test_img_without_alt(self) -> None:
        """An img without alt is reported with its source."""
        data = edited_page(("<article>", '<article>\n<img src="logo.png">'))
        assert [
            Problem(
                HTML,
                "an <img> (logo.png) has no alt attribute",
                'alt text, or alt="" for a decorative image',
            )
        ] == html_problems(data, name=HTML)

    def test_decorative_img(self) -> None:
        """An img with an empty alt is decorative, which is allowed."""
        data = edited_page(("<article>", '<article>\n<img src="rule.png" alt="">'))
        assert [] == html_problems(data, name=HTML)

    def test_empty_link(self) -> None:
        """A link without text is reported with its target."""
        data = edited_page(("<article>", '<article>\n<p><a href="https://migri.fi/"> </a></p>'))
        assert [
            Problem(
                HTML,
                "a link to 'https://migri.fi/' has no text",
                "link text (or an aria-label) that says where it leads",
            )
        ] == html_problems(data, name=HTML)

    @pytest.mark.parametrize(
        "link",
        [
            '<a href="https://migri.fi/" aria-label="Finnish Immigration Service"></a>',
            '<a href="https://migri.fi/"><img src="migri.png" alt="Migri"></a>',
        ],
    )
    def test_link_named_otherwise(self, link: str) -> None:
        """A link named by an aria-label or by an image's alt text has text."""
        data = edited_page(("<article>", f"<article>\n<p>{link}</p>"))
        assert [] == html_problems(data, name=HTML)

    def test_missing_lang(self) -> None:
        """A page whose <html> has no lang has no language."""
        data = edited_page(('<html lang="en-GB">', "<html>"))
        assert [
            Problem(
                HTML,
                "the page language (lang of <html>) is not set",
                '<html lang="…"> with a language tag such as "fi-FI"',
            )
        ] == html_problems(data, name=HTML)

    def test_empty_title(self) -> None:
        """A blank <title> is no title."""
        data = edited_page(("<title>.*?</title>", "<title> </title>"))
        assert [
            Problem(
                HTML,
                "the page has no title (<title> is missing or empty)",
                "the headline as <title>",
            )
        ] == html_problems(data, name=HTML)

    def test_no_main(self) -> None:
        """A page without a <main> landmark is reported."""
        data = edited_page(("<main>\n", ""), ("</main>\n", ""))
        assert [Problem(HTML, "the page has no <main> landmarks", "exactly one <main>")] == (
            html_problems(data, name=HTML)
        )

    def test_duplicate_id(self) -> None:
        """An id used twice is reported once, with its count."""
        data = edited_page(("<main>", '<main id="top">'), ("<article>", '<article id="top">'))
        assert [Problem(HTML, "the id 'top' is used 2 times", "each id once")] == html_problems(
            data, name=HTML
        )

    def test_not_utf8(self) -> None:
        """A page that is not UTF-8 is one problem."""
        assert [
            Problem(HTML, "the page is not UTF-8 (invalid start byte at byte 0)", "UTF-8")
        ] == html_problems(b"\xff<html>", name=HTML)


class TestAccessibilityProblems:
    def test_every_docx_and_html(self) -> None:
        """Each DOCX and HTML file is checked, under its own name; other formats are not."""
        outputs = {
            "a.fi.txt": b"",
            "a.fi.docx": b"",
            "a.fi.html": edited_page(('<html lang="en-GB">', "<html>")),
            "a.fi.json": b"{}",
        }
        assert [
            ("a.fi.docx", "not a DOCX file: File is not a zip file"),
            ("a.fi.html", "the page language (lang of <html>) is not set"),
        ] == [(p.path, p.message) for p in accessibility_problems(outputs)]

    def test_all_formats_of_an_example(self) -> None:
        """Every file render_outputs makes of an example passes."""
        release = nas_press.load_release(EXAMPLES / "2018-h1.toml")
        outputs = nas_press._api.render_outputs(release, "2018-h1", LANGS, nas_press.FORMATS)
        assert [] == accessibility_problems(outputs)


class TestCheckCommand:
    def test_example_passes(self, capsys: pytest.CaptureFixture[str]) -> None:
        """nas-press check accepts the 2025 example, accessibility checks included."""
        assert 0 == main(["check", str(EXAMPLES / "2025-h1.toml")])
        assert "valid" in capsys.readouterr().out

    def test_reports_barriers(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A rendered file with an accessibility problem makes check exit 1, naming the file."""
        real: Callable[..., dict[str, bytes]] = nas_press._api.render_outputs

        def without_lang(*args: Any, **kwargs: Any) -> dict[str, bytes]:
            outputs = real(*args, **kwargs)
            name = "2025-h1.sv.html"
            outputs[name] = outputs[name].replace(b'<html lang="sv-FI">', b"<html>")
            return outputs

        monkeypatch.setattr(nas_press._api, "render_outputs", without_lang)
        path = EXAMPLES / "2025-h1.toml"
        assert 1 == main(["check", str(path)])
        captured = capsys.readouterr()
        expected = [
            f"{path}: error: 2025-h1.sv.html: the page language (lang of <html>) is not set"
            ' (expected <html lang="…"> with a language tag such as "fi-FI")',
            "nas-press: error: 1 accessibility problem in the rendered files",
        ]
        assert expected == captured.err.splitlines()
        assert "" == captured.out
