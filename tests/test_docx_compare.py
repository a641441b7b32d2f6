"""The golden-file helper for DOCX files (tests/docx_compare.py)."""

from __future__ import annotations

import datetime
import io
import zipfile

from docx_compare import MAX_DIFF_LINES, compare_docx, pretty_document_xml
from nas_press.document import Document, Paragraph
from nas_press.writers.docx import docx_bytes

XML = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def document(text: str = "Rekisterissä on 1\xa0588 henkilöä.") -> bytes:
    """Return a small real DOCX whose one body paragraph is ``text``."""
    return docx_bytes(
        Document("fi", "fi-FI", "Otsikko", datetime.date(2025, 7, 15), (Paragraph((text,)),))
    )


def package(parts: dict[str, bytes]) -> bytes:
    """Return a zip of ``parts`` in the given order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def replace_part(docx: bytes, name: str, data: bytes) -> bytes:
    """Return ``docx`` with one part's content replaced."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[name] = data
    return package(parts)


class TestCompareDocx:
    def test_identical_files(self) -> None:
        """The same file twice has no differences."""
        expected: list[str] = []
        assert expected == compare_docx(document(), document())

    def test_changed_paragraph_text(self) -> None:
        """A changed text is one difference naming word/document.xml, with a short diff."""
        differences = compare_docx(document(), document("Rekisterissä on 1\xa0589 henkilöä."))

        expected = [
            "word/document.xml: XML differs\n"
            "--- expected/word/document.xml\n"
            "+++ actual/word/document.xml\n"
            "@@ -14,5 +14,5 @@\n"
            "     <w:p>\n"
            "       <w:r>\n"
            "-        <w:t>Rekisterissä on 1&#160;588 henkilöä.</w:t>\n"
            "+        <w:t>Rekisterissä on 1&#160;589 henkilöä.</w:t>\n"
            "       </w:r>\n"
            "     </w:p>"
        ]
        assert expected == differences

    def test_missing_member(self) -> None:
        """A missing part is reported as a difference in the zip members."""
        with_b = package({"a.xml": XML + b"<a/>", "b.bin": b"\x01"})
        without_b = package({"a.xml": XML + b"<a/>"})

        expected = [
            "zip members: differ in names or order\n"
            "--- expected/zip members\n"
            "+++ actual/zip members\n"
            "@@ -1,2 +1 @@\n"
            " a.xml\n"
            "-b.bin"
        ]
        assert expected == compare_docx(with_b, without_b)

    def test_member_order(self) -> None:
        """The same parts in another order are a difference."""
        a_b = package({"a.xml": XML + b"<a/>", "b.xml": XML + b"<b/>"})
        b_a = package({"b.xml": XML + b"<b/>", "a.xml": XML + b"<a/>"})

        expected = ["zip members: differ in names or order"]
        assert expected == [d.splitlines()[0] for d in compare_docx(a_b, b_a)]

    def test_binary_part(self) -> None:
        """A binary part is compared byte for byte."""
        five = package({"media/image1.png": b"\x89PNG1"})
        six = package({"media/image1.png": b"\x89PNG22"})

        expected = ["media/image1.png: binary content differs (5 bytes expected, 6 bytes actual)"]
        assert expected == compare_docx(five, six)

    def test_attribute_order_and_whitespace_do_not_count(self) -> None:
        """Attribute order and indentation do not change an XML part's meaning."""
        compact = package({"a.xml": XML + b'<a x="1" y="2"><b/></a>'})
        indented = package({"a.xml": XML + b'<a y="2" x="1">\n  <b/>\n</a>'})

        expected: list[str] = []
        assert expected == compare_docx(compact, indented)

    def test_revision_session_ids_do_not_count(self) -> None:
        """Word's w:rsid attributes and w:rsids settings are ignored."""
        plain = package({"w.xml": XML + f"<w:p {W_NS}/>".encode()})
        edited = package(
            {"w.xml": XML + f'<w:p {W_NS} w:rsidR="00FC693F"><w:rsids/></w:p>'.encode()}
        )

        expected: list[str] = []
        assert expected == compare_docx(plain, edited)

    def test_relationship_order_does_not_count(self) -> None:
        """Relationships may come in any order."""
        one = '<Relationship Id="rId1" Type="t" Target="a"/>'
        two = '<Relationship Id="rId2" Type="t" Target="b"/>'
        ns = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
        one_two = package(
            {"x.rels": XML + f"<Relationships {ns}>{one}{two}</Relationships>".encode()}
        )
        two_one = package(
            {"x.rels": XML + f"<Relationships {ns}>{two}{one}</Relationships>".encode()}
        )

        expected: list[str] = []
        assert expected == compare_docx(one_two, two_one)

    def test_changed_relationship_target(self) -> None:
        """A changed relationship target is reported in its .rels part."""
        original = document()
        rels = "word/_rels/document.xml.rels"
        with zipfile.ZipFile(io.BytesIO(original)) as archive:
            changed = archive.read(rels).replace(b"numbering.xml", b"numbers.xml")

        expected = [f"{rels}: XML differs"]
        assert expected == [
            d.splitlines()[0] for d in compare_docx(original, replace_part(original, rels, changed))
        ]

    def test_long_diff_is_cut(self) -> None:
        """A difference shows at most MAX_DIFF_LINES lines of diff and says how many more."""
        many = "".join(f"<b>{i}</b>" for i in range(100))
        expected_file = package({"a.xml": XML + f"<a>{many}</a>".encode()})
        actual_file = package({"a.xml": XML + b"<a/>"})
        lines = compare_docx(expected_file, actual_file)[0].splitlines()

        expected = (1 + MAX_DIFF_LINES + 1, "... (67 more diff lines)")
        assert expected == (len(lines), lines[-1])


class TestPrettyDocumentXml:
    def test_one_element_a_line(self) -> None:
        """Each body element stands on a line of its own; no-break spaces show."""
        lines = pretty_document_xml(document()).splitlines()
        body = lines[lines.index("  <w:body>") :]

        expected = [
            "  <w:body>",
            "    <w:p>",
            "      <w:pPr>",
            '        <w:pStyle w:val="Title"/>',
            "      </w:pPr>",
            '      <w:bookmarkStart w:id="1" w:name="nas_headline"/>',
            "      <w:r>",
            "        <w:t>Otsikko</w:t>",
            "      </w:r>",
            '      <w:bookmarkEnd w:id="1"/>',
            "    </w:p>",
            "    <w:p>",
            "      <w:r>",
            "        <w:t>Rekisterissä on 1&#160;588 henkilöä.</w:t>",
            "      </w:r>",
            "    </w:p>",
        ]
        assert expected == body[: len(expected)]

    def test_deterministic(self) -> None:
        """The same file gives the same text, ending with a newline."""
        text = pretty_document_xml(document())

        expected = (text, True)
        assert expected == (pretty_document_xml(document()), text.endswith("\n"))
