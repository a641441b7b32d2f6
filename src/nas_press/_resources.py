"""Where the templates and locale data are, and where caches are kept.

An installed wheel carries the templates and locale data inside the package
(``nas_press/templates``, ``nas_press/locales``); a source checkout keeps them
at the top of the repository. Both are found without the caller knowing
which is which.

The prepared DOCX template (``nas_press.writers.docx``) and the verdicts on
phone numbers (``nas_press.release.lint``) are kept from one process to the
next in the user's cache folder (:func:`cache_dir`), never inside the
package. Chart pictures have a cache of their own
(:mod:`nas_press.writers.chart_cache`); templates are never cached there
(:mod:`nas_press.realize.templates`).
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

CACHE_ENV = "NAS_PRESS_CACHE_DIR"
"""Environment variable naming the cache folder; set to the empty string, no cache is kept."""


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


def cache_dir() -> Path | None:
    """Return the folder of nas_press's caches, or ``None`` when none is kept.

    ``$NAS_PRESS_CACHE_DIR`` when set (the empty string turns the cache off);
    otherwise ``nas_press`` in the user's cache folder: ``$XDG_CACHE_HOME``
    or ``~/.cache`` (``~/Library/Caches`` on macOS, ``%LOCALAPPDATA%`` on
    Windows). ``None`` as well when there is no home folder to find it in.
    """
    from pathlib import Path

    value = os.environ.get(CACHE_ENV)
    if value is not None:
        return Path(value).expanduser().absolute() if value else None
    try:
        if sys.platform == "win32":
            base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        elif sys.platform == "darwin":
            base = Path.home() / "Library" / "Caches"
        else:
            xdg = os.environ.get("XDG_CACHE_HOME", "")
            base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
    except RuntimeError:  # no home folder
        return None
    return base / "nas_press"


def digest(*pieces: bytes) -> str:
    """Return a short hexadecimal digest of ``pieces``, the same in every process.

    It is the hash Python itself puts into hash-based ``.pyc`` files
    (:func:`importlib.util.source_hash`, 64 bits): cheap to import, as Jinja
    has already imported it, and plenty to tell one version of a file from
    another. It is no defence against someone who can write the cache folder,
    which is why only a folder private to the user is used.
    """
    from importlib.util import source_hash

    framed = b"".join(len(piece).to_bytes(8, "big") + piece for piece in pieces)
    return source_hash(framed).hex()


def _private(folder: Path) -> bool:
    """Whether ``folder`` is a folder that only this user (or root) can write into."""
    info = os.stat(folder)
    if not stat.S_ISDIR(info.st_mode):
        return False
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # Windows: the user's own profile folder
        return True
    return info.st_uid == getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read_cached(folder: Path, name: str) -> bytes | None:
    """Return the bytes of cache file ``name`` in ``folder``, or ``None``.

    ``None`` when the file is missing or unreadable, or when ``folder`` is
    not private to the user (someone else could have put the file there).
    """
    try:
        if not _private(folder):
            return None
        return (folder / name).read_bytes()
    except OSError:
        return None


def write_cached(folder: Path, name: str, data: bytes) -> None:
    """Write cache file ``name`` into ``folder``, creating it private; skip it on any error.

    The file is written under a temporary name and renamed into place, so a
    reader in another process sees the old file or the new one, never part
    of one.
    """
    import tempfile

    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(folder):
            return
        fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temporary, folder / name)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError:
        pass
