"""Benchmark nas_press against its baselines and print a table of medians.

Run from the repository root (or anywhere) with the project's interpreter::

    .venv/bin/python benchmarks/bench.py            # report; exit 0
    .venv/bin/python benchmarks/bench.py --check    # exit 1 if a target is missed

What is measured (medians over repeated runs, all in the same run as their
baselines; in-process figures are per call in a warm loop, see
:func:`time_warm`):

- ``import nas_press`` in a fresh process, against ``python -c "import attrs,
  babel.numbers"``; and whether it loads python-docx or Jinja (it must not);
  and, since every public name is imported on first use, the same followed
  by the model and the release-file reader, as a tool that reads releases
  has them;
- ``nas-press render examples/<stem>.toml --out DIR`` end to end (three
  languages, DOCX and text, files written) for both examples, against
  ``python -c "import docx, babel.numbers, jinja2, attrs"`` run by the same
  interpreter: from the checkout (the project's ``.venv``), and from a wheel
  built from the checkout and installed with its ``charts`` extra into a
  fresh virtual environment, the way users get it (``--no-wheel`` skips it);
- which modules ``nas-press render ... --format txt`` imports
  (``PYTHONPROFILEIMPORTTIME``): neither python-docx nor matplotlib;
- the first render of fi, sv and en in a fresh process of the installed
  wheel, templates from the compiled modules against compiled from sources;
- a warm render of ``examples/2025-h1.toml`` into fi, sv and en: as
  documents (``render``), as text (``render`` + ``to_text``) and as DOCX
  bytes (``render`` + ``docx_bytes``), against python-docx alone building
  and saving three documents with the same paragraphs and styles, and
  against the same text joined and encoded with plain Python;
- a live preview, warm: the release file read and checked
  (``nas_press.read_release``) and rendered into fi, sv and en as HTML and
  DOCX, against an absolute target of 50 ms; what ``nas-press preview`` does
  on each save (``nas_press.checks.gather``, all of ``nas-press check``:
  every format rendered, the figures compared between the languages, the
  DOCX and HTML files checked for accessibility), against the DOCX
  baseline; and, with the preview serving on a free port, the time from a
  save of the file to the new pages arriving on the page's event stream,
  against 500 ms (median; the slowest is shown), and to all of ``check``'s
  findings arriving after them;
- a batch of 40 generated releases (twenty years, 2006-2025, each with a
  first-half and a full-year release, as NAS publishes them) in three
  languages and both formats, against the same two baselines for the same
  120 documents.

Fresh processes run with Python's bytecode cache as a user's installation
has it (``PYTHONDONTWRITEBYTECODE`` is dropped from their environment), with
a cache folder of chart pictures of their own (``NAS_PRESS_CACHE_DIR``),
filled by a few warm-up runs. One extra row shows the command with an empty
cache folder, as the first run after an install or an upgrade has it: the
chart is drawn, matplotlib imported. Commands and their baselines are run
alternately, so that a slower moment of the machine hits both.

Timing decides nothing in the test suite; this script and its numbers do.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import gc
import io
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
import venv
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
LANGUAGES = ("fi", "sv", "en")
FIRST_YEAR, LAST_YEAR = 2006, 2025

IMPORT_BASELINE = "import attrs, babel.numbers"
MODEL_IMPORT = "import nas_press; nas_press.Release; nas_press.load_release"
"""What a tool that reads release files loads: every name is imported on first use."""
CLI_BASELINE = "import docx, babel.numbers, jinja2, attrs"


# --------------------------------------------------------------------------- timing


def _median_ms(samples: Sequence[float]) -> float:
    return statistics.median(samples) * 1000


def time_alternately(
    fns: dict[str, Callable[[], object]], runs: int, warmup: int
) -> dict[str, list[float]]:
    """Time each of ``fns`` ``runs`` times, taking turns, after ``warmup`` turns."""
    for _ in range(warmup):
        for fn in fns.values():
            fn()
    samples: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            samples[name].append(time.perf_counter() - start)
    return samples


_BLOCK = 0.02
"""Seconds of timed calls that a quick function gets per turn in :func:`time_warm`."""


def time_warm(
    fns: dict[str, Callable[[], object]], runs: int, warmup: int
) -> dict[str, list[float]]:
    """Time calls of each of ``fns`` in a warm loop, the functions taking turns.

    After ``warmup`` calls of each, every turn runs each function in a block:
    the garbage is collected first (so that no function pays for another's),
    then comes one untimed call (skipped for a function that takes over a
    second), which brings the function's code and data back into the
    processor's caches after the others ran, and then as many timed calls as
    make about 20 ms, at least one and at most ten. Each timed call is a
    sample, as with ``timeit`` or ``pyperf``; ``runs`` turns are taken.
    """
    estimate = {}
    for name, fn in fns.items():
        for _ in range(warmup):
            fn()
        start = time.perf_counter()
        fn()
        estimate[name] = time.perf_counter() - start
    samples: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            gc.collect()
            if estimate[name] < 1:
                fn()
            for _ in range(min(10, max(1, round(_BLOCK / estimate[name])))):
                start = time.perf_counter()
                fn()
                samples[name].append(time.perf_counter() - start)
    return samples


def _process_env(*, installed: bool = False) -> dict[str, str]:
    """This process's environment without ``PYTHONDONTWRITEBYTECODE``; for the installed
    wheel also without ``PYTHONPATH``, so that it imports the wheel, not a checkout named
    there."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if installed:
        env.pop("PYTHONPATH", None)
    return env


def run_process(argv: Sequence[str], env: dict[str, str] | None = None) -> None:
    """Run ``argv`` with output discarded; raise if it fails."""
    result = subprocess.run(
        argv,
        cwd=ROOT,
        env=env if env is not None else _process_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(argv)} exited {result.returncode}:\n"
            f"{result.stderr.decode(errors='replace')}"
        )


