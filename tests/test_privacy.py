"""Disclosure control: no figure, and no difference of two, reveals a small group.

Each case is a privacy-clean release changed in one place; the problem it
must raise is named by its key path, its severity and a piece of its message.
"""

from __future__ import annotations

import copy
import datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from tests.conftest import LANGS, texts, to_toml

import nas_press
from nas_press.cli import main
from nas_press.release import privacy
from nas_press.release.load import read_release
from nas_press.release.model import InFinland, NewClients, Percent, Statistics

_SIGNS = ("could identify its members", "may narrow down who they are")


def clean() -> dict[str, Any]:
    """A release that states every kind of figure, none of them (nor any difference of
    two) a group of 1 to 4 people."""
    return {
        "release": {
            "id": "privacy",
            "languages": list(LANGS),
            "published": datetime.date(2030, 7, 15),
        },
        "period": {"year": 2030, "kind": "first-half"},
        "statistics": {
            "referrals": {"count": 100, "pending": 5},
            "new_clients": {
                "count": 60,
                "children": 12,
                "home_country": 15,
                "abroad": 5,
                "women": 30,
                "girls": 5,
                "men": 20,
                "boys": 5,
                "minors": 10,
                "nationalities": 20,
                "finnish": 10,
                "forms": {
                    "forced_marriage": 20,
                    "forced_labour": 25,
                    "sexual_exploitation": 10,
                    "other": 5,
                },
                "forms_by_gender": {
                    "women_and_girls": {"forced_marriage": 15, "sexual_exploitation": 5},
                    "men_and_boys": {"forced_labour": 20},
                },
            },
            "in_finland": {
                "count": 30,
                "nationalities": 10,
                "finnish": 5,
                "women": 15,
                "men": 10,
                "minors": 5,
                "adults": 25,
                "forms": {"forced_labour": 15, "forced_marriage": 5, "sexual_exploitation": 5},
                "forms_by_gender": {
                    "men": {"forced_labour": {"percent": 50}},
                    "women": {"forced_marriage": {"percent": 33}},
                },
            },
            "register": {
                "persons": 1000,
                "victims": 800,
                "children": 200,
                "minors": 15,
                "women": 530,
                "entered_as_minors": 40,
            },
        },
        "history": {"2029-h1": {"referrals": {"count": 80}, "new_clients": {"count": 50}}},
        "headline": texts("Otsikko testille", "Rubrik för testet", "Headline for the test"),
        "lead": texts("Ingressi testille.", "Ingress för testet.", "Lead for the test."),
        "body": [{"statement": name} for name in nas_press.plan.statements.names()],
        "contacts": [
            {
                "name": "Testi Henkilö",
                "title": texts("ylitarkastaja", "överinspektör", "Senior Adviser"),
                "phone": "0295 463 000",
                "email": "testi.henkilo@migri.fi",
            }
        ],
    }


_IN_FINLAND_PARTS = ("finnish", "women", "men", "minors", "adults", "forms", "forms_by_gender")
"""The parts of those exploited in Finland: a case that moves most new clients there leaves
them out, since fewer new clients outside Finland leave room for fewer of each part there."""


def changed(changes: dict[str, Any]) -> dict[str, Any]:
    """:func:`clean` with each dotted key set to its value (``None`` removes the key)."""
    data = copy.deepcopy(clean())
    for path, value in changes.items():
        *parents, last = path.split(".")
        table = data
        for key in parents:
            table = table.setdefault(key, {})
        if value is None:
            table.pop(last, None)
        else:
            table[last] = value
    return data


