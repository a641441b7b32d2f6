"""Reading the text of a TOML file into a dictionary, with the line of every key.

The file itself is checked first (its size, UTF-8, not empty); a syntax error
is reported with the key path of the line it is on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import attrs

from nas_press.exceptions import Problem

MAX_FILE_BYTES = 1_000_000
"""A file larger than this is refused (a release file is about 15 kB)."""


@attrs.frozen
class Parsed:
    """A TOML file read: its text, its contents and the line each key path stands on."""

    text: str
    data: dict[str, Any]
    lines: dict[str, int]

    def line_of(self, path: str) -> int | None:
        """The line of ``path``, or of its nearest parent that has one."""
        return _find_line(self.lines, path)


def parse_toml(
    data: bytes | str, what: str = "a release file (see the README)"
) -> Parsed | Problem:
    """Read ``data`` as TOML, or return the problem that stops it being read.

    ``what`` says what the file should be, for the messages.
    """
    import tomllib

    if isinstance(data, bytes):
        if len(data) > MAX_FILE_BYTES:
            return Problem(
                "", f"the file is {len(data)} bytes long", f"at most {MAX_FILE_BYTES} bytes"
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            return Problem(
                "",
                f"the file is not UTF-8 (byte {exc.start + 1})",
                "a text file saved as UTF-8",
                line=line,
            )
    else:
        text = data
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return Problem("", "the file is empty", what)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        at = int(match.group(1)) if match else None
        return Problem(
            _path_at(text, at) if at is not None else "",
            f"not valid TOML: {exc}",
            "TOML syntax",
            line=at,
        )
    if not raw:
        return Problem("", "the file holds only comments or blank lines", what)
    return Parsed(text, raw, _line_map(text))


# -- line numbers

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(
    r"^\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*="
)


def _split_key(key: str) -> list[str]:
    return [part.strip().strip("\"'") for part in re.findall(r"\"[^\"]*\"|'[^']*'|[^.]+", key)]


def _line_map(text: str) -> dict[str, int]:
    """Map each key path of a TOML text to the line it is defined on (1-based)."""
    lines: dict[str, int] = {}
    for path, number in _key_lines(text):
        lines.setdefault(path, number)
    return lines


def _path_at(text: str, line: int) -> str:
    """The longest key path defined on ``line`` of a TOML text, or ``""`` if none is.

    Works on text that is not valid TOML, to name the key of a syntax error: a
    key given twice (the second time) or a value that cannot be read.
    """
    return max((path for path, number in _key_lines(text) if number == line), key=len, default="")


def _key_lines(text: str) -> Iterator[tuple[str, int]]:
    """Yield each key path of a TOML text with the line it stands on (1-based), in order."""
    arrays: dict[str, int] = {}
    current = ""
    in_multiline = None
    # Split on line feeds only, as TOML counts lines: str.splitlines() would also split
    # on a U+2028 or a form feed inside a string and shift every later line number.
    for number, line in enumerate(text.split("\n"), start=1):
        if in_multiline:
            if line.count(in_multiline) % 2 == 1:
                in_multiline = None
            continue
        header = _HEADER.match(line)
        if header and not _KEY.match(line):
            parts = _split_key(header.group(2))
            path = ""
            for i, part in enumerate(parts):
                path = f"{path}.{part}" if path else part
                last = i == len(parts) - 1
                if header.group(1) == "[[" and last:
                    arrays[path] = arrays.get(path, -1) + 1
                if path in arrays:
                    path = f"{path}[{arrays[path]}]"
            current = path
            yield current, number
            continue
        key = _KEY.match(line)
        if key:
            path = current
            for part in _split_key(key.group(1)):
                path = f"{path}.{part}" if path else part
                yield path, number
            rest = line[key.end() :]
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2 == 1:
                    in_multiline = quote


def _find_line(lines: dict[str, int], path: str) -> int | None:
    while path:
        if path in lines:
            return lines[path]
        trimmed = re.sub(r"(\[\d+\]|\.[^.\[]+)$", "", path)
        if trimmed == path:
            break
        path = trimmed
    return None
