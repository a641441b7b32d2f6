"""The text of a release file: its bytes read safely, its TOML parsed with bounds, its lines.

:func:`read_source` is the front end of :mod:`nas_press.release.load`. It refuses,
each time with a :class:`~nas_press.exceptions.ReleaseError` naming the file:

- what is not a regular file (a folder, a named pipe, a device such as
  ``/dev/zero``), before reading a byte of it;
- a file larger than :data:`MAX_FILE_BYTES`, after reading at most one byte more;
- text that is not UTF-8 (a byte order mark is allowed), naming the line of
  the first bad byte;
- tables, lists and dotted keys nested more than :data:`MAX_DEPTH` levels deep,
  found by a scan of the text before the TOML parser sees it (the parser
  recurses once per level, and takes time quadratic in the parts of a key);
- TOML syntax errors, each naming the key on its line, with a hint for the
  mistakes people make: ``1 650`` for a number, ``10.2.2026`` for a date, text
  without quotes.

What it returns, a :class:`Source`, holds the text, the parsed TOML and a
:class:`LineMap` that tells on which line each key path stands
(``contacts[1].email``, as the loader names them).
"""

from __future__ import annotations

import datetime
import os
import re
import stat
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

import attrs

from nas_press.exceptions import Problem, ReleaseError

MAX_FILE_BYTES = 1_000_000
"""A release file larger than this is refused (a real one is about 15 kB)."""

MAX_DEPTH = 20
"""Deepest key path accepted, counting each key and each list index.

A release file needs 6 (``statistics.in_finland.earlier[0].forms.forced_labour``);
the limit keeps the TOML parser, which recurses once per level, far from
Python's recursion limit, and a dotted key of thousands of parts out of it.
"""

_NUMBER_HINT = "write whole numbers without spaces or separators, such as {}"
_DATE_HINT = "write dates as YYYY-MM-DD, such as {}"
_QUOTE_HINT = "write text in quotes, such as {}"


@attrs.frozen
class LineMap:
    """Where each key path of a TOML text is written, and how its value is written.

    Paths are those the loader reports: dotted keys, with the index of an item
    of a list or an array of tables in brackets (``body[2].quote.text.fi``).
    Build one with :meth:`of`; it reads text that is not valid TOML too, so
    that a syntax error can name its key.
    """

    lines: Mapping[str, int]
    """The line (1-based) where each key path is first written."""
    longest: Mapping[int, str]
    """The longest key path written on each line that holds one (a key given twice, twice)."""
    written: Mapping[str, str]
    """The text of each single value as written (``1.650``, ``"10.2.2026"`` with its quotes)."""

    @classmethod
    def of(cls, text: str) -> LineMap:
        """Map the key paths of TOML ``text``; never fails, even on text that is not TOML.

        Raises nothing; a part it cannot read is skipped to the end of its line.
        """
        scanner = _Scanner(text.removeprefix("\ufeff"), limit=None)
        scanner.scan()
        return cls(scanner.lines, scanner.longest, scanner.written)

    def line_of(self, path: str) -> int | None:
        """The line where ``path`` is first written, or else the nearest key holding it.

        ``None`` when neither the path nor any key above it is written (``""``).
        """
        while path:
            if path in self.lines:
                return self.lines[path]
            trimmed = _PARENT.sub("", path)
            if trimmed == path:
                break
            path = trimmed
        return None

    def path_at(self, line: int) -> str:
        """The longest key path written on ``line``, or ``""`` if none is."""
        return self.longest.get(line, "")


