"""The neutral document: what a release says in one language, before any file format.

A :class:`Document` is a headline followed by a sequence of blocks. Writers
(plain text, DOCX) turn it into bytes; none of them sees Jinja or the release
file, and the document knows nothing of file formats.

Running text is a tuple of :data:`Inline` pieces: plain strings and
:class:`Link` objects, so that a writer can make a working hyperlink.
"""

from __future__ import annotations

import datetime

import attrs


@attrs.frozen
class Link:
    """A hyperlink inside running text: ``text`` is shown, ``url`` is the target."""

    text: str
    url: str


Inline = str | Link
"""A piece of running text."""


def plain(inlines: tuple[Inline, ...]) -> str:
    """Return running text as a plain string, showing each link's text."""
    return "".join(i if isinstance(i, str) else i.text for i in inlines)


@attrs.frozen
class Lead:
    """The lead paragraph under the headline."""

    content: tuple[Inline, ...]


@attrs.frozen
class Heading:
    """A subheading inside the release."""

    text: str


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
class ContactGroup:
    """Contacts sharing one validity window.

    ``label`` is the localized window ("Until 31 July:"), or ``None`` for
    contacts that are always valid. Each contact is a tuple of lines.
    """

    label: str | None
    contacts: tuple[tuple[tuple[Inline, ...], ...], ...]


@attrs.frozen
class ContactBlock:
    """The "for more information" block: a heading and groups of contacts."""

    heading: str
    groups: tuple[ContactGroup, ...]


@attrs.frozen
class Chart:
    """A chart: a PNG picture, with its title and the alt text that states its figures.

    The title is drawn in the picture; ``alt`` says in words what the picture
    shows, every figure included, for readers who cannot see it (and for the
    text formats, which carry no pictures). ``width`` and ``height`` are the
    size it is shown at, in CSS pixels (1/96 inch); the picture itself has more
    pixels, for print.
    """

    title: str
    alt: str
    png: bytes = attrs.field(repr=lambda png: f"<{len(png)} bytes of PNG>")
    width: int
    height: int


Block = Lead | Heading | Paragraph | Quote | BulletList | ContactBlock | Chart
"""Any block of a document body."""


@attrs.frozen
class Document:
    """One language version of a release.

    ``language`` is the BCP 47 tag of the version (``fi-FI``, ``sv-FI``,
    ``en-GB``); ``lang`` is the project's short code (``fi``, ``sv``, ``en``).
    """

    lang: str
    language: str
    title: str
    published: datetime.date
    blocks: tuple[Block, ...]
