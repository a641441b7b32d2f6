"""Producing every requested file in memory, then writing them all or none.

:func:`render_outputs` produces the files; :func:`write_outputs` writes them
into the output folder as one transaction (a lock, a journal, earlier
versions kept until every new file is in place), so that the folder holds
either the complete earlier set or the complete new set, whatever fails and
wherever the process is killed.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import stat
import sys
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import attrs

from nas_press.exceptions import NasPressError

if TYPE_CHECKING:
    from pathlib import Path

_SAFE_STEM = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


class OutputError(NasPressError, OSError):
    """An output file could not be named or written; the message says what was changed."""


def write_outputs(outputs: dict[str, bytes], folder: str | Path) -> list[Path]:
    """Write ``outputs`` into ``folder``, all or none; return the paths written.

    The folder is created if needed. Afterwards it holds either every new file
    or, if anything failed, exactly the files it held before, whatever the
    failure and wherever the process is killed:

    1. A name that would leave the folder is refused.
    2. The folder is locked against other renders (``fcntl.flock`` on
       ``.nas-press.lock``, removed when done). A second render waits for the
       first to finish, up to :data:`LOCK_TIMEOUT` seconds, then fails. On a
       platform without ``fcntl`` (Windows) renders into one folder are not
       serialised: run one at a time.
    3. A render that was killed while writing into the folder is undone first
       (see :func:`recover`).
    4. Every target is checked; a folder, a symbolic link or another special
       file, a read-only file, a file of another user in a folder with the
       sticky bit, a name too long or differing only in case from another is
       refused, each named with its reason, before anything is written.
    5. Each file is written and synced to a temporary name, then a journal
       (``.nas-press.journal``) listing every file's temporary name and the name
       its earlier version will be kept under.
    6. Each earlier version is kept under a second name (a hard link, or a
       rename where the file system has none), then each new file is renamed
       into place. Removing the journal completes the render; the earlier
       versions are removed after it.

    A failure before step 6 removes the temporary files; a failure in step 6
    puts the earlier versions back. New files get the mode ``0o666`` less the
    umask. Temporary, journal and lock names start with ``.nas-press.``.
    Raises :class:`OutputError`, whose message says what was and was not changed.
    """
    from pathlib import Path

    folder = Path(folder)
    for name in outputs:
        if Path(name).name != name or not _SAFE_STEM.fullmatch(name):
            raise OutputError(f"{name!r} would be written outside {folder}")
    created = _make_folder(folder)
    nothing = (
        f"nothing was written (the folder {folder} was created)"
        if created
        else "nothing was changed"
    )
    with _locked(folder, nothing):
        _recover(folder)
        _check_targets(outputs, folder, nothing)
        if outputs:
            _commit(_stage(outputs, folder, nothing), folder, nothing)
    return [folder / name for name in outputs]


def recover(folder: str | Path) -> None:
    """Undo a render into ``folder`` that was interrupted, and remove its temporary files.

    :func:`write_outputs` does this before it writes anything, so calling it is
    needed only to tidy a folder without rendering into it. An interrupted
    render is rolled back, never completed: the folder then holds the files of
    the last render that finished and reported success, and a render that was
    killed, or stopped on purpose, leaves no trace. Only files whose names
    match this module's own temporary names are removed. Raises
    :class:`OutputError` if the journal cannot be read or the earlier files
    cannot all be put back, saying which file is in which state.
    """
    from pathlib import Path

    folder = Path(folder)
    if folder.is_dir():
        with _locked(folder, "nothing was changed"):
            _recover(folder)


LOCK_TIMEOUT = 30.0
"""Seconds a render waits for another render into the same folder to finish."""

LOCK_NAME = ".nas-press.lock"
JOURNAL_NAME = ".nas-press.journal"
_TEMPORARY = re.compile(r"\.nas-press\.[0-9a-f]{16}\.(?:[0-9]+\.(?:new|old)|journal)")
"""The names of temporary files, kept earlier versions and journals being written."""
_JOURNAL_LIMIT = 1 << 20
_CREATE = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


@attrs.frozen
class _Entry:
    """One file of a render: its name, its temporary name and where its earlier version goes.

    ``old`` is ``None`` when the folder held no file of that name. The inode
    numbers tell the new and the earlier version apart in a message, and a
    rollback removes a file that did not exist before only if it is the one
    this render wrote.
    """

    name: str
    new: str
    old: str | None
    new_ino: int
    old_ino: int | None


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _ino(path: Path) -> int | None:
    """The inode number of ``path`` itself (not of what a link points to), or ``None``."""
    try:
        return os.lstat(path).st_ino
    except OSError:
        return None


def _make_folder(folder: Path) -> bool:
    """Create ``folder`` if it is missing; return whether it was created."""
    if folder.is_dir():
        return False
    try:
        folder.mkdir(parents=True)
    except FileExistsError:
        if folder.is_dir():
            return False
        raise OutputError(
            f"cannot create the output folder {folder}: a file of that name is in the way; "
            "nothing was changed"
        ) from None
    except OSError as exc:
        raise OutputError(
            f"cannot create the output folder {folder}: {_reason(exc)}; nothing was changed"
        ) from exc
    return True


@contextlib.contextmanager
def _locked(folder: Path, nothing: str) -> Iterator[None]:
    """Hold the lock of ``folder`` against other renders; see :func:`write_outputs`.

    The lock file is removed while the lock is held, so a render that opened
    it meanwhile finds that the name no longer leads to the file it locked,
    and opens the lock file again.
    """
    if sys.platform == "win32":  # pragma: no cover - no fcntl
        yield
        return
    import fcntl

    path = folder / LOCK_NAME
    deadline = time.monotonic() + LOCK_TIMEOUT
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
        except OSError as exc:
            raise OutputError(
                f"cannot write into {folder}: {_reason(exc)} (creating {path}); {nothing}"
            ) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() >= deadline:
                raise OutputError(
                    f"another render has been writing into {folder} for {LOCK_TIMEOUT:g} s "
                    f"(it holds {path}); {nothing}: render again when it has finished"
                ) from None
            time.sleep(0.02)
            continue
        except OSError as exc:
            os.close(fd)
            raise OutputError(
                f"cannot lock {path} against other renders: {_reason(exc)}; {nothing}"
            ) from exc
        if _ino(path) == os.fstat(fd).st_ino:
            break
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(fd)


def _check_targets(outputs: dict[str, bytes], folder: Path, nothing: str) -> None:
    """Refuse, before anything is written, every target a rename could not replace."""
    try:
        present = os.listdir(folder)
        folder_stat = os.stat(folder)
    except OSError as exc:
        raise OutputError(f"cannot read the folder {folder}: {_reason(exc)}; {nothing}") from exc
    euid = os.geteuid() if hasattr(os, "geteuid") else None
    sticky = bool(folder_stat.st_mode & stat.S_ISVTX)
    limit = _name_max(folder)
    problems: list[str] = []
    seen: dict[str, str] = {}
    for name in outputs:
        path = folder / name
        other = seen.setdefault(name.lower(), name)
        if other != name:
            problems.append(
                f"{folder / other} and {path} differ only in case, and a folder on macOS or "
                "Windows holds only one of them"
            )
            continue
        twins = sorted(p for p in present if p.lower() == name.lower() and p != name)
        if twins:
            problems.append(
                f"{path} differs only in case from the existing {folder / twins[0]}, and a "
                "folder on macOS or Windows holds only one of them: rename or remove it"
            )
        if len(os.fsencode(name)) > limit:
            problems.append(f"{path}: the name is longer than the {limit} bytes {folder} allows")
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            continue
        except OSError as exc:
            problems.append(f"{path} cannot be examined: {_reason(exc)}")
            continue
        if stat.S_ISLNK(st.st_mode):
            problems.append(
                f"{path} is a symbolic link, and nas_press replaces only regular files: "
                "remove it, or write elsewhere"
            )
        elif stat.S_ISDIR(st.st_mode):
            problems.append(f"{path} is a folder, not a file: remove or rename it")
        elif not stat.S_ISREG(st.st_mode):
            problems.append(f"{path} is not a regular file (a device, pipe or socket): remove it")
        elif sticky and euid is not None and euid not in (0, st.st_uid, folder_stat.st_uid):
            problems.append(
                f"{path} belongs to another user (uid {st.st_uid}), and in a folder with the "
                "sticky bit, such as /tmp, only its owner may replace it: write elsewhere"
            )
        elif not os.access(path, os.W_OK):
            problems.append(f"{path} is read-only: make it writable, or remove it")
    if problems:
        raise OutputError(f"cannot write into {folder}: {'; '.join(problems)}; {nothing}")


def _name_max(folder: Path) -> int:
    """The longest file name, in bytes, that ``folder`` allows."""
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (AttributeError, OSError, ValueError):
        return 255


def _stage(outputs: dict[str, bytes], folder: Path, nothing: str) -> list[_Entry]:
    """Write every file to its temporary name, then the journal; return the journal's entries.

    On failure every temporary file is removed and nothing else was touched.
    """
    token = secrets.token_hex(8)
    entries: list[_Entry] = []
    made: list[Path] = []
    target = folder
    try:
        for index, (name, data) in enumerate(outputs.items()):
            target = folder / name
            new = f".nas-press.{token}.{index}.new"
            made.append(folder / new)
            new_ino = _write_file(folder / new, data)
            old_ino = _ino(target)
            old = None if old_ino is None else f".nas-press.{token}.{index}.old"
            entries.append(_Entry(name, new, old, new_ino, old_ino))
        target = folder / JOURNAL_NAME
        made.append(folder / f".nas-press.{token}.journal")
        _write_file(made[-1], _journal_bytes(entries))
        os.replace(made[-1], target)
    except BaseException as exc:  # an interrupt, too, removes the temporary files
        left = []
        for path in made:
            try:
                path.unlink(missing_ok=True)
            except OSError:
                if os.path.lexists(path):
                    left.append(str(path))
        if not isinstance(exc, OSError):
            raise
        outcome = (
            f"no file was replaced, but {', '.join(left)} could not be removed: the next "
            f"render into {folder} removes {'them' if len(left) > 1 else 'it'}"
            if left
            else nothing
        )
        raise OutputError(f"cannot write {target}: {_reason(exc)}; {outcome}") from exc
    return entries


def _write_file(path: Path, data: bytes) -> int:
    """Create ``path`` (which must not exist), write and sync ``data``; return its inode number."""
    fd = os.open(path, _CREATE, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
        return os.fstat(fd).st_ino
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    """Make the renames and removals in ``folder`` durable."""
    if sys.platform == "win32":  # pragma: no cover - folders cannot be opened
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _commit(entries: list[_Entry], folder: Path, nothing: str) -> None:
    """Keep every earlier version, rename every new file into place, remove the journal.

    On failure every earlier version is put back and every new file removed.
    """
    journal = folder / JOURNAL_NAME
    doing = f"sync the folder {folder}"
    touched = False
    try:
        _sync_folder(folder)
        for entry in entries:
            if entry.old is not None:
                doing = f"keep the earlier {folder / entry.name} as {folder / entry.old}"
                touched = True
                _keep(folder / entry.name, folder / entry.old)
        doing = f"sync the folder {folder}"
        _sync_folder(folder)
        for entry in entries:
            doing = f"{'replace' if entry.old else 'write'} {folder / entry.name}"
            touched = True
            os.replace(folder / entry.new, folder / entry.name)
        doing = f"sync the folder {folder}"
        _sync_folder(folder)
        doing = f"remove the journal {journal}"
        os.unlink(journal)
    except BaseException as exc:  # an interrupt, too, leaves the earlier files
        failed = _roll_back(entries, folder)
        if not isinstance(exc, OSError):
            raise
        outcome = _outcome(entries, folder, failed, nothing, touched=touched)
        raise OutputError(f"cannot {doing}: {_reason(exc)}; {outcome}") from exc
    # The render is complete. What follows tidies up; whatever is left, the
    # next render into the folder removes.
    with contextlib.suppress(OSError):
        _sync_folder(folder)
    for entry in entries:
        if entry.old is not None:
            with contextlib.suppress(OSError):
                os.unlink(folder / entry.old)


def _keep(path: Path, kept: Path) -> None:
    """Give the file at ``path`` the second name ``kept``; move it there without hard links."""
    try:
        os.link(path, kept)
    except OSError:
        os.rename(path, kept)


def _roll_back(entries: list[_Entry], folder: Path) -> list[str]:
    """Put every earlier version back, remove every new file, then the journal.

    Each step is safe to repeat, so a rollback that was itself interrupted
    is finished by the next. Returns the reasons of the steps that failed; the
    journal is removed only when every other step succeeded.
    """
    failed: list[str] = []

    def attempt(action: Callable[..., object], *args: Path) -> None:
        try:
            action(*args)
        except OSError as exc:
            failed.append(_reason(exc))

    for entry in entries:
        path, new = folder / entry.name, folder / entry.new
        if entry.old is not None:
            kept = folder / entry.old
            kept_ino = _ino(kept)
            if kept_ino is not None and kept_ino == _ino(path):
                attempt(os.unlink, kept)  # a second name of the file in place
            elif kept_ino is not None:
                attempt(os.replace, kept, path)
        elif _ino(path) == entry.new_ino:
            attempt(os.unlink, path)
        if os.path.lexists(new):
            attempt(os.unlink, new)
    if not failed:
        attempt(_sync_folder, folder)
    if not failed:
        attempt(os.unlink, folder / JOURNAL_NAME)
        attempt(_sync_folder, folder)
    return failed


def _outcome(
    entries: list[_Entry], folder: Path, failed: list[str], nothing: str, *, touched: bool = True
) -> str:
    """Say in which state a rollback left each file of ``entries``.

    ``failed`` are the reasons the rollback gave; ``touched`` whether any
    file of the folder had been linked or renamed before the rollback.
    """
    changed: list[str] = []
    left: list[str] = []
    for entry in entries:
        path, ino = folder / entry.name, _ino(folder / entry.name)
        kept = folder / entry.old if entry.old is not None else None
        kept_here = kept is not None and os.path.lexists(kept)
        if ino == entry.new_ino:
            state = "holds the new version" if entry.old else "is new (it did not exist before)"
        elif ino == entry.old_ino:
            state = None
        elif ino is None:
            state = "is missing"
        else:
            state = "holds a file nas_press did not write"
        if state is not None:
            keeping = f", and its earlier version is kept as {kept}" if kept_here else ""
            changed.append(f"{path} {state}{keeping}")
        elif kept_here:
            left.append(str(kept))
        if os.path.lexists(folder / entry.new):
            left.append(str(folder / entry.new))
    journal = folder / JOURNAL_NAME
    reasons = "; ".join(dict.fromkeys(failed))
    if changed:
        return (
            f"putting the earlier files back failed ({reasons}): {'; '.join(changed)}; "
            f"every other file holds its earlier version; the next render into {folder} "
            f"finishes putting them back, as {journal} records"
        )
    if os.path.lexists(journal):
        left.append(str(journal))
    done = "no file was replaced"
    if touched:
        earlier = any(entry.old is not None for entry in entries)
        done = "the earlier files were put back" if earlier else "the new files were removed"
    if left:
        return (
            f"{done}, but {', '.join(left)} could not be removed ({reasons}): the next "
            f"render into {folder} removes {'them' if len(left) > 1 else 'it'}"
        )
    if failed:
        return f"{done} ({reasons}); {nothing}"
    return f"{done}; {nothing}" if touched else nothing


def _journal_bytes(entries: list[_Entry]) -> bytes:
    files = [attrs.asdict(entry) for entry in entries]
    return (json.dumps({"nas_press_journal": 1, "files": files}, indent=1) + "\n").encode()


def _recover(folder: Path) -> None:
    """Roll back the render the journal of ``folder`` records, then remove temporary files."""
    journal = folder / JOURNAL_NAME
    try:
        entries = _read_journal(journal)
    except OSError as exc:
        raise OutputError(f"cannot read {journal}: {_reason(exc)}; nothing was changed") from exc
    except ValueError as exc:
        raise OutputError(
            f"{journal} is damaged ({exc}); it records a render into {folder} that was "
            "interrupted, so the files there may be a mix of two versions: check them, then "
            "remove it; nothing was changed"
        ) from exc
    if entries is not None:
        failed = _roll_back(entries, folder)
        if failed:
            raise OutputError(
                f"cannot undo the interrupted render into {folder} that {journal} records: "
                f"{_outcome(entries, folder, failed, 'nothing else was changed')}"
            )
    for name in os.listdir(folder):
        if _TEMPORARY.fullmatch(name):
            path = folder / name
            with contextlib.suppress(OSError):
                if stat.S_ISREG(os.lstat(path).st_mode):
                    os.unlink(path)


def _read_journal(journal: Path) -> list[_Entry] | None:
    """The entries of ``journal``, or ``None`` when there is none; ``ValueError`` if damaged."""
    try:
        fd = os.open(
            journal, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        )
    except FileNotFoundError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ValueError("not a regular file")
        data = os.read(fd, _JOURNAL_LIMIT + 1)
    finally:
        os.close(fd)
    if len(data) > _JOURNAL_LIMIT:
        raise ValueError(f"larger than {_JOURNAL_LIMIT} bytes")
    document = json.loads(data.decode("utf-8"))
    if not isinstance(document, dict) or document.get("nas_press_journal") != 1:
        raise ValueError("not a nas_press journal of version 1")
    files = document.get("files")
    if not isinstance(files, list):
        raise ValueError("no list of files")
    return [_entry(item) for item in files]


def _entry(item: object) -> _Entry:
    """One entry of a journal, every name checked so that it cannot lead outside the folder."""
    if not isinstance(item, dict):
        raise ValueError(f"{item!r} is not a file entry")
    name, new, old = item.get("name"), item.get("new"), item.get("old")
    new_ino, old_ino = item.get("new_ino"), item.get("old_ino")
    if not isinstance(name, str) or not _SAFE_STEM.fullmatch(name):
        raise ValueError(f"{name!r} is not an output file name")
    if not isinstance(new, str) or not _TEMPORARY.fullmatch(new) or not new.endswith(".new"):
        raise ValueError(f"{new!r} is not a temporary file name")
    if old is not None and (
        not isinstance(old, str) or not _TEMPORARY.fullmatch(old) or not old.endswith(".old")
    ):
        raise ValueError(f"{old!r} is not the name of a kept earlier version")
    if type(new_ino) is not int or not (old_ino is None or type(old_ino) is int):
        raise ValueError(f"the inode numbers of {name!r} are not integers")
    return _Entry(name, new, old, new_ino, old_ino)