def nas_press_command() -> list[str]:
    """The ``nas-press`` script beside this interpreter, or ``python -m nas_press.cli``."""
    script = Path(sys.executable).with_name("nas-press")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "nas_press.cli"]


# --------------------------------------------------------------------------- releases


def to_toml(data: dict[str, Any]) -> str:
    """Write release data as TOML, with tomli-w."""
    import tomli_w

    return tomli_w.dumps(data)


def _scale(value: Any, factor: float) -> Any:
    """Scale every count in a statistics table, leaving years and percentages."""
    if isinstance(value, dict):
        return {k: (v if k in ("year", "percent") else _scale(v, factor)) for k, v in value.items()}
    if isinstance(value, list):
        return [_scale(v, factor) for v in value]
    if isinstance(value, bool) or not isinstance(value, int):
        return value
    return int(value * factor)  # rounding down keeps every part within its whole


def release_texts(template: Path = EXAMPLES / "2025-h1.toml") -> list[str]:
    """Return 40 release files: a first-half and a full-year release for each of 20 years.

    Each is ``template`` with its id, period, publication date, contact
    dates and every count changed (counts scaled by a seeded random factor,
    twice as large for a full year; the published change on the previous
    year drawn at random).
    """
    base = tomllib.loads(template.read_text("utf-8"))
    rng = random.Random(2025)
    texts = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for kind in ("first-half", "year"):
            data = copy.deepcopy(base)
            factor = rng.uniform(0.75, 1.35) * (1.0 if kind == "first-half" else 1.9)
            published = (
                datetime.date(year, 7, 10)
                if kind == "first-half"
                else datetime.date(year + 1, 2, 12)
            )
            data["release"]["id"] = f"{year}-{'h1' if kind == 'first-half' else 'year'}"
            data["release"]["published"] = published
            data["period"] = {"year": year, "kind": kind}
            stats = _scale(data["statistics"], factor)
            stats.pop("earlier", None)
            referrals = stats.get("referrals", {})
            if "change" in referrals:
                referrals["change"] = {"year": year - 1, "percent": rng.randint(-30, 40)}
                if year == FIRST_YEAR:  # the NAS has no statistics of the year before its first
                    del referrals["change"]
            register = stats.get("register", {})
            if {"persons", "victims", "children"} <= register.keys():
                register["persons"] = register["victims"] + register["children"]
            data["statistics"] = stats
            for contact in data.get("contacts", []):
                if "until" in contact:
                    contact["until"] = published + datetime.timedelta(days=21)
                if "from" in contact:
                    contact["from"] = published + datetime.timedelta(days=25)
            texts.append(to_toml(data))
    return texts