@attrs.frozen(eq=False)
class Source:
    """A release file read and parsed: its name, its text, its TOML and its lines."""

    name: str
    """The file, as messages name it."""
    text: str
    """The text, decoded, without a byte order mark."""
    table: dict[str, Any]
    """The TOML as :func:`tomllib.loads` returns it."""
    lines: LineMap

    def line_of(self, path: str) -> int | None:
        """The line of ``path``, or of the nearest key holding it (see :meth:`LineMap.line_of`)."""
        return self.lines.line_of(path)

    def annotate(self, problem: Problem) -> Problem:
        """Return ``problem`` with the line of its key and, where one fits, a hint.

        The hint is for a value TOML read, but not as meant: ``count = 1.650``
        (a decimal number to TOML, 1 650 to a Finn) or ``published = "10.2.2026"``;
        the value shown is then the text as written.
        """
        line = problem.line if problem.line is not None else self.line_of(problem.path)
        written = self.lines.written.get(problem.path)
        hint = None if written is None else _value_hint(written, problem)
        if hint is not None:
            return attrs.evolve(
                problem, message=f"{problem.message}; {hint}", value=written, line=line
            )
        return problem if line == problem.line else attrs.evolve(problem, line=line)


def read_source(data: bytes | str | Path, source: str | None = None) -> Source:
    """Read a release file (a :class:`~pathlib.Path`), or its bytes or text, and parse its TOML.

    ``source`` names the file in messages (default: the path, or ``"<release>"``).

    Raises :class:`~nas_press.exceptions.ReleaseError`, naming ``source``, when
    the file is not a regular file, is too large, is not UTF-8, is empty, is
    nested too deeply or is not valid TOML (see the module's docstring);
    ``OSError`` when a path cannot be opened or read.
    """
    if isinstance(data, Path):
        name = source if source is not None else str(data)
        data = _read_file(data, name)
    else:
        name = source if source is not None else "<release>"
    text = _decode(data, name)
    if not text.strip():
        _refuse(name, Problem("", "the file is empty", "a release file (see the README)"))
    return _parse(text, name)


def with_lines(problems: Iterable[Problem], text: str) -> list[Problem]:
    """Return ``problems``, each without a line given the line of its key in TOML ``text``."""
    lines = LineMap.of(text)
    return [
        p if p.line is not None else attrs.evolve(p, line=lines.line_of(p.path)) for p in problems
    ]


# -- reading the bytes


def _refuse(name: str, *problems: Problem) -> NoReturn:
    raise ReleaseError(problems, source=name)


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _KINDS if test(mode)), "not a regular file")


def _too_large(size: int | None) -> Problem:
    """The problem of a file of ``size`` bytes, or (``None``) of more than the limit."""
    return Problem(
        "",
        f"the file is {size if size is not None else f'more than {MAX_FILE_BYTES}'} bytes long",
        f"at most {MAX_FILE_BYTES} bytes",
    )


def _read_file(path: Path, name: str) -> bytes:
    """Read at most MAX_FILE_BYTES + 1 bytes of a regular file; refuse anything else unread.

    The file is looked at before it is opened, and opened without blocking, so that
    a named pipe with no writer does not hang; what was opened is looked at again.
    """
    wrong = _not_regular(os.stat(path).st_mode)
    if wrong is None:
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags | getattr(os, "O_NOCTTY", 0))
        with open(fd, "rb", closefd=True) as file:
            info = os.fstat(fd)
            wrong = _not_regular(info.st_mode)
            if wrong is None:
                if info.st_size > MAX_FILE_BYTES:
                    _refuse(name, _too_large(info.st_size))
                data = file.read(MAX_FILE_BYTES + 1)
                if len(data) > MAX_FILE_BYTES:
                    _refuse(name, _too_large(None))
                return data
    _refuse(name, Problem("", f"{wrong}, not a file", "a release file, such as 2025-h1.toml"))


