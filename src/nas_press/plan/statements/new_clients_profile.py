"""``new_clients_profile``: the new clients by gender and age, their Finnish nationals and
their nationalities."""

from __future__ import annotations

from nas_press.plan.discourse import Context
from nas_press.plan.statements import Spec
from nas_press.plan.statements._people import Profile, profile

_FIGURES = (
    "women",
    "girls",
    "men",
    "boys",
    "women_and_girls",
    "men_and_boys",
    "adults",
    "minors",
    "nationalities",
    "finnish",
)


def plan(context: Context) -> Profile | None:
    group = context.release.statistics.new_clients
    assert group is not None
    return profile(context, "new_clients", group)


STATEMENT = Spec(
    name="new_clients_profile",
    says="the new clients by gender and age (women and girls, men and boys, minors, adults),"
    " Finnish nationals and nationalities",
    needs="new_clients",
    plan=plan,
    needs_one_of=tuple(f"new_clients.{key}" for key in _FIGURES),
    asserts=tuple(f"new_clients.{key}" for key in _FIGURES),
)
