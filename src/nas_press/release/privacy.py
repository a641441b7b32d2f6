"""The privacy of victims: statistical disclosure control of every figure a release states.

NAS publishes a group of people defined by nationality only when it holds
five people or more, "to protect the identity of our clients". nas_press
applies that rule to every figure a release gives and to every difference of
two figures that describes a group:

- a group defined by nationality that holds 1 to ``min_group - 1`` people is an
  **error**: the Finnish nationals of a group, the others of the group (its
  count less its Finnish nationals), the difference of those between the new
  clients and those exploited in Finland (the Finnish nationals, or the
  others, exploited outside Finland), and the people of one nationality when a
  small group has only one;
- any other small group is a **warning**, since combined with the rest of the
  release it may narrow a group down to a few people: each figure of 1 to
  ``min_group - 1`` people (women, minors, a form of exploitation, the
  children, …), each complement of a part in its group (the group less the
  part), each difference of the same figure between the new clients and those
  exploited in Finland, each part of a stated pair found by subtraction (the
  girls of "women and girls" when only the women are given), a group whose
  people all (or all but one) have a nationality of their own, and the
  figures of earlier periods a release states (:func:`nas_press.plan.stated_history`).
  A complement of zero says
  nothing of anyone and is not reported.

A figure published as a share (:class:`~nas_press.release.model.Percent`) is
checked by every count it could stand for. The limit can be changed for one
release only with a reason of real words (``privacy.reason``), which is
printed by ``check`` and ``render`` and kept in the DOCX.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from fractions import Fraction

from nas_press.exceptions import Problem
from nas_press.release.model import Figure, People, Percent, Release, Statistics

DEFAULT_MIN_GROUP = 5
"""The smallest group NAS publishes by default, as its statistics pages do."""

_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")
"""Letters that show as nothing: the Hangul fillers."""
_WORD = re.compile(r"[^\W\d_]{2,}")


def reason_is_words(reason: str) -> bool:
    """Whether ``reason`` is a sentence of real words: at least three words of two letters
    or more, and no control, format or blank characters that would hide what it says."""
    if any(unicodedata.category(c) in ("Cc", "Cf", "Co", "Cs", "Cn") for c in reason):
        return False
    if any(c in _BLANK_LETTERS for c in reason):
        return False
    return len(_WORD.findall(reason)) >= 3


def _round_half_up(value: Fraction) -> int:
    return int(value + Fraction(1, 2))


def possible_counts(figure: Figure, whole: Figure | None) -> tuple[int, ...]:
    """The counts ``figure`` may stand for: itself, or every count of ``whole`` that a
    published percentage rounds (half up) to; none when the whole is not a count."""
    if isinstance(figure, int):
        return (figure,)
    if not isinstance(whole, int):
        return ()
    return tuple(
        c for c in range(whole + 1) if _round_half_up(Fraction(100 * c, whole or 1)) == figure.value
    )


class _Check:
    def __init__(self, release: Release) -> None:
        self.limit = release.privacy.min_group
        self.problems: list[Problem] = []

    def small(self, counts: Iterable[int]) -> int | None:
        """The first count of ``counts`` that makes a small group, or ``None``."""
        return next((c for c in counts if 0 < c < self.limit), None)

    def nationality(self, path: str, text: str, value: object) -> None:
        self.problems.append(
            Problem(
                path,
                f"{text}: a group defined by nationality of fewer than {self.limit} people"
                " could identify its members",
                f"0 or at least {self.limit} (privacy.min_group), or leave the figure out",
                value,
            )
        )

    def warn(self, path: str, text: str, value: object) -> None:
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
                'reason = "…": a sentence saying who decided and why',
                privacy.reason or None,
            )
        )
    check = _Check(release)
    _statistics(check, release.statistics, "statistics")
    from nas_press.plan import stated_history

    for stated in stated_history(release) if planned else ():
        if isinstance(stated.value, int) and check.small((stated.value,)):
            if stated.key.endswith(".finnish"):
                check.nationality(stated.key, f"{stated.value} Finnish nationals", stated.value)
            else:
                check.warn(
                    stated.key, f"a group of {stated.value} in an earlier period", stated.value
                )
    return problems + check.problems


def _statistics(check: _Check, stats: Statistics, prefix: str) -> None:
    for name, section in stats.sections():
        path = f"{prefix}.{name}"
        if isinstance(section, People):
            _group(check, path, section)
        else:
            for key in ("count", "pending"):
                value = getattr(section, key)
                if isinstance(value, int) and check.small((value,)):
                    check.warn(f"{path}.{key}", f"a group of {value}", value)
    for key in ("children",):
        for name in ("new_clients", "register"):
            section = getattr(stats, name)
            value = None if section is None else getattr(section, key)
            if isinstance(value, int) and check.small((value,)):
                check.warn(f"{prefix}.{name}.{key}", f"a group of {value} children", value)
    new, fin = stats.new_clients, stats.in_finland
    if new is not None and fin is not None:
        _outside_finland(check, prefix, new, fin)


def _group(check: _Check, path: str, group: People) -> None:
    whole = group.whole()
    _nationality(check, path, group, whole)
    parts: list[tuple[str, Figure, Figure | None]] = []
    for key in (
        "women",
        "girls",
        "men",
        "boys",
        "women_and_girls",
        "men_and_boys",
        "adults",
        "minors",
    ):
        value = getattr(group, key)
        if value is not None:
            parts.append((key, value, whole))
    for key in ("home_country", "abroad", "entered_as_minors"):
        value = getattr(group, key, None)
        if value is not None:
            parts.append((key, value, whole))
    for form, value in group.forms.items():
        parts.append((f"forms.{form}", value, whole))
    for gender, forms in group.forms_by_gender:
        for form, value in forms.items():
            parts.append((f"forms_by_gender.{gender}.{form}", value, group.gender(gender)))
    for key, value, of in parts:
        counts = possible_counts(value, of)
        small = check.small(counts)
        if small is not None:
            check.warn(f"{path}.{key}", f"a group of {_about(value, small)}", _shown(value))
        elif isinstance(of, int):
            rest = check.small(of - c for c in counts)
            if rest is not None:
                check.warn(
                    f"{path}.{key}",
                    f"leaves {rest} of the {of} outside it",
                    _shown(value),
                )
    # A part found by subtracting one stated figure from another.
    for pair, first, second in (
        ("women_and_girls", "women", "girls"),
        ("men_and_boys", "men", "boys"),
        ("minors", "girls", "boys"),
    ):
        total = group.gender(pair) if pair != "minors" else group.minors
        for known, derived in ((first, second), (second, first)):
            value = getattr(group, known)
            if (
                isinstance(total, int)
                and isinstance(value, int)
                and getattr(group, derived) is None
            ):
                rest = total - value
                if 0 < rest < check.limit:
                    check.warn(
                        f"{path}.{known}",
                        f"{pair} less {known} leaves {rest} {derived}",
                        value,
                    )


def _nationality(check: _Check, path: str, group: People, whole: Figure | None) -> None:
    finnish = group.finnish
    if finnish is not None:
        counts = possible_counts(finnish, whole)
        small = check.small(counts)
        if small is not None:
            check.nationality(
                f"{path}.finnish", f"{_about(finnish, small)} Finnish nationals", _shown(finnish)
            )
        elif isinstance(whole, int):
            others = check.small(whole - c for c in counts)
            if others is not None:
                check.nationality(
                    f"{path}.finnish",
                    f"leaves {_not_finnish(others)}",
                    _shown(finnish),
                )
    nationalities = group.nationalities
    if isinstance(nationalities, int) and isinstance(whole, int) and whole > 0:
        if nationalities == 1 and whole < check.limit:
            check.nationality(
                f"{path}.nationalities",
                "the group's one person has one nationality"
                if whole == 1
                else f"all {whole} people of the group share one nationality",
                nationalities,
            )
        elif whole > 1 and nationalities >= whole - 1:
            check.warn(
                f"{path}.nationalities",
                f"{nationalities} nationalities among {whole} people: all or all but one of them"
                " have a nationality of their own, a group of one",
                nationalities,
            )


def _outside_finland(check: _Check, prefix: str, new: People, fin: People) -> None:
    """Differences between the new clients and those exploited in Finland: the people
    exploited outside Finland."""
    new_whole, fin_whole = new.whole(), fin.whole()
    if isinstance(new.finnish, int) and isinstance(fin.finnish, int):
        rest = new.finnish - fin.finnish
        if 0 < rest < check.limit:
            check.nationality(
                f"{prefix}.in_finland.finnish",
                f"with the {new.finnish} Finnish nationals among the new clients, leaves {rest}"
                " exploited outside Finland",
                fin.finnish,
            )
        if isinstance(new_whole, int) and isinstance(fin_whole, int):
            others = (new_whole - new.finnish) - (fin_whole - fin.finnish)
            if 0 < others < check.limit:
                check.nationality(
                    f"{prefix}.in_finland.finnish",
                    f"leaves {_not_finnish(others)}, exploited outside Finland",
                    fin.finnish,
                )
    if isinstance(new_whole, int) and isinstance(fin_whole, int):
        rest = new_whole - fin_whole
        if 0 < rest < check.limit:
            check.warn(
                f"{prefix}.in_finland.count",
                f"leaves {rest} new clients exploited outside Finland",
                fin_whole,
            )
    for key in (
        "women",
        "girls",
        "men",
        "boys",
        "women_and_girls",
        "men_and_boys",
        "adults",
        "minors",
    ):
        a, b = new.gender(key) if "_and_" in key else getattr(new, key), getattr(fin, key)
        if isinstance(a, int) and isinstance(b, int) and 0 < a - b < check.limit:
            check.warn(
                f"{prefix}.in_finland.{key}",
                f"with new_clients.{key} ({a}), leaves {a - b} exploited outside Finland",
                b,
            )
    for form, value in fin.forms.items():
        whole = new.forms.get(form)
        if isinstance(whole, int) and isinstance(value, int) and 0 < whole - value < check.limit:
            check.warn(
                f"{prefix}.in_finland.forms.{form}",
                f"with new_clients.forms.{form} ({whole}), leaves {whole - value} exploited"
                " outside Finland",
                value,
            )


def _not_finnish(count: int) -> str:
    if count == 1:
        return "1 person who is not a Finnish national"
    return f"{count} people who are not Finnish nationals"


def _about(value: Figure, count: int) -> str:
    return str(count) if isinstance(value, int) else f"about {count} ({value.value} %)"


def _shown(value: Figure) -> object:
    return f"{value.value} %" if isinstance(value, Percent) else value


def notes(release: Release) -> Iterator[str]:
    """What a reader of the approval copy should know of the release's privacy settings."""
    privacy = release.privacy
    if privacy.min_group != DEFAULT_MIN_GROUP:
        yield (
            f"privacy.min_group is {privacy.min_group} for this release, not {DEFAULT_MIN_GROUP}:"
            f" {privacy.reason.strip()}"
        )