def _decode(data: bytes | str, name: str) -> str:
    if isinstance(data, str):
        if len(data) > MAX_FILE_BYTES:  # a character is one byte or more
            _refuse(name, _too_large(None))
        size = len(data.encode("utf-8", "replace")) if len(data) > MAX_FILE_BYTES // 4 else 0
        if size > MAX_FILE_BYTES:
            _refuse(name, _too_large(size))
        return data.removeprefix("\ufeff")
    if len(data) > MAX_FILE_BYTES:
        _refuse(name, _too_large(len(data)))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        _refuse(
            name,
            Problem(
                "",
                f"the file is not UTF-8 (byte {exc.start + 1})",
                "a text file saved as UTF-8",
                line=line,
            ),
        )
    return text.removeprefix("\ufeff")


# -- parsing


def _parse(text: str, name: str) -> Source:
    import tomllib

    scanner = _Scanner(text, limit=MAX_DEPTH)
    try:
        scanner.scan()
    except _TooDeep as deep:
        _refuse(
            name,
            Problem(
                deep.path,
                f"tables, lists or keys nested more than {MAX_DEPTH} levels deep",
                f"at most {MAX_DEPTH} levels, as a release file needs 6",
                line=deep.line,
            ),
        )
    lines = LineMap(scanner.lines, scanner.longest, scanner.written)
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        _refuse(name, _syntax_problem(str(exc), text, lines, scanner.unterminated))
    except RecursionError:  # pragma: no cover - the scan refuses deep nesting first
        _refuse(name, Problem("", "nested too deeply to read", f"at most {MAX_DEPTH} levels"))
    if not table:
        _refuse(
            name,
            Problem(
                "",
                "the file holds no release, only comments or blank lines",
                "a release file (see the README)",
            ),
        )
    return Source(name, text, table, lines)


_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def _syntax_problem(
    message: str, text: str, lines: LineMap, unterminated: tuple[str, int] | None
) -> Problem:
    """The problem of a TOML syntax error: the key on its line, with a hint where one fits.

    An error "at end of document" after a multi-line string that is never closed
    names the key of that string, and its line.
    """
    where = _POSITION.search(message)
    if where is None:
        if unterminated is not None:
            return Problem(
                unterminated[0],
                f"not valid TOML: {message}; the multi-line string that starts on this line"
                " is never closed",
                "a string closed by the same three quotes, \"\"\" or '''",
                line=unterminated[1],
            )
        return Problem("", f"not valid TOML: {message}", "TOML syntax")
    line, column = int(where.group(1)), int(where.group(2))
    path = lines.path_at(line)
    found = _value_at(_line_text(text, line), column)
    hint = _syntax_hint(found, message)
    if hint is None:
        return Problem(path, f"not valid TOML: {message}", "TOML syntax", line=line)
    advice, expected = hint
    return Problem(path, f"not valid TOML: {advice}", expected, found, line=line)


def _line_text(text: str, line: int) -> str:
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    end = text.find("\n", start)
    return text[start : end if end >= 0 else len(text)].rstrip("\r")


def _value_at(line: str, column: int) -> str:
    """The value written around ``column`` (1-based) of a line TOML could not read.

    From the ``=``, ``[``, ``{`` or ``,`` before the column to the end of the line
    or a comment, or, inside brackets, to the next ``,``, ``]`` or ``}``.
    """
    at = min(max(column - 1, 0), len(line))
    start = max(line.rfind(mark, 0, at) for mark in "=[{,") + 1
    before = line[:start]
    inside = before.count("[") + before.count("{") > before.count("]") + before.count("}")
    end = len(line)
    comment = line.find(" #", at)
    if comment >= 0:
        end = comment
    if inside:
        for mark in ",]}":
            found = line.find(mark, at, end)
            if found >= 0:
                end = found
    return line[start:end].strip().rstrip(",").strip()


