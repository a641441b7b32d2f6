"""The Jinja environments and the templates compiled ahead of time (nas_press.realize.templates).

Templates are compiled in the process, or come from the modules that
:func:`~nas_press.realize.templates.compile_package` writes when the package
is built; a module is used only while it matches its template's source and
the environment. Nothing is ever read from or written to the user's cache
folder for them. The in-process tests compile a package of modules into a
temporary folder and point the loader at it; the slow tests build the wheel
and use the modules installed with it.
"""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest
from tests.conftest import EXAMPLES, LANGS, load_example

import nas_press
from nas_press._resources import data_dir
from nas_press.realize import templates as _templates
from nas_press.writers.chart_cache import CACHE_ENV

PACKAGE = "nas_press_compiled_for_tests"


def clear() -> None:
    """Forget every environment and where the compiled modules are."""
    _templates.environment.cache_clear()
    _templates._compiled_language.cache_clear()
    for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
        del sys.modules[name]
    importlib.invalidate_caches()


@pytest.fixture
def sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private copy of the templates, used instead of the real ones, and no compiled modules."""
    copy = tmp_path / "templates"
    shutil.copytree(data_dir("templates"), copy)
    real = _templates.data_dir
    monkeypatch.setattr(
        _templates, "data_dir", lambda name: copy if name == "templates" else real(name)
    )
    monkeypatch.setattr(_templates, "COMPILED_PACKAGE", PACKAGE)
    monkeypatch.syspath_prepend(str(tmp_path))
    # A module rewritten within the same second must not come from a stale .pyc.
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    clear()
    yield copy
    clear()


def compile_modules(sources: Path) -> Path:
    """Compile the templates of ``sources`` into the package the loader is pointed at."""
    target = sources.parent / PACKAGE
    _templates.compile_package(target)
    clear()
    return target


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates Jinja compiles from source, in order."""
    names: list[str] = []
    compile_template = jinja2.Environment.compile

    def spy(self: jinja2.Environment, source: str, name: str | None = None, *a: Any) -> Any:
        names.append(str(name))
        return compile_template(self, source, name, *a)

    monkeypatch.setattr(jinja2.Environment, "compile", spy)
    return names


def rendered(release: nas_press.Release) -> list[str]:
    """Every language of ``release`` as text."""
    return [nas_press.to_text(nas_press.render(release, lang)) for lang in release.languages]


def module_of(target: Path, lang: str, name: str) -> Path:
    """The compiled module of template ``name`` of ``lang`` in package folder ``target``."""
    return target / lang / jinja2.ModuleLoader.get_module_filename(name)


class TestEnvironment:
    def test_one_environment_per_language(self) -> None:
        """Each language has one sandboxed, strict environment for the whole process."""
        env = _templates.environment("sv")

        assert env is _templates.environment("sv")
        assert env is not _templates.environment("fi")
        assert env.sandboxed
        assert jinja2.StrictUndefined is env.undefined

    def test_compiler_digest_follows_the_settings(self) -> None:
        """Another white-space setting or another filter gives another compiler digest."""
        env = _templates.environment("en")
        other = env.overlay(trim_blocks=False)
        with_filter = env.overlay()
        with_filter.filters = {**env.filters, "extra": str}

        digests = {_templates.compiler_digest(e) for e in (env, other, with_filter)}
        assert 3 == len(digests)
        assert _templates.compiler_digest(env) == _templates.compiler_digest(env)


class TestCompiledModules:
    def test_same_text_as_from_sources(self, sources: Path, compiles: list[str]) -> None:
        """Templates from compiled modules render exactly what the sources render."""
        release = load_example("2025-h1")
        from_sources = rendered(release)
        assert compiles, "without modules, the templates are compiled from source"
        compile_modules(sources)
        compiles.clear()

        assert from_sources == rendered(release)
        assert [] == compiles

    def test_every_template_is_compiled_with_digests(self, sources: Path) -> None:
        """Each template has a module recording its source's digest and its environment's."""
        target = compile_modules(sources)
        for lang in LANGS:
            env = _templates.environment(lang)
            for name in env.list_templates():
                text = module_of(target, lang, name).read_text("utf-8")
                source = (sources / lang / name).read_text("utf-8")
                assert f"{_templates.SOURCE_DIGEST} = '{_templates.source_digest(source)}'" in text
                digest = _templates.compiler_digest(env)
                assert f"{_templates.COMPILER_DIGEST} = '{digest}'" in text

    def test_edited_template_is_compiled_from_source(
        self, sources: Path, compiles: list[str]
    ) -> None:
        """A template edited after it was compiled renders as edited; the others use modules."""
        compile_modules(sources)
        (sources / "en" / "quote.j2").write_text("EDITED {{ speaker }}\n", "utf-8")
        clear()
        compiles.clear()

        after = nas_press.to_text(nas_press.render(load_example("2025-h1"), "en"))
        assert "EDITED Katri Lyijynen" in after
        assert ["quote.j2"] == compiles

    @pytest.mark.parametrize("digest", [_templates.SOURCE_DIGEST, _templates.COMPILER_DIGEST])
    def test_module_with_another_digest_is_not_used(
        self, sources: Path, compiles: list[str], digest: str
    ) -> None:
        """A module whose source or compiler digest differs is not used, even if it runs."""
        target = compile_modules(sources)
        module = module_of(target, "en", "quote.j2")
        text = module.read_text("utf-8").replace(" says '", " STALE '")
        assert "STALE" in text
        module.write_text(text.replace(f"{digest} = '", f"{digest} = '0"), "utf-8")
        clear()
        compiles.clear()

        after = nas_press.to_text(nas_press.render(load_example("2025-h1"), "en"))
        assert "STALE" not in after
        assert ["quote.j2"] == compiles

    def test_module_that_does_not_import_is_not_used(
        self, sources: Path, compiles: list[str]
    ) -> None:
        """A damaged module (a syntax error) costs the module, not the render."""
        release = load_example("2025-h1")
        expected = rendered(release)
        target = compile_modules(sources)
        module_of(target, "fi", "quote.j2").write_text("def (:\n", "utf-8")
        clear()
        compiles.clear()

        assert expected == rendered(release)
        assert ["quote.j2"] == compiles

    def test_error_in_compiled_template_names_source_and_line(
        self, sources: Path, compiles: list[str]
    ) -> None:
        """An undefined value in a template from a module is reported at its source line."""
        path = sources / "en" / "statements" / "register.j2"
        path.write_text("First line.\n\n{{ s.no_such_figure }} people.\n", "utf-8")
        compile_modules(sources)
        compiles.clear()

        with pytest.raises(nas_press.TemplateError) as info:
            nas_press.render(load_example("2025-h1"), "en")
        assert "templates/en/statements/register.j2" == info.value.template
        assert 3 == info.value.line
        assert [] == compiles

    def test_broken_template_fails_the_build(self, sources: Path) -> None:
        """compile_package refuses a template with a syntax error, naming it."""
        (sources / "sv" / "quote.j2").write_text("ok\n{% if %}\n", "utf-8")

        with pytest.raises(jinja2.TemplateSyntaxError) as info:
            compile_modules(sources)
        assert "quote.j2" == info.value.name


