"""The plan: what a release says, in no language yet.

:func:`plan` turns a :class:`~nas_press.release.model.Release` into an
:class:`Outline`: the body items in order, each generated statement with
every figure it needs computed once (shares, changes, rankings, records).
Templates choose words for these figures; they never compute.
"""

from __future__ import annotations

from typing import Any

import attrs

from nas_press.plan.numbers import Change, Share
from nas_press.release.model import (
    FORMS,
    AuthoredHeading,
    AuthoredParagraph,
    AuthoredQuote,
    Chart,
    Forms,
    Period,
    PeriodKind,
    Release,
    Statement,
    Statistics,
    Translations,
)


@attrs.frozen
class FormFigure:
    """One form of exploitation in a breakdown, with its share of the whole."""

    form: str
    count: int
    share: Share


@attrs.frozen
class FormGroup:
    """Consecutive forms of a ranking that share the same vague phrase ("about a fifth each")."""

    forms: tuple[FormFigure, ...]

    @property
    def share(self) -> Share:
        """The share of the first form of the group, which stands for all of them."""
        return self.forms[0].share


@attrs.frozen
class PlannedStatement:
    """A generated statement and the figures its template receives."""

    name: str
    show: str
    figures: dict[str, Any]


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
    by form, ranked as the statement ranks them, each with its share of
    ``total``, and whether one person may be counted under several forms
    (``overlap``); ``history`` (chart ``referrals_history``) is this period and
    the earlier ones of the same kind, oldest first.
    """

    name: str
    period: Period
    total: int = 0
    forms: tuple[FormFigure, ...] = ()
    overlap: bool = False
    history: tuple[HistoryPoint, ...] = ()


OutlineItem = PlannedStatement | PlannedChart | AuthoredHeading | AuthoredParagraph | AuthoredQuote
"""One item of an outline's body."""


@attrs.frozen
class Outline:
    """The language-independent plan of a release."""

    release: Release
    lead: Translations | PlannedStatement | None
    items: tuple[OutlineItem, ...]


def plan(release: Release) -> Outline:
    """Compute the outline of ``release``: its items in order, with every derived figure."""
    lead: Translations | PlannedStatement | None
    if isinstance(release.lead, Statement):
        lead = _statement(release, release.lead)
    else:
        lead = release.lead
    items: list[OutlineItem] = []
    for item in release.body:
        if isinstance(item, Statement):
            items.append(_statement(release, item))
        elif isinstance(item, Chart):
            items.append(chart(release, item.name))
        else:
            items.append(item)
    return Outline(release, lead, tuple(items))


def chart(release: Release, name: str) -> PlannedChart:
    """Compute the figures of chart ``name`` (see :data:`~nas_press.release.model.CHARTS`)."""
    stats = release.statistics
    if name == "new_clients_forms":
        new = stats.new_clients
        assert new is not None
        return PlannedChart(
            name,
            release.period,
            total=new.count,
            forms=ranked(new.forms, new.count),
            overlap=new.forms.overlap,
        )
    if name == "referrals_history":
        kind = release.period.kind
        points = [
            HistoryPoint(e.period, e.referred, e.admitted)
            for e in stats.earlier
            if e.period.kind is kind and (e.referred is not None or e.admitted is not None)
        ]
        points.append(
            HistoryPoint(
                release.period,
                None if stats.referrals is None else stats.referrals.count,
                None if stats.new_clients is None else stats.new_clients.count,
            )
        )
        points.sort(key=lambda p: p.period.year)
        return PlannedChart(name, release.period, history=tuple(points))
    raise AssertionError(name)  # pragma: no cover - Chart validates its name


def ranked(forms: Forms, total: int, *, other_last: bool = True) -> tuple[FormFigure, ...]:
    """Rank the stated forms by count, most common first; ties keep :data:`FORMS` order.

    Forms with a count of 0 are left out; ``other`` comes last when ``other_last``.
    """
    figures = [FormFigure(f, c, Share(c, total)) for f, c in forms.items() if c > 0]

    def key(fig: FormFigure) -> tuple[bool, int, int]:
        return (other_last and fig.form == "other", -fig.count, FORMS.index(fig.form))

    return tuple(sorted(figures, key=key))


def grouped(figures: tuple[FormFigure, ...]) -> tuple[FormGroup, ...]:
    """Group consecutive figures whose shares have the same vague phrase."""
    groups: list[list[FormFigure]] = []
    for fig in figures:
        if groups and fig.share.vague is not None and groups[-1][0].share.vague == fig.share.vague:
            groups[-1].append(fig)
        else:
            groups.append([fig])
    return tuple(FormGroup(tuple(g)) for g in groups)


