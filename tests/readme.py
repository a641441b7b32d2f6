"""The README's table of generated statements, made from the statement registry.

The table stands between the markers ``<!-- statements -->`` and
``<!-- /statements -->``; ``tests/test_readme.py`` requires it to be what
:func:`statements_table` makes, and ``tests/update_goldens.py`` rewrites it.
"""

from __future__ import annotations

import re
from pathlib import Path

from nas_press.plan.statements import registry

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"(<!-- statements -->\n)(.*?)(<!-- /statements -->)", re.DOTALL)


def _code(names: tuple[str, ...]) -> str:
    return ", ".join(f"`{name}`" for name in names)


def statements_table() -> str:
    """Return the Markdown table of every statement of the registry, in its order."""
    rows = [
        "| name | says | needs | `show` | `compare` |",
        "| --- | --- | --- | --- | --- |",
    ]
    for spec in registry().values():
        needs = f"`{spec.needs}`"
        if spec.needs_one_of:
            many = len(spec.needs_one_of) > 1
            needs += (", and one of " if many else ", and ") + _code(spec.needs_one_of)
        shows = _code(spec.shows) if len(spec.shows) > 1 else ""
        compares = "yes" if spec.compares else ""
        rows.append(f"| `{spec.name}` | {spec.says} | {needs} | {shows} | {compares} |")
    return "\n".join(rows) + "\n"


def readme_with_table(text: str) -> str:
    """Return the README ``text`` with its statements table made anew."""
    if BLOCK.search(text) is None:
        raise ValueError("README.md has no <!-- statements --> block")
    return BLOCK.sub(lambda m: m.group(1) + statements_table() + m.group(3), text)
