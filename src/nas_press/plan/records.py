"""Comparisons with earlier periods, and records, from the statistics history.

A record is claimed only where the series supports it, and says how far back
it reaches: :class:`Record` ``since`` when the history holds the figure for
every period of its kind from the year NAS began its work
(:data:`~nas_press.release.model.FIRST_YEAR`, 2006), with no gap: "the highest
since NAS began its work in 2006"; ``compared`` when it is higher than each of
two or more earlier periods the same sentence names: "more than in any of the
three earlier years compared". A series that starts later says nothing of the
years before it, so it supports no claim beyond the periods it names. One
earlier period is enough for "more than a year earlier", never for a record.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from nas_press.release.model import FIRST_YEAR, Period, Release, Statistics


@attrs.frozen
class Earlier:
    """A figure of an earlier period, compared with this one."""

    period: Period
    value: int


@attrs.frozen
class Record:
    """This period's figure is the highest of a series.

    ``kind`` is ``since`` (the highest since NAS began its work in ``since``,
    2006, every period of the kind held) or ``compared`` (higher than each of
    the ``periods`` earlier periods held, the first of them in ``since``).
    """

    kind: str
    since: int
    periods: int


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
                found.append(Earlier(period, value))
        return tuple(found)
    entries = release.history.before(release.period, release.period.kind)
    return tuple(
        Earlier(e.period, value)
        for e in reversed(entries)
        if (value := get(e.statistics)) is not None
    )


def record(
    release: Release, current: int | None, get: Getter, named: Sequence[Earlier] = ()
) -> Record | None:
    """Whether ``current`` is a record, and of what (see the module's docstring):
    the highest of every period since 2006, or higher than each of the ``named``
    periods a sentence compares it with."""
    if current is None:
        return None
    earlier = series(release, get)
    years = sorted(e.period.year for e in earlier)
    if years == list(range(FIRST_YEAR, release.period.year)) and all(
        e.value < current for e in earlier
    ):
        return Record("since", FIRST_YEAR, len(earlier))
    if len(named) >= 2 and all(e.value < current for e in named):
        return Record("compared", min(e.period.year for e in named), len(named))
    return None
