"""The typed model of a release: its figures, its authored texts and its contacts.

Every class is frozen, holds only immutable values (tuples, never lists or
dicts) and is therefore hashable. Constructing one does no I/O and imports
nothing optional: it checks its own invariants, once, and raises
:class:`~nas_press.exceptions.ReleaseError` listing each problem with the
key path it concerns, relative to the object built (``women``,
``forms.forced_labour``). A release is checked as a whole by
:func:`nas_press.release.lint.lint` (texts, contacts, privacy, statements),
explicitly and once.

Figures are counts of people, or percentages where the organisation
published only a share (:class:`Percent`). Nothing derived (shares, changes,
rankings, records) is stored here; the plan computes it.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable, Iterator, Mapping
from typing import Final

import attrs

from nas_press.exceptions import Problem, ReleaseError

FORMS: Final = (
    "forced_labour",
    "forced_marriage",
    "sexual_exploitation",
    "forced_criminal_activity",
    "benefit_fraud",
    "forced_begging",
    "removal_of_organs",
    "child_soldiers",
    "other",
)
"""Forms of exploitation, in the order used when counts tie: the three most common,
then the named smaller forms, then ``other`` (a form the statistics do not name)."""

GENDERS: Final = ("women", "girls", "men", "boys", "women_and_girls", "men_and_boys")
"""The groups by gender and age the organisation publishes; ``women_and_girls`` and
``men_and_boys`` are groups of their own, stated as such ("women and girls")."""

BOILERPLATE: Final = ("nas", "facts", "migri")
"""Boilerplate blocks kept per language under ``locales/`` (or in the organisation file)."""

DEFAULT_BOILERPLATE: Final = ("nas", "migri")
"""The blocks of a release that names none: those of the organisation's releases today. The
facts box, as in 2018, is chosen by name; beside ``nas`` it would say again who runs the NAS."""

QUOTATIONS: Final = ("dash", "marks")
"""How a quotation is set in Finnish and Swedish: opened with a dash ("– …, kertoo …"),
as the organisation writes, or in quotation marks ("”…”, sanoo …"). English always
uses quotation marks."""

MAX_COUNT: Final = 1_000_000
"""Largest count accepted: every count is of people (NAS has had a few thousand
clients in all), so a larger one is a typing mistake."""

FIRST_YEAR: Final = 2006
"""The year the National Assistance System began its work."""

LAST_YEAR: Final = 2999
"""The last year a period may have."""

ZONE: Final = "Europe/Helsinki"
"""The time zone of every time a release file gives: the publication, the embargo and
the correction are times in Finland."""

DEFAULT_TIME: Final = datetime.time(10, 0)
"""The time of day of a publication, embargo or correction given as a date alone: 10:00
in Finland, when the organisation's statistics releases go out."""


def in_finland(moment: datetime.datetime) -> datetime.datetime:
    """``moment``, a time in Finland without a UTC offset, with the offset Finland had then
    (``+03:00`` in summer, ``+02:00`` in winter)."""
    import zoneinfo

    return moment.replace(tzinfo=zoneinfo.ZoneInfo(ZONE))


def _fail(problems: list[Problem]) -> None:
    if problems:
        raise ReleaseError(problems)


def _within(prefix: str, problems: Iterable[Problem]) -> list[Problem]:
    """``problems`` of a part, with their paths put under ``prefix``."""
    return [attrs.evolve(p, path=f"{prefix}.{p.path}" if p.path else prefix) for p in problems]


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# -- periods


class PeriodKind(enum.Enum):
    """What a statistics period covers."""

    FIRST_HALF = "first-half"
    YEAR = "year"


@attrs.frozen
class Period:
    """A statistics period: the first half of a year, or a whole year.

    :attr:`sort_key` orders periods by their end: the first half of 2024 before
    the whole year 2024. ``str(period)`` is its short name, ``2024-h1`` or ``2024``, as the
    statistics history and the command line write it.
    """

    year: int
    kind: PeriodKind

    def __attrs_post_init__(self) -> None:
        problems = []
        if not _is_int(self.year) or not FIRST_YEAR <= self.year <= LAST_YEAR:
            problems.append(
                Problem(
                    "year",
                    "not a year of the NAS statistics",
                    f"a year from {FIRST_YEAR} to {LAST_YEAR}",
                    self.year,
                )
            )
        if not isinstance(self.kind, PeriodKind):
            problems.append(Problem("kind", "not a period kind", "first-half or year", self.kind))
        _fail(problems)

    @classmethod
    def parse(cls, name: str) -> Period:
        """Read a short name, ``2024-h1`` or ``2024``; raise :class:`ReleaseError` if it is none."""
        year, _, half = name.partition("-")
        if year.isascii() and year.isdigit() and half in ("", "h1"):
            return cls(int(year), PeriodKind.FIRST_HALF if half else PeriodKind.YEAR)
        raise ReleaseError(
            [
                Problem(
                    "", "not a period", "a year such as 2024, or a first half such as 2024-h1", name
                )
            ]
        )

    def __str__(self) -> str:
        return f"{self.year}-h1" if self.kind is PeriodKind.FIRST_HALF else str(self.year)

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

    @property
    def sort_key(self) -> tuple[datetime.date, int]:
        """Orders periods by their end, then a first half before the year it ends in."""
        return (self.end, 0 if self.kind is PeriodKind.FIRST_HALF else 1)

    def before(self, other: Period) -> bool:
        """Whether this period ends before ``other`` does."""
        return self.end < other.end


