"""The public API: a release built in code, rendered and written."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from tests.conftest import LANGS

import nas_press


def code_release(**changes: object) -> nas_press.Release:
    """A small release built with the model classes, as another tool would."""
    t = nas_press.Translations
    fields: dict[str, object] = {
        "id": "api",
        "languages": LANGS,
        "published": datetime.date(2031, 1, 20),
        "period": nas_press.Period(2030, nas_press.PeriodKind.YEAR),
        "statistics": nas_press.Statistics(
            referrals=nas_press.Referrals(count=300, change=nas_press.Change(2029, percent=20)),
            new_clients=nas_press.NewClients(
                count=200,
                forms=nas_press.Forms(
                    {"forced_labour": 90, "forced_marriage": 50, "sexual_exploitation": 40}
                ),
            ),
        ),
        "headline": t({"fi": "Otsikko", "sv": "Rubrik", "en": "Headline"}),
        "body": (nas_press.Statement("referrals"), nas_press.Statement("new_clients_forms")),
    }
    fields.update(changes)
    return nas_press.Release(**fields)  # type: ignore[arg-type]


class TestApi:
    def test_all_exported_names_exist(self) -> None:
        """__all__ lists each public name once, and only what the package has."""
        assert len(set(nas_press.__all__)) == len(nas_press.__all__)
        assert all(hasattr(nas_press, name) for name in nas_press.__all__)

    def test_render_built_in_code(self, lang: str) -> None:
        """A release built in code renders; the annual period and the change show."""
        text = nas_press.to_text(nas_press.render(code_release(), lang))
        assert "2030" in text
        assert "2029" in text
        expected = {"fi": "20\xa0prosenttia", "sv": "20\xa0procent", "en": "20\xa0per cent"}
        assert expected[lang] in text

    def test_validated_at_construction(self) -> None:
        """An inconsistent part cannot be built; the error lists each key path, relative to
        the part, with what was expected."""
        with pytest.raises(nas_press.ReleaseError) as info:
            nas_press.NewClients(count=5, women=9)
        assert [("women", "at most 5")] == [(p.path, p.expected) for p in info.value.problems]

    def test_negative_count_refused(self) -> None:
        """A negative count fails when the model object is built, as a ReleaseError."""
        with pytest.raises(nas_press.ReleaseError, match="count: a negative count"):
            nas_press.NewClients(count=-1)

    def test_language_not_in_release(self) -> None:
        """Rendering a language the release does not target is a LookupError."""
        release = code_release(languages=("en",))
        with pytest.raises(nas_press.UnknownLanguageError):
            nas_press.render(release, "fi")

    def test_write_files(self, tmp_path: Path) -> None:
        """write_docx and write_text write where they are told and return the path."""
        document = nas_press.render(code_release(), "en")
        docx = nas_press.write_docx(document, tmp_path / "a.docx")
        txt = nas_press.write_text(document, tmp_path / "a.txt")
        assert docx.read_bytes() == nas_press.docx_bytes(document)
        assert txt.read_text("utf-8") == nas_press.to_text(document)
        assert ["a.docx", "a.txt"] == sorted(p.name for p in tmp_path.iterdir())

    def test_import_is_light(self) -> None:
        """import nas_press loads neither Jinja nor python-docx."""
        import subprocess
        import sys

        code = (
            "import sys, nas_press; "
            "print(sorted(m for m in ('jinja2', 'docx') if m in sys.modules))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        assert "[]\n" == out


class TestLazyNames:
    def test_each_name_is_its_modules(self) -> None:
        """Each public name is the object its module defines, and is kept once looked up."""
        import importlib

        for name in nas_press.__all__:
            module = importlib.import_module(nas_press._MODULE_OF[name])
            assert getattr(module, name) is getattr(nas_press, name)
            assert name in vars(nas_press)

    def test_typing_imports_match_the_names(self) -> None:
        """The imports type checkers read list exactly the names looked up at run time."""
        import ast

        tree = ast.parse(Path(nas_press.__file__).read_text("utf-8"))
        (block,) = [n for n in tree.body if isinstance(n, ast.If)]
        imported = {
            node.module: tuple(a.name for a in node.names)
            for node in block.body
            if isinstance(node, ast.ImportFrom)
        }
        aliases = {a.name: a.asname for n in block.body for a in getattr(n, "names", ())}

        assert nas_press._EXPORTS == imported
        assert all(alias == name for name, alias in aliases.items())

    def test_unknown_name(self) -> None:
        """A name the package does not have is an AttributeError, as for any module."""
        with pytest.raises(AttributeError, match="has no attribute 'Relase'"):
            nas_press.Relase  # noqa: B018

    def test_import_loads_no_submodule(self) -> None:
        """import nas_press loads none of its modules, nor attrs or Babel, until a name is used."""
        import subprocess
        import sys

        code = (
            "import sys, nas_press; "
            "print(sorted(m for m in sys.modules if m.startswith(('nas_press.', 'attr', 'babel'))))"
            "; nas_press.Release; print('nas_press.release.model' in sys.modules)"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        assert "[]\nTrue\n" == out
