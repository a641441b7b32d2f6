"""What a release has said so far, so that each statement says only what is new.

The plan walks the lead and the body in order with one :class:`Context`.
Before a statement is planned, the context holds every proposition asserted
before it (``new_clients.count``: the number of new clients; ``in_finland.count``;
``new_clients.forms.forced_labour``; ``history.2017-h1.referrals.count``: the
referrals of an earlier period), the groups already said to be empty, and the
statements still to come. A statement asks :meth:`Context.has_said` before it
states a proposition, states it with :meth:`Context.state`, and hands its
template a referring expression for its group (:meth:`Context.refer`).

A proposition is stated once. A figure may recur only as the base of a share
or a comparison ("of the 76 new clients"), which is not an assertion.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from nas_press.release.model import Figure, Period, Release, Statement


@attrs.frozen
class Ref:
    """How a template names a group of people: ``pronoun`` ("of them", "heistä"),
    ``name`` ("of the new clients"), or ``count`` ("of the 88 new clients").

    ``group`` is the group's key (``new_clients``, ``in_finland``, ``register``,
    ``victims``); ``size`` its count, when known.
    """

    group: str
    kind: str
    size: int | None = None

    @property
    def pronoun(self) -> bool:
        """Whether the group is referred to by a pronoun."""
        return self.kind == "pronoun"

    @property
    def with_count(self) -> bool:
        """Whether the group is named with its count."""
        return self.kind == "count"


@attrs.frozen
class Stated:
    """A figure a statement states: its key path, its value, and its role.

    ``role`` is ``news`` (asserted here), ``base`` (the size of a group a share
    is of, or a figure compared with), or ``comparison`` (an earlier period's
    figure).
    """

    key: str
    value: Figure | int
    role: str = "news"


@attrs.define
class Context:
    """The state of the release while it is planned (see the module's docstring)."""

    release: Release
    item: Statement = attrs.field(factory=lambda: Statement("summary"))
    path: str = ""
    upcoming: tuple[str, ...] = ()
    said: dict[str, str] = attrs.field(factory=dict)
    zero: set[str] = attrs.field(factory=set)
    as_share: set[str] = attrs.field(factory=set)
    stated: list[Stated] = attrs.field(factory=list)
    antecedent: str | None = None
    referred_back: bool = False
    recent: tuple[str, ...] = ()
    before: str | None = None
    next_item: str | None = None
    before_name: str | None = None

    @property
    def period(self) -> Period:
        """The release's own period."""
        return self.release.period

    def has_said(self, proposition: str) -> bool:
        """Whether ``proposition`` (or one under it, such as ``x.forms.y`` for ``x.forms``)
        was stated."""
        return proposition in self.said or any(p.startswith(proposition + ".") for p in self.said)

    def state(
        self, proposition: str, key: str | None = None, value: Figure | int | None = None
    ) -> None:
        """Record that ``proposition`` is asserted here, stating ``value`` at ``key`` if given."""
        self.said.setdefault(proposition, self.path)
        if key is not None and value is not None:
            self.stated.append(Stated(key, value))

    def stated_as_share(self, proposition: str) -> None:
        """Record that ``proposition`` was said as a share of its group only, not as a count:
        a comparison of its count with earlier counts then gives the count itself."""
        self.as_share.add(proposition)

    def count_unsaid(self, proposition: str) -> bool:
        """Whether the count of ``proposition`` is still to be said: it was not stated, or
        only as a share."""
        return not self.has_said(proposition) or proposition in self.as_share

    def base(self, key: str, value: Figure | int | None) -> None:
        """Record that a figure is stated as the base of a share or a comparison."""
        if value is not None:
            self.stated.append(Stated(key, value, "base"))

    def compared(self, key: str, value: Figure | int | None) -> None:
        """Record that an earlier period's figure is stated."""
        if value is not None:
            self.stated.append(Stated(key, value, "comparison"))

    def will_say(self, *names: str) -> bool:
        """Whether a statement named in ``names`` comes later in the release."""
        return any(name in self.upcoming for name in names)

    def refer(
        self, group: str, size: int | None = None, *, count: bool = False, base: bool = False
    ) -> Ref:
        """The referring expression a statement opens with for ``group``: a pronoun ("of
        them") when the statement goes on in the paragraph of one that ended on ``group``
        (:attr:`antecedent`), else its name, with its count when ``count`` and the count
        is known, unless the release stated it before: a figure is stated once, and the
        group it is the size of is then named without it ("of the new clients"). With
        ``base``, the group is named with its count even so, as the base of what the
        statement says of it ("of the 70 exploited in Finland"), where a pronoun or the
        bare name could be read as another group just named.

        A paragraph names its group rather than pointing back across a paragraph
        break, which an editor may cut or move; within a paragraph the templates refer
        to the group with a pronoun only while it is the nearest group of people.
        """
        if base and size is not None:
            return Ref(group, "count", size)
        if group == self.antecedent:
            self.referred_back = True
            return Ref(group, "pronoun", size)
        if count and size is not None and not self.has_said(f"{group}.count"):
            return Ref(group, "count", size)
        return Ref(group, "name", size)

    def follows(self, proposition: str) -> bool:
        """Whether the statement this one may go on from, in its paragraph (:attr:`before`),
        stated ``proposition`` (or one under it, as :meth:`has_said` reads it); if so, this
        statement goes on in that paragraph, so that it may build on the sentence ("The
        figure was 52 a year earlier")."""
        stated = (
            path
            for said, path in self.said.items()
            if said == proposition or said.startswith(proposition + ".")
        )
        return self.before is not None and self.before in stated and self.after_statement()

    def before_said(self, *propositions: str) -> bool:
        """Whether the statement this one may go on from, in its paragraph (:attr:`before`),
        was the one to state any of ``propositions``; unlike :meth:`follows`, this does not
        make this statement go on in that paragraph."""
        return self.before is not None and any(
            self.said.get(proposition) == self.before for proposition in propositions
        )

    def follows_statement(self, name: str) -> bool:
        """Whether the statement this one may go on from, in its paragraph, is ``name``; if
        so, this statement goes on in that paragraph."""
        return self.before_name == name and self.after_statement()

    def after_statement(self) -> bool:
        """Whether this statement may go on in the paragraph of the statement before it; if
        so, it does, as it finishes what that statement began."""
        if self.before is None:
            return False
        self.referred_back = True
        return True

    def empty(self, group: str) -> bool:
        """Whether ``group`` was already said to be empty (a group of zero is said once)."""
        return group in self.zero

    def said_empty(self, group: str) -> None:
        """Record that ``group`` was said to be empty."""
        self.zero.add(group)

    def start(
        self,
        item: Statement,
        path: str,
        upcoming: Iterable[str],
        antecedent: str | None = None,
        recent: tuple[str, ...] = (),
        before: str | None = None,
        next_item: str | None = None,
        before_name: str | None = None,
    ) -> None:
        """Begin planning ``item``, at ``path``, with the statements that follow it, the
        group the paragraph it would go on in ended on, the paths of the statements just
        before it, the path and the name of the statement it may go on from, and the name
        of the statement right after it (``None`` when an authored item follows)."""
        self.item = item
        self.path = path
        self.upcoming = tuple(upcoming)
        self.stated = []
        self.antecedent = antecedent
        self.referred_back = False
        self.recent = recent
        self.before = before
        self.next_item = next_item
        self.before_name = before_name
