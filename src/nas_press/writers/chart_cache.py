"""The cache of chart pictures: PNGs once drawn, kept for later processes.

Drawing a chart costs about 80 ms, after some 0.4 s to import matplotlib, so
a picture once drawn is kept in the user's cache folder and a later process
takes it from there. The cache can only save time, never change output:

- it lives in ``charts/`` under ``$NAS_PRESS_CACHE_DIR`` if that is set
  (set it empty to keep no cache), otherwise under the folder platformdirs
  gives (``platformdirs.user_cache_dir("nas_press")``: ``~/.cache/nas_press``
  on Linux, ``~/Library/Caches/nas_press`` on macOS);
- both folders must be owned by the user and writable by nobody else, and
  are opened without following a symbolic link; otherwise nothing is read
  or written;
- a file is named by the SHA-256 of its drawing's key and holds a header
  with that name and the SHA-256 of the PNG bytes, then the PNG; it is used
  only when it is a regular file (not a link), owned by the user, writable
  by nobody else, and every byte of it checks out. A file that fails is
  ignored and, when it is the user's own, deleted; the chart is drawn anew;
- files are written under a temporary name and renamed into place, so
  another process reads the old file or the new one, never part of one;
- the folder is kept under :data:`LIMIT` bytes, the least recently used
  files deleted first (a file's time is set anew each time it is used).

Nothing in the cache is ever executed or unpickled: it holds PNG bytes,
which go into the output only after their digest matched. Where the system
cannot open files relative to a folder without following links (Windows),
no cache is kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import stat
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

__all__ = ["CACHE_ENV", "LIMIT", "folder", "load", "store"]

CACHE_ENV: Final = "NAS_PRESS_CACHE_DIR"
"""Environment variable naming the cache folder; set to the empty string, no cache is kept."""
LIMIT: Final = 20 * 1024 * 1024
"""The most bytes the folder of chart pictures holds; the least recently used go first."""
MAX_FILE: Final = 4 * 1024 * 1024
"""A file larger than this is no picture of ours (they are some 40 kB) and is not read."""

_MAGIC: Final = b"nas_press chart 2\n"
_DIGEST_LINE: Final = 65
"""64 hexadecimal digits of a SHA-256 and a newline."""
_HEADER: Final = len(_MAGIC) + 2 * _DIGEST_LINE
_OURS: Final = re.compile(r"(?:[0-9a-f]{64}\.png|\.[0-9a-f]{64}\.[0-9a-f]{16}\.tmp)\Z")
"""The names of the files this module writes: pictures and their temporary files."""

_O_NOFOLLOW: Final = getattr(os, "O_NOFOLLOW", 0)
_O_DIRECTORY: Final = getattr(os, "O_DIRECTORY", 0)
_O_CLOEXEC: Final = getattr(os, "O_CLOEXEC", 0)
_O_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)


def folder() -> Path | None:
    """Return the folder of chart pictures, or ``None`` when no cache is kept.

    ``charts`` in ``$NAS_PRESS_CACHE_DIR`` when that is set (the empty
    string turns the cache off), otherwise in
    ``platformdirs.user_cache_dir("nas_press")``.
    """
    from pathlib import Path

    value = os.environ.get(CACHE_ENV)
    if value is not None:
        return Path(value).expanduser().absolute() / "charts" if value else None
    import platformdirs

    return Path(platformdirs.user_cache_dir("nas_press", appauthor=False)) / "charts"


def _supported() -> bool:
    """Whether files can be opened relative to a folder, without following links, by owner."""
    return bool(
        _O_NOFOLLOW
        and _O_DIRECTORY
        and hasattr(os, "geteuid")
        and os.open in os.supports_dir_fd
        and os.scandir in os.supports_fd
    )


def _owned(info: os.stat_result) -> bool:
    """Whether the file or folder of ``info`` belongs to the user running this process."""
    return info.st_uid == os.geteuid()


def _private(info: os.stat_result) -> bool:
    """Whether ``info`` is the user's own and writable by nobody else."""
    return _owned(info) and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _open_folder(path: Path, create: bool, parent: int | None = None) -> int | None:
    """Open folder ``path`` (a name in ``parent``, when given) if it is private to the user."""
    flags = os.O_RDONLY | _O_DIRECTORY | _O_NOFOLLOW | _O_CLOEXEC
    where = str(path) if parent is None else path.name
    if create:
        with contextlib.suppress(FileExistsError):
            os.mkdir(where, 0o700, dir_fd=parent)
    fd = os.open(where, flags, dir_fd=parent)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode) and _private(info):
            return fd
    except OSError:
        pass
    os.close(fd)
    return None


