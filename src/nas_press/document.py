"""The neutral document: what a release says in one language, before any file format.

A :class:`Document` is a headline followed by a sequence of blocks. Writers
(plain text, DOCX, HTML, …) turn it into bytes; none of them sees Jinja or the
release file, and the document knows nothing of file formats.

Running text is a tuple of :data:`Inline` pieces: plain strings, :class:`Link`
objects, so that a writer can make a working hyperlink, and :class:`Span`
objects, which mark a piece of text written by the author in the release file
with the key it came from (``body[3].paragraph``), so that it can be found
again in an edited copy. Contacts are structured (:class:`Contact`, with a
:class:`Phone` in its display and international forms) and a chart is its
figures (:class:`Chart`), drawn into a picture only by the writers that show
pictures.

:func:`texts` walks every text of a document, for the writers and checks
that need them all; :func:`spans` walks its authored texts, and
:func:`bookmark_name` gives each key the name of the bookmark that marks it
in a DOCX (:func:`bookmark_key` reads it back).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

import attrs


@attrs.frozen
class Link:
    """A hyperlink inside running text: ``text`` is shown, ``url`` is the target."""

    text: str
    url: str


@attrs.frozen
class Span:
    """Text written by the author, and the key of the release file it came from.

    ``key`` is the key path without the language (``headline``,
    ``body[3].paragraph``, ``body[5].quote.text``, ``contacts[0].title``).
    ``content`` is the text as shown: strings and links. ``dropped`` is what the
    layout took off the text's end (a quotation's closing punctuation, which its
    attribution replaces, or follows outside the span): the authored text is
    ``content`` followed by it.
    """

    key: str
    content: tuple[str | Link, ...]
    dropped: str = ""


Inline = str | Link | Span
"""A piece of running text."""


def flat(inlines: tuple[Inline, ...]) -> tuple[str | Link, ...]:
    """Return running text with every :class:`Span` replaced by its content."""
    pieces: list[str | Link] = []
    for piece in inlines:
        if isinstance(piece, Span):
            pieces.extend(piece.content)
        else:
            pieces.append(piece)
    return tuple(pieces)


def plain(inlines: tuple[Inline, ...]) -> str:
    """Return running text as a plain string, showing each link's text."""
    return "".join(p if isinstance(p, str) else p.text for p in flat(inlines))


@attrs.frozen
class Lead:
    """The lead paragraph under the headline."""

    content: tuple[Inline, ...]


@attrs.frozen
class Heading:
    """A subheading inside the release."""

    content: tuple[Inline, ...]

    @property
    def text(self) -> str:
        """The heading as a plain string."""
        return plain(self.content)


@attrs.frozen
class Paragraph:
    """A paragraph of body text."""

    content: tuple[Inline, ...]


@attrs.frozen
class Quote:
    """A quotation with its attribution, as one paragraph of running text."""

    content: tuple[Inline, ...]


@attrs.frozen
class BulletList:
    """A bulleted list, such as the facts box."""

    items: tuple[tuple[Inline, ...], ...]


@attrs.frozen
class Phone:
    """A phone number: as shown (``0295 463 242``, no-break spaces) and as dialled (E.164)."""

    display: str
    e164: str


@attrs.frozen
class Contact:
    """A press contact: name, title (authored), organisation, phone and e-mail address."""

    name: str
    title: tuple[Inline, ...]
    organisation: str
    phone: Phone
    email: str

    def lines(self) -> tuple[tuple[Inline, ...], ...]:
        """The contact as the lines a printed release shows, the e-mail address a link."""
        return (
            (self.name,),
            self.title,
            (self.organisation,),
            (self.phone.display,),
            (Link(self.email, f"mailto:{self.email}"),),
        )


@attrs.frozen
class ContactGroup:
    """Contacts sharing one validity window.

    ``label`` is the localized window ("Until 31 July:"), or ``None`` for
    contacts that are always valid.
    """

    label: str | None
    contacts: tuple[Contact, ...]


@attrs.frozen
class ContactBlock:
    """The "for more information" block: a heading and groups of contacts."""

    heading: str
    groups: tuple[ContactGroup, ...]


@attrs.frozen
class Series:
    """One series of a chart: its legend label (``None`` for a chart of one series),
    a value per category (``None`` where the figure is not given) and the label
    written at each bar, formatted in the document's language."""

    label: str | None
    values: tuple[int | None, ...]
    labels: tuple[str, ...]


