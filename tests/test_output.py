"""Writing output files all or none (nas_press.output)."""

from __future__ import annotations

import errno
import functools
import os
import random
import re
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import LANGS, load_example

import nas_press
from nas_press import output as _output
from nas_press._api import render_outputs
from nas_press.output import (
    JOURNAL_NAME,
    LOCK_NAME,
    OutputError,
    recover,
    write_outputs,
)

OLD = {
    "r.fi.txt": b"old fi\n",
    "r.sv.txt": b"old sv\n",
    "r.en.docx": b"old en\n",
    "r.fi.md": b"old, and not rendered again\n",
}
"""What the output folder holds before a render."""

NEW = {
    "r.fi.txt": b"new fi\n",
    "r.sv.txt": b"new sv\n",
    "r.en.docx": b"new en\n",
    "r.en.html": b"new, and not there before\n",
}
"""What the render writes: three files replace earlier ones, one is added."""

WRITING = ("open", "write", "fsync", "link", "rename", "replace", "unlink")
"""The os functions through which write_outputs changes the file system."""


def contents(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` with its bytes."""
    return {path.name: path.read_bytes() for path in folder.iterdir()}


def visible(folder: Path) -> dict[str, bytes]:
    """The files in ``folder`` other than the lock file (which is empty and harmless)."""
    return {name: data for name, data in contents(folder).items() if name != LOCK_NAME}


def holding(folder: Path, files: dict[str, bytes]) -> Path:
    """Create ``folder`` holding ``files``."""
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


class Faults:
    """Records every call of the os functions in WRITING and makes the k-th one fail.

    With ``persistent``, every later call fails too, as on a disk that went away.
    """

    def __init__(
        self, fail_at: int = 0, *, persistent: bool = False, error: type[BaseException] = OSError
    ) -> None:
        self.fail_at = fail_at
        self.persistent = persistent
        self.error = error
        self.calls: list[str] = []

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Put the counting wrappers in place of the os functions."""
        for name in WRITING:
            monkeypatch.setattr(os, name, self._wrap(name, getattr(os, name)))

    def _wrap(self, name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls.append(" ".join([name, *(Path(str(a)).name for a in args[:2])]))
            count = len(self.calls)
            if count == self.fail_at or (self.persistent and 0 < self.fail_at < count):
                if self.error is not OSError:
                    raise self.error
                raise OSError(errno.EIO, f"injected failure of os.{name}")
            return real(*args, **kwargs)

        return call


def attempt(
    monkeypatch: pytest.MonkeyPatch, faults: Faults, action: Callable[[], object]
) -> str | None:
    """Run ``action`` with ``faults`` installed; return the OutputError's message, if any."""
    with monkeypatch.context() as patch:
        faults.install(patch)
        try:
            action()
        except OutputError as exc:
            return str(exc)
    return None


def counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The calls a render of NEW into a folder holding OLD makes, none failing."""
    faults = Faults()
    folder = holding(tmp_path / "counted", OLD)
    assert attempt(monkeypatch, faults, functools.partial(write_outputs, NEW, folder)) is None
    assert OLD | NEW == contents(folder)
    return faults.calls


def commit_point(calls: list[str]) -> int:
    """The number of the call that completes the render: removing the journal."""
    return calls.index(f"unlink {JOURNAL_NAME}") + 1


def check_described(message: str, folder: Path) -> None:
    """Assert that ``message`` says which file holds which version, as the folder shows."""
    after = contents(folder)
    for name in OLD | NEW:
        path = folder / name
        if name in NEW and after.get(name) == NEW[name]:
            state = "holds the new version" if name in OLD else "is new"
            assert f"{path} {state}" in message, (name, message)
        elif name in OLD and name not in after:
            assert f"{path} is missing" in message, (name, message)
        else:
            assert OLD.get(name) == after.get(name), name
            for state in ("holds", "is missing", "is new"):
                assert f"{path} {state}" not in message, (name, message)
    kept_as = r"(\S+) (?:holds|is)[^;]*?, and its earlier version is kept as ([^\s;]+)"
    for path, kept in re.findall(kept_as, message):
        assert OLD[Path(path).name] == Path(kept).read_bytes(), (path, kept)


class TestNames:
    @pytest.mark.parametrize(
        "name", ["../x.txt", "/tmp/x.txt", "a/b.txt", "..", ".hidden", "x.txt\n"]
    )
    def test_name_cannot_leave_the_folder(self, name: str, tmp_path: Path) -> None:
        """A file name with a folder part, or a hidden, parent or multi-line name, is refused."""
        with pytest.raises(OutputError):
            write_outputs({name: b"x"}, tmp_path / "out")
        assert not (tmp_path / "x.txt").exists()

    @pytest.mark.parametrize("stem", ["../escape", "a/b", "..", "x\n"])
    def test_stem_cannot_leave_the_folder(self, stem: str) -> None:
        """A stem that names another folder is refused before anything is rendered."""
        with pytest.raises(OutputError):
            render_outputs(load_example("2025-h1"), stem, ("en",), ("txt",))


class TestWrite:
    def test_writes_every_file(self, tmp_path: Path) -> None:
        """On success every file is in place with its bytes, and nothing else."""
        written = write_outputs({"a.txt": b"a\n", "b.docx": b"PK"}, tmp_path / "new" / "out")
        assert [tmp_path / "new" / "out" / "a.txt", tmp_path / "new" / "out" / "b.docx"] == written
        assert {"a.txt": b"a\n", "b.docx": b"PK"} == contents(tmp_path / "new" / "out")

    def test_replaces_the_earlier_set(self, tmp_path: Path) -> None:
        """A render into a folder holding earlier files replaces them and keeps the others."""
        folder = holding(tmp_path / "out", OLD)
        write_outputs(NEW, folder)
        assert OLD | NEW == contents(folder)

    @pytest.mark.parametrize("umask", [0o077, 0o027, 0o022, 0o002])
    def test_mode_follows_the_umask(self, umask: int, tmp_path: Path) -> None:
        """New files get 0666 less the umask: an embargoed release under umask 077 is private."""
        folder = holding(tmp_path / "out", OLD)
        previous = os.umask(umask)
        try:
            write_outputs(NEW, folder)
        finally:
            os.umask(previous)
        modes = {name: stat.S_IMODE((folder / name).stat().st_mode) for name in NEW}
        assert {name: 0o666 & ~umask for name in NEW} == modes


class TestTargets:
    def test_a_folder_in_the_way(self, tmp_path: Path) -> None:
        """A target that is a folder is refused before any file is replaced."""
        folder = holding(tmp_path / "out", OLD)
        (folder / "r.sv.txt").unlink()
        (folder / "r.sv.txt").mkdir()
        with pytest.raises(OutputError) as caught:
            write_outputs(NEW, folder)
        assert (
            f"cannot write into {folder}: {folder / 'r.sv.txt'} is a folder, not a file: "
            "remove or rename it; nothing was changed"
        ) == str(caught.value)
        assert {n: d for n, d in OLD.items() if n != "r.sv.txt"} == {
            p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()
        }
        assert [] == list((folder / "r.sv.txt").iterdir())

    def test_every_problem_at_once(self, tmp_path: Path) -> None:
        """A symbolic link, a pipe and a folder are each named with the reason, in one message."""
        folder = holding(tmp_path / "out", {})
        (tmp_path / "elsewhere.txt").write_bytes(b"not ours\n")
        (folder / "r.fi.txt").symlink_to(tmp_path / "elsewhere.txt")
        os.mkfifo(folder / "r.sv.txt")
        (folder / "r.en.docx").mkdir()
        with pytest.raises(OutputError) as caught:
            write_outputs(NEW, folder)
        message = str(caught.value)
        assert f"{folder / 'r.fi.txt'} is a symbolic link" in message
        assert f"{folder / 'r.sv.txt'} is not a regular file" in message
        assert f"{folder / 'r.en.docx'} is a folder" in message
        assert message.endswith("; nothing was changed")
        assert b"not ours\n" == (tmp_path / "elsewhere.txt").read_bytes()
        assert ["r.en.docx", "r.fi.txt", "r.sv.txt"] == sorted(os.listdir(folder))

    def test_read_only_target(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file its user may not write is refused.

        The suite runs as root, for whom every file is writable, so ``os.access``
        answers as it would for the file's owner without root's privilege.
        """
        folder = holding(tmp_path / "out", OLD)
        (folder / "r.fi.txt").chmod(0o444)
        real_access = os.access

        def access(path: Any, mode: int, **kwargs: Any) -> bool:
            if mode & os.W_OK and not os.stat(path).st_mode & stat.S_IWUSR:
                return False
            return real_access(path, mode, **kwargs)

        monkeypatch.setattr(os, "access", access)
        with pytest.raises(OutputError, match=r"r\.fi\.txt is read-only: make it writable"):
            write_outputs(NEW, folder)
        assert OLD == contents(folder)

    def test_file_of_another_user_in_a_sticky_folder(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """In a folder with the sticky bit, a file another user owns is refused.

        ``os.geteuid`` is replaced so that the render runs as a user who owns
        neither the file nor the folder (the suite runs as root, who may replace it).
        """
        folder = holding(tmp_path / "out", OLD)
        folder.chmod(0o1777)
        owner = (folder / "r.sv.txt").stat().st_uid
        monkeypatch.setattr(os, "geteuid", lambda: owner + 4242)
        with pytest.raises(OutputError) as caught:
            write_outputs(NEW, folder)
        assert (
            f"{folder / 'r.sv.txt'} belongs to another user (uid {owner}), and in a folder "
            "with the sticky bit, such as /tmp, only its owner may replace it"
        ) in str(caught.value)
        assert OLD == contents(folder)
        folder.chmod(0o777)
        write_outputs(NEW, folder)
        assert OLD | NEW == contents(folder)

    def test_names_differing_in_case(self, tmp_path: Path) -> None:
        """A name that differs only in case from another output or an existing file is refused."""
        folder = holding(tmp_path / "out", {"R.fi.txt": b"old\n"})
        with pytest.raises(OutputError) as caught:
            write_outputs({"r.fi.txt": b"new\n"}, folder)
        assert f"{folder / 'r.fi.txt'} differs only in case from the existing" in str(caught.value)
        with pytest.raises(OutputError, match="differ only in case"):
            write_outputs({"a.txt": b"1", "A.txt": b"2"}, folder)
        assert {"R.fi.txt": b"old\n"} == contents(folder)

    def test_name_too_long(self, tmp_path: Path) -> None:
        """A name longer than the folder allows is refused before anything is written."""
        folder = holding(tmp_path / "out", OLD)
        with pytest.raises(OutputError, match="the name is longer than the 255 bytes"):
            write_outputs({"r.fi.txt": b"new\n", "x" * 256: b"new\n"}, folder)
        assert OLD == contents(folder)


class TestFailures:
    def test_failure_while_rendering_writes_nothing(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """If the last language fails, no file is written and the folder is as it was."""
        out = tmp_path / "out"
        out.mkdir()
        (out / "2025-h1.fi.txt").write_bytes(b"old\n")
        import nas_press.writers.text as text_module

        real = text_module.write

        def failing(document: Any, options: Any) -> bytes:
            if document.lang == "en":
                raise nas_press.TemplateError("broken on purpose", "templates/en/x.j2", 1)
            return real(document, options)

        monkeypatch.setattr(text_module, "write", failing)
        with pytest.raises(nas_press.TemplateError):
            nas_press.render_files(load_example("2025-h1"), out, formats=["txt"])
        assert {"2025-h1.fi.txt": b"old\n"} == contents(out)

    def test_any_one_operation_fails(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Whichever open, write, fsync, link, rename, replace or unlink fails, the folder
        holds exactly the earlier set or exactly the new one, and the message says which.

        Before the journal is removed, a failure puts everything back ("nothing was
        changed") unless it is a hard link, for which a rename stands in. After it,
        the render has succeeded; what could not be tidied the next render removes.
        """
        calls = counted(tmp_path, monkeypatch)
        commit = commit_point(calls)
        assert 30 <= len(calls), calls
        for k, call in enumerate(calls, start=1):
            folder = holding(tmp_path / f"k{k}", OLD)
            message = attempt(monkeypatch, Faults(k), functools.partial(write_outputs, NEW, folder))
            where = (k, call, message)
            if call.startswith("link") or k > commit:
                assert message is None, where
                assert OLD | NEW == {n: d for n, d in contents(folder).items() if n[0] != "."}
                left = [n for n in os.listdir(folder) if n[0] == "."]
                assert all(_output._TEMPORARY.fullmatch(n) or n == LOCK_NAME for n in left), where
                recover(folder)
                assert OLD | NEW == contents(folder), where
            else:
                assert message is not None, where
                assert OLD == contents(folder), where
                assert message.endswith("; nothing was changed"), where
                assert f"injected failure of os.{call.split()[0]}" in message, where
                put_back = "the earlier files were put back" in message
                first_link = next(n for n, c in enumerate(calls, start=1) if c.startswith("link"))
                assert (first_link < k <= commit) == put_back, where

    def test_every_operation_fails_from_the_kth_on(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """When every operation fails from the k-th on, so that the earlier files cannot
        all be put back, the message says which file holds which version and where each
        earlier version is kept; the next render's recovery restores the earlier set."""
        calls = counted(tmp_path, monkeypatch)
        commit = commit_point(calls)
        for k, call in enumerate(calls, start=1):
            folder = holding(tmp_path / f"k{k}", OLD)
            faults = Faults(k, persistent=True)
            message = attempt(monkeypatch, faults, functools.partial(write_outputs, NEW, folder))
            where = (k, call, message)
            if message is None:
                assert k > commit, where
                assert OLD | NEW == {n: d for n, d in contents(folder).items() if n[0] != "."}
                recover(folder)
                assert OLD | NEW == contents(folder), where
                continue
            assert k <= commit, where
            check_described(message, folder)
            assert (OLD == visible(folder)) == message.endswith("nothing was changed"), where
            if (folder / JOURNAL_NAME).exists():
                assert str(folder / JOURNAL_NAME) in message, where
            recover(folder)
            assert OLD == contents(folder), where

    def test_interrupt_leaves_the_earlier_set(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Ctrl-C while writing or renaming stops the render and leaves the earlier files."""
        calls = counted(tmp_path, monkeypatch)
        for k, call in enumerate(calls[: commit_point(calls)], start=1):
            folder = holding(tmp_path / f"k{k}", OLD)
            with monkeypatch.context() as patch:
                Faults(k, error=KeyboardInterrupt).install(patch)
                with pytest.raises(KeyboardInterrupt):
                    write_outputs(NEW, folder)
            assert OLD == contents(folder), (k, call)

    def test_recovery_interrupted_at_any_point(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A recovery that itself fails at any operation is finished by the next one."""
        calls = counted(tmp_path, monkeypatch)
        replaces = [k for k, c in enumerate(calls, start=1) if c.startswith("replace .nas-press")]
        half_done = replaces[-2]  # two of the four files were replaced, then the disk went away

        def interrupted(folder: Path) -> Path:
            holding(folder, OLD)
            message = attempt(
                monkeypatch, Faults(half_done, persistent=True), lambda: write_outputs(NEW, folder)
            )
            assert message is not None
            assert "putting the earlier files back failed" in message
            return folder

        counting = Faults()
        folder = interrupted(tmp_path / "counting")
        assert attempt(monkeypatch, counting, lambda: recover(folder)) is None
        assert OLD == contents(folder)
        for k, call in enumerate(counting.calls, start=1):
            folder = interrupted(tmp_path / f"k{k}")
            message = attempt(monkeypatch, Faults(k), functools.partial(recover, folder))
            if message is not None:
                assert "injected failure" in message, (k, call, message)
            recover(folder)
            assert OLD == contents(folder), (k, call, message)


class TestRecovery:
    def test_interrupted_render_is_rolled_back(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A render that stopped half-way is undone by the next render, before it writes."""
        calls = counted(tmp_path, monkeypatch)
        folder = holding(tmp_path / "out", OLD)
        stop = commit_point(calls) - 1  # every file replaced, the render not yet complete
        faults = Faults(stop, persistent=True)
        assert (
            attempt(monkeypatch, faults, functools.partial(write_outputs, NEW, folder)) is not None
        )
        assert (folder / JOURNAL_NAME).exists()
        assert OLD | NEW == {n: d for n, d in contents(folder).items() if n[0] != "."}
        write_outputs({"r.fi.txt": b"newest fi\n"}, folder)
        assert OLD | {"r.fi.txt": b"newest fi\n"} == contents(folder)

    def test_only_own_temporary_files_are_removed(self, tmp_path: Path) -> None:
        """Files named as this module's temporary files are removed; nothing else is."""
        folder = holding(tmp_path / "out", OLD)
        ours = [".nas-press.0123456789abcdef.0.new", ".nas-press.0123456789abcdef.12.old"]
        ours.append(".nas-press.fedcba9876543210.journal")
        others = [
            ".nas-press.notes",
            ".nas-press.0123456789abcdef.0.new.bak",
            ".nas-press.0123456789ABCDEF.0.new",
            ".r.fi.txt.k2j3x9ab.tmp",
            "notes.tmp",
        ]
        for name in ours + others:
            (folder / name).write_bytes(b"x")
        (folder / ".nas-press.0123456789abcdef.1.new").mkdir()
        write_outputs(NEW, folder)
        left = set(os.listdir(folder)) - set(OLD | NEW)
        assert {*others, ".nas-press.0123456789abcdef.1.new"} == left

    @pytest.mark.parametrize(
        ("journal", "reason"),
        [
            (b"{not json", "Expecting"),
            (b'{"nas_press_journal": 2, "files": []}', "not a nas_press journal of version 1"),
            (
                b'{"nas_press_journal": 1, "files": [{"name": "../victim.txt", '
                b'"new": ".nas-press.0123456789abcdef.0.new", "old": null, '
                b'"new_ino": 1, "old_ino": null}]}',
                "'../victim.txt' is not an output file name",
            ),
            (
                b'{"nas_press_journal": 1, "files": [{"name": "r.fi.txt", '
                b'"new": "r.sv.txt", "old": null, "new_ino": 1, "old_ino": null}]}',
                "'r.sv.txt' is not a temporary file name",
            ),
        ],
    )
    def test_damaged_journal_is_not_followed(
        self, journal: bytes, reason: str, tmp_path: Path
    ) -> None:
        """A journal that is damaged or names files outside the folder stops the render."""
        (tmp_path / "victim.txt").write_bytes(b"keep me\n")
        folder = holding(tmp_path / "out", OLD)
        (folder / JOURNAL_NAME).write_bytes(journal)
        with pytest.raises(OutputError) as caught:
            write_outputs(NEW, folder)
        assert f"{folder / JOURNAL_NAME} is damaged (" in str(caught.value)
        assert reason in str(caught.value)
        assert str(caught.value).endswith("check them, then remove it; nothing was changed")
        assert OLD | {JOURNAL_NAME: journal} == contents(folder)
        assert b"keep me\n" == (tmp_path / "victim.txt").read_bytes()

    def test_killed_at_random_points(self, tmp_path: Path) -> None:
        """A render killed with SIGKILL anywhere leaves a folder that the next recovery
        turns into exactly one complete set, without temporary files."""
        child = (
            "import sys\n"
            "from nas_press.output import write_outputs\n"
            "folder, version = sys.argv[1], int(sys.argv[2])\n"
            "names = [f'r.{l}.{f}' for l in ('fi', 'sv', 'en') for f in ('txt', 'docx')]\n"
            "print('ready', flush=True)\n"
            "while True:\n"
            "    write_outputs({n: f'{n} {version}\\n'.encode() * 20 for n in names}, folder)\n"
            "    version += 1\n"
        )
        names = [f"r.{lang}.{fmt}" for lang in LANGS for fmt in ("txt", "docx")]
        folder = tmp_path / "out"
        write_outputs({name: f"{name} 0\n".encode() * 20 for name in names}, folder)
        rng = random.Random(20261201)
        interrupted = rolled_back = 0
        for round_ in range(1, 61):
            process = subprocess.Popen(
                [sys.executable, "-c", child, str(folder), str(round_ * 1_000_000)],
                stdout=subprocess.PIPE,
            )
            assert process.stdout is not None
            assert b"ready\n" == process.stdout.readline()
            time.sleep(rng.uniform(0.0, 0.06))
            process.kill()
            process.wait()
            process.stdout.close()
            left = os.listdir(folder)
            interrupted += any(_output._TEMPORARY.fullmatch(name) for name in left)
            rolled_back += JOURNAL_NAME in left
            recover(folder)
            after = contents(folder)
            assert sorted(names) == sorted(after), round_
            versions = {data.split(b"\n", 1)[0].split()[1] for data in after.values()}
            assert 1 == len(versions), (round_, versions)
            (version,) = versions
            expected = {name: f"{name} {version.decode()}\n".encode() * 20 for name in names}
            assert expected == after, round_
        assert 15 <= interrupted, interrupted  # killed with temporary files in the folder
        assert 1 <= rolled_back, rolled_back  # killed between the journal and the last rename


class TestLock:
    def test_concurrent_renders_never_mix(self, tmp_path: Path) -> None:
        """Two renders into one folder at once leave one of the two sets, complete."""
        names = [f"r.{lang}.{fmt}" for lang in LANGS for fmt in ("txt", "md", "docx")]
        folder = tmp_path / "out"
        failures: list[Exception] = []

        def render(tag: str, round_: int, barrier: threading.Barrier) -> None:
            barrier.wait()
            try:
                write_outputs({n: f"{tag} {round_}\n".encode() * 1000 for n in names}, folder)
            except Exception as exc:  # reported by the assertion below
                failures.append(exc)

        for round_ in range(20):
            barrier = threading.Barrier(2)
            threads = [threading.Thread(target=render, args=(tag, round_, barrier)) for tag in "AB"]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert [] == failures
            after = contents(folder)
            assert sorted(names) == sorted(after)
            assert 1 == len(set(after.values())), (round_, sorted(set(after.values()))[:2])

    def test_waits_for_the_other_render(self, tmp_path: Path) -> None:
        """A render waits while another holds the folder's lock, then writes."""
        import fcntl

        folder = holding(tmp_path / "out", OLD)
        fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT)
        fcntl.flock(fd, fcntl.LOCK_EX)
        failures: list[Exception] = []

        def render() -> None:
            try:
                write_outputs(NEW, folder)
            except Exception as exc:  # reported by the assertion below
                failures.append(exc)

        writer = threading.Thread(target=render)
        writer.start()
        time.sleep(0.3)
        assert OLD == visible(folder)
        os.unlink(folder / LOCK_NAME)
        os.close(fd)
        writer.join()
        assert [] == failures
        assert OLD | NEW == contents(folder)

    def test_gives_up_after_the_timeout(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A render fails with a clear message if another process keeps the lock too long."""
        folder = holding(tmp_path / "out", OLD)
        holder = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import fcntl, os, sys\n"
                "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)\n"
                "fcntl.flock(fd, fcntl.LOCK_EX)\n"
                "print('locked', flush=True)\n"
                "sys.stdin.read()\n",
                str(folder / LOCK_NAME),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        assert holder.stdout is not None
        assert holder.stdin is not None
        try:
            assert b"locked\n" == holder.stdout.readline()
            monkeypatch.setattr(_output, "LOCK_TIMEOUT", 0.2)
            with pytest.raises(OutputError) as caught:
                write_outputs(NEW, folder)
            assert (
                f"another render has been writing into {folder} for 0.2 s (it holds "
                f"{folder / LOCK_NAME}); nothing was changed: render again when it has finished"
            ) == str(caught.value)
            assert OLD == visible(folder)
        finally:
            holder.stdin.close()
            holder.wait()
            holder.stdout.close()
        write_outputs(NEW, folder)
        assert OLD | NEW == contents(folder)