def privacy_of(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The privacy problems ``read_release`` reports of ``data``: (severity, path, message)."""
    _, problems = read_release(to_toml(data), "privacy.toml")
    return [
        (p.severity, p.path, p.message) for p in problems if any(s in p.message for s in _SIGNS)
    ]


def test_the_clean_release_is_clean() -> None:
    """The base of every case states every kind of figure and raises nothing."""
    release, problems = read_release(to_toml(clean()), "privacy.toml")
    assert release is not None
    assert [p for p in problems if p.severity == "error"] == []
    assert privacy_of(clean()) == []


E, W = "error", "warning"
# id: (changes, severity, key path, a piece of the message)
CASES: dict[str, tuple[dict[str, Any], str, str, str]] = {
    # groups defined by nationality: errors
    "three non-Finnish, two nationalities": (
        {"statistics.in_finland": {"count": 3, "finnish": 0, "nationalities": 2}},
        E,
        "statistics.in_finland.finnish",
        "leaves 3 people who are not Finnish nationals",
    ),
    "four new clients, none Finnish": (
        {"statistics.new_clients": {"count": 4, "finnish": 0}, "statistics.in_finland": None},
        E,
        "statistics.new_clients.finnish",
        "leaves 4 people who are not Finnish nationals",
    ),
    "three share one nationality": (
        {"statistics.in_finland": {"count": 3, "nationalities": 1}},
        E,
        "statistics.in_finland.nationalities",
        "all 3 people of the group share one nationality",
    ),
    "one person, one nationality": (
        {"statistics.in_finland": {"count": 1, "nationalities": 1}},
        E,
        "statistics.in_finland.nationalities",
        "the group's one person has one nationality",
    ),
    "three Finnish nationals": (
        {"statistics.in_finland.finnish": 3},
        E,
        "statistics.in_finland.finnish",
        "3 Finnish nationals",
    ),
    "four Finnish nationals in the register": (
        {"statistics.register.finnish": 4},
        E,
        "statistics.register.finnish",
        "4 Finnish nationals",
    ),
    "two non-Finnish in the register": (
        {"statistics.register.finnish": 798},
        E,
        "statistics.register.finnish",
        "leaves 2 people who are not Finnish nationals",
    ),
    "Finnish nationals outside Finland: 10 - 7": (
        {"statistics.new_clients.finnish": 10, "statistics.in_finland.finnish": 7},
        E,
        "statistics.in_finland.finnish",
        "leaves 3 exploited outside Finland",
    ),
    "others outside Finland: (60 - 20) - (46 - 8)": (
        {
            "statistics.new_clients.finnish": 20,
            "statistics.new_clients.home_country": None,
            "statistics.new_clients.abroad": None,
            "statistics.in_finland.count": 46,
            "statistics.in_finland.finnish": 8,
            "statistics.in_finland.women": 16,
            "statistics.in_finland.forms": {
                "forced_labour": 15,
                "forced_marriage": 6,
                "sexual_exploitation": 5,
            },
        },
        E,
        "statistics.in_finland.finnish",
        "leaves 2 people who are not Finnish nationals, exploited outside Finland",
    ),
    "new clients less the Finnish exploited in Finland": (
        {
            "statistics.new_clients.count": 30,
            "statistics.new_clients.home_country": None,
            "statistics.new_clients.abroad": None,
            "statistics.new_clients.finnish": 28,
            "statistics.new_clients.nationalities": 2,
            "statistics.in_finland.finnish": 27,
            "statistics.in_finland.count": 29,
            "statistics.in_finland.adults": 24,
            "statistics.in_finland.men": 9,
            "statistics.new_clients.forms": {"forced_labour": 25},
            "statistics.new_clients.forms_by_gender": None,
            "statistics.in_finland.forms": {"forced_labour": 24},
            "statistics.in_finland.forms_by_gender": None,
            "statistics.new_clients.women": 15,
            "statistics.new_clients.men": 10,
            "statistics.new_clients.minors": 5,
            "statistics.new_clients.girls": None,
            "statistics.new_clients.boys": None,
        },
        E,
        "statistics.in_finland.finnish",
        "leaves 1 exploited outside Finland",
    ),
    "Finnish nationals as a share": (
        {"statistics.in_finland.finnish": {"percent": 10}},
        E,
        "statistics.in_finland.finnish",
        "about 3 (10 %) Finnish nationals",
    ),
    "others as a share": (
        {"statistics.in_finland.finnish": {"percent": 93}},
        E,
        "statistics.in_finland.finnish",
        "leaves 2 people who are not Finnish nationals",
    ),
    # every other small group: warnings
    "nationalities as many as people": (
        {"statistics.in_finland.nationalities": 30},
        W,
        "statistics.in_finland.nationalities",
        "30 nationalities among 30 people",
    ),
    "nationalities one fewer than people": (
        {"statistics.in_finland.nationalities": 29},
        W,
        "statistics.in_finland.nationalities",
        "29 nationalities among 30 people",
    ),
    "three children in the register": (
        {"statistics.register.children": 3, "statistics.register.persons": 803},
        W,
        "statistics.register.children",
        "a group of 3 children",
    ),
    "three children by subtraction in the register": (
        {"statistics.register.children": None, "statistics.register.persons": 803},
        W,
        "statistics.register.victims",
        "leaves 3 children",
    ),
    "three children of the new clients": (
        {"statistics.new_clients.children": 3},
        W,
        "statistics.new_clients.children",
        "a group of 3 children",
    ),
    "a form of an earlier period of 2": (
        {"history.2029-h1.in_finland": {"count": 20, "forms": {"forced_labour": 2}}},
        W,
        "history.2029-h1.in_finland.forms.forced_labour",
        "a group of 2 in an earlier period",
    ),
    "a form of an earlier period leaving 2": (
        {"history.2029-h1.in_finland": {"count": 20, "forms": {"forced_labour": 18}}},
        W,
        "history.2029-h1.in_finland.forms.forced_labour",
        "leaves 2 of the 20 of in_finland.count outside it in an earlier period",
    ),
    "an earlier period's admissions of 3": (
        {"history.2029-h1.new_clients": {"count": 3}},
        W,
        "history.2029-h1.new_clients.count",
        "a group of 3 in an earlier period",
    ),
    "a form by subtraction: 25 - 22": (
        {
            "statistics.in_finland.forms": {"forced_labour": 22, "forced_marriage": 5},
        },
        W,
        "statistics.in_finland.forms.forced_labour",
        "leaves 3 exploited outside Finland",
    ),
    "a form of 2": (
        {"statistics.new_clients.forms.other": 2},
        W,
        "statistics.new_clients.forms.other",
        "a group of 2",
    ),
    "a form leaving 3 of the group": (
        {
            "statistics.new_clients.forms": {"forced_labour": 57},
            "statistics.new_clients.forms_by_gender": None,
            "statistics.in_finland.forms": {"forced_labour": 27},
        },
        W,
        "statistics.new_clients.forms.forced_labour",
        "leaves 3 of the 60 of new_clients.count",
    ),
    "three girls": (
        {"statistics.new_clients.girls": 3},
        W,
        "statistics.new_clients.girls",
        "a group of 3",
    ),
    "women and girls less women": (
        {"statistics.new_clients.women_and_girls": 33, "statistics.new_clients.girls": None},
        W,
        "statistics.new_clients.women",
        "leaves 3 girls",
    ),
    "men and boys less men": (
        {"statistics.new_clients.men_and_boys": 23, "statistics.new_clients.boys": None},
        W,
        "statistics.new_clients.men",
        "leaves 3 boys",
    ),
    "women and girls leaving 4 men and boys": (
        {
            "statistics.new_clients.women_and_girls": 56,
            "statistics.new_clients.women": None,
            "statistics.new_clients.girls": None,
            "statistics.new_clients.men": None,
            "statistics.new_clients.boys": None,
            "statistics.new_clients.minors": None,
            "statistics.new_clients.forms_by_gender": None,
        },
        W,
        "statistics.new_clients.women_and_girls",
        "new_clients.count (60) less new_clients.women_and_girls (56) leaves 4 men and boys",
    ),
    "minors less girls": (
        {"statistics.new_clients.minors": 8, "statistics.new_clients.boys": None},
        W,
        "statistics.new_clients.girls",
        "leaves 3 boys",
    ),
    "adults less women": (
        {
            "statistics.in_finland.adults": 18,
            "statistics.in_finland.men": None,
            "statistics.in_finland.forms_by_gender": None,
        },
        W,
        "statistics.in_finland.women",
        "leaves 3 men",
    ),
    "a gender outside Finland": (
        {
            "statistics.in_finland.men": 17,
            "statistics.in_finland.women": None,
            "statistics.in_finland.adults": None,
        },
        W,
        "statistics.in_finland.men",
        "leaves 3 exploited outside Finland",
    ),
    "new clients outside Finland": (
        {
            "statistics.in_finland.count": 57,
            "statistics.new_clients.home_country": None,
            "statistics.new_clients.abroad": None,
            **{f"statistics.in_finland.{name}": None for name in _IN_FINLAND_PARTS},
        },
        W,
        "statistics.in_finland.count",
        "leaves 3 exploited outside Finland",
    ),
    "those in Finland as a share leaving 3 outside": (
        {
            "statistics.in_finland.count": {"percent": 95},
            "statistics.new_clients.home_country": None,
            "statistics.new_clients.abroad": None,
        },
        W,
        "statistics.in_finland.count",
        "leaves 3 exploited outside Finland",
    ),
    "a form by gender as a share": (
        {"statistics.in_finland.forms_by_gender.women": {"forced_marriage": {"percent": 20}}},
        W,
        "statistics.in_finland.forms_by_gender.women.forced_marriage",
        "about 3 (20 %)",
    ),
    "a form by gender leaving 2 of the form": (
        {"statistics.new_clients.forms_by_gender.men_and_boys": {"forced_labour": 23}},
        W,
        "statistics.new_clients.forms_by_gender.men_and_boys.forced_labour",
        "leaves 2 of the 25 of new_clients.forms.forced_labour",
    ),
    "a form by gender leaving 2 of the gender": (
        {"statistics.in_finland.forms_by_gender.men": {"forced_labour": {"percent": 80}}},
        W,
        "statistics.in_finland.forms_by_gender.men.forced_labour",
        "leaves 2 of the 10 of in_finland.men",
    ),
    "a form by gender outside Finland": (
        {
            "statistics.in_finland.forms_by_gender": {"men_and_boys": {"forced_labour": 17}},
            "statistics.in_finland.forms.forced_labour": 18,
            "statistics.in_finland.men": None,
            "statistics.in_finland.women": None,
            "statistics.in_finland.adults": None,
            "statistics.in_finland.men_and_boys": 20,
        },
        W,
        "statistics.in_finland.forms_by_gender.men_and_boys.forced_labour",
        "with new_clients.forms_by_gender.men_and_boys.forced_labour (20), leaves 3 exploited"
        " outside Finland",
    ),
    "a place of 2": (
        {"statistics.new_clients.abroad": 2},
        W,
        "statistics.new_clients.abroad",
        "a group of 2",
    ),
    "three pending referrals": (
        {"statistics.referrals.pending": 3},
        W,
        "statistics.referrals.pending",
        "a group of 3",
    ),
    "three minors in the register": (
        {"statistics.register.minors": 3},
        W,
        "statistics.register.minors",
        "a group of 3",
    ),
    "the register's women leaving 3": (
        {"statistics.register.women": 797, "statistics.register.minors": None},
        W,
        "statistics.register.women",
        "leaves 3 of the 800",
    ),
    "entered as minors leaving 2": (
        {"statistics.register.entered_as_minors": 798},
        W,
        "statistics.register.entered_as_minors",
        "leaves 2 of the 800",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_small_group_found(case: str) -> None:
    changes, severity, path, piece = CASES[case]
    found = privacy_of(changed(changes))
    assert any(s == severity and p == path and piece in m for s, p, m in found), found


# id: changes that leave no small group (a zero is no group)
CLEAN: dict[str, dict[str, Any]] = {
    "every one of them Finnish": {
        "statistics.new_clients.finnish": 30,
        "statistics.in_finland.finnish": 30,
    },
    "none of them Finnish": {
        "statistics.in_finland.finnish": 0,
        "statistics.new_clients.finnish": 0,
    },
    "every new client exploited in Finland": {
        "statistics.in_finland.count": 60,
        "statistics.new_clients.home_country": None,
        "statistics.new_clients.abroad": None,
    },
    "no girls": {"statistics.new_clients.girls": 0, "statistics.new_clients.minors": 5},
    "every one of a form in Finland": {
        "statistics.in_finland.forms": {"forced_labour": 25, "forced_marriage": 5}
    },
    "nationalities two fewer than people": {"statistics.in_finland.nationalities": 28},
    "five children": {"statistics.register.children": 5, "statistics.register.persons": 805},
}


@pytest.mark.parametrize("case", CLEAN, ids=list(CLEAN))
def test_no_small_group(case: str) -> None:
    assert privacy_of(changed(CLEAN[case])) == []


def test_min_group_changes_every_limit() -> None:
    """With ``min_group = 3`` and a reason, a group of 3 passes and a group of 2 does not."""
    reason = "Approved by the data protection officer on 2030-06-02, case 123/2030."
    three = changed(
        {"privacy": {"min_group": 3, "reason": reason}, "statistics.in_finland.finnish": 3}
    )
    assert privacy_of(three) == []
    two = changed(
        {"privacy": {"min_group": 3, "reason": reason}, "statistics.in_finland.finnish": 2}
    )
    assert [p for s, p, _ in privacy_of(two) if s == "error"] == ["statistics.in_finland.finnish"]


def test_min_group_of_one_allows_a_group_of_one() -> None:
    """With ``min_group = 1`` (and a reason) nothing is small, not even a nationality of its
    own for each person."""
    reason = "Approved by the data protection officer on 2030-06-02, case 123/2030."
    data = changed(
        {
            "privacy": {"min_group": 1, "reason": reason},
            "statistics.in_finland.finnish": 1,
            "statistics.in_finland.nationalities": 30,
        }
    )
    assert privacy_of(data) == []


@pytest.mark.parametrize(
    "reason",
    [
        "Approved by the data protection officer on 2030-06-02, case 123/2030.",
        "Tietosuojavastaava hyväksyi 2.6.2030, asia 123/2030.",
        "Godkänt av dataskyddsombudet.",
    ],
)
def test_reason_in_words(reason: str) -> None:
    assert privacy.reason_is_words(reason)


@pytest.mark.parametrize(
    "reason",
    [
        "",
        "   ",
        "\u200b",  # a zero-width space
        "\u3164\u3164\u3164",  # Hangul filler
        "\u3164 approved by officer",
        "\u0001",
        "approved\u0001by the officer",
        "approved by the officer\u200b",
        "ok ok ok",
        "xx xx xx",
        "a b c",
        "ab cd ef",
        "12345 678 90",
        "approved",
        "--- ... ///",
    ],
)
def test_reason_not_words(reason: str) -> None:
    assert not privacy.reason_is_words(reason)
    data = changed({"privacy": {"min_group": 3, "reason": reason}})
    _, problems = read_release(to_toml(data), "privacy.toml")
    assert [p.path for p in problems if p.severity == "error"] == ["privacy.reason"]


REASON = "Approved by the data protection officer on 2030-06-02, case 123/2030."


@pytest.mark.parametrize("command", ["check", "render"])
def test_reason_printed(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``check`` and ``render`` print the changed limit and its reason on standard error."""
    path = tmp_path / "privacy.toml"
    path.write_text(to_toml(changed({"privacy": {"min_group": 3, "reason": REASON}})), "utf-8")
    argv = [command, str(path)] + (
        ["--out", str(tmp_path / "out"), "--format", "txt"] if command == "render" else []
    )
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert f"nas-press: note: privacy.min_group is 3 for this release, not 5: {REASON}" in err


@pytest.mark.parametrize("command", ["check", "render"])
def test_no_note_by_default(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "privacy.toml"
    path.write_text(to_toml(clean()), "utf-8")
    argv = [command, str(path)] + (
        ["--out", str(tmp_path / "out"), "--format", "txt"] if command == "render" else []
    )
    assert main(argv) == 0
    assert "privacy.min_group" not in capsys.readouterr().err


# -- the property: nothing a release that passes states reveals a small nationality group


@pytest.fixture(scope="module")
def base() -> nas_press.Release:
    data = changed({"statistics.in_finland": None, "statistics.new_clients": {"count": 1}})
    data["body"] = [{"statement": "referrals"}]
    return nas_press.parse_release(to_toml(data), source="privacy.toml")


def _groups(new: NewClients, fin: InFinland | None) -> list[int]:
    """Every group defined by nationality that one subtraction of stated figures gives,
    for every count a published share may stand for."""
    values: list[int] = []
    n, f = new.count, new.finnish
    assert isinstance(n, int)
    news = [None] if f is None else privacy.possible_counts(f, n)
    if fin is None:
        for f_ in news:
            if f_ is not None:
                values += [f_, n - f_]
        return values
    m = fin.count
    assert isinstance(m, int)
    fins = [None] if fin.finnish is None else privacy.possible_counts(fin.finnish, m)
    for f_ in news:
        for g in fins:
            for count, finnish in ((n, f_), (m, g)):
                if finnish is not None:
                    values += [finnish, count - finnish]
            if g is not None:
                # Those who are not Finnish nationals exploited in Finland, and those who are
                # not others exploited in Finland: a group of its own when it is not everyone.
                values += [n - part for part in (g, m - g) if part > 0]
                if f_ is not None:
                    values.append(f_ - g)  # Finnish, exploited outside Finland
                    values.append((n - f_) - (m - g))  # others, exploited outside Finland
    return values


@st.composite
def people(draw: st.DrawFn) -> tuple[NewClients, InFinland | None]:
    """New clients and those exploited in Finland, with or without their Finnish nationals,
    given as counts or as published shares."""
    n = draw(st.integers(0, 40))
    f = draw(st.none() | st.integers(0, n))
    shown_f: int | Percent | None = f
    if f is not None and n and draw(st.booleans()):
        shown_f = Percent(int(Fraction(100 * f, n) + Fraction(1, 2)))
    new = NewClients(count=n, finnish=shown_f)
    if draw(st.booleans()):
        return new, None
    m = draw(st.integers(0, n))
    top = m if f is None else min(m, f)
    low = 0 if f is None else max(0, m - (n - f))  # the others in Finland are among the others
    g = draw(st.none() | st.integers(low, top)) if low <= top else None
    shown_g: int | Percent | None = g
    if g is not None and m and draw(st.booleans()):
        shown_g = Percent(int(Fraction(100 * g, m) + Fraction(1, 2)))
    return new, InFinland(count=m, finnish=shown_g)


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(drawn=people())
def test_no_small_nationality_group_passes(
    base: nas_press.Release, drawn: tuple[NewClients, InFinland | None]
) -> None:
    new, fin = drawn
    release = attrs.evolve(base, statistics=Statistics(new_clients=new, in_finland=fin))
    errors = [p for p in privacy.privacy_problems(release, planned=False) if p.severity == "error"]
    small = [v for v in _groups(new, fin) if 1 <= v <= 4]
    assert bool(errors) == bool(small), (small, errors)


@given(
    percent=st.integers(0, 100),
    whole=st.integers(0, 3000),
)
@settings(max_examples=300, deadline=None, derandomize=True)
def test_possible_counts_of_a_share(percent: int, whole: int) -> None:
    """The counts a share stands for are exactly those that round (half up) to it."""
    from fractions import Fraction

    expected = tuple(
        c
        for c in range(whole + 1)
        if int(Fraction(100 * c, whole or 1) + Fraction(1, 2)) == percent
    )
    assert privacy.possible_counts(Percent(percent), whole) == expected


# Figures that are no part of a larger stated group of people, each with why.
_NO_WHOLE = {
    "referrals.count": "referrals are applications; the new clients are no part of them",
    "referrals.pending": "proposals pending are not the people of any other figure",
    "referrals.change": "a change in per cent is no group",
    "new_clients.count": "the largest group of the period",
    "new_clients.children": "the children who came with the new clients are not among them",
    "new_clients.nationalities": "a number of nationalities, checked against its group",
    "in_finland.nationalities": "a number of nationalities, checked against its group",
    "register.nationalities": "a number of nationalities, checked against its group",
    "register.persons": "the largest group of the register",
}


def test_every_figure_of_the_model_is_checked() -> None:
    """Each figure the model can hold is checked as a part of a group, or is listed above
    with the reason it has no group: a figure added to the model without privacy rules
    fails here."""
    from nas_press.release.model import FORMS, GENDERS, InFinland, NewClients, Referrals, Register

    parts = {relation.part for relation in privacy._RELATIONS}
    wholes = {relation.whole for relation in privacy._RELATIONS}
    for section, cls in (
        ("referrals", Referrals),
        ("new_clients", NewClients),
        ("in_finland", InFinland),
        ("register", Register),
    ):
        for field in attrs.fields(cls):
            if field.name in ("forms", "forms_by_gender"):
                keys = [f"{section}.forms.{form}" for form in FORMS]
                if field.name == "forms_by_gender":
                    keys = [
                        f"{section}.forms_by_gender.{gender}.{form}"
                        for gender in GENDERS
                        for form in FORMS
                    ]
            else:
                keys = [f"{section}.{field.name}"]
            for key in keys:
                assert key in parts or key in _NO_WHOLE, f"{key}: no privacy rule"
                assert key not in _NO_WHOLE or key not in parts, f"{key}: listed needlessly"
    assert {"new_clients.count", "register.persons"} <= wholes
