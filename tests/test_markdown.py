"""The Markdown writer (nas_press.writers.markdown).

Two readers check the Markdown. markdown-it-py, which follows the CommonMark
specification as a CMS's Markdown does, parses every example
(:class:`TestCommonMark`): it must find the plain text and nothing but
headings, paragraphs, quotes, lists, links and line breaks. And the tests
read the Markdown back with :class:`Reader`, a strict reader of
exactly the constructs the writer uses (ATX headings, ``> `` quotes, ``- ``
items, paragraphs with backslash hard breaks, ``[text](url)`` links and
backslash escapes). It fails on anything CommonMark could take for other
markup: an unescaped ``\\ ` * _ [ ] < > # | ~``, an ``&`` that starts an
entity, ``![``, or a line that starts a list, heading, thematic break, setext
underline, code block or quote. What it reads must be the plain text. The
expected escapes in :class:`TestEscaping` were checked against markdown-it-py
4.3 and cmark-gfm, outside the project's environment.
"""

from __future__ import annotations

import datetime
import re
import string
from html.parser import HTMLParser

import attrs
import pytest
from hypothesis import assume, given, settings, strategies as st
from tests.conftest import EXAMPLE_STEMS, LANGS, card, load_example
from tests.test_html import collapse, expected_visible_text

import nas_press
from nas_press.document import (
    BulletList,
    Chart,
    ContactBlock,
    ContactGroup,
    Document,
    Heading,
    Inline,
    Lead,
    Link,
    Paragraph,
    Quote,
)
from nas_press.exceptions import DocumentError
from nas_press.writers import Options
from nas_press.writers.markdown import to_markdown, write

CASES = [(stem, lang) for stem in EXAMPLE_STEMS for lang in LANGS]
REVIEW_URL = "https://migri.fi/en/review?year=2025&part=h1"
MARKUP = frozenset("\\`*_[]<>#|~")
"""Characters that must never stand unescaped in text."""
_ENTITY = re.compile(r"&#?[0-9A-Za-z]+;")
_LINE_START = re.compile(r"^(?:[-+=#>*_`~<|]|\d+[.)]|[ \t])")
"""What may not start a line of text: it would make a list, a heading, a
thematic break, a setext underline, a quote, a code block or HTML."""


@attrs.frozen
class Read:
    """One block as the reader saw it."""

    kind: str
    lines: tuple[str, ...]
    links: tuple[Link, ...]

    @property
    def text(self) -> str:
        """The block's text, its lines joined with spaces."""
        return " ".join(self.lines)


