"""``referrals_history``: the referrals and admissions of the same period in earlier
years, in one sentence, and whether this period is the highest since NAS began its work.

The earlier periods are those named by ``compare = [...]``, or every earlier
period of the same kind the statistics history holds, at most three, newest
first. A record is claimed as :mod:`nas_press.plan.records` allows.
"""

from __future__ import annotations

import datetime

import attrs

from nas_press.plan.discourse import Context
from nas_press.plan.records import Record, record
from nas_press.plan.statements import Spec
from nas_press.plan.statements._common import wording
from nas_press.release.model import Period, Statistics

MAX_PERIODS = 3
"""Earlier periods compared when the release does not name them."""


@attrs.frozen
class Row:
    """One earlier period: its referrals and its new clients, where the history holds them,
    and how many years before the release's own period it is (``years_back``)."""

    period: Period
    referred: int | None
    admitted: int | None
    years_back: int


@attrs.frozen
class ReferralsHistory:
    """The figures of the statement: the earlier periods, newest first, the records of
    this period's referrals and admissions, and the proposals still pending at the end of
    the period (``pending``, on ``pending_date``) when the ``referrals`` statement it goes
    on from left them to be said last. ``follows_change`` says the first row is the period
    that statement, just before in the same paragraph, compared this period's referrals
    with ("…, as in the first half of 2029, when one new client was admitted").
    ``after_admissions`` says that statement did not end on that comparison but went on to
    this period's admissions in a sentence of their own ("The NAS admitted 367 new clients."),
    so that the period compared may be counted back from this one ("A year earlier, …").
    Where that statement ended on the comparison, it said the new clients of the period
    compared itself (``Referrals.earlier_admitted``). ``admitted_said`` says this
    period's new clients were stated before, in the organisation's words ("were admitted
    to the NAS"), which an earlier period's admissions then do not repeat."""

    period: Period
    wording: str
    rows: tuple[Row, ...]
    referred: int | None
    admitted: int | None
    record_referred: Record | None
    record_admitted: Record | None
    pending: int | None = None
    pending_date: datetime.date | None = None
    follows_change: bool = False
    after_admissions: bool = False
    admitted_said: bool = False


def _referred(stats: Statistics) -> int | None:
    return None if stats.referrals is None else stats.referrals.count


def _admitted(stats: Statistics) -> int | None:
    return None if stats.new_clients is None else stats.new_clients.count


def plan(context: Context) -> ReferralsHistory | None:
    release = context.release
    periods = (
        context.item.compare
        or tuple(
            e.period for e in reversed(release.history.before(release.period, release.period.kind))
        )[:MAX_PERIODS]
    )
    rows = []
    for period in periods:
        stats = release.history.get(period)
        if stats is None:
            continue
        referred, admitted = _referred(stats), _admitted(stats)
        if context.has_said(f"history.{period}.referrals.count"):
            referred = None
        if context.has_said(f"history.{period}.new_clients.count"):
            admitted = None
        if referred is None and admitted is None:
            continue
        rows.append(Row(period, referred, admitted, release.period.year - period.year))
        for key, value in (("referrals.count", referred), ("new_clients.count", admitted)):
            if value is not None:
                context.compared(f"history.{period}.{key}", value)
                context.state(f"history.{period}.{key}")
    follows_change = (
        bool(rows)
        and rows[0].referred is None
        and context.follows(f"history.{rows[0].period}.referrals.count")
    )
    admitted_said = context.has_said("new_clients.count")
    current_referred = _referred(release.statistics)
    current_admitted = _admitted(release.statistics)
    # No referrals and no admissions are said in the comparison's own sentence ("…, as in the
    # first half of 2029, and no new clients were admitted"), which still names that period.
    merged = current_referred == 0 and current_admitted == 0
    after_admissions = follows_change and (
        context.before_said("new_clients.children")
        or (context.before_said("new_clients.count") and not merged)
    )
    # Only a record of the whole series is claimed: that this period's figure is higher than
    # those of the periods the sentence names, the figures themselves show.
    record_referred = record(release, current_referred, _referred)
    record_admitted = (
        record(release, current_admitted, _admitted) if record_referred is None else None
    )
    pending = None
    held = release.statistics.referrals
    if held is not None and held.pending and not context.has_said("referrals.pending"):
        # Not said yet: the ``referrals`` statement just before left them to be said last,
        # after the comparison, which goes on in its paragraph.
        context.after_statement()
        pending = held.pending
        context.state("referrals.pending", "statistics.referrals.pending", pending)
    if not rows and record_referred is None and record_admitted is None and pending is None:
        return None
    return ReferralsHistory(
        release.period,
        wording(release.period),
        tuple(rows),
        current_referred,
        current_admitted,
        record_referred,
        record_admitted,
        pending,
        release.period.end if pending is not None else None,
        follows_change,
        after_admissions,
        admitted_said,
    )


STATEMENT = Spec(
    name="referrals_history",
    says="referrals and admissions in the same period of earlier years (named by `compare`,"
    " or the last three the history holds), and whether this period is a record",
    needs="referrals",
    plan=plan,
    compares=True,
    asserts=("history.*.referrals.count", "history.*.new_clients.count", "referrals.pending"),
)
