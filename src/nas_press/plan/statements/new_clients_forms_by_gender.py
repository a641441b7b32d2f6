"""``new_clients_forms_by_gender``: the forms of exploitation of the new clients by gender
("of the men, 94 per cent were victims of forced labour")."""

from __future__ import annotations

from nas_press.plan.discourse import Context
from nas_press.plan.statements import Spec
from nas_press.plan.statements._people import GenderForms, forms_by_gender


def plan(context: Context) -> GenderForms | None:
    group = context.release.statistics.new_clients
    assert group is not None
    return forms_by_gender(context, "new_clients", group)


STATEMENT = Spec(
    name="new_clients_forms_by_gender",
    says="the forms of exploitation of the new clients by gender",
    needs="new_clients",
    plan=plan,
    needs_one_of=("new_clients.forms_by_gender",),
    asserts=("new_clients.forms_by_gender.*",),
)