@contextlib.contextmanager
def _charts(create: bool) -> Iterator[int | None]:
    """The open folder of chart pictures, or ``None`` when there is none to use."""
    path = folder()
    if path is None or not _supported():
        yield None
        return
    fds: list[int] = []
    try:
        if create:
            path.parent.parent.mkdir(parents=True, exist_ok=True)
        root = _open_folder(path.parent, create)
        if root is not None:
            fds.append(root)
            charts = _open_folder(path, create, parent=root)
            if charts is not None:
                fds.append(charts)
    except OSError:
        pass
    try:
        yield fds[1] if len(fds) == 2 else None
    finally:
        for fd in fds:
            os.close(fd)


def _name(key: bytes) -> str:
    return hashlib.sha256(key).hexdigest()


def load(key: bytes) -> bytes | None:
    """Return the PNG kept under ``key``, or ``None`` when there is none to trust."""
    name = _name(key)
    with _charts(create=False) as charts:
        if charts is None:
            return None
        try:
            return _read(charts, name)
        except OSError:
            return None


def _read(charts: int, name: str) -> bytes | None:
    filename = name + ".png"
    try:
        fd = os.open(filename, os.O_RDONLY | _O_NOFOLLOW | _O_NONBLOCK | _O_CLOEXEC, dir_fd=charts)
    except FileNotFoundError:
        return None
    except OSError:  # a link in place of the file, or a file that cannot be read
        _unlink(charts, filename)
        return None
    try:
        info = os.fstat(fd)
        usable = stat.S_ISREG(info.st_mode) and _private(info) and info.st_size <= MAX_FILE
        data = _read_all(fd) if usable else b""
        expected = _MAGIC + name.encode("ascii") + b"\n"
        png = data[_HEADER:]
        if (
            usable
            and data.startswith(expected)
            and data[_HEADER - 1 : _HEADER] == b"\n"
            and data[len(expected) : _HEADER - 1] == hashlib.sha256(png).hexdigest().encode()
        ):
            os.utime(fd)
            return png
    finally:
        os.close(fd)
    if _owned(info):
        _unlink(charts, filename)
    return None


def _read_all(fd: int) -> bytes:
    chunks = []
    size = 0
    while size <= MAX_FILE:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _unlink(charts: int, filename: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(filename, dir_fd=charts)


def store(key: bytes, png: bytes) -> None:
    """Keep ``png`` under ``key``; skip it silently when it cannot be written."""
    name = _name(key)
    data = _MAGIC + name.encode("ascii") + b"\n" + hashlib.sha256(png).hexdigest().encode() + b"\n"
    with _charts(create=True) as charts:
        if charts is None:
            return
        temporary = f".{name}.{secrets.token_hex(8)}.tmp"
        try:
            fd = os.open(
                temporary,
                os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_CLOEXEC,
                0o600,
                dir_fd=charts,
            )
            try:
                view = memoryview(data + png)
                while view:
                    view = view[os.write(fd, view) :]
            finally:
                os.close(fd)
            os.replace(temporary, name + ".png", src_dir_fd=charts, dst_dir_fd=charts)
        except OSError:
            _unlink(charts, temporary)
            return
        _evict(charts, LIMIT)


def _evict(charts: int, limit: int) -> None:
    """Delete our least recently used files until the folder holds at most ``limit`` bytes."""
    entries = []
    try:
        with os.scandir(charts) as scan:
            for entry in scan:
                if not _OURS.match(entry.name):
                    continue
                info = entry.stat(follow_symlinks=False)
                entries.append((info.st_mtime_ns, entry.name, info.st_size))
    except OSError:
        return
    total = sum(size for _, _, size in entries)
    for _, filename, size in sorted(entries):
        if total <= limit:
            break
        _unlink(charts, filename)
        total -= size
