"""Forms of exploitation ranked, with their shares: what the forms statements and the
forms chart have in common."""

from __future__ import annotations

import attrs

from nas_press.plan.numbers import Share, Vague
from nas_press.release.model import FORMS, Figure, Forms


@attrs.frozen
class FormFigure:
    """One form of exploitation in a breakdown, with its share of the group."""

    form: str
    share: Share

    @property
    def count(self) -> int | None:
        """The form's count, or ``None`` when only its share was published."""
        return self.share.count


@attrs.frozen
class FormGroup:
    """Consecutive forms of a ranking that share the same vague phrase ("about a fifth each")."""

    forms: tuple[FormFigure, ...]

    @property
    def share(self) -> Share:
        """The share of the first form of the group, which stands for all of them."""
        return self.forms[0].share

    @property
    def vague(self) -> Vague | None:
        """The vague phrase the group shares: "about" a fraction when some of its forms are
        exactly that fraction and others about it ("about a fifth each")."""
        phrases = {f.share.vague for f in self.forms}
        first = self.share.vague
        if len(phrases) > 1 and first is not None:
            return Vague(first.fraction, "about")
        return first


def ranked(forms: Forms, whole: Figure | None) -> tuple[FormFigure, ...]:
    """The stated forms, most common first; ties keep :data:`FORMS` order; ``other`` last.

    Forms of zero are kept (a statement leaves them out or says so).
    """
    figures = [FormFigure(form, Share.of(value, whole)) for form, value in forms.items()]

    def key(fig: FormFigure) -> tuple[bool, int, int]:
        size = fig.count if fig.count is not None else fig.share.percent
        return (fig.form == "other", -size, FORMS.index(fig.form))

    return tuple(sorted(figures, key=key))


ROUGH = ("exact", "about")
"""Qualifiers of one fraction that a sentence joins as "about" it: an exact fifth is about a
fifth, so "about a fifth and a fifth" becomes "about a fifth each"."""


def _joins(a: Vague | None, b: Vague | None) -> bool:
    if a is None or b is None:
        return False
    return a == b or (a.fraction == b.fraction and {a.qualifier, b.qualifier} <= set(ROUGH))


def grouped(figures: tuple[FormFigure, ...]) -> tuple[FormGroup, ...]:
    """Group consecutive figures whose shares have the same vague phrase, or the same
    fraction exactly and about (see :data:`ROUGH`)."""
    groups: list[list[FormFigure]] = []
    for fig in figures:
        if groups and _joins(groups[-1][0].share.vague, fig.share.vague):
            groups[-1].append(fig)
        else:
            groups.append([fig])
    return tuple(FormGroup(tuple(g)) for g in groups)


def distinct(groups: tuple[FormGroup, ...]) -> bool:
    """Whether no two groups name the same fraction: "about half … and almost half" in one
    sentence tells the reader less than the percentages do."""
    fractions = [g.vague.fraction for g in groups if g.vague is not None]
    return len(fractions) == len(set(fractions))
