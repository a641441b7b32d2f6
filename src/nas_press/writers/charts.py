"""Charts as pictures: a :class:`~nas_press.document.Chart` drawn as PNG, for DOCX and HTML.

The picture is drawn by matplotlib, an optional dependency
(``pip install 'nas_press[charts]'``), imported only when a chart is drawn.
Without it, :func:`picture` warns with
:class:`~nas_press.exceptions.ChartsUnavailableWarning` and returns
``None``: the release is written without its charts.

The same chart always gives the same bytes: matplotlib's own defaults
(whatever the user's ``matplotlibrc`` says), the DejaVu Sans font that comes
with matplotlib (named by its file, never looked up among the system's
fonts), a fixed size and resolution, tick positions chosen by the chart, and
no ``Software`` or date in the PNG's metadata. Pictures are kept in memory and
in the cache folder (:mod:`nas_press.writers.chart_cache`), under a digest
of what is drawn, this module's source and the versions of matplotlib,
Pillow and NumPy, so that a later process draws nothing it has drawn before
and need not import matplotlib at all.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import sys
import textwrap
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Final

from nas_press.exceptions import ChartsUnavailableWarning
from nas_press.writers import chart_cache

if TYPE_CHECKING:
    from nas_press.document import Chart

__all__ = ["charts_available", "picture", "size"]

DPI: Final = 150
"""Pixels per inch of the picture: sharp in print at the size it is shown."""
WIDTH: Final = 6.0
"""Width of the picture in inches: within the text width of an A4 or Letter page."""
CSS_DPI: Final = 96
"""CSS pixels per inch, the unit of :func:`size`."""

BLUE: Final = "#1F4E79"
ORANGE: Final = "#B35C00"
COLOURS: Final = (BLUE, ORANGE)
"""Bar colours, by series: each has a contrast of at least 4.5:1 on white (WCAG 1.4.11
asks 3:1) and they differ in lightness as well as hue, for readers who do not tell hues apart."""
INK: Final = "#1A1A1A"

_TITLE_WIDTH: Final = 56
"""Characters of the title on one line of the picture; longer titles are wrapped."""
_LABEL_WIDTH: Final = 24
"""Characters of a category label on one line."""


def charts_available() -> bool:
    """Whether matplotlib can be imported, found without importing it."""
    import importlib.util

    try:
        return importlib.util.find_spec("matplotlib") is not None
    except (ImportError, ValueError):
        return False


def height(chart: Chart) -> float:
    """The picture's height in inches."""
    if chart.horizontal:
        return 1.6 + 0.5 * len(chart.categories) + (0.25 if chart.note else 0.0)
    return 3.6 + (0.25 if chart.note else 0.0)


def size(chart: Chart) -> tuple[int, int]:
    """The size the picture is shown at, in CSS pixels (1/96 inch): width, height.

    The picture itself has more pixels, for print (:data:`DPI`).
    """
    return round(WIDTH * CSS_DPI), round(height(chart) * CSS_DPI)


def picture(chart: Chart) -> bytes | None:
    """Return ``chart`` as PNG bytes, or ``None`` (with a warning) without matplotlib.

    Warns with :class:`~nas_press.exceptions.ChartsUnavailableWarning` when
    matplotlib is not installed, or is installed but cannot be imported.
    """
    if not charts_available():
        warnings.warn(ChartsUnavailableWarning(), stacklevel=2)
        return None
    try:
        return _picture(chart)
    except ImportError:  # found, but broken
        warnings.warn(ChartsUnavailableWarning(), stacklevel=2)
        return None


def uncached(drawings: Iterable[Chart]) -> int:
    """How many of ``drawings`` (counted once each) would be drawn, not taken from memory or
    the cache folder; 0 without matplotlib, which draws none."""
    if not charts_available():
        return 0
    fingerprint = _fingerprint()
    count = 0
    for drawing in dict.fromkeys(drawings):
        if drawing in _held:
            continue
        key = None if fingerprint is None else _key(fingerprint, drawing)
        if key is None or chart_cache.load(key) is None:
            count += 1
    return count


# --------------------------------------------------------------------------- the picture


_announce: list[Callable[[], None]] = []
"""Told once, before the first picture is drawn, while :func:`announcing` holds it."""


@contextlib.contextmanager
def announcing(announce: Callable[[], None] | None) -> Iterator[None]:
    """Call ``announce`` before the first picture is drawn (not taken from a cache) within."""
    _announce[:] = [] if announce is None else [announce]
    try:
        yield
    finally:
        _announce.clear()


_held: set[Chart] = set()
"""The drawings whose pictures this process holds (:func:`_picture` keeps them)."""


def _key(fingerprint: bytes, drawing: Chart) -> bytes:
    return _frame(fingerprint, repr(drawing).encode("utf-8", "surrogatepass"))


@functools.lru_cache(maxsize=64)
def _picture(drawing: Chart) -> bytes:
    """Return ``drawing`` as PNG bytes, from the cache of pictures if it holds them.

    Raises ``ImportError`` if matplotlib cannot be imported.
    """
    fingerprint = _fingerprint()
    key = None if fingerprint is None else _key(fingerprint, drawing)
    if key is not None:
        png = chart_cache.load(key)
        if png is not None:
            _held.add(drawing)
            return png
    if _announce:
        _announce.pop()()
    png = _draw(drawing)
    if key is not None:
        chart_cache.store(key, png)
    _held.add(drawing)
    return png


