"""The benchmark script (benchmarks/bench.py), and the DOCX-part and phone-verdict caches.

No test here measures time: the benchmark script and its numbers do that.
These tests check that the script's generated releases, baselines and import
probe are what it says they are, and that the DOCX-part and phone-verdict
caches kept on disk never change what is rendered. The compiled templates
and the chart pictures are tested beside their modules (test_templates.py,
test_chart_cache.py).
"""

from __future__ import annotations

import datetime
import importlib.util
import io
import os
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import strategies as st
from tests.conftest import LANGS

import nas_press
from nas_press._resources import CACHE_ENV
from nas_press.document import (
    BulletList,
    ContactBlock,
    ContactGroup,
    Document,
    Heading,
    Lead,
    Link,
    Paragraph,
    Quote,
)
from nas_press.realize import templates as _realize
from nas_press.writers import docx as _docx

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
    _docx._template.cache_clear()
    _docx._language_parts.cache_clear()
    _docx._fingerprint.cache_clear()


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


class TestImportProbe:
    def test_text_render_imports_neither_docx_nor_matplotlib(self, tmp_path: Path) -> None:
        """`nas-press render --format txt` loads neither python-docx nor matplotlib; the probe
        sees both in a render with DOCX and an empty cache folder, so it can tell."""
        env = {**os.environ, CACHE_ENV: str(tmp_path / "cache")}
        render = [
            *bench.nas_press_command(),
            "render",
            str(ROOT / "examples" / "2025-h1.toml"),
            "--out",
            str(tmp_path / "out"),
        ]

        text = bench.top_level(bench.imported_modules([*render, "--format", "txt"], env))
        everything = bench.top_level(bench.imported_modules(render, env))
        assert {"nas_press", "jinja2"} <= text
        assert set() == {"docx", "matplotlib"} & text
        assert {"docx", "matplotlib"} <= everything


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


class TestDocxCache:
    def test_cached_template_gives_the_same_bytes(self, cache: Path) -> None:
        """DOCX bytes from the template kept on disk equal those from a template made anew."""
        documents = [nas_press.render(example(), lang) for lang in LANGS]
        fresh = [nas_press.docx_bytes(d) for d in documents]
        assert any(p.parent.name.startswith("docx-") for p in files(cache))
        _clear_memory()

        assert fresh == [nas_press.docx_bytes(d) for d in documents]

    def test_no_cache_gives_the_same_bytes(
        self, cache: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With the cache turned off, the bytes are the same too."""
        documents = [nas_press.render(example(), lang) for lang in LANGS]
        cached = [nas_press.docx_bytes(d) for d in documents]
        monkeypatch.setenv(CACHE_ENV, "")
        _clear_memory()

        assert cached == [nas_press.docx_bytes(d) for d in documents]

    def test_damaged_cache_is_made_anew(self, cache: Path) -> None:
        """A damaged template file is ignored and replaced."""
        document = nas_press.render(example(), "sv")
        fresh = nas_press.docx_bytes(document)
        for path in files(cache):
            if path.parent.name.startswith("docx-"):
                path.write_bytes(path.read_bytes()[:100])
        _clear_memory()

        assert fresh == nas_press.docx_bytes(document)

    def test_warm_process_imports_neither_python_docx_nor_lxml(self, cache: Path) -> None:
        """A process that finds the template on disk writes a DOCX without python-docx."""
        nas_press.docx_bytes(nas_press.render(example(), "fi"))
        script = (
            "import sys, nas_press\n"
            "release = nas_press.load_release(sys.argv[1])\n"
            "data = nas_press.docx_bytes(nas_press.render(release, 'fi'))\n"
            "print(len(data), 'docx' in sys.modules, 'lxml' in sys.modules)\n"
        )
        env = {**os.environ, "PYTHONPATH": str(SRC), CACHE_ENV: str(cache)}
        result = subprocess.run(
            [sys.executable, "-c", script, str(ROOT / "examples" / "2025-h1.toml")],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        size, imported_docx, imported_lxml = result.stdout.split()

        assert int(size) > 0
        assert ("False", "False") == (imported_docx, imported_lxml)


# --------------------------------------------------------------------------- the XML writer

# Characters that lxml escapes or that the writer treats specially, and some others.
_PIECES = [
    "a",
    "B",
    " ",
    "  ",
    "&",
    "<",
    ">",
    '"',
    "'",
    "\r",
    "\n",
    "\t",
    "\r\n",
    "\xa0",
    "ä",
    "€",
    "\U0001d11e",
    "]]>",
    "&amp;",
    "\u2060",
    "\x85",
    "\u2028",
    "\x7f",
]
texts = st.lists(st.sampled_from(_PIECES), max_size=6).map("".join)
urls = st.one_of(
    st.sampled_from(["https://a.fi/?x=1&y=2", "mailto:a@b.fi", 'https://q.fi/"<>']),
    texts.map(lambda t: "https://x.fi/" + t),
)
inlines = st.lists(st.one_of(texts, st.builds(Link, texts, urls)), max_size=4).map(tuple)
contact_groups = st.builds(
    ContactGroup,
    st.one_of(st.none(), texts),
    st.lists(st.lists(inlines, max_size=4).map(tuple), max_size=2).map(tuple),
)
blocks = st.one_of(
    st.builds(Lead, inlines),
    st.builds(Heading, texts),
    st.builds(Paragraph, inlines),
    st.builds(Quote, inlines),
    st.builds(BulletList, st.lists(inlines, max_size=3).map(tuple)),
    st.builds(ContactBlock, texts, st.lists(contact_groups, max_size=2).map(tuple)),
)
documents = st.builds(
    Document,
    lang=st.just("fi"),
    language=st.sampled_from(["fi-FI", "sv-FI", "en-GB", "x&<y"]),
    title=texts,
    published=st.dates(min_value=datetime.date(1, 1, 1)),
    blocks=st.lists(blocks, max_size=8).map(tuple),
)


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
