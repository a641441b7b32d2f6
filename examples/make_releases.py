"""Render every example release in this folder into ``examples/out/``.

Run it from anywhere: ``python examples/make_releases.py [OUT_DIR]``. It is
``nas-press render examples/ -o OUT_DIR``: the release files of this folder
(not its statistics history or its organisation file), each as
``<stem>.<lang>.docx`` and ``<stem>.<lang>.txt`` for each of its languages;
it prints the paths, and stops with a clear message (exit status 1) if a
release file has a mistake.
"""

from __future__ import annotations

import sys
from pathlib import Path

from nas_press.cli import main as nas_press

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    """Render the example releases; return the exit status."""
    out = Path(argv[0]) if argv else HERE / "out"
    return nas_press(["render", str(HERE), "--out", str(out)])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
