"""The sweep: every generated statement rendered over the sizes and shares that make its
wording change, in every language, as one text per language.

Each case is a release holding one statement (or the summary and then the statement,
so that what the summary said is not said again; or the sentence that names the group,
so that the statement goes on after it with a pronoun) with figures chosen at the edges of
the templates' choices: counts of 0, 1, 2, 3, 5, 10, 11, 21, 100 and 1000, and shares
of 0, 1, 49, 50, 51 and 100 per cent. ``tests/golden/sweep.<lang>.txt`` holds the
whole sweep, so that a change to a template or the plan shows its effect on every
case in one diff (``tests/update_goldens.py`` writes it anew).
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Iterator
from typing import Any

from tests.conftest import minimal_release

COUNTS = (0, 1, 2, 3, 5, 10, 11, 21, 100, 1000)
"""Group sizes where the wording changes: none, one, two ("both"), small numbers spelled
out, the limits of spelling (9, 12), and thousands."""

SHARES = (0, 1, 49, 50, 51, 100)
"""Shares, in per cent, where the wording changes: none, a few, about half, all."""

Case = tuple[str, dict[str, Any]]
"""A case's name and the release file it is, as the dict a TOML file parses into."""


def part(whole: int, percent: int) -> int:
    """``percent`` of ``whole``, rounded half up, at least 1 when the share is above 0."""
    value = (whole * percent * 2 + 100) // 200
    return max(value, 1) if percent > 0 and whole > 0 else value


def _release(
    statistics: dict[str, Any], body: list[dict[str, Any]], **extra: Any
) -> dict[str, Any]:
    data = minimal_release()
    data["statistics"] = statistics
    data["history"] = extra.pop("history", {})
    data["body"] = body
    data.update(extra)
    return data


