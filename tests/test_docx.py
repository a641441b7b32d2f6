"""The DOCX writer (nas_press.writers.docx)."""

from __future__ import annotations

import datetime
import io
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import attrs
import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_UNDERLINE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import RGBColor
from lxml import etree
from tests.conftest import EXAMPLE_STEMS, card, load_example

import nas_press
from nas_press.document import (
    BulletList,
    ContactBlock,
    ContactGroup,
    Dateline,
    Document,
    Heading,
    Lead,
    Link,
    Paragraph,
    Quote,
    Span,
    bookmark_name,
    spans,
)
from nas_press.release.model import Privacy
from nas_press.writers.docx import docx_bytes

SRC = Path(__file__).resolve().parent.parent / "src"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LANGUAGES = ("fi-FI", "sv-FI", "en-GB")
REVIEW_URL = "https://migri.fi/en/review?year=2025&part=h1"
INFO_MAIL = "mailto:info@example.org"
CONTACT_MAIL = "mailto:testi.henkilo@example.org"
SECOND_MAIL = "toinen@example.org"
THIRD_MAIL = "kolmas@example.org"
ORG = "National Assistance System for Victims of Human Trafficking"


@pytest.fixture(params=LANGUAGES)
def language(request: pytest.FixtureRequest) -> str:
    """Each of the three document languages in turn."""
    return str(request.param)


def sample(language: str = "fi-FI") -> Document:
    """Return a document with every kind of block, links and no-break spaces."""
    return Document(
        lang=language[:2],
        language=language,
        title="Auttamisjärjestelmään 88 uutta asiakasta",
        published=datetime.date(2025, 7, 15),
        blocks=(
            Lead(("Uusia asiakkaita oli 88 (45\xa0%). Lue ", Link("katsaus", REVIEW_URL), ".")),
            Heading(("Pakkotyö yleisin hyväksikäytön muoto",)),
            Paragraph(("Rekisterissä on 1\xa0588 henkilöä. Kysy ", Link("meiltä", INFO_MAIL), ".")),
            Quote(("”Luvut kasvavat”, sanoo johtaja.",)),
            BulletList((("pakkotyö 27\xa0%",), ("lisää: ", Link("katsaus", REVIEW_URL)))),
            ContactBlock(
                "Lisätietoja antaa:",
                (
                    ContactGroup(
                        "31.7. asti:",
                        (
                            card(
                                "Testi Henkilö",
                                "ylitarkastaja",
                                email=CONTACT_MAIL.removeprefix("mailto:"),
                            ),
                            card("Toinen Henkilö", "johtaja", email=SECOND_MAIL),
                        ),
                    ),
                    ContactGroup(None, (card("Kolmas Henkilö", email=THIRD_MAIL),)),
                ),
            ),
        ),
    )


EXPECTED_STYLES = [
    "Title",
    "Lead",
    "Heading 1",
    "Normal",
    "Quote",
    "List Bullet",
    "List Bullet",
    "Contact Heading",
    "Contact Label",
    "Contact",
    "Contact",
    "Contact",
]

EXPECTED_TEXTS = [
    "Auttamisjärjestelmään 88 uutta asiakasta",
    "Uusia asiakkaita oli 88 (45\xa0%). Lue katsaus.",
    "Pakkotyö yleisin hyväksikäytön muoto",
    "Rekisterissä on 1\xa0588 henkilöä. Kysy meiltä.",
    "”Luvut kasvavat”, sanoo johtaja.",
    "pakkotyö 27\xa0%",
    "lisää: katsaus",
    "Lisätietoja antaa:",
    "31.7. asti:",
    f"Testi Henkilö\nylitarkastaja\n{ORG}\n0295\xa0463\xa0000\ntesti.henkilo@example.org",
    f"Toinen Henkilö\njohtaja\n{ORG}\n0295\xa0463\xa0000\n{SECOND_MAIL}",
    f"Kolmas Henkilö\nSenior Adviser\n{ORG}\n0295\xa0463\xa0000\n{THIRD_MAIL}",
]


def reopen(data: bytes) -> docx.document.Document:
    """Open DOCX bytes with python-docx."""
    return docx.Document(io.BytesIO(data))


