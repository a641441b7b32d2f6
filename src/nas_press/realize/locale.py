"""Locale data and formatting bound to one language.

``locales/<lang>/locale.toml`` holds a language's words and settings (Babel
locale, document language tag, spelled-out numbers with their case forms,
period phrases, the names of groups and forms of exploitation in the forms its
templates need, labels, the patterns the figure check reads);
``locales/<lang>/boilerplate.toml`` holds the NAS and Finnish Immigration
Service descriptions and the facts box. A :class:`Formatter` formats numbers,
percentages, dates and lists through Babel with the locale passed explicitly
on every call, and gives the templates their filters.
"""

from __future__ import annotations

import datetime
import functools
import tomllib
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import attrs
from babel import Locale
from babel.dates import format_date, format_time
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent

from nas_press._resources import data_dir, supported_languages
from nas_press.exceptions import LocaleDataError, UnknownLanguageError
from nas_press.plan.discourse import Ref
from nas_press.plan.numbers import Share, Vague
from nas_press.release.model import Period

NBSP = "\xa0"


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

    def value(self, *keys: str) -> Any:
        """Return the value at ``keys`` in ``locale.toml``, or raise :class:`LocaleDataError`."""
        value: Any = self.settings
        for key in keys:
            if not isinstance(value, dict) or key not in value:
                raise LocaleDataError(
                    f"locales/{self.lang}/locale.toml: missing key {'.'.join(keys)!r}"
                )
            value = value[key]
        return value

    def text(self, *keys: str) -> str:
        """Return the text at ``keys`` in ``locale.toml``, or raise :class:`LocaleDataError`."""
        value = self.value(*keys)
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
    "groups",
    "charts",
    "dateline",
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
        self.cases: dict[str, list[str]] = {k: list(v) for k, v in numbers.get("cases", {}).items()}
        if len(self.words) <= self.spell_max or any(
            len(v) <= self.spell_max for v in self.cases.values()
        ):
            raise LocaleDataError(
                f"locales/{data.lang}/locale.toml: numbers.words and numbers.cases must spell 0 to"
                f" {self.spell_max}"
            )

    # -- numbers and shares

    def number(self, n: int) -> str:
        """Format a count in digits: ``1 588`` (fi, sv, with a no-break space), ``1,588`` (en)."""
        return format_decimal(n, locale=self.locale)

    def count(self, n: int, case: str | None = None) -> str:
        """Spell out a count up to the language's limit (``numbers.spell_max``), digits above it.

        The rule holds for the whole release: a count is written the same way
        wherever it appears. ``case`` picks a case form of the spelled-out
        number where the language has them (``numbers.cases``: the Finnish
        partitive, elative, …; the Swedish neuter ``ett``); digits take no ending.
        """
        if 0 <= n <= self.spell_max:
            if case is not None and case != "nominative":
                forms = self.cases.get(case)
                if forms is None:
                    raise LocaleDataError(
                        f"locales/{self.data.lang}/locale.toml: no numbers.cases.{case}"
                    )
                return forms[n]
            return self.words[n]
        return self.number(n)

    def spelled(self, n: int) -> bool:
        """Whether :meth:`count` spells ``n`` out."""
        return 0 <= n <= self.spell_max

    def percent(self, value: Share | int) -> str:
        """A percentage with the sign, as in brackets: ``34 %`` (fi, sv), ``34%`` (en)."""
        p = value.percent if isinstance(value, Share) else value
        return format_percent(Decimal(p) / 100, locale=self.locale)

    def percent_words(self, value: Share | int, case: str = "nominative") -> str:
        """A percentage in running text: ``27 prosenttia``, ``1 prosentti``, ``27 procent``,
        ``61 per cent``; the number and the word joined by a no-break space."""
        p = value.percent if isinstance(value, Share) else value
        forms = self.data.value("percent", "word")
        if isinstance(forms, dict):
            word = forms.get(case) or forms["nominative"]
            if isinstance(word, dict):
                word = word["one"] if self.locale.plural_form(p) == "one" else word["other"]
        else:
            word = forms
        return f"{self.number(p)}{NBSP}{word}"

    def vague(self, share: Share | Vague) -> str:
        """The vague phrase for a share ("about half"); raises if it has none."""
        v = share.vague if isinstance(share, Share) else share
        if v is None:
            raise ValueError(f"no vague phrase for {share!r}; check share.vague first")
        fraction = self.data.text("shares", "fractions", v.fraction)
        return self.data.text("shares", "qualifiers", v.qualifier).format(fraction=fraction)

    def share(self, share: Share, style: str, case: str = "nominative") -> str:
        """A share as the sentence's style has it: its vague phrase, or its percentage in words."""
        return self.vague(share) if style == "vague" else self.percent_words(share, case)

    def plural(self, n: int | None, one: str, other: str) -> str:
        """The word form agreeing with ``n`` by the language's plural rules."""
        return one if n is not None and self.locale.plural_form(abs(n)) == "one" else other

    def join(self, items: Sequence[str]) -> str:
        """Join items as a list in the language: ``a, b ja c``; ``a, b and c``."""
        return format_list(list(items), locale=self.locale)

    # -- dates and periods

    def date(self, d: datetime.date, style: str = "long") -> str:
        """Format a date with the pattern ``dates.<style>`` of the locale data."""
        return format_date(d, self.data.text("dates", style), locale=self.locale)

    def moment(self, moment: datetime.datetime) -> str:
        """A date and time of day as the dateline writes them ("10.7.2025 klo 10.00",
        "10 July 2025 at 10:00"): ``dateline.date`` and ``dateline.time`` are Babel
        patterns, joined by ``dateline.moment``. ``moment`` is a time in Finland."""
        date = format_date(moment.date(), self.data.text("dateline", "date"), locale=self.locale)
        time = format_time(moment.time(), self.data.text("dateline", "time"), locale=self.locale)
        return self.data.text("dateline", "moment").format(date=date, time=time)

    def period(self, period: Period, role: str = "during") -> str:
        """A phrase for ``period`` (``periods.<kind>.<role>``): "in the first half of 2025"."""
        return self.data.text("periods", period.kind.value, role).format(year=period.year)

    def short_name(self, period: Period) -> str:
        """The NAS's short name in running text for a release of ``period``: the newest of
        ``names.short`` (``{ since = 2021, name = "the NAS" }``, …) whose year has come."""
        found = self.data.value("names", "short")
        names = found if isinstance(found, list) else []
        usable = [
            entry
            for entry in names
            if isinstance(entry, dict)
            and isinstance(entry.get("since"), int)
            and isinstance(entry.get("name"), str)
        ]
        if not usable or len(usable) != len(names):
            raise LocaleDataError(
                f"locales/{self.data.lang}/locale.toml: names.short must be a list of"
                ' { since = year, name = "…" }'
            )
        for entry in sorted(usable, key=lambda e: -int(e["since"])):
            if period.year >= int(entry["since"]):
                return str(entry["name"])
        return str(min(usable, key=lambda e: int(e["since"]))["name"])

    # -- words

    def form(self, form: str, case: str = "name") -> str:
        """The name of a form of exploitation in the case asked for (``forms.<form>.<case>``)."""
        return self.data.text("forms", form, case)

    def group(self, ref: Ref, case: str) -> str:
        """A group of people named as ``ref`` says, in ``case``
        (``groups.<group>.<kind>.<case>``)."""
        pattern = self.data.text("groups", ref.group, ref.kind, case)
        if ref.size is None:
            return pattern.format(n="")
        # The count is spelled out by the release's one rule, in the group's case where
        # the language declines its numbers ("kahdesta uudesta asiakkaasta").
        return pattern.format(n=self.count(ref.size, case if case in self.cases else None))

    def gender(self, name: str, case: str = "name") -> str:
        """The name of a gender group (``genders.<name>.<case>``)."""
        return self.data.text("genders", name, case)

    def label(self, key: str) -> str:
        """A label of the locale data, such as ``contact_heading``."""
        return self.data.text("labels", key)

    def word(self, *keys: str) -> str:
        """A word or phrase of the locale data's ``words`` table."""
        return self.data.text("words", *keys)

    # -- for the templates

    def filters(self) -> dict[str, Callable[..., Any]]:
        """The filters every template of the language has."""
        return {
            "number": self.number,
            "count": self.count,
            "percent": self.percent,
            "percent_words": self.percent_words,
            "vague": self.vague,
            "share": self.share,
            "plural": self.plural,
            "date": self.date,
            "period": self.period,
            "join_list": self.join,
            "form": self.form,
            "group": self.group,
            "gender": self.gender,
            "upfirst": upfirst,
        }

    def globals(self) -> dict[str, Callable[..., Any]]:
        """The functions every template of the language has."""
        return {"label": self.label, "word": self.word, "spelled": self.spelled}


def upfirst(text: str) -> str:
    """Capitalise the first character only (``"noin puolet"`` → ``"Noin puolet"``)."""
    return text[:1].upper() + text[1:]


@functools.cache
def formatter(lang: str) -> Formatter:
    """Return the formatter of ``lang``, built once per process."""
    return Formatter(locale_data(lang))
