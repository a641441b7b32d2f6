"""Hostile surroundings: standard output that cannot be written, a broken matplotlib, odd
years and addresses; a clear message and a sensible exit status, never a traceback."""

from __future__ import annotations

import datetime
import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import EXAMPLES, LANGS, to_toml
from tests.test_privacy import changed, clean

import nas_press
from nas_press.release.lint import MAX_EMAIL, email_problem
from nas_press.release.load import read_release

SRC = Path(__file__).resolve().parent.parent / "src"
EXAMPLE = str(EXAMPLES / "2025-h1.toml")


def command(
    *args: str, env: dict[str, str] | None = None, **kwargs: Any
) -> subprocess.CompletedProcess[bytes]:
    """Run ``nas-press`` in a fresh process with this checkout's code."""
    environment = {**os.environ, **(env or {})}
    first = (env or {}).get("PYTHONPATH")
    environment["PYTHONPATH"] = os.pathsep.join(p for p in (first, str(SRC)) if p)
    return subprocess.run(
        [sys.executable, "-c", "from nas_press.cli import run; run()", *args],
        check=False,
        env=environment,
        capture_output="stdout" not in kwargs,
        **kwargs,
    )


COMMANDS = {
    "check": ["check", EXAMPLE],
    "render": ["render", EXAMPLE, "--format", "txt", "--out", "{out}"],
    "render to stdout": ["render", EXAMPLE, "--out", "-", "--lang", "en", "--format", "txt"],
    "help": ["--help"],
    "render help": ["render", "--help"],
}


def argv(name: str, tmp_path: Path) -> list[str]:
    return [a.replace("{out}", str(tmp_path / "out")) for a in COMMANDS[name]]


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize("sink", ["/dev/full", "closed pipe", "closed"])
def test_standard_output_that_cannot_be_written(name: str, sink: str, tmp_path: Path) -> None:
    """``> /dev/full``, ``| head -c0`` and ``>&-``: one line saying so, exit status 1."""
    if sink == "/dev/full":
        if not Path("/dev/full").exists():
            pytest.skip("no /dev/full on this system")
        with open("/dev/full", "wb") as full:
            result = command(*argv(name, tmp_path), stdout=full, stderr=subprocess.PIPE)
    elif sink == "closed pipe":
        read, write = os.pipe()
        os.close(read)
        try:
            result = command(*argv(name, tmp_path), stdout=write, stderr=subprocess.PIPE)
        finally:
            os.close(write)
    else:
        code = "import os, sys, subprocess; os.close(1); sys.exit(subprocess.call(sys.argv[1:]))"
        environment = {**os.environ, "PYTHONPATH": str(SRC)}
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                code,
                sys.executable,
                "-c",
                "from nas_press.cli import run; run()",
                *argv(name, tmp_path),
            ],
            check=False,
            stderr=subprocess.PIPE,
            env=environment,
        )
    err = result.stderr.decode()
    assert "Traceback" not in err
    assert "Exception ignored" not in err
    assert result.returncode == 1, err
    assert err.count("nas-press: error: cannot write to standard output") == 1, err


def test_a_pipe_read_to_its_end_is_fine() -> None:
    result = command(*COMMANDS["check"])
    assert result.returncode == 0
    assert b"valid" in result.stdout


@pytest.fixture
def broken_matplotlib(tmp_path: Path) -> Path:
    """A folder holding a matplotlib that raises RuntimeError when imported."""
    package = tmp_path / "broken" / "matplotlib"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("raise RuntimeError('the installation is damaged')\n")
    (package / "_version.py").write_text("version = '0.0'\n")
    return package.parent


def test_broken_matplotlib(broken_matplotlib: Path, tmp_path: Path) -> None:
    """A matplotlib raising anything on import: the release renders without its chart, with a
    warning naming the error, exit status 0."""
    result = command(
        "render",
        EXAMPLE,
        "--out",
        str(tmp_path / "out"),
        "--format",
        "docx",
        env={"PYTHONPATH": str(broken_matplotlib), "NAS_PRESS_CACHE_DIR": ""},
    )
    err = result.stderr.decode()
    assert result.returncode == 0, err
    assert "Traceback" not in err
    assert (
        "matplotlib is installed but cannot be imported (RuntimeError: the installation is"
        " damaged)" in err
    )
    with zipfile.ZipFile(tmp_path / "out" / "2025-h1.en.docx") as docx:
        assert not [n for n in docx.namelist() if n.endswith(".png")]


