"""The plan: what a release says, in no language yet.

:func:`plan` turns a :class:`~nas_press.release.model.Release` into a
:class:`Plan` before any template runs: the lead and the body items in order,
each generated statement with the typed figures its templates receive,
computed once (shares, changes, rankings, records) and chosen knowing what
the release said before it (:mod:`nas_press.plan.discourse`): a proposition
is stated once, each statement names the group it is about, a group of zero
is said once. The statements are a
registry (:mod:`nas_press.plan.statements`); the charts are in
:mod:`nas_press.plan.charts`. Templates choose words for these figures; they
never compute.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import attrs

from nas_press.exceptions import Problem
from nas_press.plan.charts import PlannedChart, chart
from nas_press.plan.discourse import Context, Stated
from nas_press.release.model import (
    AuthoredHeading,
    AuthoredParagraph,
    AuthoredQuote,
    Chart,
    Release,
    Statement,
    Translations,
)

__all__ = ["Plan", "PlannedChart", "PlannedStatement", "plan", "stated_history"]


@attrs.frozen
class PlannedStatement:
    """A generated statement: its name, where it stands, the typed figures its templates
    receive (``None`` when it has nothing to add), the figures it states, and whether it
    goes on in the paragraph of the statement before it (``joins``)."""

    name: str
    path: str
    figures: object
    stated: tuple[Stated, ...] = ()
    joins: bool = False


JOINED = 3
"""How many statements one paragraph holds at most.

Two statements in a row go in one paragraph when they are about the same group
(the forms of the new clients, then their profile), or when the first ends on
the group the second is about ("… admitted 88 new clients." and "Of them, 34 per
cent …"); the second then refers to that group with a pronoun. See
:func:`ends_on`."""


RECENT = 2
"""How many statements before a statement count as just said (the children who came with
a group, just stated, make its own minors "themselves minors"). A quote, a chart or an
authored paragraph between them does not count; a heading begins a new part."""


def ends_on(figures: object) -> str | None:
    """The group of people a statement's last sentence names whole, which the next
    statement may refer to with a pronoun: the figures' ``ends_on``, where a statement's
    figures declare it (the new clients admitted; those exploited in Finland)."""
    found = getattr(figures, "ends_on", None)
    return found if isinstance(found, str) else None


PlanItem = PlannedStatement | PlannedChart | AuthoredHeading | AuthoredParagraph | AuthoredQuote
"""One item of a plan's body."""


@attrs.frozen
class Plan:
    """The language-independent plan of a release.

    ``notes`` are warnings about the plan: a statement that has nothing to add
    to what the release already said.
    """

    release: Release
    lead: Translations | PlannedStatement | None
    items: tuple[PlanItem, ...]
    notes: tuple[Problem, ...] = ()

    def statements(self) -> Iterator[PlannedStatement]:
        """The planned statements, the lead first."""
        if isinstance(self.lead, PlannedStatement):
            yield self.lead
        for item in self.items:
            if isinstance(item, PlannedStatement):
                yield item


@functools.lru_cache(maxsize=64)
def plan(release: Release) -> Plan:
    """Plan ``release``: its items in order, each statement knowing what was said before it."""
    from nas_press.plan.statements import registry

    statements = registry()
    context = Context(release)
    queue: list[
        tuple[str, Statement | Chart | AuthoredHeading | AuthoredParagraph | AuthoredQuote]
    ] = []
    if release.lead is not None and isinstance(release.lead, Statement):
        queue.append(("lead", release.lead))
    queue += [(f"body[{i}]", item) for i, item in enumerate(release.body)]
    names = [item.name for _, item in queue if isinstance(item, Statement)]
    planned: list[
        PlannedStatement | PlannedChart | AuthoredHeading | AuthoredParagraph | AuthoredQuote
    ] = []
    notes: list[Problem] = []
    lead: Translations | PlannedStatement | None = (
        release.lead if isinstance(release.lead, Translations) else None
    )
    seen = 0
    said_before: list[str] = []  # the paths of the statements since the last heading
    previous: PlannedStatement | None = None  # the statement the paragraph so far ends with
    run = 0  # how many statements that paragraph holds
    for index, (path, item) in enumerate(queue):
        following = queue[index + 1][1] if index + 1 < len(queue) else None
        if isinstance(item, Statement):
            seen += 1
            spec = statements.get(item.name)
            # The statement this one may go on from, in its paragraph.
            before = previous if path != "lead" and run < JOINED else None
            antecedent = None if before is None else ends_on(before.figures)
            recent = tuple(said_before[-RECENT:])
            context.start(
                item,
                path,
                names[seen:],
                antecedent,
                recent,
                None if before is None else before.path,
                following.name if isinstance(following, Statement) and path != "lead" else None,
                None if before is None else before.name,
            )
            if spec is None or getattr(release.statistics, spec.needs) is None:
                figures = None  # lint reports it
            else:
                figures = spec.plan(context)
            joins = (
                before is not None
                and figures is not None
                and spec is not None
                and (
                    context.referred_back
                    or spec.needs in (statements[before.name].needs, antecedent)
                )
            )
            result = PlannedStatement(item.name, path, figures, tuple(context.stated), joins)
            if figures is None:
                notes.append(
                    Problem(
                        f"{path}.statement",
                        f"statement {item.name!r} has nothing to add to what the release says"
                        " before it, and is left out",
                        severity="warning",
                    )
                )
            if path == "lead":
                lead = result
            else:
                planned.append(result)
                if figures is not None:
                    previous, run = result, run + 1 if joins else 1
            if figures is not None:
                said_before.append(path)
        else:
            if isinstance(item, Chart):
                planned.append(chart(release, item.name))
            else:
                planned.append(item)
            if isinstance(item, AuthoredHeading):
                said_before = []
            previous, run = None, 0
    return Plan(release, lead, tuple(planned), tuple(notes))


def stated_history(release: Release) -> tuple[Stated, ...]:
    """The figures of earlier periods the release states (``history.<period>.<key>``), for
    the privacy check."""
    return tuple(
        stated
        for statement in plan(release).statements()
        for stated in statement.stated
        if stated.key.startswith("history.")
    )
