"""Realizing a plan in each language (nas_press.realize): templates, paragraphs, spans, quotations.

What the statements say, in every language and for every count, is tested in
tests/test_statements.py.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import ROOT, texts

import nas_press
from nas_press._resources import data_dir
from nas_press.realize import realize as _realize, templates as _templates


@pytest.fixture
def templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private copy of the templates that the renderer uses instead of the real ones."""
    copy = tmp_path / "templates"
    shutil.copytree(data_dir("templates"), copy)
    real = _templates.data_dir
    monkeypatch.setattr(
        _templates, "data_dir", lambda name: copy if name == "templates" else real(name)
    )
    _templates.environment.cache_clear()
    yield copy
    _templates.environment.cache_clear()


class TestTemplates:
    def test_undefined_value_fails_loudly(
        self, templates: Path, make_release: Callable[..., nas_press.Release]
    ) -> None:
        """A template using a value the release lacks fails with the template's name and line."""
        path = templates / "en" / "statements" / "register.j2"
        path.write_text("First line.\n{{ s.no_such_figure }} people.\n", "utf-8")
        with pytest.raises(nas_press.TemplateError) as info:
            nas_press.render(make_release(), "en")
        assert "templates/en/statements/register.j2" == info.value.template
        assert 2 == info.value.line
        assert "no_such_figure" in str(info.value)

    def test_sandbox(self, templates: Path, make_release: Callable[..., nas_press.Release]) -> None:
        """A template cannot reach Python internals."""
        path = templates / "en" / "statements" / "register.j2"
        path.write_text("{{ s.__class__.__mro__[1].__subclasses__() }}\n", "utf-8")
        with pytest.raises(nas_press.TemplateError, match=r"register\.j2"):
            nas_press.render(make_release(), "en")

    def test_syntax_error(
        self, templates: Path, make_release: Callable[..., nas_press.Release]
    ) -> None:
        """A broken template names its line."""
        (templates / "en" / "quote.j2").write_text("ok\n{% if %}\n", "utf-8")

        def with_quote(data: dict[str, Any]) -> None:
            data["body"].append(
                {"quote": {"speaker": "X", "title": data["headline"], "text": data["lead"]}}
            )

        with pytest.raises(nas_press.TemplateError) as info:
            nas_press.render(make_release(with_quote), "en")
        assert 2 == info.value.line


class TestParagraphs:
    def test_folding(self) -> None:
        """Single newlines fold to spaces, blank lines split paragraphs, no-break spaces stay."""
        text = "One\n  two ,\tthree\xa0%.\n\n\nFour .\n"
        assert ["One two, three\xa0%.", "Four."] == _realize.paragraphs(text)

    def test_links(self) -> None:
        """[text](url) becomes a Link."""
        assert (
            "See ",
            nas_press.document.Link("x.fi", "https://x.fi"),
            ".",
        ) == _realize.parse_inlines("See [x.fi](https://x.fi).")


class TestSpans:
    def test_authored_texts_are_marked(
        self, make_release: Callable[..., nas_press.Release]
    ) -> None:
        """The lead, each authored paragraph and each contact title is a Span of its key."""
        document = nas_press.render(make_release(), "en")
        keys = [
            piece.key
            for block in document.blocks
            for content in nas_press.document.contents(block)
            for piece in content
            if isinstance(piece, nas_press.document.Span)
        ]
        assert ["lead", "contacts[0].title"] == keys

    @pytest.mark.parametrize(
        ("style", "lang", "expected"),
        [
            ("dash", "fi", "– Luvut kasvavat, kertoo johtaja Anna Esimerkki."),
            ("marks", "fi", "”Luvut kasvavat”, sanoo johtaja Anna Esimerkki."),
            ("dash", "sv", "– Siffrorna växer, säger Anna Esimerkki, direktör."),
            ("marks", "sv", "”Siffrorna växer”, säger Anna Esimerkki, direktör."),
            ("dash", "en", "“The figures are growing,” says Anna Esimerkki, Director."),
        ],
    )
    def test_quotation_style(
        self,
        make_release: Callable[..., nas_press.Release],
        style: str,
        lang: str,
        expected: str,
    ) -> None:
        """Finnish and Swedish quotations open with a dash by default, or stand in quotation
        marks; English always uses quotation marks. The closing full stop gives way to the
        attribution and is kept as the span's dropped text."""

        def change(data: dict[str, Any]) -> None:
            data["release"]["quotation"] = style
            data["body"] = [
                {
                    "quote": {
                        "speaker": "Anna Esimerkki",
                        "title": texts("johtaja", "direktör", "Director"),
                        "text": texts(
                            "Luvut kasvavat.", "Siffrorna växer.", "The figures are growing."
                        ),
                    }
                }
            ]

        document = nas_press.render(make_release(change), lang)
        quote = next(b for b in document.blocks if isinstance(b, nas_press.document.Quote))
        assert expected == nas_press.document.plain(quote.content)
        text = next(p for p in quote.content if isinstance(p, nas_press.document.Span))
        assert ("body[0].quote.text", ".") == (text.key, text.dropped)

    @pytest.mark.parametrize(
        ("lang", "expected"), [("fi", "– Miksi? kertoo"), ("en", "“Why?” says")]
    )
    def test_question_keeps_its_mark(
        self, make_release: Callable[..., nas_press.Release], lang: str, expected: str
    ) -> None:
        """A quotation ending in a question mark keeps it, with no comma after it."""

        def change(data: dict[str, Any]) -> None:
            data["body"] = [
                {
                    "quote": {
                        "speaker": "X Y",
                        "title": texts("johtaja", "direktör", "Director"),
                        "text": texts("Miksi?", "Varför?", "Why?"),
                    }
                }
            ]

        text = nas_press.to_text(nas_press.render(make_release(change), lang))
        assert expected in text