def part(data: bytes, name: str) -> etree._Element:
    """Return one XML part of DOCX bytes, parsed."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


class TestDocx:
    def test_paragraph_styles_in_order(self, language: str) -> None:
        """Each line of content is one paragraph in its named style, in order."""
        document = reopen(docx_bytes(sample(language)))

        expected = EXPECTED_STYLES
        assert expected == [p.style.name for p in document.paragraphs]

    def test_text_round_trips(self) -> None:
        """python-docx reads back the text, contact lines split by line breaks."""
        document = reopen(docx_bytes(sample()))

        expected = EXPECTED_TEXTS
        assert expected == [p.text for p in document.paragraphs]

    def test_no_break_spaces_survive(self) -> None:
        """No-break spaces are kept as U+00A0, not turned into spaces."""
        document = reopen(docx_bytes(sample()))

        expected = "Rekisterissä on 1\xa0588 henkilöä. Kysy meiltä."
        assert expected == document.paragraphs[3].text

    def test_no_stray_empty_paragraph(self) -> None:
        """The body holds exactly the content's paragraphs and then the section properties."""
        body = part(docx_bytes(sample()), "word/document.xml").find(f"{W}body")

        expected = [f"{W}p"] * len(EXPECTED_STYLES) + [f"{W}sectPr"]
        assert expected == [child.tag for child in body]

    def test_headline_only(self) -> None:
        """A document without blocks is its headline alone."""
        document = reopen(
            docx_bytes(Document("en", "en-GB", "Only", datetime.date(2025, 1, 2), ()))
        )

        expected = [("Title", "Only")]
        assert expected == [(p.style.name, p.text) for p in document.paragraphs]

    def test_tabs_and_line_breaks(self) -> None:
        """A tab becomes w:tab, a line end (\\n, \\r or \\r\\n) one w:br."""
        blocks = (Paragraph((" a\tb\nc\r\nd ",)),)
        data = docx_bytes(Document("en", "en-GB", "T", datetime.date(2025, 1, 2), blocks))
        run = part(data, "word/document.xml").find(f"{W}body/{W}p[2]/{W}r")

        expected = (["t", "tab", "t", "br", "t", "br", "t"], [" a", "b", "c", "d "], "preserve")
        assert expected == (
            [child.tag.removeprefix(W) for child in run],
            [t.text for t in run.iter(f"{W}t")],
            run[0].get("{http://www.w3.org/XML/1998/namespace}space"),
        )

    @pytest.mark.parametrize(
        "text", ["plain", " leading", "trailing ", "two  spaces", "\xa0no-break"]
    )
    def test_run_without_breaks_is_python_docxs(self, text: str) -> None:
        """A run without tabs or line ends is what python-docx makes of the text: one w:t,
        its white space preserved where it starts or ends with some."""
        from docx.oxml.parser import OxmlElement

        blocks = (Paragraph((text,)),)
        data = docx_bytes(Document("en", "en-GB", "T", datetime.date(2025, 1, 2), blocks))
        run = part(data, "word/document.xml").find(f"{W}body/{W}p[2]/{W}r")
        expected = OxmlElement("w:r")
        expected.text = text

        assert [(c.tag, c.text, dict(c.attrib)) for c in expected] == [
            (c.tag, c.text, dict(c.attrib)) for c in run
        ]

    def test_styles_declare_language(self, language: str) -> None:
        """styles.xml gives the language in the run defaults and in the Normal style."""
        styles = part(docx_bytes(sample(language)), "word/styles.xml")
        default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
        normal = styles.find(f"{W}style[@{W}styleId='Normal']/{W}rPr/{W}lang")

        assert (language, language) == (default.get(f"{W}val"), normal.get(f"{W}val"))

    def test_settings_declare_language(self, language: str) -> None:
        """settings.xml gives the language as the theme font language."""
        settings = part(docx_bytes(sample(language)), "word/settings.xml")

        assert language == settings.find(f"{W}themeFontLang").get(f"{W}val")

    def test_core_properties(self, language: str) -> None:
        """Title, language and dates come from the document; nothing else is left over."""
        properties = reopen(docx_bytes(sample(language))).core_properties
        midnight = datetime.datetime(2025, 7, 15, tzinfo=datetime.UTC)

        expected = {
            "title": "Auttamisjärjestelmään 88 uutta asiakasta",
            "language": language,
            "created": midnight,
            "modified": midnight,
            "revision": 1,
            "author": "nas_press",
            "last_modified_by": "nas_press",
            "comments": "",
            "subject": "",
            "keywords": "",
            "category": "",
        }
        assert expected == {name: getattr(properties, name) for name in expected}

    def test_core_xml_holds_only_set_properties(self) -> None:
        """core.xml has no element from the template (such as 'generated by python-docx')."""
        core = part(docx_bytes(sample()), "docProps/core.xml")

        expected = [
            "title",
            "creator",
            "lastModifiedBy",
            "identifier",
            "revision",
            "version",
            "created",
            "modified",
            "language",
        ]
        assert expected == sorted(
            (etree.QName(child).localname for child in core), key=expected.index
        )

    def test_hyperlink_relationships(self) -> None:
        """Each link target is one external relationship, in order of first use."""
        rels = reopen(docx_bytes(sample())).part.rels
        links = sorted(
            (int(rel.rId[3:]), rel.target_ref, rel.is_external)
            for rel in rels.values()
            if rel.reltype == RT.HYPERLINK
        )

        expected = [
            (REVIEW_URL, True),
            (INFO_MAIL, True),
            (CONTACT_MAIL, True),
            (f"mailto:{SECOND_MAIL}", True),
            (f"mailto:{THIRD_MAIL}", True),
        ]
        assert expected == [(target, external) for _, target, external in links]

    def test_hyperlinks_point_at_their_targets(self) -> None:
        """Links are w:hyperlink elements whose runs carry the Hyperlink style."""
        document = reopen(docx_bytes(sample()))

        expected = [
            [("katsaus", REVIEW_URL, "Hyperlink")],
            [("meiltä", INFO_MAIL, "Hyperlink")],
            [("katsaus", REVIEW_URL, "Hyperlink")],
            [("testi.henkilo@example.org", CONTACT_MAIL, "Hyperlink")],
            [(SECOND_MAIL, f"mailto:{SECOND_MAIL}", "Hyperlink")],
            [(THIRD_MAIL, f"mailto:{THIRD_MAIL}", "Hyperlink")],
        ]
        assert expected == [
            [(h.text, h.address, h.runs[0].style.name) for h in p.hyperlinks]
            for p in document.paragraphs
            if p.hyperlinks
        ]

    def test_relationship_ids_are_fixed(self) -> None:
        """Hyperlink relationship ids take the first ids the prepared document leaves free."""
        body = part(docx_bytes(sample()), "word/document.xml")
        r_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

        expected = ["rId1", "rId4", "rId1", "rId9", "rId10", "rId11"]
        assert expected == [h.get(r_id) for h in body.iter(f"{W}hyperlink")]

    def test_hyperlink_style(self) -> None:
        """The added Hyperlink character style is blue and underlined."""
        style = reopen(docx_bytes(sample())).styles["Hyperlink"]

        expected = (WD_STYLE_TYPE.CHARACTER, RGBColor(0x05, 0x63, 0xC1), WD_UNDERLINE.SINGLE)
        assert expected == (style.type, style.font.color.rgb, style.font.underline)

    def test_custom_paragraph_styles(self) -> None:
        """The added paragraph styles and what they are based on."""
        styles = reopen(docx_bytes(sample())).styles

        expected = {
            "Lead": "Normal",
            "Contact Heading": "Heading 1",
            "Contact Label": "Normal",
            "Contact": "Normal",
        }
        assert expected == {name: styles[name].base_style.name for name in expected}

    def test_contact_heading_is_level_one(self) -> None:
        """The contact heading has outline level 1 (w:val 0): no level is skipped."""
        styles = part(docx_bytes(sample()), "word/styles.xml")
        level = styles.find(f"{W}style[@{W}styleId='ContactHeading']/{W}pPr/{W}outlineLvl")

        expected = "0"
        assert expected == level.get(f"{W}val")

    def test_same_bytes_twice(self, language: str) -> None:
        """Two calls give the same bytes."""
        assert docx_bytes(sample(language)) == docx_bytes(sample(language))

    def test_same_bytes_in_a_fresh_process(self) -> None:
        """A fresh interpreter (with another hash seed) gives the same bytes."""
        script = (
            "import datetime, sys\n"
            "from nas_press.document import *\n"
            "from nas_press.writers.docx import docx_bytes\n"
            "sys.stdout.buffer.write(docx_bytes(eval(sys.stdin.read())))\n"
        )
        env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONHASHSEED": "random"}
        result = subprocess.run(
            [sys.executable, "-c", script],
            input=repr(sample()).encode(),
            capture_output=True,
            env=env,
            check=True,
        )

        assert docx_bytes(sample()) == result.stdout

    def test_zip_entries_are_fixed(self) -> None:
        """Every zip entry has the 1980 date, deflate and the same mode."""
        with zipfile.ZipFile(io.BytesIO(docx_bytes(sample()))) as archive:
            entries = {
                (info.date_time, info.compress_type, info.create_system, info.external_attr)
                for info in archive.infolist()
            }

        expected = {((1980, 1, 1, 0, 0, 0), zipfile.ZIP_DEFLATED, 3, 0o100644 << 16)}
        assert expected == entries

    def test_zip_members(self) -> None:
        """The package starts with its content types; stale template parts are gone."""
        with zipfile.ZipFile(io.BytesIO(docx_bytes(sample()))) as archive:
            names = archive.namelist()

        expected = ("[Content_Types].xml", set())
        stale = {"word/stylesWithEffects.xml", "docProps/thumbnail.jpeg"}
        assert expected == (names[0], stale & set(names))

    @pytest.mark.parametrize("char", ["\x00", "\x0b", "\x0c", "\x1f", "\ufffe"])
    def test_text_xml_cannot_hold(self, char: str) -> None:
        """A character XML cannot hold is refused, naming the block it is in."""
        document = Document(
            "en",
            "en-GB",
            "T",
            datetime.date(2025, 1, 2),
            (Heading(("ok",)), Paragraph(("a" + char,))),
        )

        with pytest.raises(ValueError, match=r"^block 1 \(Paragraph\): 'a.+' holds .+U\+"):
            docx_bytes(document)


