"""The cache of chart pictures (nas_press.writers.chart_cache): saves drawing, changes no output.

Each damage a cached file or folder can suffer (a flipped byte, a file cut
short or extended, the file of another chart, write permission for others,
a symbolic link, another owner) must leave the rendered page byte-identical
to a fresh render, with no exception. The tests run as root, which owns
every file, so another owner is simulated through ``chart_cache._owned``,
the one function that compares a file's owner with the user (a test of its
own checks that comparison). Drawing a chart takes some 80 ms, so in the
battery of flipped bytes the picture is drawn once for real and then handed
out again by a stand-in for ``_draw`` that counts its calls: a call means the
damaged file was refused.
"""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests.conftest import ROOT, load_example

import nas_press
from nas_press.document import Chart, Document
from nas_press.writers import chart_cache, charts as _charts

needs_posix = pytest.mark.skipif(
    not chart_cache._supported(), reason="the cache is kept only on POSIX systems"
)
pytestmark = needs_posix


def charts_of(document: Document) -> list[Chart]:
    """The chart blocks of a document, in order."""
    return [block for block in document.blocks if isinstance(block, Chart)]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder for this test, and no picture kept in memory; the charts folder."""
    monkeypatch.setenv(chart_cache.CACHE_ENV, str(tmp_path / "cache"))
    _charts._picture.cache_clear()
    yield tmp_path / "cache" / "charts"
    _charts._picture.cache_clear()


class Drawings:
    """A stand-in for ``_draw``: the real picture, drawn once per chart, and a count of calls."""

    def __init__(self) -> None:
        self.calls = 0
        self.real = _charts._draw
        self.drawn: dict[str, bytes] = {}

    def __call__(self, drawing: Chart) -> bytes:
        self.calls += 1
        key = repr(drawing)
        if key not in self.drawn:
            self.drawn[key] = self.real(drawing)
        return self.drawn[key]


@pytest.fixture
def draws(monkeypatch: pytest.MonkeyPatch) -> Drawings:
    """Count the charts drawn; each is drawn for real only once."""
    drawings = Drawings()
    monkeypatch.setattr(_charts, "_draw", drawings)
    return drawings


@pytest.fixture(scope="module")
def document() -> Document:
    """The English 2025 example, which has one chart."""
    return nas_press.render(load_example("2025-h1"), "en")


@pytest.fixture(scope="module")
def fresh(document: Document) -> str:
    """The page of the English 2025 example rendered with no cache at all."""
    previous = os.environ.get(chart_cache.CACHE_ENV)
    os.environ[chart_cache.CACHE_ENV] = ""
    _charts._picture.cache_clear()
    try:
        return nas_press.to_html(document)
    finally:
        _charts._picture.cache_clear()
        if previous is None:
            del os.environ[chart_cache.CACHE_ENV]
        else:
            os.environ[chart_cache.CACHE_ENV] = previous


def page(document: Document) -> str:
    """The document's page, with no picture kept in memory from before."""
    _charts._picture.cache_clear()
    return nas_press.to_html(document)


def the_file(folder: Path) -> Path:
    """The one picture file in ``folder``."""
    (path,) = [p for p in folder.iterdir() if p.suffix == ".png"]
    return path


def filled(document: Document, cache: Path) -> tuple[Path, bytes]:
    """Render once so that the cache holds the chart; its file and the file's bytes."""
    page(document)
    path = the_file(cache)
    return path, path.read_bytes()


