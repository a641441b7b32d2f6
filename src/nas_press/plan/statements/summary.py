"""``summary``: the period in one or two sentences, a generated lead.

The new clients of the period, the referrals when the release gives them and
no ``referrals`` statement follows to detail them, the children who came with
the new clients, and how many of the new clients were exploited in Finland.
"""

from __future__ import annotations

import attrs

from nas_press.plan.discourse import Context
from nas_press.plan.numbers import Share
from nas_press.plan.statements import Spec
from nas_press.plan.statements._common import share, wording
from nas_press.release.model import Period


@attrs.frozen
class Summary:
    """The figures of the summary.

    ``wording`` is ``applications`` or ``referrals`` (see
    :func:`~nas_press.plan.statements._common.wording`); ``referrals`` is
    ``None`` when the release gives none; ``in_finland`` is the share of the
    new clients exploited in Finland.
    """

    period: Period
    wording: str
    referrals: int | None
    admitted: int
    children: int | None
    in_finland: Share | None

    @property
    def ends_on(self) -> str | None:
        """Those exploited in Finland, when their number is the last thing said (no children
        after it): a statement about them may go on from it."""
        if self.in_finland is not None and not self.in_finland.none and not self.children:
            return "in_finland"
        return None


def plan(context: Context) -> Summary | None:
    stats = context.release.statistics
    new = stats.new_clients
    # lint: a release's own counts are given
    assert new is not None
    assert new.count is not None
    if context.has_said("new_clients.count"):
        return None  # the summary opens a release; after the new clients it has nothing new
    referrals = None
    if (
        stats.referrals is not None
        and stats.referrals.count is not None
        and not context.has_said("referrals.count")
        and not context.will_say("referrals")
    ):
        referrals = stats.referrals.count
        context.state("referrals.count", "statistics.referrals.count", referrals)
    context.state("new_clients.count", "statistics.new_clients.count", new.count)
    if new.count == 0:
        context.said_empty("new_clients")
    children = None
    if new.children is not None and not context.has_said("new_clients.children"):
        children = new.children
        context.state("new_clients.children", "statistics.new_clients.children", children)
    in_finland = None
    fin = stats.in_finland
    if fin is not None and new.count > 0 and not context.has_said("in_finland.count"):
        in_finland = share(fin.count, new.count)
        context.state("in_finland.count", "statistics.in_finland.count", fin.count)
        if in_finland is not None and in_finland.none:
            context.said_empty("in_finland")
    return Summary(
        context.period, wording(context.period), referrals, new.count, children, in_finland
    )


STATEMENT = Spec(
    name="summary",
    says="the period in brief: new clients, referrals, the children who came with the new"
    " clients, and how many were exploited in Finland (a good generated lead)",
    needs="new_clients",
    plan=plan,
    asserts=("referrals.count", "new_clients.count", "new_clients.children", "in_finland.count"),
)
