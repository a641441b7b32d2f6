"""``in_finland_history``: those exploited in Finland, in all and by form, against
earlier periods, each figure in one sentence with all its comparisons.

The earlier periods are those named by ``compare = [...]`` (which may be whole
years for a first half, as "more than in the whole of 2017"), or every
earlier period of the same kind the statistics history holds, at most three.
A record is claimed as :mod:`nas_press.plan.records` allows, over the periods
of the release's own kind.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from nas_press.plan.discourse import Context
from nas_press.plan.records import Earlier, Record, record, series
from nas_press.plan.statements import Spec
from nas_press.release.model import Period, Statistics

MAX_PERIODS = 3
"""Earlier periods compared when the release does not name them."""


@attrs.frozen
class Compared:
    """One figure of this period (``form`` ``None`` for the total), the same figure in
    earlier periods, newest first, and whether it is a record; ``new`` says the count is
    stated here, ``as_share`` that it was said before as a share of its group ("Half of
    those exploited in Finland had been victims of forced labour"), so that the count is
    given as the base of the comparison rather than as news ("…, the number of victims of
    forced labour was 45, up from 40 a year earlier")."""

    form: str | None
    count: int
    earlier: tuple[Earlier, ...]
    record: Record | None
    new: bool
    as_share: bool = False

    @property
    def higher(self) -> bool:
        """Whether this period's figure is higher than each earlier one compared."""
        return all(self.count > e.value for e in self.earlier)


@attrs.frozen
class InFinlandHistory:
    """The comparisons of the statement: the total first, then each form.

    ``follows_count`` says the sentence just before, in the same paragraph, stated this
    period's number of those exploited in Finland and ended on them, so that the comparison
    may go on from it ("Vastaava luku oli …", "The figure was 52 a year earlier").
    """

    period: Period
    rows: tuple[Compared, ...]
    follows_count: bool = False


def _getter(form: str | None) -> Callable[[Statistics], int | None]:
    def get(stats: Statistics) -> int | None:
        fin = stats.in_finland
        if fin is None:
            return None
        value = fin.count if form is None else fin.forms.get(form)
        return value if isinstance(value, int) else None

    return get


def plan(context: Context) -> InFinlandHistory | None:
    release = context.release
    fin = release.statistics.in_finland
    assert fin is not None
    periods = context.item.compare
    if not periods:
        periods = tuple(
            e.period for e in reversed(release.history.before(release.period, release.period.kind))
        )[:MAX_PERIODS]
    rows = []
    figures: list[tuple[str | None, object]] = [(None, fin.count), *fin.forms.items()]
    for form, value in figures:
        if not isinstance(value, int) or (form is not None and fin.count == 0):
            continue  # a count not given; or none in Finland, so none of any form either
        get = _getter(form)
        earlier = series(release, get, periods)
        if not earlier or (value == 0 and all(e.value == 0 for e in earlier)):
            continue  # nothing to compare, or none now as before
        key = "in_finland.count" if form is None else f"in_finland.forms.{form}"
        # A figure said before as a share only is compared as a count, which the sentence
        # gives: "45 had been victims of forced labour, against 40 a year earlier".
        new = context.count_unsaid(key)
        as_share = new and context.has_said(key)
        context.state(key, f"statistics.{key}", value) if new else context.base(
            f"statistics.{key}", value
        )
        for e in earlier:
            name = "count" if form is None else f"forms.{form}"
            context.compared(f"history.{e.period}.in_finland.{name}", e.value)
        rows.append(Compared(form, value, earlier, record(release, value, get), new, as_share))
    if not rows:
        return None
    if fin.count == 0:
        context.said_empty("in_finland")
    # The count the sentence before ended on: not one place among several it named.
    follows = (
        rows[0].form is None
        and not rows[0].new
        and context.antecedent == "in_finland"
        and context.follows("in_finland.count")
    )
    return InFinlandHistory(release.period, tuple(rows), follows)


STATEMENT = Spec(
    name="in_finland_history",
    says="those exploited in Finland, in all and by form, against earlier periods (named by"
    " `compare`, such as earlier whole years, or the last three of the same kind)",
    needs="in_finland",
    plan=plan,
    compares=True,
    asserts=("in_finland.count", "in_finland.forms.*"),
)
