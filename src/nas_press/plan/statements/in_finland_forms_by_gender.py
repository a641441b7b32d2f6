"""``in_finland_forms_by_gender``: the forms of exploitation of those exploited in Finland by gender
("of the men, 94 per cent were victims of forced labour")."""

from __future__ import annotations

from nas_press.plan.discourse import Context
from nas_press.plan.statements import Spec
from nas_press.plan.statements._people import GenderForms, forms_by_gender


def plan(context: Context) -> GenderForms | None:
    group = context.release.statistics.in_finland
    assert group is not None
    return forms_by_gender(context, "in_finland", group)


STATEMENT = Spec(
    name="in_finland_forms_by_gender",
    says='the forms of exploitation of those exploited in Finland by gender ("of the men, 94'
    ' per cent were victims of forced labour")',
    needs="in_finland",
    plan=plan,
    needs_one_of=("in_finland.forms_by_gender",),
    asserts=("in_finland.forms_by_gender.*",),
)
