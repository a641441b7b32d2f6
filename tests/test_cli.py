"""The nas-press command line (nas_press.cli)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES, LANGS

from nas_press.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run nas-press as a separate process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "nas_press.cli", *args], capture_output=True, text=True, check=False
    )


class TestRender:
    def test_writes_every_language_and_format(self, tmp_path: Path) -> None:
        """render writes DIR/<stem>.<lang>.<format> and prints each path."""
        result = run("render", str(EXAMPLES / "2025-h1.toml"), "--out", str(tmp_path))
        assert result.returncode == 0, result.stderr
        expected = [
            str(tmp_path / f"2025-h1.{lang}.{fmt}") for lang in LANGS for fmt in ("docx", "txt")
        ]
        assert expected == result.stdout.splitlines()
        assert sorted(Path(p).name for p in expected) == sorted(p.name for p in tmp_path.iterdir())

    def test_lang_and_format(self, tmp_path: Path) -> None:
        """--lang and --format choose what is written."""
        code = main(
            [
                "render",
                str(EXAMPLES / "2018-h1.toml"),
                "--out",
                str(tmp_path),
                "--lang",
                "sv",
                "--format",
                "txt",
            ]
        )
        assert code == 0
        assert [p.name for p in tmp_path.iterdir()] == ["2018-h1.sv.txt"]

    def test_same_bytes_twice(self, tmp_path: Path) -> None:
        """Rendering twice gives identical bytes for every file."""
        for folder in ("a", "b"):
            assert (
                main(["render", str(EXAMPLES / "2025-h1.toml"), "--out", str(tmp_path / folder)])
                == 0
            )
        for path in (tmp_path / "a").iterdir():
            assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name

    def test_unknown_language_hint(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A regional code is refused with a hint and nothing is written."""
        code = main(
            ["render", str(EXAMPLES / "2025-h1.toml"), "--out", str(tmp_path), "--lang", "fi-FI"]
        )
        assert code == 1
        assert "did you mean 'fi'?" in capsys.readouterr().err
        assert list(tmp_path.iterdir()) == []

    def test_unknown_format(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown format is a clear error, not a traceback."""
        code = main(
            ["render", str(EXAMPLES / "2025-h1.toml"), "--out", str(tmp_path), "--format", "pdf"]
        )
        assert code == 1
        assert "unknown format 'pdf'" in capsys.readouterr().err

    def test_invalid_file_leaves_folder_alone(self, tmp_path: Path) -> None:
        """A broken release exits 1 without a traceback and changes no existing file."""
        broken = tmp_path / "broken.toml"
        broken.write_text(
            (EXAMPLES / "2025-h1.toml").read_text("utf-8").replace("count = 42", "count = 420"),
            "utf-8",
        )
        out = tmp_path / "out"
        out.mkdir()
        (out / "broken.en.txt").write_bytes(b"earlier version\n")
        result = run("render", str(broken), "--out", str(out))
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert "statistics.in_finland.count" in result.stderr
        assert (out / "broken.en.txt").read_bytes() == b"earlier version\n"
        assert [p.name for p in out.iterdir()] == ["broken.en.txt"]

    def test_missing_file(self, tmp_path: Path) -> None:
        """A release file that does not exist is exit 1 with its name."""
        result = run("render", str(tmp_path / "nope.toml"), "--out", str(tmp_path))
        assert result.returncode == 1
        assert "nope.toml" in result.stderr
        assert "Traceback" not in result.stderr


def run_in(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run nas-press render on the 2025-h1 example in ``folder``, keeping stdout as bytes."""
    argv = [sys.executable, "-m", "nas_press.cli", "render", str(EXAMPLES / "2025-h1.toml"), *args]
    return subprocess.run(argv, capture_output=True, check=False, cwd=folder)


class TestOut:
    def test_empty_folder_name_is_refused(self, tmp_path: Path) -> None:
        """--out '' is wrong usage (exit 2), not a render into the current folder."""
        result = run_in(tmp_path, "--out", "")
        assert 2 == result.returncode
        assert b"argument -o/--out: expected a folder, or - for standard output" in result.stderr
        assert [] == list(tmp_path.iterdir())

    def test_dash_writes_the_one_file_to_standard_output(self, tmp_path: Path) -> None:
        """--out - with one language and one format writes that file's bytes to stdout."""
        result = run_in(tmp_path, "--out", "-", "--lang", "sv", "--format", "txt")
        assert 0 == result.returncode, result.stderr
        assert main(["render", str(EXAMPLES / "2025-h1.toml"), "--out", str(tmp_path / "o")]) == 0
        assert (tmp_path / "o" / "2025-h1.sv.txt").read_bytes() == result.stdout
        assert ["o"] == [p.name for p in tmp_path.iterdir()]

    @pytest.mark.parametrize(
        ("args", "asked"),
        [
            ((), "3 languages (fi,sv,en) and 2 formats (docx,txt)"),
            (("--lang", "en"), "1 language (en) and 2 formats (docx,txt)"),
            (("--format", "md"), "3 languages (fi,sv,en) and 1 format (md)"),
        ],
    )
    def test_dash_needs_one_language_and_one_format(
        self, args: tuple[str, ...], asked: str, tmp_path: Path
    ) -> None:
        """--out - asking for several files is wrong usage, and writes nothing."""
        result = run_in(tmp_path, "--out", "-", *args)
        assert 2 == result.returncode
        assert b"--out - writes one file to standard output" in result.stderr
        assert f"asked for {asked}".encode() in result.stderr
        assert b"" == result.stdout
        assert [] == list(tmp_path.iterdir())

    def test_failed_write_says_what_was_changed(self, tmp_path: Path) -> None:
        """A target that is a folder is named, and the message says nothing was changed."""
        out = tmp_path / "out"
        assert main(["render", str(EXAMPLES / "2025-h1.toml"), "--out", str(out)]) == 0
        before = {p.name: p.read_bytes() for p in out.iterdir()}
        (out / "2025-h1.en.txt").unlink()
        (out / "2025-h1.en.txt").mkdir()
        result = run("render", str(EXAMPLES / "2025-h1.toml"), "--out", str(out), "--lang", "en")
        assert 1 == result.returncode
        assert (
            f"nas-press: error: cannot write into {out}: {out / '2025-h1.en.txt'} is a folder, "
            "not a file: remove or rename it; nothing was changed\n"
        ) == result.stderr
        after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
        assert {n: d for n, d in before.items() if n != "2025-h1.en.txt"} == after


class TestCheck:
    @pytest.mark.parametrize("stem", ["2018-h1", "2025-h1"])
    def test_examples_are_valid(self, stem: str) -> None:
        """check accepts both examples and says so."""
        result = run("check", str(EXAMPLES / f"{stem}.toml"))
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(f"{EXAMPLES / f'{stem}.toml'}: valid; 3 languages")

    def test_reports_problems(self, tmp_path: Path) -> None:
        """check reports every error with file, line and key, and exits 1."""
        broken = tmp_path / "broken.toml"
        broken.write_text(
            (EXAMPLES / "2025-h1.toml")
            .read_text("utf-8")
            .replace("finnish = 7", "finnish = 70")
            .replace("minors = 21", "minors = -21"),
            "utf-8",
        )
        result = run("check", str(broken))
        assert result.returncode == 1
        assert f"{broken}:" in result.stderr
        assert "statistics.in_finland.finnish" in result.stderr
        assert "statistics.register.minors" in result.stderr

    def test_problems_in_line_order(self, tmp_path: Path) -> None:
        """Errors come before warnings, and each kind is listed in the order of the file's lines."""
        text = (EXAMPLES / "2025-h1.toml").read_text("utf-8")
        broken = tmp_path / "broken.toml"
        broken.write_text(
            text.replace("minors = 21", "minors = -21")
            .replace("finnish = 7", "finnish = 70")
            .replace("Katri Lyijynen", "Katri\u200b Lyijynen")
            .replace("Minna Lehtipuu", "Minna\u200b Lehtipuu"),
            "utf-8",
        )
        result = run("check", str(broken))
        assert 1 == result.returncode
        reported = [line for line in result.stderr.splitlines() if line.startswith(f"{broken}:")]
        kinds = [line.split(": ")[1] for line in reported]
        lines = [int(line.removeprefix(f"{broken}:").split(":")[0]) for line in reported]
        assert ["error", "error", "warning", "warning"] == kinds[:2] + kinds[-2:]
        errors = [n for n, kind in zip(lines, kinds, strict=True) if kind == "error"]
        warnings = [n for n, kind in zip(lines, kinds, strict=True) if kind == "warning"]
        assert sorted(errors) == errors
        assert sorted(warnings) == warnings
        assert len(warnings) >= 2


class TestUsage:
    @pytest.mark.parametrize("args", [(), ("render",), ("render", "x.toml"), ("frobnicate",)])
    def test_wrong_usage_is_2(self, args: tuple[str, ...]) -> None:
        """Missing arguments or an unknown command exit 2 with usage on stderr."""
        result = run(*args)
        assert result.returncode == 2
        assert "usage:" in result.stderr

    @pytest.mark.parametrize("args", [("--help",), ("render", "--help"), ("check", "--help")])
    def test_help(self, args: tuple[str, ...]) -> None:
        """--help works on the command and each subcommand."""
        result = run(*args)
        assert result.returncode == 0
        assert "usage: nas-press" in result.stdout


class TestConventions:
    def test_version(self) -> None:
        """--version prints the installed version and exits 0."""
        from importlib.metadata import version

        result = run("--version")
        assert 0 == result.returncode
        assert f"nas-press {version('nas_press')}\n" == result.stdout

    def test_python_m_nas_press(self, tmp_path: Path) -> None:
        """python -m nas_press is the command."""
        result = subprocess.run(
            [sys.executable, "-m", "nas_press", "check", str(EXAMPLES / "2025-h1.toml")],
            capture_output=True,
            text=True,
            check=False,
        )
        assert 0 == result.returncode, result.stderr
        assert result.stdout.startswith(f"{EXAMPLES / '2025-h1.toml'}: valid")

    def test_collector_runs_less_often(self) -> None:
        """The nas-press process collects reference cycles every 200 000 objects made, not
        every 700 as Python does by default."""
        code = (
            "import gc, sys; from nas_press.cli import run; sys.argv[1:] = ['--version']\n"
            "try:\n    run()\nfinally:\n    print(gc.get_threshold())"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False
        )
        assert 0 == result.returncode, result.stderr
        assert "(200000, 30, 30)" == result.stdout.splitlines()[-1]

    def test_short_out(self, tmp_path: Path) -> None:
        """-o is --out."""
        assert 0 == main(["render", str(EXAMPLES / "2025-h1.toml"), "-o", str(tmp_path), "-q"])
        assert 6 == len(list(tmp_path.iterdir()))


class TestSeveralFiles:
    def test_render_two_files(self, tmp_path: Path) -> None:
        """render takes several release files and writes each one's files, in the order given."""
        result = run(
            "render",
            str(EXAMPLES / "2025-h1.toml"),
            str(EXAMPLES / "2018-h1.toml"),
            "-o",
            str(tmp_path),
            "--format",
            "txt",
        )
        assert 0 == result.returncode, result.stderr
        expected = [
            str(tmp_path / f"{stem}.{lang}.txt")
            for stem in ("2025-h1", "2018-h1")
            for lang in LANGS
        ]
        assert expected == result.stdout.splitlines()

    def test_render_a_folder(self, tmp_path: Path) -> None:
        """A folder stands for its release files; its statistics history is no release."""
        result = run("render", str(EXAMPLES), "-o", str(tmp_path), "--format", "txt", "-q")
        assert 0 == result.returncode, result.stderr
        assert "" == result.stdout
        names = sorted(p.name for p in tmp_path.iterdir())
        assert sorted(f"{s}.{lang}.txt" for s in ("2018-h1", "2025-h1") for lang in LANGS) == names

    def test_one_invalid_file_writes_nothing(self, tmp_path: Path) -> None:
        """With one invalid release among several, no file of any is written."""
        broken = tmp_path / "broken.toml"
        broken.write_text(
            (EXAMPLES / "2025-h1.toml").read_text("utf-8").replace("count = 42", "count = 420"),
            "utf-8",
        )
        out = tmp_path / "out"
        result = run("render", str(EXAMPLES / "2025-h1.toml"), str(broken), "-o", str(out))
        assert 1 == result.returncode
        assert f"nas-press: error: 1 error in {broken}; nothing was written" in result.stderr
        assert not out.exists() or [] == list(out.iterdir())

    def test_same_stem_twice_is_wrong_usage(self, tmp_path: Path) -> None:
        """Two releases that would write the same files into one folder are refused."""
        (tmp_path / "a").mkdir()
        shutil.copy(EXAMPLES / "2025-h1.toml", tmp_path / "a" / "2025-h1.toml")
        result = run(
            "render",
            str(EXAMPLES / "2025-h1.toml"),
            str(tmp_path / "a" / "2025-h1.toml"),
            "-o",
            str(tmp_path / "out"),
        )
        assert 2 == result.returncode
        assert "would write the same files" in result.stderr
        assert not (tmp_path / "out").exists()

    def test_standard_output_takes_one_release(self, tmp_path: Path) -> None:
        """--out - with two release files is wrong usage."""
        result = run(
            "render",
            str(EXAMPLES / "2025-h1.toml"),
            str(EXAMPLES / "2018-h1.toml"),
            "-o",
            "-",
            "--lang",
            "en",
            "--format",
            "txt",
        )
        assert 2 == result.returncode
        assert "needs one release file; asked for 2" in result.stderr
        assert "" == result.stdout

    def test_check_a_folder_counts_what_it_printed(self) -> None:
        """check of a folder: a line per release and a total, each counting the warnings
        printed."""
        result = run("check", str(EXAMPLES))
        assert 0 == result.returncode, result.stderr
        printed = [line for line in result.stderr.splitlines() if ": warning: " in line]
        from_2018 = [line for line in printed if line.startswith(str(EXAMPLES / "2018-h1.toml"))]
        assert from_2018 == printed
        assert [
            f"{EXAMPLES / '2018-h1.toml'}: valid; 3 languages (fi, sv, en); "
            f"0 errors, {len(printed)} warnings",
            f"{EXAMPLES / '2025-h1.toml'}: valid; 3 languages (fi, sv, en); 0 errors, 0 warnings",
            f"2 release files: 0 errors, {len(printed)} warnings",
        ] == result.stdout.splitlines()


class TestStrictAndQuiet:
    def test_strict_fails_on_a_warning(self, tmp_path: Path) -> None:
        """--strict makes a warning fail check and render (exit 1), and render writes nothing."""
        checked = run("check", "--strict", str(EXAMPLES / "2018-h1.toml"))
        assert 1 == checked.returncode
        count = checked.stderr.count(": warning: ")
        assert count > 0
        assert f"nas-press: error: {count} warnings, which --strict counts as errors" in (
            checked.stderr
        )
        rendered = run("render", "--strict", str(EXAMPLES / "2018-h1.toml"), "-o", str(tmp_path))
        assert 1 == rendered.returncode
        assert "nothing was written" in rendered.stderr
        assert [] == list(tmp_path.iterdir())

    def test_strict_passes_without_warnings(self) -> None:
        """--strict leaves a release without warnings valid."""
        assert 0 == run("check", "--strict", str(EXAMPLES / "2025-h1.toml")).returncode

    def test_quiet_prints_nothing_on_success(self, tmp_path: Path) -> None:
        """-q prints neither the valid line nor warnings nor the paths written."""
        for args in (
            ("check", "-q", str(EXAMPLES / "2018-h1.toml")),
            ("render", "-q", str(EXAMPLES / "2018-h1.toml"), "-o", str(tmp_path)),
        ):
            result = run(*args)
            assert 0 == result.returncode
            assert ("", "") == (result.stdout, result.stderr)
        assert 6 == len(list(tmp_path.iterdir()))

    def test_quiet_still_prints_errors(self, tmp_path: Path) -> None:
        """-q keeps every error."""
        result = run("check", "-q", str(tmp_path / "nope.toml"))
        assert 1 == result.returncode
        assert "nope.toml" in result.stderr


class TestSlowStep:
    def test_drawing_is_announced_when_not_cached(self, tmp_path: Path) -> None:
        """A line on standard error before charts are drawn (by matplotlib, of the test group),
        not when they are in the cache."""
        cache = tmp_path / "cache"
        cache.mkdir(mode=0o700)
        env = {**os.environ, "NAS_PRESS_CACHE_DIR": str(cache)}
        argv = [sys.executable, "-m", "nas_press", "check", str(EXAMPLES / "2025-h1.toml")]
        first = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
        assert 0 == first.returncode, first.stderr
        assert "nas-press: drawing 3 charts…\n" == first.stderr
        second = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
        assert "" == second.stderr


class TestHints:
    def test_key_of_another_table(self, tmp_path: Path) -> None:
        """lead = "…" written among the headline's texts names the table it belongs in."""
        text = (EXAMPLES / "2025-h1.toml").read_text("utf-8")
        start, end = text.index("[lead]"), text.index("[[body]]")
        path = tmp_path / "moved.toml"
        path.write_text(
            text[:start].replace("[headline]\n", '[headline]\nlead = "Ingressi."\n') + text[end:],
            "utf-8",
        )
        result = run("check", str(path))
        assert 1 == result.returncode
        line = text[:start].splitlines().index("[headline]") + 2
        assert (
            f"{path}:{line}: error: headline.lead: 'lead' is no language of [headline]: it is a "
            "table of its own, [lead]"
        ) in result.stderr
        assert "unknown language" not in result.stderr

    def test_release_key_among_texts(self, tmp_path: Path) -> None:
        """A key of [release] written among texts says it belongs in [release]."""
        text = (EXAMPLES / "2025-h1.toml").read_text("utf-8")
        path = tmp_path / "moved.toml"
        path.write_text(text.replace("[lead]\n", '[lead]\nquotation = "marks"\n'), "utf-8")
        result = run("check", str(path))
        assert "lead.quotation: 'quotation' is no language of [lead]: it belongs in [release]" in (
            result.stderr
        )

    @pytest.mark.parametrize(
        ("old", "new", "hint"),
        [
            ("persons = 1588", "persons = 1 588", "such as 1588"),
            ("published = 2025-07-10", "published = 10.7.2025", "such as 2025-07-10"),
        ],
    )
    def test_finnish_numbers_and_dates(self, old: str, new: str, hint: str, tmp_path: Path) -> None:
        """A number or date written the Finnish way says how to write it."""
        path = tmp_path / "finnish.toml"
        path.write_text((EXAMPLES / "2025-h1.toml").read_text("utf-8").replace(old, new), "utf-8")
        result = run("check", str(path))
        assert 1 == result.returncode
        assert hint in result.stderr
        assert "Traceback" not in result.stderr
