"""The typed statistics model: a release and everything it states.

Every class is frozen and validated at construction: counts are non-negative
integers, and a :class:`Release` checks that its parts agree with each other
(see ``_checks``). Nothing derived (shares, changes, rankings) is stored here;
the plan computes it from these counts.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import attrs

FORMS = ("forced_marriage", "forced_labour", "sexual_exploitation", "other")
"""Forms of exploitation, in the order used when counts tie."""

STATEMENTS = (
    "summary",
    "referrals",
    "referrals_history",
    "new_clients_forms",
    "new_clients_profile",
    "places",
    "in_finland_forms",
    "in_finland_profile",
    "in_finland_history",
    "register",
)
"""The generated statements a release body can name."""

CHARTS = ("new_clients_forms", "referrals_history")
"""The charts a release body can name: new clients by form of exploitation, and
referrals and admissions in this and earlier periods of the same kind."""

BOILERPLATE = ("nas", "facts", "migri")
"""Boilerplate blocks kept per language under ``locales/``."""


T = TypeVar("T")


def _is_count(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{attribute.name} must be a whole number, not {value!r}")
    if value < 0:
        raise ValueError(f"{attribute.name} must not be negative, got {value}")


def _as_tuple(items: Iterable[T]) -> tuple[T, ...]:
    return tuple(items)


def _sorted_texts(texts: Mapping[str, str]) -> dict[str, str]:
    return dict(sorted(texts.items()))


def _count(default: int | None = None) -> Any:
    return attrs.field(default=default, validator=_is_count, kw_only=True)


class PeriodKind(enum.Enum):
    """What a statistics period covers."""

    FIRST_HALF = "first-half"
    YEAR = "year"


@attrs.frozen
class Period:
    """A statistics period: the first half of a year, or a whole year."""

    year: int = attrs.field(
        validator=attrs.validators.and_(
            attrs.validators.instance_of(int), attrs.validators.ge(2000), attrs.validators.le(2999)
        )
    )
    kind: PeriodKind = attrs.field(validator=attrs.validators.instance_of(PeriodKind))

    @property
    def start(self) -> datetime.date:
        """The first day of the period."""
        return datetime.date(self.year, 1, 1)

    @property
    def end(self) -> datetime.date:
        """The last day of the period."""
        if self.kind is PeriodKind.FIRST_HALF:
            return datetime.date(self.year, 6, 30)
        return datetime.date(self.year, 12, 31)


@attrs.frozen
class Translations:
    """One authored text, given in every target language (``{"fi": …, "sv": …, "en": …}``)."""

    texts: Mapping[str, str] = attrs.field(converter=_sorted_texts)

    def __getitem__(self, lang: str) -> str:
        return self.texts[lang]


@attrs.frozen
class Forms:
    """Counts by form of exploitation; ``None`` where a form is not stated.

    ``overlap`` says that one person may be counted under several forms, so the
    counts may add up to more than their total.
    """

    forced_marriage: int | None = _count()
    forced_labour: int | None = _count()
    sexual_exploitation: int | None = _count()
    other: int | None = _count()
    overlap: bool = attrs.field(default=False, kw_only=True)

    def items(self) -> list[tuple[str, int]]:
        """Return the stated ``(form, count)`` pairs in :data:`FORMS` order."""
        return [(f, c) for f in FORMS if (c := getattr(self, f)) is not None]


@attrs.frozen
class Change:
    """The change in referrals on the same period of an earlier year.

    Give that year's ``count`` when it is known, or the published ``percent``
    change when only that is known; not both.
    """

    year: int = attrs.field(validator=attrs.validators.instance_of(int))
    count: int | None = _count()
    percent: int | None = attrs.field(
        default=None,
        kw_only=True,
        validator=attrs.validators.optional(attrs.validators.instance_of(int)),
    )


@attrs.frozen
class Referrals:
    """Referrals to NAS in the period, and proposals still pending at its end."""

    count: int = _count(0)
    pending: int | None = _count()
    change: Change | None = attrs.field(default=None, kw_only=True)


@attrs.frozen
class NewClients:
    """Persons admitted to NAS as new clients in the period."""

    count: int = _count(0)
    forms: Forms = attrs.field(factory=Forms, kw_only=True)
    home_country: int | None = _count()
    elsewhere: int | None = _count()
    women: int | None = _count()
    minors: int | None = _count()
    nationalities: int | None = _count()
    finnish: int | None = _count()


@attrs.frozen
class EarlierGroup:
    """Victims exploited in Finland in an earlier period, for comparison."""

    period: Period
    count: int | None = _count()
    forms: Forms = attrs.field(factory=Forms, kw_only=True)


def _groups(items: Iterable[EarlierGroup]) -> tuple[EarlierGroup, ...]:
    return tuple(items)


@attrs.frozen
class InFinland:
    """New clients of the period who were exploited in Finland."""

    count: int = _count(0)
    forms: Forms = attrs.field(factory=Forms, kw_only=True)
    women: int | None = _count()
    minors: int | None = _count()
    nationalities: int | None = _count()
    finnish: int | None = _count()
    earlier: tuple[EarlierGroup, ...] = attrs.field(default=(), converter=_groups, kw_only=True)


@attrs.frozen
class EarlierPeriod:
    """Referrals and admissions in an earlier period, for comparisons and records."""

    period: Period
    referred: int | None = _count()
    admitted: int | None = _count()


def _periods(items: Iterable[EarlierPeriod]) -> tuple[EarlierPeriod, ...]:
    return tuple(items)


@attrs.frozen
class Register:
    """The register at the period's end.

    ``persons`` receive services: ``victims`` identified as victims of
    trafficking and their underage ``children``.
    """

    persons: int = _count(0)
    victims: int = _count(0)
    children: int = _count(0)
    minors: int | None = _count()
    women: int | None = _count()
    entered_as_minors: int | None = _count()


@attrs.frozen
class Statistics:
    """Every figure of a release; sections a release does not state are ``None``."""

    referrals: Referrals | None = None
    new_clients: NewClients | None = None
    in_finland: InFinland | None = None
    register: Register | None = None
    earlier: tuple[EarlierPeriod, ...] = attrs.field(default=(), converter=_periods)


@attrs.frozen
class Statement:
    """A generated statement in the body, by name (see :data:`STATEMENTS`).

    ``show`` chooses between ``"shares"`` and ``"counts"`` where a statement
    can give either.
    """

    name: str = attrs.field(validator=attrs.validators.in_(STATEMENTS))
    show: str = attrs.field(default="shares", validator=attrs.validators.in_(("shares", "counts")))


@attrs.frozen
class Chart:
    """A chart in the body, by name (see :data:`CHARTS`), drawn from the release's figures."""

    name: str = attrs.field(validator=attrs.validators.in_(CHARTS))