class Reader:
    """A strict reader of the Markdown the writer produces."""

    def read(self, source: str) -> list[Read]:
        """Return the blocks of ``source``; fail on anything but the writer's constructs."""
        assert source.endswith("\n"), "the file ends with a newline"
        assert not source.endswith("\n\n"), "the file ends with one newline"
        assert "\r" not in source, "lines end with \\n"
        blocks = []
        for chunk in source[:-1].split("\n\n"):
            lines = chunk.split("\n")
            assert "" not in lines, f"more than one blank line before {chunk!r}"
            blocks.append(self.block(lines))
        return blocks

    def block(self, lines: list[str]) -> Read:
        """Read one block: its kind comes from the marker on its first line."""
        for marker, kind in (("# ", "h1"), ("## ", "h2"), ("> ", "quote")):
            if lines[0].startswith(marker):
                assert len(lines) == 1, f"a {kind} is one line: {lines!r}"
                return self.lines(kind, [lines[0][len(marker) :]])
        if lines[0].startswith("- "):
            assert all(line.startswith("- ") for line in lines), f"a list mixed: {lines!r}"
            return self.lines("list", [line[2:] for line in lines])
        texts = []
        for number, line in enumerate(lines):
            breaks = len(line) - len(line.rstrip("\\"))
            last = number == len(lines) - 1
            assert breaks % 2 == (0 if last else 1), f"a hard break is a final backslash: {line!r}"
            texts.append(line if last else line[:-1])
        return self.lines("paragraph", texts)

    def lines(self, kind: str, lines: list[str]) -> Read:
        """Read the text lines of a block."""
        texts, links = [], []
        for line in lines:
            assert line == line.strip(" "), f"no leading or trailing spaces: {line!r}"
            assert not _LINE_START.match(line), f"{line!r} starts with markup"
            text, found = self.inline(line)
            texts.append(text)
            links.extend(found)
        return Read(kind, tuple(texts), tuple(links))

    def inline(self, source: str) -> tuple[str, list[Link]]:
        """Read running text: backslash escapes and ``[text](url)`` links."""
        out: list[str] = []
        links: list[Link] = []
        i = 0
        bang = False  # whether an unescaped "!" was the last thing read
        while i < len(source):
            char = source[i]
            after_bang, bang = bang, False
            if char == "\\":
                assert source[i + 1 : i + 2] in set(string.punctuation), f"lone \\ in {source!r}"
                out.append(source[i + 1])
                i += 2
            elif char == "[":
                assert not after_bang, f"![ makes an image in {source!r}"
                end = self.unescaped(source, "]", i + 1)
                assert source[end + 1 : end + 2] == "(", f"[ without a link in {source!r}"
                close = self.unescaped(source, ")", end + 2)
                text, inner = self.inline(source[i + 1 : end])
                assert not inner, f"a link inside a link in {source!r}"
                url = re.sub(r"\\(.)", r"\1", source[end + 2 : close])
                assert not re.search(r"\s", url), f"white space in the address {url!r}"
                links.append(Link(text, url))
                out.append(text)
                i = close + 1
            else:
                assert char not in MARKUP, f"unescaped {char!r} in {source!r}"
                entity = _ENTITY.match(source, i)
                if entity is None:
                    out.append(char)
                    bang = char == "!"
                    i += 1
                else:
                    space = re.fullmatch(r"&#x([0-9A-F]+);", entity.group())
                    assert space is not None, f"an entity in {source!r}"
                    assert chr(int(space.group(1), 16)).isspace(), f"an entity in {source!r}"
                    out.append(chr(int(space.group(1), 16)))
                    i = entity.end()
        return "".join(out), links

    @staticmethod
    def unescaped(source: str, char: str, start: int) -> int:
        """Return where ``char`` next stands unescaped in ``source`` from ``start``."""
        i = start
        while source[i] != char:
            i += 2 if source[i] == "\\" else 1
        return i


def read(document: Document) -> list[Read]:
    """The document's Markdown, read back."""
    return Reader().read(to_markdown(document))


def document(*blocks: object, title: str = "Headline") -> Document:
    """A document with the given blocks."""
    return Document("en", "en-GB", title, datetime.date(2030, 7, 1), tuple(blocks))  # type: ignore[arg-type]


ORG = "National Assistance System for Victims of Human Trafficking"


def sample() -> Document:
    """A document with every kind of block, links and no-break spaces."""
    return Document(
        lang="fi",
        language="fi-FI",
        title="Auttamisjärjestelmään 88 uutta asiakasta",
        published=datetime.date(2025, 7, 15),
        blocks=(
            Lead(("Uusia asiakkaita oli 88 (45\xa0%). Lue ", Link("katsaus", REVIEW_URL), ".")),
            Heading(("Pakkotyö yleisin hyväksikäytön muoto",)),
            Paragraph(("Rekisterissä on 1\xa0588 henkilöä.",)),
            Quote(("”Luvut kasvavat”, sanoo johtaja.",)),
            BulletList((("pakkotyö 27\xa0%",), ("lisää: ", Link("katsaus", REVIEW_URL)))),
            ContactBlock(
                "Lisätietoja:",
                (
                    ContactGroup(
                        None, (card("Testi Henkilö", "ylitarkastaja", email="t@migri.fi"),)
                    ),
                    ContactGroup(
                        "31. heinäkuuta asti:",
                        (
                            card("Toinen Henkilö", "johtaja", email="t_t@example.org"),
                            card(
                                "Kolmas Henkilö",
                                "neuvonantaja",
                                phone="+46 8 123 456 78",
                                e164="+46812345678",
                                email="k@example.org",
                            ),
                        ),
                    ),
                ),
            ),
        ),
    )


