"""Shares, changes and vague shares, computed once from counts.

Rounding rule: a percentage is rounded half up (34.5 % → 35 %), on exact
fractions, never on floats; Babel's own half-to-even rounding is never used.

Vague shares ("about half", "almost a quarter") are chosen as follows. The
share is compared with the nearest of :data:`FRACTIONS`; ``d`` is the share
minus that fraction, in percentage points:

========================  ===========  ==========================
``d``                     qualifier    example
========================  ===========  ==========================
exactly 0                 ``exact``    21 of 42 → "half"
-1 ≤ d ≤ +2.5 (not 0)     ``about``    9 of 42 (21.4 %) → "about a fifth"
-4 ≤ d < -1               ``almost``   18 of 76 (23.7 %) → "almost a quarter"
+2.5 < d ≤ +4             ``over``     29 of 76 (38.2 %) → "just over a third"
anything else             none         the percentage is given instead
========================  ===========  ==========================

A count of 0 or a share of 100 % never gets a vague phrase.
"""

from __future__ import annotations

import functools
from fractions import Fraction

import attrs

from nas_press.release.model import Figure, Percent

FRACTIONS: tuple[tuple[str, Fraction], ...] = (
    ("tenth", Fraction(1, 10)),
    ("fifth", Fraction(1, 5)),
    ("quarter", Fraction(1, 4)),
    ("third", Fraction(1, 3)),
    ("half", Fraction(1, 2)),
    ("two_thirds", Fraction(2, 3)),
    ("three_quarters", Fraction(3, 4)),
    ("four_fifths", Fraction(4, 5)),
    ("nine_tenths", Fraction(9, 10)),
)
"""The fractions a vague share may name, with the key locale data uses for each."""

ABOUT_BELOW = Fraction(1, 100)
ABOUT_ABOVE = Fraction(25, 1000)
ALMOST_BELOW = Fraction(4, 100)
OVER_ABOVE = Fraction(4, 100)


def round_half_up(value: Fraction) -> int:
    """Round a non-negative or negative fraction to the nearest integer, halves away from zero."""
    sign = -1 if value < 0 else 1
    magnitude = abs(value)
    return sign * int(magnitude + Fraction(1, 2))


@attrs.frozen
class Vague:
    """A vague share: which fraction, and how close (``exact``, ``about``, ``almost``, ``over``)."""

    fraction: str
    qualifier: str


SMALL_GROUP = 20
"""A group smaller than this has its parts said as counts, never as vague shares ("half of
the new clients (one person)") or percentages of a handful of people."""


@attrs.frozen
class Share:
    """``count`` out of ``total``, with its percentage and vague phrase computed once.

    A share published only as a percentage (see
    :class:`~nas_press.release.model.Percent`) has no count: ``count`` is
    ``None``, ``published`` holds the percentage, and it never gets a vague
    phrase. ``total`` may be ``None`` too, when the group's size is itself a
    published share.
    """

    count: int | None
    total: int | None
    published: int | None = None

    @classmethod
    def of(cls, figure: Figure, whole: Figure | None) -> Share:
        """The share a figure is of its group, whichever of them are counts."""
        total = whole if isinstance(whole, int) else None
        if isinstance(figure, Percent):
            return cls(None, total, figure.value)
        return cls(figure, total)

    @property
    def exact(self) -> Fraction:
        """The share as an exact fraction (0 when the total is 0 or not known)."""
        if self.count is None or not self.total:
            return Fraction(self.published or 0, 100)
        return Fraction(self.count, self.total)

    @property
    def percent(self) -> int:
        """The share in whole per cent: as published, or rounded half up."""
        if self.published is not None:
            return self.published
        return round_half_up(self.exact * 100)

    @property
    def vague(self) -> Vague | None:
        """The vague phrase for the share, or ``None`` when no fraction is close enough,
        or when the share was published as a percentage."""
        if self.count is None or self.total is None or self.total < SMALL_GROUP:
            return None
        return vague(self.count, self.total)

    @property
    def whole(self) -> bool:
        """Whether the share is the whole group (100 %)."""
        if self.count is None:
            return self.percent == 100
        return bool(self.total) and self.count == self.total

    @property
    def small(self) -> bool:
        """Whether the share is of a group smaller than :data:`SMALL_GROUP`, whose parts are
        said as counts."""
        return self.total is not None and self.total < SMALL_GROUP

    @property
    def none(self) -> bool:
        """Whether the share is nobody (0)."""
        return self.count == 0 if self.count is not None else self.published == 0


@functools.lru_cache(maxsize=4096)
def vague(count: int, total: int) -> Vague | None:
    """Return the vague share of ``count`` in ``total`` by the rules above, or ``None``."""
    if total <= 0 or count <= 0 or count >= total:
        return None
    share = Fraction(count, total)
    name, fraction = min(FRACTIONS, key=lambda item: (abs(share - item[1]), item[1]))
    d = share - fraction
    if d == 0:
        return Vague(name, "exact")
    if -ABOUT_BELOW <= d <= ABOUT_ABOVE:
        return Vague(name, "about")
    if -ALMOST_BELOW <= d < -ABOUT_BELOW:
        return Vague(name, "almost")
    if ABOUT_ABOVE < d <= OVER_ABOVE:
        return Vague(name, "over")
    return None


@attrs.frozen
class Change:
    """A change from ``previous`` to ``current``: its direction and size in per cent.

    ``previous`` is ``None`` when only the published percentage is known.
    ``percent`` is the absolute size of the change, rounded half up; it is
    ``None`` when the previous count was 0.
    """

    year: int
    current: int
    previous: int | None
    percent: int | None
    direction: str

    @classmethod
    def from_counts(cls, year: int, current: int, previous: int) -> Change:
        """The change from ``previous`` to ``current`` counts."""
        if previous == 0:
            percent = None
        else:
            percent = abs(round_half_up(Fraction(current - previous, previous) * 100))
        direction = "up" if current > previous else "down" if current < previous else "same"
        return cls(year, current, previous, percent, direction)

    @classmethod
    def from_percent(cls, year: int, current: int, percent: int) -> Change:
        """A change known only as its published percentage (negative for a fall)."""
        direction = "up" if percent > 0 else "down" if percent < 0 else "same"
        return cls(year, current, None, abs(percent), direction)
