"""Writing a render's files into the output folder, all or none.

Each file is written to a temporary name in the output folder and renamed
into place only after every file has been produced and written, so a failure
leaves the folder as it was.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from nas_press.exceptions import NasPressError

if TYPE_CHECKING:
    from pathlib import Path

_SAFE_STEM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class OutputError(NasPressError, OSError):
    """An output file could not be named or written; nothing was changed."""


def write_outputs(outputs: dict[str, bytes], folder: str | Path) -> list[Path]:
    """Write ``outputs`` into ``folder``, all or none; return the paths written.

    The folder is created if needed. A name that would leave the folder is
    refused before anything is written.
    """
    import tempfile
    from pathlib import Path

    folder = Path(folder)
    for name in outputs:
        if Path(name).name != name or not _SAFE_STEM.match(name):
            raise OutputError(f"{name!r} would be written outside {folder}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder {folder}: {exc.strerror}") from exc
    staged: list[tuple[str, Path]] = []
    try:
        for name, data in outputs.items():
            fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
            staged.append((name, Path(temporary)))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, 0o644)
        written = []
        for name, tmp in staged:
            target = folder / name
            os.replace(tmp, target)
            written.append(target)
        staged.clear()
        return written
    except OSError as exc:
        raise OutputError(f"cannot write into {folder}: {exc.strerror or exc}") from exc
    finally:
        _remove(tmp for _, tmp in staged)


def _remove(paths: Iterable[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)
