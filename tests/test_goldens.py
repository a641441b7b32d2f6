"""Golden files: both examples in all three languages, as text and DOCX.

Regenerate after a deliberate change with ``make goldens`` and read the diff.
"""

from __future__ import annotations

import difflib

import pytest
from tests.conftest import EXAMPLE_STEMS, EXAMPLES, GOLDEN, LANGS
from tests.docx_compare import compare_docx, pretty_document_xml
from tests.update_goldens import web_formats

import nas_press

CASES = [(stem, lang) for stem in EXAMPLE_STEMS for lang in LANGS]


def _visible(text: str) -> list[str]:
    """Lines with no-break spaces made visible, so a diff shows them."""
    return [line.replace("\xa0", "⍽") for line in text.splitlines()]


@pytest.mark.parametrize(("stem", "lang"), CASES)
class TestGolden:
    def test_text(self, stem: str, lang: str) -> None:
        """The plain text is byte for byte the golden file."""
        release = nas_press.load_release(EXAMPLES / f"{stem}.toml")
        actual = nas_press.to_text(nas_press.render(release, lang)).encode("utf-8")
        expected = (GOLDEN / f"{stem}.{lang}.txt").read_bytes()
        diff = "\n".join(
            difflib.unified_diff(
                _visible(expected.decode("utf-8")),
                _visible(actual.decode("utf-8")),
                "golden",
                "rendered",
                lineterm="",
            )
        )
        assert expected == actual, f"run `make goldens` after a deliberate change\n{diff}"

    def test_docx(self, stem: str, lang: str) -> None:
        """The DOCX has the golden parts, compared part by part; its document.xml is reviewed."""
        release = nas_press.load_release(EXAMPLES / f"{stem}.toml")
        actual = nas_press.docx_bytes(nas_press.render(release, lang))
        expected = (GOLDEN / f"{stem}.{lang}.docx").read_bytes()
        assert compare_docx(expected, actual) == []
        pretty = (GOLDEN / f"{stem}.{lang}.document.xml").read_text("utf-8")
        assert pretty == pretty_document_xml(actual)

    @pytest.mark.parametrize("fmt", ["html", "md", "json"])
    def test_web_formats(self, stem: str, lang: str, fmt: str) -> None:
        """The HTML page, the Markdown and the ninjs JSON are byte for byte the golden files."""
        release = nas_press.load_release(EXAMPLES / f"{stem}.toml")
        actual = web_formats(release, nas_press.render(release, lang))[fmt]
        expected = (GOLDEN / f"{stem}.{lang}.{fmt}").read_bytes()
        diff = "\n".join(
            difflib.unified_diff(
                _visible(expected.decode("utf-8")),
                _visible(actual.decode("utf-8")),
                "golden",
                "rendered",
                lineterm="",
            )
        )
        assert expected == actual, f"run `make goldens` after a deliberate change\n{diff}"
