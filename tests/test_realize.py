"""Realizing releases in each language (nas_press.realize): templates, agreement, no gaps."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import GAPS, LANGS

import nas_press
from nas_press._resources import data_dir
from nas_press.realize import realize as _realize, templates as _templates

EDGE_COUNTS = (0, 1, 2, 5, 21, 1588, 10000)


@pytest.fixture
def templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private copy of the templates that the renderer uses instead of the real ones."""
    copy = tmp_path / "templates"
    shutil.copytree(data_dir("templates"), copy)
    real = _templates.data_dir
    monkeypatch.setattr(
        _templates, "data_dir", lambda name: copy if name == "templates" else real(name)
    )
    _realize.environment.cache_clear()
    yield copy
    _realize.environment.cache_clear()


def scaled(n: int) -> Callable[[dict[str, Any]], None]:
    """Set every count of the minimal release from ``n``, keeping parts within wholes."""

    def change(data: dict[str, Any]) -> None:
        s = data["statistics"]
        s["referrals"] = {
            "count": n,
            "pending": min(n, 2),
            "change": {"year": 2029, "count": n // 2},
        }
        third = n // 3
        s["new_clients"] = {
            "count": n,
            "home_country": n // 4,
            "elsewhere": n // 10,
            "women": n // 2,
            "minors": n // 5,
            "nationalities": min(n, 12),
            "finnish": 0,
            "forms": {
                "forced_marriage": third,
                "forced_labour": third,
                "sexual_exploitation": n // 4,
                "other": n - 2 * third - n // 4,
            },
        }
        fin = n // 2 if n > 1 else n
        s["in_finland"] = {
            "count": fin,
            "nationalities": min(fin, 7),
            "finnish": fin if fin >= 5 else 0,
            "women": fin,
            "minors": 0,
            "forms": {
                "forced_labour": min(fin // 2, third),
                "forced_marriage": min(fin - fin // 2, third),
            },
            "earlier": [{"year": 2029, "kind": "year", "count": n, "forms": {"forced_labour": n}}],
        }
        s["register"] = {
            "persons": n,
            "children": n // 5,
            "minors": n // 7,
            "women": n // 3,
            "entered_as_minors": n // 8,
        }
        s["earlier"] = [
            {"year": 2029, "kind": "first-half", "referred": n // 2, "admitted": n // 4}
        ]

    return change


class TestStatements:
    @pytest.mark.parametrize("n", EDGE_COUNTS)
    @pytest.mark.parametrize("show", ["shares", "counts"])
    def test_no_gaps(
        self, make_release: Callable[..., nas_press.Release], n: int, show: str
    ) -> None:
        """Every statement renders in every language for the edge counts, with no gap or None."""

        def change(data: dict[str, Any]) -> None:
            scaled(n)(data)
            data["body"] = [
                {"statement": name, "show": show} for name in nas_press.release.model.STATEMENTS
            ]

        release = make_release(change)
        for lang in LANGS:
            text = nas_press.to_text(nas_press.render(release, lang))
            found = GAPS.search(text.replace("\xa0", " ").replace("24/7", "247"))
            context = "" if found is None else text[max(0, found.start() - 60) : found.end() + 60]
            assert found is None, f"{lang} n={n}: {context!r}"

    def test_deterministic(self, make_release: Callable[..., nas_press.Release]) -> None:
        """The same release gives the same document twice."""
        release = make_release()
        for lang in LANGS:
            assert nas_press.render(release, lang) == nas_press.render(release, lang)


class TestTemplates:
    def test_undefined_value_fails_loudly(
        self, templates: Path, make_release: Callable[..., nas_press.Release]
    ) -> None:
        """A template using a value the release lacks fails with the template's name and line."""
        path = templates / "en" / "statements" / "register.j2"
        path.write_text("First line.\n{{ s.no_such_figure }} people.\n", "utf-8")
        with pytest.raises(nas_press.TemplateError) as info:
            nas_press.render(make_release(), "en")
        assert "templates/en/statements/register.j2" == info.value.template
        assert 2 == info.value.line
        assert "no_such_figure" in str(info.value)

    def test_sandbox(self, templates: Path, make_release: Callable[..., nas_press.Release]) -> None:
        """A template cannot reach Python internals."""
        path = templates / "en" / "statements" / "register.j2"
        path.write_text("{{ s.__class__.__mro__[1].__subclasses__() }}\n", "utf-8")
        with pytest.raises(nas_press.TemplateError, match=r"register\.j2"):
            nas_press.render(make_release(), "en")

    def test_syntax_error(
        self, templates: Path, make_release: Callable[..., nas_press.Release]
    ) -> None:
        """A broken template names its line."""
        (templates / "en" / "quote.j2").write_text("ok\n{% if %}\n", "utf-8")

        def with_quote(data: dict[str, Any]) -> None:
            data["body"].append(
                {"quote": {"speaker": "X", "title": data["headline"], "text": data["lead"]}}
            )

        with pytest.raises(nas_press.TemplateError) as info:
            nas_press.render(make_release(with_quote), "en")
        assert 2 == info.value.line


class TestParagraphs:
    def test_folding(self) -> None:
        """Single newlines fold to spaces, blank lines split paragraphs, no-break spaces stay."""
        text = "One\n  two ,\tthree\xa0%.\n\n\nFour .\n"
        assert ["One two, three\xa0%.", "Four."] == _realize.paragraphs(text)

    def test_links(self) -> None:
        """[text](url) becomes a Link."""
        assert (
            "See ",
            nas_press.document.Link("x.fi", "https://x.fi"),
            ".",
        ) == _realize.parse_inlines("See [x.fi](https://x.fi).")


class TestRegisterOfOneVictim:
    @pytest.mark.parametrize(
        ("lang", "children", "phrase"),
        [
            ("fi", 3, ": 1 tunnistettu ihmiskaupan uhri ja 3 uhrin alaikäistä lasta."),
            ("fi", 1, ": 1 tunnistettu ihmiskaupan uhri ja 1 uhrin alaikäinen lapsi."),
            (
                "sv",
                3,
                ": 1 identifierat offer för människohandel och 3 minderåriga barn till offret.",
            ),
            (
                "sv",
                1,
                ": 1 identifierat offer för människohandel och 1 minderårigt barn till offret.",
            ),
            (
                "en",
                3,
                ": 1 identified victim of trafficking and 3 underage children of the victim.",
            ),
            ("en", 1, ": 1 identified victim of trafficking and 1 underage child of the victim."),
        ],
    )
    def test_children_of_the_one_victim(
        self,
        make_release: Callable[..., nas_press.Release],
        lang: str,
        children: int,
        phrase: str,
    ) -> None:
        """With one victim in the register, the children are that victim's, not victims'."""

        def change(data: dict[str, Any]) -> None:
            data["statistics"]["register"] = {"persons": 1 + children, "victims": 1}
            data["body"] = [{"statement": "register"}]

        text = nas_press.to_text(nas_press.render(make_release(change), lang))
        assert phrase in text

    @pytest.mark.parametrize(
        ("lang", "phrase"),
        [
            ("fi", ": 5 tunnistettua ihmiskaupan uhria ja 3 uhrien alaikäistä lasta."),
            ("sv", ": 5 identifierade offer för människohandel och 3 minderåriga barn till offer."),
            ("en", ": 5 identified victims of trafficking and 3 underage children of victims."),
        ],
    )
    def test_children_of_several_victims(
        self, make_release: Callable[..., nas_press.Release], lang: str, phrase: str
    ) -> None:
        """With several victims, the children are victims' children, as before."""

        def change(data: dict[str, Any]) -> None:
            data["statistics"]["register"] = {"persons": 8, "victims": 5}
            data["body"] = [{"statement": "register"}]

        assert phrase in nas_press.to_text(nas_press.render(make_release(change), lang))


class TestOnePerson:
    """A group of one is named once; after that a woman is "hän", "hon", "she"."""

    @pytest.mark.parametrize(
        ("lang", "women", "phrase"),
        [
            ("fi", 1, "Uhri oli nainen. Hän oli alaikäinen. Hän oli tullut auttamisjärjestelmään"),
            ("fi", 0, "Uhri ei ollut nainen. Hän oli alaikäinen. Hän oli tullut"),
            ("sv", 1, "Offret var en kvinna. Hon var minderårig. Hon hade kommit"),
            ("sv", 0, "Offret var inte en kvinna. Offret var minderårigt. Offret hade kommit"),
            ("en", 1, "The victim was a woman. She was a minor. She had entered"),
            ("en", 0, "The victim was not a woman. The victim was a minor. The victim had entered"),
        ],
    )
    def test_register(
        self, make_release: Callable[..., nas_press.Release], lang: str, women: int, phrase: str
    ) -> None:
        """The one victim in the register: woman or not first, then minor and entry as a minor."""

        def change(data: dict[str, Any]) -> None:
            data["statistics"]["register"] = {
                "persons": 1,
                "victims": 1,
                "minors": 1,
                "entered_as_minors": 1,
                "women": women,
            }
            data["body"] = [{"statement": "register"}]

        assert phrase in nas_press.to_text(nas_press.render(make_release(change), lang))

    @pytest.mark.parametrize(
        ("lang", "phrase"),
        [
            ("sv", "Den som utsatts i Finland var en kvinna. Hon var finsk medborgare."),
            ("en", "The victim exploited in Finland was a woman. She was a Finnish national."),
        ],
    )
    def test_profile(
        self, make_release: Callable[..., nas_press.Release], lang: str, phrase: str
    ) -> None:
        """The one victim exploited in Finland: a woman, then "she" is a Finnish national."""

        def change(data: dict[str, Any]) -> None:
            data["privacy"] = {"min_group": 1, "reason": "A test of the wording for one person."}
            data["statistics"]["in_finland"] = {"count": 1, "finnish": 1, "women": 1}
            data["body"] = [{"statement": "in_finland_profile"}]

        assert phrase in nas_press.to_text(nas_press.render(make_release(change), lang))