SAMPLE = """\
# Auttamisjärjestelmään 88 uutta asiakasta

Uusia asiakkaita oli 88 (45\xa0%). Lue [katsaus](https://migri.fi/en/review?year=2025&part=h1).

## Pakkotyö yleisin hyväksikäytön muoto

Rekisterissä on 1\xa0588 henkilöä.

> ”Luvut kasvavat”, sanoo johtaja.

- pakkotyö 27\xa0%
- lisää: [katsaus](https://migri.fi/en/review?year=2025&part=h1)

## Lisätietoja:

Testi Henkilö\\
ylitarkastaja\\
National Assistance System for Victims of Human Trafficking\\
[0295\xa0463\xa0000](tel:+358295463000)\\
[t@migri.fi](mailto:t@migri.fi)

31\\. heinäkuuta asti:

Toinen Henkilö\\
johtaja\\
National Assistance System for Victims of Human Trafficking\\
[0295\xa0463\xa0000](tel:+358295463000)\\
[t\\_t@example.org](mailto:t_t@example.org)

Kolmas Henkilö\\
neuvonantaja\\
National Assistance System for Victims of Human Trafficking\\
[+46\xa08\xa0123\xa0456\xa078](tel:+46812345678)\\
[k@example.org](mailto:k@example.org)
"""


class TestLayout:
    def test_sample(self) -> None:
        """Each block becomes the construct the module documents."""
        assert SAMPLE == to_markdown(sample())

    def test_read_back(self) -> None:
        """The reader sees the blocks, their text and their links."""
        actual = [(r.kind, r.text) for r in read(sample())]
        expected = [
            ("h1", "Auttamisjärjestelmään 88 uutta asiakasta"),
            ("paragraph", "Uusia asiakkaita oli 88 (45\xa0%). Lue katsaus."),
            ("h2", "Pakkotyö yleisin hyväksikäytön muoto"),
            ("paragraph", "Rekisterissä on 1\xa0588 henkilöä."),
            ("quote", "”Luvut kasvavat”, sanoo johtaja."),
            ("list", "pakkotyö 27\xa0% lisää: katsaus"),
            ("h2", "Lisätietoja:"),
            (
                "paragraph",
                f"Testi Henkilö ylitarkastaja {ORG} 0295\xa0463\xa0000 t@migri.fi",
            ),
            ("paragraph", "31. heinäkuuta asti:"),
            (
                "paragraph",
                f"Toinen Henkilö johtaja {ORG} 0295\xa0463\xa0000 t_t@example.org",
            ),
            (
                "paragraph",
                f"Kolmas Henkilö neuvonantaja {ORG} +46\xa08\xa0123\xa0456\xa078 k@example.org",
            ),
        ]
        assert expected == actual

    def test_bytes_are_utf8(self) -> None:
        """:func:`write` is the Markdown encoded in UTF-8."""
        assert to_markdown(sample()).encode("utf-8") == write(sample(), Options())

    def test_white_space_in_text(self) -> None:
        """Line breaks and tabs inside text become spaces; a line is stripped of spaces."""
        actual = to_markdown(document(Paragraph(("  a\nb\r\nc\td  ",)), Heading(("x\ny",))))
        assert "# Headline\n\na b c d\n\n## x y\n" == actual

    def test_empty_contact_line_dropped(self) -> None:
        """An empty contact line leaves no hard break behind."""
        block = ContactBlock("C", (ContactGroup(None, (card("A", "", organisation="B"),)),))
        expected = "# Headline\n\n## C\n\nA\\\nB\\\n[0295\xa0463\xa0000](tel:+358295463000)\\\n"
        assert expected + "[a@migri.fi](mailto:a@migri.fi)\n" == to_markdown(document(block))


