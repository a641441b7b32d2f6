"""``in_finland_profile``: those exploited in Finland by gender and age, their Finnish nationals and
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
    group = context.release.statistics.in_finland
    assert group is not None
    return profile(context, "in_finland", group)


STATEMENT = Spec(
    name="in_finland_profile",
    says="those exploited in Finland by gender and age, Finnish nationals and nationalities",
    needs="in_finland",
    plan=plan,
    needs_one_of=tuple(f"in_finland.{key}" for key in _FIGURES),
    asserts=tuple(f"in_finland.{key}" for key in _FIGURES),
)
