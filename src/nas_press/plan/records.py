"""Comparisons with earlier periods, and records, from the statistics history.

A record is claimed only where the series supports it: when the history holds
the figure for every period of its kind from the year NAS began its work
(:data:`~nas_press.release.model.FIRST_YEAR`, 2006), with no gap: "the highest
since NAS began its work in 2006". A series that starts later says nothing of
the years before it; that the figure is higher than those of the periods a
sentence names, the figures themselves show, so no sentence claims it. One
earlier period is enough for "more than a year earlier", never for a record.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from nas_press.release.model import FIRST_YEAR, Period, Release, Statistics


@attrs.frozen
class Earlier:
    """A figure of an earlier period, compared with this one, and how many years before
    the release's own period it is (``years_back``: 1 for "a year earlier")."""

    period: Period
    value: int
    years_back: int


@attrs.frozen
class Record:
    """This period's figure is the highest since NAS began its work in ``since`` (2006):
    the history holds the figure for every earlier period of its kind."""

    since: int


Getter = Callable[[Statistics], int | None]
"""Reads one figure (a count) out of a period's statistics."""


def series(release: Release, get: Getter, periods: Sequence[Period] = ()) -> tuple[Earlier, ...]:
    """The figure in earlier periods, newest first: those named, or every earlier
    period of the release's own kind the history holds it for."""
    if periods:
        found = []
        for period in periods:
            stats = release.history.get(period)
            value = None if stats is None else get(stats)
            if value is not None:
                found.append(Earlier(period, value, release.period.year - period.year))
        return tuple(found)
    entries = release.history.before(release.period, release.period.kind)
    return tuple(
        Earlier(e.period, value, release.period.year - e.period.year)
        for e in reversed(entries)
        if (value := get(e.statistics)) is not None
    )


def record(release: Release, current: int | None, get: Getter) -> Record | None:
    """Whether ``current`` is the highest of every period of its kind since 2006 (see the
    module's docstring)."""
    if current is None:
        return None
    earlier = series(release, get)
    years = sorted(e.period.year for e in earlier)
    if years == list(range(FIRST_YEAR, release.period.year)) and all(
        e.value < current for e in earlier
    ):
        return Record(FIRST_YEAR)
    return None
