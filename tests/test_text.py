"""The plain-text writer (nas_press.writers.text)."""

from __future__ import annotations

import datetime

from tests.conftest import card

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
    Span,
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
                Heading(("Sub",)),
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
                ContactGroup(None, (card("A", "Adviser", email="a@x.fi"),)),
                ContactGroup(
                    "Until 31 July:",
                    (card("B", "Chief", email="b@x.fi"), card("C", "Head", email="c@x.fi")),
                ),
            ),
        )
        actual = to_text(document(block))
        org = "National Assistance System for Victims of Human Trafficking"
        phone = "0295\xa0463\xa0000"
        expected = (
            f"Headline\n\nContact:\n\nA\nAdviser\n{org}\n{phone}\na@x.fi\n\n"
            f"Until 31 July:\nB\nChief\n{org}\n{phone}\nb@x.fi\n\n"
            f"C\nHead\n{org}\n{phone}\nc@x.fi\n"
        )
        assert expected == actual

    def test_no_carriage_returns(self) -> None:
        """Line ends in texts become \\n: the text has no \\r, whatever its input held."""
        actual = to_text(document(Paragraph(("x\r\ny\rz",)), Paragraph(("w",))))
        assert "Headline\n\nx\ny\nz\n\nw\n" == actual

    def test_spans(self) -> None:
        """Authored text marked with its key is written as its content."""
        actual = to_text(
            document(Paragraph((Span("body[0].paragraph", ("a ", Link("b", "https://b.fi"))),)))
        )
        assert "Headline\n\na b <https://b.fi>\n" == actual
