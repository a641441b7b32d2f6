"""``in_finland_forms``: those exploited in Finland by form of exploitation, most common first.

As shares (``show = "shares"``, the default) or as counts (``show = "counts"``);
see :func:`nas_press.plan.statements._people.forms` for the rule that makes a
sentence's shares all vague or all exact. Forms already stated are left out.
"""

from __future__ import annotations

from nas_press.plan.discourse import Context
from nas_press.plan.statements import Spec
from nas_press.plan.statements._people import FormsFigures, forms


def plan(context: Context) -> FormsFigures | None:
    group = context.release.statistics.in_finland
    assert group is not None
    return forms(context, "in_finland", group)


STATEMENT = Spec(
    name="in_finland_forms",
    says='those exploited in Finland by form of exploitation: vague shares ("about half")'
    " when every share of the sentence has one, else percentages (`shares`), or counts"
    " (`counts`)",
    needs="in_finland",
    plan=plan,
    needs_one_of=("in_finland.forms",),
    shows=("shares", "counts"),
    asserts=("in_finland.forms.*",),
)
