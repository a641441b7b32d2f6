"""The neutral document (nas_press.document): its authored texts and their bookmark names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import nas_press
from nas_press.document import BOOKMARK_MAX, bookmark_key, bookmark_name, spans

EXAMPLES = Path(__file__).parent.parent / "examples"
KEYS = [
    "headline",
    "lead",
    "release.correction",
    "body[0].paragraph",
    "body[3].heading",
    "body[12].quote.text",
    "body[12].quote.title",
    "contacts[0].title",
    "contacts[10].title",
    "body[1].paragraph",
    "body[10].paragraph",
]


class TestBookmarkName:
    @pytest.mark.parametrize(
        ("key", "name"),
        [
            ("headline", "nas_headline"),
            ("body[3].quote.text", "nas_body3_quote_text"),
            ("contacts[0].title", "nas_contacts0_title"),
            ("release.correction", "nas_release_correction"),
        ],
    )
    def test_names(self, key: str, name: str) -> None:
        """A key path is its parts with their indices, joined by underscores after nas_."""
        assert name == bookmark_name(key)

    @pytest.mark.parametrize("key", KEYS)
    def test_word_accepts_it_and_it_reads_back(self, key: str) -> None:
        """Each name begins with a letter, holds letters, digits and underscores, is at most
        40 characters, and gives back its key."""
        name = bookmark_name(key)
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,39}", name)
        assert key == bookmark_key(name)

    def test_no_collisions(self) -> None:
        """Different keys have different names, however their indices and names align."""
        keys = [
            f"{group}[{i}].{field}"
            for group in ("body", "contacts")
            for i in range(120)
            for field in ("paragraph", "heading", "quote.text", "quote.title", "title")
        ]
        assert len(keys) == len({bookmark_name(k) for k in keys})

    @pytest.mark.parametrize("key", ["", "Body[1].paragraph", "body[01].x", "body.", "a_b", "b[x]"])
    def test_not_a_key(self, key: str) -> None:
        """Something that is not a key path is refused rather than given a doubtful name."""
        with pytest.raises(ValueError, match="key path"):
            bookmark_name(key)

    def test_too_long(self) -> None:
        with pytest.raises(ValueError, match=str(BOOKMARK_MAX)):
            bookmark_name("x" * 40)

    @pytest.mark.parametrize(
        "name", ["_GoBack", "nas_", "nas_body_", "nas_Body1", "other", "nas_a__b"]
    )
    def test_other_bookmarks(self, name: str) -> None:
        """A bookmark Word or a reviewer added is not taken for an authored text."""
        assert bookmark_key(name) is None


class TestSpans:
    def test_every_authored_text_of_an_example(self) -> None:
        """spans() finds the headline, the lead, each quotation's text and title and each
        contact's title, in reading order (a Finnish attribution follows the quotation)."""
        release = nas_press.load_release(EXAMPLES / "2025-h1.toml")
        keys = [span.key for span in spans(nas_press.render(release, "fi"))]
        assert [
            "headline",
            "lead",
            "body[3].quote.text",
            "body[3].quote.title",
            "body[7].quote.text",
            "body[7].quote.title",
            "contacts[0].title",
            "contacts[1].title",
            "contacts[2].title",
        ] == keys
