"""The wheel: built from the checkout (the ``wheel`` fixture of conftest.py), installed into a
fresh virtual environment."""

from __future__ import annotations

import shutil
import subprocess
import venv
import zipfile
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES, LANGS, installed_env


@pytest.mark.slow
class TestWheel:
    def test_carries_templates_and_locales(self, wheel: Path) -> None:
        """The wheel holds every template and locale file of every language."""
        names = set(zipfile.ZipFile(wheel).namelist())
        for lang in LANGS:
            assert f"nas_press/locales/{lang}/locale.toml" in names
            assert f"nas_press/locales/{lang}/boilerplate.toml" in names
            assert f"nas_press/templates/{lang}/statements/register.j2" in names
        assert "nas_press/py.typed" in names

    def test_renders_outside_the_source_tree(self, wheel: Path, tmp_path: Path) -> None:
        """Installed into a fresh venv, nas-press renders an example from another folder."""
        env = tmp_path / "venv"
        venv.create(env, with_pip=True)
        python = env / "bin" / "python"
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                str(wheel),
            ],
            check=True,
        )
        work = tmp_path / "elsewhere"
        work.mkdir()
        shutil.copy(EXAMPLES / "2025-h1.toml", work / "release.toml")
        result = subprocess.run(
            [str(env / "bin" / "nas-press"), "render", "release.toml", "--out", "out"],
            cwd=work,
            env=installed_env(),
            capture_output=True,
            text=True,
            check=False,
        )
        assert 0 == result.returncode, result.stderr
        assert 6 == len(result.stdout.splitlines())
        located = subprocess.run(
            [str(python), "-c", "import nas_press._resources as r; print(r.data_dir('templates'))"],
            cwd=work,
            env=installed_env(),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert str(env) in located
        assert "1\xa0588" in (work / "out" / "release.fi.txt").read_text("utf-8")
