"""The benchmark script (benchmarks/bench.py), and that the DOCX writer keeps nothing on disk.

No test here measures time: the benchmark script and its numbers do that.
These tests check that the script's generated releases, baselines and import
probe are what it says they are, and that the DOCX writer neither reads nor
writes the user's cache folder. The compiled templates
and the chart pictures are tested beside their modules (test_templates.py,
test_chart_cache.py).
"""

from __future__ import annotations

import ast
import importlib.util
import io
import os
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import attrs
import pytest
from tests.conftest import LANGS

import nas_press
from nas_press.document import Chart
from nas_press.realize import templates as _realize
from nas_press.writers import docx as _docx
from nas_press.writers.chart_cache import CACHE_ENV

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"


def _load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench"] = module
    spec.loader.exec_module(module)
    return module


bench = _load_bench()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private, empty cache folder, and no template or DOCX part kept in memory."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    _clear_memory()
    yield folder
    _clear_memory()


def _clear_memory() -> None:
    _realize.environment.cache_clear()
    _docx._own.cache_clear()
    _docx._on_reference.cache_clear()
    _docx._prepared.cache_clear()


def example() -> nas_press.Release:
    return nas_press.load_release(ROOT / "examples" / "2025-h1.toml")


def rendered(release: nas_press.Release) -> list[tuple[str, bytes]]:
    """Every language of ``release`` as text and as DOCX."""
    out = []
    for lang in release.languages:
        document = nas_press.render(release, lang)
        out.append((nas_press.to_text(document), nas_press.docx_bytes(document)))
    return out


def files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


class TestGeneratedReleases:
    def test_twenty_years_of_half_year_releases(self) -> None:
        """40 valid releases: a first-half and a full-year release for each of 2006-2025."""
        releases = bench.generated_releases()

        expected = [(year, kind) for year in range(2006, 2026) for kind in ("first-half", "year")]
        assert expected == [(r.period.year, r.period.kind.value) for r in releases]
        assert len({r.id for r in releases}) == 40

    def test_every_generated_release_renders(self) -> None:
        """Each generated release renders in the three languages without a problem."""
        for text in bench.release_texts():
            release, problems = nas_press.read_release(text)
            assert release is not None
            assert [] == [p for p in problems if p.severity == "error"]
            for lang in LANGS:
                assert nas_press.to_text(nas_press.render(release, lang))

    def test_toml_round_trip(self) -> None:
        """The script's TOML writer writes the example so that it reads back the same."""
        data = tomllib.loads((ROOT / "examples" / "2025-h1.toml").read_text("utf-8"))

        assert data == tomllib.loads(bench.to_toml(data))


def render_probe(tmp_path: Path) -> tuple[list[str], dict[str, str]]:
    """`nas-press render examples/2025-h1.toml` into ``tmp_path``, with a chart cache of its
    own there: the command and its environment."""
    env = {**os.environ, CACHE_ENV: str(tmp_path / "cache")}
    render = [
        *bench.nas_press_command(),
        "render",
        str(ROOT / "examples" / "2025-h1.toml"),
        "--out",
        str(tmp_path / "out"),
    ]
    return render, env


class TestImportProbe:
    def test_text_render_imports_neither_docx_nor_matplotlib(self, tmp_path: Path) -> None:
        """`nas-press render --format txt` loads neither python-docx nor matplotlib; the probe
        sees both in a render with DOCX and an empty cache folder, so it can tell."""
        render, env = render_probe(tmp_path)

        text = bench.top_level(bench.imported_modules([*render, "--format", "txt"], env))
        everything = bench.top_level(bench.imported_modules(render, env))
        assert {"nas_press", "jinja2"} <= text
        assert set() == {"docx", "matplotlib"} & text
        assert {"docx", "matplotlib"} <= everything

    def test_render_reads_no_package_metadata(self, tmp_path: Path) -> None:
        """`nas-press render` imports no importlib.metadata (and so no email package): the
        version that --version prints is looked up only when asked for."""
        render, env = render_probe(tmp_path)

        modules = bench.imported_modules([*render, "--format", "txt"], env)
        assert {"nas_press.cli"} <= modules
        assert set() == {"importlib.metadata", "email"} & modules