_CACHE_FORMAT: Final = "nas_press chart 2"


def _frame(*pieces: bytes) -> bytes:
    """Join ``pieces``, each after its length, so that no two lists of pieces join the same."""
    return b"".join(len(piece).to_bytes(8, "big") + piece for piece in pieces)


@functools.cache
def _fingerprint() -> bytes | None:
    """A digest of what the pixels depend on besides the drawing, or ``None`` (no disk cache).

    That is this module's source, Python's version, and the version files of
    matplotlib (which brings its font and FreeType), Pillow (which writes and
    compresses the PNG) and NumPy, found without importing them.
    """
    import importlib.util
    from pathlib import Path

    pieces = [_CACHE_FORMAT.encode(), sys.version.encode()]
    try:
        pieces.append(Path(__file__).read_bytes())
        for package, version_file in (
            ("matplotlib", "_version.py"),
            ("PIL", "_version.py"),
            ("numpy", "version.py"),
        ):
            spec = importlib.util.find_spec(package)
            locations = [] if spec is None else list(spec.submodule_search_locations or ())
            if len(locations) != 1:
                return None
            pieces.append((Path(locations[0]) / version_file).read_bytes())
    except (OSError, ImportError, ValueError):
        return None
    return hashlib.sha256(_frame(*pieces)).digest()


def _draw(drawing: Chart) -> bytes:
    """Draw ``drawing`` with matplotlib (imported here) and return the PNG's bytes."""
    import io
    from pathlib import Path

    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    regular = FontProperties(fname=fonts / "DejaVuSans.ttf", size=9)
    small = FontProperties(fname=fonts / "DejaVuSans.ttf", size=8)
    bold = FontProperties(fname=fonts / "DejaVuSans-Bold.ttf", size=11)
    with matplotlib.rc_context():
        matplotlib.rcdefaults()  # not the user's matplotlibrc: the same picture everywhere
        matplotlib.rcParams.update(
            {
                "text.parse_math": False,  # "$" and "%" are text
                "text.color": INK,
                "axes.edgecolor": INK,
                "xtick.color": INK,
                "ytick.color": INK,
            }
        )
        figure = Figure(figsize=(WIDTH, height(drawing)), dpi=DPI, layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        _bars(axes, drawing, regular)
        figure.suptitle(
            textwrap.fill(drawing.title, _TITLE_WIDTH), x=0.01, ha="left", fontproperties=bold
        )
        if drawing.subtitle:
            axes.set_title(drawing.subtitle, loc="left", fontproperties=regular)
        if drawing.note:
            figure.supxlabel(drawing.note, x=0.01, ha="left", fontproperties=small)
        buffer = io.BytesIO()
        figure.savefig(
            buffer, format="png", dpi=DPI, facecolor="white", metadata={"Software": None}
        )
    return buffer.getvalue()


def _bars(axes: object, drawing: Chart, font: object) -> None:
    """Draw the bars, their labels, the axes and the legend of ``drawing`` on ``axes``."""
    from matplotlib.axes import Axes
    from matplotlib.font_manager import FontProperties

    assert isinstance(axes, Axes)
    assert isinstance(font, FontProperties)
    positions = list(range(len(drawing.categories)))
    labels = [textwrap.fill(c, _LABEL_WIDTH) for c in drawing.categories]
    count = len(drawing.series)
    thickness = 0.6 / count if count else 0.6
    for number, series in enumerate(drawing.series):
        offset = (number - (count - 1) / 2) * thickness
        values = [0 if v is None else v for v in series.values]
        where = [p + offset for p in positions]
        if drawing.horizontal:
            bars = axes.barh(
                where, values, height=thickness, color=COLOURS[number], label=series.label
            )
        else:
            bars = axes.bar(
                where, values, width=thickness, color=COLOURS[number], label=series.label
            )
        axes.bar_label(bars, labels=list(series.labels), padding=3, fontproperties=font)
    ticks = [value for value, _ in drawing.ticks]
    tick_labels = [label for _, label in drawing.ticks]
    # Room beyond the last tick for the labels at the ends of the longest bars.
    room = ticks[-1] * (1.3 if drawing.horizontal else 1.12)
    for spine in ("top", "right"):
        axes.spines[spine].set_visible(False)
    if drawing.horizontal:
        axes.set_yticks(positions, labels=labels)
        axes.invert_yaxis()
        axes.set_xticks(ticks, labels=tick_labels)
        axes.set_xlim(0, room)
        axes.set_xlabel(drawing.axis, fontproperties=font)
    else:
        axes.set_xticks(positions, labels=labels)
        axes.set_yticks(ticks, labels=tick_labels)
        axes.set_ylim(0, room)
        axes.set_ylabel(drawing.axis, fontproperties=font)
    for label in (*axes.get_xticklabels(), *axes.get_yticklabels()):
        label.set_fontproperties(font)
    if any(s.label is not None for s in drawing.series):
        # Above the bars, under the title, where no bar can hide it.
        axes.legend(
            prop=font,
            frameon=False,
            loc="lower left",
            bbox_to_anchor=(0, 1),
            borderaxespad=0.2,
            ncols=len(drawing.series),
        )
