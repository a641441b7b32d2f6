"""What the statements about a group of people share: the forms of exploitation, the
profile by gender, age and nationality, and the forms by gender, each for the new
clients or for those exploited in Finland."""

from __future__ import annotations

import attrs

from nas_press.plan.discourse import Context, Ref
from nas_press.plan.forms import FormFigure, FormGroup, distinct, grouped, ranked
from nas_press.plan.numbers import SMALL_GROUP, Share
from nas_press.plan.statements._common import gender, share, size
from nas_press.release.model import People, Translations

VAGUE_SHARES = ("in_finland",)
"""The groups whose forms are given as vague shares ("about half") when every share of the
sentence has one; the new clients' forms are always percentages in brackets, as the
organisation writes them."""


PRINCIPAL_COUNT = 3
"""How many forms a sentence names as the most common."""

PRINCIPAL_SHARE = 10
"""The smallest share, in per cent, of a form named among the most common: a form of a
few per cent is one of the other forms, not one of the most common."""


def _size(figure: FormFigure) -> int:
    return figure.count if figure.count is not None else figure.share.percent


@attrs.frozen
class FormsFigures:
    """The forms of exploitation of a group.

    ``style`` is ``vague`` (every share of the sentence has a vague phrase: all are
    said so), ``exact`` (percentages) or ``counts``. ``principal`` are the most
    common named forms (at most :data:`PRINCIPAL_COUNT`), ``minor`` the other forms
    said, ``other`` last; ``minor_smaller`` says none of them is larger than a
    principal form (``other`` can be); ``groups`` every form said,
    grouped by vague phrase; ``complete`` says the principal forms cover the whole group
    and nothing else is said (no form is "the most common" then).
    ``whole`` is the form of a group whose every member
    was a victim of it; ``single`` says the group is one person. ``summarised``
    says the release's lead is authored: a lead written for the release names
    its main finding, most often the most common forms, so the statement gives
    the shares of the forms without announcing them again as the most common.
    ``follows_profile`` says the statement just before, in the same paragraph, was the
    group's profile; ``profile_said`` then names what that profile stated of the group
    (``women_and_girls``, ``finnish``, ``nationalities``), so that a template can tell
    whether its last sentence was about the whole group.
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
    minor_smaller: bool = True
    summarised: bool = False
    complete: bool = False
    follows_profile: bool = False
    profile_said: tuple[str, ...] = ()

    @property
    def ranked(self) -> tuple[FormFigure, ...]:
        """Every form said, principal forms first."""
        return self.principal + self.minor

    @property
    def ends_on(self) -> str | None:
        """The group, when the sentence is said of it whole ("Both new clients had been
        victims of forced labour", "The new client had been …"), so that a statement about
        it may go on with "they"; after shares of forms, the nearest group of people is the
        victims of a form, and the next statement names the group."""
        if (self.whole is not None or self.single) and not self.overlap:
            return self.group.group
        return None


def _twin(context: Context, key: str) -> tuple[str, People] | None:
    """The other group of the same people: every new client exploited in Finland makes
    those exploited in Finland the new clients, and what was said of one is said of the
    other."""
    stats = context.release.statistics
    new, fin = stats.new_clients, stats.in_finland
    if new is None or fin is None or not isinstance(new.count, int) or new.count != fin.count:
        return None
    return ("new_clients", new) if key == "in_finland" else ("in_finland", fin)


def _said_of_twin(context: Context, key: str, name: str, value: object) -> bool:
    """Whether ``name`` (``forms.forced_labour``, ``women``) was said, with the same value,
    of the group's twin (see :func:`_twin`), or goes without saying: what was said of every
    new client, or of none of them, is true of each of those exploited in Finland."""
    head, _, rest = name.partition(".")

    def of(group: People) -> object:
        return group.forms.get(rest) if head == "forms" else getattr(group, name)

    twin = _twin(context, key)
    if twin is not None:
        return context.has_said(f"{twin[0]}.{name}") and bool(of(twin[1]) == value)
    stats = context.release.statistics
    new, fin = stats.new_clients, stats.in_finland
    if key != "in_finland" or new is None or fin is None or name == "nationalities":
        return False
    if not context.has_said(f"new_clients.{name}"):
        return False
    everyone = of(new) == new.count and value == fin.count
    nobody = of(new) == 0 and value == 0
    return bool(everyone or nobody)


def forms(context: Context, key: str, group: People) -> FormsFigures | None:
    """Plan the forms of exploitation of ``group`` (``new_clients`` or ``in_finland``)."""
    whole = group.whole()
    total = size(whole)
    if total == 0 or context.empty(key):
        return None
    figures = [
        f
        for f in ranked(group.forms, whole)
        if not context.has_said(f"{key}.forms.{f.form}")
        and not f.share.none
        and not _said_of_twin(context, key, f"forms.{f.form}", group.forms.get(f.form))
    ]
    if not figures:
        return None
    for f in figures:
        value = group.forms.get(f.form)
        assert value is not None
        context.state(f"{key}.forms.{f.form}", f"statistics.{key}.forms.{f.form}", value)
    context.base(f"statistics.{key}.count", whole)
    show = context.item.show
    counted = all(f.count is not None for f in figures)
    if counted and (show == "counts" or (total is not None and total < SMALL_GROUP)):
        style = "counts"
    elif (
        key in VAGUE_SHARES
        and all(f.share.vague is not None for f in figures)
        and distinct(grouped(tuple(figures)))
    ):
        style = "vague"
    else:
        style = "exact"
    if style != "counts":
        for f in figures:
            context.stated_as_share(f"{key}.forms.{f.form}")
    named = [f for f in figures if f.form != "other"]
    principal = tuple(f for f in named[:PRINCIPAL_COUNT] if f.share.percent >= PRINCIPAL_SHARE)
    minor = tuple(f for f in figures if f not in principal)
    # Every member of the group is a victim of a form said: the forms are the group's forms,
    # none of them "the most common".
    complete = not minor and (
        sum(_size(f) for f in principal) == (total if counted else 100) and not group.forms.overlap
    )
    least = min((_size(f) for f in principal), default=0)
    single_form = (
        figures[0]
        if len(figures) == 1 and figures[0].share.whole and not group.forms.overlap
        else None
    )
    # Right after the group's earlier periods, the group is named with its count, so that
    # its forms are not read as those of the earlier periods: "Of the 70 exploited in
    # Finland, 33 had been victims of forced labour", not "Of those exploited in Finland".
    ref = context.refer(key, total, base=context.follows_statement(f"{key}_history"))
    follows_profile = context.follows_statement(f"{key}_profile")
    profile_said = (
        tuple(
            said.removeprefix(f"{key}.")
            for said, path in context.said.items()
            if path == context.before and said.startswith(f"{key}.")
        )
        if follows_profile
        else ()
    )
    return FormsFigures(
        group=ref,
        total=total,
        style=style,
        principal=principal,
        minor=minor,
        groups=grouped(principal + minor),
        minor_smaller=all(_size(f) <= least for f in minor),
        complete=complete,
        whole=single_form,
        single=total == 1,
        overlap=group.forms.overlap,
        summarised=isinstance(context.release.lead, Translations),
        follows_profile=follows_profile,
        profile_said=profile_said,
    )


@attrs.frozen
class GenderSide:
    """One side of a group by gender: ``name`` (``women_and_girls``, ``women``, ``girls``, or
    the same for men and boys), its share of the group, and the two counts it is made of
    (``parts``: women and girls, or men and boys) when both are known."""

    name: str
    share: Share
    parts: tuple[tuple[str, int], ...] = ()


def _side(values: dict[str, Share | None], pair: str, first: str, second: str) -> GenderSide | None:
    both, a, b = values[pair], values[first], values[second]
    if both is not None:
        parts: tuple[tuple[str, int], ...] = ()
        if a is not None and b is not None and a.count is not None and b.count is not None:
            parts = ((first, a.count), (second, b.count))
        return GenderSide(pair, both, parts)
    if a is not None:
        return GenderSide(first, a)
    if b is not None:
        return GenderSide(second, b)
    return None


@attrs.frozen
class Profile:
    """The profile of a group: by gender and age, Finnish nationals and nationalities.

    Each share is of the group; ``None`` where the release does not give it or said
    it already. ``single`` says the group is one person. ``children_said`` says one of
    the two statements before stated the underage children who came with the group, so its
    own minors are "themselves minors" (sv "själva minderåriga", fi "itse alaikäisiä").
    ``follows_forms`` says the statement just before, in the same paragraph, gave the
    group's forms of exploitation, so that the group was the last one named as a whole.
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
    children_said: bool = False
    follows_forms: bool = False

    @property
    def sides(self) -> tuple[GenderSide, ...]:
        """What is said by gender: the female side (women and girls together, or women, or
        girls), then the male side, each when given."""
        values = {
            name: getattr(self, name)
            for name in ("women_and_girls", "women", "girls", "men_and_boys", "men", "boys")
        }
        found = (
            _side(values, "women_and_girls", "women", "girls"),
            _side(values, "men_and_boys", "men", "boys"),
        )
        return tuple(side for side in found if side is not None)

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


def _one_person(values: dict[str, Share | None]) -> None:
    """Say one person's gender and age in one word: a woman who is a minor is a girl, a
    man who is a minor a boy; a woman or a man is an adult without saying so."""

    def whole(name: str) -> bool:
        value = values[name]
        return value is not None and value.whole

    minor = whole("minors") or (values["adults"] is not None and values["adults"].none)
    adult = whole("adults") or (values["minors"] is not None and values["minors"].none)
    for grown, young in (("women", "girls"), ("men", "boys")):
        if whole(grown) and minor:
            values[young], values[grown] = values[grown], None
            values["minors"] = values["adults"] = None
        elif (whole(grown) and adult) or whole(young):
            values["minors"] = values["adults"] = None


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
        if (
            figure is None
            or context.has_said(f"{key}.{name}")
            or _said_of_twin(context, key, name, figure)
        ):
            values[name] = None
            continue
        value = gender(group, name) if "_and_" in name else share(figure, whole)
        personal = name not in ("minors", "adults", "finnish")
        if total == 1 and personal and value is not None and value.none:
            # One person "not a boy" says nothing; the gender they are says it all.
            values[name] = None
            continue
        values[name] = value
        context.state(f"{key}.{name}", f"statistics.{key}.{name}", figure)
    if total == 1:
        _one_person(values)
    adults, minors = values["adults"], values["minors"]
    if (
        adults is not None
        and minors is not None
        and adults.count is not None
        and minors.count is not None
        and adults.count + minors.count == total
    ):
        values["adults"] = None  # the rest of the group: saying the minors says it
    nationalities = group.nationalities
    if (
        nationalities is not None
        and total != 1  # one person has one nationality
        and not context.has_said(f"{key}.nationalities")
        and not _said_of_twin(context, key, "nationalities", nationalities)
    ):
        context.state(f"{key}.nationalities", f"statistics.{key}.nationalities", nationalities)
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
        children_said=context.said.get(f"{key}.children") in (*context.recent, context.path),
        follows_forms=context.follows(f"{key}.forms"),
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
                context.state(
                    f"{key}.forms_by_gender.{name}.{f.form}",
                    f"statistics.{key}.forms_by_gender.{name}.{f.form}",
                    value,
                )
            rows.append(GenderRow(name, size(of), figures))
    if not rows:
        return None
    ref = context.refer(key, size(group.whole()))
    return GenderForms(ref, tuple(rows))
