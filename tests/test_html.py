"""The HTML writer (nas_press.writers.html).

The page is read back with :mod:`html.parser` into its elements, their
nesting and their text, and checked for what an accessible press release
needs; its visible text is compared with the plain-text writer's output, the
comparison a browser test makes.
"""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser

import attrs
import pytest
from tests.conftest import EXAMPLE_STEMS, LANGS, card, load_example

import nas_press
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
from nas_press.exceptions import DocumentError
from nas_press.writers import Options
from nas_press.writers.html import to_html, write
from nas_press.writers.text import to_text

LANGUAGES = ("fi-FI", "sv-FI", "en-GB")
CASES = [(stem, lang) for stem in EXAMPLE_STEMS for lang in LANGS]
REVIEW_URL = "https://migri.fi/en/review?year=2025&part=h1"
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"})
INLINE = frozenset({"a", "abbr", "b", "code", "em", "i", "span", "strong", "time"})
HIDDEN = frozenset({"head", "script", "style", "template", "title"})
_WHITE_SPACE = re.compile(r"[ \t\n\r\f]+")
_SHOWN_ADDRESS = re.compile(r" <(?:https?://|mailto:|tel:)[^<>\s]*>")
_BULLET = re.compile(r"^- ", re.MULTILINE)


def collapse(text: str) -> str:
    """Collapse runs of HTML white space (not no-break spaces) to one space, and strip."""
    return _WHITE_SPACE.sub(" ", text).strip(" ")


def expected_visible_text(document: Document) -> str:
    """The plain-text writer's output as a browser would show the same content.

    Links show only their text (the plain text adds `` <address>`` where the
    text does not show it), bullets lose their ``- ``, and white space is
    collapsed.
    """
    text = _SHOWN_ADDRESS.sub("", to_text(document))
    return collapse(_BULLET.sub("", text))


@attrs.define
class Element:
    """One element of a parsed page: its tag, attributes, ancestors and text."""

    tag: str
    attributes: dict[str, str | None]
    ancestors: tuple[str, ...]
    parts: list[str] = attrs.Factory(list)

    @property
    def text(self) -> str:
        """The element's visible text with white space collapsed."""
        return collapse("".join(self.parts))


class Page(HTMLParser):
    """An HTML page read into its elements, in document order, and its visible text."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.doctype: str | None = None
        self.elements: list[Element] = []
        self.problems: list[str] = []
        self._open: list[Element] = []
        self._body: list[str] = []
        self.feed(source)
        self.close()
        if self._open:
            self.problems.append(f"not closed: {[e.tag for e in self._open]}")

    def handle_decl(self, decl: str) -> None:
        """Keep the document type declaration."""
        self.doctype = decl

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        """Record the element and open it unless it is void."""
        element = Element(tag, dict(attributes), tuple(e.tag for e in self._open))
        self.elements.append(element)
        self._space(tag)
        if tag not in VOID:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        """A self-closing tag, which HTML5 does not need: note it."""
        self.problems.append(f"self-closing <{tag}/>")
        self.handle_starttag(tag, attributes)

    def handle_endtag(self, tag: str) -> None:
        """Close the innermost element, which must be ``tag``."""
        if not self._open or self._open[-1].tag != tag:
            self.problems.append(f"</{tag}> closes {[e.tag for e in self._open]}")
            return
        self._space(tag)
        self._open.pop()

    def handle_data(self, data: str) -> None:
        """Add text to every open element, and to the page's visible text."""
        for element in self._open:
            element.parts.append(data)
        if self._shown():
            self._body.append(data)

    def _shown(self) -> bool:
        tags = [e.tag for e in self._open]
        return "body" in tags and not HIDDEN.intersection(tags)

    def _space(self, tag: str) -> None:
        if tag not in INLINE:
            for element in self._open:
                element.parts.append(" ")
            if self._shown():
                self._body.append(" ")

    @property
    def visible_text(self) -> str:
        """The text a browser shows, ignoring tags, with white space collapsed."""
        return collapse("".join(self._body))

    def find(self, tag: str) -> list[Element]:
        """Every element with ``tag``, in document order."""
        return [e for e in self.elements if e.tag == tag]

    def heading_levels(self) -> list[int]:
        """The levels of the headings, in document order."""
        return [int(e.tag[1]) for e in self.elements if re.fullmatch(r"h[1-6]", e.tag)]


def document(*blocks: object, title: str = "Headline", language: str = "en-GB") -> Document:
    """A document with the given blocks."""
    return Document(language[:2], language, title, datetime.date(2030, 7, 1), tuple(blocks))  # type: ignore[arg-type]