@attrs.frozen
class Chart:
    """A bar chart: its words and figures in the document's language, not yet a picture.

    ``horizontal`` bars run from the left, one category a row, top down;
    else the bars stand on the categories, grouped by series. ``ticks`` are
    the value axis's positions and their labels. ``alt`` states the title and
    every figure in words, for readers who cannot see the picture. The
    writers that show pictures (DOCX, HTML) draw it
    (:mod:`nas_press.writers.charts`); the others leave it out, since the
    text around a chart states its figures.
    """

    name: str
    title: str
    subtitle: str | None
    note: str | None
    categories: tuple[str, ...]
    axis: str
    ticks: tuple[tuple[int, str], ...]
    series: tuple[Series, ...]
    horizontal: bool
    alt: str


Block = Lead | Heading | Paragraph | Quote | BulletList | ContactBlock | Chart
"""Any block of a document body."""


@attrs.frozen
class Dateline:
    """What stands above the headline, in the version's language.

    ``sender`` is the organisation that sends the release (the Finnish
    Immigration Service with the NAS, by their official names); ``kind`` the
    release type ("Tiedote", "Pressmeddelande", "Press release");
    ``published`` the publication date and time as the language writes them
    ("10.7.2025 klo 10.00") and ``published_at`` the same moment in Helsinki
    time; ``embargo`` the embargo line ("EMBARGO 10.7.2025 klo 10.00") and
    ``embargo_at`` its moment, or ``None``; ``correction`` the note of a
    corrected release (its label and the authored text), or ``None``, and
    ``corrected_at`` when the correction was made, if the release says so.
    """

    sender: str
    kind: str
    published: str
    published_at: datetime.datetime
    embargo: str | None = None
    embargo_at: datetime.datetime | None = None
    correction: tuple[Inline, ...] | None = None
    corrected_at: datetime.datetime | None = None

    @property
    def line(self) -> str:
        """The release type and the publication time as one line ("Tiedote 10.7.2025 klo
        10.00"), under the sender."""
        return f"{self.kind} {self.published}"

    def lines(self) -> tuple[str, ...]:
        """What stands above the headline, line by line: the embargo line if any, the
        sender, then :attr:`line`. The correction note follows the headline."""
        return (*((self.embargo,) if self.embargo else ()), self.sender, self.line)


@attrs.frozen
class Document:
    """One language version of a release.

    ``language`` is the BCP 47 tag of the version (``fi-FI``, ``sv-FI``,
    ``en-GB``); ``lang`` is the project's short code (``fi``, ``sv``, ``en``).
    ``title`` is the headline; ``release_id`` names the release, the same in
    every language version, and ``version`` counts its corrected re-sends;
    ``dateline`` is what stands above the headline. ``notes`` are what the
    approval copy tells its readers of decisions taken for the release, such
    as a changed minimum group size and its reason; they are not published.
    """

    lang: str
    language: str
    title: str
    published: datetime.date
    blocks: tuple[Block, ...]
    release_id: str = "release"
    version: int = 1
    dateline: Dateline | None = None
    notes: tuple[str, ...] = ()

    @property
    def headline(self) -> tuple[Inline, ...]:
        """The headline as running text: one :class:`Span` of the key ``headline``."""
        return (Span("headline", (self.title,)),)


def contents(block: Block) -> Iterator[tuple[Inline, ...]]:
    """Yield each piece of running text of ``block``, in reading order.

    A heading, a paragraph, the lead and a quote are one each; a list one per
    item; a contact block its heading, each window label and each line of
    each contact; a chart its title and its alt text.
    """
    match block:
        case Heading(content=content):
            yield content
        case Lead(content=content) | Paragraph(content=content) | Quote(content=content):
            yield content
        case BulletList(items=items):
            yield from items
        case ContactBlock(heading=heading, groups=groups):
            yield (heading,)
            for group in groups:
                if group.label is not None:
                    yield (group.label,)
                for contact in group.contacts:
                    yield from contact.lines()
        case Chart(title=title, alt=alt):
            yield (title,)
            yield (alt,)


