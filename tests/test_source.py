"""Reading the text of a release file (nas_press.release.source): bytes, bounds, TOML and lines."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st
from tests.conftest import EXAMPLES, ROOT

import nas_press
from nas_press.cli import main
from nas_press.exceptions import Problem, printable
from nas_press.release import source as source_module
from nas_press.release.load import read_release
from nas_press.release.source import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    LineMap,
    Source,
    read_source,
    with_lines,
)

VALID = ROOT / "tests" / "valid.toml"


def refusal(data: bytes | str | Path, name: str = "x.toml") -> Problem:
    """The one problem for which ``read_source`` refuses ``data``."""
    with pytest.raises(nas_press.ReleaseError) as info:
        read_source(data, name)
    (problem,) = info.value.problems
    assert name in str(info.value)
    return problem


def problems_of(text: str | bytes) -> list[Problem]:
    """The errors the loader finds in a release text."""
    _, problems = read_release(text, source="broken.toml")
    return [p for p in problems if p.severity == "error"]


def example_text(stem: str = "2025-h1") -> str:
    """The text of an example release file."""
    return (EXAMPLES / f"{stem}.toml").read_text("utf-8")


def line_of_text(text: str, start: str) -> int:
    """The number of the first line of ``text`` that starts with ``start``."""
    return next(i for i, line in enumerate(text.split("\n"), 1) if line.startswith(start))


def run_python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a new Python with a timeout, so that a hang fails instead of hanging."""
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


