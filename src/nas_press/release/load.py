"""Reading a release file (TOML), and the statistics history beside it, into a
:class:`~nas_press.release.model.Release`.

The reader collects every problem in the file before it gives up, each with
the key path, the value found, what was expected and the line it stands on,
then checks the release as a whole (:func:`nas_press.release.lint.lint`),
and returns or raises them together.

The statistics history (:class:`~nas_press.release.model.History`) is found
beside the release file as ``history.toml``, or named by ``release.history``,
and a release may carry earlier periods of its own as ``[history.2024-h1]``
tables. The organisation file (:func:`read_organisation`), ``organisation.toml``
beside the release file or named by ``release.organisation``, holds the press
contacts and the organisation's own wording of boilerplate blocks. Loading is the
only I/O of a release; the model does none.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs

from nas_press._resources import supported_languages
from nas_press.exceptions import Problem, ReleaseError
from nas_press.release.model import (
    BOILERPLATE,
    DEFAULT_BOILERPLATE,
    DEFAULT_TIME,
    FORMS,
    GENDERS,
    QUOTATIONS,
    AuthoredHeading,
    AuthoredParagraph,
    AuthoredQuote,
    BodyItem,
    BoilerplateText,
    Change,
    Chart,
    Contact,
    Figure,
    Forms,
    History,
    HistoryEntry,
    InFinland,
    NewClients,
    Percent,
    Period,
    PeriodKind,
    Privacy,
    Referrals,
    Register,
    Release,
    Statement,
    Statistics,
    Translations,
)
from nas_press.release.source import Source, read_source

T = TypeVar("T")

ORGANISATION_FILE = "organisation.toml"
"""The name of the organisation file beside a release file."""

HISTORY_FILE = "history.toml"
"""The name of the statistics history beside a release file."""

_PEOPLE = (*GENDERS, "adults", "minors", "nationalities", "finnish", "forms", "forms_by_gender")
_SECTIONS: dict[str, tuple[str, ...]] = {
    "referrals": ("count", "pending", "change"),
    "new_clients": ("count", "children", "home_country", "abroad", *_PEOPLE),
    "in_finland": ("count", *_PEOPLE),
    "register": ("persons", "victims", "children", "entered_as_minors", *_PEOPLE),
}
_TOP = (
    "release",
    "period",
    "privacy",
    "statistics",
    "history",
    "headline",
    "lead",
    "body",
    "contacts",
    "carried",
)
_RELEASE = (
    "id",
    "languages",
    "published",
    "embargo",
    "version",
    "correction",
    "corrected",
    "boilerplate",
    "quotation",
    "history",
    "organisation",
)
_BODY_KINDS = ("statement", "chart", "heading", "paragraph", "quote")
_KINDS = {k.value: k for k in PeriodKind}
_MOVED = {
    "statistics.earlier": "earlier periods are kept in the statistics history: a "
    "history.toml beside the release, or [history.2024-h1] tables in the release itself",
    "statistics.in_finland.earlier": "earlier periods are kept in the statistics history: "
    "put their figures under [history.<period>.in_finland]",
    "statistics.new_clients.elsewhere": "the new clients exploited in a third country are now "
    "'abroad'",
    "statistics.referrals.change.count": "an earlier period's own count belongs in the "
    "statistics history; change = { year = …, percent = … } is for a published change alone",
}
"""Keys of earlier release files that moved, with where they went."""

_WHERE: dict[str, str] = {}
"""Every key of the release file, mapped to the table it belongs in (for hints)."""
for _section, _keys in _SECTIONS.items():
    for _key in _keys:
        _WHERE.setdefault(_key, f"[statistics.{_section}]")
for _key in _RELEASE:
    _WHERE.setdefault(_key, "[release]")
for _key in ("year", "kind"):
    _WHERE.setdefault(_key, "[period]")
for _key in ("headline", "lead", "body", "contacts", "statistics", "privacy", "period"):
    _WHERE[_key] = "the top of the file, before the first [table]"


def _is_period_name(name: str) -> bool:
    try:
        Period.parse(name)
    except ReleaseError:
        return False
    return True


def load_release(
    path: str | Path,
    *,
    history: str | Path | None = None,
    organisation: str | Path | None = None,
) -> Release:
    """Read and check the release file at ``path`` (and its statistics history and
    organisation file).

    ``history`` names the statistics history file, in place of the one the
    release names or the ``history.toml`` beside it; ``organisation`` the
    organisation file, in place of the one the release names or the
    ``organisation.toml`` beside it. Raises
    :class:`~nas_press.exceptions.ReleaseError` listing every error, each with
    the file name, key path and line, also when the file is not a regular file
    or is too large (see :mod:`nas_press.release.source`); ``OSError`` if the
    file cannot be opened or read.
    """
    path = Path(path)
    found = read_source(path, str(path))
    release, problems = _read(found, path.stem, path.parent, history, organisation)
    if release is None:
        raise ReleaseError(problems, source=str(path))
    return release


def parse_release(
    data: bytes | str,
    source: str = "<release>",
    default_id: str = "release",
    *,
    base: str | Path | None = None,
    history: str | Path | History | None = None,
    organisation: str | Path | Organisation | None = None,
) -> Release:
    """Read release-file text (TOML) into a checked :class:`Release`.

    ``source`` names the file in messages; ``default_id`` is the release id
    when the file gives none; ``base`` is the folder the release file stands
    in, where its statistics history and organisation file are looked for;
    ``history`` is the history itself, or its file, and ``organisation`` the
    organisation file (:func:`read_organisation`), or what it holds. Raises
    :class:`~nas_press.exceptions.ReleaseError` listing every error.
    """
    release, problems = read_release(
        data, source, default_id, base=base, history=history, organisation=organisation
    )
    if release is None:
        raise ReleaseError(problems, source=source)
    return release


def read_release(
    data: bytes | str | Path,
    source: str | None = None,
    default_id: str = "release",
    *,
    base: str | Path | None = None,
    history: str | Path | History | None = None,
    organisation: str | Path | Organisation | None = None,
) -> tuple[Release | None, list[Problem]]:
    """Read a release file (a ``Path``), or its bytes or text, and return the release
    (``None`` if it has an error) and every problem found, warnings included, without
    raising; a file that cannot be read is a problem too.

    ``source`` names the file in messages (default: the path, or ``"<release>"``);
    a path's folder is where its statistics history is looked for, unless ``base``
    says otherwise.
    """
    if isinstance(data, Path) and base is None:
        base = data.parent
    if isinstance(data, Path) and default_id == "release":
        default_id = data.stem
    try:
        found = read_source(data, source)
    except ReleaseError as exc:
        return None, list(exc.problems)
    except OSError as exc:
        return None, [
            Problem("", f"cannot read the file: {exc.strerror or exc}", "a readable release file")
        ]
    return _read(found, default_id, Path(base) if base is not None else None, history, organisation)


def _read(
    found: Source,
    default_id: str,
    base: Path | None,
    history: str | Path | History | None,
    organisation: str | Path | Organisation | None = None,
) -> tuple[Release | None, list[Problem]]:
    holes = placeholders(found.table)
    table = _without(found.table, {path for path, _ in holes}) if holes else found.table
    reader = _Reader(found)
    unfilled = [reader.locate(_unfilled(path, value)) for path, value in holes]
    reader.problems += unfilled
    carried = reader.carried(table.get("carried"))
    release = reader.release(table, default_id, base, history, organisation)
    problems = reader.problems
    if release is not None:
        from nas_press.release.lint import lint

        problems = problems + [reader.relocate(p) for p in lint(release)]
        problems += [reader.locate(p) for p in _unchanged(release, carried)]
    if holes:
        problems = unfilled + [
            p for p in problems if p not in unfilled and not _beside(p.path, holes)
        ]
    problems = [found.annotate(p) if p.file is None else p for p in problems]
    if any(p.severity == "error" for p in problems):
        release = None
    # A contact of the organisation file is checked there, and again as the release's.
    unique = {_identity(p): p for p in reversed(problems)}
    return release, _ordered([p for p in problems if unique[_identity(p)] is p])


# -- placeholders and carried texts

PLACEHOLDER = "FILL IN"
"""The value ``nas-press new`` writes where the author must write one; an error until replaced."""
UNFILLED = "not filled in"
"""How the problem of a placeholder left begins."""


def placeholders(raw: object, path: str = "") -> list[tuple[str, str]]:
    """The key paths (as problems name them) of every placeholder in parsed TOML, with the
    text found: a string that starts with :data:`PLACEHOLDER`."""
    found: list[tuple[str, str]] = []
    if isinstance(raw, dict):
        for key, value in raw.items():
            found += placeholders(value, f"{path}.{key}" if path else str(key))
    elif isinstance(raw, list):
        for i, value in enumerate(raw):
            found += placeholders(value, f"{path}[{i}]")
    elif isinstance(raw, str) and raw.strip().startswith(PLACEHOLDER):
        found.append((path, raw))
    return found


def _without(raw: Any, paths: set[str], path: str = "") -> Any:
    """``raw`` without the values at ``paths``."""
    if isinstance(raw, dict):
        return {
            key: _without(value, paths, full)
            for key, value in raw.items()
            if (full := f"{path}.{key}" if path else str(key)) not in paths
        }
    if isinstance(raw, list):
        return [
            _without(value, paths, f"{path}[{i}]")
            for i, value in enumerate(raw)
            if f"{path}[{i}]" not in paths
        ]
    return raw


def _beside(path: str, holes: Sequence[tuple[str, str]]) -> bool:
    """Whether a problem at ``path`` may come of a placeholder left out: at its key, under
    it, or at a table holding it."""
    return any(
        path == hole
        or path.startswith((f"{hole}.", f"{hole}["))
        or (path and hole.startswith((f"{path}.", f"{path}[")))
        for hole, _ in holes
    )


def _unfilled(path: str, value: str) -> Problem:
    last = path.rsplit(".", 1)[-1]
    if path.startswith(("statistics.", "history.")):
        expected = "a whole number, or { percent = N } for a share published alone"
        if path.endswith(".change.percent"):
            expected = "the published change in whole per cent, such as 19 or -5"
        elif path.endswith(".change.year"):
            expected = "the year compared with, such as 2024"
    elif last in ("published", "embargo", "from", "until"):
        expected = "a date such as 2026-02-10 (a time too: 2026-02-10T10:00:00)"
    elif last in supported_languages():
        expected = f"the text in {last}"
    elif last == "phone":
        expected = "a phone number such as 0295 463 000"
    elif last == "email":
        expected = "an e-mail address such as first.last@migri.fi"
    elif last in ("name", "speaker"):
        expected = "the person's name"
    else:
        expected = "a value"
    return Problem(path, f"{UNFILLED}: write the value in place of {PLACEHOLDER}", expected, value)


def fingerprint(text: str) -> str:
    """A short digest of an authored text, its white space aside: what ``[carried]`` holds."""
    import hashlib

    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


@attrs.frozen
class Carried:
    """The ``[carried]`` table ``nas-press new --from`` writes: the earlier release's period
    and the fingerprints of the authored texts carried over from it."""

    source: str = ""
    fingerprints: frozenset[str] = frozenset()


def _unchanged(release: Release, carried: Carried) -> Iterator[Problem]:
    """A warning for each authored text still as it was in the release it was carried from."""
    if not carried.fingerprints:
        return
    from nas_press.release.lint import translations

    for path, texts, _ in translations(release):
        for lang in release.languages:
            text = texts.get(lang)
            if text is not None and fingerprint(text) in carried.fingerprints:
                yield Problem(
                    f"{path}.{lang}",
                    f"unchanged since {carried.source or 'the earlier release'}, whose text "
                    "nas-press new carried over",
                    "this period's text; to keep the text as it is, delete its line "
                    "under [carried]",
                    severity="warning",
                )


def read_history(
    data: bytes | str | Path, source: str = HISTORY_FILE
) -> tuple[History | None, list[Problem]]:
    """Read a statistics history file: a table per period (``[2024-h1]``, ``[2024]``)
    holding that period's figures as a release's ``[statistics]`` does."""
    try:
        found = read_source(data, source)
    except ReleaseError as exc:
        return None, [
            attrs.evolve(
                p,
                file=source,
                expected=p.expected.replace(
                    "a release file, such as 2025-h1.toml",
                    "a statistics history file, such as history.toml",
                ),
            )
            for p in exc.problems
        ]
    except OSError as exc:
        return None, [
            Problem(
                "",
                f"cannot read the statistics history: {exc.strerror or exc}",
                "a readable file",
                file=source,
            )
        ]
    reader = _Reader(found, file=source)
    entries = reader.history_entries(found.table, "")
    if reader.errors():
        return None, reader.problems
    return reader.construct(History, "", entries=entries), reader.problems


@attrs.frozen
class Organisation:
    """What an organisation file holds: its press contacts, in order, and its wordings of
    boilerplate blocks, ``(block, language, text)``. ``source`` is the file as read, which
    finds the line of each key (``contacts[1].phone``)."""

    contacts: tuple[Contact, ...]
    boilerplate: tuple[tuple[str, str, BoilerplateText], ...]
    source: Source = attrs.field(eq=False, repr=False)

    def contact(self, name: str) -> tuple[int, Contact] | None:
        """The contact called ``name`` and its place in the file, or ``None``."""
        return next(((i, c) for i, c in enumerate(self.contacts) if c.name == name), None)


def read_organisation(
    data: bytes | str | Path, source: str = ORGANISATION_FILE
) -> tuple[Organisation | None, list[Problem]]:
    """Read an organisation file: ``[[contacts]]`` as a release writes them, and
    ``[boilerplate.<block>.<lang>]`` tables (``heading``, ``paragraphs``, ``items``,
    ``after``) that replace the bundled block in that language. Returns the organisation
    (``None`` if the file has an error) and every problem, each naming the file and line."""
    try:
        found = read_source(data, source)
    except ReleaseError as exc:
        return None, [attrs.evolve(p, file=source) for p in exc.problems]
    except OSError as exc:
        return None, [
            Problem(
                "",
                f"cannot read the organisation file: {exc.strerror or exc}",
                "a readable file",
                file=source,
            )
        ]
    reader = _Reader(found, file=source)
    raw = found.table
    reader.keys(raw, "", ("contacts", "boilerplate"))
    contacts = reader.contacts(raw.get("contacts"))
    texts = reader.boilerplate_texts(raw.get("boilerplate"))
    from nas_press.release.lint import contact_problems

    for i, contact in enumerate(contacts):
        reader.problems += [reader.locate(p) for p in contact_problems(f"contacts[{i}]", contact)]
    names = [c.name for c in contacts]
    for i, name in enumerate(names):
        if name in names[:i]:
            reader.problem(
                f"contacts[{i}].name",
                f"a second contact named {name!r}",
                "each contact once: releases choose contacts by name",
                name,
            )
    if reader.errors():
        return None, reader.problems
    return Organisation(tuple(contacts), tuple(texts), found), reader.problems


def load_history(path: str | Path) -> History:
    """Read the statistics history file at ``path``; raises ``ReleaseError`` or ``OSError``."""
    path = Path(path)
    history, problems = read_history(path, str(path))
    if history is None:
        raise ReleaseError(problems, source=str(path))
    return history


_CONTACT = re.compile(r"contacts\[(\d+)\](.*)")
"""A key path within a contact of the release: its place, and the rest of the path."""


def _identity(problem: Problem) -> tuple[str | None, int | None, str, str]:
    return (problem.file, problem.line, problem.path, problem.message)


def _ordered(problems: list[Problem]) -> list[Problem]:
    """Errors first, then warnings, each in the order of the lines they stand on."""
    return sorted(problems, key=lambda p: (p.severity != "error", p.file or "", p.line or 0))


class _Reader:
    """Turns parsed TOML into model objects, collecting problems instead of raising."""

    def __init__(self, found: Source, file: str | None = None) -> None:
        self.found = found
        self.file = file
        self.problems: list[Problem] = []
        self.found_organisation: Organisation | None = None
        self.origins: dict[int, str] = {}
        """For each contact of the release taken from the organisation file, its key there."""

    # -- problems

    def locate(self, problem: Problem) -> Problem:
        """``problem`` with the line its key stands on, if it has none."""
        if problem.line is not None or problem.file not in (None, self.file):
            return problem
        return attrs.evolve(problem, line=self.found.line_of(problem.path), file=self.file)

    def relocate(self, problem: Problem) -> Problem:
        """:meth:`locate`, but a problem of a contact that comes from the organisation file
        is put where that contact is written there."""
        match = _CONTACT.match(problem.path)
        org = self.found_organisation
        if match is None or org is None or int(match.group(1)) not in self.origins:
            return self.locate(problem)
        path = self.origins[int(match.group(1))] + match.group(2)
        return attrs.evolve(problem, path=path, file=org.source.name, line=org.source.line_of(path))

    def problem(self, path: str, message: str, expected: str = "", value: object = None) -> None:
        self.problems.append(self.locate(Problem(path, message, expected, value)))

    def errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    def construct(self, cls: Callable[..., T], path: str, **kwargs: Any) -> T | None:
        """Build ``cls``; a :class:`ReleaseError` it raises becomes problems under ``path``."""
        try:
            return cls(**kwargs)
        except ReleaseError as exc:
            for p in exc.problems:
                full = f"{path}.{p.path}" if path and p.path else (path or p.path)
                self.problems.append(self.locate(attrs.evolve(p, path=full)))
            return None

    # -- typed access

    def keys(self, raw: dict[str, Any], path: str, allowed: Sequence[str]) -> None:
        for key in raw:
            if key in allowed:
                continue
            full = f"{path}.{key}" if path else key
            if full in _MOVED:
                self.problem(full, f"no longer a key here: {_MOVED[full]}", value=key)
                continue
            hint = difflib.get_close_matches(key, allowed, n=1)
            message = f"unknown key {key!r}"
            if hint:
                message += f"; did you mean {hint[0]!r}?"
            elif key in _WHERE and _WHERE[key] != f"[{path}]":
                message += f"; it belongs in {_WHERE[key]}"
            self.problem(full, message, f"one of {', '.join(allowed)}", key)

    def unknown(self, path: str, what: str, name: str, choices: Sequence[str]) -> None:
        hint = difflib.get_close_matches(name, choices, n=1)
        self.problem(
            path,
            f"unknown {what} {name!r}" + (f"; did you mean {hint[0]!r}?" if hint else ""),
            f"one of {', '.join(choices)}",
            name,
        )

    def table(
        self, raw: dict[str, Any], key: str, path: str, *, required: bool = False
    ) -> dict[str, Any] | None:
        value = raw.get(key)
        if value is None:
            if required:
                self.problem(path, "missing", "a table")
            return None
        if not isinstance(value, dict):
            self.problem(path, f"a {_kind(value)}, not a table", "a table", value)
            return None
        return value

    def get(
        self,
        raw: dict[str, Any],
        key: str,
        path: str,
        check: Callable[[Any], T | None],
        expected: str,
        *,
        required: bool = False,
    ) -> T | None:
        full = f"{path}.{key}" if path else key
        if key not in raw:
            if required:
                self.problem(full, "missing", expected)
            return None
        value = raw[key]
        result = check(value)
        if result is None:
            self.problem(full, f"a {_kind(value)}, not {expected}", expected, value)
        return result

    def count(
        self, raw: dict[str, Any], key: str, path: str, *, required: bool = False
    ) -> int | None:
        full = f"{path}.{key}" if path else key
        value = raw.get(key)
        if isinstance(value, dict) and "percent" in value:
            self.problem(full, "a share where a count belongs", "a whole number of people", value)
            return None
        if (
            isinstance(value, int)
            and not isinstance(value, bool)
            and (value < 0 or value > 1_000_000)
        ):
            self.problem(
                full,
                "a negative count" if value < 0 else "a count larger than 1 000 000",
                "a whole number, 0 or more" if value < 0 else "a whole number from 0 to 1 000 000",
                value,
            )
            return None
        return self.get(raw, key, path, _as_count, "a whole number, 0 or more", required=required)

    def figure(
        self, raw: dict[str, Any], key: str, path: str, *, required: bool = False
    ) -> Figure | None:
        """A count, or ``{ percent = N }`` where only a share was published."""
        full = f"{path}.{key}" if path else key
        value = raw.get(key)
        if isinstance(value, dict):
            self.keys(value, full, ("percent",))
            percent = self.get(
                value, "percent", full, _as_int, "a whole number from 0 to 100", required=True
            )
            return None if percent is None else self.construct(Percent, full, value=percent)
        if isinstance(value, str) and "%" in value and value.strip().rstrip("%").strip().isdigit():
            number = value.strip().rstrip("%").strip()
            self.problem(
                full,
                "a share written as text",
                f"{key} = {{ percent = {number} }} for a published share, or a count",
                value,
            )
            return None
        return self.count(raw, key, path, required=required)

    def integer(
        self, raw: dict[str, Any], key: str, path: str, *, required: bool = False
    ) -> int | None:
        return self.get(raw, key, path, _as_int, "a whole number", required=required)

    def string(
        self, raw: dict[str, Any], key: str, path: str, *, required: bool = False
    ) -> str | None:
        return self.get(raw, key, path, _as_str, "text", required=required)

    def string_list(
        self, raw: dict[str, Any], key: str, path: str, *, required: bool = False
    ) -> list[str] | None:
        return self.get(
            raw, key, path, _as_str_list, 'a list of text, such as ["fi", "sv"]', required=required
        )

    def date(
        self, raw: dict[str, Any], key: str, path: str, *, required: bool = False
    ) -> datetime.date | None:
        return self.get(raw, key, path, _as_date, "a date such as 2025-07-15", required=required)

    def translations(
        self, raw: dict[str, Any], key: str, path: str, *, required: bool = False
    ) -> Translations | None:
        full = f"{path}.{key}" if path else key
        value = raw.get(key)
        if value is None:
            if required:
                self.problem(full, "missing", 'a text per language, such as fi = "…"')
            return None
        if isinstance(value, str):
            self.problem(
                full,
                "one text for every language",
                'a text per language, such as fi = "…", sv = "…", en = "…"',
                value,
            )
            return None
        if not isinstance(value, dict):
            self.problem(
                full, f"a {_kind(value)}, not texts per language", "a text per language", value
            )
            return None
        texts = {}
        for lang, text in value.items():
            if isinstance(text, dict) and lang in _WHERE:
                self.problem(
                    f"{full}.{lang}",
                    f"{lang!r} is read as a language of {full}; it belongs in {_WHERE[lang]}",
                    "move it above the first [table]" if "top" in _WHERE[lang] else _WHERE[lang],
                )
            elif isinstance(text, str) and lang in _WHERE and lang not in supported_languages():
                own = "top" in _WHERE[lang]
                self.problem(
                    f"{full}.{lang}",
                    f"{lang!r} is no language of [{full}]: "
                    + (
                        f"it is a table of its own, [{lang}]"
                        if own
                        else f"it belongs in {_WHERE[lang]}"
                    ),
                    f'[{lang}] with fi = "…", sv = "…" and en = "…" below it'
                    if own
                    else f"{lang} under {_WHERE[lang]}",
                    lang,
                )
            elif not isinstance(text, str):
                message = f"a {_kind(text)}, not text"
                if lang in _WHERE:
                    message += f"; {lang!r} is no language: it belongs in {_WHERE[lang]}"
                self.problem(f"{full}.{lang}", message, "text", text)
            else:
                texts[lang] = text
        return self.construct(Translations, full, texts=texts)

    def period(self, raw: dict[str, Any], path: str) -> Period | None:
        year = self.integer(raw, "year", path, required=True)
        kind_name = self.string(raw, "kind", path, required=True)
        kind = None
        if kind_name is not None:
            kind = _KINDS.get(kind_name)
            if kind is None:
                self.unknown(f"{path}.kind", "period", kind_name, list(_KINDS))
        if year is None or kind is None:
            return None
        return self.construct(Period, path, year=year, kind=kind)

    def period_name(self, name: object, path: str) -> Period | None:
        if not isinstance(name, str):
            self.problem(
                path, f"a {_kind(name)}, not a period", "a period such as 2024-h1 or 2024", name
            )
            return None
        try:
            return Period.parse(name)
        except ReleaseError as exc:
            for p in exc.problems:
                self.problem(path, p.message, p.expected, p.value)
            return None

    def array(
        self, raw: dict[str, Any], key: str, path: str
    ) -> Iterator[tuple[int, dict[str, Any]]]:
        value = raw.get(key)
        if value is None:
            return
        if not isinstance(value, list):
            self.problem(
                path, f"a {_kind(value)}, not a list of tables", f"[[{path}]] tables", value
            )
            return
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                self.problem(f"{path}[{i}]", f"a {_kind(item)}, not a table", "a table", item)
            else:
                yield i, item

    # -- the release

    def release(
        self,
        raw: dict[str, Any],
        default_id: str,
        base: Path | None,
        history: str | Path | History | None,
        organisation: str | Path | Organisation | None = None,
    ) -> Release | None:
        if raw and "release" not in raw and all(_is_period_name(k) for k in raw):
            self.problem(
                "",
                "this is a statistics history (only period tables), not a release file",
                "a release file; it finds the history.toml beside it, or names it "
                'with history = "…" under [release]',
            )
            return None
        self.keys(raw, "", _TOP)
        head = self.table(raw, "release", "release", required=True) or {}
        if isinstance(raw.get("release"), list):
            self.problem("release", "[[release]] makes a list; there is one release", "[release]")
        self.keys(head, "release", _RELEASE)
        release_id = self.string(head, "id", "release")
        languages = self.string_list(head, "languages", "release", required=True)
        published, published_time = self.moment(head, "published", required=True)
        embargo_date, embargo_time = self.moment(head, "embargo")
        version = self.integer(head, "version", "release")
        correction = self.translations(head, "correction", "release")
        corrected_date, corrected_time = self.moment(head, "corrected")
        boilerplate = self.string_list(head, "boilerplate", "release")
        for i, name in enumerate(boilerplate or ()):
            if name not in BOILERPLATE:
                self.unknown(f"release.boilerplate[{i}]", "boilerplate block", name, BOILERPLATE)
        quotation = self.string(head, "quotation", "release")
        if quotation is not None and quotation not in QUOTATIONS:
            self.unknown("release.quotation", "quotation style", quotation, QUOTATIONS)
        period = None
        if (period_raw := self.table(raw, "period", "period", required=True)) is not None:
            self.keys(period_raw, "period", ("year", "kind"))
            period = self.period(period_raw, "period")
        privacy = self.privacy(self.table(raw, "privacy", "privacy"))
        statistics = None
        if (stats_raw := self.table(raw, "statistics", "statistics", required=True)) is not None:
            statistics = self.statistics(stats_raw, "statistics")
        entries = self.history_entries(raw.get("history", {}), "history")
        found_history = self.load_history(head, base, history, entries, period)
        headline = self.translations(raw, "headline", "", required=True)
        lead = self.lead(raw.get("lead"))
        body = self.body(raw.get("body"))
        self.found_organisation = self.organisation(head, base, organisation)
        contacts, self.origins = self.chosen_contacts(
            raw.get("contacts"), self.found_organisation, published
        )
        if self.errors():
            # The texts are checked all the same, so that every problem is reported at once.
            from nas_press.release.lint import authored, text_problems

            quotes = [
                (f"body[{i}].quote.speaker", q.speaker)
                for i, q in enumerate(body or ())
                if isinstance(q, AuthoredQuote)
            ]
            names = quotes + [(f"contacts[{i}].name", c.name) for i, c in enumerate(contacts)]
            texts = authored(headline, lead, correction, body or (), contacts)
            self.problems += [
                self.relocate(p) for p in text_problems(languages or (), texts, names)
            ]
            return None
        for part in (languages, published, period, statistics, headline, body):
            assert part is not None
        embargo = corrected = None
        if embargo_date is not None:
            embargo = datetime.datetime.combine(embargo_date, embargo_time or DEFAULT_TIME)
        if corrected_date is not None:
            corrected = datetime.datetime.combine(corrected_date, corrected_time or DEFAULT_TIME)
        return self.construct(
            Release,
            "",
            id=release_id if release_id is not None else default_id,
            languages=languages,
            published=published,
            published_time=published_time,
            embargo=embargo,
            version=1 if version is None else version,
            correction=correction,
            corrected=corrected,
            period=period,
            statistics=statistics,
            history=found_history,
            headline=headline,
            lead=lead,
            body=body,
            contacts=contacts,
            boilerplate=DEFAULT_BOILERPLATE if boilerplate is None else boilerplate,
            boilerplate_texts=()
            if self.found_organisation is None
            else self.found_organisation.boilerplate,
            quotation=quotation or "dash",
            privacy=privacy,
        )

    def moment(
        self, raw: dict[str, Any], key: str, *, required: bool = False
    ) -> tuple[datetime.date | None, datetime.time | None]:
        """A date, or a date and time of day in Finland (a TOML local date-time)."""
        full = f"release.{key}"
        value = raw.get(key)
        if value is None:
            if required:
                self.problem(full, "missing", "a date such as 2025-07-10, or 2025-07-10T10:00:00")
            return None, None
        if isinstance(value, datetime.datetime):
            if value.tzinfo is not None:
                self.problem(
                    full,
                    "a time with a UTC offset",
                    "a time in Finland without an offset, such as 2025-07-10T10:00:00",
                    value.isoformat(),
                )
                return None, None
            return value.date(), value.time()
        if isinstance(value, datetime.date):
            return value, None
        self.problem(
            full,
            f"a {_kind(value)}, not a date",
            "a date such as 2025-07-10, or 2025-07-10T10:00:00",
            value,
        )
        return None, None

    def carried(self, raw: object) -> Carried:
        if raw is None:
            return Carried()
        if not isinstance(raw, dict):
            self.problem("carried", f"a {_kind(raw)}, not a table", "[carried]", raw)
            return Carried()
        self.keys(raw, "carried", ("from", "texts"))
        source = self.string(raw, "from", "carried") or ""
        texts = self.get(raw, "texts", "carried", _as_str_list, "a list of fingerprints") or []
        return Carried(source, frozenset(texts))

    def privacy(self, raw: dict[str, Any] | None) -> Privacy:
        if raw is None:
            return Privacy()
        self.keys(raw, "privacy", ("min_group", "reason"))
        size = self.integer(raw, "min_group", "privacy")
        reason = self.string(raw, "reason", "privacy") or ""
        return Privacy(size if size is not None else Privacy().min_group, reason)

    def load_history(
        self,
        head: dict[str, Any],
        base: Path | None,
        given: str | Path | History | None,
        inline: list[HistoryEntry],
        period: Period | None,
    ) -> History:
        """The history the release compares with: its own file, and the periods the release
        holds.

        The file holds every published period, also those after the release's own (it
        serves the later releases too); those are left out here. A period after the
        release's own written in the release itself is an error (the model's).
        """
        found: History | None = None
        if isinstance(given, History):
            found = given
        else:
            named = self.string(head, "history", "release")
            path: Path | None = None
            if given is not None:
                path = Path(given)
            elif named is not None:
                path = Path(named) if base is None else base / named
            elif base is not None and (base / HISTORY_FILE).is_file():
                path = base / HISTORY_FILE
            if path is not None:
                found, problems = read_history(path, str(path))
                self.problems += problems
        entries = list(found.entries) if found is not None else []
        if period is not None:
            entries = [e for e in entries if e.period.before(period) or e.period == period]
        for entry in inline:
            if any(e.period == entry.period for e in entries):
                self.problem(
                    f"history.{entry.period}",
                    f"the period {entry.period} is in the statistics history file too",
                    "each period once: in the history file or in the release",
                )
            else:
                entries.append(entry)
        return self.construct(History, "history", entries=entries) or History()

    def history_entries(self, raw: object, path: str) -> list[HistoryEntry]:
        if not isinstance(raw, dict):
            self.problem(
                path, f"a {_kind(raw)}, not a table of periods", "[history.2024-h1] tables", raw
            )
            return []
        entries = []
        for name, table in raw.items():
            full = f"{path}.{name}" if path else name
            period = self.period_name(name, full)
            if period is None:
                continue
            if not isinstance(table, dict):
                self.problem(full, f"a {_kind(table)}, not a table", "the period's figures", table)
                continue
            statistics = self.statistics(table, full)
            if statistics is not None:
                entries.append(HistoryEntry(period, statistics))
        return entries

    # -- statistics

    def statistics(self, raw: dict[str, Any], path: str) -> Statistics | None:
        self.keys(raw, path, tuple(_SECTIONS))
        before = len(self.problems)
        sections: dict[str, Any] = {}
        if (t := self.table(raw, "referrals", f"{path}.referrals")) is not None:
            sections["referrals"] = self.referrals(t, f"{path}.referrals")
        for name, cls in (
            ("new_clients", NewClients),
            ("in_finland", InFinland),
            ("register", Register),
        ):
            if (t := self.table(raw, name, f"{path}.{name}")) is not None:
                sections[name] = self.people(t, f"{path}.{name}", name, cls)
        if any(p.severity == "error" for p in self.problems[before:]):
            return None
        return self.construct(Statistics, path, **sections)

    def referrals(self, t: dict[str, Any], p: str) -> Referrals | None:
        self.keys(t, p, _SECTIONS["referrals"])
        change = None
        if (c := self.table(t, "change", f"{p}.change")) is not None:
            self.keys(c, f"{p}.change", ("year", "percent"))
            year = self.integer(c, "year", f"{p}.change", required=True)
            percent = self.integer(c, "percent", f"{p}.change", required=True)
            if year is not None and percent is not None:
                change = self.construct(Change, f"{p}.change", year=year, percent=percent)
        count = self.count(t, "count", p)
        pending = self.count(t, "pending", p)
        if "count" in t and count is None:
            return None
        return self.construct(Referrals, p, count=count, pending=pending, change=change)

    def people(self, t: dict[str, Any], p: str, section: str, cls: Callable[..., T]) -> T | None:
        self.keys(t, p, _SECTIONS[section])
        values: dict[str, Any] = {}
        for key in _SECTIONS[section]:
            if key not in t:
                continue
            if key in ("count", "children", "persons", "victims", "nationalities") and not (
                section == "in_finland" and key == "count"
            ):
                values[key] = self.count(t, key, p)
            elif key == "forms":
                values[key] = self.forms(t["forms"], f"{p}.forms")
            elif key == "forms_by_gender":
                values[key] = self.forms_by_gender(t["forms_by_gender"], f"{p}.forms_by_gender")
            else:
                values[key] = self.figure(t, key, p)
        if any(v is None for v in values.values()):
            return None
        return self.construct(cls, p, **values)

    def forms(self, raw: object, path: str) -> Forms | None:
        if not isinstance(raw, dict):
            self.problem(path, f"a {_kind(raw)}, not a table", "form = count pairs", raw)
            return None
        self.keys(raw, path, (*FORMS, "overlap"))
        figures = {f: self.figure(raw, f, path) for f in FORMS if f in raw}
        overlap = self.get(raw, "overlap", path, _as_bool, "true or false")
        if any(v is None for v in figures.values()):
            return None
        return self.construct(Forms, path, figures=figures, overlap=bool(overlap))

    def forms_by_gender(self, raw: object, path: str) -> tuple[tuple[str, Forms], ...] | None:
        if not isinstance(raw, dict):
            self.problem(
                path, f"a {_kind(raw)}, not a table", "a table per group, such as [… .women]", raw
            )
            return None
        self.keys(raw, path, GENDERS)
        found = {g: self.forms(raw[g], f"{path}.{g}") for g in GENDERS if g in raw}
        if any(v is None for v in found.values()):
            return None
        return tuple((g, f) for g, f in found.items() if f is not None)

    # -- lead, body and contacts

    def statement(self, raw: dict[str, Any], path: str) -> Statement | None:
        from nas_press.plan.statements import registry

        name = self.string(raw, "statement", path)
        show = self.string(raw, "show", path)
        compare_names = self.string_list(raw, "compare", path)
        if name is None:
            return None
        statements = registry()
        if name not in statements:
            self.unknown(f"{path}.statement", "statement", name, tuple(statements))
            return None
        spec = statements[name]
        if show is not None and show not in spec.shows:
            self.problem(
                f"{path}.show",
                f"statement {name!r} has no choice {show!r}",
                " or ".join(repr(s) for s in spec.shows),
                show,
            )
            return None
        compare: list[Period] = []
        if compare_names is not None:
            if not spec.compares:
                self.problem(
                    f"{path}.compare",
                    f"statement {name!r} compares with no earlier periods",
                    value=compare_names,
                )
                return None
            for i, period_name in enumerate(compare_names):
                period = self.period_name(period_name, f"{path}.compare[{i}]")
                if period is not None:
                    compare.append(period)
        return self.construct(
            Statement, path, name=name, show=show or spec.shows[0], compare=compare
        )

    def chart(self, raw: dict[str, Any], path: str) -> Chart | None:
        from nas_press.plan.charts import CHARTS

        name = self.string(raw, "chart", path)
        if name is None:
            return None
        if name not in CHARTS:
            self.unknown(f"{path}.chart", "chart", name, CHARTS)
            return None
        return Chart(name)

    def lead(self, raw: object) -> Translations | Statement | None:
        if raw is None:
            return None
        if not isinstance(raw, dict):
            self.problem(
                "lead",
                f"a {_kind(raw)}, not a table",
                'texts per language, or statement = "summary"',
                raw,
            )
            return None
        if "statement" in raw:
            self.keys(raw, "lead", ("statement", "show", "compare"))
            return self.statement(raw, "lead")
        return self.translations({"lead": raw}, "lead", "")

    def body(self, raw: object) -> tuple[BodyItem, ...] | None:
        if raw is None:
            self.problem(
                "body",
                "missing",
                "[[body]] items: statements, charts, headings, paragraphs and quotes",
            )
            return None
        items: list[BodyItem] = []
        for i, item in self.array({"body": raw}, "body", "body"):
            path = f"body[{i}]"
            kinds = [k for k in _BODY_KINDS if k in item]
            if len(kinds) != 1:
                self.problem(
                    path,
                    "a body item must be exactly one thing" if kinds else "an empty body item",
                    "one of statement, chart, heading, paragraph or quote",
                    ", ".join(kinds) or None,
                )
                self.keys(item, path, (*_BODY_KINDS, "show", "compare"))
                continue
            kind = kinds[0]
            body_item: BodyItem | None
            if kind == "statement":
                self.keys(item, path, ("statement", "show", "compare"))
                body_item = self.statement(item, path)
            elif kind == "chart":
                self.keys(item, path, ("chart",))
                body_item = self.chart(item, path)
            elif kind == "quote":
                self.keys(item, path, ("quote",))
                body_item = self.quote(item, path)
            elif kind == "paragraph":
                self.keys(item, path, ("paragraph", "continues"))
                text = self.translations(item, kind, path)
                continues = item.get("continues", False)
                if not isinstance(continues, bool):
                    self.problem(
                        f"{path}.continues",
                        f"a {_kind(continues)}",
                        "true (the paragraph goes on from the one before it) or false",
                        continues,
                    )
                    continues = False
                body_item = None if text is None else AuthoredParagraph(text, continues)
            else:
                self.keys(item, path, (kind,))
                text = self.translations(item, kind, path)
                body_item = None if text is None else AuthoredHeading(text)
            if body_item is not None:
                items.append(body_item)
        return tuple(items)

    def quote(self, item: dict[str, Any], path: str) -> AuthoredQuote | None:
        p = f"{path}.quote"
        q = self.table(item, "quote", p)
        if q is None:
            return None
        self.keys(q, p, ("speaker", "title", "text"))
        speaker = self.string(q, "speaker", p, required=True)
        title = self.translations(q, "title", p, required=True)
        text = self.translations(q, "text", p, required=True)
        if speaker is None or title is None or text is None:
            return None
        return AuthoredQuote(speaker, title, text)

    def boilerplate_texts(self, raw: object) -> list[tuple[str, str, BoilerplateText]]:
        """The ``[boilerplate.<block>.<lang>]`` tables of an organisation file."""
        from nas_press._resources import supported_languages
        from nas_press.release.lint import check_text

        if raw is None:
            return []
        if not isinstance(raw, dict):
            self.problem(
                "boilerplate", f"a {_kind(raw)}, not a table", "[boilerplate.nas.fi] tables", raw
            )
            return []
        found = []
        languages = supported_languages()
        for name, by_lang in raw.items():
            path = f"boilerplate.{name}"
            if name not in BOILERPLATE:
                self.unknown(path, "boilerplate block", name, BOILERPLATE)
                continue
            if not isinstance(by_lang, dict):
                self.problem(path, f"a {_kind(by_lang)}, not a table", f"[{path}.fi]", by_lang)
                continue
            for lang, table in by_lang.items():
                full = f"{path}.{lang}"
                if lang not in languages:
                    self.unknown(full, "language", lang, languages)
                    continue
                if not isinstance(table, dict):
                    self.problem(full, f"a {_kind(table)}, not a table", f"[{full}]", table)
                    continue
                self.keys(table, full, ("heading", "paragraphs", "items", "after"))
                heading = self.string(table, "heading", full, required=True)
                lists = {
                    key: self.string_list(table, key, full) or []
                    for key in ("paragraphs", "items", "after")
                }
                for key, text in [
                    ("heading", heading or ""),
                    *(
                        (f"{key}[{i}]", t)
                        for key, texts in lists.items()
                        for i, t in enumerate(texts)
                    ),
                ]:
                    for problem in check_text(f"{full}.{key}", text):
                        self.problems.append(self.locate(problem))
                if heading is not None and not any(lists.values()):
                    self.problem(
                        full, "a heading alone", "paragraphs = […], items = […] or after = […]"
                    )
                elif heading is not None:
                    found.append(
                        (
                            name,
                            lang,
                            BoilerplateText(
                                heading,
                                tuple(lists["paragraphs"]),
                                tuple(lists["items"]),
                                tuple(lists["after"]),
                            ),
                        )
                    )
        return found

    def organisation(
        self, head: dict[str, Any], base: Path | None, given: str | Path | Organisation | None
    ) -> Organisation | None:
        """The organisation file: given, named by ``release.organisation``, or beside the
        release file; ``None`` when there is none."""
        if isinstance(given, Organisation):
            return given
        named = self.string(head, "organisation", "release")
        path: Path | None = None
        if given is not None:
            path = Path(given)
        elif named is not None:
            path = Path(named) if base is None else base / named
            if not path.is_file():
                self.problem(
                    "release.organisation",
                    f"no organisation file {str(path)!r}",
                    "the name of a file beside the release file",
                    named,
                )
                return None
        elif base is not None and (base / ORGANISATION_FILE).is_file():
            path = base / ORGANISATION_FILE
        if path is None:
            return None
        found, problems = read_organisation(path, str(path))
        self.problems += problems
        return found

    def chosen_contacts(
        self, raw: object, organisation: Organisation | None, published: datetime.date | None
    ) -> tuple[tuple[Contact, ...], dict[int, str]]:
        """The release's contacts: its own ``[[contacts]]`` tables, the organisation's named
        in ``contacts = ["…"]``, or with no ``contacts`` key, every contact of the
        organisation file whose window has not ended when the release is published. Also,
        for each contact from the organisation file, its key path there."""
        if raw is None:
            if organisation is None:
                return (), {}
            chosen = [
                (i, c)
                for i, c in enumerate(organisation.contacts)
                if c.valid_until is None or published is None or c.valid_until >= published
            ]
            return tuple(c for _, c in chosen), {
                n: f"contacts[{i}]" for n, (i, _) in enumerate(chosen)
            }
        if not isinstance(raw, list):
            return self.contacts(raw), {}
        contacts: list[Contact] = []
        origins: dict[int, str] = {}
        for i, item in enumerate(raw):
            if isinstance(item, dict):
                if (contact := self.contact(item, f"contacts[{i}]")) is not None:
                    contacts.append(contact)
                continue
            if not isinstance(item, str):
                self.problem(
                    f"contacts[{i}]",
                    f"a {_kind(item)}, not a contact",
                    "a [[contacts]] table, or the name of a contact of the organisation file",
                    item,
                )
                continue
            if organisation is None:
                self.problem(
                    f"contacts[{i}]",
                    f"the contact {item!r} is named, but there is no organisation file",
                    f"an {ORGANISATION_FILE} beside the release file, or"
                    ' organisation = "…" under [release]',
                    item,
                )
                continue
            match = organisation.contact(item)
            if match is None:
                names = [c.name for c in organisation.contacts]
                hint = difflib.get_close_matches(item, names, n=1)
                self.problem(
                    f"contacts[{i}]",
                    f"the organisation file {organisation.source.name} has no contact named"
                    f" {item!r}" + (f"; did you mean {hint[0]!r}?" if hint else ""),
                    f"one of {', '.join(names)}" if names else "a contact of the organisation file",
                    item,
                )
                continue
            origins[len(contacts)] = f"contacts[{match[0]}]"
            contacts.append(match[1])
        return tuple(contacts), origins

    def contacts(self, raw: object) -> tuple[Contact, ...]:
        contacts = []
        for i, c in self.array({"contacts": raw}, "contacts", "contacts"):
            if (contact := self.contact(c, f"contacts[{i}]")) is not None:
                contacts.append(contact)
        return tuple(contacts)

    def contact(self, c: dict[str, Any], p: str) -> Contact | None:
        self.keys(c, p, ("name", "title", "phone", "email", "from", "until"))
        name = self.string(c, "name", p, required=True)
        title = self.translations(c, "title", p, required=True)
        phone = self.string(c, "phone", p, required=True)
        email = self.string(c, "email", p, required=True)
        start, end = self.date(c, "from", p), self.date(c, "until", p)
        if name is None or title is None or phone is None or email is None:
            return None
        return Contact(
            name=name, title=title, phone=phone, email=email, valid_from=start, valid_until=end
        )


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "whole number"
    if isinstance(value, float):
        return "decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, datetime.datetime):
        return "date and time"
    if isinstance(value, datetime.date):
        return "date"
    if isinstance(value, datetime.time):
        return "time"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "table"
    return type(value).__name__


def _as_count(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None


def _as_int(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def _as_str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _as_bool(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _as_str_list(value: object) -> list[str] | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


def _as_date(value: object) -> datetime.date | None:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    return None
