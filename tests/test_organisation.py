"""The organisation file (nas_press.release.load.read_organisation): press contacts and
boilerplate wordings kept outside the package and outside each release."""

from __future__ import annotations

import copy
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import EXAMPLES, LANGS, minimal_release, to_toml

import nas_press
from nas_press.release.load import read_organisation, read_release
from nas_press.writers import FORMATS

ORGANISATION = """\
# The organisation's press contacts and its own wording of boilerplate.

[[contacts]]
name = "Olli Uusi"
title.fi = "viestintäpäällikkö"
title.sv = "kommunikationschef"
title.en = "Head of Communications"
phone = "0295 463 999"
email = "olli.uusi@migri.fi"

[[contacts]]
name = "Vanha Yhteys"
title.fi = "ylitarkastaja"
title.sv = "överinspektör"
title.en = "Senior Adviser"
phone = "0295 463 111"
email = "vanha.yhteys@migri.fi"
until = 2030-06-30

[boilerplate.migri.fi]
heading = "Maahanmuuttovirasto lyhyesti"
paragraphs = ["Maahanmuuttovirasto on maahanmuuton, turvapaikan ja kansalaisuuden viranomainen."]
"""

TITLES = {"fi": "viestintäpäällikkö", "sv": "kommunikationschef", "en": "Head of Communications"}


def release_data(**head: Any) -> dict[str, Any]:
    """The small valid release with no contacts of its own, and ``head`` in [release]."""
    data = copy.deepcopy(minimal_release())
    del data["contacts"]
    data["release"].update(head)
    return data


def folder(tmp_path: Path, release: dict[str, Any], organisation: str = ORGANISATION) -> Path:
    """A folder holding ``release.toml`` and ``organisation.toml``; the release's path."""
    (tmp_path / "organisation.toml").write_text(organisation, encoding="utf-8")
    path = tmp_path / "release.toml"
    path.write_text(to_toml(release), encoding="utf-8")
    return path


def shown(data: bytes, extension: str) -> str:
    """The text a reader of a written file sees, roughly: a DOCX's document text, a ninjs
    item's text values, the others as written."""
    if extension == "docx":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("word/document.xml").decode("utf-8")
        return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    if extension == "json":
        return json.dumps(json.loads(data), ensure_ascii=False)
    return data.decode("utf-8")


