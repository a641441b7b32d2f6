"""Profile what ``benchmarks/bench.py`` times, with pyinstrument, and print where the time goes.

Run from the repository root with the project's interpreter::

    .venv/bin/python benchmarks/profile.py                 # all three profiles
    .venv/bin/python benchmarks/profile.py --only docx     # one of: command, docx, text

The profiles:

- ``command``: ``nas-press render examples/2025-h1.toml`` (three languages,
  DOCX and text) in a fresh process, imports included, as a user runs it;
- ``docx``: the warm render of ``examples/2025-h1.toml`` into fi, sv and en
  as DOCX bytes, repeated;
- ``text``: the same as text.

Each prints pyinstrument's call tree, trimmed to frames that take at least
``--min-share`` of the time. Use it before optimising: the benchmark says how
long, the profile says why.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "2025-h1.toml"
LANGUAGES = ("fi", "sv", "en")

_COMMAND = """\
import sys, tempfile
from pyinstrument import Profiler
profiler = Profiler(interval={interval})
profiler.start()
from nas_press.cli import main
with tempfile.TemporaryDirectory() as out:
    status = main(["render", {example!r}, "--out", out])
profiler.stop()
print(profiler.output_text(unicode=True, show_all=False, time="percent_of_total"))
sys.exit(status)
"""


def _require_pyinstrument() -> None:
    try:
        import pyinstrument  # noqa: F401
    except ImportError:
        sys.exit(
            "pyinstrument is not installed: install the project's bench dependency group "
            "(make test installs it into .venv)"
        )


def profile_command(interval: float) -> str:
    """Profile one ``nas-press render`` of the 2025 example in a fresh process."""
    with tempfile.TemporaryDirectory():
        result = subprocess.run(
            [sys.executable, "-c", _COMMAND.format(interval=interval, example=str(EXAMPLE))],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode != 0:
        raise RuntimeError(f"the profiled command failed:\n{result.stderr}")
    return result.stdout


def profile_warm(fn: Callable[[], object], repeat: int, interval: float) -> str:
    """Profile ``repeat`` calls of ``fn`` after two untimed ones."""
    from pyinstrument import Profiler

    fn()
    fn()
    profiler = Profiler(interval=interval)
    profiler.start()
    for _ in range(repeat):
        fn()
    profiler.stop()
    return str(profiler.output_text(unicode=True, time="percent_of_total"))


def main(argv: Sequence[str] | None = None) -> int:
    """Print the requested profiles; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=("command", "docx", "text"), help="one profile only")
    parser.add_argument(
        "--repeat", type=int, default=200, help="warm renders profiled (default 200)"
    )
    parser.add_argument(
        "--interval",
        type=float,
        default=0.0002,
        help="sampling interval in seconds (default 0.0002)",
    )
    args = parser.parse_args(argv)
    _require_pyinstrument()

    if args.only in (None, "command"):
        print("== nas-press render examples/2025-h1.toml, fresh process ==")
        print(profile_command(args.interval))
    if args.only in ("docx", "text", None):
        import nas_press

        release = nas_press.load_release(EXAMPLE)
        warm: dict[str, Callable[[], object]] = {
            "docx": lambda: [nas_press.docx_bytes(nas_press.render(release, x)) for x in LANGUAGES],
            "text": lambda: [nas_press.to_text(nas_press.render(release, x)) for x in LANGUAGES],
        }
        for name, fn in warm.items():
            if args.only in (None, name):
                print(f"== warm render of examples/2025-h1.toml, fi+sv+en, as {name} ==")
                print(profile_warm(fn, args.repeat, args.interval))
    return 0


if __name__ == "__main__":
    sys.exit(main())