# -- figures


@attrs.frozen
class Percent:
    """A figure published only as a share of its group, in whole per cent (0 to 100).

    It is stated as published and kept out of anything that needs a count.
    """

    value: int

    def __attrs_post_init__(self) -> None:
        if not _is_int(self.value) or not 0 <= self.value <= 100:
            _fail(
                [Problem("percent", "not a percentage", "a whole number from 0 to 100", self.value)]
            )


Figure = int | Percent
"""A figure: a count of people, or a published share when no count is known."""


def count_of(figure: Figure | None) -> int | None:
    """The count of ``figure``, or ``None`` for a published share or a missing figure."""
    return figure if isinstance(figure, int) else None


def _figure_problems(name: str, value: object, *, share: bool = True) -> list[Problem]:
    if value is None:
        return []
    if isinstance(value, Percent):
        if share:
            return []
        return [Problem(name, "a share where a count belongs", "a whole number of people", value)]
    if not _is_int(value):
        expected = "a whole number of people" + (", or { percent = … }" if share else "")
        return [Problem(name, "not a count", expected, value)]
    assert isinstance(value, int)
    if value < 0:
        return [Problem(name, "a negative count", "a whole number, 0 or more", value)]
    if value > MAX_COUNT:
        return [
            Problem(
                name,
                "a count larger than 1 000 000",
                "a whole number from 0 to 1 000 000",
                value,
            )
        ]
    return []


def _part_problems(
    name: str, part: Figure | None, whole_name: str, whole: Figure | None
) -> list[Problem]:
    """A part larger than its whole, compared where both are counts (or both shares)."""
    if part is None or whole is None:
        return []
    if isinstance(part, int) and isinstance(whole, int) and part > whole:
        return [Problem(name, f"larger than {whole_name} ({whole})", f"at most {whole}", part)]
    return []


def _outside_problems(
    name: str,
    here: Figure | None,
    of_all: Figure | None,
    count: Figure | None,
    total: Figure | None,
) -> list[Problem]:
    """Those exploited in Finland are some of the new clients: the new clients of a kind
    who were not exploited in Finland cannot outnumber all who were not."""
    if not (
        isinstance(here, int)
        and isinstance(of_all, int)
        and isinstance(count, int)
        and isinstance(total, int)
    ):
        return []  # a share says too little to compare
    outside = total - count
    if outside < 0 or of_all - here <= outside:  # a count over its whole is reported as such
        return []
    return [
        Problem(
            f"in_finland.{name}",
            f"{here}, which leaves {of_all - here} of new_clients.{name} ({of_all}) exploited"
            f" outside Finland, where only {outside} of the new clients were"
            f" (new_clients.count {total} less in_finland.count {count})",
            f"at least {of_all - outside}",
            here,
        )
    ]


def _as_figures(
    items: Mapping[str, Figure] | Iterable[tuple[str, Figure]],
) -> tuple[tuple[str, Figure], ...]:
    pairs = items.items() if isinstance(items, Mapping) else items
    try:
        found = dict(pairs)
    except (TypeError, ValueError):
        raise ReleaseError(
            [Problem("", "not a table of figures", "form = count pairs", items)]
        ) from None
    unknown = [name for name in found if name not in FORMS]
    if unknown:
        raise ReleaseError(
            [
                Problem(
                    name,
                    f"unknown form of exploitation {name!r}",
                    f"one of {', '.join(FORMS)}",
                    name,
                )
                for name in unknown
            ]
        )
    return tuple((form, found[form]) for form in FORMS if form in found)