_GROUPED = re.compile(r"[+-]?\d{1,3}(?:[ \u00a0\u202f,.'’]\d{3})+")
_SEPARATED = re.compile(r"[+-]?\d+(?:[ \u00a0\u202f,.'’]+\d+)+")
_DATES = (
    (re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})\.?"), (3, 2, 1)),
    (re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})"), (3, 2, 1)),
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), (1, 2, 3)),
)
_WORD = re.compile(r"[^\W\d_]", re.UNICODE)
_KEYWORDS = ("true", "false", "inf", "nan")
_UNREADABLE = ("Invalid value", "Expected newline", "Unclosed array", "Unclosed inline table")
"""What tomllib says when it cannot read a value, or what follows one."""


def _date_example(found: str) -> str | None:
    """``2026-02-10`` for a date written ``10.2.2026`` (or the like); ``None`` if not one."""
    for pattern, order in _DATES:
        match = pattern.fullmatch(found)
        if match:
            year, month, day = (int(match.group(i)) for i in order)
            try:
                return datetime.date(year, month, day).isoformat()
            except ValueError:
                return "2026-02-10"
    return None


def _number_example(found: str) -> str | None:
    """``1650`` for a number written ``1 650`` (or ``1,650``, ``1.650``); ``None`` if not one."""
    if _GROUPED.fullmatch(found):
        return re.sub(r"[^\d+-]", "", found)
    if _SEPARATED.fullmatch(found):
        return "1650"
    return None


def _syntax_hint(found: str, message: str) -> tuple[str, str] | None:
    """Advice and what is expected for a value TOML could not read, if it looks like a mistake."""
    if not found or not any(m in message for m in _UNREADABLE):
        return None
    date = _date_example(found)
    if date is not None:
        return _DATE_HINT.format(date), f"a date such as {date}"
    number = _number_example(found)
    if number is not None:
        return _NUMBER_HINT.format(number), f"a whole number such as {number}"
    if _WORD.match(found) and found.split()[0] not in _KEYWORDS and "=" not in found:
        example = found if len(found) <= 40 else found[:39] + "…"
        quoted = '"' + example.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return _QUOTE_HINT.format(quoted), "text in quotes"
    return None


def _value_hint(written: str, problem: Problem) -> str | None:
    """The hint for a value TOML read as something else than meant, or ``None``."""
    if isinstance(problem.value, float) and _GROUPED.fullmatch(written):
        return _NUMBER_HINT.format(re.sub(r"[^\d+-]", "", written))
    if isinstance(problem.value, str) and "date" in problem.expected and written[:1] in "\"'":
        date = _date_example(problem.value.strip())
        if date is not None:
            return _DATE_HINT.format(date) + ", without quotes"
    return None


# -- the scan: key paths, lines and depth, without parsing values


class _TooDeep(Exception):
    def __init__(self, path: str, line: int) -> None:
        self.path = path
        self.line = line


class _Unreadable(Exception):
    """The rest of the line cannot be read as TOML."""


class _Unterminated(Exception):
    """A multi-line string is not closed: nothing after it can be read."""


_SPACE = re.compile(r"[ \t]*")
_BLANK = re.compile(r"(?:[ \t]+|\r?\n|#[^\n]*)*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BASIC = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"')
_LITERAL = re.compile(r"'[^'\n]*'")
_ML_BASIC = re.compile(r'"""[^"\\]*(?:(?:\\[\s\S]|"(?!""))[^"\\]*)*"{3,5}')
_ML_LITERAL = re.compile(r"'''[\s\S]*?'{3,5}")
_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?"
)
_SCALAR = re.compile(r"[^ \t\r\n,\]\[{}#=\"']+")
_SIMPLE = re.compile(
    rf"([A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+){{0,{MAX_DEPTH - 1}}})[ \t]*=[ \t]*"
    r"(\"[^\"\\\n]*(?:\\.[^\"\\\n]*)*\"|'[^'\n]*'|[^ \t\r\n,\]\[{}#=\"']+)"
    r"[ \t]*(?:#[^\n]*)?(?=\r?\n|\Z)"
)
"""A bare or dotted bare key with a one-line value, and maybe a comment: most lines."""
_ESCAPE = re.compile(r'\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|([btnfr"\\]))')
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}
_PARENT = re.compile(r"(\[\d+\]|\.[^.\[]+)$")


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1) or match.group(2)
    if code is not None:
        number = int(code, 16)
        return chr(number) if number <= 0x10FFFF else match.group(0)
    return _ESCAPES[match.group(3)]


