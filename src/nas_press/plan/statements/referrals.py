"""``referrals``: the referrals (applications) of the period and their change, the new
clients admitted, the children who came with them, and the proposals still pending.

The proposals still pending are said last, by ``referrals_history`` when it follows.

The change is on the same period a year earlier: the published change when the
release gives it, or computed from the statistics history, with the earlier count
in brackets; ``referrals_history`` then does not give that count again.
What the release already said (the new clients in a generated lead) is not
said again. No referrals and no new clients in this period and in the one compared
are one comparison ("no new referrals were registered and no new clients were
admitted, as in the first half of 2029"): ``admitted_as_before``.
"""

from __future__ import annotations

import datetime

import attrs

from nas_press.plan.discourse import Context
from nas_press.plan.numbers import Change
from nas_press.plan.statements import Spec
from nas_press.plan.statements._common import ChangeFigure, same_period_last_year, wording
from nas_press.release.model import Period, Statistics


@attrs.frozen
class Referrals:
    """The figures of the referrals statement; a figure already said is ``None``.
    ``earlier_admitted`` is the new clients of the period compared, said in the sentence of
    the comparison when it ends the statement ("… than in the first half of 2029 (250), when
    110 new clients were admitted"), so that the period is not named again for them."""

    period: Period
    wording: str
    count: int | None
    change: ChangeFigure | None
    admitted: int | None
    children: int | None
    pending: int | None
    pending_date: datetime.date
    admitted_as_before: bool = False
    earlier_admitted: int | None = None

    @property
    def ends_on(self) -> str | None:
        """The new clients, when their admission is the last thing said (no children and
        no pending referrals after it): a statement about them may go on with "of them"."""
        return "new_clients" if self.admitted and not self.children and not self.pending else None


def plan(context: Context) -> Referrals | None:
    release = context.release
    ref = release.statistics.referrals
    new = release.statistics.new_clients
    # lint: a release's own counts are given
    assert ref is not None
    assert ref.count is not None
    count = None if context.has_said("referrals.count") else ref.count
    if count is not None:
        context.state("referrals.count", "statistics.referrals.count", count)
    change = None
    held: Statistics | None = None
    if not context.has_said("referrals.change"):
        earlier = same_period_last_year(release.period)
        if ref.change is not None:
            computed = Change.from_percent(ref.change.year, ref.count, ref.change.percent)
            change = ChangeFigure.of(
                computed, Period(ref.change.year, release.period.kind), show_previous=False
            )
            if ref.count == 0:
                change = None  # "none, 100 per cent fewer" says nothing that "none" does not
        else:
            held = release.history.get(earlier) if earlier is not None else None
            if (
                earlier is not None
                and held is not None
                and held.referrals is not None
                and held.referrals.count is not None
            ):
                computed = Change.from_counts(earlier.year, ref.count, held.referrals.count)
                # The change and the earlier count it is of are one comparison, said here
                # once ("26 per cent more than in the first half of 2021 (147)"): a history
                # statement after it goes on from the period before.
                change = ChangeFigure.of(computed, earlier, show_previous=True)
                context.compared(f"history.{earlier}.referrals.count", held.referrals.count)
                context.state(f"history.{earlier}.referrals.count")
        if change is not None:
            context.state("referrals.change")
            if count is None:
                count = ref.count  # a change is said of the count, which stands as its base
                context.base("statistics.referrals.count", count)
    admitted = children = None
    if new is not None and not context.has_said("new_clients.count"):
        admitted = new.count
        context.state("new_clients.count", "statistics.new_clients.count", admitted)
        if admitted == 0:
            context.said_empty("new_clients")
    if (
        new is not None
        and new.children is not None
        and not context.has_said("new_clients.children")
    ):
        children = new.children
        context.state("new_clients.children", "statistics.new_clients.children", children)
    admitted_as_before = False
    earlier_admitted = None if held is None or held.new_clients is None else held.new_clients.count
    if (
        change is not None
        and change.direction == "same"
        and ref.count == 0
        and admitted == 0
        and earlier_admitted == 0
    ):
        admitted_as_before = True
        context.compared(f"history.{change.period}.new_clients.count", 0)
        context.state(f"history.{change.period}.new_clients.count")
    # The sentence ends on the period compared (this period's new clients were said before):
    # that period's new clients go in it, not in a sentence of their own that names the
    # period again.
    said_earlier = None
    if (
        change is not None
        and held is not None
        and not admitted_as_before
        and admitted is None
        and children is None
        and earlier_admitted is not None
        and not context.has_said(f"history.{change.period}.new_clients.count")
    ):
        said_earlier = earlier_admitted
        context.compared(f"history.{change.period}.new_clients.count", said_earlier)
        context.state(f"history.{change.period}.new_clients.count")
    pending = None
    # Right before the comparison with earlier years, the proposals still pending are said
    # after it, by ``referrals_history``: they would part the two halves of one comparison.
    if (
        ref.pending
        and not context.has_said("referrals.pending")
        and context.next_item != "referrals_history"
    ):
        pending = ref.pending
        context.state("referrals.pending", "statistics.referrals.pending", pending)
    if (
        count is None
        and change is None
        and admitted is None
        and children is None
        and pending is None
    ):
        return None
    return Referrals(
        release.period,
        wording(release.period),
        count,
        change,
        admitted,
        children,
        pending,
        release.period.end,
        admitted_as_before,
        said_earlier,
    )


STATEMENT = Spec(
    name="referrals",
    says="referrals (applications, from the statistics for 2023 on) and their change on the"
    " same period a year earlier, the new clients admitted and the children who came with"
    " them, and the proposals still pending",
    needs="referrals",
    plan=plan,
    asserts=(
        "referrals.count",
        "referrals.change",
        "new_clients.count",
        "new_clients.children",
        "referrals.pending",
        "history.*.new_clients.count",
    ),
)