@attrs.frozen
class Forms:
    """Figures by form of exploitation (see :data:`FORMS`); a form not stated is absent.

    ``overlap`` says that one person may be counted under several forms, so the
    counts may add up to more than their group.
    """

    figures: tuple[tuple[str, Figure], ...] = attrs.field(default=(), converter=_as_figures)
    overlap: bool = False

    def __attrs_post_init__(self) -> None:
        problems = [p for form, value in self.figures for p in _figure_problems(form, value)]
        if not isinstance(self.overlap, bool):
            problems.append(Problem("overlap", "not true or false", "true or false", self.overlap))
        _fail(problems)

    def items(self) -> tuple[tuple[str, Figure], ...]:
        """The stated ``(form, figure)`` pairs, in :data:`FORMS` order."""
        return self.figures

    def get(self, form: str) -> Figure | None:
        """The figure of ``form``, or ``None`` when it is not stated."""
        return dict(self.figures).get(form)

    def __bool__(self) -> bool:
        return bool(self.figures)

    def counted_total(self) -> int:
        """The sum of the forms given as counts."""
        return sum(v for _, v in self.figures if isinstance(v, int))


def _as_gender_forms(
    items: Mapping[str, Forms] | Iterable[tuple[str, Forms]],
) -> tuple[tuple[str, Forms], ...]:
    pairs = items.items() if isinstance(items, Mapping) else items
    found = dict(pairs)
    unknown = [name for name in found if name not in GENDERS]
    if unknown:
        raise ReleaseError(
            [
                Problem(name, f"unknown group {name!r}", f"one of {', '.join(GENDERS)}", name)
                for name in unknown
            ]
        )
    return tuple((gender, found[gender]) for gender in GENDERS if gender in found)


# -- groups of people


@attrs.frozen(kw_only=True)
class People:
    """What the organisation publishes about a group of people: its members by gender and
    age, their nationalities, and the forms of exploitation, in all and by gender.

    Every figure is a part of the group's ``whole`` (see the subclasses).
    """

    women: Figure | None = None
    girls: Figure | None = None
    men: Figure | None = None
    boys: Figure | None = None
    women_and_girls: Figure | None = None
    men_and_boys: Figure | None = None
    adults: Figure | None = None
    minors: Figure | None = None
    nationalities: int | None = None
    finnish: Figure | None = None
    forms: Forms = attrs.field(factory=Forms)
    forms_by_gender: tuple[tuple[str, Forms], ...] = attrs.field(
        default=(), converter=_as_gender_forms
    )

    def whole(self) -> Figure | None:
        """The size of the group every figure is a part of."""
        raise NotImplementedError

    def whole_name(self) -> str:
        """The key of the group's size, for messages."""
        return "count"

    def gender(self, name: str) -> Figure | None:
        """The figure of a gender group (see :data:`GENDERS`), adding women and girls (or men
        and boys) when only the two counts are given."""
        value: Figure | None = getattr(self, name)
        if value is None and name in ("women_and_girls", "men_and_boys"):
            first, second = ("women", "girls") if name == "women_and_girls" else ("men", "boys")
            a, b = getattr(self, first), getattr(self, second)
            if isinstance(a, int) and isinstance(b, int):
                return a + b
        return value

    def by_gender(self, name: str) -> Forms | None:
        """The forms of exploitation of one gender group, or ``None``."""
        return dict(self.forms_by_gender).get(name)

    def people_problems(self) -> list[Problem]:
        """The invariants every group of people keeps."""
        problems: list[Problem] = []
        whole, whole_name = self.whole(), self.whole_name()
        for name in (*GENDERS, "adults", "minors", "finnish"):
            value = getattr(self, name)
            problems += _figure_problems(name, value)
            if not _figure_problems(name, value):
                problems += _part_problems(name, value, whole_name, whole)
        problems += _figure_problems("nationalities", self.nationalities, share=False)
        if isinstance(self.nationalities, int):
            problems += _part_problems("nationalities", self.nationalities, whole_name, whole)
            if self.nationalities == 0 and isinstance(whole, int) and whole > 0:
                problems.append(
                    Problem(
                        "nationalities",
                        f"no nationality among {whole} people",
                        "at least 1 when the group has anyone in it",
                        0,
                    )
                )
        for pair, parts in (
            ("women_and_girls", ("women", "girls")),
            ("men_and_boys", ("men", "boys")),
        ):
            stated = getattr(self, pair)
            a, b = (getattr(self, p) for p in parts)
            if (
                isinstance(stated, int)
                and isinstance(a, int)
                and isinstance(b, int)
                and stated != a + b
            ):
                problems.append(
                    Problem(
                        pair,
                        f"not {parts[0]} and {parts[1]} together ({a} + {b} = {a + b})",
                        f"{a + b}, or leave one of them out",
                        stated,
                    )
                )
            for part in parts:
                problems += _part_problems(part, getattr(self, part), pair, stated)
        counted = [v for v in (self.women, self.girls, self.men, self.boys) if isinstance(v, int)]
        if isinstance(whole, int) and len(counted) > 1 and sum(counted) > whole:
            problems.append(
                Problem(
                    "women",
                    f"women, girls, men and boys add up to {sum(counted)}, more than"
                    f" {whole_name} ({whole})",
                    f"at most {whole} in all",
                    sum(counted),
                )
            )
        grown = [v for v in (self.women, self.men) if isinstance(v, int)]
        if (
            grown
            and isinstance(self.minors, int)
            and isinstance(whole, int)
            and sum(grown) + self.minors > whole
        ):
            # Women and men are adults: with the minors they are at most the whole group.
            name = "women" if isinstance(self.women, int) else "men"
            problems.append(
                Problem(
                    name,
                    f"with the minors ({self.minors}) more than {whole_name} ({whole}):"
                    f" {name} counts adults only",
                    f"at most {whole - self.minors - (sum(grown) - getattr(self, name))};"
                    f" for {'women and girls' if name == 'women' else 'men and boys'} together"
                    f" give {name}_and_{'girls' if name == 'women' else 'boys'}",
                    getattr(self, name),
                )
            )
        for young in ("girls", "boys"):
            problems += _part_problems(young, getattr(self, young), "minors", self.minors)
        if (
            isinstance(self.girls, int)
            and isinstance(self.boys, int)
            and isinstance(self.minors, int)
            and self.girls + self.boys > self.minors
        ):
            problems.append(
                Problem(
                    "minors",
                    f"fewer than girls and boys together ({self.girls + self.boys})",
                    f"at least {self.girls + self.boys}",
                    self.minors,
                )
            )
        if (
            isinstance(self.adults, int)
            and isinstance(self.minors, int)
            and isinstance(whole, int)
            and self.adults + self.minors > whole
        ):
            problems.append(
                Problem(
                    "adults",
                    f"adults and minors add up to {self.adults + self.minors}, more than"
                    f" {whole_name} ({whole})",
                    f"at most {whole} in all",
                    self.adults,
                )
            )
        problems += forms_problems("forms", self.forms, whole_name, whole)
        for gender, forms in self.forms_by_gender:
            problems += forms_problems(
                f"forms_by_gender.{gender}", forms, gender, self.gender(gender)
            )
        return problems