def generated_releases() -> list[Any]:
    """The 40 generated releases, parsed and validated by nas_press."""
    import nas_press

    return [
        nas_press.parse_release(text, source=f"<generated {i}>")
        for i, text in enumerate(release_texts())
    ]


# --------------------------------------------------------------------------- baselines

# The styles a python-docx user would pick from its default template for each
# block; the template has no 'Lead' or contact styles, so those are 'Normal'.
_BASELINE_STYLE = {
    "Lead": "Normal",
    "Paragraph": "Normal",
    "Heading": "Heading 1",
    "Quote": "Quote",
    "BulletList": "List Bullet",
}


def baseline_paragraphs(document: Any) -> list[tuple[str, str]]:
    """The (style, text) paragraphs of ``document`` as python-docx alone would write them."""
    from nas_press.document import BulletList, Chart, ContactBlock, Heading, plain

    dateline = document.dateline
    out = [] if dateline is None else [("Normal", "\n".join(dateline.lines()))]
    out.append(("Title", document.title))
    if dateline is not None and dateline.correction is not None:
        out.append(("Normal", plain(dateline.correction)))
    for block in document.blocks:
        kind = type(block).__name__
        if isinstance(block, Chart):
            out.append(("Normal", ""))  # the paragraph that holds the picture, without it
        elif isinstance(block, Heading):
            out.append(("Heading 1", block.text))
        elif isinstance(block, BulletList):
            out.extend(("List Bullet", plain(item)) for item in block.items)
        elif isinstance(block, ContactBlock):
            out.append(("Heading 1", block.heading))
            for group in block.groups:
                if group.label is not None:
                    out.append(("Normal", group.label))
                for contact in group.contacts:
                    out.append(("Normal", "\n".join(plain(line) for line in contact.lines())))
        else:
            out.append((_BASELINE_STYLE[kind], plain(block.content)))
    return out


def docx_baseline(documents: Sequence[list[tuple[str, str]]]) -> list[bytes]:
    """python-docx alone: a new document from its template per document, saved to memory."""
    import docx

    result = []
    for paragraphs in documents:
        package = docx.Document()
        for style, text in paragraphs:
            package.add_paragraph(text, style=style)
        buffer = io.BytesIO()
        package.save(buffer)
        result.append(buffer.getvalue())
    return result


def text_baseline(documents: Sequence[list[tuple[str, str]]]) -> list[bytes]:
    """Plain Python: the same paragraphs joined by blank lines and encoded."""
    return [
        ("\n\n".join(text for _, text in paragraphs) + "\n").encode("utf-8")
        for paragraphs in documents
    ]


# --------------------------------------------------------------------------- table


@dataclass
class Row:
    """One line of the result table."""

    name: str
    median_ms: float | None
    baseline_name: str = ""
    baseline_ms: float | None = None
    target: float | None = None
    note: str = ""
    passed: bool | None = None
    samples: list[float] = field(default_factory=list)
    limit_ms: float | None = None
    """An absolute target for the median, where there is no baseline to compare with."""

    @property
    def ratio(self) -> float | None:
        if self.median_ms is None or not self.baseline_ms:
            return None
        return self.median_ms / self.baseline_ms

    @property
    def met(self) -> bool | None:
        if self.passed is not None:
            return self.passed
        if self.limit_ms is not None and self.median_ms is not None:
            return self.median_ms <= self.limit_ms
        if self.target is None or self.ratio is None:
            return None
        return self.ratio <= self.target


