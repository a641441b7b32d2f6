"""The generated statements over the sweep of sizes and shares (tests/sweep.py): each
case renders in every language without gaps, with the same figures in each and only
figures the release holds, says no proposition twice, and reads as the golden sweep
``tests/golden/sweep.<lang>.txt`` does."""

from __future__ import annotations

import functools
import itertools
import re

import pytest
from tests.conftest import GAPS, GOLDEN
from tests.sweep import SWEEP, body_text, releases, sweep_texts

import nas_press
from nas_press.checks.figures import figure_problems
from nas_press.plan import plan
from nas_press.plan.statements import names
from nas_press.plan.statements._common import wording
from nas_press.release.model import Period, PeriodKind

SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ–“”])")


@functools.cache
def cases() -> tuple[tuple[str, nas_press.Release], ...]:
    """Every case of the sweep, loaded once."""
    return tuple(releases())


def sentences(text: str) -> list[str]:
    """The sentences of a text, paragraph by paragraph."""
    return [s for paragraph in text.split("\n\n") for s in SENTENCE.split(paragraph) if s]


class TestSweep:
    def test_every_statement_is_swept(self) -> None:
        """Each statement of the registry has cases in the sweep, so a new statement
        cannot go unswept."""
        assert sorted(names()) == sorted(SWEEP)

    def test_no_gap_in_any_case(self, lang: str) -> None:
        """No case leaves a template value, an empty bracket or doubled punctuation."""
        found = []
        for title, release in cases():
            text = body_text(nas_press.render(release, lang)).replace("\xa0", " ")
            if not text:
                found.append((title, "no text"))
            elif (gap := GAPS.search(text)) is not None:
                found.append((title, text[max(0, gap.start() - 40) : gap.end() + 40]))
        assert [] == found

    def test_same_figures_in_every_language(self) -> None:
        """The figure check finds nothing in any case: every language states the same
        figures, and only figures the release holds."""
        found = [(title, p.message) for title, release in cases() for p in figure_problems(release)]
        assert [] == found

    def test_no_proposition_stated_twice(self) -> None:
        """Across the statements of a case, each figure is news once; a figure may recur
        only as the base of a share or a comparison."""
        found = []
        for title, release in cases():
            news = [
                stated.key
                for statement in plan(release).statements()
                for stated in statement.stated
                if stated.role == "news"
            ]
            if len(news) != len(set(news)):
                found.append((title, sorted({k for k in news if news.count(k) > 1})))
        assert [] == found

    def test_sentences_open_differently(self, lang: str) -> None:
        """No two consecutive sentences of a case open with the same two words."""
        found = []
        for title, release in cases():
            said = sentences(body_text(nas_press.render(release, lang)))
            for first, second in itertools.pairwise(said):
                if first.split()[:2] == second.split()[:2]:
                    found.append((title, first, second))
        assert [] == found

    def test_golden_sweep(self, lang: str) -> None:
        """The sweep reads as its golden file (tests/update_goldens.py writes it anew after
        a deliberate change; read its diff)."""
        expected = (GOLDEN / f"sweep.{lang}.txt").read_text("utf-8")
        assert expected == sweep_texts((lang,))[lang]


@pytest.mark.parametrize("statement", sorted(SWEEP))
def test_each_statement_says_something_in_its_cases(statement: str) -> None:
    """Every case of a statement gives it something to say: the plan leaves none out."""
    silent = [
        title
        for title, release in cases()
        if title.startswith(f"{statement}: ")
        for planned in plan(release).statements()
        if planned.name == statement and planned.figures is None
    ]
    assert [] == silent


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (Period(2022, PeriodKind.YEAR), "referrals"),
        (Period(2023, PeriodKind.FIRST_HALF), "referrals"),
        (Period(2023, PeriodKind.YEAR), "applications"),
        (Period(2024, PeriodKind.FIRST_HALF), "applications"),
    ],
)
def test_applications_from_the_annual_review_of_2023(period: Period, expected: str) -> None:
    """NAS counts applications from its statistics for the whole of 2023: the half-year
    review of 2023 still said people were referred."""
    assert expected == wording(period)