@attrs.frozen
class AuthoredHeading:
    """A subheading written by the author in every language."""

    text: Translations


@attrs.frozen
class AuthoredParagraph:
    """An editorial paragraph written by the author in every language."""

    text: Translations


@attrs.frozen
class AuthoredQuote:
    """A quotation: who said it, their title, and what they said, per language."""

    speaker: str
    title: Translations
    text: Translations


BodyItem = Statement | Chart | AuthoredHeading | AuthoredParagraph | AuthoredQuote
"""One item of a release body, in the order it is written."""


@attrs.frozen
class Contact:
    """A press contact, valid from ``valid_from`` until ``valid_until`` (both optional)."""

    name: str
    title: Translations
    phone: str
    email: str
    valid_from: datetime.date | None = attrs.field(default=None, kw_only=True)
    valid_until: datetime.date | None = attrs.field(default=None, kw_only=True)


@attrs.frozen
class Privacy:
    """The smallest group of people the release may state, and why it was set."""

    min_group: int = 5
    reason: str = ""


@attrs.frozen
class Release:
    """A release: its figures, its authored parts and its contacts.

    Construction checks that the parts agree (a part is not larger than its
    whole, every authored text is given in every language, …) and raises
    :class:`~nas_press.exceptions.ReleaseError` listing every problem.
    """

    id: str
    languages: tuple[str, ...] = attrs.field(converter=_as_tuple)
    published: datetime.date
    period: Period
    statistics: Statistics
    headline: Translations
    lead: Translations | Statement | None = None
    body: tuple[BodyItem, ...] = attrs.field(default=(), converter=_as_tuple)
    contacts: tuple[Contact, ...] = attrs.field(default=(), converter=_as_tuple)
    boilerplate: tuple[str, ...] = attrs.field(default=BOILERPLATE, converter=_as_tuple)
    privacy: Privacy = attrs.field(factory=Privacy)

    def __attrs_post_init__(self) -> None:
        from nas_press.release.lint import raise_for_problems

        raise_for_problems(self)