class TestContacts:
    @pytest.mark.parametrize("extension", FORMATS)
    def test_changes_every_output(self, tmp_path: Path, extension: str) -> None:
        """A contact of the organisation file, and a change to it there, shows in every
        format and language of a release that names no contact of its own."""
        path = folder(tmp_path, release_data())
        for phone, shown_phone in (
            ("0295 463 999", "0295\xa0463\xa0999"),
            ("0295 463 998", "0295\xa0463\xa0998"),
        ):
            text = ORGANISATION.replace("0295 463 999", phone)
            (tmp_path / "organisation.toml").write_text(text, encoding="utf-8")
            release = nas_press.load_release(path)
            for lang in LANGS:
                written = shown(
                    nas_press.write_bytes(nas_press.render(release, lang), extension), extension
                )
                assert "Olli Uusi" in written, (lang, extension)
                if extension == "json":
                    assert "+358" + phone.replace(" ", "")[1:] in written
                else:
                    assert shown_phone in written, (lang, extension)
                assert TITLES[lang] in written, (lang, extension)

    def test_expired_left_out(self, tmp_path: Path) -> None:
        """A contact whose window ended before the publication is not taken."""
        release = nas_press.load_release(folder(tmp_path, release_data()))
        assert ["Olli Uusi"] == [c.name for c in release.contacts]

    def test_named(self, tmp_path: Path) -> None:
        """``contacts = ["…"]`` takes the organisation's contacts by name, beside tables."""
        data = release_data()
        own = copy.deepcopy(minimal_release()["contacts"][0])
        data["contacts"] = [own, "Olli Uusi"]
        release = nas_press.load_release(folder(tmp_path, data))
        assert ["Testi Henkilö", "Olli Uusi"] == [c.name for c in release.contacts]

    def test_none(self, tmp_path: Path) -> None:
        """``contacts = []`` names no contact, whatever the organisation file holds."""
        release, problems = read_release(folder(tmp_path, release_data() | {"contacts": []}))
        assert release is not None
        assert ((), ["the release names no press contact"]) == (
            release.contacts,
            [p.message for p in problems if p.path == "contacts"],
        )

    def test_own_contacts_win(self, tmp_path: Path) -> None:
        """A release's own ``[[contacts]]`` are its contacts; the file's boilerplate applies."""
        data = copy.deepcopy(minimal_release())
        release = nas_press.load_release(folder(tmp_path, data))
        assert ["Testi Henkilö"] == [c.name for c in release.contacts]
        assert [("migri", "fi")] == [(b, lang) for b, lang, _ in release.boilerplate_texts]

    def test_unknown_name(self, tmp_path: Path) -> None:
        """A name the organisation file lacks is an error in the release (a problem of no
        other file), with a hint."""
        data = release_data()
        data["contacts"] = ["Olli Uus"]
        release, problems = read_release(folder(tmp_path, data))
        assert release is None
        (problem,) = [p for p in problems if p.severity == "error"]
        assert (
            "contacts[0]",
            f"the organisation file {tmp_path / 'organisation.toml'} has no contact named"
            " 'Olli Uus'; did you mean 'Olli Uusi'?",
            None,
        ) == (problem.path, problem.message, problem.file)

    def test_name_without_file(self, tmp_path: Path) -> None:
        """A contact named by name needs an organisation file."""
        data = release_data()
        data["contacts"] = ["Olli Uusi"]
        path = tmp_path / "release.toml"
        path.write_text(to_toml(data), encoding="utf-8")
        _, problems = read_release(path)
        assert ["contacts[0]"] == [p.path for p in problems if p.severity == "error"]

    def test_bad_phone_located_in_the_file(self, tmp_path: Path) -> None:
        """A contact's mistake is reported at its line of the organisation file."""
        broken = ORGANISATION.replace('"0295 463 999"', '"0295 463"')
        _, problems = read_release(folder(tmp_path, release_data(), broken))
        (problem,) = [p for p in problems if p.severity == "error"]
        assert (str(tmp_path / "organisation.toml"), 8, "contacts[0].phone") == (
            problem.file,
            problem.line,
            problem.path,
        )


class TestBoilerplate:
    def test_per_block_and_language(self, tmp_path: Path) -> None:
        """The file's wording replaces one block in one language; the others stay bundled."""
        release = nas_press.load_release(folder(tmp_path, release_data()))
        (tmp_path / "plain").mkdir()
        alone = tmp_path / "plain" / "release.toml"
        alone.write_text(to_toml(copy.deepcopy(minimal_release())), encoding="utf-8")
        plain = nas_press.load_release(alone)
        fi, bundled_fi = (nas_press.to_text(nas_press.render(r, "fi")) for r in (release, plain))
        assert "Maahanmuuttovirasto lyhyesti" in fi
        assert "Maahanmuuttovirasto lyhyesti" not in bundled_fi
        for lang in ("sv", "en"):
            assert (
                nas_press.to_text(nas_press.render(release, lang)).split("\n\n")[-4:]
                == (nas_press.to_text(nas_press.render(plain, lang)).split("\n\n")[-4:])
            )

    def test_named_file(self, tmp_path: Path) -> None:
        """``organisation = "…"`` under [release] names the file, beside the release."""
        (tmp_path / "org.toml").write_text(ORGANISATION, encoding="utf-8")
        path = tmp_path / "release.toml"
        path.write_text(to_toml(release_data(organisation="org.toml")), encoding="utf-8")
        assert ["Olli Uusi"] == [c.name for c in nas_press.load_release(path).contacts]

    def test_named_file_missing(self, tmp_path: Path) -> None:
        """A named file that is not there is an error naming the key."""
        path = tmp_path / "release.toml"
        path.write_text(to_toml(release_data(organisation="org.toml")), encoding="utf-8")
        _, problems = read_release(path)
        assert ["release.organisation"] == [p.path for p in problems if p.severity == "error"]


