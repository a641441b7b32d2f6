"""What the statements about a group of people share: the forms of exploitation, the
profile by gender, age and nationality, and the forms by gender, each for the new
clients or for those exploited in Finland."""

from __future__ import annotations

import attrs

from nas_press.plan.discourse import Context, Ref
from nas_press.plan.forms import FormFigure, FormGroup, grouped, ranked
from nas_press.plan.numbers import Share
from nas_press.plan.statements._common import gender, share, size
from nas_press.release.model import People

VAGUE_SHARES = ("in_finland",)
"""The groups whose forms are given as vague shares ("about half") when every share of the
sentence has one; the new clients' forms are always percentages in brackets, as the
organisation writes them."""


@attrs.frozen
class FormsFigures:
    """The forms of exploitation of a group.

    ``style`` is ``vague`` (every share of the sentence has a vague phrase: all are
    said so), ``exact`` (percentages) or ``counts``. ``principal`` are the ranked
    forms among forced labour, forced marriage and sexual exploitation,
    ``minor`` the smaller named forms and ``other``; ``groups`` every form said,
    grouped by vague phrase. ``whole`` is the form of a group whose every member
    was a victim of it; ``single`` says the group is one person.
    """

    group: Ref
    total: int | None
    style: str
    principal: tuple[FormFigure, ...]
    minor: tuple[FormFigure, ...]
    groups: tuple[FormGroup, ...]
    whole: FormFigure | None
    single: bool
    overlap: bool

    @property
    def ranked(self) -> tuple[FormFigure, ...]:
        """Every form said, principal forms first."""
        return self.principal + self.minor


def forms(context: Context, key: str, group: People) -> FormsFigures | None:
    """Plan the forms of exploitation of ``group`` (``new_clients`` or ``in_finland``)."""
    whole = group.whole()
    total = size(whole)
    if total == 0 or context.empty(key):
        return None
    figures = [
        f
        for f in ranked(group.forms, whole)
        if not context.has_said(f"{key}.forms.{f.form}") and not f.share.none
    ]
    if not figures:
        return None
    for f in figures:
        value = group.forms.get(f.form)
        assert value is not None
        context.assert_(f"{key}.forms.{f.form}", f"statistics.{key}.forms.{f.form}", value)
    context.base(f"statistics.{key}.count", whole)
    show = context.item.show
    if show == "counts" and all(f.count is not None for f in figures):
        style = "counts"
    elif key in VAGUE_SHARES and all(f.share.vague is not None for f in figures):
        style = "vague"
    else:
        style = "exact"
    principal = tuple(f for f in figures if f.principal)
    minor = tuple(f for f in figures if not f.principal)
    single_form = (
        figures[0]
        if len(figures) == 1 and figures[0].share.whole and not group.forms.overlap
        else None
    )
    ref = context.refer(key, total)
    return FormsFigures(
        group=ref,
        total=total,
        style=style,
        principal=principal,
        minor=minor,
        groups=grouped(principal + minor),
        whole=single_form,
        single=total == 1,
        overlap=group.forms.overlap,
    )


@attrs.frozen
class Profile:
    """The profile of a group: by gender and age, Finnish nationals and nationalities.

    Each share is of the group; ``None`` where the release does not give it or said
    it already. ``single`` says the group is one person.
    """

    group: Ref
    total: int | None
    single: bool
    women_and_girls: Share | None
    women: Share | None
    girls: Share | None
    men_and_boys: Share | None
    men: Share | None
    boys: Share | None
    minors: Share | None
    adults: Share | None
    finnish: Share | None
    nationalities: int | None

    @property
    def gender_said(self) -> bool:
        """Whether anything is said by gender."""
        return any(
            s is not None
            for s in (
                self.women_and_girls,
                self.women,
                self.girls,
                self.men_and_boys,
                self.men,
                self.boys,
            )
        )


def profile(context: Context, key: str, group: People) -> Profile | None:
    """Plan the profile of ``group`` (``new_clients`` or ``in_finland``)."""
    whole = group.whole()
    total = size(whole)
    if total == 0 or context.empty(key):
        return None
    values: dict[str, Share | None] = {}
    names = (
        "women_and_girls",
        "women",
        "girls",
        "men_and_boys",
        "men",
        "boys",
        "minors",
        "adults",
        "finnish",
    )
    for name in names:
        figure = group.gender(name) if "_and_" in name else getattr(group, name)
        if figure is None or context.has_said(f"{key}.{name}"):
            values[name] = None
            continue
        values[name] = gender(group, name) if "_and_" in name else share(figure, whole)
        context.assert_(f"{key}.{name}", f"statistics.{key}.{name}", figure)
    nationalities = group.nationalities
    if nationalities is not None and not context.has_said(f"{key}.nationalities"):
        context.assert_(f"{key}.nationalities", f"statistics.{key}.nationalities", nationalities)
    else:
        nationalities = None
    if all(v is None for v in values.values()) and nationalities is None:
        return None
    context.base(f"statistics.{key}.count", whole)
    ref = context.refer(key, total)
    return Profile(
        group=ref,
        total=total,
        single=total == 1,
        nationalities=nationalities,
        **values,
    )


@attrs.frozen
class GenderRow:
    """The forms of exploitation of one gender group, most common first."""

    gender: str
    total: int | None
    forms: tuple[FormFigure, ...]


@attrs.frozen
class GenderForms:
    """The forms of exploitation by gender: one row per gender group given."""

    group: Ref
    rows: tuple[GenderRow, ...]


def forms_by_gender(context: Context, key: str, group: People) -> GenderForms | None:
    """Plan the forms of exploitation of ``group`` by gender."""
    if size(group.whole()) == 0 or context.empty(key):
        return None
    rows = []
    for name, by_form in group.forms_by_gender:
        of = group.gender(name)
        figures = tuple(
            f
            for f in ranked(by_form, of)
            if not f.share.none and not context.has_said(f"{key}.forms_by_gender.{name}.{f.form}")
        )
        if figures:
            for f in figures:
                value = by_form.get(f.form)
                assert value is not None
                context.assert_(
                    f"{key}.forms_by_gender.{name}.{f.form}",
                    f"statistics.{key}.forms_by_gender.{name}.{f.form}",
                    value,
                )
            rows.append(GenderRow(name, size(of), figures))
    if not rows:
        return None
    ref = context.refer(key, size(group.whole()))
    return GenderForms(ref, tuple(rows))
