"""What several statements share: the wording era, changes, and the figures of a group."""

from __future__ import annotations

import datetime

import attrs

from nas_press.plan.numbers import Change, Share
from nas_press.release.model import FIRST_YEAR, Figure, People, Period, PeriodKind

APPLICATIONS_SINCE = Period(2023, PeriodKind.YEAR)
"""NAS counts applications (fi "hakemus", sv "ansökan") since its statistics for the
whole of 2023, published in January 2024; a release of an earlier period, the first half
of 2023 included, says people were referred ("ohjattiin", "hänvisades")."""


def wording(period: Period) -> str:
    """``applications`` for a period counted as applications, ``referrals`` before it."""
    since = APPLICATIONS_SINCE
    counted = period.year > since.year or (period.year == since.year and period.kind is since.kind)
    return "applications" if counted else "referrals"


SMALL_BASE = 10
"""An earlier count below which a change is not given in per cent."""


@attrs.frozen
class ChangeFigure:
    """A change on an earlier period: its direction, its size in per cent (``None`` when
    the earlier count was 0), the earlier count if it is to be shown, and the period."""

    direction: str
    percent: int | None
    previous: int | None
    period: Period

    @classmethod
    def of(cls, change: Change, period: Period, *, show_previous: bool) -> ChangeFigure:
        """Wrap a computed :class:`~nas_press.plan.numbers.Change`.

        A change from fewer than :data:`SMALL_BASE`, or to none, is given as the earlier
        count ("against three"), not as a percentage ("an increase of 2,900 per cent",
        "100 per cent fewer").
        """
        if change.previous is not None and (change.previous < SMALL_BASE or change.current == 0):
            return cls(change.direction, None, change.previous, period)
        return cls(
            change.direction, change.percent, change.previous if show_previous else None, period
        )

    @property
    def small(self) -> bool:
        """Whether the change is said by the earlier count alone (see :meth:`of`)."""
        return self.percent is None


def share(figure: Figure | None, whole: Figure | None) -> Share | None:
    """The share a figure is of its group, or ``None`` for a figure not given."""
    return None if figure is None else Share.of(figure, whole)


def size(figure: Figure | None) -> int | None:
    """A group's size when it is a count."""
    return figure if isinstance(figure, int) else None


def period_end(period: Period) -> datetime.date:
    """The last day of ``period``."""
    return period.end


def same_period_last_year(period: Period) -> Period | None:
    """The same period a year earlier, or ``None`` for the NAS's first year."""
    if period.year <= FIRST_YEAR:
        return None
    return Period(period.year - 1, period.kind)


def kind_of(period: Period) -> str:
    """``first-half`` or ``year``."""
    return period.kind.value


def is_half(period: Period) -> bool:
    """Whether ``period`` is the first half of a year."""
    return period.kind is PeriodKind.FIRST_HALF


def gender(group: People, name: str) -> Share | None:
    """The share of a gender group (see :data:`~nas_press.release.model.GENDERS`)."""
    return share(group.gender(name), group.whole())
