"""A real client opens every document: LibreOffice converts each example DOCX.

Both examples and every edge-case release in the three languages, and a document built in code that
holds what the examples lack (:func:`sample`), are written as DOCX and
converted by LibreOffice (headless) to PDF, to UTF-8 text and to ODT: one
soffice run per format converts all the files, the three runs side by side,
once per module. Each run gets its own profile directory: two runs that share
one both exit 0 and one writes nothing (DESIGN.md), which is also why every
output is checked to exist.

The tests skip without ``soffice`` (Debian ``libreoffice-writer-nogui``) and
fail without it in CI (see :mod:`tests.tools`).
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import signal
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import attrs
import pytest
from tests.conftest import EXAMPLE_STEMS, LANGS, card, load_example
from tests.tools import require_tool

import nas_press
import nas_press.document
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

TIMEOUT = 180
"""Seconds one soffice run may take before the tests fail rather than hang."""

LANGUAGE = {"fi": ("fi", "FI"), "sv": ("sv", "FI"), "en": ("en", "GB")}
"""The language and country LibreOffice must read from each version, written out here
rather than taken from the document, so that the check does not trust the writer."""

FORMATS = {"pdf": "pdf", "txt": "txt:Text (encoded):UTF8", "odt": "odt"}
"""Output extension and the ``--convert-to`` argument that makes it."""

SAMPLE = "sample"
"""Stands beside the example stems for :func:`sample`, a document built in code."""

EDGE = Path(__file__).resolve().parent / "edge"
EDGE_STEMS = tuple(sorted(p.stem for p in EDGE.glob("*.toml")))
"""The edge-case releases (tests/edge/), opened like the examples."""

STEMS = (*EXAMPLE_STEMS, *EDGE_STEMS, SAMPLE)

FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"

# Only ASCII white space: Python's \s would also match the no-break spaces
# (U+00A0) the documents hold in numbers and percentages, which must survive.
_WHITE_SPACE = re.compile("[ \t\n\r\f\v]+")
# LibreOffice writes a 'List Bullet' paragraph as its list label, U+2022, after
# an indent; the text writer writes "- ".
_LIBREOFFICE_BULLET = re.compile("^[ \t]*\u2022 ", re.MULTILINE)


def sample(lang: str) -> Document:
    """A document built in code with what the examples lack, in ``lang``'s language tag.

    Links whose text does not show the address (the text writer adds it in
    angle brackets), bullets with links, a tab, and line breaks inside a
    paragraph, so that every normalisation of the text comparison is used. The
    text is Finnish in every version; only the document language changes.
    """
    review = "https://migri.fi/en/review?year=2025&part=h1"
    return Document(
        lang=lang,
        language="-".join(LANGUAGE[lang]),
        title="Auttamisjärjestelmään 88 uutta asiakasta",
        published=datetime.date(2025, 7, 15),
        blocks=(
            Lead(("Uusia asiakkaita oli 88 (45\xa0%). Lue ", Link("katsaus", review), ".")),
            Heading(("Pakkotyö yleisin muoto",)),
            Paragraph(
                (
                    "Rekisterissä on 1\xa0588 henkilöä.\tKysy ",
                    Link("meiltä", "mailto:info@example.org"),
                    ".",
                )
            ),
            Quote(("”Luvut kasvavat”, sanoo johtaja.",)),
            BulletList(
                (
                    ("pakkotyö 27\xa0%",),
                    ("lisää: ", Link("katsaus", review)),
                    (Link("www.ihmiskauppa.fi", "https://www.ihmiskauppa.fi/"),),
                )
            ),
            ContactBlock(
                "Lisätietoja:",
                (
                    ContactGroup(
                        "31.7. asti:",
                        (
                            card("Testi Henkilö", email="testi.henkilo@example.org"),
                            card("Toinen Henkilö", "ylitarkastaja\nasiantuntija"),
                        ),
                    ),
                    ContactGroup(None, (card("Kolmas Henkilö"),)),
                ),
            ),
        ),
    )


@attrs.frozen
class Converted:
    """One language version of one example and what LibreOffice made of its DOCX."""

    document: Document
    pdf: Path
    txt: Path
    odt: Path


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Converted]:
    """Every example in every language, converted to PDF, text and ODT by LibreOffice."""
    soffice = require_tool("soffice", "libreoffice-writer-nogui")
    root = tmp_path_factory.mktemp("libreoffice")
    documents: dict[tuple[str, str], Document] = {}
    sources: list[Path] = []
    for stem in STEMS:
        if stem == SAMPLE:
            release = None
        elif stem in EDGE_STEMS:
            release = nas_press.load_release(EDGE / f"{stem}.toml")
        else:
            release = load_example(stem)
        for lang in LANGS:
            document = sample(lang) if release is None else nas_press.render(release, lang)
            documents[stem, lang] = document
            source = root / f"{stem}.{lang}.docx"
            source.write_bytes(nas_press.docx_bytes(document))
            sources.append(source)
    # The three runs are independent (own profile, own output folder): run them at once.
    runs = {ext: _start(soffice, root, ext, sources) for ext in FORMATS}
    try:
        for ext, process in runs.items():
            _finish(process, ext, [root / ext / f"{source.stem}.{ext}" for source in sources])
    finally:  # after a failure, leave no soffice running
        for process in runs.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.communicate()
    return {
        key: Converted(document, *(root / ext / f"{key[0]}.{key[1]}.{ext}" for ext in FORMATS))
        for key, document in documents.items()
    }


def _start(soffice: str, root: Path, ext: str, sources: list[Path]) -> subprocess.Popen[str]:
    """Start one soffice run converting ``sources`` to ``ext``, with a fresh profile."""
    profile = root / f"profile-{ext}"
    profile.mkdir()
    command = [
        soffice,
        "--headless",
        f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to",
        FORMATS[ext],
        "--outdir",
        str(root / ext),
        *map(str, sources),
    ]
    # A session of its own, so that a hung run can be killed with every process it started.
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )


def _finish(process: subprocess.Popen[str], ext: str, outputs: list[Path]) -> None:
    """Wait for ``process``; fail if it hangs, fails or leaves an output unwritten."""
    try:
        log, _ = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        log, _ = process.communicate()
        pytest.fail(f"soffice --convert-to {ext} took more than {TIMEOUT} s:\n{log}")
    missing = [path.name for path in outputs if not path.is_file()]
    command = f"soffice --convert-to {ext}"
    assert process.returncode == 0, f"{command} exited with {process.returncode}:\n{log}"
    assert not missing, f"{command} did not write {missing}:\n{log}"


@pytest.fixture(params=STEMS)
def example(
    request: pytest.FixtureRequest, lang: str, converted: dict[tuple[str, str], Converted]
) -> Converted:
    """Each example in each language, with its conversions."""
    return converted[str(request.param), lang]


def links(document: Document) -> Iterator[Link]:
    """Every link of ``document``, in order (a chart has none)."""
    for _, link in nas_press.document.links(document):
        yield link


def comparable_ours(document: Document) -> str:
    """Our plain text, with white space normalised and link addresses removed.

    The text writer shows a link as its text followed by `` <url>`` when the
    text does not show the address; in the DOCX the address is the link's
    target, which LibreOffice's text export leaves out. Exactly those suffixes
    are removed, after the link's own text, so nothing else can be lost.
    """
    text = nas_press.to_text(document)
    for link in links(document):
        text = text.replace(f"{link.text} <{link.url}>", link.text)
    return normalise(text)


def comparable_libreoffice(path: Path) -> str:
    """LibreOffice's text export, without its BOM, bullets as ``- ``, white space normalised.

    A bullet is list numbering in the DOCX, not text: LibreOffice writes its
    label (an indent and U+2022), the text writer ``- ``. That label is the
    only change; the byte order mark (U+FEFF) LibreOffice starts with is removed.
    """
    text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
    return normalise(_LIBREOFFICE_BULLET.sub("- ", text))


def normalise(text: str) -> str:
    """Collapse each run of ASCII white space (line ends too) into one space.

    No-break spaces are kept: LibreOffice keeps them, so the comparison shows
    that they survive the trip through the DOCX.
    """
    return _WHITE_SPACE.sub(" ", text).strip()


def first_difference(expected: str, actual: str) -> str:
    """Describe where two strings first differ; repr shows no-break spaces as ``\\xa0``."""
    at = next(
        (i for i, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b),
        min(len(expected), len(actual)),
    )
    start = max(0, at - 60)
    return (
        f"first difference at character {at}:\n"
        f"  ours:        {expected[start : at + 60]!r}\n"
        f"  LibreOffice: {actual[start : at + 60]!r}"
    )


def odt_part(path: Path, name: str) -> ElementTree.Element:
    """Return the parsed root of the part ``name`` (e.g. ``styles.xml``) of an ODT file."""
    with zipfile.ZipFile(path) as odt:
        return ElementTree.fromstring(odt.read(name))


def pdf_pages(path: Path) -> int:
    """Return the number of pages of a PDF: pdfinfo's count, or its page objects."""
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:  # poppler-utils is optional here: LibreOffice writes plain page objects
        return len(re.findall(rb"/Type\s*/Page\b", path.read_bytes()))
    result = subprocess.run(
        [pdfinfo, str(path)], capture_output=True, text=True, check=True, timeout=60
    )
    match = re.search(r"^Pages:\s+(\d+)$", result.stdout, re.MULTILINE)
    assert match is not None, result.stdout
    return int(match.group(1))