def sample(language: str = "fi-FI") -> Document:
    """A document with every kind of block, links and no-break spaces."""
    return Document(
        lang=language[:2],
        language=language,
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
                            card("Toinen Henkilö", "johtaja", email="t@example.org"),
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
            Heading(("Maahanmuuttovirasto",)),
            Paragraph(("Virasto.",)),
        ),
    )


SAMPLE_BODY = """\
<body>
<main>
<article>
<h1>Auttamisjärjestelmään 88 uutta asiakasta</h1>
<p class="lead">Uusia asiakkaita oli 88 (45\xa0%). Lue <a href="https://migri.fi/en/review?year=2025&amp;part=h1">katsaus</a>.</p>
<h2>Pakkotyö yleisin hyväksikäytön muoto</h2>
<p>Rekisterissä on 1\xa0588 henkilöä.</p>
<blockquote>
  <p>”Luvut kasvavat”, sanoo johtaja.</p>
</blockquote>
<ul>
  <li>pakkotyö 27\xa0%</li>
  <li>lisää: <a href="https://migri.fi/en/review?year=2025&amp;part=h1">katsaus</a></li>
</ul>
<h2>Lisätietoja:</h2>
<address>
  <div class="contact-group">
    <p class="contact">Testi Henkilö<br>
    ylitarkastaja<br>
    National Assistance System for Victims of Human Trafficking<br>
    <a href="tel:+358295463000">0295\xa0463\xa0000</a><br>
    <a href="mailto:t@migri.fi">t@migri.fi</a></p>
  </div>
  <div class="contact-group">
    <p class="contact-window">31. heinäkuuta asti:</p>
    <p class="contact">Toinen Henkilö<br>
    johtaja<br>
    National Assistance System for Victims of Human Trafficking<br>
    <a href="tel:+358295463000">0295\xa0463\xa0000</a><br>
    <a href="mailto:t@example.org">t@example.org</a></p>
    <p class="contact">Kolmas Henkilö<br>
    neuvonantaja<br>
    National Assistance System for Victims of Human Trafficking<br>
    <a href="tel:+46812345678">+46\xa08\xa0123\xa0456\xa078</a><br>
    <a href="mailto:k@example.org">k@example.org</a></p>
  </div>
</address>
<h2>Maahanmuuttovirasto</h2>
<p>Virasto.</p>
</article>
</main>
</body>
</html>
"""


class TestPage:
    def test_body(self) -> None:
        """Each block becomes the element the module documents, one element per line."""
        actual = to_html(sample())
        assert SAMPLE_BODY == actual[actual.index("<body>") :]

    def test_head(self) -> None:
        """Doctype, language, UTF-8, viewport and the headline as title, in that order."""
        actual = to_html(sample()).splitlines()[:6]
        expected = [
            "<!DOCTYPE html>",
            '<html lang="fi-FI">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            "<title>Auttamisjärjestelmään 88 uutta asiakasta</title>",
        ]
        assert expected == actual

    def test_well_formed(self) -> None:
        """Every element is closed where it was opened, and no tag is self-closing."""
        page = Page(to_html(sample()))
        assert ([], "DOCTYPE html") == (page.problems, page.doctype)

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_language(self, language: str) -> None:
        """``<html lang>`` is the version's BCP 47 tag."""
        page = Page(to_html(sample(language)))
        assert language == page.find("html")[0].attributes["lang"]

    def test_nothing_loaded_or_run(self) -> None:
        """The page loads no resource and runs no script: only an embedded stylesheet."""
        page = Page(to_html(sample()))
        tags = {e.tag for e in page.elements}
        assert (set(), True) == (
            tags & {"script", "link", "img", "iframe", "object", "embed"},
            "style" in tags,
        )
        assert [] == [e for e in page.elements if "src" in e.attributes or "style" in e.attributes]

    def test_no_break_spaces_kept_as_characters(self) -> None:
        """A no-break space stays U+00A0, never ``&nbsp;``."""
        actual = to_html(sample())
        assert (True, False) == ("1\xa0588" in actual, "&nbsp;" in actual)

    def test_line_ends(self) -> None:
        """Lines end with ``\\n`` only, and the page ends with one."""
        actual = to_html(document(Paragraph(("a\r\nb\rc",))))
        assert (False, True) == ("\r" in actual, actual.endswith("</html>\n"))

    def test_bytes_are_utf8(self) -> None:
        """:func:`write` is the page encoded in UTF-8."""
        assert to_html(sample()).encode("utf-8") == write(sample(), Options())


