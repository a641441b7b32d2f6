"""``new_clients_forms``: the new clients by form of exploitation, most common first.

As shares (``show = "shares"``, the default) or as counts (``show = "counts"``);
see :func:`nas_press.plan.statements._people.forms` for the rule that makes a
sentence's shares all vague or all exact. Forms already stated are left out.
"""

from __future__ import annotations

from nas_press.plan.discourse import Context
from nas_press.plan.statements import Spec
from nas_press.plan.statements._people import FormsFigures, forms


def plan(context: Context) -> FormsFigures | None:
    group = context.release.statistics.new_clients
    assert group is not None
    return forms(context, "new_clients", group)


STATEMENT = Spec(
    name="new_clients_forms",
    says="new clients by form of exploitation, most common first: percentages in brackets"
    " (`shares`) or counts (`counts`)",
    needs="new_clients",
    plan=plan,
    needs_one_of=("new_clients.forms",),
    shows=("shares", "counts"),
    asserts=("new_clients.forms.*",),
)
