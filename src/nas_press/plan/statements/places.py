"""``places``: where the new clients were exploited: in Finland, in their home country,
or in a third country (abroad)."""

from __future__ import annotations

import attrs

from nas_press.plan.discourse import Context, Ref
from nas_press.plan.numbers import Share
from nas_press.plan.statements import Spec


@attrs.frozen
class Places:
    """The shares of the new clients by place of exploitation; a place already said, or
    not given, is ``None``. ``single`` says there was one new client. ``follows_profile``
    says the statement just before, in the same paragraph, was the new clients' profile, so
    that the group was the last one its sentences were about. ``placed_before`` is how many
    of the new clients a place was said of before (those exploited in Finland, in the
    summary), so that the rest may be "the other"."""

    group: Ref
    total: int
    single: bool
    in_finland: Share | None
    home_country: Share | None
    abroad: Share | None
    follows_profile: bool = False
    placed_before: int = 0

    @property
    def ends_on(self) -> str | None:
        """Those exploited in Finland, when they are the only place said: a statement about
        them may go on with "of them"."""
        only_finland = self.home_country is None and self.abroad is None
        if self.in_finland is not None and not self.in_finland.none and only_finland:
            return "in_finland"
        return None


def plan(context: Context) -> Places | None:
    stats = context.release.statistics
    new = stats.new_clients
    # lint: a release's own counts are given
    assert new is not None
    assert new.count is not None
    if new.count == 0 or context.empty("new_clients"):
        return None
    fin = stats.in_finland
    # Every new client exploited in Finland: that they were not exploited elsewhere goes
    # without saying (and "not in their home country" is wrong of a Finnish national).
    everyone_here = fin is not None and fin.count == new.count
    places = (
        ("in_finland", None if fin is None else fin.count, "in_finland.count"),
        ("home_country", new.home_country, "new_clients.home_country"),
        ("abroad", new.abroad, "new_clients.abroad"),
    )
    # A place where nobody was exploited goes without saying when the places known, said
    # here or before, add up to the whole group; said, it would contradict a Finnish
    # national exploited in Finland ("neither had been exploited in their home country").
    known = [figure for _, figure, _ in places if figure is not None]
    implied = (
        all(isinstance(f, int) for f in known)
        and sum(f for f in known if isinstance(f, int)) == new.count
    )
    found: dict[str, Share | None] = dict.fromkeys(("in_finland", "home_country", "abroad"))
    placed = 0
    for name, figure, key in places:
        if isinstance(figure, int) and context.has_said(key):
            placed += figure
        if figure is None or context.has_said(key) or (everyone_here and figure == 0):
            continue
        if implied and figure == 0:
            continue
        found[name] = place = Share.of(figure, new.count)
        context.state(key, f"statistics.{key}", figure)
        if name == "in_finland" and place.none:
            context.said_empty("in_finland")
    if all(v is None for v in found.values()):
        return None
    context.base("statistics.new_clients.count", new.count)
    ref = context.refer("new_clients", new.count, count=True)
    follows = context.follows_statement("new_clients_profile")
    return Places(
        ref, new.count, new.count == 1, follows_profile=follows, placed_before=placed, **found
    )


STATEMENT = Spec(
    name="places",
    says="where the new clients were exploited: in Finland, in their home country, in a third"
    " country",
    needs="new_clients",
    plan=plan,
    needs_one_of=("in_finland.count", "new_clients.home_country", "new_clients.abroad"),
    asserts=("in_finland.count", "new_clients.home_country", "new_clients.abroad"),
)