def forms_problems(path: str, forms: Forms, whole_name: str, whole: Figure | None) -> list[Problem]:
    """Forms larger than their group, or adding up to more than it without ``overlap``."""
    problems: list[Problem] = []
    for form, value in forms.items():
        problems += _part_problems(f"{path}.{form}", value, whole_name, whole)
    counted = forms.counted_total()
    if isinstance(whole, int) and not forms.overlap and counted > whole:
        problems.append(
            Problem(
                path,
                f"the forms add up to {counted}, more than {whole_name} ({whole})",
                f"at most {whole} in all, or 'overlap = true' if a person may be counted twice",
                counted,
            )
        )
    percents = sum(v.value for _, v in forms.items() if isinstance(v, Percent))
    if not forms.overlap and percents > 100:
        problems.append(
            Problem(
                path,
                f"the shares add up to {percents} %",
                "at most 100 % in all, or 'overlap = true' if a person may be counted twice",
                percents,
            )
        )
    return problems


@attrs.frozen(kw_only=True)
class Referrals:
    """Referrals to NAS in the period (applications, in its statistics since 2023).

    ``pending``: proposals still waiting for a decision at the period's end.
    ``change``: the published change on the same period of an earlier year, in per
    cent, for when that period's own count is not known (otherwise the statistics
    history gives it).
    """

    count: int | None = None
    pending: int | None = None
    change: Change | None = None

    def __attrs_post_init__(self) -> None:
        problems = _figure_problems("count", self.count, share=False)
        problems += _figure_problems("pending", self.pending, share=False)
        if not problems:
            problems += _part_problems("pending", self.pending, "count", self.count)
        change, count = self.change, self.count
        if (
            not problems
            and change is not None
            and isinstance(count, int)
            and _is_int(change.percent)
        ):
            if change.percent == -100 and count > 0:
                problems.append(
                    Problem(
                        "change.percent",
                        f"a fall of 100 % leaves no referrals, but count is {count}",
                        "the change in per cent from the earlier count to this one",
                        change.percent,
                    )
                )
            elif count == 0 and change.percent not in (-100, 0):
                problems.append(
                    Problem(
                        "change.percent",
                        "no referrals in the period is a fall of 100 %, or no change from none",
                        "-100 or 0",
                        change.percent,
                    )
                )
        _fail(problems)