class TestFolder:
    def test_variable_names_the_folder(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """NAS_PRESS_CACHE_DIR names the cache folder; the pictures go into its charts/."""
        monkeypatch.setenv(chart_cache.CACHE_ENV, str(tmp_path / "x"))
        assert tmp_path / "x" / "charts" == chart_cache.folder()

    def test_empty_variable_turns_the_cache_off(
        self,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        document: Document,
        fresh: str,
    ) -> None:
        """NAS_PRESS_CACHE_DIR='' keeps nothing on disk, anywhere."""
        monkeypatch.setenv(chart_cache.CACHE_ENV, "")
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
        monkeypatch.setenv("HOME", str(tmp_path / "home"))

        assert chart_cache.folder() is None
        assert fresh == page(document)
        assert [] == list(tmp_path.iterdir())

    def test_default_is_platformdirs(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without the variable, the folder is platformdirs' user cache folder for nas_press."""
        import platformdirs

        monkeypatch.delenv(chart_cache.CACHE_ENV, raising=False)
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
        expected = Path(platformdirs.user_cache_dir("nas_press", appauthor=False)) / "charts"

        assert expected == chart_cache.folder()
        if sys.platform == "linux":
            assert tmp_path / "nas_press" / "charts" == chart_cache.folder()

    def test_created_private(self, cache: Path, document: Document) -> None:
        """The folders are made 0700 and the files 0600, whatever the umask lets through."""
        umask = os.umask(0)
        try:
            page(document)
        finally:
            os.umask(umask)
        assert 0o700 == stat.S_IMODE(cache.stat().st_mode)
        assert 0o700 == stat.S_IMODE(cache.parent.stat().st_mode)
        assert 0o600 == stat.S_IMODE(the_file(cache).stat().st_mode)

    def test_unusable_folder_costs_the_cache_only(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, document: Document, fresh: str
    ) -> None:
        """A cache 'folder' under a file: the page is the same, nothing is kept."""
        (tmp_path / "file").write_text("not a folder")
        monkeypatch.setenv(chart_cache.CACHE_ENV, str(tmp_path / "file" / "cache"))

        assert fresh == page(document)
        assert [tmp_path / "file"] == list(tmp_path.iterdir())


class TestUse:
    def test_second_render_draws_nothing(
        self, cache: Path, draws: Drawings, document: Document, fresh: str
    ) -> None:
        """Once drawn, a chart comes from the cache, with the same page."""
        assert fresh == page(document)
        assert fresh == page(document)
        assert 1 == draws.calls

    def test_file_is_named_and_headed_by_digests(self, cache: Path, document: Document) -> None:
        """File name: SHA-256 of the drawing's key; content: a header with the PNG's SHA-256."""
        (chart,) = charts_of(document)
        path, data = filled(document, cache)
        png = _charts._picture(chart)
        fingerprint = _charts._fingerprint()
        assert fingerprint is not None
        key = _charts._frame(fingerprint, repr(chart).encode("utf-8"))
        name = hashlib.sha256(key).hexdigest()

        assert f"{name}.png" == path.name
        header = b"nas_press chart 2\n" + name.encode() + b"\n"
        assert header + hashlib.sha256(png).hexdigest().encode() + b"\n" + png == data

    def test_later_process_imports_no_matplotlib(self, cache: Path) -> None:
        """A process that finds the chart in the cache does not import matplotlib."""
        script = (
            "import sys, nas_press\n"
            "release = nas_press.load_release('examples/2025-h1.toml')\n"
            "page = nas_press.to_html(nas_press.render(release, 'en'))\n"
            "print(len(page), 'matplotlib' in sys.modules)\n"
        )
        environment = {**os.environ, chart_cache.CACHE_ENV: str(cache.parent)}
        runs = [
            subprocess.run(
                [sys.executable, "-c", script],
                cwd=ROOT,
                env=environment,
                capture_output=True,
                text=True,
                check=True,
                timeout=120,
            ).stdout.split()
            for _ in range(2)
        ]
        assert runs[0][0] == runs[1][0]
        assert ["True", "False"] == [run[1] for run in runs]


def positions(size: int) -> list[int]:
    """Every byte of the header, every 97th byte of the rest and the last 64, in order."""
    return sorted({*range(chart_cache._HEADER), *range(0, size, 97), *range(size - 64, size)})


class TestDamage:
    def test_flipped_bytes(
        self, cache: Path, draws: Drawings, document: Document, fresh: str
    ) -> None:
        """Each byte flipped in turn (a sample, see positions()): the page is the same, redrawn."""
        path, data = filled(document, cache)
        sample = positions(len(data))
        assert len(sample) > 500
        for at in sample:
            damaged = bytearray(data)
            damaged[at] ^= 0xFF
            path.write_bytes(damaged)
            before = draws.calls

            assert fresh == page(document), f"byte {at} flipped"
            assert before + 1 == draws.calls, f"byte {at} flipped, yet the file was used"
            assert data == path.read_bytes(), f"byte {at}: the file was not made anew"

    @pytest.mark.parametrize(
        "change",
        [
            lambda data: b"",
            lambda data: data[:1],
            lambda data: data[: chart_cache._HEADER - 1],
            lambda data: data[: chart_cache._HEADER],
            lambda data: data[:-1],
            lambda data: data[: len(data) // 2],
            lambda data: data + b"\0",
            lambda data: data + data,
            lambda data: data.replace(b"\n", b"\r\n", 1),
        ],
        ids=[
            "empty",
            "one-byte",
            "header-but-one",
            "header-only",
            "last-byte-cut",
            "half",
            "extended",
            "doubled",
            "crlf",
        ],
    )
    def test_truncated_or_extended(
        self,
        cache: Path,
        draws: Drawings,
        document: Document,
        fresh: str,
        change: Callable[[bytes], bytes],
    ) -> None:
        """A file cut short or extended is refused and made anew; the page is the same."""
        path, data = filled(document, cache)
        path.write_bytes(change(data))

        assert fresh == page(document)
        assert 2 == draws.calls
        assert data == path.read_bytes()

    def test_file_of_another_chart(self, cache: Path, draws: Drawings) -> None:
        """Another chart's intact file put under this chart's name is refused."""
        document = nas_press.render(load_example("2018-h1"), "sv")
        first, second = charts_of(document)
        expected = (_charts._picture(first), _charts._picture(second))
        files = sorted(cache.iterdir())
        assert 2 == len(files)
        files[1].write_bytes(files[0].read_bytes())
        _charts._picture.cache_clear()
        before = draws.calls

        assert expected == (_charts._picture(first), _charts._picture(second))
        assert before + 1 == draws.calls

    def test_oversized_file_is_not_read(
        self, cache: Path, draws: Drawings, document: Document, fresh: str
    ) -> None:
        """A file larger than any picture is refused unread, and replaced."""
        path, data = filled(document, cache)
        with path.open("ab") as handle:
            handle.truncate(chart_cache.MAX_FILE + 1)

        assert fresh == page(document)
        assert data == path.read_bytes()


class TestPermissions:
    @pytest.mark.parametrize("bits", [stat.S_IWGRP, stat.S_IWOTH])
    def test_file_others_can_write_is_not_used(
        self, cache: Path, draws: Drawings, document: Document, fresh: str, bits: int
    ) -> None:
        """A file writable by the group or by others is refused and replaced by a private one."""
        path, _ = filled(document, cache)
        path.chmod(0o600 | bits)

        assert fresh == page(document)
        assert 2 == draws.calls
        assert 0o600 == stat.S_IMODE(path.stat().st_mode)

    @pytest.mark.parametrize("level", ["charts", "cache"])
    @pytest.mark.parametrize("bits", [stat.S_IWGRP, stat.S_IWOTH])
    def test_folder_others_can_write_is_not_used(
        self,
        cache: Path,
        draws: Drawings,
        document: Document,
        fresh: str,
        level: str,
        bits: int,
    ) -> None:
        """A folder others can write into is neither read nor written."""
        path, data = filled(document, cache)
        folder = cache if level == "charts" else cache.parent
        folder.chmod(0o700 | bits)
        path.write_bytes(data[:-1])
        try:
            assert fresh == page(document)
            assert fresh == page(document)
        finally:
            folder.chmod(0o700)
        assert 3 == draws.calls
        assert data[:-1] == path.read_bytes()

    def test_symlink_in_place_of_the_file(
        self, cache: Path, tmp_path: Path, draws: Drawings, document: Document, fresh: str
    ) -> None:
        """A link in place of a picture file is not followed: its target is neither read nor
        changed, and the link gives way to a file of ours."""
        path, data = filled(document, cache)
        target = tmp_path / "elsewhere.png"
        target.write_bytes(data)
        path.unlink()
        path.symlink_to(target)

        assert fresh == page(document)
        assert 2 == draws.calls
        assert data == target.read_bytes()
        assert not path.is_symlink()
        assert data == path.read_bytes()

    @pytest.mark.parametrize("level", ["charts", "cache"])
    def test_symlink_in_place_of_the_folder(
        self,
        cache: Path,
        tmp_path: Path,
        draws: Drawings,
        document: Document,
        fresh: str,
        level: str,
    ) -> None:
        """A link in place of either folder is not followed, even to a good private folder."""
        filled(document, cache)
        folder = cache if level == "charts" else cache.parent
        moved = tmp_path / f"moved-{level}"
        folder.rename(moved)
        folder.symlink_to(moved)
        inside = sorted(p.relative_to(moved) for p in moved.rglob("*"))

        assert fresh == page(document)
        assert 2 == draws.calls
        assert inside == sorted(p.relative_to(moved) for p in moved.rglob("*"))
        assert folder.is_symlink()

    def test_file_of_another_owner_is_not_used(
        self,
        cache: Path,
        monkeypatch: pytest.MonkeyPatch,
        draws: Drawings,
        document: Document,
        fresh: str,
    ) -> None:
        """A picture file owned by someone else (simulated: see the module) is not used."""
        filled(document, cache)
        real = chart_cache._owned
        monkeypatch.setattr(
            chart_cache, "_owned", lambda info: real(info) and not stat.S_ISREG(info.st_mode)
        )

        assert fresh == page(document)
        assert 2 == draws.calls

    def test_folder_of_another_owner_is_not_used(
        self,
        cache: Path,
        monkeypatch: pytest.MonkeyPatch,
        draws: Drawings,
        document: Document,
        fresh: str,
    ) -> None:
        """A folder owned by someone else (simulated) is neither read nor written."""
        path, data = filled(document, cache)
        path.write_bytes(data[:-1])
        real = chart_cache._owned
        monkeypatch.setattr(
            chart_cache, "_owned", lambda info: real(info) and not stat.S_ISDIR(info.st_mode)
        )

        assert fresh == page(document)
        assert 2 == draws.calls
        assert data[:-1] == path.read_bytes()

    def test_owner_is_compared_with_the_user(self, tmp_path: Path) -> None:
        """_owned is true of the user's own file and false of a file with another owner id."""
        info = (tmp_path).stat()
        other = os.stat_result((info.st_mode, *info[1:4], os.geteuid() + 1, *info[5:]))

        assert chart_cache._owned(info)
        assert not chart_cache._owned(other)


class TestLimit:
    def test_least_recently_used_go_first(
        self, cache: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Over the limit, the files used longest ago are deleted; other files are left alone."""
        png = b"\x89PNG" + bytes(1000)
        chart_cache.store(b"first", png)
        size = the_file(cache).stat().st_size
        (cache / "notes.txt").write_text("not ours")
        for key in (b"second", b"third"):
            chart_cache.store(key, png)
        keys = (b"first", b"second", b"third", b"fourth")
        names = {key: hashlib.sha256(key).hexdigest() + ".png" for key in keys}
        for age, key in enumerate([b"first", b"second", b"third"]):
            os.utime(cache / names[key], (1_000_000 + age, 1_000_000 + age))
        assert png == chart_cache.load(b"first")  # used now: the most recent
        monkeypatch.setattr(chart_cache, "LIMIT", 3 * size)

        chart_cache.store(b"fourth", png)
        kept = sorted(p.name for p in cache.iterdir())
        assert sorted([names[b"first"], names[b"third"], names[b"fourth"], "notes.txt"]) == kept

    def test_default_limit(self) -> None:
        """The folder of pictures holds at most 20 MiB."""
        assert 20 * 1024 * 1024 == chart_cache.LIMIT


class TestEveryByte:
    def test_every_byte_flipped_is_refused(
        self, cache: Path, document: Document, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Every byte of a cached file flipped in turn, each of its eight bits in the header
        and the PNG signature: the file is never handed out, so the chart is drawn anew and
        the output cannot change. (The file is flipped in place and, for speed, not deleted
        after each refusal.)"""
        path, data = filled(document, cache)
        (chart,) = charts_of(document)
        key = _key_of(chart)
        assert chart_cache.load(key) == data[chart_cache._HEADER :]
        refused: list[str] = []
        monkeypatch.setattr(chart_cache, "_unlink", lambda charts, name: refused.append(name))
        signature = chart_cache._HEADER + 8
        with path.open("r+b", buffering=0) as file:
            for at in range(len(data)):
                for mask in (*(1 << bit for bit in range(8)), 0xFF) if at < signature else (0xFF,):
                    os.pwrite(file.fileno(), bytes([data[at] ^ mask]), at)
                    assert chart_cache.load(key) is None, f"byte {at} ^ {mask:#x} was used"
                os.pwrite(file.fileno(), data[at : at + 1], at)
        assert len(refused) == len(data) + 8 * signature
        assert chart_cache.load(key) == data[chart_cache._HEADER :]


def _key_of(chart: Chart) -> bytes:
    """The cache key of ``chart``, as nas_press.writers.charts makes it."""
    fingerprint = _charts._fingerprint()
    assert fingerprint is not None
    return _charts._frame(fingerprint, repr(chart).encode("utf-8", "surrogatepass"))


needs_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing a file's owner needs root"
)


@needs_root
class TestRealOwners:
    """Files and folders really given to another user (``os.chown``, as root)."""

    OTHER = 54321

    def test_file_of_another_user(
        self, cache: Path, draws: Drawings, document: Document, fresh: str
    ) -> None:
        """Another user's file is not used; the chart is drawn anew and kept in a file of the
        user's own."""
        path, data = filled(document, cache)
        os.chown(path, self.OTHER, self.OTHER)

        assert fresh == page(document)
        assert 2 == draws.calls
        assert path.stat().st_uid == os.geteuid()  # replaced by a file of ours
        assert data == path.read_bytes()

    @pytest.mark.parametrize("level", ["charts", "cache"])
    def test_folder_of_another_user(
        self, cache: Path, draws: Drawings, document: Document, fresh: str, level: str
    ) -> None:
        """A folder of another user is neither read nor written."""
        path, data = filled(document, cache)
        folder = cache if level == "charts" else cache.parent
        os.chown(folder, self.OTHER, self.OTHER)
        path.write_bytes(data[:-1])
        try:
            assert fresh == page(document)
            assert fresh == page(document)
        finally:
            os.chown(folder, 0, 0)
        assert 3 == draws.calls
        assert data[:-1] == path.read_bytes()

    def test_file_of_another_user_writable_by_all(
        self, cache: Path, draws: Drawings, document: Document, fresh: str
    ) -> None:
        """A planted file, another user's and writable by all, is not used."""
        path, _ = filled(document, cache)
        os.chown(path, self.OTHER, self.OTHER)
        path.chmod(0o666)

        assert fresh == page(document)
        assert 2 == draws.calls


def _calls_in(path: Path) -> set[str]:
    """The names of modules and functions that run or load code or data as code in ``path``."""
    import ast

    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
            found |= {n for n in names if n.split(".")[0] in _UNSAFE_MODULES}
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("exec", "eval", "__import__")
        ):
            found.add(node.func.id)
    return found


_UNSAFE_MODULES = frozenset({"marshal", "pickle", "shelve", "dill", "cloudpickle", "runpy"})
_MODULES = sorted(
    p.relative_to(ROOT / "src").as_posix()
    for p in (ROOT / "src" / "nas_press").rglob("*.py")
    if "_compiled" not in p.parts
)


@pytest.mark.parametrize("module", _MODULES)
def test_nothing_is_executed_or_unmarshalled(module: str) -> None:
    """No module of nas_press unmarshals, unpickles or executes anything, so no file of a
    cache folder can ever run as code (compiled templates are the package's own files)."""
    assert _calls_in(ROOT / "src" / module) == set()