HELSINKI = datetime.timezone(datetime.timedelta(hours=3))
DATELINE = Dateline(
    sender="Maahanmuuttovirasto, ihmiskaupan uhrien auttamisjärjestelmä",
    kind="Tiedote",
    published="10.7.2025 klo 10.00",
    published_at=datetime.datetime(2025, 7, 10, 10, 0, tzinfo=HELSINKI),
    embargo="EMBARGO 10.7.2025 klo 10.00",
    embargo_at=datetime.datetime(2025, 7, 10, 10, 0, tzinfo=HELSINKI),
    correction=("Korjattu: ", Span("release.correction", ("luku 88 oli väärin.",))),
)


def dated(**changes: object) -> Document:
    """The sample with a dateline, a release id and a version."""
    fields: dict[str, object] = {"dateline": DATELINE, "release_id": "2025-h1", "version": 2}
    return attrs.evolve(sample(), **{**fields, **changes})


class TestDateline:
    def test_above_the_headline(self) -> None:
        """The embargo, the sender, and the release type with the publication time stand in
        one 'Dateline' paragraph above the title; the correction note follows the title."""
        document = reopen(docx_bytes(dated()))

        expected = [
            (
                "Dateline",
                "EMBARGO 10.7.2025 klo 10.00\n"
                "Maahanmuuttovirasto, ihmiskaupan uhrien auttamisjärjestelmä\n"
                "Tiedote 10.7.2025 klo 10.00",
            ),
            ("Title", "Auttamisjärjestelmään 88 uutta asiakasta"),
            ("Dateline", "Korjattu: luku 88 oli väärin."),
            ("Lead", EXPECTED_TEXTS[1]),
        ]
        assert expected == [(p.style.name, p.text) for p in document.paragraphs[:4]]

    def test_without_embargo_or_correction(self) -> None:
        """Without an embargo the dateline is two lines, and no note follows the title."""
        dateline = attrs.evolve(DATELINE, embargo=None, embargo_at=None, correction=None)
        document = reopen(docx_bytes(dated(dateline=dateline)))

        expected = [
            ("Dateline", f"{DATELINE.sender}\nTiedote 10.7.2025 klo 10.00"),
            ("Title", "Auttamisjärjestelmään 88 uutta asiakasta"),
            ("Lead", EXPECTED_TEXTS[1]),
        ]
        assert expected == [(p.style.name, p.text) for p in document.paragraphs[:3]]

    def test_dateline_is_no_heading(self) -> None:
        """The dateline is body text for the accessibility check: the title is still first."""
        assert [] == nas_press.docx_problems(docx_bytes(dated()), name="x.docx")