class TestReadSource:
    def test_valid_file(self) -> None:
        """A release file gives its name, text, parsed TOML and the line of each key."""
        found = read_source(VALID)
        assert (str(VALID), VALID.read_text("utf-8")) == (found.name, found.text)
        assert tomllib.loads(VALID.read_text("utf-8")) == found.table
        assert line_of_text(found.text, "persons") == found.line_of("statistics.register.persons")

    def test_bytes_and_text_give_the_same_source(self) -> None:
        """The bytes and the text of a file give equal tables and line maps, named "<release>"."""
        data = VALID.read_bytes()
        from_bytes, from_text = read_source(data), read_source(data.decode("utf-8"))
        assert (from_bytes.table, from_bytes.lines) == (from_text.table, from_text.lines)
        assert "<release>" == from_bytes.name

    def test_missing_file_is_an_os_error(self, tmp_path: Path) -> None:
        """A file that does not exist raises FileNotFoundError; read_release reports it."""
        with pytest.raises(FileNotFoundError):
            read_source(tmp_path / "none.toml")
        _, problems = read_release(tmp_path / "none.toml")
        assert ["cannot read the file: No such file or directory"] == [p.message for p in problems]

    def test_folder(self, tmp_path: Path) -> None:
        """A folder is refused as one, naming it."""
        problem = refusal(tmp_path, str(tmp_path))
        assert ("", "a folder, not a file") == (problem.path, problem.message)

    @pytest.mark.skipif(not Path("/dev/zero").exists(), reason="a system without /dev/zero")
    def test_dev_zero(self) -> None:
        """/dev/zero is a device, refused before a byte of it is read."""
        assert "a device, not a file" == refusal(Path("/dev/zero"), "/dev/zero").message

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="a system without named pipes")
    def test_fifo_does_not_hang(self, tmp_path: Path) -> None:
        """A named pipe nobody writes to is refused at once, by the API and by the command."""
        fifo = tmp_path / "release.toml"
        os.mkfifo(fifo)
        api = run_python(
            "import sys, pathlib, nas_press\n"
            "_, problems = nas_press.read_release(pathlib.Path(sys.argv[1]))\n"
            "print(problems[0].describe(sys.argv[1]))\n",
            str(fifo),
        )
        command = run_python(
            "import sys\nfrom nas_press.cli import main\nsys.exit(main(['check', sys.argv[1]]))\n",
            str(fifo),
        )
        expected = f"{fifo}: error: a named pipe (FIFO), not a file"
        assert (0, expected) == (api.returncode, api.stdout.split(" (expected")[0])
        assert (1, True) == (command.returncode, expected in command.stderr)

    def test_file_larger_than_the_limit(self, tmp_path: Path) -> None:
        """A file one byte over 1 MB is refused, with its size."""
        path = tmp_path / "large.toml"
        path.write_bytes(b"#" * MAX_FILE_BYTES + b"\n")
        assert f"the file is {MAX_FILE_BYTES + 1} bytes long" == refusal(path).message

    def test_file_at_the_limit_is_read(self, tmp_path: Path) -> None:
        """A valid release file of exactly 1 MB (a long comment) is read."""
        text = VALID.read_text("utf-8")
        path = tmp_path / "padded.toml"
        padding = MAX_FILE_BYTES - len(text.encode("utf-8")) - 2
        path.write_text(text + "#" + "x" * padding + "\n", "utf-8")
        assert MAX_FILE_BYTES == path.stat().st_size
        assert "valid" == read_source(path).table["release"]["id"]

    def test_file_growing_past_its_size_is_read_only_to_the_limit(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A file whose size says less than it holds is read to one byte past the limit only."""
        path = tmp_path / "large.toml"
        path.write_bytes(b"#" * (3 * MAX_FILE_BYTES))
        real_fstat = os.fstat

        def fstat_saying_empty(fd: int) -> os.stat_result:
            info = list(real_fstat(fd))
            info[6] = 0  # st_size, as /proc and some network file systems give it
            return os.stat_result(info)

        monkeypatch.setattr(source_module.os, "fstat", fstat_saying_empty)
        read: list[int] = []
        real_open = open

        def counting_open(*args: Any, **kwargs: Any) -> Any:
            file = real_open(*args, **kwargs)
            real_read = file.read

            def counted(size: int = -1) -> bytes:
                data: bytes = real_read(size)
                read.append(len(data))
                return data

            file.read = counted
            return file

        monkeypatch.setattr("builtins.open", counting_open)
        message = refusal(path).message
        assert (f"the file is more than {MAX_FILE_BYTES} bytes long", [MAX_FILE_BYTES + 1]) == (
            message,
            read,
        )

    @pytest.mark.skipif(not Path("/proc/self/pagemap").exists(), reason="Linux only")
    def test_endless_regular_file(self) -> None:
        """/proc/self/pagemap, a regular file of size 0 holding gigabytes, is refused quickly."""
        result = run_python(
            "import sys, pathlib, nas_press\n"
            "_, problems = nas_press.read_release(pathlib.Path('/proc/self/pagemap'))\n"
            "print(problems[0].message)\n"
        )
        expected = f"the file is more than {MAX_FILE_BYTES} bytes long\n"
        assert (0, expected) == (result.returncode, result.stdout)

    def test_bytes_larger_than_the_limit(self) -> None:
        """Bytes and text over the limit are refused too."""
        assert f"the file is {MAX_FILE_BYTES + 1} bytes long" == (
            refusal(b" " * (MAX_FILE_BYTES + 1)).message
        )
        assert f"the file is {2 * MAX_FILE_BYTES - 2} bytes long" == (
            refusal("ä" * (MAX_FILE_BYTES - 1)).message
        )

    def test_bad_utf8_names_its_line(self) -> None:
        """A Latin-1 byte is refused with the line it stands on and its place in the file."""
        data = b'a = 1\nb = "ok"\nc = "M\xe4kel\xe4"\n'
        problem = refusal(data)
        assert ("the file is not UTF-8 (byte 22)", 3) == (problem.message, problem.line)

    def test_byte_order_mark(self) -> None:
        """A file saved with a byte order mark is read, its lines counted as without one."""
        data = b"\xef\xbb\xbf" + VALID.read_bytes()
        found = read_source(data)
        assert (VALID.read_text("utf-8"), "valid") == (found.text, found.table["release"]["id"])
        assert line_of_text(found.text, "id =") == found.line_of("release.id")
        release, problems = read_release(data)
        assert ("valid", []) == (release.id if release else None, problems)

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            (" \n\t\n", "the file is empty"),
            ("# only\n\n# comments\n", "the file holds no release, only comments or blank lines"),
        ],
    )
    def test_empty(self, text: str, message: str) -> None:
        """An empty file, or one of comments only, is one clear problem."""
        assert message == refusal(text).message


class TestNesting:
    @pytest.mark.parametrize(
        ("text", "path"),
        [
            ("a = " + "[" * 1000 + "]" * 1000 + "\n", "a" + "[0]" * 20),
            ("a = " + "{ b = " * 1000 + "1" + " }" * 1000 + "\n", "a" + ".b" * 20),
            (".".join(["k"] * 20_000) + " = 1\n", ".".join(["k"] * 21)),
            ("[" + ".".join(["t"] * 20_000) + "]\n", ".".join(["t"] * 21)),
            ("[[" + ".".join(["t"] * 500) + "]]\n", ".".join(["t"] * 21)),
            ("[[a]]\n" * 3 + "b = [" + "[" * 30 + "]" * 31 + "\n", "a[2].b" + "[0]" * 18),
        ],
        ids=["arrays", "inline-tables", "dotted-key", "table-header", "array-of-tables", "mixed"],
    )
    def test_too_deep_is_refused_before_parsing(self, text: str, path: str) -> None:
        """Deep arrays, inline tables and dotted keys are refused with the path where they pass
        the limit, not a RecursionError or minutes in the TOML parser."""
        problem = refusal(text)
        assert (path, f"tables, lists or keys nested more than {MAX_DEPTH} levels deep") == (
            problem.path,
            problem.message,
        )
        assert text.count("\n") == problem.line

    def test_limit_itself_is_accepted(self) -> None:
        """A key path of exactly 20 levels is read; one more is refused."""
        assert 1 == read_source(".".join(["k"] * 19) + " = [1]\n").line_of("k" + ".k" * 18 + "[0]")
        assert refusal(".".join(["k"] * 20) + " = [1]\n").path == "k" + ".k" * 19 + "[0]"
        assert 2 == read_source("# x\n" + ".".join(["k"] * 20) + " = 1\n").line_of("k" + ".k" * 19)
        assert "k" + ".k" * 20 == refusal(".".join(["k"] * 21) + " = 1  # one line\n").path
        assert "t.k" + ".k" * 19 == refusal("[t]\n" + " . ".join(["k"] * 25) + " = 1\n").path

    @pytest.mark.parametrize(
        "text",
        [
            'a = "' + "[" * 1000 + '"\n',
            "a = '" + "{" * 1000 + "'\n",
            'a = """\n' + "[" * 1000 + '\n"""\n',
            "a = 1 # " + "[" * 1000 + "\n",
            '"' + "." * 1000 + '" = 1\n',
        ],
        ids=["string", "literal", "multi-line", "comment", "quoted-key"],
    )
    def test_brackets_in_strings_and_comments_do_not_count(self, text: str) -> None:
        """Brackets inside a string or a comment, and dots inside a quoted key, are no nesting."""
        assert 1 == len(read_source(text).table)

    def test_deep_nesting_after_a_syntax_error_line(self) -> None:
        """A line the scan cannot read does not stop it: deep nesting after it is still found."""
        assert "b" + "[0]" * 20 == refusal("a = = 1\nb = " + "[" * 100 + "]" * 100 + "\n").path


def toml_files() -> Iterator[Path]:
    """Every TOML file of the repository that tomllib reads: examples, tests, locales."""
    for pattern in ("examples/*.toml", "tests/**/*.toml", "locales/**/*.toml", "pyproject.toml"):
        for path in sorted(ROOT.glob(pattern)):
            try:
                if tomllib.loads(path.read_text("utf-8")):
                    yield path
            except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                continue


def leaf_paths(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Each key path of a parsed TOML value holding no table or list, with its last key."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaf_paths(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from leaf_paths(item, f"{path}[{i}]")
    else:
        yield path, path.rsplit(".", 1)[-1].split("[")[0]


class TestRepositoryFiles:
    @pytest.mark.parametrize("path", list(toml_files()), ids=lambda p: str(p.relative_to(ROOT)))
    def test_every_key_has_its_line(self, path: Path) -> None:
        """Each TOML file of the repository passes the bounds, and each of its values is mapped
        to a line that holds its key (or, in an array, on or after that key's line)."""
        found = read_source(path)
        lines = found.text.split("\n")
        for leaf, key in leaf_paths(found.table):
            line = found.line_of(leaf)
            assert line is not None, leaf
            holder = found.line_of(leaf.split("[")[0]) if "[" in leaf else line
            assert holder is not None, leaf
            assert key in "\n".join(lines[holder - 1 : line]), leaf


class TestLineMap:
    def test_arrays_of_tables(self) -> None:
        """Keys inside [[body]] items and their sub-tables get indexed paths."""
        text = '[[body]]\nstatement = "a"\n[[body]]\n[body.quote]\nspeaker = "x"\ntitle.fi = "y"\n'
        lines = LineMap.of(text)
        assert (2, 5, 6, 1, 3) == (
            lines.line_of("body[0].statement"),
            lines.line_of("body[1].quote.speaker"),
            lines.line_of("body[1].quote.title.fi"),
            lines.line_of("body"),
            lines.line_of("body[1]"),
        )

    def test_top_level_array_of_tables(self) -> None:
        """[[release]] gives a line to release, release[0] and its keys."""
        lines = LineMap.of('# a\n[[release]]\nid = "x"\n[[release]]\nid = "y"\n')
        assert (2, 2, 3, 4, 5) == tuple(
            lines.line_of(p)
            for p in ("release", "release[0]", "release[0].id", "release[1]", "release[1].id")
        )

    def test_release_written_as_array_of_tables_has_its_line(self) -> None:
        """The loader's problem with [[release]] (a list, not a table) names its line."""
        text = VALID.read_text("utf-8").replace("[release]", "[[release]]", 1)
        problems = problems_of(text)
        assert ("release", "a list, not a table", line_of_text(text, "[[release]]")) == (
            problems[0].path,
            problems[0].message,
            problems[0].line,
        )

    def test_arrays_of_tables_inside_tables(self) -> None:
        """An array of tables in a table, and one in each item of another, restart their index."""
        text = (
            "[statistics]\n[[statistics.earlier]]\nyear = 1\n[[statistics.earlier]]\nyear = 2\n"
            "[[a]]\n[[a.b]]\nx = 1\n[[a]]\n[[a.b]]\nx = 2\n[[a.b]]\nx = 3\n"
        )
        lines = LineMap.of(text)
        assert (3, 5, 8, 11, 13) == tuple(
            lines.line_of(p)
            for p in (
                "statistics.earlier[0].year",
                "statistics.earlier[1].year",
                "a[0].b[0].x",
                "a[1].b[0].x",
                "a[1].b[1].x",
            )
        )

    def test_multiline_strings_are_skipped(self) -> None:
        """A key-like line inside a multi-line string is not a key."""
        lines = LineMap.of('a = """\nb = 1\n"""\nc = 2\n')
        assert (1, None, 4) == (lines.line_of("a"), lines.line_of("b"), lines.line_of("c"))

    @pytest.mark.parametrize(
        "text",
        [
            'a = """\nsays \\"""hi\\"""\nb = 1\n"""\nc = 2\n',
            'a = """say \\""" once"""\nc = 2\n',
            'a = """\nsay \\"""\nb = 1\n"""\nc = 2\n',
            'a = """\nends with a quote\\"\nb = 1\n"""\nc = 2\n',
            'a = """\nb = 1 ""\n"""\nc = 2\n',
            'a = """\nb = 1\nfour quotes""""\nb = 1\nc = 2\n'.replace("b = 1\nc", "c"),
            "a = '''\nb = 1 \"\"\" and \\\n'''\nc = 2\n",
            "a = '''\nb = 1\nclosing with two more'''''\nc = 2\n",
            "a = '''b = 1 ''' # '''\nc = 2\n",
        ],
        ids=[
            "escaped-quotes",
            "escaped-quotes-on-one-line",
            "escaped-quotes-alone",
            "escaped-last-quote",
            "two-quotes",
            "four-quotes",
            "literal-with-basic-quotes",
            "literal-five-quotes",
            "literal-on-one-line",
        ],
    )
    def test_tricky_multiline_strings(self, text: str) -> None:
        """Escaped quotes, extra closing quotes and the other delimiter inside a string leave the
        next key on its own line."""
        assert tomllib.loads(text)["c"] == 2
        lines = LineMap.of(text)
        assert (1, None, text.split("\n").index("c = 2") + 1) == (
            lines.line_of("a"),
            lines.line_of("b"),
            lines.line_of("c"),
        )

    @pytest.mark.parametrize(
        "comment", ["# it's", '# say """', "# '''", '# "a = [ {', "# \\", "# ]]"]
    )
    def test_comments_holding_quotes(self, comment: str) -> None:
        """A comment holding quotes or brackets after a value or a header hides no later key."""
        text = f"[t] {comment}\na = 1 {comment}\nb = [1, {comment}\n  2,\n]\nc = 3\n"
        lines = LineMap.of(text)
        assert (1, 2, 3, 4, 6) == tuple(
            lines.line_of(p) for p in ("t", "t.a", "t.b[0]", "t.b[1]", "t.c")
        )

    def test_line_separator_in_a_string_keeps_later_lines(self) -> None:
        """A U+2028 or a form feed inside a string is not a line end: TOML counts line feeds."""
        lines = LineMap.of('a = "one\u2028two"\nb = "x\fy"\nc = 3\n')
        assert (1, 2, 3) == (lines.line_of("a"), lines.line_of("b"), lines.line_of("c"))

    def test_line_of_a_problem_after_a_line_separator(self) -> None:
        """A problem after a headline holding U+2028 is reported on its own line."""
        text = example_text().replace("ja pakkotyö yleisimmät", "ja\u2028pakkotyö yleisimmät", 1)
        text = text.replace('"veikko.makela@migri.fi"', '"veikko"')
        line = 1 + text.split("\n").index('email = "veikko"')
        assert [("contacts[1].email", line)] == [(p.path, p.line) for p in problems_of(text)]

    def test_array_items_and_inline_tables(self) -> None:
        """Each item of a list spread over lines, and each key of an inline table, has a line."""
        text = (
            'languages = [\n  "fi",\n  "sv",  # sv\n]\n'
            "earlier = [\n  { year = 2024, forms = { a = 1 } },\n  { year = 2023 },\n]\n"
            'title = { fi = "a", sv = "b" }\n'
        )
        lines = LineMap.of(text)
        assert (2, 3, 6, 6, 7, 9) == tuple(
            lines.line_of(p)
            for p in (
                "languages[0]",
                "languages[1]",
                "earlier[0].year",
                "earlier[0].forms.a",
                "earlier[1].year",
                "title.sv",
            )
        )

    def test_quoted_keys(self) -> None:
        """A quoted key is named as TOML reads it: escapes decoded, dots inside kept."""
        text = '"a\\u0062" = 1\n\'x.y\' = 2\n"esc\\u001b[31m" = 3\n[ "t" . u ]\nv = 4\n'
        lines = LineMap.of(text)
        assert {"ab", "x.y", "esc\x1b[31m", "t"} == set(tomllib.loads(text))
        assert (1, 2, 3, 5) == tuple(
            lines.line_of(p) for p in ("ab", "x.y", "esc\x1b[31m", "t.u.v")
        )

    def test_crlf_line_ends(self) -> None:
        """Lines ending in CR LF are counted as lines."""
        lines = LineMap.of('a = """x\r\ny"""\r\n[t]\r\nb = 2\r\n')
        assert (1, 3, 4) == (lines.line_of("a"), lines.line_of("t"), lines.line_of("t.b"))

    def test_nearest_key_above(self) -> None:
        """A path not written is given the line of the nearest key holding it."""
        lines = LineMap.of("[statistics.register]\npersons = 1\n")
        assert (1, 1, 2, None) == (
            lines.line_of("statistics.register.victims"),
            lines.line_of("statistics"),
            lines.line_of("statistics.register.persons[3]"),
            lines.line_of("headline.fi"),
        )

    def test_with_lines(self) -> None:
        """with_lines gives each problem without a line the line of its key, past a BOM."""
        problems = [Problem("t.b", "x"), Problem("t.a", "y", line=9), Problem("", "z")]
        located = with_lines(problems, "\ufeff[t]\na = 1\nb = 2\n")
        assert [3, 9, None] == [p.line for p in located]

    def test_source_annotate_gives_lines(self) -> None:
        """Source.annotate gives a problem the line of its key and leaves one with a line alone."""
        found = read_source(VALID)
        assert (line_of_text(found.text, "women"), 7) == (
            found.annotate(Problem("statistics.in_finland.women", "x")).line,
            found.annotate(Problem("statistics.in_finland.women", "x", line=7)).line,
        )


class TestSyntaxErrorKey:
    @pytest.mark.parametrize(
        ("old", "new", "path"),
        [
            (
                'phone = "0295 463 242"',
                'phone = "0295 463 242"\nphone = "0295 463 243"',
                "contacts[1].phone",
            ),
            ("count = 88", "count = 88\ncount = 89", "statistics.new_clients.count"),
            ("[period]", "[period]\nyear = 2025\n[period]", "period"),
            (
                'title.en = "Senior Adviser and Team Leader"',
                'title.en = "Team \\uDC00Leader"',
                "contacts[2].title.en",
            ),
            ("count = 88", 'count = 88 "x"', "statistics.new_clients.count"),
        ],
    )
    def test_syntax_error_names_the_key_on_its_line(self, old: str, new: str, path: str) -> None:
        """A TOML syntax error names the key path of the line it is on, with that line."""
        text = example_text()
        assert old in text
        (problem,) = problems_of(text.replace(old, new, 1))
        assert problem.message.startswith("not valid TOML: ")
        assert path == problem.path
        assert f"at line {problem.line}," in problem.message

    def test_syntax_error_after_a_tricky_string(self) -> None:
        """After a string holding escaped quotes, a syntax error names its key and its line."""
        text = example_text().replace(
            'fi = "Pakkoavioliitto', 'fi = """Sanoi \\"""kyllä\\"""\n"""\nx = "Pakko', 1
        )
        text = text.replace("count = 88", "count = 88\ncount = 89", 1)
        (problem,) = problems_of(text)
        assert ("statistics.new_clients.count", line_of_text(text, "count = 89")) == (
            problem.path,
            problem.line,
        )

    @pytest.mark.parametrize("quotes", ['"""', "'''"])
    def test_string_never_closed(self, quotes: str) -> None:
        """A multi-line string never closed is an error at the end of the file: it names the key
        and the line where the string starts."""
        text = example_text().replace("count = 88", f"count = {quotes}88", 1)
        (problem,) = problems_of(text)
        assert ("statistics.new_clients.count", line_of_text(text, "count = " + quotes)) == (
            problem.path,
            problem.line,
        )
        assert problem.message.endswith(
            "the multi-line string that starts on this line is never closed"
        )

    def test_syntax_error_without_a_key(self) -> None:
        """A line that holds no key, such as a broken table header, leaves the path empty."""
        (problem,) = problems_of(example_text().replace("[period]", "[period", 1))
        assert ("", True) == (problem.path, problem.message.startswith("not valid TOML: "))


NUMBER = "write whole numbers without spaces or separators, such as {}"
DATE = "write dates as YYYY-MM-DD, such as {}"


class TestHints:
    @pytest.mark.parametrize(
        ("old", "new", "path", "message", "expected", "found"),
        [
            (
                "persons = 1588",
                "persons = 1 588",
                "statistics.register.persons",
                NUMBER.format("1588"),
                "a whole number such as 1588",
                "1 588",
            ),
            (
                "persons = 1588",
                "persons = 1,588",
                "statistics.register.persons",
                NUMBER.format("1588"),
                "a whole number such as 1588",
                "1,588",
            ),
            (
                "persons = 1588",
                "persons = 1\u00a0588   # no-break space",
                "statistics.register.persons",
                NUMBER.format("1588"),
                "a whole number such as 1588",
                "1\u00a0588",
            ),
            (
                "persons = 1588",
                "persons = 1.588.000",
                "statistics.register.persons",
                NUMBER.format("1588000"),
                "a whole number such as 1588000",
                "1.588.000",
            ),
            (
                "year = 2024, percent = 19",
                "year = 2024, percent = 1 9",
                "statistics.referrals.change.percent",
                NUMBER.format("1650"),
                "a whole number such as 1650",
                "1 9",
            ),
            (
                "published = 2025-07-10",
                "published = 10.7.2025",
                "release.published",
                DATE.format("2025-07-10"),
                "a date such as 2025-07-10",
                "10.7.2025",
            ),
            (
                "published = 2025-07-10",
                "published = 10.07.2025  # Finnish",
                "release.published",
                DATE.format("2025-07-10"),
                "a date such as 2025-07-10",
                "10.07.2025",
            ),
            (
                "published = 2025-07-10",
                "published = 2025-7-10",
                "release.published",
                DATE.format("2025-07-10"),
                "a date such as 2025-07-10",
                "2025-7-10",
            ),
            (
                "until = 2025-07-31",
                "until = 31.7.2025",
                "contacts[1].until",
                DATE.format("2025-07-31"),
                "a date such as 2025-07-31",
                "31.7.2025",
            ),
            (
                'kind = "first-half"',
                "kind = first-half",
                "period.kind",
                'write text in quotes, such as "first-half"',
                "text in quotes",
                "first-half",
            ),
            (
                'name = "Veikko Mäkelä"',
                "name = Veikko Mäkelä",
                "contacts[1].name",
                'write text in quotes, such as "Veikko Mäkelä"',
                "text in quotes",
                "Veikko Mäkelä",
            ),
            (
                'languages = ["fi", "sv", "en"]',
                'languages = [fi, "sv", "en"]',
                "release.languages[0]",
                'write text in quotes, such as "fi"',
                "text in quotes",
                "fi",
            ),
            (
                "change = { year = 2024, percent = 19 }",
                "change = { year = 2024, percent = nineteen }",
                "statistics.referrals.change.percent",
                'write text in quotes, such as "nineteen"',
                "text in quotes",
                "nineteen",
            ),
        ],
    )
    def test_syntax_error_hint(
        self, old: str, new: str, path: str, message: str, expected: str, found: str
    ) -> None:
        """A number, a date or a text written as people write them is named by its key and
        line, with what was found and how to write it."""
        text = example_text()
        assert old in text
        text = text.replace(old, new, 1)
        (problem,) = problems_of(text)
        assert (path, f"not valid TOML: {message}", expected, found) == (
            problem.path,
            problem.message,
            problem.expected,
            problem.value,
        )
        assert new.split(" #")[0] in text.split("\n")[problem.line - 1]  # type: ignore[operator]

    def test_decimal_written_as_thousands(self) -> None:
        """count = 1.650, a decimal number to TOML, gets the whole-number hint and shows the
        value as written."""
        text = example_text().replace("persons = 1588", "persons = 1.588", 1)
        (problem,) = problems_of(text)
        assert (
            "statistics.register.persons",
            "a decimal number, not a whole number, 0 or more; " + NUMBER.format("1588"),
            "1.588",
            line_of_text(text, "persons"),
        ) == (problem.path, problem.message, problem.value, problem.line)

    def test_real_decimal_gets_no_hint(self) -> None:
        """count = 1.5 is a decimal number, not a number with separators: no hint."""
        text = example_text().replace("persons = 1588", "persons = 1.5", 1)
        (problem,) = problems_of(text)
        assert ("a decimal number, not a whole number, 0 or more", 1.5) == (
            problem.message,
            problem.value,
        )

    def test_quoted_finnish_date(self) -> None:
        """published = "10.7.2025" (text) gets the date hint."""
        text = example_text().replace("published = 2025-07-10", 'published = "10.7.2025"', 1)
        (problem,) = problems_of(text)
        assert (
            "release.published",
            "a text, not a date; " + DATE.format("2025-07-10") + ", without quotes",
            '"10.7.2025"',
        ) == (problem.path, problem.message, problem.value)

    def test_impossible_date(self) -> None:
        """A date written the Finnish way that does not exist gets the hint with an example."""
        text = example_text().replace("published = 2025-07-10", "published = 31.2.2025", 1)
        (problem,) = problems_of(text)
        assert f"not valid TOML: {DATE.format('2026-02-10')}" == problem.message

    @pytest.mark.parametrize(
        "new",
        [
            "persons = ",
            "persons = 1588 1588 x",
            "persons = 12abc",
            "persons = true x",
        ],
    )
    def test_other_syntax_errors_keep_the_parser_message(self, new: str) -> None:
        """A syntax error that is none of those mistakes keeps the parser's own words."""
        text = example_text().replace("persons = 1588", new, 1)
        (problem,) = problems_of(text)
        assert ("statistics.register.persons", "TOML syntax") == (problem.path, problem.expected)
        assert "(at line" in problem.message

    def test_hint_in_the_command_output(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """check prints the hint as one line: file, line, key, advice, expected and found."""
        path = tmp_path / "r.toml"
        text = VALID.read_text("utf-8").replace("persons = 1000", "persons = 1 000", 1)
        path.write_text(text, "utf-8")
        assert 1 == main(["check", str(path)])
        line = line_of_text(text, "persons")
        assert (
            f"{path}:{line}: error: statistics.register.persons: not valid TOML: "
            f"{NUMBER.format('1000')} (expected a whole number such as 1000; found '1 000')"
        ) in capsys.readouterr().err.splitlines()


class TestEscaping:
    @pytest.mark.parametrize(
        ("char", "escape"),
        [
            ("\x1b", "\\x1b"),
            ("\x07", "\\x07"),
            ("\r", "\\r"),
            ("\x00", "\\x00"),
            ("\x7f", "\\x7f"),
            ("\x85", "\\x85"),
            ("\x9b", "\\x9b"),
            ("\u2028", "\\u2028"),
            ("\u2029", "\\u2029"),
            ("\u202e", "\\u202e"),
            ("\u2066", "\\u2066"),
            ("\u200b", "\\u200b"),
            ("\ud800", "\\ud800"),
            ("\U000e0041", "\\U000e0041"),
        ],
    )
    def test_describe_escapes_every_part(self, char: str, escape: str) -> None:
        """A control, format or separator character is escaped in the file name, key, message,
        expectation and value."""
        problem = Problem(f"a{char}b", f"m{char}", f"e{char}", f"v{char}", line=3)
        expected = f"e{escape}; found 'v{escape}'"
        assert f"f{escape}.toml:3: error: a{escape}b: m{escape} (expected {expected})" == (
            problem.describe(f"f{char}.toml")
        )

    def test_printable_text_is_kept(self) -> None:
        """Letters, no-break and other spaces, a backslash and escapes already written stay."""
        text = "Mäkelä 1\u00a0588 \u202f% \\x1b 'q' “q” – ok"
        assert text == printable(text)

    def test_quoted_key_reaches_no_terminal_raw(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An unknown quoted key holding ESC, BEL and CR is printed with escapes by check, and in
        the error load_release raises."""
        path = tmp_path / "r.toml"
        text = VALID.read_text("utf-8").replace(
            "women = 20", 'women = 20\n"a\\u001b[31mb\\u0007\\r" = 1', 1
        )
        path.write_text(text, "utf-8")
        assert 1 == main(["check", str(path)])
        err = capsys.readouterr().err
        with pytest.raises(nas_press.ReleaseError) as info:
            nas_press.load_release(path)
        for shown in (err, str(info.value)):
            assert "statistics.in_finland.a\\x1b[31mb\\x07\\r: unknown key" in shown
            assert not any(c in shown for c in "\x1b\x07\r")

    def test_release_error_escapes_the_file_name(self) -> None:
        """The head line of a ReleaseError escapes the file name too."""
        error = nas_press.ReleaseError([Problem("k", "m")], source="a\x1bb.toml")
        assert str(error).startswith("1 problem in a\\x1bb.toml:")


# -- a property: any document written with tables, arrays and strings of any kind


KEYS = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=6) | st.from_regex(
    r"[A-Za-z0-9_-]{1,6}", fullmatch=True
)
TEXTS = st.text(st.sampled_from(list("ab \"'\\\n#=[]{},.\t\u2028ä")), max_size=12)


def _basic(text: str) -> str:
    out = ['"']
    for c in text:
        if c in '"\\':
            out.append("\\" + c)
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    return "".join(out) + '"'


def _key(key: str, style: int) -> str:
    import re

    if re.fullmatch(r"[A-Za-z0-9_-]+", key):
        return key
    if style % 2 and "'" not in key and not any(ord(c) < 0x20 or ord(c) == 0x7F for c in key):
        return f"'{key}'"
    return _basic(key)


def _string(text: str, style: int) -> str:
    """The text as one of TOML's four kinds of string, where that kind can hold it."""
    controls = any((ord(c) < 0x20 and c not in "\n\t") or ord(c) == 0x7F for c in text)
    if style == 1 and not controls and "\r" not in text:
        body = text.replace("\\", "\\\\").replace('"', '\\"')
        return f'"""\n{body}"""'
    if style == 2 and not controls and "'''" not in text and not text.endswith("'"):
        return f"'''\n{text}'''"
    if style == 3 and not controls and "'" not in text and "\n" not in text:
        return f"'{text}'"
    return _basic(text)


class _Writer:
    """Writes a nested dict as TOML with headers, and notes the line each value starts on."""

    def __init__(self, style: int) -> None:
        self.lines: list[str] = []
        self.expected: dict[str, int] = {}
        self.offsets: dict[str, int] = {}
        self.style = style

    def add(self, line: str) -> int:
        start = len("\n".join(self.lines).split("\n")) + 1 if self.lines else 1
        self.lines.append(line)
        return start

    def value(self, value: object, path: str, n: int, before: str) -> str:
        """The value as TOML; ``before`` is the statement up to it, to count its line."""
        self.offsets[path] = before.count("\n")
        if isinstance(value, str):
            return _string(value, (n + self.style) % 4)
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            return str(value)
        assert isinstance(value, list)
        text = "["
        for i, item in enumerate(value):
            text += (", " if i else "") + self.value(item, f"{path}[{i}]", n + i, before + text)
        return text + "]"

    def table(self, data: dict[str, Any], path: str, name: str, array: bool = False) -> None:
        if name:
            header = f"[[{name}]]" if array else f"[{name}]"
            self.expected[path] = self.add(header + " # it's [a] \"\"\" '''")
        nested = []
        for n, (key, value) in enumerate(data.items()):
            full = f"{path}.{key}" if path else key
            if isinstance(value, dict) or (
                isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
            ):
                nested.append((key, value))
                continue
            self.offsets = {}
            start = f"{_key(key, n + self.style)} = "
            line = self.add(f"{start}{self.value(value, full, n, start)}  # '\"")
            self.expected[full] = line
            for item, offset in self.offsets.items():
                self.expected[item] = line + offset
        for key, value in nested:
            full = f"{path}.{key}" if path else key
            inner = f"{name}.{_key(key, self.style)}" if name else _key(key, self.style)
            if isinstance(value, dict):
                self.table(value, full, inner)
            else:
                for i, item in enumerate(value):
                    self.table(item, f"{full}[{i}]", inner, array=True)


def documents() -> st.SearchStrategy[dict[str, Any]]:
    scalars = TEXTS | st.integers(-5, 5) | st.booleans()
    values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3), max_leaves=4)
    return st.recursive(
        st.dictionaries(KEYS, values, max_size=3),
        lambda inner: st.dictionaries(
            KEYS, values | inner | st.lists(inner, min_size=1, max_size=2), max_size=3
        ),
        max_leaves=8,
    )


class TestAnyDocument:
    @settings(max_examples=300, deadline=None, derandomize=True)
    @given(documents(), st.integers(0, 3))
    def test_line_of_every_value(self, data: dict[str, Any], style: int) -> None:
        """For any document of tables, arrays of tables, lists and strings of every kind, with
        comments holding quotes, each key path is mapped to the line it is written on."""
        writer = _Writer(style)
        writer.table(data, "", "")
        text = "\n".join(writer.lines) + "\n"
        if not data:
            return
        assert data == tomllib.loads(text)
        found = read_source(text)
        assert isinstance(found, Source)
        assert data == found.table
        assert writer.expected == {p: found.line_of(p) for p in writer.expected}
