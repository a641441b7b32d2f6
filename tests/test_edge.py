"""Edge-case releases (tests/edge/): every one renders in every language, reads naturally
at 0, 1 and 2, and states the same figures in each language."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

import nas_press
from nas_press.checks.figures import figure_problems
from nas_press.plan import plan

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
        "corrected",
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
        """The DOCX of every edge case opens in python-docx and holds the plain text's
        paragraphs, the headline first after the dateline's lines."""
        import docx

        document = nas_press.render(nas_press.load_release(EDGE / f"{stem}.toml"), lang)
        opened = docx.Document(io.BytesIO(nas_press.docx_bytes(document)))
        paragraphs = [p.text for p in opened.paragraphs if p.text]
        top = set(document.dateline.lines()) if document.dateline is not None else set()
        rest = [p for p in paragraphs if not set(p.split("\n")) <= top]
        assert document.title == rest[0]
        for chunk in nas_press.to_text(document).split("\n\n"):
            if set(chunk.split("\n")) <= top or chunk == document.title:
                continue
            if "\n" not in chunk and not chunk.startswith("- ") and "<" not in chunk:
                assert chunk in paragraphs


@pytest.mark.parametrize(
    ("lang", "earlier"),
    [("fi", "vuotta aiemmin"), ("sv", "motsvarande period 2029"), ("en", "first half of 2029")],
)
def test_none_as_before_is_one_comparison(lang: str, earlier: str) -> None:
    """No referrals and no new clients, in this period and in the one compared: one sentence
    says both, and no sentence after it says the earlier period's admissions again."""
    text = edge_text("counts-0", lang)
    assert 1 == text.count(earlier), text
    (referrals,) = [
        s
        for s in plan(nas_press.load_release(EDGE / "counts-0.toml")).statements()
        if s.name == "referrals"
    ]
    assert referrals.figures.admitted_as_before is True  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("fi", "Pakkotyön uhreja oli Suomessa 45, kun"),
        (
            "sv",
            "Av dem som utnyttjats i Finland hade 45 varit offer för tvångsarbete, jämfört med 40",
        ),
        ("en", "For forced labour, the number of victims was 45, up from 40"),
    ],
)
def test_share_compared_as_count(lang: str, sentence: str) -> None:
    """A form said before as a share only ("Half of those exploited in Finland …") is compared
    with earlier counts by its count, which the comparison gives, naming the group: after a
    sentence of earlier figures only, a pronoun would point at those."""
    (history,) = [
        s
        for s in plan(nas_press.load_release(EDGE / "annual.toml")).statements()
        if s.name == "in_finland_history"
    ]
    rows = {row.form: row for row in history.figures.rows}  # type: ignore[attr-defined]
    assert rows["forced_labour"].new
    assert not rows[None].new
    assert sentence in edge_text("annual", lang)


class TestAgreement:
    @pytest.mark.parametrize(
        ("lang", "phrase"),
        [
            ("fi", "auttamisjärjestelmän piiriin hyväksyttiin yksi uusi asiakas."),
            ("fi", "Yksi hakemus odotti 30. kesäkuuta 2030 vielä ratkaisua."),
            ("fi", "Uusi asiakas oli pakkotyön uhri."),
            ("sv", "antogs en ny klient till hjälpsystemet för offer för människohandel."),
            ("sv", "väntade en ansökan fortfarande på beslut."),
            ("sv", "hade varit offer för tvångsarbete."),
            ("en", "(NAS) admitted one new client, who"),
            ("en", "one referral was still awaiting a decision."),
            ("en", "had been a victim of forced labour."),
        ],
    )
    def test_one(self, lang: str, phrase: str) -> None:
        """A count of one takes the singular."""
        assert phrase in edge_text("counts-1", lang)

    @pytest.mark.parametrize(
        ("lang", "phrase"),
        [
            ("fi", "auttamisjärjestelmän piiriin hyväksyttiin kaksi uutta asiakasta."),
            ("fi", "vielä kaksi hakemusta."),
            ("fi", "Molemmat uudet asiakkaat olivat pakkotyön uhreja."),
            ("sv", "antogs två nya klienter till hjälpsystemet för offer för människohandel."),
            ("sv", "väntade två ansökningar fortfarande på beslut."),
            ("sv", "Båda de nya klienterna hade varit offer för tvångsarbete."),
            ("en", "(NAS) admitted two new clients"),
            ("en", "two referrals were still awaiting a decision."),
            ("en", "Both new clients had been victims of forced labour."),
        ],
    )
    def test_two(self, lang: str, phrase: str) -> None:
        """A count of two takes the plural."""
        assert phrase in edge_text("counts-2", lang)