@attrs.frozen
class Change:
    """A published change on the same period of an earlier year: ``percent`` (negative for a
    fall)."""

    year: int
    percent: int

    def __attrs_post_init__(self) -> None:
        problems = []
        if not _is_int(self.year) or not FIRST_YEAR <= self.year <= LAST_YEAR:
            problems.append(
                Problem(
                    "year",
                    "not a year of the NAS statistics",
                    f"a year from {FIRST_YEAR}",
                    self.year,
                )
            )
        if not _is_int(self.percent):
            problems.append(
                Problem(
                    "percent", "not a whole number", "a percentage such as 19 or -27", self.percent
                )
            )
        elif self.percent < -100:
            problems.append(
                Problem(
                    "percent",
                    "a count cannot fall by more than 100 %",
                    "at least -100",
                    self.percent,
                )
            )
        elif self.percent > 100_000_000:
            problems.append(
                Problem(
                    "percent",
                    "a rise of more than 100 000 000 %",
                    "at most 100 000 000",
                    self.percent,
                )
            )
        _fail(problems)


@attrs.frozen(kw_only=True)
class NewClients(People):
    """The victims admitted to NAS as new clients in the period.

    ``children``: the underage children admitted with them. ``in_finland``,
    ``home_country`` and ``abroad`` say where they were exploited (``abroad``: in
    a third country); the new clients exploited in Finland are described further
    in :class:`InFinland`.
    """

    count: int | None = None
    children: int | None = None
    home_country: Figure | None = None
    abroad: Figure | None = None

    def whole(self) -> Figure | None:
        return self.count

    def __attrs_post_init__(self) -> None:
        problems = _figure_problems("count", self.count, share=False)
        problems += _figure_problems("children", self.children, share=False)
        for name in ("home_country", "abroad"):
            problems += _figure_problems(name, getattr(self, name))
        if problems:
            _fail(problems)
        problems += self.people_problems()
        for name in ("home_country", "abroad"):
            problems += _part_problems(name, getattr(self, name), "count", self.count)
        _fail(problems)


@attrs.frozen(kw_only=True)
class InFinland(People):
    """The new clients of the period who were exploited in Finland.

    ``count`` is a count, or the published share of the new clients.
    A figure may be missing from an earlier period of the history; a release's
    own period needs its counts (:func:`nas_press.release.lint.lint`).
    """

    count: Figure | None = None

    def whole(self) -> Figure | None:
        return self.count

    def __attrs_post_init__(self) -> None:
        problems = _figure_problems("count", self.count)
        if problems:
            _fail(problems)
        _fail(self.people_problems())


@attrs.frozen(kw_only=True)
class Register(People):
    """The clients at the period's end: ``persons`` receiving services, who are the
    ``victims`` of trafficking and their underage ``children``.

    Any of the three may be given alone; given all three, they must add up. The
    other figures are parts of the victims. ``entered_as_minors``: victims who
    were minors when they were admitted.
    """

    persons: int | None = None
    victims: int | None = None
    children: int | None = None
    entered_as_minors: Figure | None = None

    def whole(self) -> Figure | None:
        return self.derived_victims

    def whole_name(self) -> str:
        return "victims"

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        for name in ("persons", "victims", "children"):
            problems += _figure_problems(name, getattr(self, name), share=False)
        problems += _figure_problems("entered_as_minors", self.entered_as_minors)
        if problems:
            _fail(problems)
        known = (self.persons, self.victims, self.children)
        if all(v is not None for v in known):
            persons, victims, children = known
            assert persons is not None
            assert victims is not None
            assert children is not None
            if victims + children != persons:
                problems.append(
                    Problem(
                        "persons",
                        f"victims ({victims}) and children ({children}) add up to"
                        f" {victims + children}",
                        "persons = victims + children",
                        persons,
                    )
                )
        for name in ("victims", "children"):
            problems += _part_problems(name, getattr(self, name), "persons", self.persons)
        if self.derived_victims is None:
            counted = [
                name
                for name in (
                    *GENDERS,
                    "adults",
                    "minors",
                    "finnish",
                    "nationalities",
                )
                if isinstance(getattr(self, name), int)
            ]
            if counted or self.forms.counted_total():
                problems.append(
                    Problem(
                        "victims",
                        "figures about the victims are given as counts, but not how many"
                        " victims there are",
                        "victims = … (or the figures as { percent = … })",
                    )
                )
        problems += self.people_problems()
        if self.derived_victims is not None:
            problems += _part_problems(
                "entered_as_minors", self.entered_as_minors, "victims", self.derived_victims
            )
        else:  # the clients admitted as minors are among those receiving services
            problems += _part_problems(
                "entered_as_minors", self.entered_as_minors, "persons", self.persons
            )
        _fail(problems)

    @property
    def derived_victims(self) -> int | None:
        """The victims, given or derived from persons and children."""
        if self.victims is not None:
            return self.victims
        if self.persons is not None and self.children is not None:
            return self.persons - self.children
        return None