def _ms(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.3f} ms" if value < 1 else f"{value:.1f} ms"


def format_table(rows: Sequence[Row]) -> str:
    """The rows as an aligned text table (also valid Markdown)."""
    header = ("measurement", "median", "baseline", "ratio", "target", "met")
    cells = []
    for row in rows:
        ratio = row.ratio
        cells.append(
            (
                row.name,
                _ms(row.median_ms) if row.median_ms is not None else row.note,
                f"{_ms(row.baseline_ms)} ({row.baseline_name})" if row.baseline_name else "-",
                "-" if ratio is None else (f"{ratio:.3f}" if ratio < 0.1 else f"{ratio:.2f}"),
                (
                    f"<= {row.target:.2f}"
                    if row.target is not None
                    else f"<= {row.limit_ms:.0f} ms"
                    if row.limit_ms is not None
                    else "not loaded"
                    if row.passed is not None
                    else "-"
                ),
                {True: "yes", False: "NO", None: "-"}[row.met],
            )
        )
    widths = [max(len(header[i]), *(len(c[i]) for c in cells)) for i in range(len(header))]
    right = {1, 3}

    def line(values: Sequence[str]) -> str:
        padded = (
            v.rjust(w) if i in right else v.ljust(w)
            for i, (v, w) in enumerate(zip(values, widths, strict=True))
        )
        return "| " + " | ".join(padded) + " |"

    separator = (
        "|"
        + "|".join(
            ("-" * (w + 1) + ":") if i in right else "-" * (w + 2) for i, w in enumerate(widths)
        )
        + "|"
    )
    return "\n".join([line(header), separator, *(line(c) for c in cells)])


def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for text_line in Path("/proc/cpuinfo").read_text().splitlines():
            if text_line.startswith("model name"):
                cpu = text_line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    names = ("nas_press", "Jinja2", "python-docx", "lxml", "babel", "attrs", "matplotlib")
    versions = ", ".join(f"{name} {version(name)}" for name in names)
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cpu": f"{cpu}, {usable} usable cores (os.cpu_count() {os.cpu_count()})",
        "system": f"{platform.platform()}",
        "python": f"{platform.python_implementation()} {platform.python_version()} "
        f"({sys.executable})",
        "packages": versions,
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
    }


# --------------------------------------------------------------------------- measurements


def imported_modules(argv: Sequence[str], env: dict[str, str]) -> set[str]:
    """The modules that running ``argv`` imports, read from Python's import-time report."""
    result = subprocess.run(
        argv,
        cwd=ROOT,
        env=dict(env, PYTHONPROFILEIMPORTTIME="1"),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=True,
    )
    names = set()
    for report in result.stderr.splitlines():
        if report.startswith("import time:") and report.count("|") == 2:
            name = report.rsplit("|", 1)[1].strip()
            if name != "imported package":
                names.add(name)
    return names


def top_level(modules: set[str]) -> set[str]:
    """The top-level packages of ``modules``."""
    return {name.split(".", 1)[0] for name in modules}


def build_wheel(scratch: Path) -> Path:
    """Build the wheel from a copy of the checkout's tracked files; return its path."""
    source = scratch / "source"
    tracked = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, tracked.split("\0")):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    dist = scratch / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(source)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("nas_press-*.whl")
    return wheel


def install_wheel(scratch: Path) -> Path:
    """Install the wheel with its charts extra into a fresh virtual environment; its python."""
    wheel = build_wheel(scratch)
    env = scratch / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", f"{wheel}[charts]"],
        env=_process_env(installed=True),
        check=True,
        capture_output=True,
    )
    return python