@pytest.mark.skipif(
    importlib.util.find_spec("matplotlib") is None, reason="needs matplotlib (nas_press[charts])"
)
def test_mplbackend_naming_no_backend(tmp_path: Path) -> None:
    """``MPLBACKEND=nonexistent`` does not matter: the charts are drawn on the Agg canvas."""
    result = command(
        "render",
        EXAMPLE,
        "--out",
        str(tmp_path / "out"),
        "--format",
        "docx",
        env={"MPLBACKEND": "nonexistent", "NAS_PRESS_CACHE_DIR": ""},
    )
    err = result.stderr.decode()
    assert result.returncode == 0, err
    assert "Traceback" not in err
    assert "warning" not in err
    with zipfile.ZipFile(tmp_path / "out" / "2025-h1.en.docx") as docx:
        assert [n for n in docx.namelist() if n.endswith(".png")]


@pytest.mark.parametrize("year", [2099, 2100, 2500, 2999])
def test_years_the_loader_accepts_pass_check(year: int, tmp_path: Path) -> None:
    """A release of any year the loader accepts passes ``check``, figure check included."""
    data = changed(
        {
            "release.published": datetime.date(year, 7, 15),
            "period.year": year,
            "history": None,
            "body": [
                {"statement": name}
                for name in ("referrals", "new_clients_forms", "in_finland_profile", "register")
            ],
        }
    )
    data["contacts"][0]["until"] = datetime.date(year + 1, 7, 1)
    path = tmp_path / f"{year}.toml"
    path.write_text(to_toml(data), "utf-8")
    result = command("check", str(path))
    assert result.returncode == 0, result.stderr.decode()


@pytest.mark.parametrize("lang", LANGS)
def test_a_contact_valid_into_a_later_year_names_the_year(lang: str) -> None:
    """ "Until 1 July 2031:", not "Until 1 July:", when the window ends in another year."""
    data = clean()
    data["contacts"][0]["until"] = datetime.date(2031, 7, 1)
    release = nas_press.parse_release(to_toml(data), source="until.toml")
    text = nas_press.to_text(nas_press.render(release, lang))
    heading = {
        "fi": "1. heinäkuuta 2031 asti:",
        "sv": "Till och med den 1 juli 2031:",
        "en": "Until 1 July 2031:",
    }[lang]
    (line,) = [line for line in text.splitlines() if line.endswith(":") and "2031" in line]
    assert heading in line


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("a" * 990_000 + "@migri.fi", "an e-mail address of 990009 characters"),
        ("a" * 64 + "@" + ".".join(["b" * 63] * 3) + ".fi", "an e-mail address of 259 characters"),
        ("a" * 65 + "@migri.fi", "65 characters before the @, at most 64"),
        ("a@" + "b" * 64 + ".fi", "is not a host name"),
        ("a@-migri.fi", "is not a host name"),
        ("press-desk@", "not an e-mail address"),
        ("no address", "not an e-mail address"),
    ],
    ids=["990-kB", "259", "local-65", "label-64", "hyphen", "no-domain", "text"],
)
def test_email_refused(address: str, message: str) -> None:
    assert message in (email_problem(address) or "")
    data = clean()
    data["contacts"][0]["email"] = address
    _, problems = read_release(to_toml(data), "email.toml")
    (problem,) = [p for p in problems if p.path == "contacts[0].email"]
    assert problem.severity == "error"
    assert message in problem.message
    assert len(problem.describe()) < 400  # the value is cut, not printed whole


def test_email_at_the_limit_accepted() -> None:
    """254 characters, 64 before the @ and labels of 63, is an address."""
    address = "a" * 64 + "@" + ".".join(["b" * 63, "c" * 63, "d" * 58]) + ".fi"
    assert len(address) == MAX_EMAIL
    assert email_problem(address) is None


CONTROL = "\x1b[31m\x07\r"