SECTIONS: Final = ("referrals", "new_clients", "in_finland", "register")
"""The sections of a period's statistics, in the order a release file gives them."""

_FIGURE_KEYS: Final = (
    "count",
    "pending",
    "persons",
    "victims",
    "children",
    "home_country",
    "abroad",
    *GENDERS,
    "adults",
    "minors",
    "nationalities",
    "finnish",
    "entered_as_minors",
)


@attrs.frozen(kw_only=True)
class Statistics:
    """Every figure of one period; a section a release does not state is ``None``."""

    referrals: Referrals | None = None
    new_clients: NewClients | None = None
    in_finland: InFinland | None = None
    register: Register | None = None

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        ref, new, fin = self.referrals, self.new_clients, self.in_finland
        if ref is not None and new is not None:
            problems += _part_problems("new_clients.count", new.count, "referrals.count", ref.count)
        if fin is not None and new is not None:
            problems += _part_problems(
                "in_finland.count", fin.count, "new_clients.count", new.count
            )
            for form, value in fin.forms.items():
                problems += _part_problems(
                    f"in_finland.forms.{form}",
                    value,
                    f"new_clients.forms.{form}",
                    new.forms.get(form),
                )
            for name in (*GENDERS, "adults", "minors", "finnish"):
                problems += _part_problems(
                    f"in_finland.{name}",
                    getattr(fin, name),
                    f"new_clients.{name}",
                    getattr(new, name),
                )
            parts = [(f"forms.{form}", v, new.forms.get(form)) for form, v in fin.forms.items()]
            parts += [
                (n, getattr(fin, n), getattr(new, n))
                for n in (*GENDERS, "adults", "minors", "finnish")
            ]
            for name, here, of_all in parts:
                problems += _outside_problems(name, here, of_all, fin.count, new.count)
        if new is not None and new.count is not None:
            places = [
                ("in_finland.count", None if fin is None else fin.count),
                ("new_clients.home_country", new.home_country),
                ("new_clients.abroad", new.abroad),
            ]
            counted = sum(v for _, v in places if isinstance(v, int))
            if counted > new.count and all(
                not isinstance(v, int) or v <= new.count for _, v in places
            ):
                problems.append(
                    Problem(
                        "new_clients",
                        f"places of exploitation add up to {counted}, more than the"
                        f" {new.count} new clients",
                        f"at most {new.count}",
                        counted,
                    )
                )
        _fail(problems)

    def sections(self) -> Iterator[tuple[str, Referrals | People]]:
        """The sections stated, with their keys."""
        for name in SECTIONS:
            section = getattr(self, name)
            if section is not None:
                yield name, section

    def figures(self) -> Iterator[tuple[str, Figure]]:
        """Every figure stated, as (key path under ``statistics``, figure), in file order."""
        for name, section in self.sections():
            for key in _FIGURE_KEYS:
                value = getattr(section, key, None)
                if isinstance(value, (int, Percent)) and not isinstance(value, bool):
                    yield f"{name}.{key}", value
            if isinstance(section, People):
                for form, value in section.forms.items():
                    yield f"{name}.forms.{form}", value
                for gender, forms in section.forms_by_gender:
                    for form, value in forms.items():
                        yield f"{name}.forms_by_gender.{gender}.{form}", value

    def figure(self, key: str) -> Figure | None:
        """The figure at ``key`` (``new_clients.forms.forced_labour``), or ``None``."""
        return dict(self.figures()).get(key)

    def has(self, key: str) -> bool:
        """Whether the figure at ``key``, or any figure under it (``new_clients.forms``), is
        given."""
        return any(path == key or path.startswith(key + ".") for path, _ in self.figures())


@attrs.frozen
class HistoryEntry:
    """The published figures of one earlier period."""

    period: Period
    statistics: Statistics


def _as_entries(items: Iterable[HistoryEntry]) -> tuple[HistoryEntry, ...]:
    return tuple(sorted(items, key=lambda e: e.period.sort_key))


