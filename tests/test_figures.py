"""The cross-language figure check (nas_press.checks.figures)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests.conftest import EXAMPLE_STEMS, load_example

import nas_press
from nas_press._resources import data_dir
from nas_press.checks import figures as _figures
from nas_press.checks.figures import extract, figure_problems
from nas_press.realize import locale as _locale, templates as _templates

SAMPLES = {
    "fi": "Heitä oli 1\xa0588 (34\xa0%), eli 71\xa0prosenttia, 30. kesäkuuta 2025 ja "
    "31. heinäkuuta, puhelin 0295\xa0463\xa0177, viidessä kunnassa ja seitsemän muuta vuonna 2006.",
    "sv": "De var 1\xa0588 (34\xa0%), alltså 71\xa0procent, 30 juni 2025 och 31 juli, "
    "telefon 0295\xa0463\xa0177, i fem kommuner och sju andra år 2006.",
    "en": "There were 1,588 (34%), that is 71\xa0per cent, 30 June 2025 and 31 July, "
    "phone 0295\xa0463\xa0177, in five municipalities and seven others in 2006.",
}
EXPECTED = {
    "n:1588",
    "percent:34",
    "percent:71",
    "date:2025-06-30",
    "date:--07-31",
    "phone:+358295463177",
    "n:5",
    "n:7",
    "year:2006",
}


class TestExtract:
    def test_every_kind(self, lang: str) -> None:
        """Counts, percentages, dates, phones, years and spelled-out numbers are read back."""
        assert EXPECTED == {f.value for f in extract(SAMPLES[lang], lang)}

    def test_international_phone(self) -> None:
        """+358 numbers are the same figure as the domestic form."""
        assert ["phone:+358295463177"] == [
            f.value for f in extract("Soita +358 295 463 177.", "fi")
        ]

    @pytest.mark.parametrize(
        ("lang", "text"),
        [
            ("fi", "Heitä oli 1\xa0000\xa0000, eli 100\xa0000\xa0000\xa0prosenttia enemmän."),
            ("sv", "De var 1\xa0000\xa0000, alltså 100\xa0000\xa0000\xa0procent fler."),
            ("en", "There were 1,000,000, that is 100,000,000% more."),
        ],
    )
    def test_millions_are_numbers_not_phones(self, lang: str, text: str) -> None:
        """A number of three groups (1 000 000) is one number, not a number and a phone."""
        assert ["percent:100000000", "n:1000000"] == [f.value for f in extract(text, lang)]

    def test_largest_figures_agree(self, make_release: Callable[..., nas_press.Release]) -> None:
        """The largest count and rise a release may hold state the same figures everywhere."""

        def change(data: dict[str, object]) -> None:
            statistics = data["statistics"]
            assert isinstance(statistics, dict)
            statistics["referrals"] = {
                "count": 1_000_000,
                "change": {"year": 2029, "percent": 100_000_000},
            }
            data["body"] = [{"statement": "referrals"}]

        assert [] == figure_problems(make_release(change))

    def test_sentence_is_kept(self) -> None:
        """Each figure knows the sentence it stands in."""
        (figure,) = extract("First one. Then 42 people came.", "en")
        assert "Then 42 people came." == figure.sentence


class TestExamples:
    @pytest.mark.parametrize("stem", EXAMPLE_STEMS)
    def test_examples_agree(self, stem: str) -> None:
        """Both examples state the same figures in every language, all of them from the model."""
        assert [] == figure_problems(load_example(stem))

    def test_edited_release_agrees(self, make_release: Callable[..., nas_press.Release]) -> None:
        """The small test release, with every statement, agrees too."""
        assert [] == figure_problems(make_release())


@pytest.fixture
def private_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Private copies of templates/ and locales/ that the renderer uses instead."""
    for name in ("templates", "locales"):
        shutil.copytree(data_dir(name), tmp_path / name)
    monkeypatch.setattr(_templates, "data_dir", lambda name: tmp_path / name)
    monkeypatch.setattr(_locale, "data_dir", lambda name: tmp_path / name)
    caches = (_templates.environment, _locale.locale_data, _locale.formatter, _figures._patterns)
    for cache in caches:
        cache.cache_clear()
    yield tmp_path
    for cache in caches:
        cache.cache_clear()


