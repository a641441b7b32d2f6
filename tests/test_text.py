"""The plain-text writer (nas_press.writers.text)."""

from __future__ import annotations

import datetime

from nas_press.document import (
    BulletList,
    ContactBlock,
    ContactGroup,
    Document,
    Heading,
    Lead,
    Link,
    Paragraph,
    Quote,
)
from nas_press.writers.text import to_text


def document(*blocks: object) -> Document:
    """A document with the given blocks."""
    return Document("en", "en-GB", "Headline", datetime.date(2030, 7, 1), tuple(blocks))  # type: ignore[arg-type]


class TestText:
    def test_layout(self) -> None:
        """Headline, then blocks separated by one blank line, ending in one newline."""
        actual = to_text(
            document(
                Lead(("Lead.",)),
                Heading("Sub"),
                Paragraph(("Body 1\xa0588.",)),
                Quote(("“Quote,” says X.",)),
                BulletList((("a",), ("b",))),
            )
        )
        expected = "Headline\n\nLead.\n\nSub\n\nBody 1\xa0588.\n\n“Quote,” says X.\n\n- a\n- b\n"
        assert expected == actual

    def test_links(self) -> None:
        """A link shows its text, and its address when the text does not already show it."""
        actual = to_text(
            document(
                Paragraph(
                    (
                        "See ",
                        Link("ihmiskauppa.fi", "https://www.ihmiskauppa.fi"),
                        " and ",
                        Link("our page", "https://migri.fi/en"),
                        ".",
                    )
                )
            )
        )
        assert "See ihmiskauppa.fi and our page <https://migri.fi/en>.\n" == actual.split("\n\n")[1]

    def test_contacts(self) -> None:
        """The contact block: heading, then each contact with its window label above it."""
        block = ContactBlock(
            "Contact:",
            (
                ContactGroup(None, ((("A",), ("a@x.fi",)),)),
                ContactGroup(
                    "Until 31 July:",
                    ((("B",), (Link("b@x.fi", "mailto:b@x.fi"),)), (("C",), ("c",))),
                ),
            ),
        )
        actual = to_text(document(block))
        expected = "Headline\n\nContact:\n\nA\na@x.fi\n\nUntil 31 July:\nB\nb@x.fi\n\nC\nc\n"
        assert expected == actual

    def test_no_carriage_returns(self) -> None:
        """Lines end with \\n only."""
        assert "\r" not in to_text(document(Paragraph(("x",)), Paragraph(("y",))))