@attrs.frozen
class History:
    """The statistics history: every published period's figures, typed once, oldest first.

    A release compares its figures with it: the same period of earlier years,
    earlier whole years, and records over the whole series held.
    """

    entries: tuple[HistoryEntry, ...] = attrs.field(default=(), converter=_as_entries)

    def __attrs_post_init__(self) -> None:
        seen: set[Period] = set()
        problems = []
        for entry in self.entries:
            if entry.period in seen:
                problems.append(
                    Problem(str(entry.period), "the same period is given twice", "each period once")
                )
            seen.add(entry.period)
        _fail(problems)

    def get(self, period: Period) -> Statistics | None:
        """The figures of ``period``, or ``None`` when the history does not hold it."""
        for entry in self.entries:
            if entry.period == period:
                return entry.statistics
        return None

    def before(self, period: Period, kind: PeriodKind | None = None) -> tuple[HistoryEntry, ...]:
        """The entries of periods that end before ``period``, of ``kind`` if given, oldest first."""
        return tuple(
            e
            for e in self.entries
            if e.period.before(period) and (kind is None or e.period.kind is kind)
        )

    def __bool__(self) -> bool:
        return bool(self.entries)


# -- authored texts and the body


def _as_texts(texts: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    pairs = texts.items() if isinstance(texts, Mapping) else texts
    try:
        return tuple(sorted(dict(pairs).items()))
    except (TypeError, ValueError):
        raise ReleaseError(
            [
                Problem(
                    "", "not texts per language", 'a text per language, such as {"fi": "…"}', texts
                )
            ]
        ) from None


@attrs.frozen
class Translations:
    """One authored text, given in every target language (``{"fi": …, "sv": …, "en": …}``)."""

    texts: tuple[tuple[str, str], ...] = attrs.field(converter=_as_texts)

    def __attrs_post_init__(self) -> None:
        _fail(
            [
                Problem(str(lang), "not text", "text", text)
                for lang, text in self.texts
                if not isinstance(text, str) or not isinstance(lang, str)
            ]
        )

    def __getitem__(self, lang: str) -> str:
        return dict(self.texts)[lang]

    def get(self, lang: str) -> str | None:
        """The text in ``lang``, or ``None``."""
        return dict(self.texts).get(lang)

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the text is given in, sorted."""
        return tuple(lang for lang, _ in self.texts)


def _as_periods(items: Iterable[Period]) -> tuple[Period, ...]:
    return tuple(items)


@attrs.frozen
class Statement:
    """A generated statement of the body, by name (see :mod:`nas_press.plan.statements`).

    ``show`` chooses between ``"shares"`` and ``"counts"`` where a statement can
    give either; ``compare`` names the earlier periods a statement compares with
    (the statistics history holds their figures), in place of its own choice.
    """

    name: str
    show: str = "shares"
    compare: tuple[Period, ...] = attrs.field(default=(), converter=_as_periods)

    def __attrs_post_init__(self) -> None:
        problems = []
        if not isinstance(self.name, str) or not self.name:
            problems.append(
                Problem(
                    "statement", "not a statement name", "a name such as 'referrals'", self.name
                )
            )
        if self.show not in ("shares", "counts"):
            problems.append(
                Problem("show", f"unknown choice {self.show!r}", "'shares' or 'counts'", self.show)
            )
        _fail(problems)


@attrs.frozen
class Chart:
    """A chart of the body, by name (see :mod:`nas_press.plan.charts`)."""

    name: str


@attrs.frozen
class AuthoredHeading:
    """A subheading written by the author in every language."""

    text: Translations


@attrs.frozen
class AuthoredParagraph:
    """An editorial paragraph written by the author in every language. ``continues`` says
    it goes on from the paragraph before it (``continues = true``) rather than starting
    one of its own: "The rest had been forced to engage in criminal activity." after the
    generated sentence on the forms."""

    text: Translations
    continues: bool = False


@attrs.frozen
class AuthoredQuote:
    """A quotation: who said it, their title, and what they said, per language."""

    speaker: str
    title: Translations
    text: Translations


BodyItem = Statement | Chart | AuthoredHeading | AuthoredParagraph | AuthoredQuote
"""One item of a release body, in the order it is written."""


def _as_body(items: Iterable[BodyItem]) -> tuple[BodyItem, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class Contact:
    """A press contact, valid from ``valid_from`` until ``valid_until`` (both optional)."""

    name: str
    title: Translations
    phone: str
    email: str
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None


def _as_contacts(items: Iterable[Contact]) -> tuple[Contact, ...]:
    return tuple(items)


def _as_strings(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


@attrs.frozen
class BoilerplateText:
    """One boilerplate block in one language as the organisation file words it, in place
    of the bundled one: its heading, paragraphs, bullet items and paragraphs after the
    items (links written ``[text](https://…)``)."""

    heading: str
    paragraphs: tuple[str, ...] = attrs.field(default=(), converter=_as_strings)
    items: tuple[str, ...] = attrs.field(default=(), converter=_as_strings)
    after: tuple[str, ...] = attrs.field(default=(), converter=_as_strings)


def _as_wordings(
    items: Iterable[tuple[str, str, BoilerplateText]],
) -> tuple[tuple[str, str, BoilerplateText], ...]:
    return tuple(items)


@attrs.frozen
class Privacy:
    """The smallest group of people the release may state, and why it was changed."""

    min_group: int = 5
    reason: str = ""


def _as_languages(items: Iterable[str]) -> tuple[str, ...]:
    if isinstance(items, str):
        raise ReleaseError(
            [
                Problem(
                    "languages", "one text, not a list", 'a list such as ["fi", "sv", "en"]', items
                )
            ]
        )
    return tuple(items)


def _as_boilerplate(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class Release:
    """A release: its figures, its authored parts and its contacts.

    ``published`` is the publication date, ``published_time`` its time of day in
    Finland when it is known (:data:`DEFAULT_TIME` when not); ``embargo`` the moment
    before which it may not be used (Finnish time); ``version`` counts corrected
    re-sends, ``correction`` says what was corrected and ``corrected`` when (Finnish
    time). ``history`` holds the earlier periods' figures. ``boilerplate_texts`` are the
    organisation's own wordings of boilerplate blocks, ``(block, language, text)``, each in
    place of the bundled block in that language.
    """

    id: str
    languages: tuple[str, ...] = attrs.field(converter=_as_languages)
    published: datetime.date
    published_time: datetime.time | None = None
    embargo: datetime.datetime | None = None
    version: int = 1
    correction: Translations | None = None
    corrected: datetime.datetime | None = None
    period: Period
    statistics: Statistics
    history: History = attrs.field(factory=History)
    headline: Translations
    lead: Translations | Statement | None = None
    body: tuple[BodyItem, ...] = attrs.field(default=(), converter=_as_body)
    contacts: tuple[Contact, ...] = attrs.field(default=(), converter=_as_contacts)
    boilerplate: tuple[str, ...] = attrs.field(
        default=DEFAULT_BOILERPLATE, converter=_as_boilerplate
    )
    boilerplate_texts: tuple[tuple[str, str, BoilerplateText], ...] = attrs.field(
        default=(), converter=_as_wordings
    )
    quotation: str = "dash"
    privacy: Privacy = attrs.field(factory=Privacy)

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        if not isinstance(self.id, str) or not self.id.strip():
            problems.append(
                Problem("release.id", "an empty id", "a name such as '2025-h1'", self.id)
            )
        if not isinstance(self.published, datetime.date) or isinstance(
            self.published, datetime.datetime
        ):
            problems.append(
                Problem(
                    "release.published", "not a date", "a date such as 2025-07-10", self.published
                )
            )
        if self.quotation not in QUOTATIONS:
            problems.append(
                Problem(
                    "release.quotation",
                    f"unknown choice {self.quotation!r}",
                    "'dash' or 'marks'",
                    self.quotation,
                )
            )
        if not _is_int(self.version) or self.version < 1:
            problems.append(
                Problem("release.version", "not a version", "a whole number from 1", self.version)
            )
        elif self.version > 1 and self.correction is None:
            problems.append(
                Problem(
                    "release.correction",
                    f"version {self.version} corrects the release, but does not say what was"
                    " corrected",
                    'correction.fi = "…" (and in every language)',
                )
            )
        if self.corrected is not None and self.version == 1:
            problems.append(
                Problem(
                    "release.corrected",
                    "a correction time, but the release is its first version",
                    "version = 2 (or later) with the correction's time, or no corrected",
                    self.corrected.isoformat(),
                )
            )
        for entry in self.history.entries:
            if not entry.period.before(self.period) and entry.period != self.period:
                problems.append(
                    Problem(
                        f"history.{entry.period}",
                        f"a period that ends after the release's own ({self.period})",
                        f"periods up to {self.period}",
                    )
                )
        _fail(problems)

    @property
    def published_at(self) -> datetime.datetime:
        """The publication moment in Finland, with its UTC offset."""
        return in_finland(
            datetime.datetime.combine(self.published, self.published_time or DEFAULT_TIME)
        )

    @property
    def embargo_at(self) -> datetime.datetime | None:
        """The end of the embargo in Finland, with its UTC offset, or ``None``."""
        return None if self.embargo is None else in_finland(self.embargo)

    @property
    def version_at(self) -> datetime.datetime:
        """When this version was made: the correction's time, else the publication's."""
        return self.published_at if self.corrected is None else in_finland(self.corrected)

    def boilerplate_text(self, name: str, lang: str) -> BoilerplateText | None:
        """The organisation's wording of boilerplate block ``name`` in ``lang``, if it has one."""
        for block, language, text in self.boilerplate_texts:
            if (block, language) == (name, lang):
                return text
        return None