class TestPdf:
    def test_pdf_has_pages(self, example: Converted) -> None:
        """The PDF export exists, is a PDF and has at least one page."""
        data = example.pdf.read_bytes()
        assert data.startswith(b"%PDF-")
        assert 1 <= pdf_pages(example.pdf)

    def test_pdf_language(self, example: Converted, lang: str) -> None:
        """The PDF's catalog names the version's language (/Lang), as PDF readers read it."""
        language, country = LANGUAGE[lang]
        found = re.findall(rb"/Lang\s*\(([^)]*)\)", example.pdf.read_bytes())
        assert [f"{language}-{country}".encode()] == found


class TestText:
    def test_text_matches_plain_text(self, example: Converted) -> None:
        """LibreOffice's text of the DOCX is our plain text, up to white space.

        Also up to the two things a DOCX shows otherwise by design: link
        addresses (link targets, not text) and bullets (list labels).
        """
        expected = comparable_ours(example.document)
        actual = comparable_libreoffice(example.txt)
        assert expected == actual, first_difference(expected, actual)

    def test_no_break_spaces_survive(self, example: Converted) -> None:
        """Every no-break space of our text is in LibreOffice's text, none turned into a space."""
        expected = nas_press.to_text(example.document).count("\xa0")
        assert expected == example.txt.read_text(encoding="utf-8").count("\xa0")