class TestPhone:
    @pytest.mark.parametrize(
        ("number", "expected"),
        [
            ("0295 463 242", "+358295463242"),
            ("040 123 4567", "+358401234567"),
            ("+358 29 546 3242", "+358295463242"),
            ("+46 8 123 456 78", "+46812345678"),
        ],
    )
    def test_e164(self, number: str, expected: str) -> None:
        """A Finnish number gets the country code in place of its 0; an international one
        keeps its own; separators go."""
        assert expected == _realize.e164(number)


FULL = "the National Assistance System for Victims of Human Trafficking"


class TestFirstMention:
    """The first mention of the NAS in generated English text gives its full name, unless an
    authored text before it did (the headline does not count)."""

    @staticmethod
    def english(make_release: Callable[..., nas_press.Release], **changes: Any) -> str:
        def change(data: dict[str, Any]) -> None:
            data["body"] = [{"statement": "summary"}, {"statement": "referrals"}]
            data["release"]["boilerplate"] = ["facts"]
            for key, value in changes.items():
                if key == "year":
                    data["period"]["year"] = value
                    data["release"]["published"] = data["release"]["published"].replace(year=value)
                    data["history"] = {}
                else:
                    data[key] = value

        return nas_press.to_text(nas_press.render(make_release(change), "en"))

    def test_full_name_once(self, make_release: Callable[..., nas_press.Release]) -> None:
        """The first generated mention has the full name and the abbreviation, the later
        ones the short name."""
        text = self.english(make_release)
        assert 1 == text.count(f"{FULL} (NAS) admitted")
        assert text.index(f"{FULL} (NAS)") < text.index("registered with the NAS")

    def test_known_from_the_lead(self, make_release: Callable[..., nas_press.Release]) -> None:
        """A lead that introduced the abbreviation leaves the generated text as it is."""
        lead = texts("Ingressi.", "Ingress.", f"News from {FULL} (NAS).")
        text = self.english(make_release, lead=lead)
        assert f"{FULL} (NAS) admitted" not in text
        assert "the NAS admitted" in text

    def test_era_name(self, make_release: Callable[..., nas_press.Release]) -> None:
        """A release of a period before 2021 says "the Assistance System", in the facts box too,
        and its first generated mention is the full name without an abbreviation."""
        text = self.english(make_release, year=2018)
        assert f"{FULL} admitted" in text
        assert "The Assistance System operates as part of" in text
        assert "The NAS" not in text

    @pytest.mark.parametrize(
        ("lang", "full"),
        [("fi", "ihmiskaupan uhrien auttamisjärjestelmä"), ("sv", "hjälpsystemet för offer för")],
    )
    def test_finnish_and_swedish(
        self, make_release: Callable[..., nas_press.Release], lang: str, full: str
    ) -> None:
        """Finnish and Swedish give the full name at the first generated mention too: the
        inflected Finnish name keeps its ending ("… auttamisjärjestelmään")."""

        def change(data: dict[str, Any]) -> None:
            data.pop("lead", None)
            data["body"] = [{"statement": "summary"}, {"statement": "referrals"}]
            data["release"]["boilerplate"] = []

        text = nas_press.to_text(nas_press.render(make_release(change), lang))
        heading = {"fi": "Lisätietoja:", "sv": "Mer information:"}[lang]
        body = text.split("\n\n", 2)[2].split(heading)[0]  # after the dateline and headline
        assert 1 == body.lower().count(full)
        if lang == "fi":
            assert re.search(r"ihmiskaupan uhrien auttamisjärjestelmä\w+", body)

    def test_headline_does_not_introduce(
        self, make_release: Callable[..., nas_press.Release]
    ) -> None:
        """A headline that names the NAS in full does not spare the body its full name."""
        headline = texts("Otsikko", "Rubrik", f"Statistics of {FULL} (NAS)")
        text = self.english(make_release, headline=headline)
        body = text.split("\n\n", 2)[2]
        assert f"{FULL} (NAS) admitted" in body


class TestAlikeOpenings:
    def test_same_group_in_another_case(self) -> None:
        """The same group named in another case opens alike in Finnish; other words do not."""
        opening = _realize.opening
        assert opening("Uusista asiakkaista 42 oli …", "fi") == opening(
            "Uudet asiakkaat olivat", "fi"
        )
        assert opening("Uusista asiakkaista 42 oli …") != opening("Uudet asiakkaat olivat")
        assert opening("Suomessa oli joutunut …", "fi") != opening("Uudet asiakkaat …", "fi")

    def test_a_first_word_alone(self) -> None:
        """In Swedish "Av" and in English "Of" open alike whatever follows them; in Finnish
        "Heistä" does not (locales `[openings] first_word`)."""
        opening = _realize.opening
        assert opening("Av de nya klienterna hade 42 …", "sv") == opening("Av dem var 71 …", "sv")
        assert opening("Of the new clients, 42 …", "en") == opening("Of these, 60 per cent", "en")
        assert opening("Heistä 42 oli …", "fi") != opening("Heistä oli 71 …", "fi")

    def test_varied_after_the_group_named(self) -> None:
        """In 2023 the new clients' nationalities open with the group, and the places
        sentence two sentences later takes its other word order: a share as a share, with no
        "Kaikkiaan" before a percentage."""
        release = nas_press.load_release(ROOT / "tests" / "periods" / "2023-year.toml")
        text = nas_press.to_text(nas_press.render(release, "fi")).replace("\xa0", " ")
        assert "Uudet asiakkaat edustivat 35 eri kansalaisuutta." in text
        assert "Suomessa hyväksikäytettyjen osuus uusista asiakkaista oli 64 prosenttia." in text
        assert "Kaikkiaan 64" not in text
