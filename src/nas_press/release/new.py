"""Starting a release file: ``nas-press new``.

Without an earlier release, the commented starter file
(``nas_press/release/starter.toml``) for a period. From an earlier release,
the next period's file: the languages, the contacts still valid, the quote
speakers, the boilerplate and quotation choices and the authored texts
carried over, every figure a :data:`~nas_press.release.load.PLACEHOLDER`,
and the earlier release's figures appended to the statistics history.

Each text carried over is listed by its fingerprint in a ``[carried]``
table, and ``check`` warns about each one still unchanged. The files are
edited with tomlkit, which keeps their comments and layout. Nothing is
written unless everything was made, and an existing release file is
replaced only when asked.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from nas_press.exceptions import NasPressError, Problem
from nas_press.release.load import HISTORY_FILE, PLACEHOLDER, fingerprint, read_history
from nas_press.release.model import (
    AuthoredHeading,
    AuthoredParagraph,
    AuthoredQuote,
    Period,
    PeriodKind,
    Release,
    Translations,
)

if TYPE_CHECKING:
    import tomlkit.container
    import tomlkit.items

FRESH_DAYS = 92
"""How long after a period ends its release is taken to be still to come (for the default
period of a starter)."""


class NewError(NasPressError, ValueError):
    """A release file could not be started; ``problems`` are those of the earlier release."""

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


@attrs.frozen
class Made:
    """What :func:`new_release` wrote, and what it has to say about it."""

    written: tuple[Path, ...]
    notes: tuple[str, ...] = ()


def next_period(today: datetime.date) -> Period:
    """The period whose release comes next after ``today``.

    That is the period that ended last, if it ended at most :data:`FRESH_DAYS`
    days ago (its release is still being prepared), else the period in progress.
    """
    if today.month >= 7:
        ended, running = (
            Period(today.year, PeriodKind.FIRST_HALF),
            Period(today.year, PeriodKind.YEAR),
        )
    else:
        ended = Period(today.year - 1, PeriodKind.YEAR)
        running = Period(today.year, PeriodKind.FIRST_HALF)
    return ended if (today - ended.end).days <= FRESH_DAYS else running


def following(period: Period) -> Period:
    """The period after ``period``: the whole year after its first half, the next first half
    after a year."""
    if period.kind is PeriodKind.FIRST_HALF:
        return Period(period.year, PeriodKind.YEAR)
    return Period(period.year + 1, PeriodKind.FIRST_HALF)


def starter_text() -> str:
    """The commented starter file, as shipped in the package."""
    from importlib.resources import files

    return files("nas_press.release").joinpath("starter.toml").read_text("utf-8")


def starter(period: Period) -> str:
    """The starter file for ``period``."""
    text = starter_text()
    text = re.sub(r"(?m)^year = \d+", f"year = {period.year}", text, count=1)
    return re.sub(r'(?m)^kind = "[a-z-]+"', f'kind = "{period.kind.value}"', text, count=1)


def new_release(
    target: str | Path,
    *,
    previous: str | Path | None = None,
    period: Period | None = None,
    force: bool = False,
    today: datetime.date | None = None,
) -> Made:
    """Write the release file ``target`` for ``period``: a starter, or the next release after
    ``previous``, whose figures are appended to the statistics history.

    ``period`` defaults to the period after ``previous``'s, or, without it, the period whose
    release comes next after ``today`` (default: the date today). Raises :class:`NewError`
    (nothing written) when ``target`` exists and ``force`` is false, when ``previous`` has an
    error, or when the history already holds other figures for the period.
    """
    target = Path(target)
    if target.suffix != ".toml":
        raise NewError(f"{target}: a release file is named NAME.toml")
    if target.is_dir():
        raise NewError(
            f"{target} is a folder; name the release file to write, such as 2026-h1.toml"
        )
    if previous is not None and Path(previous).resolve() == target.resolve():
        raise NewError(f"{target} is the earlier release itself; name a new file")
    if target.exists() and not force:
        raise NewError(f"{target} exists; give --force to replace it, or name another file")
    if previous is None:
        chosen = period or next_period(today or datetime.date.today())
        _write({target: starter(chosen).encode("utf-8")})
        return Made(
            (target,), (f"started {target} for {_phrase(chosen)}: fill in every {PLACEHOLDER}",)
        )
    return _carry(Path(previous), target, period)


# -- from an earlier release


def _carry(previous: Path, target: Path, period: Period | None) -> Made:
    import tomlkit

    from nas_press.release.load import read_release

    release, problems = read_release(previous, str(previous))
    if release is None:
        errors = tuple(p for p in problems if p.severity == "error")
        raise NewError(
            f"{previous} has {len(errors)} error{'s' if len(errors) != 1 else ''}; a release to "
            "start from must be valid (nas-press check it)",
            errors,
        )
    new = period or following(release.period)
    if not release.period.sort_key < new.sort_key:
        raise NewError(
            f"--period {new} is not after {release.period}, the period of {previous}: "
            "the new release must be for a later period"
        )
    text = previous.read_text("utf-8")
    raw = tomllib.loads(text)
    doc = tomlkit.parse(text)
    notes: list[str] = []

    # The statistics history: the earlier period's figures, and the earlier periods the
    # release held itself, appended.
    same_folder = previous.parent.resolve() == target.parent.resolve()
    named = raw["release"].get("history")
    source_history = previous.parent / (named if isinstance(named, str) else HISTORY_FILE)
    history = source_history if same_folder else target.parent / HISTORY_FILE
    if history.exists():
        base = history.read_text("utf-8")
    elif source_history.is_file():
        base = source_history.read_text("utf-8")
        notes.append(f"created {history} from {source_history}")
    else:
        base = _HISTORY_HEADER
        notes.append(f"created {history}")
    held = {} if base is _HISTORY_HEADER else _history_table(base, str(history))
    added: list[str] = []
    periods = {str(release.period): (raw["statistics"], doc["statistics"])}
    for name, table in sorted(raw.get("history", {}).items(), key=lambda i: _key(i[0])):
        periods.setdefault(name, (table, doc["history"][name]))
    blocks = []
    for name, (figures, items) in sorted(periods.items(), key=lambda i: _key(i[0])):
        if name in held:
            if held[name] != figures:
                differ = ", ".join(_differences(held[name], figures)) or "their layout"
                raise NewError(
                    f"{history} already holds {name} with other figures than {previous} "
                    f"({differ}); make them agree, then run nas-press new again"
                )
            continue
        blocks.append(_history_block(name, figures, items, previous.name))
        added.append(name)
    if added:
        notes.append(f"added {', '.join(added)} to {history}")
    all_held = set(held) | set(added)

    # The new release.
    head = doc["release"]
    for key in ("id", "embargo", "version", "correction"):
        if key in head:
            del head[key]
    if "history" in head and not same_folder:
        del head["history"]
    if not same_folder:
        for key, value in raw["release"].items():  # other files the release names
            if key != "history" and isinstance(value, str) and value.endswith(".toml"):
                head[key] = _relative(previous.parent / value, target.parent)
    published = tomlkit.string(PLACEHOLDER)
    published.comment("# the publication date, such as " + _example_date(new))
    head["published"] = published
    doc["period"]["year"] = new.year
    doc["period"]["kind"] = new.kind.value
    if "privacy" in doc:
        del doc["privacy"]
        notes.append(f"left out [privacy]: the decision was for {release.period}")
    if "history" in doc:
        del doc["history"]
    doc["statistics"] = _placeholders(raw["statistics"], new, all_held)
    _shift_compare(doc, release.period, new, notes)
    _drop_contacts(doc, release, new, notes)
    if "carried" in doc:
        del doc["carried"]
    carried = list(_carried(release))
    if carried:
        texts = tomlkit.array()
        for path, digest in carried:
            texts.add_line(digest, comment=path)
        texts.add_line(indent="")
        table = tomlkit.table()
        table.add(
            tomlkit.comment("The texts carried over from the earlier release, by fingerprint:")
        )
        table.add(
            tomlkit.comment("check warns about each one still unchanged. Rewrite them for this")
        )
        table.add(
            tomlkit.comment("period; to keep one as it was, delete its line; when none is left,")
        )
        table.add(tomlkit.comment("delete the table."))
        table["from"] = str(release.period)
        table["texts"] = texts
        doc["carried"] = table
    body = _HEADER.format(
        phrase=_phrase(new), previous=previous.name, placeholder=PLACEHOLDER
    ) + _without_header(tomlkit.dumps(doc))
    files: dict[Path, bytes] = {}
    if blocks or not history.exists():
        files[history] = "\n\n".join([base.rstrip("\n"), *blocks]).encode("utf-8") + b"\n"
    files[target] = body.encode("utf-8")
    _write(files)
    notes.insert(
        0, f"started {target} for {_phrase(new)} from {previous}: fill in every {PLACEHOLDER}"
    )
    return Made(tuple(sorted(files, key=lambda p: p != target)), tuple(notes))


_HEADER = """\
# NAS statistics for {phrase}.
#
# Started with `nas-press new --from {previous}`: the languages, contacts,
# quotes and texts are carried over, and the figures of {previous} were added
# to the statistics history. Write each figure in place of its "{placeholder}"
# (delete one that was not published) and rewrite the texts carried over
# (listed under [carried]); `nas-press check` lists what is left.