class TestLanguage:
    def test_default_paragraph_language(self, example: Converted, lang: str) -> None:
        """The document default for paragraphs has the version's language and country."""
        styles = odt_part(example.odt, "styles.xml")
        default = styles.find(
            f".//{STYLE}default-style[@{STYLE}family='paragraph']/{STYLE}text-properties"
        )
        assert default is not None
        assert LANGUAGE[lang] == (default.get(f"{FO}language"), default.get(f"{FO}country"))

    def test_normal_style_language(self, example: Converted, lang: str) -> None:
        """Word's 'Normal' style, LibreOffice's 'Standard', has the version's language."""
        styles = odt_part(example.odt, "styles.xml")
        normal = styles.find(f".//{STYLE}style[@{STYLE}name='Standard']/{STYLE}text-properties")
        assert normal is not None
        assert LANGUAGE[lang] == (normal.get(f"{FO}language"), normal.get(f"{FO}country"))

    def test_no_other_language(self, example: Converted, lang: str) -> None:
        """No style or paragraph anywhere sets another language or country."""
        found = set()
        for name in ("styles.xml", "content.xml"):
            for element in odt_part(example.odt, name).iter():
                if f"{FO}language" in element.attrib or f"{FO}country" in element.attrib:
                    found.add((element.get(f"{FO}language"), element.get(f"{FO}country")))
        assert {LANGUAGE[lang]} == found
