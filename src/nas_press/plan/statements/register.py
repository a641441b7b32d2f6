"""``register``: the clients at the period's end: the persons receiving services, the
victims and their underage children, and what is known of the victims.

Any of persons, victims and children may be given alone ("1 588 clients at
the end of June"). A record is claimed as :mod:`nas_press.plan.records`
allows, over the register's totals in the history.
"""

from __future__ import annotations

import datetime

import attrs

from nas_press.plan.discourse import Context
from nas_press.plan.numbers import Share
from nas_press.plan.records import Record, record
from nas_press.plan.statements import Spec
from nas_press.plan.statements._common import share
from nas_press.release.model import Statistics


@attrs.frozen
class RegisterFigures:
    """The figures of the register statement, as the release gives them; shares are of the
    victims, given or found as the persons less the children. ``identified`` says the
    victims are called identified victims (see :data:`IDENTIFIED_SINCE`)."""

    end: datetime.date
    persons: int | None
    victims: int | None
    children: int | None
    record: Record | None
    minors: Share | None
    entered_as_minors: Share | None
    women: Share | None
    women_and_girls: Share | None
    nationalities: int | None
    identified: bool = True
    base: int | None = None
    """The victims the shares are of: as given, or the persons less their children; the
    templates name them with this count ("of the 299 victims") when the release gives no
    number of victims."""

    @property
    def single(self) -> bool:
        """Whether there is one victim."""
        return self.victims == 1


IDENTIFIED_SINCE = 2023
"""The first year whose releases call the clients "identified victims": earlier releases
speak of victims, or of possible or presumed victims."""


def _persons(stats: Statistics) -> int | None:
    reg = stats.register
    return None if reg is None else reg.persons


def plan(context: Context) -> RegisterFigures | None:
    release = context.release
    reg = release.statistics.register
    assert reg is not None
    values = {}
    for name in ("persons", "victims", "children"):
        value = getattr(reg, name)
        values[name] = value
        if value is not None:
            context.state(f"register.{name}", f"statistics.register.{name}", value)
    victims = reg.derived_victims  # the base of the shares, given or found from the others
    shares = {}
    for name in ("minors", "entered_as_minors", "women", "women_and_girls"):
        figure = reg.gender(name) if name == "women_and_girls" else getattr(reg, name)
        shares[name] = share(figure, victims)
        if figure is not None:
            context.state(f"register.{name}", f"statistics.register.{name}", figure)
    if reg.nationalities is not None:
        context.state(
            "register.nationalities", "statistics.register.nationalities", reg.nationalities
        )
    return RegisterFigures(
        release.period.end,
        values["persons"],
        values["victims"],
        values["children"],
        record(release, reg.persons, _persons),
        nationalities=reg.nationalities,
        identified=release.period.year >= IDENTIFIED_SINCE,
        base=victims,
        **shares,
    )


STATEMENT = Spec(
    name="register",
    says="the clients at the period's end: persons receiving services, victims and their"
    " children (any of them, or the total alone), minors, those admitted as minors, women,"
    " and a record against the history",
    needs="register",
    plan=plan,
    asserts=(
        "register.persons",
        "register.victims",
        "register.children",
        "register.minors",
        "register.entered_as_minors",
        "register.women",
        "register.girls",
        "register.women_and_girls",
        "register.nationalities",
    ),
)
