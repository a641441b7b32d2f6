"""Swedish grammar and house style over every rendered Swedish text (tests/grammar.py):
en/ett with the nouns the releases use, agreement after numbers ("1 person", "2
personer"), the definite form after "av de", the per cent rule, no sentence opening
with a digit, no two consecutive sentences opening alike."""

from __future__ import annotations

import pytest
from tests.grammar import (
    SV_RULES,
    apply,
    corpus,
    openings_of,
    percent_sign,
    same_openings,
    starts_with_digit,
    sv_agreement,
    sv_article,
    sv_definite,
)

procent = percent_sign("procent")


class TestRulesFail:
    """Each rule finds what it is for in a sentence broken on purpose, and nothing in the
    same sentence put right."""

    @pytest.mark.parametrize(
        ("rule", "broken", "right"),
        [
            (
                sv_agreement,
                "Då omfattades 1 personer av tjänsterna.",
                "Då omfattades 1 person av tjänsterna.",
            ),
            (
                sv_agreement,
                "Till hjälpsystemet antogs två ny klient.",
                "Till hjälpsystemet antogs två nya klienter.",
            ),
            (
                sv_agreement,
                "Sammanlagt var 21 nationalitet företrädda.",
                "Sammanlagt var 21 nationaliteter företrädda.",
            ),
            (
                sv_agreement,
                "Hjälpsystemet tog emot en nya ansökningar.",
                "Hjälpsystemet tog emot en ny ansökan.",
            ),
            (
                sv_article,
                "Med klienten kom dessutom ett minderåriga barn.",
                "Med klienten kom dessutom ett minderårigt barn.",
            ),
            (
                sv_article,
                "Klienten hade varit en offer för tvångsarbete.",
                "Klienten hade varit ett offer för tvångsarbete.",
            ),
            (
                sv_article,
                "Till hjälpsystemet antogs ett ny klient.",
                "Till hjälpsystemet antogs en ny klient.",
            ),
            (
                sv_definite,
                "Av de nya klienter hade 42 utnyttjats i Finland.",
                "Av de nya klienterna hade 42 utnyttjats i Finland.",
            ),
            (procent, "Av dem var 34 % kvinnor.", "Av dem var 34 procent kvinnor."),
            (
                procent,
                "Tvångsarbete (34 procent) var vanligast.",
                "Tvångsarbete (34 %) var vanligast.",
            ),
            (starts_with_digit, "88 nya klienter antogs.", "Hjälpsystemet antog 88 nya klienter."),
        ],
    )
    def test_rule(self, rule, broken: str, right: str) -> None:  # type: ignore[no-untyped-def]
        """The broken sentence has a problem, the right one none."""
        assert rule(broken)
        assert [] == rule(right)

    def test_relative_after_de(self) -> None:
        """ "av de 42 som utnyttjats" is a pronoun and a relative clause, not a noun."""
        assert [] == sv_definite("Av de 42 som utnyttjats i Finland var sju kvinnor.")

    def test_same_openings(self) -> None:
        """Two sentences opening with the same two words are found; different ones are not."""
        assert same_openings(
            [
                "Under 2030 antogs fem klienter.",
                "Under 2030 tog hjälpsystemet emot nio ansökningar.",
            ]
        )
        assert [] == same_openings(
            ["Under 2030 antogs fem klienter.", "Hjälpsystemet tog emot nio ansökningar."]
        )


class TestEveryText:
    def test_corpus(self) -> None:
        """The corpus holds the examples, the periods, the edge cases and the sweep."""
        names = [name for name, _, _ in corpus("sv")]
        assert {"2025-h1", "2018-h1", "2024-year", "counts-1"} <= set(names)
        assert len(names) > 250

    @pytest.mark.parametrize("rule", SV_RULES, ids=lambda r: r.__name__)
    def test_rule_holds(self, rule) -> None:  # type: ignore[no-untyped-def]
        """No sentence of any Swedish text breaks the rule."""
        assert [] == apply(rule, "sv")

    def test_openings(self) -> None:
        """No two consecutive sentences of any Swedish text open with the same two words,
        where one of them is generated."""
        assert [] == openings_of("sv")
