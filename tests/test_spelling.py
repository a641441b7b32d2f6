"""Spelling: every rendered text has no word the language's spell checker does not know.

Finnish is checked with Voikko (Debian libvoikko1 and voikko-fi, PyPI
libvoikko), Swedish (sv_FI) and English (en_GB) with hunspell. Names, places
and terms the dictionaries lack are listed once per language in
``locales/<lang>/words.txt``; a listed word that no text uses, or that the
dictionary knows after all, is an error too, so the lists stay short.
"""

from __future__ import annotations

import functools
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import EXAMPLE_STEMS, EXAMPLES, LANGS
from tests.sweep import sweep_texts
from tests.tools import in_ci, open_voikko, require_tool

import nas_press
from nas_press._resources import data_dir
from nas_press.document import Chart

EDGE = Path(__file__).resolve().parent / "edge"
PERIODS = Path(__file__).resolve().parent / "periods"
RELEASES = (
    [EXAMPLES / f"{stem}.toml" for stem in EXAMPLE_STEMS]
    + sorted(EDGE.glob("*.toml"))
    + sorted(PERIODS.glob("20*.toml"))
)

ADDRESS = re.compile(r"\S+@\S+|\bhttps?://\S+|\b(?:www\.)?[a-z0-9-]+\.(?:fi|com|org|eu)\b", re.I)
# A word, with its inner hyphens and apostrophes, and the hyphen of a shared compound
# part ("sosiaali- ja terveyspalvelut"), which the spell checkers accept as such.
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*(?:-(?=\s))?")
HUNSPELL = {"sv": ("sv_FI", "hunspell-sv"), "en": ("en_GB", "hunspell-en-gb")}


def words_of(text: str) -> set[str]:
    """The words of a text, without e-mail and web addresses."""
    return set(WORD.findall(ADDRESS.sub(" ", text)))


@functools.cache
def rendered_words(lang: str) -> frozenset[str]:
    """Every word of every example, edge-case and real-period release and of the sweep of
    the generated statements (tests/sweep.py), in one language.

    That is the plain text and the alt text of each chart, which a screen
    reader reads out in the DOCX and HTML versions.
    """
    words: set[str] = set()
    for path in RELEASES:
        document = nas_press.render(nas_press.load_release(path), lang)
        words |= words_of(nas_press.to_text(document))
        for chart in (block for block in document.blocks if isinstance(block, Chart)):
            words |= words_of(chart.alt)
    sweep = sweep_texts((lang,))[lang]
    words |= words_of("\n".join(line for line in sweep.splitlines() if not line.startswith("## ")))
    return frozenset(words)


def word_list(lang: str) -> set[str]:
    """The project's own word list for a language."""
    path = data_dir("locales") / lang / "words.txt"
    lines = path.read_text("utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def unknown_to_hunspell(lang: str, words: set[str]) -> set[str]:
    """The words hunspell's dictionary for ``lang`` does not know."""
    dictionary, package = HUNSPELL[lang]
    hunspell = require_tool("hunspell", "hunspell")
    result = subprocess.run(
        [hunspell, "-d", dictionary, "-l"],
        input="\n".join(sorted(words)),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    if "Can't open affix or dictionary" in result.stderr:
        message = f"hunspell has no {dictionary} dictionary: install the Debian package {package}"
        if in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return set(result.stdout.split())


def unknown_to_voikko(words: set[str]) -> set[str]:
    """The words Voikko's Finnish dictionary does not know."""
    voikko = open_voikko()
    try:
        return {w for w in words if not voikko.spell(w)}
    finally:
        voikko.terminate()


def unknown(lang: str, words: set[str]) -> set[str]:
    """The words the spell checker of ``lang`` does not know."""
    return unknown_to_voikko(words) if lang == "fi" else unknown_to_hunspell(lang, words)


@pytest.mark.parametrize("lang", LANGS)
class TestSpelling:
    def test_no_unknown_word(self, lang: str) -> None:
        """Every word of every rendered text is known to the spell checker or listed."""
        assert [] == sorted(unknown(lang, set(rendered_words(lang))) - word_list(lang))

    def test_word_list_is_needed(self, lang: str) -> None:
        """Each listed word is used in a rendered text and unknown to the dictionary."""
        listed = word_list(lang)
        assert [] == sorted(listed - rendered_words(lang)), "listed but never used"
        assert [] == sorted(listed - unknown(lang, listed)), "listed but known to the dictionary"


def test_chart_alt_texts_are_checked() -> None:
    """The words of the charts' alt texts are among the words checked."""
    assert "Osuudet" in rendered_words("fi")
    assert "Andelar" in rendered_words("sv")
    assert "Shares" in rendered_words("en")


def test_every_release_is_checked() -> None:
    """Both examples and every edge case are spell-checked."""
    names: Iterator[str] = (p.stem for p in RELEASES)
    assert {"2018-h1", "2025-h1", "counts-0", "annual"} <= set(names)