class TestCoreMetadata:
    def test_identifier_version_and_time(self) -> None:
        """dc:identifier is the release id, revision and version its version, and both
        dates the publication time in UTC."""
        properties = reopen(docx_bytes(dated())).core_properties
        moment = datetime.datetime(2025, 7, 10, 7, 0, tzinfo=datetime.UTC)

        expected = ("2025-h1", 2, "2", moment, moment)
        assert expected == (
            properties.identifier,
            properties.revision,
            properties.version,
            properties.created,
            properties.modified,
        )

    def test_privacy_override_in_comments(self) -> None:
        """A release whose minimum group size was changed says so, with the reason, in the
        core properties' comments; an unchanged one has none."""
        release = load_example(EXAMPLE_STEMS[-1])
        reason = "the register figures are published by the ministry in this form"
        changed = attrs.evolve(release, privacy=Privacy(min_group=3, reason=reason))

        comments = [
            reopen(docx_bytes(nas_press.render(r, "en"))).core_properties.comments
            for r in (release, changed)
        ]

        expected = ["", f"privacy.min_group is 3 for this release, not 5: {reason}"]
        assert expected == comments

    def test_title_too_long(self) -> None:
        """A title longer than the core properties hold is a DocumentError saying so."""
        document = attrs.evolve(sample(), title="x" * 256)

        with pytest.raises(nas_press.DocumentError, match="256 characters long"):
            docx_bytes(document)