class TestEscaping:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("# not a heading", "\\# not a heading"),
            ("1. not a list", "1\\. not a list"),
            ("2025) not a list", "2025\\) not a list"),
            ("- not an item", "\\- not an item"),
            ("+ not an item", "\\+ not an item"),
            ("= not an underline", "\\= not an underline"),
            ("> not a quote", "\\> not a quote"),
            ("***", "\\*\\*\\*"),
            ("___", "\\_\\_\\_"),
            ("*a* _b_ `c`", "\\*a\\* \\_b\\_ \\`c\\`"),
            ("[d](e) <f>", "\\[d\\](e) \\<f\\>"),
            ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
            ('a & "b"', 'a & "b"'),
            ("&amp; &#35; &copy", "\\&amp; \\&\\#35; &copy"),
            ("a | b ~~c~~", "a \\| b \\~\\~c\\~\\~"),
            ("back\\slash\\", "back\\\\slash\\\\"),
            ("snake_case_word", "snake\\_case\\_word"),
            ("    four spaces", "four spaces"),
            ("24/7, 1.5 - 2 + 3 = 6!", "24/7, 1.5 - 2 + 3 = 6!"),
            ("www.ihmiskauppa.fi", "www.ihmiskauppa.fi"),
        ],
    )
    def test_paragraph(self, text: str, expected: str) -> None:
        """Markup characters get a backslash, line-start ones only at the start."""
        assert f"# Headline\n\n{expected}\n" == to_markdown(document(Paragraph((text,))))

    def test_image_marker(self) -> None:
        """A ``!`` just before a link is escaped, or the link would be an image."""
        actual = to_markdown(document(Paragraph(("Wow!", Link("x", "https://x.fi"), "!"))))
        assert "Wow\\![x](https://x.fi)!" == actual.split("\n\n")[1].strip()

    def test_spaces_at_line_edges(self) -> None:
        """A no-break or other Unicode space at either end of a line is a character reference."""
        actual = to_markdown(document(Paragraph(("\xa0a\xa0b\u2003",)))).split("\n\n")[1]
        assert "&#xA0;a\xa0b&#x2003;\n" == actual

    def test_link_text_and_address(self) -> None:
        """A link's text is escaped; its address keeps its parentheses balanced by escaping."""
        link = Link("a_[b]", "https://x.fi/a_(b) c\u2003?d=1&amp;e")
        actual = to_markdown(document(Paragraph((link,)))).split("\n\n")[1].strip()
        assert "[a\\_\\[b\\]](https://x.fi/a_\\(b\\)%20c%E2%80%83?d=1\\&amp;e)" == actual
        assert [Link("a_[b]", "https://x.fi/a_(b)%20c%E2%80%83?d=1&amp;e")] == list(
            Reader().read(f"{actual}\n")[0].links
        )

    def test_every_line_start(self) -> None:
        """Headings, quotes, items and every contact line are escaped at their start too."""
        block = ContactBlock(
            "1. C",
            (ContactGroup("- L", (card("# A", "= B", organisation="3) D", email="x@y.fi"),)),),
        )
        doc = document(Heading(("# H",)), Quote(("> Q",)), BulletList((("1. I",), ("+ J",))), block)
        expected = (
            "# Headline\n\n## \\# H\n\n> \\> Q\n\n- 1\\. I\n- \\+ J\n\n## 1\\. C\n\n"
            "\\- L\n\n\\# A\\\n\\= B\\\n3\\) D\\\n[0295\xa0463\xa0000](tel:+358295463000)\\\n"
            "[x@y.fi](mailto:x@y.fi)\n"
        )
        assert expected == to_markdown(doc)

    @settings(max_examples=300, deadline=None)
    @given(
        st.lists(
            st.one_of(
                st.text(st.sampled_from("\\`*_[]<>#|~&!-+=.)1 \t\n\xa0\u2003aä;")),
                st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn"))),
                st.builds(
                    Link,
                    st.text(st.sampled_from("\\`*_[]<>#!&;a ")).filter(str.strip),
                    st.text(st.sampled_from("()<>\\&;#a _")).map("https://x.fi/".__add__),
                ),
            ),
            max_size=5,
        )
    )
    def test_any_text_reads_back(self, pieces: list[Inline]) -> None:
        """Any text, in any block, reads back as written, apart from white space."""
        content = tuple(pieces)
        written = collapse(nas_press.document.plain(content))
        assume(written)
        block = ContactBlock(
            "C", (ContactGroup(None, (card("x", content, phone="1", e164="+1"),)),)
        )
        doc = document(Paragraph(content), Quote(content), BulletList((content,)), block)
        expected = [
            ("paragraph", written),
            ("quote", written),
            ("list", written),
            ("h2", "C"),
            ("paragraph", collapse(f"x {written} {card('x').organisation} 1 x@migri.fi")),
        ]
        assert expected == [(b.kind, collapse(b.text)) for b in read(doc)[1:]]