class TestMismatch:
    def test_template_drops_a_figure(self, private_data: Path) -> None:
        """A template that leaves out a figure in one language is caught, with its sentence."""
        path = private_data / "templates" / "en" / "statements" / "referrals.j2"
        path.write_text(
            path.read_text("utf-8").replace("{{ ch.percent|percent_words }}", "much"), "utf-8"
        )
        problems = figure_problems(load_example("2025-h1"))
        messages = [p.message for p in problems]
        assert "fi states 19 % but en does not" in messages
        assert all(p.path == "body[0]" for p in problems)
        assert any("185" in p.expected for p in problems)

    def test_template_adds_a_figure(self, private_data: Path) -> None:
        """A figure typed into one template is caught as not in the model, too."""
        path = private_data / "templates" / "sv" / "statements" / "register.j2"
        path.write_text(path.read_text("utf-8") + "\nHela 17 personer.\n", "utf-8")
        messages = [p.message for p in figure_problems(load_example("2025-h1"))]
        assert "sv states the number 17 but fi does not" in messages
        assert "sv states the number 17, which the release does not hold" in messages

    def test_locale_file_mistypes_a_figure(self, private_data: Path) -> None:
        """A mistyped phone number in one language's boilerplate is caught."""
        path = private_data / "locales" / "fi" / "boilerplate.toml"
        text = path.read_text("utf-8")
        assert "0295\\u00a0463\\u00a0177" in text
        path.write_text(
            text.replace("0295\\u00a0463\\u00a0177", "0295\\u00a0463\\u00a0171"), "utf-8"
        )
        messages = [p.message for p in figure_problems(load_example("2025-h1"))]
        assert "fi states the phone number +358295463171 but sv does not" in messages
        assert "en states the phone number +358295463177 but fi does not" in messages


ORDINARY = {
    "fi": "Määrä oli kaksi kertaa suurempi kuin vuotta aiemmin ja hakemuksia kymmenkertainen "
    "määrä. Joka viides uhri oli alaikäinen ajalla 1.1.–31.12.2024.",
    "sv": "Antalet var dubbelt så stort som ett år tidigare och ansökningarna tio gånger fler. "
    "Vart femte offer, som hade tvingats att köpa sex, var minderårigt 1.1.–31.12.2024.",
    "en": "The number was twice as high as a year earlier and the referrals ten times as many. "
    "One in five victims was a minor from 1.1.–31.12.2024.",
}
"""One authored paragraph in ordinary phrasing: multiples, "one in N", a numeric date range, and
a Swedish word that looks like a number."""


class TestOrdinaryPhrasing:
    @pytest.mark.parametrize(
        ("lang", "text", "values"),
        [
            ("fi", "Määrä oli kaksi kertaa suurempi.", ["times:2"]),
            ("fi", "Määrä oli kymmenkertainen.", ["times:10"]),
            ("fi", "Joka viides uhri oli alaikäinen.", ["every:5"]),
            ("sv", "Antalet var dubbelt så stort.", ["times:2"]),
            ("sv", "Antalet var tio gånger större.", ["times:10"]),
            ("sv", "Vart femte offer var minderårigt.", ["every:5"]),
            ("sv", "De hade tvingats att köpa sex.", []),
            ("sv", "Sex av dem var kvinnor.", ["n:6"]),
            ("sv", "2 var andra former av människohandel.", ["n:2"]),
            ("en", "The number was twice as high.", ["times:2"]),
            ("en", "The number was ten times higher.", ["times:10"]),
            ("en", "One in five victims was a minor.", ["every:5"]),
            ("fi", "Ajalla 1.1.–31.12.2024.", ["date:2024-01-01", "date:2024-12-31"]),
        ],
    )
    def test_phrase_is_read(self, lang: str, text: str, values: list[str]) -> None:
        """Each ordinary phrasing is read as the figure it states, and "köpa sex" as none."""
        assert values == [f.value for f in extract(text, lang)]

    def test_ordinary_paragraph_is_accepted(
        self, make_release: Callable[..., nas_press.Release]
    ) -> None:
        """A correct authored paragraph in ordinary phrasing passes the check."""

        def change(data: dict[str, object]) -> None:
            data["body"] = [{"paragraph": dict(ORDINARY)}]

        assert [] == figure_problems(make_release(change))

    def test_a_different_multiple_is_caught(
        self, make_release: Callable[..., nas_press.Release]
    ) -> None:
        """The same paragraph with "three times" in English only is refused, naming both."""

        def change(data: dict[str, object]) -> None:
            texts = dict(ORDINARY)
            texts["en"] = texts["en"].replace("twice", "three times")
            data["body"] = [{"paragraph": texts}]

        messages = [p.message for p in figure_problems(make_release(change))]
        assert any("3" in m and "en" in m for m in messages), messages
        assert any("2" in m and "en does not" in m for m in messages), messages