class _Scanner:
    """Reads the structure of a TOML text: each key path, its line and how deep it is.

    Values are skipped, not parsed, except for their extent; strings are read as
    tokens, so nothing inside a string or a comment is taken for a key. With a
    ``limit``, a path deeper than it raises :class:`_TooDeep` at once.
    """

    def __init__(self, text: str, limit: int | None) -> None:
        self.text = text
        self.limit = limit
        self.pos = 0
        self.line = 1
        self.lines: dict[str, int] = {}
        self.longest: dict[int, str] = {}
        self.written: dict[str, str] = {}
        self.arrays: dict[str, int] = {}
        self.unterminated: tuple[str, int] | None = None
        """The multi-line string that is never closed, if one is not."""

    # -- moving along

    def match(self, pattern: re.Pattern[str]) -> str | None:
        """Read a token of ``pattern``; count its line ends only if it is a multi-line string."""
        found = pattern.match(self.text, self.pos)
        if found is None:
            return None
        token = found.group(0)
        self.pos = found.end()
        if pattern is _ML_BASIC or pattern is _ML_LITERAL:
            self.line += token.count("\n")
        return token

    def peek(self, literal: str) -> bool:
        return self.text.startswith(literal, self.pos)

    def space(self, newlines: bool = False) -> None:
        """Skip spaces and tabs; with ``newlines``, also line ends and comments."""
        found = (_BLANK if newlines else _SPACE).match(self.text, self.pos)
        assert found is not None  # both match the empty string
        if newlines:
            self.line += self.text.count("\n", self.pos, found.end())
        self.pos = found.end()

    def end_of_line(self) -> None:
        """Expect only a comment before the line ends."""
        self.space()
        if self.pos >= len(self.text):
            return
        if self.text[self.pos] == "#":
            end = self.text.find("\n", self.pos)
            self.pos = len(self.text) if end < 0 else end
        if self.pos < len(self.text) and not (self.peek("\n") or self.peek("\r\n")):
            raise _Unreadable

    def skip_line(self) -> None:
        end = self.text.find("\n", self.pos)
        self.pos = len(self.text) if end < 0 else end

    def record(self, path: str, line: int) -> None:
        self.lines.setdefault(path, line)
        if len(path) > len(self.longest.get(line, "")):
            self.longest[line] = path

    def deeper(self, depth: int, path: str, parts: Sequence[str] = ()) -> None:
        """Raise :class:`_TooDeep` if ``depth`` is past the limit, at ``path`` and its ``parts``."""
        if self.limit is not None and depth > self.limit:
            parts = parts[: self.limit - (depth - len(parts)) + 1]  # up to the first too deep
            raise _TooDeep(".".join([path, *parts] if path else parts), self.line)

    # -- statements

    def scan(self) -> None:
        """Read every statement; a line that cannot be read is skipped."""
        table = ""
        depth = 0
        while True:
            self.space(newlines=True)
            if self.pos >= len(self.text):
                return
            try:
                if self.peek("["):
                    table, depth = self.header()
                elif self.simple(table, depth):
                    continue
                else:
                    self.key_value(table, depth)
                self.end_of_line()
            except _Unreadable:
                self.skip_line()
            except _Unterminated:
                return

    def simple(self, table: str, depth: int) -> bool:
        """Read a line such as ``count = 42  # note`` at once, if it is one."""
        found = _SIMPLE.match(self.text, self.pos)
        if found is None:
            return False
        key, value = found.group(1, 2)
        parts = [part.strip() for part in key.split(".")] if "." in key else [key]
        self.deeper(depth + len(parts), table, parts)
        path = table
        for part in parts:
            path = f"{path}.{part}" if path else part
            self.record(path, self.line)
        self.written.setdefault(path, value)
        self.pos = found.end()
        return True

    def header(self) -> tuple[str, int]:
        line = self.line
        array = self.peek("[[")
        self.pos += 2 if array else 1
        self.space()
        parts = self.key_parts("", 0)
        self.space()
        if not self.peek("]]" if array else "]"):
            raise _Unreadable
        self.pos += 2 if array else 1
        path = ""
        depth = 0
        for i, part in enumerate(parts):
            path = f"{path}.{part}" if path else part
            depth += 1
            if array and i == len(parts) - 1:
                self.record(path, line)
                self.arrays[path] = self.arrays.get(path, -1) + 1
            if path in self.arrays:
                path = f"{path}[{self.arrays[path]}]"
                depth += 1
                self.deeper(depth, path)
            self.record(path, line)
        return path, depth

    def key_parts(self, path: str, depth: int) -> list[str]:
        """Read a dotted key; raise :class:`_TooDeep` as soon as ``path`` would be too deep."""
        parts = []
        while True:
            part = self.simple_key()
            parts.append(part)
            depth += 1
            self.deeper(depth, path, parts)
            self.space()
            if not self.peek("."):
                return parts
            self.pos += 1
            self.space()

    def simple_key(self) -> str:
        bare = self.match(_BARE_KEY)
        if bare is not None:
            return bare
        if self.peek('"""') or self.peek("'''"):
            raise _Unreadable
        basic = self.match(_BASIC)
        if basic is not None:
            return _ESCAPE.sub(_unescape, basic[1:-1])
        literal = self.match(_LITERAL)
        if literal is not None:
            return literal[1:-1]
        raise _Unreadable

    def key_value(self, table: str, depth: int) -> None:
        line = self.line
        parts = self.key_parts(table, depth)
        path = table
        for part in parts:
            path = f"{path}.{part}" if path else part
            self.record(path, line)
        self.space()
        if not self.peek("="):
            raise _Unreadable
        self.pos += 1
        self.space()
        self.value(path, depth + len(parts))

    def value(self, path: str, depth: int) -> None:
        start = self.pos
        if self.peek("["):
            self.array(path, depth)
        elif self.peek("{"):
            self.inline_table(path, depth)
        else:
            if self.peek('"""'):
                token = self.match(_ML_BASIC)
            elif self.peek("'''"):
                token = self.match(_ML_LITERAL)
            elif self.peek('"'):
                token = self.match(_BASIC)
            elif self.peek("'"):
                token = self.match(_LITERAL)
            else:
                token = self.match(_DATETIME) or self.match(_SCALAR)
            if token is None:
                if self.peek('"""') or self.peek("'''"):
                    self.unterminated = (path, self.line)
                    raise _Unterminated
                raise _Unreadable
            self.written.setdefault(path, self.text[start : self.pos])

    def array(self, path: str, depth: int) -> None:
        self.pos += 1
        index = 0
        while True:
            self.space(newlines=True)
            if self.peek("]"):
                self.pos += 1
                return
            item = f"{path}[{index}]"
            self.deeper(depth + 1, item)
            self.record(item, self.line)
            self.value(item, depth + 1)
            index += 1
            self.space(newlines=True)
            if self.peek(","):
                self.pos += 1
            elif self.peek("]"):
                self.pos += 1
                return
            else:
                raise _Unreadable

    def inline_table(self, path: str, depth: int) -> None:
        self.pos += 1
        while True:
            self.space(newlines=True)
            if self.peek("}"):
                self.pos += 1
                return
            self.key_value(path, depth)
            self.space(newlines=True)
            if self.peek(","):
                self.pos += 1
            elif self.peek("}"):
                self.pos += 1
                return
            else:
                raise _Unreadable