"""

_HISTORY_HEADER = """\
# The statistics history: the figures of every published period, typed once.
#
# One table a period: [2025-h1] for the first half of 2025, [2025] for the
# whole year, holding what was published for it, as a release's [statistics]
# does. `nas-press new --from` adds a release's figures here.
"""


def _relative(path: Path, folder: Path) -> str:
    """``path`` as a release in ``folder`` names it: relative to the folder where it can be."""
    import os

    try:
        return Path(os.path.relpath(path.resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive
        return str(path.resolve())


def _phrase(period: Period) -> str:
    if period.kind is PeriodKind.FIRST_HALF:
        return f"the first half of {period.year}"
    return f"the whole year {period.year}"


def _example_date(period: Period) -> str:
    return (period.end + datetime.timedelta(days=41)).isoformat()


def _key(name: str) -> tuple[datetime.date, int]:
    return Period.parse(name).sort_key


def _without_header(text: str) -> str:
    """``text`` without the comment lines and blank lines it starts with."""
    lines = text.splitlines(keepends=True)
    while lines and (not lines[0].strip() or lines[0].lstrip().startswith("#")):
        lines.pop(0)
    return "".join(lines)


def _history_table(text: str, name: str) -> dict[str, Any]:
    history, problems = read_history(text, name)
    if history is None:
        raise NewError(
            f"{name} is not a valid statistics history; fix it first",
            tuple(p for p in problems if p.severity == "error"),
        )
    return tomllib.loads(text)


def _leaf(path: tuple[str, ...], value: object) -> bool:
    """Whether ``value`` is one figure: a scalar, a share ``{ percent = N }`` or a change."""
    if not isinstance(value, dict):
        return True
    return set(value) <= {"percent"} or path[-1] == "change"


def _leaves(
    raw: dict[str, Any], path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], Any]]:
    for key, value in raw.items():
        full = (*path, key)
        if _leaf(full, value):
            yield full, value
        else:
            yield from _leaves(value, full)


def _differences(held: dict[str, Any], given: dict[str, Any]) -> list[str]:
    a, b = dict(_leaves(held)), dict(_leaves(given))
    return [".".join(k) for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]


def _history_block(name: str, figures: dict[str, Any], items: Any, source: str) -> str:
    """The history table of one period, one figure a line, with the comments they had."""
    import tomlkit

    lines = [f"[{name}]  # from {source}"]
    for path, value in _leaves(figures):
        item = items
        for key in path:
            item = item[key]
        written = tomlkit.item(value)
        if isinstance(value, dict):
            written = tomlkit.inline_table()
            written.update(value)
        line = f"{'.'.join(path)} = {written.as_string()}"
        comment = getattr(getattr(item, "trivia", None), "comment", "")
        if comment and not isinstance(value, dict):
            line = f"{line:<38}  {comment}"
        lines.append(line)
    return "\n".join(lines)


def _placeholders(figures: dict[str, Any], period: Period, held: set[str]) -> tomlkit.items.Table:
    """The ``[statistics]`` of the new release: the earlier release's figures, each a
    placeholder; a published change only where the history cannot give it."""
    import tomlkit

    earlier = str(Period(period.year - 1, period.kind)) if period.year > 2006 else None

    def table(raw: dict[str, Any], path: tuple[str, ...]) -> tomlkit.items.Table:
        made = tomlkit.table(is_super_table=not any(_leaf((*path, k), v) for k, v in raw.items()))
        for key, value in raw.items():
            full = (*path, key)
            if full[-1] == "change":
                if earlier is None or earlier in held:
                    continue
                change = tomlkit.inline_table()
                change.update({"year": period.year - 1, "percent": PLACEHOLDER})
                made[key] = change
            elif isinstance(value, bool):
                made[key] = value
            elif _leaf(full, value):
                made[key] = PLACEHOLDER
            else:
                made[key] = table(value, full)
        return made

    return table(figures, ())


def _shift_compare(
    doc: tomlkit.container.Container, old: Period, new: Period, notes: list[str]
) -> None:
    """Move each statement's ``compare`` periods by the years between the releases, when they
    are of the same kind; else leave it out (the last three of the kind are compared)."""
    items = list(doc.get("body", []))
    if isinstance(doc.get("lead"), dict) and "statement" in doc["lead"]:
        items.append(doc["lead"])
    for item in items:
        if "compare" not in item:
            continue
        if old.kind is new.kind:
            shift = new.year - old.year
            moved = [
                str(Period(Period.parse(p).year + shift, Period.parse(p).kind))
                for p in item["compare"]
            ]
            item["compare"] = moved
        else:
            del item["compare"]
            notes.append(
                f"left out the compare of {item.get('statement')}: it named periods of "
                f"another kind; add those of {_phrase(new)}'s kind"
            )


def _drop_contacts(
    doc: tomlkit.container.Container, release: Release, new: Period, notes: list[str]
) -> None:
    """Leave out each contact whose validity ends before the new period does."""
    if "contacts" not in doc:
        return
    contacts = doc["contacts"]
    for i in reversed(range(len(release.contacts))):
        contact = release.contacts[i]
        if contact.valid_until is not None and contact.valid_until <= new.end:
            notes.append(f"left out {contact.name}: a contact until {contact.valid_until}")
            del contacts[i]
    if not len(contacts):
        del doc["contacts"]


def _carried(release: Release) -> Iterator[tuple[str, str]]:
    """The authored texts carried over (headline, lead, headings, paragraphs, quotations), each
    language's with its key and fingerprint."""
    parts: list[tuple[str, Translations]] = [("headline", release.headline)]
    if isinstance(release.lead, Translations):
        parts.append(("lead", release.lead))
    for i, item in enumerate(release.body):
        if isinstance(item, AuthoredHeading):
            parts.append((f"body[{i}].heading", item.text))
        elif isinstance(item, AuthoredParagraph):
            parts.append((f"body[{i}].paragraph", item.text))
        elif isinstance(item, AuthoredQuote):
            parts.append((f"body[{i}].quote.text", item.text))
    for path, texts in parts:
        for lang in release.languages:
            text = texts.get(lang)
            if text is not None:
                yield f"{path}.{lang}", fingerprint(text)


def _write(files: dict[Path, bytes]) -> None:
    """Write ``files``, all or none in each folder, the folders in the order of their first
    file (the history before the release, so that a failure leaves no release whose figures
    the history lacks; running again then adds them)."""
    from nas_press.output import write_outputs

    folders: dict[Path, dict[str, bytes]] = {}
    for path, data in files.items():
        folders.setdefault(path.parent, {})[path.name] = data
    try:
        for folder, outputs in folders.items():
            write_outputs(outputs, folder)
    except (NasPressError, OSError) as exc:
        raise NewError(str(exc)) from exc
