"""The approval round (nas_press.absorb, ``nas-press absorb``): edits made on the DOCX come back.

A reviewer's work is simulated on rendered DOCX files of the examples, written as Word writes
it: direct edits, tracked insertions and deletions (``w:ins``/``w:del`` with ``w:author`` and
``w:date``), an insertion typed just outside a bookmark, a comment, an edit of a generated
sentence. The files are absorbed as they are, and after headless LibreOffice has re-saved them
(which skips without ``soffice`` and fails without it in CI, see :mod:`tests.tools`), into a
copy of the example, and the result is compared with the release file expected, written out
here as the edits to its text.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import attrs
import pytest
from tests.conftest import EXAMPLES, load_example, minimal_release, texts, to_toml
from tests.tools import require_tool, soffice_convert

import nas_press
from nas_press import absorb as _absorb
from nas_press.absorb import AbsorbError, absorb, read_docx, write_release
from nas_press.cli import main
from nas_press.document import bookmark_name
from nas_press.release.model import AuthoredParagraph

AUTHOR = "Anna Arvioija"
DATE = "2025-07-08T09:30:00Z"
_RUN = re.compile(
    r"<w:r>(?P<rpr><w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?"
    r'<w:t(?: xml:space="preserve")?>(?P<text>[^<]*)</w:t></w:r>'
)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _t(text: str, tag: str = "w:t") -> str:
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<{tag}{space}>{_escape(text)}</{tag}>"


class Review:
    """A reviewer's work on a DOCX, written into its XML as Word writes it."""

    def __init__(self, data: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.parts = {info.filename: archive.read(info) for info in archive.infolist()}
        self.xml = self.parts["word/document.xml"].decode("utf-8")
        self.comments: list[str] = []
        self.next_id = 900

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    def _attributes(self) -> str:
        return f'w:id="{self._id()}" w:author="{AUTHOR}" w:date="{DATE}"'

    def _run_of(self, text: str) -> tuple[re.Match[str], int]:
        """The one run whose text holds ``text``, and where ``text`` starts in it."""
        found = [m for m in _RUN.finditer(self.xml) if _escape(text) in m.group("text")]
        assert 1 == len(found), f"{text!r} is in {len(found)} runs"
        match = found[0]
        assert 1 == match.group("text").count(_escape(text))
        return match, match.group("text").index(_escape(text))

    def _split(self, text: str, middle: str) -> None:
        """Put ``middle`` (XML) in the place of ``text``, splitting the run around it."""
        match, at = self._run_of(text)
        rpr = match.group("rpr") or ""
        whole = match.group("text")
        before, after = whole[:at], whole[at + len(_escape(text)) :]

        def run(escaped: str) -> str:
            plain = escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
            return f"<w:r>{rpr}{_t(plain)}</w:r>" if escaped else ""

        self.xml = (
            self.xml[: match.start()] + run(before) + middle + run(after) + self.xml[match.end() :]
        )

    def edit(self, old: str, new: str) -> None:
        """Change ``old`` to ``new`` with tracking off."""
        self._split(old, f"<w:r>{_t(new)}</w:r>")

    def track(self, old: str, new: str) -> None:
        """Change ``old`` to ``new`` with tracking on: a deletion, then an insertion."""
        deleted = f"<w:del {self._attributes()}><w:r>{_t(old, 'w:delText')}</w:r></w:del>"
        inserted = f"<w:ins {self._attributes()}><w:r>{_t(new)}</w:r></w:ins>" if new else ""
        self._split(old, deleted + inserted)

    def insert_after_bookmark(self, key: str, new: str) -> None:
        """Type ``new`` (tracked) just after the end of the bookmark of ``key``, where Word puts
        words typed at the end of a bookmarked text."""
        start = re.search(
            f'<w:bookmarkStart w:id="(\\d+)" w:name="{bookmark_name(key)}"/>', self.xml
        )
        assert start is not None
        end = f'<w:bookmarkEnd w:id="{start.group(1)}"/>'
        at = self.xml.index(end, start.end()) + len(end)
        inserted = f"<w:ins {self._attributes()}><w:r>{_t(new)}</w:r></w:ins>"
        self.xml = self.xml[:at] + inserted + self.xml[at:]

    def insert_before_bookmark(self, key: str, new: str) -> None:
        """Type ``new`` (tracked) just before the start of the bookmark of ``key``."""
        start = f'<w:bookmarkStart w:id="\\d+" w:name="{bookmark_name(key)}"/>'
        found = re.search(start, self.xml)
        assert found is not None
        inserted = f"<w:ins {self._attributes()}><w:r>{_t(new)}</w:r></w:ins>"
        self.xml = self.xml[: found.start()] + inserted + self.xml[found.start() :]

    def comment(self, text: str, said: str) -> None:
        """Comment ``said`` on ``text``."""
        number = len(self.comments)
        self._split(
            text,
            f'<w:commentRangeStart w:id="{number}"/><w:r>{_t(text)}</w:r>'
            f'<w:commentRangeEnd w:id="{number}"/>'
            f'<w:r><w:commentReference w:id="{number}"/></w:r>',
        )
        self.comments.append(
            f'<w:comment w:id="{number}" w:author="{AUTHOR}" w:date="{DATE}" w:initials="AA">'
            f"<w:p><w:r>{_t(said)}</w:r></w:p></w:comment>"
        )

    def _paragraph_of(self, text: str) -> tuple[int, int]:
        at = self._run_of(text)[0].start()
        start = max(self.xml.rfind("<w:p>", 0, at), self.xml.rfind("<w:p ", 0, at))
        return start, self.xml.index("</w:p>", at) + len("</w:p>")

    def add_paragraph_before(self, text: str, new: str) -> None:
        """Add a paragraph of ``new`` (tracking off) before the one that holds ``text``."""
        start, _ = self._paragraph_of(text)
        self.xml = self.xml[:start] + f"<w:p><w:r>{_t(new)}</w:r></w:p>" + self.xml[start:]

    def remove_paragraph(self, text: str) -> None:
        """Remove the paragraph that holds ``text`` (tracking off)."""
        start, end = self._paragraph_of(text)
        self.xml = self.xml[:start] + self.xml[end:]

    def drop_bookmarks(self) -> None:
        self.xml = re.sub(r"<w:bookmark(Start|End) [^>]*/>", "", self.xml)

    def bytes(self) -> bytes:
        parts = dict(self.parts)
        parts["word/document.xml"] = self.xml.encode("utf-8")
        if self.comments:
            w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
            parts["word/comments.xml"] = (
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<w:comments xmlns:w="{w}">{"".join(self.comments)}</w:comments>'
            ).encode()
            types = parts["[Content_Types].xml"].decode()
            parts["[Content_Types].xml"] = types.replace(
                "</Types>",
                '<Override PartName="/word/comments.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>',
            ).encode()
            rels = parts["word/_rels/document.xml.rels"].decode()
            parts["word/_rels/document.xml.rels"] = rels.replace(
                "</Relationships>",
                '<Relationship Id="rId900" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/comments" Target="comments.xml"/>'
                "</Relationships>",
            ).encode()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
        return buffer.getvalue()


def rendered(stem: str, lang: str) -> bytes:
    return nas_press.docx_bytes(nas_press.render(load_example(stem), lang))


def review_2025_fi() -> bytes:
    """The Finnish 2025-h1 release as the deputy director sends it back."""
    review = Review(rendered("2025-h1", "fi"))
    review.edit("kantaa hedelmää", "kantaa jo hedelmää")  # a quotation, tracking off
    review.track("vaatii ", "vaatii tiivistä ")  # the lead: an insertion …
    review.track("yli rajojen", "rajojen")  # … and a deletion
    review.insert_after_bookmark("body[7].quote.text", " yli rajojen")
    review.track("viestinnän asiantuntija", "viestintäasiantuntija")  # a contact's title
    review.track("hyväksyttiin 88", "hyväksyttiin 89")  # a generated sentence
    review.comment("185 uutta hakemusta", "Tarkista luku.")
    review.comment("alueellisia työpajoja", "Montako?")
    return review.bytes()


def review_2018_en() -> bytes:
    """The English 2018-h1 release: an authored paragraph with a link, and a heading."""
    review = Review(rendered("2018-h1", "en"))
    review.edit("hopes to reach", "wants to reach")
    review.track("More possible", "Many more possible")
    review.insert_before_bookmark("body[12].heading", "2018: ")
    return review.bytes()


def expected_2025(text: str) -> str:
    """The 2025-h1 release file with the edits of :func:`review_2025_fi`."""
    for old, new in [
        ("kantaa hedelmää.", "kantaa jo hedelmää."),
        (
            "vaatii yhteistyötä sekä Suomessa että yli rajojen.",
            "vaatii tiivistä yhteistyötä sekä Suomessa että rajojen.",
        ),
        ("torjutaan parhaiten.", "torjutaan parhaiten yli rajojen."),
        ('"viestinnän asiantuntija"', '"viestintäasiantuntija"'),
    ]:
        assert 1 == text.count(old)
        text = text.replace(old, new)
    return text


def expected_2018(text: str) -> str:
    for old, new in [
        ("hopes to reach", "wants to reach"),
        ('"More possible victims', '"Many more possible victims'),
        ('"Most new clients were', '"2018: Most new clients were'),
    ]:
        assert 1 == text.count(old)
        text = text.replace(old, new)
    return text


def copy_example(tmp_path: Path, stem: str) -> Path:
    folder = tmp_path / "release"
    folder.mkdir(exist_ok=True)
    for name in (f"{stem}.toml", "history.toml"):
        shutil.copy(EXAMPLES / name, folder / name)
    return folder / f"{stem}.toml"


def resave(files: list[Path], root: Path) -> list[Path]:
    """Open ``files`` in headless LibreOffice and save them again as DOCX, in one run."""
    soffice = require_tool("soffice", "libreoffice-writer-nogui")
    return soffice_convert(soffice, files, "docx", root, "MS Word 2007 XML")


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """The reviewed files as the simulation wrote them (``word``) and as LibreOffice saved
    them again (``libreoffice``, made on first use): 2025-h1 in Finnish (edited) and Swedish
    (untouched), 2018-h1 in English."""
    root = tmp_path_factory.mktemp("review")
    files = {
        "2025-h1.fi.docx": review_2025_fi(),
        "2025-h1.sv.docx": rendered("2025-h1", "sv"),
        "2018-h1.en.docx": review_2018_en(),
    }
    word = root / "word"
    word.mkdir()
    for name, data in files.items():
        (word / name).write_bytes(data)
    return {"word": {name: word / name for name in files}, "root": {"": root}}


@pytest.fixture(params=["word", "libreoffice"])
def reviewed(request: pytest.FixtureRequest, edited: dict[str, dict[str, Path]]) -> dict[str, Path]:
    """The reviewed files, as written and as re-saved by LibreOffice."""
    if request.param == "word":
        return edited["word"]
    if "libreoffice" not in edited:
        names = list(edited["word"])
        saved = resave([edited["word"][n] for n in names], edited["root"][""])
        edited["libreoffice"] = dict(zip(names, saved, strict=True))
    return edited["libreoffice"]


class TestAbsorb:
    def test_exactly_the_edited_texts_change(
        self, tmp_path: Path, reviewed: dict[str, Path]
    ) -> None:
        """The quotation, the lead (a tracked insertion and deletion), a quotation typed on past
        its bookmark and a contact's title change in the release file, and nothing else: its
        comments, order and layout stay; the untouched Swedish version changes nothing."""
        release = copy_example(tmp_path, "2025-h1")
        before = release.read_text("utf-8")
        result = absorb(release, [reviewed["2025-h1.sv.docx"], reviewed["2025-h1.fi.docx"]])
        assert ["fi", "sv"] == [r.lang for r in result.reports]
        fi, sv = result.reports
        assert [
            "lead.fi",
            "body[3].quote.text.fi",
            "body[7].quote.text.fi",
            "contacts[0].title.fi",
        ] == [c.key for c in fi.changes]
        assert () == sv.changes
        assert () == sv.generated
        assert expected_2025(before) == result.after
        assert "# inferred from 34 %" in result.after
        write_release(release, result)
        assert expected_2025(before) == release.read_text("utf-8")
        nas_press.load_release(release)

    def test_paragraph_with_a_link_and_a_heading(
        self, tmp_path: Path, reviewed: dict[str, Path]
    ) -> None:
        """An edited paragraph keeps its link as [text](url); a heading changed with tracked
        changes is written back."""
        release = copy_example(tmp_path, "2018-h1")
        result = absorb(release, [reviewed["2018-h1.en.docx"]])
        assert expected_2018(release.read_text("utf-8")) == result.after
        assert "[ihmiskauppa.fi](https://www.ihmiskauppa.fi)" in result.after
        assert () == result.reports[0].generated

    def test_generated_sentence_is_reported(
        self, tmp_path: Path, reviewed: dict[str, Path]
    ) -> None:
        """An edited generated sentence is reported with its statement and the sentence before
        and after, and not written."""
        release = copy_example(tmp_path, "2025-h1")
        result = absorb(release, [reviewed["2025-h1.fi.docx"]])
        assert [
            _absorb.GeneratedEdit(
                "statement referrals (body[0])",
                "Auttamisjärjestelmän piiriin hyväksyttiin 88 uutta asiakasta.",
                "Auttamisjärjestelmän piiriin hyväksyttiin 89 uutta asiakasta.",
            )
        ] == list(result.reports[0].generated)
        assert "hyväksyttiin 89" not in result.after

    def test_comments_with_the_text_they_stand_on(
        self, tmp_path: Path, reviewed: dict[str, Path]
    ) -> None:
        release = copy_example(tmp_path, "2025-h1")
        result = absorb(release, [reviewed["2025-h1.fi.docx"]])
        assert [
            ("185 uutta hakemusta", "Tarkista luku.", "statement referrals (body[0])", AUTHOR),
            ("alueellisia työpajoja", "Montako?", "body[3].quote.text", AUTHOR),
        ] == [(c.on, c.text, c.where, c.author) for c in result.reports[0].comments]

    def test_tracked_changes_listed(self, tmp_path: Path, reviewed: dict[str, Path]) -> None:
        """With changes_only, the tracked changes are listed with author and date, and the
        release file's text is left as it was."""
        release = copy_example(tmp_path, "2025-h1")
        result = absorb(release, [reviewed["2025-h1.fi.docx"]], changes_only=True)
        assert not result.changed
        tracked = [(t.kind, t.text.strip(), t.where) for t in result.reports[0].tracked]
        assert ("insertion", "vaatii tiivistä", "lead") in tracked
        assert ("deletion", "yli rajojen", "lead") in tracked
        assert ("insertion", "yli rajojen", "body[7].quote.text") in tracked or (
            "insertion",
            "yli rajojen",
            "the attribution of body[7] (templates/fi/quote.j2)",
        ) in tracked
        assert ("deletion", "hyväksyttiin 88", "statement referrals (body[0])") in tracked
        assert {(AUTHOR, DATE)} == {(t.author, t.date) for t in result.reports[0].tracked}

    def test_paragraphs_added_and_removed(self, tmp_path: Path) -> None:
        """A paragraph added before the lead, which is edited too, and a generated paragraph
        removed are reported, and the lead still comes back."""
        release = copy_example(tmp_path, "2025-h1")
        review = Review(rendered("2025-h1", "fi"))
        review.add_paragraph_before(
            "Ihmiskaupan uhrien auttamisjärjestelmän alkuvuoden", "Uusi kappale."
        )
        review.edit("yli rajojen", "rajojen yli")
        # The paragraph of the places statement, with the statements that go on in it.
        text = nas_press.to_text(nas_press.render(load_example("2025-h1"), "fi"))
        (removed,) = [p for p in text.split("\n\n") if "joutunut hyväksikäytetyksi Suomessa" in p]
        review.remove_paragraph("joutunut hyväksikäytetyksi Suomessa")
        path = tmp_path / "fi.docx"
        path.write_bytes(review.bytes())
        report = absorb(release, [path]).reports[0]
        assert ["lead.fi"] == [c.key for c in report.changes]
        assert report.changes[0].after.endswith("Suomessa että rajojen yli.")
        assert [
            _absorb.GeneratedEdit("a paragraph added after headline", "", "Uusi kappale."),
            _absorb.GeneratedEdit(
                "statement places (body[4]): removed",
                removed,
                "",
            ),
        ] == list(report.generated)

    def test_absorbing_twice_changes_nothing_more(
        self, tmp_path: Path, reviewed: dict[str, Path]
    ) -> None:
        release = copy_example(tmp_path, "2025-h1")
        write_release(release, absorb(release, [reviewed["2025-h1.fi.docx"]]))
        again = absorb(release, [reviewed["2025-h1.fi.docx"]])
        assert not again.changed
        assert 1 == len(again.reports[0].generated)


class TestRefused:
    def test_another_release(self, tmp_path: Path) -> None:
        release = copy_example(tmp_path, "2025-h1")
        other = tmp_path / "other.docx"
        other.write_bytes(rendered("2018-h1", "fi"))
        with pytest.raises(AbsorbError, match=r"other\.docx is a DOCX of the release '2018-h1'"):
            absorb(release, [other])

    def test_marks_deleted(self, tmp_path: Path) -> None:
        release = copy_example(tmp_path, "2025-h1")
        review = Review(rendered("2025-h1", "fi"))
        review.drop_bookmarks()
        path = tmp_path / "bare.docx"
        path.write_bytes(review.bytes())
        with pytest.raises(AbsorbError, match=r"bare\.docx holds none of the bookmarks"):
            absorb(release, [path])

    def test_one_mark_deleted(self, tmp_path: Path) -> None:
        release = copy_example(tmp_path, "2025-h1")
        review = Review(rendered("2025-h1", "fi"))
        review.xml = re.sub(r'<w:bookmarkStart w:id="\d+" w:name="nas_lead"/>', "", review.xml)
        path = tmp_path / "lost.docx"
        path.write_bytes(review.bytes())
        with pytest.raises(AbsorbError, match=r"lost the bookmarks of lead\b"):
            absorb(release, [path])

    def test_no_identifier(self, tmp_path: Path) -> None:
        release = copy_example(tmp_path, "2025-h1")
        review = Review(rendered("2025-h1", "fi"))
        core = review.parts["docProps/core.xml"].decode()
        review.parts["docProps/core.xml"] = re.sub(
            r"<dc:identifier>[^<]*</dc:identifier>", "", core
        ).encode()
        path = tmp_path / "anonymous.docx"
        path.write_bytes(review.bytes())
        with pytest.raises(AbsorbError, match="names no release"):
            absorb(release, [path])

    def test_two_files_of_one_language(self, tmp_path: Path) -> None:
        release = copy_example(tmp_path, "2025-h1")
        one, two = tmp_path / "a.docx", tmp_path / "b.docx"
        one.write_bytes(rendered("2025-h1", "sv"))
        two.write_bytes(rendered("2025-h1", "sv"))
        with pytest.raises(AbsorbError, match="both the sv version"):
            absorb(release, [one, two])

    def test_not_a_docx(self, tmp_path: Path) -> None:
        release = copy_example(tmp_path, "2025-h1")
        path = tmp_path / "notes.docx"
        path.write_text("not a zip")
        with pytest.raises(AbsorbError, match=r"notes\.docx: not a DOCX file"):
            absorb(release, [path])

    def test_nested_too_deeply(self) -> None:
        review = Review(rendered("2025-h1", "fi"))
        review.xml = review.xml.replace(
            "<w:body>", "<w:body>" + "<w:sdt>" * 5000 + "</w:sdt>" * 5000
        )
        with pytest.raises(AbsorbError, match="nested too deeply"):
            read_docx(review.bytes(), "deep.docx")

    def test_part_too_large(self) -> None:
        review = Review(rendered("2025-h1", "fi"))
        review.parts["word/comments.xml"] = b" " * 50_000_001
        with pytest.raises(AbsorbError, match=r"word/comments\.xml is larger than 50 MB"):
            read_docx(review.bytes(), "large.docx")

    def test_nothing_written_when_the_result_is_invalid(self, tmp_path: Path) -> None:
        """A headline deleted to nothing would leave the release file invalid: nothing is
        written, and the error says why."""
        release = copy_example(tmp_path, "2025-h1")
        before = release.read_bytes()
        review = Review(rendered("2025-h1", "fi"))
        headline = load_example("2025-h1").headline["fi"]
        review.track(headline, "")
        path = tmp_path / "empty.docx"
        path.write_bytes(review.bytes())
        assert 1 == main(["absorb", str(release), str(path)])
        assert before == release.read_bytes()

    def test_file_changed_meanwhile(self, tmp_path: Path) -> None:
        release = copy_example(tmp_path, "2025-h1")
        path = tmp_path / "fi.docx"
        path.write_bytes(review_2025_fi())
        result = absorb(release, [path])
        release.write_text(release.read_text("utf-8") + "\n# a late note\n", "utf-8")
        with pytest.raises(AbsorbError, match="changed while"):
            write_release(release, result)
        assert release.read_text("utf-8").endswith("# a late note\n")


class TestCommand:
    def test_prints_what_changed(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        release = copy_example(tmp_path, "2025-h1")
        path = tmp_path / "2025-h1.fi.docx"
        path.write_bytes(review_2025_fi())
        assert 0 == main(["absorb", str(release), str(path)])
        out = capsys.readouterr().out
        assert f"fi ({path}):" in out
        assert "  changed lead.fi:" in out
        assert "not written back: generated text edited in statement referrals (body[0])" in out
        assert '"185 uutta hakemusta": Tarkista luku.' in out
        assert out.endswith(f"{release}: 4 texts changed\n")
        assert expected_2025((EXAMPLES / "2025-h1.toml").read_text("utf-8")) == release.read_text(
            "utf-8"
        )

    def test_dry_run(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        release = copy_example(tmp_path, "2025-h1")
        before = release.read_bytes()
        path = tmp_path / "2025-h1.fi.docx"
        path.write_bytes(review_2025_fi())
        assert 0 == main(["absorb", "--dry-run", str(release), str(path)])
        out = capsys.readouterr().out
        assert f"--- {release}\n+++ {release} (absorbed)\n" in out
        assert '+fi = "Ihmiskaupan uhrien' in out
        assert "(--dry-run: nothing was written)" in out
        assert before == release.read_bytes()

    def test_changes(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        release = copy_example(tmp_path, "2025-h1")
        before = release.read_bytes()
        path = tmp_path / "2025-h1.fi.docx"
        path.write_bytes(review_2025_fi())
        assert 0 == main(["absorb", "--changes", str(release), str(path)])
        out = capsys.readouterr().out
        assert f'  insertion by {AUTHOR} on {DATE} in lead: "vaatii tiivistä "' in out
        assert f'  deletion by {AUTHOR} on {DATE} in lead: "yli rajojen"' in out
        assert before == release.read_bytes()

    def test_error_is_one_line(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        release = copy_example(tmp_path, "2025-h1")
        path = tmp_path / "missing.docx"
        assert 1 == main(["absorb", str(release), str(path)])
        err = capsys.readouterr().err
        assert err.startswith(f"nas-press: error: cannot read {path}: ")
        assert "Traceback" not in err


class TestReader:
    def test_language_and_identifier(self) -> None:
        found = read_docx(rendered("2025-h1", "sv"), "x.docx")
        assert ("sv-FI", "2025-h1") == (found.language, found.identifier)
        assert {"headline", "lead", "contacts[2].title"} <= set(found.marks)

    def test_document_model_unchanged(self) -> None:
        """The reader gives back, for each key, the text the document shows."""
        release = load_example("2025-h1")
        found = read_docx(rendered("2025-h1", "en"), "x.docx")
        texts = {key: text for runs in found.paragraphs for key, _, text in runs if key}
        assert release.lead["en"] == texts["lead"]
        assert release.contacts[0].title["en"] == texts["contacts[0].title"]
        assert attrs.has(type(found))


EDGE = Path(__file__).parent / "edge"
PERIODS = Path(__file__).parent / "periods"
CONTINUES = PERIODS / "2024-year.toml"
"""A release with an authored paragraph that runs on in a generated one (``continues``)."""


@pytest.mark.parametrize(
    "release_file",
    [
        EXAMPLES / "2025-h1.toml",
        EXAMPLES / "2018-h1.toml",
        CONTINUES,
        *sorted(EDGE.glob("*.toml")),
    ],
    ids=lambda path: path.stem,
)
def test_an_unedited_file_changes_nothing(release_file: Path, tmp_path: Path) -> None:
    """A DOCX rendered from a release and absorbed back unedited finds every mark, changes
    no text and reports no edit, in every language: of the examples and of each edge-case
    release."""
    release = nas_press.load_release(release_file)
    paths = []
    for lang in release.languages:
        path = tmp_path / f"{lang}.docx"
        path.write_bytes(nas_press.docx_bytes(nas_press.render(release, lang)))
        paths.append(path)
    result = absorb(release_file, paths)
    assert list(release.languages) == [r.lang for r in result.reports]
    assert not result.changed
    assert [] == [
        (r.changes, r.generated, r.comments)
        for r in result.reports
        if r.changes or r.generated or r.comments
    ]


class TestQuotations:
    """Quotations of every kind: a speaker quoted again (no title shown), a question, marks."""

    @staticmethod
    def release_file(tmp_path: Path, style: str) -> Path:
        data = minimal_release()
        data["release"]["quotation"] = style
        quote = {
            "speaker": "Anna Esimerkki",
            "title": texts("johtaja", "direktör", "Director"),
            "text": texts("Luvut kasvavat.", "Siffrorna växer.", "The figures are growing."),
        }
        again = {
            "speaker": "Anna Esimerkki",
            "title": texts("johtaja", "direktör", "Director"),
            "text": texts("Miksi?", "Varför?", "Why?"),
        }
        link = texts(
            "Lue [katsaus](https://example.fi/a).",
            "Läs [översikten](https://example.fi/a).",
            "Read [the review](https://example.fi/a).",
        )
        data["body"][1:1] = [{"quote": quote}, {"paragraph": link}, {"quote": again}]
        path = tmp_path / "test.toml"
        path.write_text(to_toml(data), "utf-8")
        return path

    @pytest.mark.parametrize("style", ["dash", "marks"])
    @pytest.mark.parametrize("lang", ["fi", "sv", "en"])
    def test_edits_in_each_language(self, tmp_path: Path, style: str, lang: str) -> None:
        """A quotation's text and its speaker's title, a question quoted again and a
        paragraph's link text, edited in each language and style, come back with their
        punctuation and address."""
        release_file = self.release_file(tmp_path, style)
        release = nas_press.load_release(release_file)
        review = Review(nas_press.docx_bytes(nas_press.render(release, lang)))
        first = {"fi": "Luvut kasvavat", "sv": "Siffrorna växer", "en": "The figures are growing"}
        question = {"fi": "Miksi", "sv": "Varför", "en": "Why"}
        linked = {"fi": "katsaus", "sv": "översikten", "en": "the review"}
        review.edit(first[lang], first[lang] + " yhä")
        review.track(question[lang], question[lang] + " ei")
        review.edit(linked[lang], linked[lang] + " 2030")
        title = {"fi": "johtaja", "sv": "direktör", "en": "Director"}[lang]
        review.track(title, "Chief " + title)
        path = tmp_path / "edited.docx"
        path.write_bytes(review.bytes())
        result = absorb(release_file, [path])
        body = {c.key: c.after for c in result.reports[0].changes}
        assert {
            f"body[1].quote.text.{lang}": f"{first[lang]} yhä.",
            f"body[2].paragraph.{lang}": release.body[2]
            .text[lang]
            .replace(  # type: ignore[union-attr]
                f"[{linked[lang]}]", f"[{linked[lang]} 2030]"
            ),
            f"body[3].quote.text.{lang}": f"{question[lang]} ei?",
            f"body[1].quote.title.{lang}": f"Chief {title}",
        } == body
        assert () == result.reports[0].generated


class TestContinuingParagraph:
    """An authored paragraph that goes on in the generated paragraph before it."""

    def test_edit_is_absorbed_alone(self, tmp_path: Path) -> None:
        """An edit to the authored sentence is written back as that text alone, and the
        generated sentences of its paragraph are not taken into it."""
        for name in ("2024-year.toml", "history.toml"):
            shutil.copy(PERIODS / name, tmp_path / name)
        release_file = tmp_path / "2024-year.toml"
        release = nas_press.load_release(release_file)
        (key,) = [
            f"body[{i}].paragraph.en"
            for i, item in enumerate(release.body)
            if isinstance(item, AuthoredParagraph)
            and item.continues
            and item.text["en"].startswith("The rest had been")
        ]
        review = Review(nas_press.docx_bytes(nas_press.render(release, "en")))
        review.edit("The rest had been", "All the others had been")
        path = tmp_path / "en.docx"
        path.write_bytes(review.bytes())
        result = absorb(release_file, [path])
        (report,) = result.reports
        assert () == report.generated
        assert [key] == [change.key for change in report.changes]
        write_release(release_file, result)
        again = nas_press.load_release(release_file)
        item = again.body[int(key.split("[")[1].split("]")[0])]
        assert isinstance(item, AuthoredParagraph)
        assert "All the others had been forced to engage in criminal activity." == item.text["en"]
        assert item.continues