class TestRelativePeriods:
    @pytest.mark.parametrize(
        ("lang", "text", "values"),
        [
            ("fi", "Määrä oli suurempi kuin vuotta aiemmin.", ["year:2024"]),
            ("fi", "Edellisvuonna hakemuksia oli enemmän.", ["year:2024"]),
            ("fi", "Kesäkuun lopussa palvelujen piirissä oli 12 henkilöä.", ["year:2025", "n:12"]),
            ("fi", "Uusia hakemuksia kirjattiin samana aikana 185.", ["year:2025", "n:185"]),
            (
                "fi",
                "Kolme vuotta aiemmin, vuonna 2022, ohjattuja oli 75.",
                ["year:2022", "year:2022", "n:75"],
            ),
            ("fi", "Se oli neljä vuotta aiemmin.", ["year:2021"]),
            ("fi", "Se oli viisi vuotta aiemmin.", ["year:2020"]),
            ("sv", "Antalet var större än året innan.", ["year:2024"]),
            ("sv", "I slutet av juni 2024 var de 12.", ["year:2024", "n:12"]),
            ("sv", "Under samma period tog hjälpsystemet emot 185.", ["year:2025", "n:185"]),
            ("sv", "Under samma år antogs 80.", ["year:2025", "n:80"]),
            (
                "sv",
                "Tre år tidigare, år 2022, hänvisades 75 personer.",
                ["year:2022", "year:2022", "n:75"],
            ),
            ("en", "The number was higher than a year earlier.", ["year:2024"]),
            ("en", "It was two years earlier.", ["year:2023"]),
            (
                "en",
                "Three years earlier, in 2022, 75 were referred.",
                ["year:2022", "year:2022", "n:75"],
            ),
            ("en", "It was four years earlier.", ["year:2021"]),
            ("en", "It was five years earlier.", ["year:2020"]),
            ("en", "During the same period, the NAS registered 185.", ["year:2025", "n:185"]),
            ("en", "At the end of June 2024, 12 people.", ["year:2024", "n:12"]),
            ("en", "In that period, 55 new clients were admitted.", ["year:2024", "n:55"]),
        ],
    )
    def test_phrase_is_its_year(self, lang: str, text: str, values: list[str]) -> None:
        """A period phrase without a year is read as the year it stands for in a 2025
        release; followed by a year, only that year is read."""
        assert values == [f.value for f in extract(text, lang, year=2025)]

    def test_after_a_date(self) -> None:
        """A date before a relative phrase leaves the release's year as it is: the phrase
        after "30 June 2025" is still read as 2024."""
        text = "On 30 June 2025, 12 were waiting. A year earlier, 10 were."
        assert "year:2024" in [f.value for f in extract(text, "en", year=2025)]

    def test_without_the_period_no_year_is_read(self) -> None:
        """Outside a release (no year given) a relative phrase states no figure."""
        assert [] == extract("The number was higher than a year earlier.", "en")

    def test_relative_and_named_years_agree(
        self, make_release: Callable[..., nas_press.Release]
    ) -> None:
        """One language may write "a year earlier" where another names the year, and a
        different year is still caught."""
        texts = {
            "fi": "Hakemuksia oli enemmän kuin vuotta aiemmin.",
            "sv": "Ansökningarna var fler än 2029.",
            "en": "There were more referrals than in 2029.",
        }

        def change(data: dict[str, object]) -> None:
            data["body"] = [{"paragraph": dict(texts)}]

        assert [] == figure_problems(make_release(change))
        texts["en"] = "There were more referrals than two years earlier."
        messages = [p.message for p in figure_problems(make_release(change))]
        assert "en states the year 2028 but fi does not" in messages, messages
