"""Where the templates and locale data are.

An installed wheel carries the templates and locale data inside the package
(``nas_press/templates``, ``nas_press/locales``); a source checkout keeps them
at the top of the repository. Both are found without the caller knowing
which is which.

Nothing of nas_press is kept in the user's cache folder but chart pictures
(:mod:`nas_press.writers.chart_cache`), which are checked before use and
never executed; templates are compiled when the package is built
(:mod:`nas_press.realize.templates`), and so is python-docx's default template
prepared for the DOCX writer; the prepared DOCX documents are kept in memory
(:mod:`nas_press.writers.docx`).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


@functools.cache
def data_dir(name: str) -> Path:
    """Return the folder ``templates`` or ``locales``, installed or in the checkout."""
    package = _package()
    for candidate in (package / name, package.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"nas_press data folder {name!r} not found beside {package}")


def _package() -> Path:
    # pathlib is imported here, not with the module, so that `import nas_press` need not load it.
    from pathlib import Path

    return Path(__file__).resolve().parent


@functools.cache
def supported_languages() -> tuple[str, ...]:
    """Return the languages that have both templates and locale data, sorted."""
    templates = {p.name for p in data_dir("templates").iterdir() if p.is_dir()}
    locales = {p.name for p in data_dir("locales").iterdir() if (p / "locale.toml").is_file()}
    return tuple(sorted(templates & locales))
