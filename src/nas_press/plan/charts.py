"""The charts a release body can name, and the figures each draws.

``new_clients_forms`` draws the new clients by form of exploitation, ranked as
the statement ranks them; ``referrals_history`` the referrals and admissions of
this period and of the earlier periods of the same kind in the statistics
history, oldest first.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

import attrs

from nas_press.exceptions import Problem
from nas_press.plan.forms import FormFigure, ranked
from nas_press.release.model import Period, Release

CHARTS: Final = ("new_clients_forms", "referrals_history")
"""The charts a release body can name."""


@attrs.frozen
class HistoryPoint:
    """Referrals and admissions in one period, as a chart compares them."""

    period: Period
    referred: int | None
    admitted: int | None


@attrs.frozen
class PlannedChart:
    """A chart and every figure it draws, in the order drawn.

    ``forms`` (chart ``new_clients_forms``) are the new clients of ``period``
    by form, ranked, each with its share of ``total``, and whether one person
    may be counted under several forms (``overlap``); ``history`` (chart
    ``referrals_history``) is this period and the earlier ones of the same
    kind, oldest first.
    """

    name: str
    period: Period
    total: int = 0
    forms: tuple[FormFigure, ...] = ()
    overlap: bool = False
    history: tuple[HistoryPoint, ...] = ()


def history_points(release: Release) -> tuple[HistoryPoint, ...]:
    """This period and the earlier ones of the same kind with referrals or admissions."""
    points = []
    for entry in release.history.before(release.period, release.period.kind):
        ref, new = entry.statistics.referrals, entry.statistics.new_clients
        if ref is not None or new is not None:
            points.append(
                HistoryPoint(
                    entry.period,
                    None if ref is None else ref.count,
                    None if new is None else new.count,
                )
            )
    stats = release.statistics
    points.append(
        HistoryPoint(
            release.period,
            None if stats.referrals is None else stats.referrals.count,
            None if stats.new_clients is None else stats.new_clients.count,
        )
    )
    return tuple(points)


def chart(release: Release, name: str) -> PlannedChart:
    """Compute the figures of chart ``name`` (see :data:`CHARTS`)."""
    if name == "new_clients_forms":
        new = release.statistics.new_clients
        # lint: a release's own counts are given
        assert new is not None
        assert new.count is not None
        return PlannedChart(
            name,
            release.period,
            total=new.count,
            forms=tuple(f for f in ranked(new.forms, new.count) if f.count),
            overlap=new.forms.overlap,
        )
    if name == "referrals_history":
        return PlannedChart(name, release.period, history=history_points(release))
    raise AssertionError(name)  # pragma: no cover - the reader and lint refuse other names


def chart_problems(release: Release, path: str, name: str) -> Iterator[Problem]:
    """A chart needs figures to draw: forms with a count, or earlier periods to compare."""
    if name not in CHARTS:
        yield Problem(path, f"unknown chart {name!r}", f"one of {', '.join(CHARTS)}", name)
        return
    stats = release.statistics
    if name == "new_clients_forms":
        new = stats.new_clients
        if new is None or not any(isinstance(v, int) and v > 0 for _, v in new.forms.items()):
            yield Problem(
                path,
                f"chart {name!r} needs figures the release does not have: no form of"
                " exploitation has a count above 0",
                "a count under statistics.new_clients.forms",
                name,
            )
    elif name == "referrals_history":
        kind = release.period.kind
        if (stats.referrals is None and stats.new_clients is None) or len(
            history_points(release)
        ) < 2:
            yield Problem(
                path,
                f"chart {name!r} needs figures the release does not have: referrals or new"
                f" clients of the period, and of an earlier period of the same kind ({kind.value})"
                " in the statistics history",
                f"[statistics.referrals] and a history period of kind {kind.value!r}",
                name,
            )