FIRST_RENDER = (
    "import nas_press{sources}\n"
    "release = nas_press.load_release('examples/2025-h1.toml')\n"
    "for lang in release.languages:\n"
    "    nas_press.to_text(nas_press.render(release, lang))\n"
)
FROM_SOURCES = "\nimport nas_press.realize.templates as t; t.COMPILED_PACKAGE = 'nas_press._none'"
"""Points the template loader at no compiled modules: every template compiled from source."""


def measure_imports(rows: list[Row], env: dict[str, str]) -> None:
    """Fresh-process rows: ``import nas_press`` against its baseline, and what it loads."""
    python = sys.executable
    loaded = top_level(imported_modules([python, "-c", "import nas_press"], env))
    found = sorted(loaded & {"docx", "jinja2", "lxml", "babel"})
    rows.append(
        Row(
            "import nas_press loads neither python-docx nor Jinja",
            None,
            note="loads " + (", ".join(found) or "neither"),
            passed=not ({"docx", "jinja2"} & loaded),
        )
    )
    samples = time_alternately(
        {
            "ours": lambda: run_process([python, "-c", "import nas_press"], env),
            "model": lambda: run_process([python, "-c", MODEL_IMPORT], env),
            "base": lambda: run_process([python, "-c", IMPORT_BASELINE], env),
        },
        RUNS.process,
        RUNS.warmup,
    )
    rows.append(
        Row(
            "import nas_press (fresh process)",
            _median_ms(samples["ours"]),
            f'python -c "{IMPORT_BASELINE}"',
            _median_ms(samples["base"]),
            1.3,
            samples=samples["ours"],
        )
    )
    rows.append(
        Row(
            "  the same, then the model and its checks (nas_press.Release, load_release)",
            _median_ms(samples["model"]),
            f'python -c "{IMPORT_BASELINE}"',
            _median_ms(samples["base"]),
            samples=samples["model"],
        )
    )


@dataclass
class Runs:
    """How many timed runs each kind of measurement gets."""

    process: int = 21
    warmup: int = 3


RUNS = Runs()