@attrs.frozen
class Text:
    """One string of a document, as :func:`texts` finds it.

    ``where`` names the place (``title``, ``block 3 (Paragraph)``); ``url``
    says the string is a link's target rather than text a reader sees.
    """

    where: str
    text: str
    url: bool = False


def texts(document: Document) -> Iterator[Text]:
    """Yield every string of ``document``: its language tag, its dateline, its title, the
    correction note, and each text and link target of each block, in order."""
    yield Text("language", document.language)
    if document.dateline is not None:
        for text in document.dateline.lines():
            yield Text("dateline", text)
    yield Text("title", document.title)
    if document.dateline is not None and document.dateline.correction is not None:
        for piece in flat(document.dateline.correction):
            if isinstance(piece, Link):
                yield Text("correction", piece.text)
                yield Text("correction", piece.url, url=True)
            else:
                yield Text("correction", piece)
    for number, block in enumerate(document.blocks):
        where = f"block {number} ({type(block).__name__})"
        for content in contents(block):
            for piece in flat(content):
                if isinstance(piece, Link):
                    yield Text(where, piece.text)
                    yield Text(where, piece.url, url=True)
                else:
                    yield Text(where, piece)


def links(document: Document) -> Iterator[tuple[str, Link]]:
    """Yield each link of ``document`` with the place it stands in."""
    if document.dateline is not None and document.dateline.correction is not None:
        for piece in flat(document.dateline.correction):
            if isinstance(piece, Link):
                yield "correction", piece
    for number, block in enumerate(document.blocks):
        where = f"block {number} ({type(block).__name__})"
        for content in contents(block):
            for piece in flat(content):
                if isinstance(piece, Link):
                    yield where, piece


def spans(document: Document) -> Iterator[Span]:
    """Yield each authored text of ``document`` in reading order, the headline first."""
    runs: list[tuple[Inline, ...]] = [document.headline]
    if document.dateline is not None and document.dateline.correction is not None:
        runs.append(document.dateline.correction)
    runs.extend(content for block in document.blocks for content in contents(block))
    for content in runs:
        yield from (p for p in content if isinstance(p, Span))


_KEY_PART = re.compile(r"([a-z]+)(?:\[(0|[1-9][0-9]*)\])?")
_BOOKMARK_PART = re.compile(r"([a-z]+)(0|[1-9][0-9]*)?")
BOOKMARK_PREFIX = "nas_"
"""What every bookmark name that marks an authored text begins with."""
BOOKMARK_MAX = 40
"""The longest bookmark name Word keeps."""


def bookmark_name(key: str) -> str:
    """Return the name of the bookmark that marks the authored text of ``key`` in a DOCX.

    Each part of the key path becomes its name followed by its index, the
    parts joined by underscores after the prefix ``nas_``:
    ``body[3].quote.text`` is ``nas_body3_quote_text``, ``headline`` is
    ``nas_headline``. Names are lower-case ASCII letters and indices digits,
    so two keys never share a bookmark name, and :func:`bookmark_key` turns
    the name back into its key. The name is at most 40 characters, letters,
    digits and underscores, and begins with a letter, as Word requires.

    Raises :class:`ValueError` for a key that is not such a path or whose
    name would be too long.
    """
    parts = key.split(".")
    encoded: list[str] = []
    for part in parts:
        match = _KEY_PART.fullmatch(part)
        if match is None:
            raise ValueError(f"not a key path of an authored text: {key!r}")
        encoded.append(match.group(1) + (match.group(2) or ""))
    name = BOOKMARK_PREFIX + "_".join(encoded)
    if len(name) > BOOKMARK_MAX:
        raise ValueError(f"the bookmark name of {key!r} would be longer than {BOOKMARK_MAX}")
    return name


def bookmark_key(name: str) -> str | None:
    """Return the key path a bookmark named by :func:`bookmark_name` marks, or ``None``
    for any other bookmark (one a reviewer or Word added)."""
    if not name.startswith(BOOKMARK_PREFIX) or len(name) > BOOKMARK_MAX:
        return None
    parts: list[str] = []
    for part in name.removeprefix(BOOKMARK_PREFIX).split("_"):
        match = _BOOKMARK_PART.fullmatch(part)
        if match is None:
            return None
        index = match.group(2)
        parts.append(match.group(1) + (f"[{index}]" if index is not None else ""))
    return ".".join(parts)
