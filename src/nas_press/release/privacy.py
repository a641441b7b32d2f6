"""The privacy of victims: statistical disclosure control of every figure a release states.

NAS publishes a group of people defined by nationality only when it holds
five people or more, "to protect the identity of our clients". nas_press
applies that rule to every figure a release states and to every difference of
two stated figures that describes a group, in the release's own period and in
each earlier period whose figures it states (:func:`nas_press.plan.stated_history`):

- a group defined by nationality that holds 1 to ``min_group - 1`` people is an
  **error**: the Finnish nationals of a group; the others of the group (its
  size less its Finnish nationals); and every difference of those between the
  new clients and the new clients exploited in Finland (the Finnish
  nationals, or the others, exploited outside Finland; the new clients who
  are not Finnish nationals exploited in Finland), and a group of fewer than
  ``min_group`` people who all share one nationality;
- any other small group is a **warning**, since combined with the rest of the
  release it may narrow a group down to a few people: each figure of 1 to
  ``min_group - 1`` people (women, girls, women and girls, adults, minors, a
  form or a place of exploitation, a form by gender, the children, the
  referrals, …), each difference of a part and its whole (the group less the
  part; the register's persons less its victims), of a part of a pair and the
  pair (women and girls less women leaves the girls; minors less girls; adults
  less women), of a form by gender and the form, and of the same figure
  between the new clients and those exploited in Finland; and a group whose
  people all (or all but one) have a nationality of their own.

A figure of zero, and a difference of zero, says nothing of anyone and is
not reported. A figure published as a share
(:class:`~nas_press.release.model.Percent`) stands for every count of its
group that rounds (half up) to it, and is reported when any of them makes a
small group. Referrals less the new clients is not a group (the new clients
of a period include people referred in earlier ones) and is not checked.

The limit can be changed for one release only with a reason of real words
(``privacy.reason``, see :func:`reason_is_words`); :func:`notes` says so, and
``check`` and ``render`` print it on standard error.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from fractions import Fraction

import attrs

from nas_press.exceptions import Problem
from nas_press.release.model import FORMS, Figure, Percent, Release

DEFAULT_MIN_GROUP = 5
"""The smallest group NAS publishes by default, as its statistics pages do."""

_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")
"""Letters that show as nothing: the Hangul fillers."""
_WORD = re.compile(r"[^\W\d_]{2,}")


def reason_is_words(reason: str) -> bool:
    """Whether ``reason`` is a sentence of real words.

    That is: at least three words of two letters or more, at least three of
    them different and at least one of four letters or more (so neither
    "ok ok ok" nor "xx xx xx" nor "a b c"), and no control, format, private-use
    or unassigned characters, nor letters that show as nothing (U+3164), that
    would hide what it says.
    """
    if any(unicodedata.category(c) in ("Cc", "Cf", "Co", "Cs", "Cn") for c in reason):
        return False
    if any(c in _BLANK_LETTERS for c in reason):
        return False
    words = [w.casefold() for w in _WORD.findall(reason)]
    return len(set(words)) >= 3 and any(len(w) >= 4 for w in words)


def _round_half_up(value: Fraction) -> int:
    return int(value + Fraction(1, 2))


def possible_counts(figure: Figure, whole: Figure | None) -> tuple[int, ...]:
    """The counts ``figure`` may stand for: itself, or every count of ``whole`` that a
    published percentage rounds (half up) to; none when the whole is not a count."""
    if isinstance(figure, int):
        return (figure,)
    if not isinstance(whole, int):
        return ()
    span = _Span.of_percent(figure.value, _Span(whole, whole))
    return () if span is None else tuple(range(span.low, span.high + 1))


@attrs.frozen
class _Span:
    """The counts a figure may stand for: every whole number from ``low`` to ``high``."""

    low: int
    high: int

    @classmethod
    def of_percent(cls, percent: int, whole: _Span) -> _Span | None:
        """The counts of a group of ``whole`` people that round (half up) to ``percent``."""
        low: int | None = None
        high: int | None = None
        # The counts c of w people with p - 1/2 <= 100 c / w < p + 1/2.
        for w in (whole.low, whole.high):
            if w == 0:
                first, last = (0, 0) if percent == 0 else (1, 0)
            else:
                first = -((-(2 * percent - 1) * w) // 200)  # ceil((2p - 1) w / 200)
                last = -((-(2 * percent + 1) * w) // 200) - 1
                first, last = max(first, 0), min(last, w)
            if first <= last:
                low = first if low is None else min(low, first)
                high = last if high is None else max(high, last)
        return None if low is None or high is None else cls(low, high)

    def __sub__(self, other: _Span) -> _Span:
        return _Span(self.low - other.high, self.high - other.low)

    def __add__(self, other: _Span) -> _Span:
        return _Span(self.low + other.low, self.high + other.high)

    def small(self, limit: int) -> int | None:
        """The smallest count of 1 to ``limit - 1`` this may stand for, or ``None``."""
        first = max(self.low, 1)
        return first if first <= self.high and first < limit else None

    def exact(self) -> bool:
        return self.low == self.high


_PEOPLE = ("new_clients", "in_finland", "register")
_WHOLE = {"new_clients": "count", "in_finland": "count", "register": "victims"}
_PARTS = ("women", "girls", "men", "boys", "women_and_girls", "men_and_boys", "adults", "minors")
_SIBLING = {
    "women_and_girls": "men_and_boys",
    "men_and_boys": "women_and_girls",
    "adults": "minors",
    "minors": "adults",
}
_PAIRS = (  # (part, pair, the rest of the pair)
    ("women", "women_and_girls", "girls"),
    ("girls", "women_and_girls", "women"),
    ("men", "men_and_boys", "boys"),
    ("boys", "men_and_boys", "men"),
    ("girls", "minors", "boys"),
    ("boys", "minors", "girls"),
    ("women", "adults", "men"),
    ("men", "adults", "women"),
)
_NOT_FINNISH = "not_finnish"
"""The key of a derived figure: those of a group who are not Finnish nationals."""


@attrs.frozen
class _Relation:
    """A part of a group and the group: their difference is a group of its own."""

    part: str
    whole: str
    rest: str | None = None
    """The key of the figure the difference is, when it has one: it is checked as a figure
    when the release states it."""
    nationality: bool = False
    outside: bool = False
    """The difference is of people exploited outside Finland."""
    proper: bool = False
    """The difference is a group of its own only when the part holds someone: with a part
    of zero it is the whole, which is checked as a figure."""
    other: str | None = None
    """The key of the rest of the whole's part beside ``part`` (the others of those
    exploited in Finland): with it zero, the difference is only of people exploited outside
    Finland, a group of no nationality, checked as such."""


def _relations() -> Iterator[_Relation]:
    for section in _PEOPLE:
        whole = f"{section}.{_WHOLE[section]}"
        yield _Relation(f"{section}.finnish", whole, f"{section}.{_NOT_FINNISH}", True)
        for part in _PARTS:
            rest = _SIBLING.get(part)
            yield _Relation(f"{section}.{part}", whole, rest and f"{section}.{rest}")
        for part, pair, rest in _PAIRS:
            yield _Relation(f"{section}.{part}", f"{section}.{pair}", f"{section}.{rest}")
        for form in FORMS:
            yield _Relation(f"{section}.forms.{form}", whole)
            for gender in _PARTS[:6]:
                by_gender = f"{section}.forms_by_gender.{gender}.{form}"
                yield _Relation(by_gender, f"{section}.{gender}")
                yield _Relation(by_gender, f"{section}.forms.{form}")
    yield _Relation("register.entered_as_minors", "register.victims")
    yield _Relation("register.victims", "register.persons", "register.children")
    yield _Relation("register.children", "register.persons", "register.victims")
    for place in ("home_country", "abroad"):
        yield _Relation(f"new_clients.{place}", "new_clients.count")
    yield _Relation("in_finland.count", "new_clients.count", outside=True)
    # Between the new clients and those of them exploited in Finland.
    for key in (*_PARTS, *(f"forms.{form}" for form in FORMS)):
        yield _Relation(f"in_finland.{key}", f"new_clients.{key}", outside=True)
    for form in FORMS:
        for gender in _PARTS[:6]:
            key = f"forms_by_gender.{gender}.{form}"
            yield _Relation(f"in_finland.{key}", f"new_clients.{key}", outside=True)
    for part in ("finnish", _NOT_FINNISH):
        yield _Relation(f"in_finland.{part}", f"new_clients.{part}", nationality=True, outside=True)
        other = f"in_finland.{_NOT_FINNISH if part == 'finnish' else 'finnish'}"
        yield _Relation(
            f"in_finland.{part}", "new_clients.count", nationality=True, proper=True, other=other
        )


_RELATIONS = tuple(_relations())


def _whole_of(key: str) -> str | None:
    """The key of the group a published share at ``key`` is a share of."""
    section, _, rest = key.partition(".")
    if key == "in_finland.count":
        return "new_clients.count"
    if section not in _PEOPLE or rest in ("count", "persons", "victims", "children"):
        return None
    if rest.startswith("forms_by_gender."):
        return f"{section}.{rest.split('.')[1]}"
    if key == "register.entered_as_minors":
        return "register.victims"
    return f"{section}.{_WHOLE[section]}"


class _Check:
    def __init__(self, release: Release) -> None:
        self.limit = release.privacy.min_group
        self.problems: list[Problem] = []
        self.seen: set[tuple[str, str]] = set()

    def add(self, path: str, text: str, value: object, *, nationality: bool) -> None:
        if (path, text) in self.seen:
            return
        self.seen.add((path, text))
        if nationality:
            self.problems.append(
                Problem(
                    path,
                    f"{text}: a group defined by nationality of fewer than {self.limit} people"
                    " could identify its members",
                    f"0 or at least {self.limit} (privacy.min_group), or leave the figure out",
                    value,
                )
            )
        else:
            self.problems.append(
                Problem(
                    path,
                    f"{text}, fewer than {self.limit} people; combined with the other figures"
                    " it may narrow down who they are",
                    f"0 or at least {self.limit} (privacy.min_group)",
                    value,
                    severity="warning",
                )
            )

    def period(self, figures: Mapping[str, Figure], prefix: str, earlier: bool) -> None:
        """Check the figures stated of one period (keys relative to ``prefix``)."""
        known = _known(figures)
        where = " in an earlier period" if earlier else ""

        def path(key: str) -> str:
            if key.endswith(f".{_NOT_FINNISH}"):
                key = key.removesuffix(_NOT_FINNISH) + "finnish"
            return prefix + key

        for key, value in figures.items():
            span = known.get(key)
            if span is None or key.endswith(".nationalities"):
                continue
            small = span.small(self.limit)
            if small is None:
                continue
            about = _about(value, small)
            if key.endswith(".finnish"):
                self.add(
                    path(key), f"{about} Finnish nationals{where}", _shown(value), nationality=True
                )
            else:
                what = " children" if key.endswith(".children") else ""
                self.add(
                    path(key), f"a group of {about}{what}{where}", _shown(value), nationality=False
                )
        for relation in _RELATIONS:
            part, whole = known.get(relation.part), known.get(relation.whole)
            if part is None or whole is None:
                continue
            if relation.rest is not None and relation.rest in figures:
                continue  # checked as a figure of its own
            if relation.proper and part == _Span(0, 0):
                continue
            if relation.other is not None and known.get(relation.other) == _Span(0, 0):
                continue
            rest = (whole - part).small(self.limit)
            if rest is None:
                continue
            stated = relation.part if _stated(relation.part, figures) else relation.whole
            figure = figures.get(stated.replace(_NOT_FINNISH, "finnish"))
            self.add(
                path(stated),
                _difference(relation, rest, known) + where,
                None if figure is None else _shown(figure),
                nationality=relation.nationality,
            )
        for section in _PEOPLE:
            nationalities = figures.get(f"{section}.nationalities")
            group = known.get(f"{section}.{_WHOLE[section]}")
            if not isinstance(nationalities, int) or group is None:
                continue
            sizes = range(max(group.low, 1), group.high + 1)
            if nationalities == 1 and any(s < self.limit for s in sizes):
                size = min(sizes)
                self.add(
                    path(f"{section}.nationalities"),
                    (
                        "the group's one person has one nationality"
                        if size == 1
                        else f"all {size} people of the group share one nationality"
                    )
                    + where,
                    nationalities,
                    nationality=True,
                )
            elif self.limit > 1 and any(s > 1 and nationalities >= s - 1 for s in sizes):
                size = max(s for s in sizes if s > 1 and nationalities >= s - 1)
                self.add(
                    path(f"{section}.nationalities"),
                    f"{nationalities} nationalities among {size} people: all or all but one of"
                    f" them have a nationality of their own, a group of one{where}",
                    nationalities,
                    nationality=False,
                )


def _stated(key: str, figures: Mapping[str, Figure]) -> bool:
    return key in figures or key.replace(_NOT_FINNISH, "finnish") in figures


def _known(figures: Mapping[str, Figure]) -> dict[str, _Span]:
    """The counts each stated figure may stand for, and those of the figures that follow
    from two stated ones (the register's third figure, women and girls from women and
    girls, those of a group who are not Finnish nationals)."""
    known = {k: _Span(v, v) for k, v in figures.items() if isinstance(v, int)}

    def derive() -> None:
        for a, b, total in (
            ("register.victims", "register.children", "register.persons"),
            *((f"{s}.women", f"{s}.girls", f"{s}.women_and_girls") for s in _PEOPLE),
            *((f"{s}.men", f"{s}.boys", f"{s}.men_and_boys") for s in _PEOPLE),
        ):
            if total not in known and a in known and b in known:
                known[total] = known[a] + known[b]
            for x, y in ((a, b), (b, a)):
                if (
                    x not in known
                    and y in known
                    and total in known
                    and total.startswith("register")
                ):
                    known[x] = known[total] - known[y]
        for section in _PEOPLE:
            whole, finnish = (
                known.get(f"{section}.{_WHOLE[section]}"),
                known.get(f"{section}.finnish"),
            )
            if whole is not None and finnish is not None:
                known[f"{section}.{_NOT_FINNISH}"] = whole - finnish

    derive()
    pending = {k: v for k, v in figures.items() if isinstance(v, Percent)}
    while pending:
        resolved = False
        for key, value in list(pending.items()):
            whole_key = _whole_of(key)
            whole = known.get(whole_key) if whole_key is not None else None
            if whole_key is not None and whole is None and whole_key in pending:
                continue
            del pending[key]
            resolved = True
            if whole is not None:
                span = _Span.of_percent(value.value, whole)
                if span is not None:
                    known[key] = span
        derive()
        if not resolved:
            break
    return known


def _difference(relation: _Relation, rest: int, known: Mapping[str, _Span]) -> str:
    """What the difference of ``relation`` that leaves ``rest`` people says, for a message."""
    whole = known[relation.whole]
    part = known[relation.part]
    if relation.part.endswith(".finnish") and relation.whole.endswith(".finnish"):
        return (
            f"with the {_count(whole)} Finnish nationals among the new clients, leaves {rest}"
            " exploited outside Finland"
        )
    if relation.part.endswith(_NOT_FINNISH) and relation.whole.endswith(_NOT_FINNISH):
        return f"leaves {_not_finnish(rest)}, exploited outside Finland"
    if (
        relation.nationality
        and relation.whole == "new_clients.count"
        and relation.part.startswith("in_finland.")
    ):
        who = (
            "are not Finnish nationals"
            if relation.part.endswith(".finnish")
            else "are Finnish nationals"
        )
        return (
            f"with the {_count(whole)} new clients, leaves {rest} who {who} or were exploited"
            " outside Finland"
        )
    if relation.nationality:
        return f"leaves {_not_finnish(rest)}"
    if relation.outside:
        return f"with {relation.whole} ({_count(whole)}), leaves {rest} exploited outside Finland"
    if relation.rest is not None:
        named = relation.rest.split(".")[-1].replace("_", " ")
        return (
            f"{relation.whole} ({_count(whole)}) less {relation.part} ({_count(part)})"
            f" leaves {rest} {named}"
        )
    return f"leaves {rest} of the {_count(whole)} of {relation.whole} outside it"


def _count(span: _Span) -> str:
    return str(span.low) if span.exact() else f"{span.low} to {span.high}"


def privacy_problems(release: Release, *, planned: bool = True) -> list[Problem]:
    """Every figure of ``release``, and every difference of two, checked against the
    minimum group size (see the module's docstring). ``planned`` says the release can
    be planned, so that the figures of earlier periods it states are checked too."""
    privacy = release.privacy
    if (
        isinstance(privacy.min_group, bool)
        or not isinstance(privacy.min_group, int)
        or privacy.min_group < 1
    ):
        return [
            Problem(
                "privacy.min_group",
                "a group must hold at least one person",
                "a whole number, 1 or more",
                privacy.min_group,
            )
        ]
    problems: list[Problem] = []
    if privacy.min_group != DEFAULT_MIN_GROUP and not reason_is_words(privacy.reason):
        problems.append(
            Problem(
                "privacy.reason",
                f"the minimum group size is changed from {DEFAULT_MIN_GROUP} without a reason"
                " in words",
                'reason = "…": a sentence of words saying who decided and why',
                privacy.reason or None,
            )
        )
    check = _Check(release)
    check.period(dict(release.statistics.figures()), "statistics.", earlier=False)
    if planned:
        from nas_press.plan import stated_history

        periods: dict[str, dict[str, Figure]] = {}
        for stated in stated_history(release):
            _, period, key = stated.key.split(".", 2)
            periods.setdefault(period, {})[key] = stated.value
        for period, figures in periods.items():
            check.period(figures, f"history.{period}.", earlier=True)
    return problems + check.problems


def _not_finnish(count: int) -> str:
    if count == 1:
        return "1 person who is not a Finnish national"
    return f"{count} people who are not Finnish nationals"


def _about(value: Figure, count: int) -> str:
    if isinstance(value, int):
        return str(count)
    return f"about {count} ({value.value} %)"


def _shown(value: Figure) -> object:
    return f"{value.value} %" if isinstance(value, Percent) else value


def notes(release: Release) -> Iterator[str]:
    """What a reader of the approval copy should know of the release's privacy settings:
    a minimum group size other than the default, and the reason recorded for it."""
    privacy = release.privacy
    if privacy.min_group != DEFAULT_MIN_GROUP:
        yield (
            f"privacy.min_group is {privacy.min_group} for this release, not {DEFAULT_MIN_GROUP}:"
            f" {privacy.reason.strip()}"
        )