class TestBookmarks:
    @pytest.mark.parametrize("stem", EXAMPLE_STEMS)
    def test_each_authored_text_is_bookmarked(self, stem: str) -> None:
        """Each authored text of an example stands between the start and the end of the
        bookmark named after its key, and nothing else does; the reader sees the same text."""
        document = nas_press.render(load_example(stem), "sv")
        body = part(docx_bytes(document), "word/document.xml")
        found: dict[str, str] = {}
        open_names: dict[str, str] = {}
        for element in body.iter(f"{W}bookmarkStart", f"{W}bookmarkEnd", f"{W}t"):
            if element.tag == f"{W}bookmarkStart":
                open_names[element.get(f"{W}id")] = element.get(f"{W}name")
                found[element.get(f"{W}name")] = ""
            elif element.tag == f"{W}bookmarkEnd":
                del open_names[element.get(f"{W}id")]
            else:
                for name in open_names.values():
                    found[name] += element.text or ""
        expected = {
            bookmark_name(s.key): "".join(p if isinstance(p, str) else p.text for p in s.content)
            for s in spans(document)
        }

        assert {} == open_names
        assert expected == found
        assert "nas_headline" in found
        assert len(found) >= 5
        titles = [
            p.text for p in reopen(docx_bytes(document)).paragraphs if p.style.name == "Title"
        ]
        assert [document.title] == titles

    def test_key_shown_twice_is_marked_once(self) -> None:
        """A key that stands twice gets one bookmark, where it first stands."""
        span = Span("body[0].paragraph", ("same",))
        document = Document(
            "en", "en-GB", "T", datetime.date(2025, 1, 2), (Paragraph((span,)), Paragraph((span,)))
        )
        body = part(docx_bytes(document), "word/document.xml")

        expected = [("1", "nas_headline"), ("2", "nas_body0_paragraph")]
        assert expected == [
            (b.get(f"{W}id"), b.get(f"{W}name")) for b in body.iter(f"{W}bookmarkStart")
        ]

    def test_no_accessibility_finding(self) -> None:
        """The bookmarks add no accessibility problem."""
        data = docx_bytes(nas_press.render(load_example(EXAMPLE_STEMS[-1]), "fi"))

        assert [] == nas_press.docx_problems(data, name="x.fi.docx")


class TestBuiltTemplate:
    """python-docx's default template, prepared when the package is built."""

    @pytest.fixture(autouse=True)
    def _fresh(self) -> Iterator[None]:
        from nas_press.writers import docx as writer

        writer._own.cache_clear()
        writer._prepared.cache_clear()
        yield
        writer._own.cache_clear()
        writer._prepared.cache_clear()

    def test_gives_the_files_the_process_prepares(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Every example's DOCX files are the same bytes built on the template written at
        build time as on the template prepared in the process."""
        from nas_press.writers import docx as writer

        writer.write_template(tmp_path)
        documents = [
            nas_press.render(release, lang)
            for release in (load_example(stem) for stem in EXAMPLE_STEMS)
            for lang in release.languages
        ]
        built_template = writer._built_template
        assert built_template(tmp_path) is not None
        monkeypatch.setattr(writer, "_built_template", lambda: built_template(tmp_path))
        built = [docx_bytes(d) for d in documents]
        writer._own.cache_clear()
        writer._prepared.cache_clear()
        monkeypatch.setattr(writer, "_built_template", lambda: None)

        assert [docx_bytes(d) for d in documents] == built

    def test_same_bytes_every_build(self, tmp_path: Path) -> None:
        """The template is written the same, byte for byte, every time."""
        from nas_press.writers import docx as writer

        (tmp_path / "a").mkdir()
        (tmp_path / "b").mkdir()
        first = writer.write_template(tmp_path / "a").read_bytes()
        assert writer.write_template(tmp_path / "b").read_bytes() == first

    def test_template_of_another_writer_is_not_used(self, tmp_path: Path) -> None:
        """A template whose name carries another digest (another writer, another
        python-docx) is not used."""
        from nas_press.writers import docx as writer

        made = writer.write_template(tmp_path)
        made.rename(tmp_path / f"docx-template-{'0' * 64}.docx")

        assert writer._built_template(tmp_path) is None