class TestRefused:
    def test_same_checks_as_html(self) -> None:
        """A control character, a link without text or a script address are refused."""
        for block in (
            Paragraph(("a\x00",)),
            Paragraph((Link(" ", "https://x.fi"),)),
            Paragraph((Link("x", "javascript:alert(1)"),)),
        ):
            with pytest.raises(DocumentError, match=r"block 0 \(Paragraph\)"):
                to_markdown(document(block))


@pytest.mark.parametrize(("stem", "lang"), CASES)
class TestExamples:
    @pytest.fixture
    def doc(self, stem: str, lang: str) -> Document:
        """The example rendered in the language."""
        return nas_press.render(load_example(stem), lang)

    def test_text_is_the_plain_text(self, doc: Document) -> None:
        """Read back, the Markdown says what the plain text says, apart from white space."""
        actual = collapse(" ".join(b.text for b in read(doc)))
        assert expected_visible_text(doc) == actual

    def test_structure(self, doc: Document) -> None:
        """The dateline, one ``#`` headline, then the blocks in order as their constructs."""
        kinds = {Lead: "paragraph", Paragraph: "paragraph", Heading: "h2", Quote: "quote"}
        expected = ["paragraph", "h1"]
        for block in doc.blocks:
            if isinstance(block, Chart):
                continue  # left out
            if isinstance(block, BulletList):
                expected.append("list")
            elif isinstance(block, ContactBlock):
                expected.append("h2")
                for group in block.groups:
                    labels = [] if group.label is None else ["paragraph"]
                    expected.extend(labels + ["paragraph"] * len(group.contacts))
            else:
                expected.append(kinds[type(block)])
        assert expected == [b.kind for b in read(doc)]

    def test_links(self, doc: Document) -> None:
        """Every link has text; contacts link their e-mail and phone."""
        links = [link for b in read(doc) for link in b.links]
        contacts = sum(
            len(g.contacts) for b in doc.blocks if isinstance(b, ContactBlock) for g in b.groups
        )
        assert ([], contacts, contacts) == (
            [link for link in links if not link.text.strip()],
            len([link for link in links if link.url.startswith("mailto:")]),
            len([link for link in links if link.url.startswith("tel:+358")]),
        )

    def test_deterministic(self, stem: str, lang: str, doc: Document) -> None:
        """Rendering the release again gives the same bytes."""
        assert write(doc, Options()) == write(nas_press.render(load_example(stem), lang), Options())


class _Html(HTMLParser):
    """The tags, text and link targets of the HTML that a CommonMark parser made."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")
        if tag in ("br", "p", "li", "h1", "h2", "blockquote"):
            self.text.append(" ")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def commonmark(doc: Document) -> _Html:
    """The document's Markdown parsed by markdown-it-py, CommonMark's reference rules."""
    from markdown_it import MarkdownIt

    parsed = _Html()
    parsed.feed(MarkdownIt("commonmark").render(to_markdown(doc)))
    return parsed


@pytest.mark.parametrize(("stem", "lang"), CASES)
class TestCommonMark:
    def test_text_is_the_plain_text(self, stem: str, lang: str) -> None:
        """A CommonMark parser reads the Markdown as the plain text, apart from white space."""
        doc = nas_press.render(load_example(stem), lang)
        assert expected_visible_text(doc) == collapse("".join(commonmark(doc).text))

    def test_only_the_constructs_written(self, stem: str, lang: str) -> None:
        """It finds headings, paragraphs, quotes, lists, links and line breaks, nothing else."""
        doc = nas_press.render(load_example(stem), lang)
        tags = commonmark(doc).tags
        assert {"h1", "h2", "p", "blockquote", "ul", "li", "a", "br"} >= set(tags)
        assert 1 == tags.count("h1")

    def test_links_are_the_documents(self, stem: str, lang: str) -> None:
        """Its links go where the document's links go, in order."""
        doc = nas_press.render(load_example(stem), lang)
        assert [link.url for link in read_links(doc)] == commonmark(doc).links


def read_links(doc: Document) -> list[Link]:
    """The links of the document's Markdown, as :class:`Reader` reads them."""
    return [link for b in read(doc) for link in b.links]