class TestEscaping:
    def test_text(self) -> None:
        """Markup characters in text are escaped, so the page shows them as written."""
        actual = to_html(document(Paragraph(("<script>alert(\"x\")</script> & 'y'",))))
        expected = "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;y&#x27;</p>"
        assert expected in actual.splitlines()
        assert "<script>alert(\"x\")</script> & 'y'" == Page(actual).find("p")[0].text

    def test_title_and_heading(self) -> None:
        """The headline is escaped in the title and the ``h1``, headings too."""
        page = Page(to_html(document(Heading(("a<b>",)), title="R&D <now>")))
        actual = [(e.tag, e.text) for e in page.elements if e.tag in ("title", "h1", "h2")]
        assert [("title", "R&D <now>"), ("h1", "R&D <now>"), ("h2", "a<b>")] == actual

    def test_link(self) -> None:
        """A link's address and text are escaped: a quote cannot end the attribute."""
        link = Link("<b>", 'https://example.org/?a=1&b="2"')
        page = Page(to_html(document(Paragraph((link,)))))
        anchor = page.find("a")[0]
        assert (link.url, "<b>", []) == (anchor.attributes["href"], anchor.text, page.problems)

    def test_white_space_in_address(self) -> None:
        """White space in a link's address is percent-encoded, as a valid URL needs."""
        page = Page(to_html(document(Paragraph((Link("x", "https://x.fi/a b\u2003"),)))))
        assert "https://x.fi/a%20b%E2%80%83" == page.find("a")[0].attributes["href"]

    def test_contacts(self) -> None:
        """Contact lines and window labels are escaped."""
        block = ContactBlock("A&B", (ContactGroup("<until>", (card("X & Y", "<b>"),)),))
        page = Page(to_html(document(block)))
        assert page.find("address")[0].text.startswith("<until> X & Y <b> ")

    def test_line_end_is_a_line_break(self) -> None:
        """A line end in a text is a ``<br>``, as in the DOCX and the plain text, not a space."""
        actual = to_html(
            document(
                Heading(("a\nb",)),
                Paragraph(("one\r\ntwo ", Link("x\ny", "https://x.fi/"))),
                ContactBlock("C", (ContactGroup("until\nthen", (card("Name\nX", "title"),)),)),
                title="R\nD",
            )
        )
        lines = actual.splitlines()
        assert "<title>R" in lines
        for expected in (
            "<h1>R<br>",
            "<h2>a<br>",
            "<p>one<br>",
            'two <a href="https://x.fi/">x<br>',
            '    <p class="contact-window">until<br>',
            '    <p class="contact">Name<br>',
        ):
            assert expected in lines


class TestRefused:
    @pytest.mark.parametrize("char", ["\x00", "\x08", "\x0b", "\x1f", "\x7f", "\x85", "\ufffe"])
    def test_forbidden_character(self, char: str) -> None:
        """A character that HTML text may not hold is refused, naming the block."""
        with pytest.raises(DocumentError, match=r"block 0 \(Paragraph\).*U\+"):
            to_html(document(Paragraph((f"a{char}b",))))

    @pytest.mark.parametrize("text", ["", " ", "\xa0"])
    def test_link_without_text(self, text: str) -> None:
        """A link whose text is empty or blank is refused: a link must say where it leads."""
        with pytest.raises(DocumentError, match=r"block 0 \(Lead\): the link to 'https://x\.fi'"):
            to_html(document(Lead((Link(text, "https://x.fi"),))))

    @pytest.mark.parametrize("url", ["javascript:alert(1)", "/relative", "ftp://x.fi", "data:,x"])
    def test_link_target(self, url: str) -> None:
        """Only https:, http:, mailto: and tel: targets are written."""
        with pytest.raises(DocumentError, match="is not an absolute"):
            to_html(document(Paragraph((Link("x", url),))))

    def test_white_space_allowed(self) -> None:
        """Tab, line feed, form feed and carriage return are white space, not refused."""
        page = Page(to_html(document(Paragraph(("a\tb\nc\x0cd\re",)))))
        assert "a b c d e" == page.find("p")[0].text


class TestPhone:
    def test_contact_phone_is_a_tel_link(self) -> None:
        """A contact's phone number links to its E.164 form, as the document holds it."""
        phone = "+46 8 123 456 78"
        block = ContactBlock(
            "C", (ContactGroup(None, (card("A", phone=phone, e164="+46812345678"),)),)
        )
        page = Page(to_html(document(block)))
        assert ["tel:+46812345678", "mailto:a@migri.fi"] == [
            a.attributes["href"] for a in page.find("a")
        ]

    def test_only_contacts_are_linked(self) -> None:
        """A number inside running text is not made a link."""
        page = Page(to_html(document(Paragraph(("Call 0295 463 242.",)))))
        assert [] == page.find("a")