def _people(group: Any, total: int) -> dict[str, Any]:
    return {
        "total": total,
        "women": None if group.women is None else Share(group.women, total),
        "minors": None if group.minors is None else Share(group.minors, total),
        "nationalities": group.nationalities,
        "finnish": group.finnish,
    }


def _change(release: Release) -> Change | None:
    stats = release.statistics
    ref = stats.referrals
    if ref is None:
        return None
    if ref.change is not None:
        if ref.change.count is not None:
            return Change.from_counts(ref.change.year, ref.count, ref.change.count)
        if ref.change.percent is not None:
            return Change.from_percent(ref.change.year, ref.count, ref.change.percent)
    for earlier in stats.earlier:
        if (
            earlier.period.year == release.period.year - 1
            and earlier.period.kind is release.period.kind
            and earlier.referred is not None
        ):
            return Change.from_counts(earlier.period.year, ref.count, earlier.referred)
    return None


def _history(release: Release, stats: Statistics) -> dict[str, Any]:
    ref = stats.referrals
    new = stats.new_clients
    earlier = sorted(
        (e for e in stats.earlier if e.period.kind is release.period.kind),
        key=lambda e: -e.period.year,
    )
    referred = [e.referred for e in earlier if e.referred is not None]
    admitted = [e.admitted for e in earlier if e.admitted is not None]
    current_referred = ref.count if ref is not None else None
    current_admitted = new.count if new is not None else None
    return {
        "referred": current_referred,
        "admitted": current_admitted,
        "earlier": earlier,
        "record_referred": bool(referred)
        and current_referred is not None
        and current_referred > max(referred),
        "record_admitted": bool(admitted)
        and current_admitted is not None
        and current_admitted > max(admitted),
        "first_year": earlier[-1].period.year if earlier else None,
    }


def _in_finland_history(release: Release) -> dict[str, Any]:
    fin = release.statistics.in_finland
    assert fin is not None
    earlier = sorted(fin.earlier, key=lambda e: -e.period.year)
    forms = []
    for form, count in fin.forms.items():
        rows = [(e.period, c) for e in earlier if (c := getattr(e.forms, form)) is not None]
        if rows:
            forms.append(
                {
                    "form": form,
                    "count": count,
                    "earlier": rows,
                    "record": count > max(c for _, c in rows),
                }
            )
    totals = [(e.period, e.count) for e in earlier if e.count is not None]
    return {
        "count": fin.count,
        "totals": totals,
        "record": bool(totals) and fin.count > max(c for _, c in totals),
        "forms": forms,
    }


def _statement(release: Release, statement: Statement) -> PlannedStatement:
    stats = release.statistics
    new, fin, reg, ref = stats.new_clients, stats.in_finland, stats.register, stats.referrals
    figures: dict[str, Any]
    name = statement.name
    if name == "summary":
        assert new is not None
        figures = {
            "new_clients": new.count,
            "in_finland": None if fin is None else Share(fin.count, new.count),
        }
    elif name == "referrals":
        assert ref is not None
        change = _change(release)
        figures = {
            "count": ref.count,
            "change": change,
            "change_period": None if change is None else Period(change.year, release.period.kind),
            "admitted": None if new is None else new.count,
            "pending": ref.pending,
        }
    elif name == "referrals_history":
        figures = _history(release, stats)
    elif name == "new_clients_forms":
        assert new is not None
        figures = {
            "total": new.count,
            "ranked": ranked(new.forms, new.count),
            "overlap": new.forms.overlap,
        }
    elif name in ("new_clients_profile", "in_finland_profile"):
        group = new if name == "new_clients_profile" else fin
        assert group is not None
        figures = _people(group, group.count)
    elif name == "places":
        assert new is not None
        figures = {
            "total": new.count,
            "in_finland": None if fin is None else Share(fin.count, new.count),
            "home_country": None
            if new.home_country is None
            else Share(new.home_country, new.count),
            "elsewhere": None if new.elsewhere is None else Share(new.elsewhere, new.count),
        }
    elif name == "in_finland_forms":
        assert fin is not None
        rank = ranked(fin.forms, fin.count)
        figures = {
            "total": fin.count,
            "ranked": rank,
            "groups": grouped(rank),
            "overlap": fin.forms.overlap,
        }
    elif name == "in_finland_history":
        figures = _in_finland_history(release)
    elif name == "register":
        assert reg is not None
        figures = {
            "persons": reg.persons,
            "victims": reg.victims,
            "children": reg.children,
            "minors": reg.minors,
            "women": None if reg.women is None else Share(reg.women, reg.victims),
            "entered_as_minors": reg.entered_as_minors,
        }
    else:  # pragma: no cover - Statement validates its name
        raise AssertionError(name)
    return PlannedStatement(name, statement.show, figures)


def period_is_half(period: Period) -> bool:
    """Whether ``period`` is the first half of a year."""
    return period.kind is PeriodKind.FIRST_HALF
