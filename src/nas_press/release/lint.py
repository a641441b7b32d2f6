"""Checks that the parts of a release agree with each other.

Each check yields :class:`~nas_press.exceptions.Problem` objects named by the
key path of the release file, so that the same checks serve a release built
in code and one loaded from a file (where the loader adds line numbers).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

from nas_press._resources import cache_dir, digest, read_cached, supported_languages, write_cached
from nas_press.exceptions import Problem, ReleaseError, _suggest_language
from nas_press.release.model import (
    FORMS,
    AuthoredHeading,
    AuthoredParagraph,
    AuthoredQuote,
    Chart,
    Forms,
    PeriodKind,
    Statement,
    Translations,
)

if TYPE_CHECKING:
    from nas_press.release.model import InFinland, NewClients, Release, Statistics

DEFAULT_MIN_GROUP = 5
"""The smallest group NAS publishes by default, as its statistics pages do."""

MAX_TEXT = 4000
"""Longest authored text accepted, in characters (a long paragraph is about 1 000)."""

MAX_SHORT = 200
"""Longest headline, name, title, phone or e-mail address accepted."""

MAX_CHANGE_PERCENT = 100_000_000
"""Largest rise accepted in a published change: from 1 to the largest count, 1 000 000."""

# C0 and C1 controls (but tab, newline, carriage return), unpaired surrogates and
# noncharacters: a DOCX cannot hold the first ones, HTML forbids all of them.
_BAD_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    # the last two code points of every plane: U+FFFE, U+FFFF, U+1FFFE, …, U+10FFFF
    + "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000))
    + "]"
)
_VISIBLE_CF = frozenset("\u00ad")
"""Format characters that are welcome in text: the soft hyphen marks where a long word may break."""
_PHONE_CACHE_FORMAT = b"nas_press phone verdicts 1"
_PHONE_CACHE_SIZE = 10_000
"""Most phone numbers whose verdicts are kept; past it, new verdicts are not saved."""
_PHONE = re.compile(r"^(\+[1-9]|0)[0-9 ]{4,18}[0-9]$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")

# Which section each statement needs.
_NEEDS = {
    "summary": ("new_clients",),
    "referrals": ("referrals",),
    "referrals_history": ("referrals",),
    "new_clients_forms": ("new_clients",),
    "new_clients_profile": ("new_clients",),
    "places": ("new_clients",),
    "in_finland_forms": ("in_finland",),
    "in_finland_profile": ("in_finland",),
    "in_finland_history": ("in_finland",),
    "register": ("register",),
}


# Statements that say nothing unless at least one of these figures is given.
_NEEDS_ONE_OF = {
    "new_clients_forms": tuple(f"new_clients.forms.{f}" for f in FORMS),
    "new_clients_profile": tuple(
        f"new_clients.{k}" for k in ("nationalities", "finnish", "women", "minors")
    ),
    "places": ("in_finland.count", "new_clients.home_country", "new_clients.elsewhere"),
    "in_finland_forms": tuple(f"in_finland.forms.{f}" for f in FORMS),
    "in_finland_profile": tuple(
        f"in_finland.{k}" for k in ("nationalities", "finnish", "women", "minors")
    ),
}


def _figure(stats: Statistics, key: str) -> object:
    value: object = stats
    for part in key.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def raise_for_problems(release: Release) -> None:
    """Raise :class:`ReleaseError` if ``release`` has any error (warnings pass)."""
    problems = list(release_problems(release))
    if any(p.severity == "error" for p in problems):
        raise ReleaseError(problems)


def release_problems(release: Release) -> Iterator[Problem]:
    """Yield every problem of ``release``: errors first by section, then warnings."""
    yield from _check_languages(release)
    yield from _check_texts(release)
    yield from _check_dates(release)
    yield from _check_statistics(release.statistics, release)
    yield from _check_body(release)
    yield from _check_contacts(release)
    yield from _check_privacy(release)


def check_text(path: str, text: str, limit: int = MAX_TEXT) -> Iterator[Problem]:
    """Yield problems of one piece of text: empty, too long, not writable as DOCX, or
    holding an invisible formatting character (a warning)."""
    if not text.strip():
        yield Problem(path, "text is empty", "non-empty text", text)
        return
    bad = _BAD_CHARS.search(text)
    if bad:
        name = unicodedata.name(bad.group(), f"U+{ord(bad.group()):04X}")
        yield Problem(
            path,
            f"text holds the control or invalid character {name} at position {bad.start() + 1}",
            "printable text (a DOCX cannot hold control characters or unpaired surrogates)",
            text[max(0, bad.start() - 20) : bad.start() + 20],
        )
    hidden = next(
        (c for c in text if unicodedata.category(c) == "Cf" and c not in _VISIBLE_CF), None
    )
    if hidden is not None:
        at = text.index(hidden)
        name = unicodedata.name(hidden, f"U+{ord(hidden):04X}")
        yield Problem(
            path,
            f"text holds the invisible character {name} (U+{ord(hidden):04X}) at position"
            f" {at + 1}, often brought along by copying text; it changes how the text shows,"
            " reads aloud or is found",
            "text without invisible formatting characters",
            text[max(0, at - 20) : at + 20],
            severity="warning",
        )
    if len(text) > limit:
        yield Problem(path, f"text is {len(text)} characters long", f"at most {limit} characters")


def _check_languages(release: Release) -> Iterator[Problem]:
    supported = supported_languages()
    if not release.languages:
        yield Problem("release.languages", "no target language", f"some of {', '.join(supported)}")
    for i, lang in enumerate(release.languages):
        if lang not in supported:
            hint = _suggest_language(lang, supported)
            msg = f"unknown language {lang!r}" + (f"; did you mean {hint!r}?" if hint else "")
            yield Problem(f"release.languages[{i}]", msg, f"one of {', '.join(supported)}", lang)
    if len(set(release.languages)) != len(release.languages):
        yield Problem(
            "release.languages",
            "a language is listed twice",
            "each language once",
            list(release.languages),
        )
    if not _ID.match(release.id):
        yield Problem(
            "release.id",
            "not usable as a file name",
            "letters, digits, '.', '_' and '-', at most 80 characters",
            release.id,
        )


def _translations(release: Release) -> Iterator[tuple[str, Translations, int]]:
    yield "headline", release.headline, MAX_SHORT
    if isinstance(release.lead, Translations):
        yield "lead", release.lead, MAX_TEXT
    for i, item in enumerate(release.body):
        if isinstance(item, AuthoredHeading):
            yield f"body[{i}].heading", item.text, MAX_SHORT
        elif isinstance(item, AuthoredParagraph):
            yield f"body[{i}].paragraph", item.text, MAX_TEXT
        elif isinstance(item, AuthoredQuote):
            yield f"body[{i}].quote.title", item.title, MAX_SHORT
            yield f"body[{i}].quote.text", item.text, MAX_TEXT
    for i, contact in enumerate(release.contacts):
        yield f"contacts[{i}].title", contact.title, MAX_SHORT


def _check_texts(release: Release) -> Iterator[Problem]:
    targets = [lang for lang in release.languages if lang in supported_languages()]
    for path, translations, limit in _translations(release):
        for lang in targets:
            if lang not in translations.texts:
                yield Problem(f"{path}.{lang}", f"no {lang} text", f"the text in {lang}")
            else:
                yield from check_text(f"{path}.{lang}", translations.texts[lang], limit)
        for lang in translations.texts:
            if lang not in supported_languages():
                hint = _suggest_language(lang, supported_languages())
                yield Problem(
                    f"{path}.{lang}",
                    f"unknown language {lang!r}" + (f"; did you mean {hint!r}?" if hint else ""),
                    f"one of {', '.join(supported_languages())}",
                    lang,
                )
        seen: dict[str, str] = {}
        for lang in targets:
            text = translations.texts.get(lang, "").strip()
            if text and text in seen:
                yield Problem(
                    f"{path}.{lang}",
                    f"same text as in {seen[text]}: a translation may be missing",
                    severity="warning",
                )
            seen.setdefault(text, lang)
    for i, item in enumerate(release.body):
        if isinstance(item, AuthoredQuote):
            yield from check_text(f"body[{i}].quote.speaker", item.speaker, MAX_SHORT)
    for i, contact in enumerate(release.contacts):
        yield from check_text(f"contacts[{i}].name", contact.name, MAX_SHORT)


def _check_dates(release: Release) -> Iterator[Problem]:
    if release.published <= release.period.end:
        yield Problem(
            "release.published",
            "the release is published before its period ends",
            f"a date after {release.period.end.isoformat()}",
            release.published.isoformat(),
        )


def _part(path: str, part: int | None, whole_path: str, whole: int) -> Iterator[Problem]:
    if part is not None and part > whole:
        yield Problem(path, f"larger than {whole_path} ({whole})", f"at most {whole}", part)


def _check_forms(path: str, forms: Forms, whole_path: str, whole: int) -> Iterator[Problem]:
    for form, count in forms.items():
        yield from _part(f"{path}.{form}", count, whole_path, whole)
    total = sum(c for _, c in forms.items())
    if not forms.overlap and total > whole:
        yield Problem(
            path,
            f"the forms add up to {total}, more than {whole_path} ({whole})",
            f"at most {whole} in all, or 'overlap = true' if a person may be counted twice",
            total,
        )


def _check_people(path: str, group: NewClients | InFinland, whole: int) -> Iterator[Problem]:
    for key in ("women", "minors", "nationalities", "finnish"):
        yield from _part(f"{path}.{key}", getattr(group, key), f"{path}.count", whole)
    if group.nationalities == 0 and whole > 0:
        yield Problem(
            f"{path}.nationalities",
            f"no nationality among {whole} people",
            "at least 1 when the group has anyone in it",
            0,
        )


def _check_statistics(stats: Statistics, release: Release) -> Iterator[Problem]:
    s = "statistics"
    ref, new, fin, reg = stats.referrals, stats.new_clients, stats.in_finland, stats.register
    if ref is not None:
        if ref.pending is not None:
            yield from _part(
                f"{s}.referrals.pending", ref.pending, f"{s}.referrals.count", ref.count
            )
        if ref.change is not None:
            c = ref.change
            if (c.count is None) == (c.percent is None):
                yield Problem(
                    f"{s}.referrals.change",
                    "give either 'count' or 'percent'",
                    "exactly one of them",
                )
            if c.year >= release.period.year:
                yield Problem(
                    f"{s}.referrals.change.year",
                    "not an earlier year",
                    f"a year before {release.period.year}",
                    c.year,
                )
            if c.percent is not None and c.percent < -100:
                yield Problem(
                    f"{s}.referrals.change.percent",
                    "a count cannot fall by more than 100 %",
                    "at least -100",
                    c.percent,
                )
            if c.percent is not None and c.percent > MAX_CHANGE_PERCENT:
                yield Problem(
                    f"{s}.referrals.change.percent",
                    f"a rise of more than {MAX_CHANGE_PERCENT:_} %".replace("_", " "),
                    f"at most {MAX_CHANGE_PERCENT:_}".replace("_", " "),
                    c.percent,
                )
    if new is not None:
        if ref is not None:
            yield from _part(f"{s}.new_clients.count", new.count, f"{s}.referrals.count", ref.count)
        yield from _check_forms(
            f"{s}.new_clients.forms", new.forms, f"{s}.new_clients.count", new.count
        )
        yield from _check_people(f"{s}.new_clients", new, new.count)
        placed = {"home_country": new.home_country, "elsewhere": new.elsewhere}
        if fin is not None:
            placed["in_finland"] = fin.count
        for key, value in placed.items():
            path = f"{s}.in_finland.count" if key == "in_finland" else f"{s}.new_clients.{key}"
            yield from _part(path, value, f"{s}.new_clients.count", new.count)
        total = sum(v for v in placed.values() if v is not None)
        if total > new.count:
            yield Problem(
                f"{s}.new_clients",
                f"places of exploitation add up to {total}, more than the {new.count} new clients",
                f"at most {new.count}",
                total,
            )
    if fin is not None:
        if new is None:
            yield Problem(
                f"{s}.new_clients",
                "victims in Finland are a part of the new clients",
                "a [statistics.new_clients] table",
            )
        yield from _check_forms(
            f"{s}.in_finland.forms", fin.forms, f"{s}.in_finland.count", fin.count
        )
        yield from _check_people(f"{s}.in_finland", fin, fin.count)
        if new is not None:
            for form, count in fin.forms.items():
                whole = getattr(new.forms, form)
                if whole is not None:
                    yield from _part(
                        f"{s}.in_finland.forms.{form}",
                        count,
                        f"{s}.new_clients.forms.{form}",
                        whole,
                    )
        for i, earlier in enumerate(fin.earlier):
            path = f"{s}.in_finland.earlier[{i}]"
            if earlier.period.year >= release.period.year:
                yield Problem(
                    f"{path}.year",
                    "not an earlier year",
                    f"a year before {release.period.year}",
                    earlier.period.year,
                )
            if earlier.count is not None:
                yield from _check_forms(
                    f"{path}.forms", earlier.forms, f"{path}.count", earlier.count
                )
    if reg is not None:
        p = f"{s}.register"
        if reg.victims + reg.children != reg.persons:
            yield Problem(
                f"{p}.persons",
                f"victims ({reg.victims}) and children ({reg.children}) "
                f"add up to {reg.victims + reg.children}",
                "persons = victims + children",
                reg.persons,
            )
        for key in ("minors", "women", "entered_as_minors"):
            yield from _part(f"{p}.{key}", getattr(reg, key), f"{p}.victims", reg.victims)
    seen: set[tuple[int, PeriodKind]] = set()
    for i, earlier_period in enumerate(stats.earlier):
        path = f"{s}.earlier[{i}]"
        period_key = (earlier_period.period.year, earlier_period.period.kind)
        if period_key in seen:
            yield Problem(
                f"{path}.year",
                "the same period is given twice",
                "each period once",
                earlier_period.period.year,
            )
        seen.add(period_key)
        if earlier_period.period.year >= release.period.year:
            yield Problem(
                f"{path}.year",
                "not an earlier year",
                f"a year before {release.period.year}",
                earlier_period.period.year,
            )
        if earlier_period.referred is not None and earlier_period.admitted is not None:
            yield from _part(
                f"{path}.admitted",
                earlier_period.admitted,
                f"{path}.referred",
                earlier_period.referred,
            )
    if ref is not None and ref.change is not None and ref.change.count is not None:
        for i, earlier_period in enumerate(stats.earlier):
            if (
                earlier_period.period.year == ref.change.year
                and earlier_period.period.kind is release.period.kind
                and earlier_period.referred is not None
                and earlier_period.referred != ref.change.count
            ):
                yield Problem(
                    f"{s}.referrals.change.count",
                    f"differs from statistics.earlier[{i}].referred "
                    f"({earlier_period.referred}) for the same period",
                    f"{earlier_period.referred}",
                    ref.change.count,
                )


def _check_body(release: Release) -> Iterator[Problem]:
    stats = release.statistics
    items: list[tuple[str, Statement]] = [
        (f"body[{i}]", item) for i, item in enumerate(release.body) if isinstance(item, Statement)
    ]
    if isinstance(release.lead, Statement):
        items.insert(0, ("lead", release.lead))
    for path, statement in items:
        (section,) = _NEEDS[statement.name]
        group = getattr(stats, section)
        if group is None:
            yield Problem(
                f"{path}.statement",
                f"statement {statement.name!r} needs figures the release does not have",
                f"a [statistics.{section}] table",
                statement.name,
            )
            continue
        keys = _NEEDS_ONE_OF.get(statement.name, ())
        if keys and all(_figure(stats, key) is None for key in keys):
            yield Problem(
                f"{path}.statement",
                f"statement {statement.name!r} has nothing to say: the release gives "
                "none of its figures",
                "one of " + ", ".join(f"statistics.{k}" for k in keys),
                statement.name,
            )
    for i, item in enumerate(release.body):
        if isinstance(item, Chart):
            yield from _check_chart(release, f"body[{i}].chart", item.name)
    if not release.body:
        yield Problem("body", "the release has no body", "at least one [[body]] item")
    if not release.contacts:
        yield Problem("contacts", "the release names no press contact", severity="warning")
    for i, name in enumerate(release.boilerplate):
        from nas_press.release.model import BOILERPLATE

        if name not in BOILERPLATE:
            yield Problem(
                f"release.boilerplate[{i}]",
                f"unknown boilerplate block {name!r}",
                f"one of {', '.join(BOILERPLATE)}",
                name,
            )


def _check_chart(release: Release, path: str, name: str) -> Iterator[Problem]:
    """A chart needs figures to draw: forms with a count, or earlier periods to compare."""
    stats = release.statistics
    if name == "new_clients_forms":
        new = stats.new_clients
        if new is None or not any(count > 0 for _, count in new.forms.items()):
            yield Problem(
                path,
                f"chart {name!r} needs figures the release does not have: no form of"
                " exploitation has a count above 0",
                "one of " + ", ".join(f"statistics.new_clients.forms.{f}" for f in FORMS),
                name,
            )
    elif name == "referrals_history":
        kind = release.period.kind
        earlier = [
            e
            for e in stats.earlier
            if e.period.kind is kind and (e.referred is not None or e.admitted is not None)
        ]
        if (stats.referrals is None and stats.new_clients is None) or not earlier:
            yield Problem(
                path,
                f"chart {name!r} needs figures the release does not have: referrals or new"
                f" clients of the period, and of an earlier period of the same kind ({kind.value})",
                f"[statistics.referrals] and [[statistics.earlier]] with kind = {kind.value!r}",
                name,
            )


def _check_contacts(release: Release) -> Iterator[Problem]:
    for i, contact in enumerate(release.contacts):
        path = f"contacts[{i}]"
        if not _valid_phone(contact.phone):
            yield Problem(
                f"{path}.phone",
                "not a phone number",
                "a Finnish number such as '0295 463 177' or an international one "
                "such as '+358 295 463 177'",
                contact.phone,
            )
        if not _EMAIL.match(contact.email):
            yield Problem(
                f"{path}.email",
                "not an e-mail address",
                "an address such as 'firstname.lastname@migri.fi'",
                contact.email,
            )
        start, end = contact.valid_from, contact.valid_until
        if start is not None and end is not None and end < start:
            yield Problem(
                f"{path}.until",
                f"the window ends before it starts ({start.isoformat()})",
                f"a date on or after {start.isoformat()}",
                end.isoformat(),
            )
        elif end is not None and end < release.published:
            yield Problem(
                f"{path}.until",
                "the contact is no longer valid when the release is published",
                f"a date on or after {release.published.isoformat()}",
                end.isoformat(),
            )


def _valid_phone(number: str) -> bool:
    """Whether ``number`` is a valid Finnish (0…) or international (+…) phone number.

    The verdict of ``phonenumbers`` is kept in the cache folder (see
    :func:`_phone_verdicts`), so that a later process checking the same
    contacts need not import it: that import costs more than a tenth of a
    ``nas-press render``.
    """
    if not _PHONE.match(number):
        return False
    verdicts = _phone_verdicts()
    if number in verdicts:
        return verdicts[number]
    import phonenumbers

    try:
        valid = bool(phonenumbers.is_valid_number(phonenumbers.parse(number, "FI")))
    except phonenumbers.NumberParseException:
        valid = False
    verdicts[number] = valid
    _save_phone_verdicts(verdicts)
    return valid


@functools.cache
def _phone_cache_name() -> str | None:
    """The cache file of phone verdicts for the installed ``phonenumbers``, or ``None``.

    Named by a digest of the package's ``__init__.py``, which holds its
    version, found without importing it; ``None`` when it cannot be read.
    """
    import importlib.util
    from pathlib import Path

    try:
        spec = importlib.util.find_spec("phonenumbers")
        if spec is None or spec.origin is None:
            return None
        return f"phones-{digest(_PHONE_CACHE_FORMAT, Path(spec.origin).read_bytes())}.json"
    except (OSError, ImportError, ValueError):
        return None


@functools.cache
def _phone_verdicts() -> dict[str, bool]:
    """Phone numbers mapped to whether they are valid, as cached; empty without a cache.

    The same dictionary for the life of the process: new verdicts are added to it.
    """
    import json

    folder, name = cache_dir(), _phone_cache_name()
    data = None if folder is None or name is None else read_cached(folder, name)
    if data is None:
        return {}
    try:
        found = json.loads(data)
    except ValueError:
        return {}
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, bool)}


def _save_phone_verdicts(verdicts: dict[str, bool]) -> None:
    import json

    folder, name = cache_dir(), _phone_cache_name()
    if folder is not None and name is not None and len(verdicts) <= _PHONE_CACHE_SIZE:
        data = json.dumps(verdicts, sort_keys=True, ensure_ascii=False).encode()
        write_cached(folder, name, data)


def _check_privacy(release: Release) -> Iterator[Problem]:
    """Apply the minimum group size (statistical disclosure control).

    A count of a group defined by nationality (Finnish nationals, and the
    others of the same group) below ``privacy.min_group`` is an error. Any
    other count below it, or a count whose complement in its whole is below
    it, is a warning: combined with the rest of the release it may narrow a
    group down to a few people.
    """
    privacy = release.privacy
    limit = privacy.min_group
    if limit < 1:
        yield Problem(
            "privacy.min_group",
            "a group must hold at least one person",
            "a whole number, 1 or more",
            limit,
        )
        return
    if limit != DEFAULT_MIN_GROUP and not privacy.reason.strip():
        yield Problem(
            "privacy.reason",
            f"the minimum group size is changed from {DEFAULT_MIN_GROUP} without a reason",
            'reason = "…" saying who decided and why',
        )
    stats = release.statistics

    def small(value: int | None) -> bool:
        return value is not None and 0 < value < limit

    def warn(path: str, text: str, value: int) -> Problem:
        return Problem(
            path,
            f"{text}; combined with the other figures it may narrow down who they are",
            f"0 or at least {limit} (privacy.min_group)",
            value,
            severity="warning",
        )

    for section in ("new_clients", "in_finland"):
        group = getattr(stats, section)
        if group is None:
            continue
        path = f"statistics.{section}"
        finnish = group.finnish
        if small(finnish):
            yield Problem(
                f"{path}.finnish",
                f"a group defined by nationality of fewer than {limit} people "
                "could identify its members",
                f"0 or at least {limit} (privacy.min_group), or leave the key out",
                finnish,
            )
        elif finnish and small(group.count - finnish):
            others = group.count - finnish
            yield Problem(
                f"{path}.finnish",
                f"leaves {others} {'person' if others == 1 else 'people'} who are not "
                "Finnish nationals, "
                f"a group defined by nationality of fewer than {limit}",
                f"a difference of 0 or at least {limit} from {path}.count, or leave the key out",
                finnish,
            )
        parts = [(key, getattr(group, key)) for key in ("women", "minors")]
        parts += [(f"forms.{form}", count) for form, count in group.forms.items()]
        if section == "new_clients":
            parts += [(key, getattr(group, key)) for key in ("home_country", "elsewhere")]
        for key, value in parts:
            if value is None:
                continue
            if small(value):
                yield warn(f"{path}.{key}", f"a group of {value}, fewer than {limit} people", value)
            elif small(group.count - value):
                yield warn(
                    f"{path}.{key}",
                    f"leaves {group.count - value} of the "
                    f"{group.count} in {path} outside it, fewer than {limit} people",
                    value,
                )
    if stats.new_clients is not None and stats.in_finland is not None:
        rest = stats.new_clients.count - stats.in_finland.count
        if small(rest):
            yield warn(
                "statistics.in_finland.count",
                f"leaves {rest} new clients exploited outside Finland, fewer than {limit} people",
                stats.in_finland.count,
            )
    register = stats.register
    if register is not None:
        for key in ("minors", "women", "entered_as_minors"):
            value = getattr(register, key)
            if small(value):
                yield warn(
                    f"statistics.register.{key}",
                    f"a group of {value}, fewer than {limit} people",
                    value,
                )
