"""English grammar and house style over every rendered English text (tests/grammar.py):
agreement after numbers, articles, the per cent rule, no comma splices, no sentence
opening with a digit, no two consecutive sentences opening alike."""

from __future__ import annotations

import pytest
from tests.grammar import (
    EN_RULES,
    apply,
    comma_splice,
    corpus,
    en_agreement,
    en_article,
    openings_of,
    percent_sign,
    same_openings,
    starts_with_digit,
)

per_cent = percent_sign("per cent")


class TestRulesFail:
    """Each rule finds what it is for in a sentence broken on purpose, and nothing in the
    same sentence put right."""

    @pytest.mark.parametrize(
        ("rule", "broken", "right"),
        [
            (
                en_agreement,
                "One people was receiving services.",
                "One person was receiving services.",
            ),
            (en_agreement, "The NAS admitted 2 new client.", "The NAS admitted 2 new clients."),
            (
                en_agreement,
                "In all, 1 nationalities were represented.",
                "In all, 1 nationality was represented.",
            ),
            (
                en_agreement,
                "The NAS admitted 1,000 new client.",
                "The NAS admitted 1,000 new clients.",
            ),
            (en_article, "It was a 8 per cent rise.", "It was an 8 per cent rise."),
            (en_article, "The victim was a adult.", "The victim was an adult."),
            (per_cent, "Of them, 34% were women.", "Of them, 34 per cent were women."),
            (
                per_cent,
                "Forced labour (34 per cent) came first.",
                "Forced labour (34%) came first.",
            ),
            (
                comma_splice,
                "Of them, 45% were victims of forced labour, forced marriage accounted for 20%.",
                "Of them, 45% were victims of forced labour, and forced marriage for a fifth.",
            ),
            (
                starts_with_digit,
                "88 new clients were admitted.",
                "The NAS admitted 88 new clients.",
            ),
        ],
    )
    def test_rule(self, rule, broken: str, right: str) -> None:  # type: ignore[no-untyped-def]
        """The broken sentence has a problem, the right one none."""
        assert rule(broken)
        assert [] == rule(right)

    def test_same_openings(self) -> None:
        """Two sentences opening with the same two words are found; different ones are not."""
        assert same_openings(
            ["In 2030, the NAS admitted 5 clients.", "In 2030, 9 referrals were registered."]
        )
        assert [] == same_openings(
            ["In 2030, the NAS admitted 5 clients.", "The NAS registered 9 referrals."]
        )


class TestEveryText:
    def test_corpus(self) -> None:
        """The corpus holds the examples, the periods, the edge cases and the sweep."""
        names = [name for name, _, _ in corpus("en")]
        assert {"2025-h1", "2018-h1", "2024-year", "counts-1"} <= set(names)
        assert len(names) > 250

    @pytest.mark.parametrize("rule", EN_RULES, ids=lambda r: r.__name__)
    def test_rule_holds(self, rule) -> None:  # type: ignore[no-untyped-def]
        """No sentence of any English text breaks the rule."""
        assert [] == apply(rule, "en")

    def test_openings(self) -> None:
        """No two consecutive sentences of any English text open with the same two words."""
        assert [] == openings_of("en")
