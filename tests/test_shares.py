"""Shares, rounding, changes and vague shares (nas_press.plan.numbers)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from nas_press.plan.forms import FormFigure, distinct, grouped
from nas_press.plan.numbers import Change, Share, Vague, round_half_up, vague


class TestRounding:
    def test_half_rounds_up(self) -> None:
        """34.5 % is 35 %, not Babel's half-to-even 34 %."""
        assert round_half_up(Fraction(345, 10)) == 35

    def test_negative_half_rounds_away_from_zero(self) -> None:
        """-2.5 rounds to -3."""
        assert round_half_up(Fraction(-5, 2)) == -3

    def test_below_half_rounds_down(self) -> None:
        """30.68 % (27 of 88) is 31 %; 27.27 % (24 of 88) is 27 %."""
        assert (Share(27, 88).percent, Share(24, 88).percent) == (31, 27)

    @pytest.mark.parametrize(
        ("count", "total", "expected"),
        [
            (0, 5, 0),
            (1, 1, 100),
            (1, 2, 50),
            (5, 21, 24),
            (21, 1588, 1),
            (1588, 10000, 16),
            (1, 10000, 0),
            (0, 0, 0),
        ],
    )
    def test_percent(self, count: int, total: int, expected: int) -> None:
        """Percentages of the reference counts, including an empty total."""
        assert expected == Share(count, total).percent


class TestVague:
    @pytest.mark.parametrize(
        ("count", "total", "expected"),
        [
            (21, 42, Vague("half", "exact")),
            (22, 42, Vague("half", "about")),
            (9, 42, Vague("fifth", "about")),
            (8, 42, Vague("fifth", "about")),
            (18, 76, Vague("quarter", "almost")),
            (880, 1323, Vague("two_thirds", "about")),
            (36, 100, Vague("third", "over")),
            (1, 2, Vague("half", "exact")),
            (1, 5, Vague("fifth", "exact")),
        ],
    )
    def test_phrases(self, count: int, total: int, expected: Vague) -> None:
        """The nearest fraction and its qualifier follow the documented thresholds."""
        assert expected == vague(count, total)

    @pytest.mark.parametrize(("count", "total"), [(0, 10), (10, 10), (5, 0), (43, 100), (59, 100)])
    def test_none_when_no_fraction_is_close(self, count: int, total: int) -> None:
        """0 %, 100 %, an empty total and shares far from every fraction get no phrase."""
        assert vague(count, total) is None

    def test_threshold_edges(self) -> None:
        """1 point below is still 'about', more is 'almost'; 2.5 above is 'about', more 'over'."""
        assert Vague("fifth", "about") == vague(19, 100)
        assert Vague("fifth", "almost") == vague(189, 1000)
        assert Vague("fifth", "about") == vague(225, 1000)
        assert Vague("quarter", "almost") == vague(226, 1000)
        assert Vague("third", "about") == vague(35, 100)
        assert Vague("third", "over") == vague(37, 100)
        assert vague(38, 100) is None


class TestChange:
    def test_from_counts(self) -> None:
        """115 referrals against 88 is 31 % more."""
        assert Change(2017, 115, 88, 31, "up") == Change.from_counts(2017, 115, 88)

    def test_fall(self) -> None:
        """A fall keeps the size positive and says 'down'."""
        assert Change(2024, 80, 100, 20, "down") == Change.from_counts(2024, 80, 100)

    def test_from_zero(self) -> None:
        """A rise from 0 has no percentage."""
        assert Change(2024, 5, 0, None, "up") == Change.from_counts(2024, 5, 0)

    def test_from_percent(self) -> None:
        """A published change keeps its size; the earlier count is unknown."""
        assert Change(2024, 185, None, 19, "up") == Change.from_percent(2024, 185, 19)
        assert Change(2024, 185, None, 7, "down") == Change.from_percent(2024, 185, -7)


class TestGroupedForms:
    """Forms of one sentence that share a vague phrase (nas_press.plan.forms)."""

    @staticmethod
    def figures(*counts: int, total: int = 100) -> tuple[FormFigure, ...]:
        names = ("forced_labour", "forced_marriage", "sexual_exploitation")
        return tuple(FormFigure(n, Share(c, total)) for n, c in zip(names, counts, strict=False))

    def test_exact_and_about_one_fraction_join_as_about(self) -> None:
        """An exact fifth and about a fifth are "about a fifth each", not "about a fifth and
        a fifth"."""
        groups = grouped(self.figures(50, 21, 20))
        assert [1, 2] == [len(g.forms) for g in groups]
        assert Vague("fifth", "about") == groups[1].vague
        assert distinct(groups)

    def test_one_fraction_twice_is_not_distinct(self) -> None:
        """Just over a quarter and almost a quarter in one sentence: not distinct, so the
        statement gives percentages."""
        groups = grouped(self.figures(48, 29, 24))
        assert [1, 1, 1] == [len(g.forms) for g in groups]
        assert not distinct(groups)

    def test_same_phrase_kept(self) -> None:
        """Forms of the same phrase keep it, qualifier and all."""
        groups = grouped(self.figures(50, 25, 25))
        assert Vague("quarter", "exact") == groups[1].vague