def measure_command(
    rows: list[Row],
    where: str,
    python: str,
    command: list[str],
    scratch: Path,
    *,
    installed: bool = False,
) -> None:
    """``nas-press render`` end to end, run by ``command``, against ``python``'s baseline."""
    env = dict(
        _process_env(installed=installed), NAS_PRESS_CACHE_DIR=str(scratch / f"cache-{where}")
    )
    out = scratch / "out"
    fns: dict[str, Callable[[], object]] = {
        stem: (
            lambda stem=stem: run_process(
                [*command, "render", f"examples/{stem}.toml", "--out", str(out)], env
            )
        )
        for stem in ("2025-h1", "2018-h1")
    }
    fns["base"] = lambda: run_process([python, "-c", CLI_BASELINE], env)
    samples = time_alternately(fns, RUNS.process, RUNS.warmup)
    for stem in ("2025-h1", "2018-h1"):
        rows.append(
            Row(
                f"nas-press render examples/{stem}.toml, {where} (fi, sv, en; docx, txt)",
                _median_ms(samples[stem]),
                f'python -c "{CLI_BASELINE}"',
                _median_ms(samples["base"]),
                2.0 if stem == "2025-h1" else None,
                samples=samples[stem],
            )
        )
    # The same command with an empty cache folder every time: what the first
    # run after an install or an upgrade costs (the chart is drawn).
    cold: list[float] = []
    for i in range(max(3, RUNS.process // 3)):
        cold_env = dict(env, NAS_PRESS_CACHE_DIR=str(scratch / f"cold-{where}-{i}"))
        start = time.perf_counter()
        run_process([*command, "render", "examples/2025-h1.toml", "--out", str(out)], cold_env)
        cold.append(time.perf_counter() - start)
    rows.append(
        Row(
            "  the same for 2025-h1, cache folder empty (draws the chart)",
            _median_ms(cold),
            f'python -c "{CLI_BASELINE}"',
            _median_ms(samples["base"]),
            samples=cold,
        )
    )
    loaded = top_level(
        imported_modules(
            [*command, "render", "examples/2025-h1.toml", "--out", str(out), "--format", "txt"],
            env,
        )
    )
    found = sorted(loaded & {"docx", "matplotlib"})
    rows.append(
        Row(
            f"  --format txt, {where}: imports neither python-docx nor matplotlib",
            None,
            note="imports " + (", ".join(found) or "neither"),
            passed=not found,
        )
    )


def measure_first_render(rows: list[Row], python: str, scratch: Path) -> None:
    """The first render of three languages in a fresh process: compiled templates or sources."""
    env = dict(_process_env(installed=True), NAS_PRESS_CACHE_DIR="")
    samples = time_alternately(
        {
            "compiled": lambda: run_process([python, "-c", FIRST_RENDER.format(sources="")], env),
            "sources": lambda: run_process(
                [python, "-c", FIRST_RENDER.format(sources=FROM_SOURCES)], env
            ),
        },
        RUNS.process,
        RUNS.warmup,
    )
    rows.append(
        Row(
            "first render fi+sv+en as text, fresh process, installed wheel, compiled templates",
            _median_ms(samples["compiled"]),
            "the same, templates compiled from sources",
            _median_ms(samples["sources"]),
            samples=samples["compiled"],
        )
    )


def measure_processes(rows: list[Row], wheel: bool) -> None:
    """Fresh-process rows: import, and the command line end to end from the checkout and wheel."""
    measure_imports(rows, _process_env())
    with tempfile.TemporaryDirectory(prefix="nas-press-bench-") as folder:
        scratch = Path(folder)
        measure_command(rows, "checkout", sys.executable, nas_press_command(), scratch)
        if wheel:
            python = install_wheel(scratch)
            command = [str(python.with_name("nas-press"))]
            measure_command(rows, "installed wheel", str(python), command, scratch, installed=True)
            measure_first_render(rows, str(python), scratch)


def measure_in_process(rows: list[Row], runs: int, warmup: int, batch_runs: int) -> None:
    """Warm rows: one release in three languages, and the batch of 40."""
    import nas_press

    release = nas_press.load_release(EXAMPLES / "2025-h1.toml")
    documents = [nas_press.render(release, lang) for lang in LANGUAGES]
    paragraphs = [baseline_paragraphs(d) for d in documents]

    def as_documents() -> object:
        return [nas_press.render(release, lang) for lang in LANGUAGES]

    def as_text() -> object:
        return [
            nas_press.to_text(nas_press.render(release, lang)).encode("utf-8") for lang in LANGUAGES
        ]

    def as_docx() -> object:
        return [nas_press.docx_bytes(nas_press.render(release, lang)) for lang in LANGUAGES]

    from nas_press.checks.gather import gather

    source = EXAMPLES / "2025-h1.toml"
    checked = gather(source)
    if checked.release is None or checked.failure or checked.everything:
        raise AssertionError(f"the example does not pass check: {checked}")

    def preview() -> object:
        previewed, problems = nas_press.read_release(source.read_bytes(), source=str(source))
        assert previewed is not None
        out = []
        for lang in LANGUAGES:
            document = nas_press.render(previewed, lang)
            out.append((nas_press.to_html(document), nas_press.docx_bytes(document)))
        return problems, out

    def preview_check() -> object:
        return gather(source)

    first = as_docx()
    if as_docx() != first:
        raise AssertionError("two renders of the same release gave different DOCX bytes")

    samples = time_warm(
        {
            "docx_base": lambda: docx_baseline(paragraphs),
            "text_base": lambda: text_baseline(paragraphs),
            "documents": as_documents,
            "text": as_text,
            "docx": as_docx,
            "preview": preview,
            "preview_check": preview_check,
        },
        runs,
        warmup,
    )
    docx_base = _median_ms(samples["docx_base"])
    text_base = _median_ms(samples["text_base"])
    docx_name = "python-docx, 3 documents"
    text_name = "plain Python text, 3 documents"
    rows.append(
        Row(
            "baseline: python-docx builds and saves 3 documents",
            docx_base,
            samples=samples["docx_base"],
        )
    )
    rows.append(
        Row("baseline: plain Python writes the 3 texts", text_base, samples=samples["text_base"])
    )
    rows.append(
        Row(
            "warm render 2025-h1, fi+sv+en, as documents",
            _median_ms(samples["documents"]),
            docx_name,
            docx_base,
            samples=samples["documents"],
        )
    )
    rows.append(
        Row(
            "warm render 2025-h1, fi+sv+en, as text",
            _median_ms(samples["text"]),
            docx_name,
            docx_base,
            0.05,
            samples=samples["text"],
        )
    )
    rows.append(
        Row(
            "  the same, against its text baseline",
            _median_ms(samples["text"]),
            text_name,
            text_base,
        )
    )
    rows.append(
        Row(
            "warm render 2025-h1, fi+sv+en, as DOCX bytes (at least 3x faster)",
            _median_ms(samples["docx"]),
            docx_name,
            docx_base,
            1 / 3,
            samples=samples["docx"],
        )
    )
    rows.append(
        Row(
            "live preview, warm: read_release 2025-h1, render fi+sv+en as HTML and DOCX",
            _median_ms(samples["preview"]),
            samples=samples["preview"],
            limit_ms=50.0,
        )
    )
    rows.append(
        Row(
            "  the preview's step on each save: all of check (every format rendered,"
            " figures compared, accessibility checked)",
            _median_ms(samples["preview_check"]),
            docx_name,
            docx_base,
            samples=samples["preview_check"],
        )
    )

    measure_preview_latency(rows, runs)

    releases = generated_releases()
    batch_docs = [nas_press.render(r, lang) for r in releases for lang in LANGUAGES]
    batch_paragraphs = [baseline_paragraphs(d) for d in batch_docs]

    def batch() -> object:
        out = []
        for r in releases:
            for lang in LANGUAGES:
                document = nas_press.render(r, lang)
                out.append(nas_press.to_text(document).encode("utf-8"))
                out.append(nas_press.docx_bytes(document))
        return out

    def batch_baseline() -> object:
        return docx_baseline(batch_paragraphs), text_baseline(batch_paragraphs)

    samples = time_warm({"ours": batch, "base": batch_baseline}, batch_runs, 1)
    rows.append(
        Row(
            f"batch: {len(releases)} generated releases x fi+sv+en x docx+txt",
            _median_ms(samples["ours"]),
            "python-docx + plain text, same 120 documents",
            _median_ms(samples["base"]),
            samples=samples["ours"],
        )
    )


def _next_state(events: Any) -> dict[str, Any]:
    """Read Server-Sent Events from ``events`` up to the next ``state``; return its data."""
    lines: list[bytes] = []
    while True:
        line = events.readline()
        if not line:
            raise RuntimeError("the preview's event stream ended")
        if line != b"\n":
            lines.append(line)
        elif lines and lines[0] == b"event: state\n":
            data: dict[str, Any] = json.loads(lines[1].removeprefix(b"data: "))
            return data
        else:
            lines = []


def measure_preview_latency(rows: list[Row], runs: int) -> None:
    """The live preview: from a save of the release file to its new state reaching the page.

    The preview serves a copy of the 2025 example on a free port in this
    process; the file is saved as an editor does (a new file renamed over
    the old one) with another English headline each time, at a random moment
    between two looks at the file, and the time runs until the event that
    brings the new pages arrives on the page's event stream (the wait for
    the next look at the file, reading, validating and rendering the HTML,
    the push), and until the one that brings all of ``check``'s findings.
    """
    import urllib.request

    from nas_press.preview import POLL_SECONDS, serving

    with tempfile.TemporaryDirectory(prefix="nas-press-bench-") as folder:
        path = Path(folder) / "2025-h1.toml"
        shutil.copy(EXAMPLES / "history.toml", path.with_name("history.toml"))
        text = (EXAMPLES / "2025-h1.toml").read_text("utf-8")
        marker = 'en = "Forced marriage'
        if marker not in text:
            raise AssertionError(f"{marker!r} not in the example's headline")
        path.write_text(text, "utf-8")
        shown, checked = [], []
        with serving(path) as running, urllib.request.urlopen(running.url + "events") as events:
            current = _next_state(events)
            for run in range(runs + 1):
                saving = path.with_name(".saving")
                saving.write_text(text.replace(marker, f'en = "Edit {run}: forced marriage'))
                time.sleep(random.uniform(0, POLL_SECONDS))
                start = time.perf_counter()
                os.replace(saving, path)
                new = _next_state(events)
                while new["pages"]["en"] == current["pages"]["en"]:
                    new = _next_state(events)
                pages = time.perf_counter() - start
                while new["checking"]:
                    new = _next_state(events)
                if run:  # the first includes the first render of a new headline's words
                    shown.append(pages)
                    checked.append(time.perf_counter() - start)
                current = new
    rows.append(
        Row(
            "live preview: file saved -> new pages pushed to the page (median)",
            _median_ms(shown),
            samples=shown,
            limit_ms=500.0,
        )
    )
    rows.append(Row("  the same, slowest of the runs", max(shown) * 1000))
    rows.append(
        Row(
            "  then all of check's findings pushed (median)",
            _median_ms(checked),
            samples=checked,
        )
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--runs",
        type=int,
        default=21,
        help="timed runs of each in-process measurement (default 21)",
    )
    parser.add_argument(
        "--process-runs",
        type=int,
        default=21,
        help="timed runs of each fresh-process measurement (default 21)",
    )
    parser.add_argument(
        "--batch-runs",
        type=int,
        default=5,
        help="timed runs of the batch of 40 releases (default 5)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="few runs, for trying the script out; the numbers are rough",
    )
    parser.add_argument(
        "--check", action="store_true", help="exit with status 1 if any target is missed"
    )
    parser.add_argument(
        "--no-wheel",
        action="store_true",
        help="skip building and installing the wheel (its rows are left out)",
    )
    parser.add_argument(
        "--json",
        metavar="FILE",
        type=Path,
        help="also write the results, with every sample, as JSON",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.process_runs, args.batch_runs = 5, 5, 2

    info = machine()
    for key, value in info.items():
        print(f"{key + ':':10} {value}")
    print(
        f"{'runs:':10} {args.process_runs} per fresh-process measurement, {args.runs} per "
        f"in-process measurement, {args.batch_runs} of the batch; medians"
    )
    if "PYTHONDONTWRITEBYTECODE" in os.environ:
        print(
            f"{'note:':10} PYTHONDONTWRITEBYTECODE is set here; the fresh processes run "
            "without it, as an installed package does"
        )
    print(flush=True)

    rows: list[Row] = []
    RUNS.process = args.process_runs
    measure_processes(rows, wheel=not args.no_wheel)
    measure_in_process(rows, args.runs, warmup=5, batch_runs=args.batch_runs)
    print(format_table(rows))

    missed = [row.name for row in rows if row.met is False]
    print()
    print("targets: all met" if not missed else f"targets missed: {'; '.join(missed)}")
    if args.json is not None:
        args.json.write_text(
            json.dumps(
                {
                    "machine": info,
                    "rows": [
                        {
                            "name": r.name,
                            "median_ms": r.median_ms,
                            "baseline": r.baseline_name,
                            "baseline_ms": r.baseline_ms,
                            "ratio": r.ratio,
                            "target": r.target,
                            "met": r.met,
                            "note": r.note,
                            "samples_ms": [s * 1000 for s in r.samples],
                        }
                        for r in rows
                    ],
                },
                indent=2,
            )
            + "\n",
            "utf-8",
        )
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