@pytest.mark.parametrize(("stem", "lang"), CASES)
class TestExamples:
    @pytest.fixture
    def doc(self, stem: str, lang: str) -> Document:
        """The example rendered in the language."""
        return nas_press.render(load_example(stem), lang)

    @pytest.fixture
    def page(self, doc: Document) -> Page:
        """The example's HTML page, parsed."""
        return Page(to_html(doc))

    def test_well_formed(self, page: Page) -> None:
        """Every element is closed where it was opened."""
        assert ([], "DOCTYPE html") == (page.problems, page.doctype)

    def test_one_h1_and_title(self, doc: Document, page: Page) -> None:
        """Exactly one ``h1``, the headline, which is also the page title."""
        actual = ([e.text for e in page.find("h1")], [e.text for e in page.find("title")])
        assert ([doc.title], [doc.title]) == actual

    def test_heading_levels_never_skip(self, page: Page) -> None:
        """Headings start at ``h1`` and each is at most one level below the one before."""
        levels = page.heading_levels()
        assert [] == [
            (before, after)
            for before, after in zip([0, *levels], levels, strict=False)
            if after > before + 1
        ]
        assert {1, 2} == set(levels)

    def test_headings_in_order(self, doc: Document, page: Page) -> None:
        """The ``h2`` are the subheadings and the contact heading, in document order."""
        expected = [
            b.text if isinstance(b, Heading) else b.heading
            for b in doc.blocks
            if isinstance(b, (Heading, ContactBlock))
        ]
        assert expected == [e.text for e in page.find("h2")]

    def test_landmarks(self, page: Page) -> None:
        """One ``main``; the ``article`` is inside it, and every heading inside that."""
        headings = [e for e in page.elements if re.fullmatch(r"h[1-6]", e.tag)]
        actual = (
            len(page.find("main")),
            [e.ancestors for e in page.find("article")],
            [e.tag for e in headings if "article" not in e.ancestors],
        )
        assert (1, [("html", "body", "main")], []) == actual

    def test_language(self, doc: Document, page: Page) -> None:
        """``<html lang>`` is the version's language."""
        assert doc.language == page.find("html")[0].attributes["lang"]

    def test_lead(self, doc: Document, page: Page) -> None:
        """The lead is the first paragraph, with the class ``lead``."""
        lead = next(b for b in doc.blocks if isinstance(b, Lead))
        first = next(p for p in page.find("p") if p.attributes.get("class") != "dateline")
        assert (["lead"], collapse(nas_press.document.plain(lead.content))) == (
            [first.attributes["class"]],
            first.text,
        )

    def test_lists(self, doc: Document, page: Page) -> None:
        """Each bullet list is a ``ul`` whose children are ``li``, one per item."""
        lists = [b for b in doc.blocks if isinstance(b, BulletList)]
        items = page.find("li")
        expected = (
            len(lists),
            [collapse(nas_press.document.plain(i)) for b in lists for i in b.items],
        )
        assert expected == (len(page.find("ul")), [i.text for i in items])
        assert ({"ul"} if items else set(), []) == (
            {i.ancestors[-1] for i in items},
            page.find("ol"),
        )

    def test_quotes(self, doc: Document, page: Page) -> None:
        """Each quote is a ``blockquote``."""
        quotes = [b for b in doc.blocks if isinstance(b, Quote)]
        expected = [collapse(nas_press.document.plain(b.content)) for b in quotes]
        assert expected == [e.text for e in page.find("blockquote")]

    def test_contacts_in_address(self, doc: Document, page: Page) -> None:
        """Each contact block is one ``address``: every contact in its own paragraph,
        e-mail as ``mailto:`` and phone as ``tel:`` links, and the text as in plain text."""
        blocks = [b for b in doc.blocks if isinstance(b, ContactBlock)]
        contacts = sum(len(g.contacts) for b in blocks for g in b.groups)
        paragraphs = [e for e in page.find("p") if e.attributes.get("class") == "contact"]
        links = [str(e.attributes["href"]) for e in page.find("a") if "address" in e.ancestors]
        assert (contacts, contacts, contacts) == (
            len([p for p in paragraphs if "address" in p.ancestors]),
            len([a for a in links if a.startswith("mailto:")]),
            len([a for a in links if re.fullmatch(r"tel:\+358\d+", a)]),
        )
        shown = [collapse(to_text(document(b)).split("\n\n", 2)[2]) for b in blocks]
        assert shown == [e.text for e in page.find("address")]

    def test_links_have_text(self, page: Page) -> None:
        """Every link has an address and text that is not empty."""
        links = page.find("a")
        assert [] == [a for a in links if not a.text.strip() or not a.attributes.get("href")]
        assert [] == [a for a in links if a.text.lower() in ("click here", "here", "tästä")]

    def test_visible_text_is_the_plain_text(self, doc: Document, page: Page) -> None:
        """What a browser shows is the plain text, apart from white space and link addresses."""
        assert expected_visible_text(doc) == page.visible_text

    def test_deterministic(self, stem: str, lang: str, doc: Document) -> None:
        """Rendering the release again gives the same bytes."""
        assert write(doc, Options()) == write(nas_press.render(load_example(stem), lang), Options())
