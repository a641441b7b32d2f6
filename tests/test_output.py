"""Writing output files all or none (nas_press.output)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.conftest import load_example

import nas_press
from nas_press import output as _output
from nas_press._api import render_outputs
from nas_press.output import OutputError, write_outputs


class TestNames:
    @pytest.mark.parametrize("name", ["../x.txt", "/tmp/x.txt", "a/b.txt", "..", ".hidden"])
    def test_name_cannot_leave_the_folder(self, name: str, tmp_path: Path) -> None:
        """A file name with a folder part, or a hidden or parent name, is refused."""
        with pytest.raises(OutputError):
            write_outputs({name: b"x"}, tmp_path / "out")
        assert not (tmp_path / "x.txt").exists()

    @pytest.mark.parametrize("stem", ["../escape", "a/b", ".."])
    def test_stem_cannot_leave_the_folder(self, stem: str) -> None:
        """A stem that names another folder is refused before anything is rendered."""
        with pytest.raises(OutputError):
            render_outputs(load_example("2025-h1"), stem, ("en",), ("txt",))


class TestAllOrNothing:
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
        assert {"2025-h1.fi.txt": b"old\n"} == {p.name: p.read_bytes() for p in out.iterdir()}

    def test_failure_while_writing_leaves_no_temporary_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """If a rename fails, the files already staged are removed and the old ones stay."""
        out = tmp_path / "out"
        out.mkdir()
        (out / "a.txt").write_bytes(b"old a\n")
        calls = []

        def failing_replace(source: Any, target: Any) -> None:
            calls.append(target)
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(_output.os, "replace", failing_replace)
        with pytest.raises(OutputError, match="cannot write into"):
            write_outputs({"a.txt": b"new a\n", "b.txt": b"new b\n"}, out)
        assert {"a.txt": b"old a\n"} == {p.name: p.read_bytes() for p in out.iterdir()}
        assert 1 == len(calls)

    def test_writes_every_file(self, tmp_path: Path) -> None:
        """On success every file is in place with its bytes, and nothing else."""
        written = write_outputs({"a.txt": b"a\n", "b.docx": b"PK"}, tmp_path / "new" / "out")
        assert [tmp_path / "new" / "out" / "a.txt", tmp_path / "new" / "out" / "b.docx"] == written
        assert b"a\n" == written[0].read_bytes()
        assert ["a.txt", "b.docx"] == sorted(p.name for p in written[0].parent.iterdir())
