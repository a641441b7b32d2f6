"""Edge-case releases (tests/edge/): every one renders in every language, reads naturally
at 0, 1 and 2, and states the same figures in each language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import nas_press
from nas_press.checks.figures import figure_problems

EDGE = Path(__file__).resolve().parent / "edge"
CASES = sorted(p.stem for p in EDGE.glob("*.toml"))

# A zero stated as a number of people reads badly in any of the three languages; Finnish
# "määrä oli nolla" (the number was zero) is how Finnish states a zero in a comparison.
AWKWARD_ZERO = re.compile(
    r"(?<![\d,.\xa0])0(?![\d,.\xa0%])|\b(zero|(?<!oli )nolla|noll)\b", re.IGNORECASE
)


def edge_text(stem: str, lang: str) -> str:
    """The plain text of one edge-case release in one language."""
    return nas_press.to_text(nas_press.render(nas_press.load_release(EDGE / f"{stem}.toml"), lang))


def test_cases_exist() -> None:
    """The edge cases the language checks run on are all here."""
    assert [
        "annual",
        "counts-0",
        "counts-1",
        "counts-2",
        "decrease",
        "large",
        "no-earlier",
        "shares",
    ] == CASES


@pytest.mark.parametrize("stem", CASES)
class TestEdgeCase:
    def test_figures_agree(self, stem: str) -> None:
        """The three language versions state the same figures, all from the model."""
        assert [] == figure_problems(nas_press.load_release(EDGE / f"{stem}.toml"))

    def test_no_awkward_zero(self, stem: str, lang: str) -> None:
        """No statement says '0 people' or 'zero': a zero is written as the language says it."""
        text = edge_text(stem, lang).replace("24/7", "")
        found = AWKWARD_ZERO.search(text)
        assert found is None, text[max(0, found.start() - 80) : found.end() + 40]  # type: ignore[union-attr]

    def test_docx_renders(self, stem: str, lang: str) -> None:
        """The DOCX of every edge case is produced (its content is checked by LibreOffice)."""
        release = nas_press.load_release(EDGE / f"{stem}.toml")
        assert nas_press.docx_bytes(nas_press.render(release, lang)).startswith(b"PK")


class TestAgreement:
    @pytest.mark.parametrize(
        ("lang", "phrase"),
        [
            ("fi", "auttamisjärjestelmän uudeksi asiakkaaksi otettiin yksi henkilö"),
            ("fi", "vielä yksi esitys asiakkaaksi ottamisesta"),
            ("fi", "Tammi–kesäkuussa 2030 Suomessa tunnistettiin 1 pakkotyön uhri"),
            ("sv", "togs en person in i hjälpsystemet som ny klient"),
            ("sv", "ännu inte fattats om en hänvisning"),
            ("sv", "identifierades i Finland 1 offer för tvångsarbete"),
            ("en", "one person was admitted to the Assistance System as a new client"),
            ("en", "A decision on one referral was still pending"),
            ("en", "1 victim of forced labour was identified in Finland"),
        ],
    )
    def test_one(self, lang: str, phrase: str) -> None:
        """A count of one takes the singular."""
        assert phrase in edge_text("counts-1", lang)

    @pytest.mark.parametrize(
        ("lang", "phrase"),
        [
            ("fi", "auttamisjärjestelmän uusiksi asiakkaiksi otettiin kaksi henkilöä"),
            ("fi", "Uusien asiakkaiden joukossa oli 2 pakkotyön uhria"),
            ("sv", "togs två personer in i hjälpsystemet som nya klienter"),
            ("sv", "Bland de nya klienterna fanns 2 offer för tvångsarbete"),
            ("en", "two people were admitted to the Assistance System as new clients"),
            ("en", "Decisions on two referrals were still pending"),
            ("en", "The new clients included 2 victims of forced labour"),
        ],
    )
    def test_two(self, lang: str, phrase: str) -> None:
        """A count of two takes the plural."""
        assert phrase in edge_text("counts-2", lang)
