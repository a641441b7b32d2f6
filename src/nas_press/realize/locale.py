"""Locale data and formatting bound to one language.

``locales/<lang>/locale.toml`` holds a language's words and settings (Babel
locale, document language tag, spelled-out numbers, names of the forms of
exploitation, labels); ``locales/<lang>/boilerplate.toml`` holds the NAS and
Finnish Immigration Service descriptions and the facts box. A
:class:`Formatter` formats numbers, percentages, dates and lists through
Babel with the locale passed explicitly on every call.
"""

from __future__ import annotations

import datetime
import functools
import tomllib
from contextvars import ContextVar
from decimal import Decimal
from typing import Any

import attrs
from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent

from nas_press._resources import data_dir, supported_languages
from nas_press.exceptions import LocaleDataError, UnknownLanguageError
from nas_press.plan.numbers import Share, Vague

NBSP = "\xa0"

VAGUE_PHRASES: ContextVar[list[tuple[str, Vague]] | None] = ContextVar(
    "vague_phrases", default=None
)
"""When set to a list, :meth:`Formatter.vague` appends each phrase it writes and its share."""


@attrs.frozen
class LocaleData:
    """The data of one language, read from ``locales/<lang>/``."""

    lang: str
    settings: dict[str, Any]
    boilerplate: dict[str, Any]

    @property
    def babel_locale(self) -> str:
        """The Babel locale identifier, such as ``sv_FI``."""
        return str(self.settings["babel"])

    @property
    def language_tag(self) -> str:
        """The BCP 47 tag written into documents, such as ``sv-FI``."""
        return str(self.settings["language"])

    def text(self, *keys: str) -> str:
        """Return the text at ``keys`` in ``locale.toml``, or raise :class:`LocaleDataError`."""
        value: Any = self.settings
        for key in keys:
            if not isinstance(value, dict) or key not in value:
                raise LocaleDataError(
                    f"locales/{self.lang}/locale.toml: missing key {'.'.join(keys)!r}"
                )
            value = value[key]
        if not isinstance(value, str):
            raise LocaleDataError(
                f"locales/{self.lang}/locale.toml: {'.'.join(keys)!r} must be text, not {value!r}"
            )
        return value


_REQUIRED = (
    "babel",
    "language",
    "numbers",
    "dates",
    "percent",
    "shares",
    "labels",
    "forms",
    "charts",
)


@functools.cache
def locale_data(lang: str) -> LocaleData:
    """Return the locale data of ``lang``, read once per process.

    Raises :class:`UnknownLanguageError` for a language without data, and
    :class:`LocaleDataError` for a locale file that lacks a required table.
    """
    if lang not in supported_languages():
        raise UnknownLanguageError(lang, supported_languages())
    folder = data_dir("locales") / lang
    try:
        settings = tomllib.loads((folder / "locale.toml").read_text("utf-8"))
        boilerplate = tomllib.loads((folder / "boilerplate.toml").read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LocaleDataError(f"locales/{lang}: {exc}") from exc
    missing = [key for key in _REQUIRED if key not in settings]
    if missing:
        raise LocaleDataError(f"locales/{lang}/locale.toml: missing {', '.join(missing)}")
    return LocaleData(lang, settings, boilerplate)


class Formatter:
    """Formatting of figures in one language; every Babel call gets the locale explicitly."""

    def __init__(self, data: LocaleData) -> None:
        self.data = data
        self.locale = Locale.parse(data.babel_locale)
        numbers = data.settings["numbers"]
        self.spell_max = int(numbers["spell_max"])
        self.words: list[str] = list(numbers["words"])
        self.neuter: dict[str, str] = dict(numbers.get("neuter", {}))
        if len(self.words) <= self.spell_max:
            raise LocaleDataError(
                f"locales/{data.lang}/locale.toml: numbers.words must spell 0 to {self.spell_max}"
            )

    def number(self, n: int) -> str:
        """Format a count in digits: ``1 588`` (fi, sv, with a no-break space), ``1,588`` (en)."""
        return format_decimal(n, locale=self.locale)

    def count(self, n: int, gender: str | None = None) -> str:
        """Spell out a count up to the language's limit (numbers.spell_max), digits above it.

        ``gender="neuter"`` picks the neuter form where the language has one
        (Swedish ``ett``).
        """
        if 0 <= n <= self.spell_max:
            if gender == "neuter" and str(n) in self.neuter:
                return self.neuter[str(n)]
            return self.words[n]
        return self.number(n)

    def percent(self, value: Share | int) -> str:
        """Format a percentage with the sign: ``34 %`` (fi, sv), ``34%`` (en)."""
        p = value.percent if isinstance(value, Share) else value
        return format_percent(Decimal(p) / 100, locale=self.locale)

    def percent_words(self, value: Share | int) -> str:
        """Format a percentage in running text: ``27 prosenttia``, ``27 procent``, ``61 per cent``.

        The number and the word are joined by a no-break space.
        """
        p = value.percent if isinstance(value, Share) else value
        return f"{self.number(p)}{NBSP}{self.data.text('percent', 'word')}"

    def plural(self, n: int, one: str, other: str) -> str:
        """Choose the word form agreeing with ``n`` by the language's plural rules."""
        return one if self.locale.plural_form(abs(n)) == "one" else other

    def date(self, d: datetime.date, style: str = "long") -> str:
        """Format a date with the pattern ``dates.<style>`` of the locale data."""
        return format_date(d, self.data.text("dates", style), locale=self.locale)

    def vague(self, share: Share | Vague) -> str:
        """Return the vague phrase for a share ("about half"); raise if there is none."""
        v = share.vague if isinstance(share, Share) else share
        if v is None:
            raise ValueError(f"no vague phrase for {share!r}; check share.vague first")
        fraction = self.data.text("shares", "fractions", v.fraction)
        pattern = self.data.text("shares", "qualifiers", v.qualifier)
        phrase = pattern.format(fraction=fraction)
        recorded = VAGUE_PHRASES.get()
        if recorded is not None:
            recorded.append((phrase, v))
        return phrase

    def join(self, items: list[str]) -> str:
        """Join items as a list in the language: ``a, b ja c``; ``a, b and c``."""
        return format_list(list(items), locale=self.locale)

    def form(self, form: str, case: str = "name") -> str:
        """Return the name of a form of exploitation in the grammatical case asked for."""
        return self.data.text("forms", form, case)

    def label(self, key: str) -> str:
        """Return a label of the locale data, such as ``contact_heading``."""
        return self.data.text("labels", key)


def upfirst(text: str) -> str:
    """Capitalise the first character only (``"noin puolet"`` → ``"Noin puolet"``)."""
    return text[:1].upper() + text[1:]


@functools.cache
def formatter(lang: str) -> Formatter:
    """Return the formatter of ``lang``, built once per process."""
    return Formatter(locale_data(lang))
