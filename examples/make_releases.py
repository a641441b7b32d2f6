"""Render every example release in this folder into ``examples/out/``.

Run it from anywhere: ``python examples/make_releases.py [OUT_DIR]``. It
writes ``<stem>.<lang>.docx`` and ``<stem>.<lang>.txt`` for each language of
each ``*.toml`` release here, prints the paths, and stops with a clear
message (exit status 1) if a release file has a mistake.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nas_press

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    """Render the example releases; return the exit status."""
    out = Path(argv[0]) if argv else HERE / "out"
    status = 0
    for path in sorted(HERE.glob("*.toml")):
        try:
            release = nas_press.load_release(path)
            written = nas_press.render_files(release, out, stem=path.stem)
        except nas_press.NasPressError as exc:
            print(exc, file=sys.stderr)
            status = 1
            continue
        for target in written:
            print(target)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