class TestErrors:
    @pytest.mark.parametrize(
        ("text", "path", "message", "line"),
        [
            (
                "[boilerplate.mirgi.fi]\nheading = 'X'\nparagraphs = ['Y.']\n",
                "boilerplate.mirgi",
                "unknown boilerplate block 'mirgi'; did you mean 'migri'?",
                1,
            ),
            (
                "[boilerplate.migri.fr]\nheading = 'X'\nparagraphs = ['Y.']\n",
                "boilerplate.migri.fr",
                "unknown language 'fr'",
                1,
            ),
            (
                "[boilerplate.migri.fi]\nparagraphs = ['Y.']\n",
                "boilerplate.migri.fi.heading",
                "missing",
                1,
            ),
            (
                "[boilerplate.migri.fi]\nheading = 'X'\n",
                "boilerplate.migri.fi",
                "a heading alone",
                1,
            ),
            (
                "[boilerplate.migri.fi]\nheading = 'X'\nparagraph = ['Y.']\n",
                "boilerplate.migri.fi.paragraph",
                "unknown key 'paragraph'; did you mean 'paragraphs'?",
                3,
            ),
            (
                "[boilerplate.migri.fi]\nheading = 'X'\nparagraphs = [\"a\\u000bb\"]\n",
                "boilerplate.migri.fi.paragraphs[0]",
                "text holds the control or invalid character U+000B at position 2",
                3,
            ),
            (
                "[[contact]]\nname = 'X'\n",
                "contact",
                "unknown key 'contact'; did you mean 'contacts'?",
                1,
            ),
            (
                "[[contacts]]\nname = 'X'\ntitle = {fi = 'a', sv = 'b', en = 'c'}\n"
                "phone = '0295 463 177'\nemail = 'x@migri.fi'\n[[contacts]]\nname = 'X'\n"
                "title = {fi = 'a', sv = 'b', en = 'c'}\nphone = '0295 463 177'\n"
                "email = 'x@migri.fi'\n",
                "contacts[1].name",
                "a second contact named 'X'",
                7,
            ),
        ],
    )
    def test_message(self, text: str, path: str, message: str, line: int) -> None:
        """Each mistake is one error naming the file, the key and the line."""
        organisation, problems = read_organisation(text, "org.toml")
        assert organisation is None
        first = next(p for p in problems if p.severity == "error")
        assert ("org.toml", path, line) == (first.file, first.path, first.line)
        assert first.message.startswith(message)

    def test_not_toml(self) -> None:
        """A syntax error names the organisation file."""
        _, problems = read_organisation("[[contacts]\n", "org.toml")
        assert ["org.toml"] == [p.file for p in problems]


class TestExample:
    def test_example_file(self) -> None:
        """The example organisation file holds the 2025 example's contacts: the release
        without its own contacts, using it, writes the same text."""
        import tomllib

        source = (EXAMPLES / "2025-h1.toml").read_text(encoding="utf-8")
        bare = source[: source.index("[[contacts]]")]
        organisation, problems = read_organisation(EXAMPLES / "organisation.example.toml")
        assert organisation is not None
        assert [] == problems
        with_file = nas_press.parse_release(
            bare, base=EXAMPLES, default_id="2025-h1", organisation=organisation
        )
        own = nas_press.load_release(EXAMPLES / "2025-h1.toml")
        assert tomllib.loads(source)["contacts"]
        for lang in LANGS:
            assert nas_press.to_text(nas_press.render(own, lang)) == nas_press.to_text(
                nas_press.render(with_file, lang)
            )


class TestUnusedContact:
    def test_checked_all_the_same(self, tmp_path: Path) -> None:
        """A contact the release does not take (its window has ended) is checked too, and a
        contact it takes is reported once, at its line of the organisation file."""
        broken = ORGANISATION.replace('"0295 463 111"', '"0295 46"').replace(
            '"0295 463 999"', '"0295 463"'
        )
        _, problems = read_release(folder(tmp_path, release_data(), broken))
        found = [(p.path, p.line) for p in problems if p.severity == "error"]
        assert [("contacts[0].phone", 8), ("contacts[1].phone", 16)] == found