class TestEnvironment:
    def test_installed_wheel_sees_no_pythonpath(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The installed wheel's processes run without PYTHONPATH, which could name a
        checkout's sources; the checkout's keep it. Neither has PYTHONDONTWRITEBYTECODE."""
        monkeypatch.setenv("PYTHONPATH", str(SRC))
        monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")

        checkout, installed = bench._process_env(), bench._process_env(installed=True)
        assert (str(SRC), None) == (checkout.get("PYTHONPATH"), installed.get("PYTHONPATH"))
        assert {"PYTHONDONTWRITEBYTECODE"}.isdisjoint({*checkout, *installed})


class TestBaselines:
    def test_baseline_has_the_same_paragraphs(self) -> None:
        """The python-docx baseline writes as many paragraphs, in template styles, as we do."""
        import docx

        document = nas_press.render(example(), "fi")
        paragraphs = bench.baseline_paragraphs(document)
        (data,) = bench.docx_baseline([paragraphs])
        ours = docx.Document(io.BytesIO(nas_press.docx_bytes(document)))
        theirs = docx.Document(io.BytesIO(data))

        assert [p.text for p in ours.paragraphs] == [p.text for p in theirs.paragraphs]
        assert document.dateline is not None
        top = ("Normal", "\n".join(document.dateline.lines()))
        assert [top, ("Title", document.title)] == paragraphs[:2]

    def test_text_baseline_is_the_same_text(self) -> None:
        """The plain-Python text baseline writes the same paragraphs as to_text, as bytes."""
        document = nas_press.render(example(), "en")
        (text,) = bench.text_baseline([bench.baseline_paragraphs(document)])

        assert nas_press.to_text(document).replace("\n", "").encode() == text.replace(b"\n", b"")


class TestTable:
    def test_ratio_and_target(self) -> None:
        """A row meets its target when the ratio of medians is at most the target."""
        met = bench.Row("a", 10.0, "base", 20.0, 0.5)
        missed = bench.Row("b", 11.0, "base", 20.0, 0.5)
        informative = bench.Row("c", 30.0, "base", 20.0)

        assert (0.5, True) == (met.ratio, met.met)
        assert missed.met is False
        assert informative.met is None

    def test_table_lines_up(self) -> None:
        """Every line of the table is as long as the header."""
        table = bench.format_table(
            [
                bench.Row("a", 10.0, "base", 20.0, 0.5),
                bench.Row("import check", None, note="loads neither", passed=True),
            ]
        )
        lengths = {len(line) for line in table.splitlines()}

        assert len(lengths) == 1
        assert "| yes |" in table


class TestNoDocxCache:
    def test_docx_writes_nothing_into_the_cache_folder(self, cache: Path) -> None:
        """A DOCX render of a release without charts keeps nothing on disk."""
        document = nas_press.render(example(), "fi")
        document = attrs.evolve(
            document, blocks=tuple(b for b in document.blocks if not isinstance(b, Chart))
        )
        nas_press.docx_bytes(document)

        assert [] == files(cache)

    def test_planted_files_are_never_read(self, cache: Path) -> None:
        """Files planted where a DOCX cache was once kept (marshal data that would run or
        crash when unmarshalled) change nothing: the bytes are those of a fresh process."""
        documents = [nas_press.render(example(), lang) for lang in LANGS]
        fresh = [nas_press.docx_bytes(d) for d in documents]
        planted = cache / f"docx-{sys.implementation.cache_tag}"
        planted.mkdir(parents=True)
        for name in ("template", *(f"language-{i}" for i in range(4))):
            (planted / name).write_bytes(b"nas_press docx template 1\n" + bytes(range(256)))
        _clear_memory()

        assert fresh == [nas_press.docx_bytes(d) for d in documents]

    @pytest.mark.parametrize("module", ["docx.py", "reference.py"])
    def test_writer_modules_unmarshal_nothing(self, module: str) -> None:
        """The DOCX writer and its reference module import neither marshal, pickle nor the
        cache folder's helpers."""
        tree = ast.parse((SRC / "nas_press" / "writers" / module).read_text("utf-8"))
        imported = {
            alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        } | {
            (node.module or "").split(".")[-1]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
        }

        assert set() == imported & {"marshal", "pickle", "shelve", "chart_cache", "_resources"}


def _load_profile() -> ModuleType:
    spec = importlib.util.spec_from_file_location("profile_", ROOT / "benchmarks" / "profile.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestProfileScript:
    def test_warm_profile_names_the_renderer(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The warm text profile shows the call tree down to the Jinja template render."""
        assert 0 == _load_profile().main(["--only", "text", "--repeat", "3"])
        out = capsys.readouterr().out
        assert "warm render of examples/2025-h1.toml, fi+sv+en, as text" in out
        assert "render_document" in out

    def test_command_profile_runs_the_command(self) -> None:
        """The command profile renders the example in a fresh process and profiles its imports."""
        out = _load_profile().profile_command(0.001)
        assert "main  nas_press/cli.py" in out
        assert "2025-h1.en.docx" in out
