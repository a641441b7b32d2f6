"""Releases of real NAS periods (tests/periods/): their figures and terms are those the
organisation published for 2017-2024, their statistics history one file beside them.
Each loads, states the same figures in every language, says no proposition twice, and
reads as its golden text ``tests/golden/periods/<id>.<lang>.txt``."""

from __future__ import annotations

import functools
import itertools
from pathlib import Path

import pytest
from tests.conftest import GAPS, GOLDEN, LANGS
from tests.test_statements import sentences

import nas_press
from nas_press.checks.figures import figure_problems
from nas_press.plan import plan

PERIODS = Path(__file__).resolve().parent / "periods"
IDS = tuple(sorted(p.stem for p in PERIODS.glob("20*.toml")))


@functools.cache
def release(name: str) -> nas_press.Release:
    """A period's release, loaded once (with the history.toml beside it)."""
    return nas_press.load_release(PERIODS / f"{name}.toml")


def period_texts(name: str) -> dict[str, str]:
    """Every language version of a period's release as text."""
    found = release(name)
    return {lang: nas_press.to_text(nas_press.render(found, lang)) for lang in found.languages}


@pytest.fixture(params=IDS)
def period(request: pytest.FixtureRequest) -> str:
    """Each period's release in turn."""
    return str(request.param)


class TestPeriods:
    def test_every_period_is_a_release_in_three_languages(self, period: str) -> None:
        """The release loads with no error and is written in Finnish, Swedish and English."""
        assert LANGS == release(period).languages

    def test_no_gap(self, period: str) -> None:
        """No language version leaves a template value or doubled punctuation."""
        found = {
            lang: gap.group(0)
            for lang, text in period_texts(period).items()
            if (gap := GAPS.search(text.replace("\xa0", " ").replace("24/7", "247")))
        }
        assert {} == found

    def test_same_figures_in_every_language(self, period: str) -> None:
        """The figure check finds nothing."""
        assert [] == [p.describe() for p in figure_problems(release(period))]

    def test_no_proposition_stated_twice(self, period: str) -> None:
        """Each figure is news once in the release."""
        news = [
            stated.key
            for statement in plan(release(period)).statements()
            for stated in statement.stated
            if stated.role == "news"
        ]
        assert [] == sorted({key for key in news if news.count(key) > 1})

    def test_sentences_open_differently(self, period: str, lang: str) -> None:
        """No two consecutive sentences open with the same two words."""
        said = sentences(period_texts(period)[lang])
        same = [
            (first, second)
            for first, second in itertools.pairwise(said)
            if first.split()[:2] == second.split()[:2] and len(first.split()) > 3
        ]
        assert [] == same

    def test_golden_text(self, period: str, lang: str) -> None:
        """The text reads as its golden file (tests/update_goldens.py writes it anew)."""
        expected = (GOLDEN / "periods" / f"{period}.{lang}.txt").read_text("utf-8")
        assert expected == period_texts(period)[lang]


def test_the_periods_span_the_years() -> None:
    """The periods reach from 2017 to 2024, first halves and whole years."""
    assert {"2017-year", "2020-h1", "2022-year", "2023-h1", "2024-year"} <= set(IDS)