class TestNoUserCache:
    def test_rendering_writes_nothing_into_the_cache_folder(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Rendering every language as text, templates compiled anew, leaves the cache empty."""
        release = load_example("2025-h1")
        monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
        monkeypatch.setenv("HOME", str(tmp_path / "home"))
        monkeypatch.setattr(_templates, "COMPILED_PACKAGE", PACKAGE)
        clear()
        try:
            assert all(rendered(release))
        finally:
            clear()
        assert [] == sorted(tmp_path.rglob("*"))


def run(python: Path, script: str, *args: str) -> str:
    """Run ``script`` with ``python`` outside the checkout; return its standard output."""
    result = subprocess.run(
        [str(python), "-c", script, *args],
        cwd=python.parent,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", CACHE_ENV: ""},
    )
    assert 0 == result.returncode, result.stderr
    return result.stdout


_NO_COMPILE = (
    "import sys, jinja2, nas_press\n"
    "def refuse(*a, **k): raise AssertionError('compiled ' + str(a[2] if len(a) > 2 else a))\n"
    "jinja2.Environment.compile = refuse\n"
    "release = nas_press.load_release(sys.argv[1])\n"
    "for lang in release.languages:\n"
    "    print(len(nas_press.to_text(nas_press.render(release, lang))))\n"
)


@pytest.mark.slow
class TestInstalledWheel:
    def test_wheel_carries_every_template_compiled(self, wheel: Path) -> None:
        """The wheel holds the _compiled package: a module for each template of each language."""
        import zipfile

        names = set(zipfile.ZipFile(wheel).namelist())
        assert "nas_press/_compiled/__init__.py" in names
        for lang in LANGS:
            assert f"nas_press/_compiled/{lang}/__init__.py" in names
            for name in _templates.environment(lang).list_templates():
                module = jinja2.ModuleLoader.get_module_filename(name)
                assert f"nas_press/_compiled/{lang}/{module}" in names

    def test_installed_package_compiles_no_template(self, installed: Path) -> None:
        """Installed from the wheel, nas_press renders every language without compiling."""
        lengths = run(installed, _NO_COMPILE, str(EXAMPLES / "2025-h1.toml")).split()

        assert 3 == len(lengths)
        assert all(int(n) > 1000 for n in lengths)

    def test_installed_package_opens_its_prepared_docx_template(self, installed: Path) -> None:
        """Installed from the wheel, the DOCX writer opens the template prepared at build time
        (made by this writer, for the installed python-docx) instead of preparing one."""
        script = "import nas_press.writers.docx as w; print(w._built_template() is not None)"

        assert "True\n" == run(installed, script)

    def test_edited_installed_template_is_not_served_stale(
        self, installed: Path, tmp_path: Path
    ) -> None:
        """An installed template edited by hand renders as edited, compiled from its source."""
        located = run(
            installed, "import nas_press._resources as r; print(r.data_dir('templates'))"
        ).strip()
        quote = Path(located) / "en" / "quote.j2"
        original = quote.read_bytes()
        try:
            quote.write_text("EDITED {{ speaker }}\n", "utf-8")
            script = (
                "import sys, nas_press\n"
                "release = nas_press.load_release(sys.argv[1])\n"
                "print(nas_press.to_text(nas_press.render(release, 'en')))\n"
            )
            text = run(installed, script, str(EXAMPLES / "2025-h1.toml"))
        finally:
            quote.write_bytes(original)
        assert "EDITED Katri Lyijynen" in text