@pytest.mark.parametrize(
    "where", ["output folder", "reference document", "missing release", "valid release"]
)
def test_control_characters_in_names_are_escaped(where: str, tmp_path: Path) -> None:
    """A file or folder name holding ESC, BEL and CR reaches the terminal as escapes, in the
    paths ``render`` lists, its errors and the summary lines of ``check``."""
    example = Path(EXAMPLE)
    if where == "output folder":
        args = ["render", EXAMPLE, "--format", "txt", "--out", str(tmp_path / f"o{CONTROL}")]
    elif where == "reference document":
        args = ["render", EXAMPLE, "--out", str(tmp_path), "--reference-doc", f"r{CONTROL}.docx"]
    elif where == "missing release":
        args = ["check", str(tmp_path / f"r{CONTROL}.toml")]
    else:
        folder = tmp_path / f"d{CONTROL}"
        folder.mkdir()
        for name in (example.name, "history.toml"):
            (folder / name).write_bytes((example.parent / name).read_bytes())
        args = ["check", str(folder / example.name)]
    result = command(*args)
    shown = result.stdout.decode() + result.stderr.decode()
    assert "\\x1b[31m\\x07\\r" in shown
    assert not any(c in shown for c in "\x1b\x07\r")


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        ("[info@migri.fi](mailto:evil@example.com)", True),
        ("[https://migri.fi](https://evil.example/x)", True),
        ("[www.migri.fi](https://migri.fi.evil.example)", True),
        ("[migri.fi](https://evil.example)", True),
        ("[info@migri.fi](mailto:info@migri.fi)", False),
        ("[www.migri.fi](https://migri.fi/en/)", False),
        ("[the NAS pages](https://www.ihmiskauppa.fi)", False),
    ],
)
def test_link_showing_another_address(text: str, warned: bool) -> None:
    """A link whose text is an address other than its target is a warning naming both."""
    data = clean()
    data["body"] = [{"paragraph": {lang: f"Lue {text} nyt." for lang in LANGS}}]
    data["body"][0]["paragraph"]["sv"] = f"Läs {text} nu."
    data["body"][0]["paragraph"]["en"] = f"Read {text} now."
    _, problems = read_release(to_toml(data), "link.toml")
    found = [p for p in problems if "the link shows the address" in p.message]
    assert len(found) == (3 if warned else 0), found
    assert all(p.severity == "warning" for p in found)


@pytest.mark.parametrize("kind", ["device", "fifo", "folder", "deep", "large"])
def test_history_file_bounded_like_a_release(kind: str, tmp_path: Path) -> None:
    """``history = "…"`` naming a device, a named pipe, a folder, a file nested too deep or
    too large: one error naming the history file, read within the same bounds, no hang."""
    if kind == "device":
        target = "/dev/zero"
    elif kind == "fifo":
        target = str(tmp_path / "history.fifo")
        os.mkfifo(target)
    elif kind == "folder":
        target = str(tmp_path)
    else:
        path = tmp_path / "deep.toml"
        if kind == "deep":
            path.write_text("[2017]\n" + ".".join(["k"] * 20_000) + " = 1\n")
        else:
            path.write_bytes(b"# " + b"x" * 2_000_000 + b"\n")
        target = str(path)
    text = (
        Path(EXAMPLE)
        .read_text("utf-8")
        .replace("[release]\n", f'[release]\nhistory = "{target}"\n', 1)
    )
    release = tmp_path / "release.toml"
    release.write_text(text, "utf-8")
    result = command("check", str(release), timeout=60)
    err = result.stderr.decode()
    assert result.returncode == 1, err
    assert "Traceback" not in err
    assert err.startswith(target), err
    if kind in ("device", "fifo", "folder"):
        assert "expected a statistics history file" in err


def test_absorb_escapes_the_release_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``absorb`` names the release file with escapes too."""
    from nas_press.cli import main

    folder = tmp_path / f"d{CONTROL}"
    folder.mkdir()
    example = Path(EXAMPLE)
    for name in (example.name, "history.toml"):
        (folder / name).write_bytes((example.parent / name).read_bytes())
    release = folder / example.name
    assert (
        main(["render", str(release), "--out", str(folder), "--lang", "fi", "--format", "docx"])
        == 0
    )
    capsys.readouterr()
    assert main(["absorb", str(release), str(folder / "2025-h1.fi.docx")]) == 0
    out = capsys.readouterr().out
    assert "\\x1b[31m\\x07\\r" in out
    assert not any(c in out for c in "\x1b\x07\r")
