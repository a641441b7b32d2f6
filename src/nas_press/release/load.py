"""Reading a release file (TOML) into a :class:`~nas_press.release.model.Release`.

The reader collects every problem in the file before it gives up, each with
the key path, the value found, what was expected and the line it stands on,
and raises them together as one :class:`~nas_press.exceptions.ReleaseError`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from nas_press.exceptions import Problem, ReleaseError
from nas_press.release.lint import release_problems
from nas_press.release.model import (
    CHARTS,
    FORMS,
    STATEMENTS,
    AuthoredHeading,
    AuthoredParagraph,
    AuthoredQuote,
    BodyItem,
    Change,
    Chart,
    Contact,
    EarlierGroup,
    EarlierPeriod,
    Forms,
    InFinland,
    NewClients,
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
from nas_press.release.source import (
    MAX_FILE_BYTES as MAX_FILE_BYTES,
    LineMap,
    Source,
    read_source,
    with_lines as with_lines,
)

T = TypeVar("T")

MAX_COUNT = 1_000_000
"""Largest count accepted: every count of a release is of people (NAS has had a few
thousand clients in all), so a larger one is a typing mistake."""

_PEOPLE = ("women", "minors", "nationalities", "finnish")
_BODY_KINDS = ("statement", "chart", "heading", "paragraph", "quote")
_KINDS = {k.value: k for k in PeriodKind}


def load_release(path: str | Path) -> Release:
    """Read and validate the release file at ``path``.

    Raises :class:`~nas_press.exceptions.ReleaseError` listing every problem,
    each with the file name, key path and line, also when the file is not a
    regular file or is too large (see :mod:`nas_press.release.source`);
    ``OSError`` if the file cannot be opened or read.
    """
    path = Path(path)
    release, problems = _read(read_source(path, str(path)), default_id=path.stem)
    if release is None:
        raise ReleaseError(problems, source=str(path))
    return release


def parse_release(
    data: bytes | str, source: str = "<release>", default_id: str = "release"
) -> Release:
    """Parse release-file text (TOML) into a validated :class:`Release`.

    ``source`` names the file in messages; ``default_id`` is the release id
    when the file gives none.
    """
    release, problems = read_release(data, source=source, default_id=default_id)
    if release is None or any(p.severity == "error" for p in problems):
        raise ReleaseError(problems, source=source)
    return release


def read_release(
    data: bytes | str | Path, source: str | None = None, default_id: str = "release"
) -> tuple[Release | None, list[Problem]]:
    """Read a release file (a ``Path``), or its bytes or text; return the release and every problem.

    ``source`` names the file in messages (default: the path, or ``"<release>"``).
    The release is ``None`` when there is an error. Unlike :func:`parse_release`,
    warnings and errors are returned, not raised, and so is a file that cannot be read.
    """
    try:
        found = read_source(data, source)
    except ReleaseError as exc:
        return None, list(exc.problems)
    except OSError as exc:
        return None, [
            Problem("", f"cannot read the file: {exc.strerror or exc}", "a readable release file")
        ]
    return _read(found, default_id)


def _read(source: Source, default_id: str) -> tuple[Release | None, list[Problem]]:
    reader = _Reader(source.lines)
    release = reader.release(source.table, default_id)
    problems = reader.problems
    if release is not None:
        problems = problems + list(release_problems(release))
    problems = [source.annotate(p) for p in problems]
    return (release if not any(p.severity == "error" for p in problems) else None), problems


class _Reader:
    """Turns parsed TOML into model objects, collecting problems instead of raising."""

    def __init__(self, lines: LineMap) -> None:
        self.lines = lines
        self.problems: list[Problem] = []

    # -- problems and lines

    def locate(self, problem: Problem) -> Problem:
        if problem.line is not None:
            return problem
        return Problem(
            problem.path,
            problem.message,
            problem.expected,
            problem.value,
            self.lines.line_of(problem.path),
            problem.severity,
        )

    def problem(self, path: str, message: str, expected: str = "", value: object = None) -> None:
        self.problems.append(self.locate(Problem(path, message, expected, value)))

    # -- typed access

    def table(
        self,
        raw: dict[str, Any],
        key: str,
        path: str,
        *,
        required: bool = False,
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

    def keys(self, raw: dict[str, Any], path: str, allowed: tuple[str, ...]) -> None:
        for key in raw:
            if key not in allowed:
                self.unknown(f"{path}.{key}" if path else key, "key", key, allowed)

    def unknown(self, path: str, what: str, name: str, choices: Sequence[str]) -> None:
        """Report ``name`` at ``path`` as an unknown ``what``, with the closest of ``choices``."""
        hint = _close_matches(name, choices, n=1)
        self.problem(
            path,
            f"unknown {what} {name!r}" + (f"; did you mean {hint[0]!r}?" if hint else ""),
            f"one of {', '.join(choices)}",
            name,
        )

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
        if isinstance(value, int) and not isinstance(value, bool) and value < 0:
            self.problem(full, "a negative count", "a whole number, 0 or more", value)
            return None
        if isinstance(value, int) and not isinstance(value, bool) and value > MAX_COUNT:
            self.problem(
                full,
                f"a count larger than {MAX_COUNT:_}".replace("_", " "),
                f"a whole number from 0 to {MAX_COUNT:_}".replace("_", " "),
                value,
            )
            return None
        return self.get(raw, key, path, _as_count, "a whole number, 0 or more", required=required)

    def integer(
        self, raw: dict[str, Any], key: str, path: str, *, required: bool = False
    ) -> int | None:
        return self.get(raw, key, path, _as_int, "a whole number", required=required)

    def string(
        self, raw: dict[str, Any], key: str, path: str, *, required: bool = False
    ) -> str | None:
        return self.get(raw, key, path, _as_str, "text", required=required)

    def date(
        self,
        raw: dict[str, Any],
        key: str,
        path: str,
        *,
        required: bool = False,
    ) -> datetime.date | None:
        return self.get(raw, key, path, _as_date, "a date such as 2025-07-15", required=required)

    def translations(
        self,
        raw: dict[str, Any],
        key: str,
        path: str,
        *,
        required: bool = False,
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
            if not isinstance(text, str):
                self.problem(f"{full}.{lang}", f"a {_kind(text)}, not text", "text", text)
            else:
                texts[lang] = text
        return Translations(texts)

    def period(self, raw: dict[str, Any], path: str) -> Period | None:
        year = self.integer(raw, "year", path, required=True)
        kind_name = self.string(raw, "kind", path, required=True)
        kind = None
        if kind_name is not None:
            kind = _KINDS.get(kind_name)
            if kind is None:
                self.unknown(f"{path}.kind", "period", kind_name, list(_KINDS))
        if year is not None and not 2000 <= year <= 2999:
            self.problem(f"{path}.year", "not a plausible year", "a year such as 2025", year)
            return None
        if year is None or kind is None:
            return None
        return Period(year, kind)

    # -- sections

    def release(self, raw: dict[str, Any], default_id: str) -> Release | None:
        self.keys(
            raw,
            "",
            ("release", "period", "privacy", "statistics", "headline", "lead", "body", "contacts"),
        )
        head = self.table(raw, "release", "release", required=True) or {}
        self.keys(head, "release", ("id", "languages", "published", "boilerplate"))
        release_id = self.string(head, "id", "release")
        if release_id is None:
            release_id = default_id
        languages = self.string_list(head, "languages", "release", required=True)
        published = self.date(head, "published", "release", required=True)
        boilerplate = self.string_list(head, "boilerplate", "release")
        period_raw = self.table(raw, "period", "period", required=True)
        period = None
        if period_raw is not None:
            self.keys(period_raw, "period", ("year", "kind"))
            period = self.period(period_raw, "period")
        privacy = self.privacy(self.table(raw, "privacy", "privacy"))
        stats_raw = self.table(raw, "statistics", "statistics", required=True)
        statistics = self.statistics(stats_raw) if stats_raw is not None else None
        headline = self.translations(raw, "headline", "", required=True)
        lead = self.lead(raw.get("lead"))
        body = self.body(raw.get("body"))
        contacts = self.contacts(raw.get("contacts"))
        if (
            languages is None
            or published is None
            or period is None
            or statistics is None
            or headline is None
            or body is None
            or contacts is None
        ):
            return None
        # Even when some values were wrong, check how the rest agree, so that every
        # problem is reported at once; problems that touch a wrong value are left out.
        had_errors = any(p.severity == "error" for p in self.problems)
        release = _construct(
            Release,
            self,
            id=release_id,
            languages=tuple(languages),
            published=published,
            period=period,
            statistics=statistics,
            headline=headline,
            lead=lead,
            body=body,
            contacts=contacts,
            boilerplate=tuple(boilerplate)
            if boilerplate is not None
            else Release.__attrs_attrs__.boilerplate.default,
            privacy=privacy,
        )
        return None if had_errors else release

    def string_list(
        self,
        raw: dict[str, Any],
        key: str,
        path: str,
        *,
        required: bool = False,
    ) -> list[str] | None:
        return self.get(
            raw, key, path, _as_str_list, 'a list of text, such as ["fi", "sv"]', required=required
        )

    def privacy(self, raw: dict[str, Any] | None) -> Privacy:
        if raw is None:
            return Privacy()
        self.keys(raw, "privacy", ("min_group", "reason"))
        size = self.integer(raw, "min_group", "privacy")
        reason = self.string(raw, "reason", "privacy") or ""
        return Privacy(size if size is not None else Privacy().min_group, reason)

    def forms(self, raw: dict[str, Any], path: str) -> Forms:
        table = self.table(raw, "forms", f"{path}.forms")
        if table is None:
            return Forms()
        self.keys(table, f"{path}.forms", (*FORMS, "overlap"))
        counts = {f: self.count(table, f, f"{path}.forms") for f in FORMS}
        overlap = self.get(table, "overlap", f"{path}.forms", _as_bool, "true or false") or False
        return Forms(**counts, overlap=overlap)

    def statistics(self, raw: dict[str, Any]) -> Statistics | None:
        s = "statistics"
        self.keys(raw, s, ("referrals", "new_clients", "in_finland", "register", "earlier"))
        referrals = new_clients = in_finland = register = None
        if (t := self.table(raw, "referrals", f"{s}.referrals")) is not None:
            p = f"{s}.referrals"
            self.keys(t, p, ("count", "pending", "change"))
            change = None
            if (c := self.table(t, "change", f"{p}.change")) is not None:
                self.keys(c, f"{p}.change", ("year", "count", "percent"))
                year = self.integer(c, "year", f"{p}.change", required=True)
                count = self.count(c, "count", f"{p}.change")
                percent = self.integer(c, "percent", f"{p}.change")
                if year is not None and not 2000 <= year <= 2999:
                    self.problem(
                        f"{p}.change.year", "not a plausible year", "a year such as 2024", year
                    )
                elif year is not None:
                    change = Change(year, count=count, percent=percent)
            referrals = Referrals(
                count=self.count(t, "count", p, required=True) or 0,
                pending=self.count(t, "pending", p),
                change=change,
            )
        if (t := self.table(raw, "new_clients", f"{s}.new_clients")) is not None:
            p = f"{s}.new_clients"
            self.keys(t, p, ("count", "forms", "home_country", "elsewhere", *_PEOPLE))
            new_clients = NewClients(
                count=self.count(t, "count", p, required=True) or 0,
                forms=self.forms(t, p),
                home_country=self.count(t, "home_country", p),
                elsewhere=self.count(t, "elsewhere", p),
                **{k: self.count(t, k, p) for k in _PEOPLE},
            )
        if (t := self.table(raw, "in_finland", f"{s}.in_finland")) is not None:
            p = f"{s}.in_finland"
            self.keys(t, p, ("count", "forms", "earlier", *_PEOPLE))
            earlier = []
            for i, e in enumerate(self.array(t, "earlier", f"{p}.earlier")):
                ep = f"{p}.earlier[{i}]"
                self.keys(e, ep, ("year", "kind", "count", "forms"))
                period = self.period(e, ep)
                forms = self.forms(e, ep)
                count = self.count(e, "count", ep)
                if period is not None:
                    earlier.append(EarlierGroup(period, count=count, forms=forms))
            in_finland = InFinland(
                count=self.count(t, "count", p, required=True) or 0,
                forms=self.forms(t, p),
                earlier=earlier,
                **{k: self.count(t, k, p) for k in _PEOPLE},
            )
        if (t := self.table(raw, "register", f"{s}.register")) is not None:
            register = self.register(t, f"{s}.register")
        earlier_periods = []
        for i, e in enumerate(self.array(raw, "earlier", f"{s}.earlier")):
            ep = f"{s}.earlier[{i}]"
            self.keys(e, ep, ("year", "kind", "referred", "admitted"))
            period = self.period(e, ep)
            referred, admitted = self.count(e, "referred", ep), self.count(e, "admitted", ep)
            if period is not None:
                earlier_periods.append(EarlierPeriod(period, referred=referred, admitted=admitted))
        return Statistics(
            referrals=referrals,
            new_clients=new_clients,
            in_finland=in_finland,
            register=register,
            earlier=earlier_periods,
        )

    def register(self, t: dict[str, Any], p: str) -> Register | None:
        self.keys(t, p, ("persons", "victims", "children", "minors", "women", "entered_as_minors"))
        persons, victims, children = (
            self.count(t, k, p) for k in ("persons", "victims", "children")
        )
        known = [v for v in (persons, victims, children) if v is not None]
        if len(known) < 2:
            if not any(self._has_problem(f"{p}.{k}") for k in ("persons", "victims", "children")):
                self.problem(
                    f"{p}.persons",
                    "the register needs at least two of persons, victims and children",
                    "persons = victims + children",
                )
            return None
        if persons is None:
            persons = (victims or 0) + (children or 0)
        if victims is None:
            victims = persons - (children or 0)
        if children is None:
            children = persons - victims
        if victims < 0 or children < 0:
            self.problem(
                f"{p}.persons",
                "fewer persons than victims or children",
                "persons = victims + children",
                persons,
            )
            return None
        return Register(
            persons=persons,
            victims=victims,
            children=children,
            minors=self.count(t, "minors", p),
            women=self.count(t, "women", p),
            entered_as_minors=self.count(t, "entered_as_minors", p),
        )

    def array(self, raw: dict[str, Any], key: str, path: str) -> Iterator[dict[str, Any]]:
        value = raw.get(key)
        if value is None:
            return
        if not isinstance(value, list):
            self.problem(
                path,
                f"a {_kind(value)}, not a list of tables",
                f"[[{path.split('[')[0]}]] tables",
                value,
            )
            return
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                self.problem(f"{path}[{i}]", f"a {_kind(item)}, not a table", "a table", item)
            else:
                yield item

    def statement(self, raw: dict[str, Any], path: str) -> Statement | None:
        name = self.string(raw, "statement", path)
        show = self.string(raw, "show", path) or "shares"
        if name is None:
            return None
        if name not in STATEMENTS:
            self.unknown(f"{path}.statement", "statement", name, STATEMENTS)
            return None
        if show not in ("shares", "counts"):
            self.problem(f"{path}.show", f"unknown choice {show!r}", "'shares' or 'counts'", show)
            return None
        return Statement(name, show)

    def chart(self, raw: dict[str, Any], path: str) -> Chart | None:
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
            self.keys(raw, "lead", ("statement", "show"))
            return self.statement(raw, "lead")
        return self.translations({"lead": raw}, "lead", "")

    def body(self, raw: object) -> tuple[BodyItem, ...] | None:
        if raw is None:
            self.problem(
                "body",
                "missing",
                "[[body]] items: statements, charts, headings, paragraphs and quotes, in order",
            )
            return None
        items: list[BodyItem] = []
        for i, item in enumerate(self.array({"body": raw}, "body", "body")):
            path = f"body[{i}]"
            kinds = [k for k in _BODY_KINDS if k in item]
            if len(kinds) != 1:
                self.problem(
                    path,
                    "a body item must be exactly one thing" if kinds else "an empty body item",
                    "one of statement, chart, heading, paragraph or quote",
                    ", ".join(kinds) or None,
                )
                self.keys(item, path, (*_BODY_KINDS, "show"))
                continue
            kind = kinds[0]
            if kind == "statement":
                self.keys(item, path, ("statement", "show"))
                body_item: BodyItem | None = self.statement(item, path)
            elif kind == "chart":
                self.keys(item, path, ("chart",))
                body_item = self.chart(item, path)
            elif kind == "quote":
                self.keys(item, path, ("quote",))
                body_item = self.quote(item, path)
            else:
                self.keys(item, path, (kind,))
                text = self.translations(item, kind, path)
                body_item = None
                if text is not None:
                    body_item = (
                        AuthoredHeading(text) if kind == "heading" else AuthoredParagraph(text)
                    )
            if body_item is not None:
                items.append(body_item)
        return tuple(items)

    def quote(self, item: dict[str, Any], path: str) -> AuthoredQuote | None:
        q = self.table(item, "quote", f"{path}.quote")
        if q is None:
            return None
        p = f"{path}.quote"
        self.keys(q, p, ("speaker", "title", "text"))
        speaker = self.string(q, "speaker", p, required=True)
        title = self.translations(q, "title", p, required=True)
        text = self.translations(q, "text", p, required=True)
        if speaker is None or title is None or text is None:
            return None
        return AuthoredQuote(speaker, title, text)

    def contacts(self, raw: object) -> tuple[Contact, ...] | None:
        contacts = []
        for i, c in enumerate(self.array({"contacts": raw}, "contacts", "contacts")):
            p = f"contacts[{i}]"
            self.keys(c, p, ("name", "title", "phone", "email", "from", "until"))
            name = self.string(c, "name", p, required=True)
            title = self.translations(c, "title", p, required=True)
            phone = self.string(c, "phone", p, required=True)
            email = self.string(c, "email", p, required=True)
            start, end = self.date(c, "from", p), self.date(c, "until", p)
            if name is not None and title is not None and phone is not None and email is not None:
                contacts.append(
                    Contact(name, title, phone, email, valid_from=start, valid_until=end)
                )
        return tuple(contacts)

    def _has_problem(self, path: str) -> bool:
        return any(p.path == path for p in self.problems)


def _construct(cls: Callable[..., T], reader: _Reader, **kwargs: Any) -> T | None:
    wrong = [p.path for p in reader.problems if p.severity == "error"]

    def touches_wrong_value(problem: Problem) -> bool:
        text = f"{problem.path} {problem.message} {problem.expected}"
        return any(path and (path in text or problem.path.startswith(path)) for path in wrong)

    try:
        return cls(**kwargs)
    except ReleaseError as exc:
        reader.problems.extend(reader.locate(p) for p in exc.problems if not touches_wrong_value(p))
        return None


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


def _close_matches(word: str, possibilities: Sequence[str], n: int = 1) -> list[str]:
    import difflib  # only when a key is misspelt

    return difflib.get_close_matches(word, possibilities, n=n)
