"""Formatting bound to each language (nas_press.realize.locale)."""

from __future__ import annotations

import datetime

import pytest

from nas_press._resources import supported_languages
from nas_press.exceptions import UnknownLanguageError
from nas_press.plan.numbers import Share
from nas_press.realize.locale import formatter, locale_data, upfirst

COUNTS = (0, 1, 2, 5, 21, 1588, 10000)

NUMBERS = {
    "fi": ("0", "1", "2", "5", "21", "1\xa0588", "10\xa0000"),
    "sv": ("0", "1", "2", "5", "21", "1\xa0588", "10\xa0000"),
    "en": ("0", "1", "2", "5", "21", "1,588", "10,000"),
}

SPELLED = {
    "fi": ("nolla", "yksi", "kaksi", "viisi", "21", "1\xa0588", "10\xa0000"),
    "sv": ("noll", "en", "två", "fem", "21", "1\xa0588", "10\xa0000"),
    "en": ("zero", "one", "two", "five", "21", "1,588", "10,000"),
}

PERCENTS = {
    "fi": ("0\xa0%", "1\xa0%", "34\xa0%", "100\xa0%"),
    "sv": ("0\xa0%", "1\xa0%", "34\xa0%", "100\xa0%"),
    "en": ("0%", "1%", "34%", "100%"),
}

PERCENT_WORDS = {"fi": "71\xa0prosenttia", "sv": "71\xa0procent", "en": "71\xa0per cent"}

# (one, other) forms of "new client" and the expected choice for each count
NEW_CLIENT = {
    "fi": ("uusi asiakas", "uutta asiakasta"),
    "sv": ("ny klient", "nya klienter"),
    "en": ("new client", "new clients"),
}

DATES = {
    "fi": ("30. kesäkuuta 2025", "31. heinäkuuta"),
    "sv": ("30 juni 2025", "31 juli"),
    "en": ("30 June 2025", "31 July"),
}


class TestFormatter:
    def test_languages(self) -> None:
        """The three languages of the releases have templates and locale data."""
        assert supported_languages() == ("en", "fi", "sv")

    def test_numbers(self, lang: str) -> None:
        """Counts in digits: fi and sv group with a no-break space, en with a comma."""
        fmt = formatter(lang)
        assert NUMBERS[lang] == tuple(fmt.number(n) for n in COUNTS)

    def test_counts_spelled_out(self, lang: str) -> None:
        """Small counts are spelled out in running text, larger ones stay digits."""
        fmt = formatter(lang)
        assert SPELLED[lang] == tuple(fmt.count(n) for n in COUNTS)

    def test_swedish_neuter(self) -> None:
        """Swedish 'ett' agrees with a neuter noun."""
        assert formatter("sv").count(1, case="neuter") == "ett"

    def test_spell_limit(self) -> None:
        """Each language's press style: en and fi spell up to nine, sv up to twelve."""
        assert tuple(formatter(lang).spell_max for lang in ("en", "fi", "sv")) == (9, 9, 12)
        assert formatter("sv").count(12) == "tolv"
        assert formatter("fi").count(12) == "12"

    def test_percent(self, lang: str) -> None:
        """Percentages with the sign: '34 %' with a no-break space in fi and sv, '34%' in en."""
        fmt = formatter(lang)
        actual = (
            fmt.percent(Share(0, 5)),
            fmt.percent(1),
            fmt.percent(Share(30, 88)),
            fmt.percent(Share(7, 7)),
        )
        assert PERCENTS[lang] == actual

    def test_percent_words(self, lang: str) -> None:
        """Percentages in running text name the unit in words."""
        assert PERCENT_WORDS[lang] == formatter(lang).percent_words(Share(30, 42))

    @pytest.mark.parametrize("n", COUNTS)
    def test_plural(self, lang: str, n: int) -> None:
        """One takes the singular form, every other count the plural (partitive in fi)."""
        one, other = NEW_CLIENT[lang]
        expected = one if n == 1 else other
        assert expected == formatter(lang).plural(n, one, other)

    def test_dates(self, lang: str) -> None:
        """Long dates and day-month dates; Finland-Swedish never falls back to ISO dates."""
        fmt = formatter(lang)
        actual = (
            fmt.date(datetime.date(2025, 6, 30)),
            fmt.date(datetime.date(2025, 7, 31), "day_month"),
        )
        assert DATES[lang] == actual

    def test_lists(self, lang: str) -> None:
        """Lists are joined by Babel in the language, without an Oxford comma in en-GB."""
        joined = {"fi": "a, b ja c", "sv": "a, b och c", "en": "a, b and c"}
        assert joined[lang] == formatter(lang).join(["a", "b", "c"])

    def test_vague_phrases(self, lang: str) -> None:
        """Every fraction and qualifier has a phrase in every language."""
        fmt = formatter(lang)
        for count, total in ((21, 42), (22, 42), (18, 76), (37, 100), (880, 1323)):
            phrase = fmt.vague(Share(count, total))
            assert phrase.strip() == phrase
            assert phrase

    def test_document_language(self, lang: str) -> None:
        """The language tag written into documents."""
        assert {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}[lang] == locale_data(lang).language_tag

    def test_unknown_language(self) -> None:
        """A regional code gets a hint towards the short code."""
        with pytest.raises(UnknownLanguageError, match="did you mean 'fi'"):
            locale_data("fi-FI")

    def test_upfirst(self) -> None:
        """Only the first character is capitalised."""
        assert upfirst("noin puolet NAS:n") == "Noin puolet NAS:n"


# Vague phrases for shares built from the reference counts; None where no fraction is close,
# and for every share of a group under 20 (1 of 2, 2 of 5), which is said as a count.
VAGUE_PAIRS = (
    (10, 20),
    (5, 21),
    (20, 100),
    (21, 1588),
    (1588, 10000),
    (1, 2),
    (2, 5),
    (0, 5),
    (10000, 10000),
)
VAGUE = {
    "fi": ("puolet", "lähes neljäsosa", "viidesosa", None, None, None, None, None, None),
    "sv": ("hälften", "nästan en fjärdedel", "en femtedel", None, None, None, None, None, None),
    "en": ("half", "almost a quarter", "a fifth", None, None, None, None, None, None),
}


class TestVaguePhrases:
    def test_reference_counts(self, lang: str) -> None:
        """Shares of 20, 21, 100, 1 588 and 10 000 get the documented phrase, or none; shares of
        groups under 20 get none."""
        fmt = formatter(lang)
        actual = tuple(
            fmt.vague(Share(c, t)) if Share(c, t).vague is not None else None
            for c, t in VAGUE_PAIRS
        )
        assert VAGUE[lang] == actual

    def test_qualifiers(self, lang: str) -> None:
        """'about', 'almost' and 'just over' read in each language."""
        fmt = formatter(lang)
        expected = {
            "fi": ("noin puolet", "lähes viidesosa", "hieman yli kolmasosa"),
            "sv": ("ungefär hälften", "nästan en femtedel", "drygt en tredjedel"),
            "en": ("about half", "almost a fifth", "just over a third"),
        }[lang]
        assert expected == (
            fmt.vague(Share(22, 42)),
            fmt.vague(Share(18, 100)),
            fmt.vague(Share(37, 100)),
        )
