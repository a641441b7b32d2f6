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
        """The vague phrase the group shares."""
        return self.share.vague


def ranked(forms: Forms, whole: Figure | None) -> tuple[FormFigure, ...]:
    """The stated forms, most common first; ties keep :data:`FORMS` order; ``other`` last.

    Forms of zero are kept (a statement leaves them out or says so).
    """
    figures = [FormFigure(form, Share.of(value, whole)) for form, value in forms.items()]

    def key(fig: FormFigure) -> tuple[bool, int, int]:
        size = fig.count if fig.count is not None else fig.share.percent
        return (fig.form == "other", -size, FORMS.index(fig.form))

    return tuple(sorted(figures, key=key))


def grouped(figures: tuple[FormFigure, ...]) -> tuple[FormGroup, ...]:
    """Group consecutive figures whose shares have the same vague phrase."""
    groups: list[list[FormFigure]] = []
    for fig in figures:
        if groups and fig.share.vague is not None and groups[-1][0].share.vague == fig.share.vague:
            groups[-1].append(fig)
        else:
            groups.append([fig])
    return tuple(FormGroup(tuple(g)) for g in groups)