def _base(new: int, referred: int | None = None) -> dict[str, Any]:
    """Statistics with ``new`` new clients and nothing else said of them."""
    return {
        "referrals": {"count": referred if referred is not None else new + new // 2 + 1},
        "new_clients": {"count": new},
    }


def _statement(name: str, **options: Any) -> dict[str, Any]:
    return {"statement": name, **options}


def referrals() -> Iterator[Case]:
    """Referrals, their change on the year before, the new clients and the pending ones."""
    for count in COUNTS:
        stats = _base(min(count, count // 2 + 1) if count else 0, count)
        stats["referrals"]["pending"] = min(count, 5)
        yield f"count {count}", _release(stats, [_statement("referrals")])
    for percent in (-50, -1, 0, 1, 19, 100, 250):
        stats = _base(40, 100)
        stats["referrals"]["change"] = {"year": 2029, "percent": percent}
        yield f"published change {percent}%", _release(stats, [_statement("referrals")])
    stats = _base(0, 0)
    stats["referrals"]["change"] = {"year": 2029, "percent": -100}
    yield "published change -100% to none", _release(stats, [_statement("referrals")])
    for earlier in (0, 1, 50, 100, 101, 300):
        stats = _base(40, 100)
        history = {
            "2029-h1": {
                "referrals": {"count": earlier},
                "new_clients": {"count": min(earlier, 30)},
            }
        }
        yield (
            f"against {earlier} a year earlier",
            _release(stats, [_statement("referrals")], history=history),
        )
    stats = _base(40, 100)
    stats["new_clients"]["children"] = 7
    yield "with children", _release(stats, [_statement("referrals")])
    yield (
        "after the summary",
        _release(_base(40, 100), [_statement("summary"), _statement("referrals")]),
    )


def referrals_history() -> Iterator[Case]:
    """Referrals and admissions against the same period of earlier years."""
    for periods in (1, 2, 3):
        history = {
            f"{2029 - i}-h1": {
                "referrals": {"count": 80 - 10 * i},
                "new_clients": {"count": 50 - 5 * i},
            }
            for i in range(periods)
        }
        yield (
            f"{periods} earlier periods, a record",
            _release(_base(60, 100), [_statement("referrals_history")], history=history),
        )
    history = {
        "2029-h1": {"referrals": {"count": 120}, "new_clients": {"count": 70}},
        "2028-h1": {"referrals": {"count": 0}, "new_clients": {"count": 0}},
    }
    yield (
        "lower than a year earlier, none two years earlier",
        _release(_base(60, 100), [_statement("referrals_history")], history=history),
    )
    yield (
        "whole years compared",
        _release(
            _base(60, 100),
            [_statement("referrals_history", compare=["2029", "2028"])],
            history={
                "2029": {"referrals": {"count": 150}, "new_clients": {"count": 90}},
                "2028": {"referrals": {"count": 140}, "new_clients": {"count": 1}},
            },
        ),
    )


def _forms(whole: int, percent: int, minor: bool) -> dict[str, Any]:
    """Forms of a group of ``whole``: the largest ``percent`` of it, the rest split."""
    first = part(whole, percent)
    rest = whole - first
    forms = {"forced_labour": first}
    if rest:
        forms["forced_marriage"] = rest - rest // 2
        forms["sexual_exploitation" if not minor else "forced_criminal_activity"] = rest // 2
    return forms


def group_forms(key: str, name: str) -> Iterator[Case]:
    """The forms of exploitation of the new clients or of those exploited in Finland."""
    for whole in COUNTS[1:]:
        for percent in SHARES if whole >= 10 else (0, 100):
            if percent == 0 and whole < 2:
                continue
            stats = _base(whole if key == "new_clients" else whole * 2)
            forms = _forms(whole, max(percent, 1) if percent else 0, minor=whole == 21)
            if percent == 0:
                forms = {"forced_marriage": whole - whole // 2, "sexual_exploitation": whole // 2}
            if key == "in_finland":
                stats["in_finland"] = {"count": whole, "forms": forms}
            else:
                stats["new_clients"]["forms"] = forms
            yield f"{whole} people, largest form {percent}%", _release(stats, [_statement(name)])
            if percent in (49, 51) and whole in (10, 100):
                # No lead of the release's own: the statement names the most common forms.
                bare = _release(stats, [_statement(name)])
                del bare["lead"]
                yield f"{whole} people, largest form {percent}%, no authored lead", bare
    stats = _base(40)
    group = {"count": 40, "forms": {"forced_labour": {"percent": 55}, "other": {"percent": 10}}}
    if key == "in_finland":
        stats["in_finland"] = group
    else:
        stats["new_clients"]["forms"] = group["forms"]
    yield "published shares only", _release(stats, [_statement(name)])
    stats = _base(40)
    counted = {"count": 40, "forms": {"forced_labour": 12, "forced_marriage": 9, "other": 3}}
    if key == "in_finland":
        stats["in_finland"] = counted
    else:
        stats["new_clients"]["forms"] = counted["forms"]
    yield "as counts", _release(stats, [_statement(name, show="counts")])


def _profile(whole: int, percent: int) -> dict[str, Any]:
    """A group of ``whole`` whose women are ``percent`` of it, with ages and nationalities."""
    women = part(whole, percent)
    group: dict[str, Any] = {"count": whole, "women": women, "men": whole - women}
    if whole >= 10:
        # Women and men are adults: with minors among them, the groups are women and girls,
        # men and boys, as the organisation publishes them.
        del group["women"], group["men"]
        group.update(women_and_girls=women, men_and_boys=whole - women)
        group["minors"] = part(whole, 10)
        group["nationalities"] = max(1, whole // 3)
        group["finnish"] = 5 if whole >= 10 else 0
    return group


def profile(key: str, name: str) -> Iterator[Case]:
    """The profile of the new clients or of those exploited in Finland."""
    for whole in COUNTS[1:]:
        for percent in SHARES if whole >= 10 else (0, 100):
            stats = _base(whole if key == "new_clients" else whole * 2)
            group = _profile(whole, percent)
            if key == "in_finland":
                stats["in_finland"] = group
            else:
                stats["new_clients"].update(group)
            yield f"{whole} people, {percent}% women", _release(stats, [_statement(name)])
    stats = _base(30)
    detail = {"count": 30, "women": 14, "girls": 4, "men": 9, "boys": 3, "minors": 7}
    if key == "in_finland":
        stats["in_finland"] = detail
    else:
        stats["new_clients"].update(detail)
    yield "women, girls, men and boys", _release(stats, [_statement(name)])
    stats = _base(30)
    shares = {"count": 30, "women_and_girls": {"percent": 60}, "nationalities": 1}
    if key == "in_finland":
        stats["in_finland"] = shares
    else:
        stats["new_clients"].update(shares)
    yield "published share of women and girls, one nationality", _release(stats, [_statement(name)])


def forms_by_gender(key: str, name: str) -> Iterator[Case]:
    """The forms of exploitation by gender."""
    for whole in (2, 10, 100):
        stats = _base(whole if key == "new_clients" else whole * 2)
        women = part(whole, 60)
        group = {
            "count": whole,
            "women_and_girls": women,
            "men_and_boys": whole - women,
            "forms_by_gender": {
                "women_and_girls": {"forced_marriage": part(women, 50)},
                "men_and_boys": {"forced_labour": whole - women},
            },
        }
        if key == "in_finland":
            stats["in_finland"] = group
        else:
            stats["new_clients"].update(group)
        yield f"{whole} people", _release(stats, [_statement(name)])


def places() -> Iterator[Case]:
    """Where the new clients were exploited."""
    for whole in COUNTS[1:]:
        for percent in SHARES if whole >= 10 else (0, 100):
            fin = part(whole, percent)
            home = (whole - fin) // 2
            stats = _base(whole)
            stats["in_finland"] = {"count": fin}
            stats["new_clients"].update({"home_country": home, "abroad": whole - fin - home})
            yield (
                f"{whole} new clients, {percent}% in Finland",
                _release(stats, [_statement("places")]),
            )


def in_finland_history() -> Iterator[Case]:
    """Those exploited in Finland against earlier periods."""
    for now, before in ((30, (20, 10)), (10, (12, 0)), (1, (1, 1)), (0, (3, 2))):
        stats = _base(60)
        stats["in_finland"] = {"count": now, "forms": {"sexual_exploitation": now // 2}}
        history = {
            f"{2029 - i}-h1": {
                "in_finland": {"count": value, "forms": {"sexual_exploitation": value // 2}}
            }
            for i, value in enumerate(before)
        }
        yield (
            f"{now} against {before}",
            _release(stats, [_statement("in_finland_history")], history=history),
        )


def register() -> Iterator[Case]:
    """The clients at the period's end."""
    for persons in (0, 1, 2, 21, 1000):
        victims = persons - persons // 5
        stats = _base(10)
        stats["register"] = {"persons": persons, "victims": victims, "children": persons - victims}
        if victims >= 10:
            stats["register"].update({"minors": part(victims, 1), "women": part(victims, 66)})
        yield f"{persons} persons", _release(stats, [_statement("register")])
    stats = _base(10)
    stats["register"] = {"persons": 379}
    yield "the total alone", _release(stats, [_statement("register")])
    stats = _base(10)
    stats["register"] = {"persons": 379, "children": 80, "entered_as_minors": 40}
    yield "children and those admitted as minors", _release(stats, [_statement("register")])


def summary() -> Iterator[Case]:
    """The period in brief."""
    for new in COUNTS:
        stats = _base(new)
        if new:
            stats["in_finland"] = {"count": part(new, 50)}
            stats["new_clients"]["children"] = min(new, 3)
        yield f"{new} new clients", _release(stats, [_statement("summary")])


AFTER = (1, 2, 3, 10, 21, 100)
"""Group sizes of the cases that go on after the sentence naming their group."""


def after_naming(key: str, make: Callable[[], Iterator[Case]]) -> Callable[[], Iterator[Case]]:
    """The cases of ``make``, and then some of them again after the sentence that names
    their group (the new clients admitted in ``referrals``; those exploited in Finland
    in ``places``), so that the statement goes on in that paragraph with a pronoun."""
    leading = "referrals" if key == "new_clients" else "places"

    def made() -> Iterator[Case]:
        for name, data in make():
            yield name, data
            stats = data["statistics"]
            group = stats.get(key) or {}
            size = group.get("count")
            small = ("0% women", "100% women", "largest form 100%")
            large = ("51% women", "largest form 51%")
            if size not in AFTER or not (
                name.endswith("people") or name.endswith(small if size < 10 else large)
            ):
                continue
            again = copy.deepcopy(data)
            again["body"] = [_statement(leading), *again["body"]]
            yield f"{name}, after the sentence naming the group", again

    return made


SWEEP: dict[str, Callable[[], Iterator[Case]]] = {
    "summary": summary,
    "referrals": referrals,
    "referrals_history": referrals_history,
    "places": places,
}
for _kind, _make in (
    ("forms", group_forms),
    ("profile", profile),
    ("forms_by_gender", forms_by_gender),
):
    for _key in ("new_clients", "in_finland"):
        SWEEP[f"{_key}_{_kind}"] = after_naming(
            _key, functools.partial(_make, _key, f"{_key}_{_kind}")
        )
SWEEP.update(in_finland_history=in_finland_history, register=register)
"""The cases of each statement, by name; every statement of the registry has some."""


def cases() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every case of the sweep: the statement's name, the case's name, the release."""
    for statement, make in SWEEP.items():
        for name, data in make():
            yield statement, name, copy.deepcopy(data)


def body_text(document: Any) -> str:
    """The generated body of a rendered case: its text without the dateline, the headline,
    the lead, the contacts and the boilerplate."""
    import attrs

    import nas_press
    from nas_press.document import ContactBlock, Lead

    has_lead = any(isinstance(block, Lead) for block in document.blocks)
    paragraphs = nas_press.to_text(attrs.evolve(document, dateline=None)).split("\n\n")
    paragraphs = paragraphs[2 if has_lead else 1 :]
    contacts = {block.heading for block in document.blocks if isinstance(block, ContactBlock)}
    body = []
    for paragraph in paragraphs:
        if paragraph in contacts or paragraph.split("\n")[0] in contacts:
            break
        body.append(paragraph)
    return "\n\n".join(body)


def releases() -> Iterator[tuple[str, Any]]:
    """Every case of the sweep as a checked release, named ``statement: case``."""
    from tests.conftest import to_toml

    import nas_press

    for statement, name, data in cases():
        title = f"{statement}: {name}"
        yield title, nas_press.parse_release(to_toml(data), source=title)


def sweep_texts(langs: tuple[str, ...]) -> dict[str, str]:
    """The whole sweep as one text per language: each case's title, then its body."""
    import nas_press

    parts: dict[str, list[str]] = {lang: [] for lang in langs}
    for title, release in releases():
        for lang in langs:
            parts[lang].append(f"## {title}\n{body_text(nas_press.render(release, lang))}")
    return {lang: "\n\n".join(items) + "\n" for lang, items in parts.items()}
