"""The ninjs writer: a document as an IPTC ninjs 3.1 news item in JSON, for a newswire.

One language version of a release becomes one ninjs object; it validates
against IPTC's published JSON Schema (``ninjs-schema_3.1.json``, JSON Schema
draft 2020-12). The properties, in this fixed order:

``uri``
    The version's own identifier, ``tag:ihmiskauppa.fi,2025:nas-press/<id>/<lang>``
    (a tag URI, RFC 4151: unique without a registry, and the same for every
    version of the item, as ninjs asks of ``uri``).
``standard``
    ninjs 3.1 and the ``$id`` of its schema.
``altIds``
    ``{"role": "release", "value": "tag:ihmiskauppa.fi,2025:nas-press/<id>"}``:
    the identifier the language versions of one release share, and the link
    between them.
``type``, ``representationType``, ``version``, ``language``, ``pubStatus``
    ``"text"``, ``"full"``, the version number as a string (the schema's type),
    the BCP 47 tag of the document (``fi-FI``) and ``"usable"``.
``firstCreated``, ``versionCreated``, ``embargoedUntil``
    Times in Finland (Europe/Helsinki) with their UTC offset
    (``2025-07-10T10:00:00+03:00``), from the document's dateline:
    ``firstCreated`` the publication, ``versionCreated`` the correction of a
    corrected version when the release says when it was made, else the
    publication; ``embargoedUntil`` the end of the embargo, and only when the
    release has one (ninjs reads its absence as "not embargoed"). A document
    without a dateline is dated 00:00 on its publication date, not embargoed.
    ``contentCreated`` is left out: the release does not say when it was written.
``edNote``
    The note of a corrected release (its label and text), when there is one.
``headlines``
    The title, role ``main``.
``infoSources``, ``genres``
    The sender of the dateline (role ``originator``) and the release type in the
    document's language (``Tiedote``; literal ``press-release``).
``descriptions``
    The lead, role ``lead``, as plain text and as an XHTML fragment; absent
    when the document has no lead.
``bodies``
    The correction note, if any, then everything after the lead: role ``main``
    as plain text laid out as the plain-text writer does (links show their
    address in angle brackets), and
    role ``richtext`` as an XHTML fragment (``<p>``, ``<h2>``, ``<blockquote>``,
    ``<ul>``, working ``<a href>`` links). The contact block stays in both, as in
    the printed release. Absent when nothing follows the headline and lead.
``people``
    Each contact, in order, with ``rel`` ``contact`` and its ``contactInfo``:
    the phone number in international (E.164) form (``type`` ``phone``) and
    the e-mail address (``type`` ``email``), both ``role`` ``work``, taken from
    the contact's own fields, never from free text. A person entry has no
    place for a job title, an organisation or a validity window; those stay
    in the body's contact block. Absent when there are no contacts.

Charts are left out, as in the plain text: a ninjs picture is an association
to a file of its own, which a release file does not publish.

No-break spaces stay the character U+00A0 in every text. The same document
always gives the same bytes.
"""

from __future__ import annotations

import datetime
import html
import json
import re
import urllib.parse
import zoneinfo
from collections.abc import Iterator
from typing import assert_never

from nas_press.document import (
    Block,
    BulletList,
    Chart,
    ContactBlock,
    Document,
    Heading,
    Inline,
    Lead,
    Link,
    Paragraph,
    Quote,
    flat,
    texts,
)
from nas_press.exceptions import DocumentError
from nas_press.writers import Options
from nas_press.writers.plain import chunks

NINJS_VERSION = "3.1"
"""The version of ninjs written."""

NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"
"""The ``$id`` of IPTC's JSON Schema for :data:`NINJS_VERSION`."""

URI_PREFIX = "tag:ihmiskauppa.fi,2025:nas-press/"
"""The start of every identifier: a tag URI (RFC 4151) under ihmiskauppa.fi,
the domain of the National Assistance System, as held in 2025."""

PUBLICATION_ZONE = "Europe/Helsinki"
"""The time zone of the publication date of a document without a dateline, dated 00:00
there."""

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters that XML (and so the XHTML bodies) cannot hold; lone surrogates
cannot be written as UTF-8 either."""


def release_uri(release_id: str) -> str:
    """Return the identifier shared by every language version of release ``release_id``."""
    return URI_PREFIX + urllib.parse.quote(release_id, safe="")


def publication_time(published: datetime.date) -> str:
    """Return 00:00 in Finland on ``published`` as an RFC 3339 date-time with its UTC offset."""
    moment = datetime.datetime.combine(
        published, datetime.time(0), tzinfo=zoneinfo.ZoneInfo(PUBLICATION_ZONE)
    )
    return moment.isoformat()


def _plain_text(blocks: list[Block]) -> str:
    return "\n\n".join(chunks(blocks))


# XHTML fragments.


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _xhtml_inline(pieces: tuple[Inline, ...]) -> str:
    out = []
    for piece in flat(pieces):
        if isinstance(piece, Link):
            href = html.escape(piece.url, quote=True)
            out.append(f'<a href="{href}">{_escape(piece.text)}</a>')
        else:
            out.append(_escape(piece))
    return "".join(out)


def _xhtml_chunks(block: Block) -> Iterator[str]:
    match block:
        case Lead(content=content) | Paragraph(content=content):
            yield f"<p>{_xhtml_inline(content)}</p>"
        case Quote(content=content):
            yield f"<blockquote><p>{_xhtml_inline(content)}</p></blockquote>"
        case Heading(content=content):
            yield f"<h2>{_xhtml_inline(content)}</h2>"
        case BulletList(items=items):
            yield "<ul>" + "".join(f"<li>{_xhtml_inline(item)}</li>" for item in items) + "</ul>"
        case ContactBlock(heading=heading, groups=groups):
            yield f"<h2>{_escape(heading)}</h2>"
            for group in groups:
                if group.label is not None:
                    yield f"<p>{_escape(group.label)}</p>"
                for contact in group.contacts:
                    lines = contact.lines()
                    yield "<p>" + "<br/>".join(_xhtml_inline(line) for line in lines) + "</p>"
        case Chart():
            return
        case _:
            assert_never(block)


def _xhtml(blocks: list[Block]) -> str:
    return "\n".join(chunk for block in blocks for chunk in _xhtml_chunks(block))


# Contacts.


def _people(blocks: tuple[Block, ...]) -> list[dict[str, object]]:
    people: list[dict[str, object]] = []
    for block in blocks:
        if isinstance(block, ContactBlock):
            for group in block.groups:
                for contact in group.contacts:
                    people.append(
                        {
                            "name": contact.name,
                            "rel": "contact",
                            "contactInfo": [
                                {"type": "phone", "role": "work", "value": contact.phone.e164},
                                {"type": "email", "role": "work", "value": contact.email},
                            ],
                        }
                    )
    return people


# Checks.


def _check_text(document: Document) -> None:
    for text in texts(document):
        bad = _NOT_XML.search(text.text)
        if bad is not None:
            char = bad.group()
            raise DocumentError(
                f"{text.where}: {text.text!r} holds {char!r} (U+{ord(char):04X}) at index"
                f" {bad.start()}, which a ninjs item cannot hold; remove or replace it"
            )


# The item.


def ninjs(document: Document, *, release_id: str, version: int = 1) -> dict[str, object]:
    """Return ``document`` as an IPTC ninjs 3.1 object (see the module docstring for the mapping).

    ``release_id`` identifies the release; the language versions of one
    release share it. ``version`` is the version of this item: 1 when it is
    first sent, one more for each corrected re-send under the same ``uri``.

    Raises :class:`ValueError` for an empty ``release_id`` or a ``version``
    that is not a whole number from 1, and
    :class:`~nas_press.exceptions.DocumentError` (a ``ValueError``) if some
    text holds a character that XML cannot hold (C0 controls other than tab,
    newline and carriage return; U+FFFE, U+FFFF; lone surrogates), naming
    the block it is in.
    """
    if not release_id:
        raise ValueError("release_id must not be empty")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ValueError(f"version must be a whole number from 1, not {version!r}")
    _check_text(document)
    shared = release_uri(release_id)
    dateline = document.dateline
    if dateline is None:
        published = created = publication_time(document.published)
        embargo = None
    else:
        published = dateline.published_at.isoformat()
        created = (dateline.corrected_at or dateline.published_at).isoformat()
        embargo = None if dateline.embargo_at is None else dateline.embargo_at.isoformat()
    leads: list[Block] = [block for block in document.blocks if isinstance(block, Lead)]
    rest: list[Block] = [block for block in document.blocks if not isinstance(block, (Lead, Chart))]
    if dateline is not None and dateline.correction is not None:
        rest.insert(0, Paragraph(dateline.correction))

    item: dict[str, object] = {
        "uri": f"{shared}/{urllib.parse.quote(document.lang, safe='')}",
        "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA},
        "altIds": [{"role": "release", "value": shared}],
        "type": "text",
        "representationType": "full",
        "version": str(version),
        "language": document.language,
        "pubStatus": "usable",
        "firstCreated": published,
        "versionCreated": created,
    }
    if embargo is not None:
        item["embargoedUntil"] = embargo
    if dateline is not None and dateline.correction is not None:
        item["edNote"] = _plain_text([Paragraph(dateline.correction)])
    item["headlines"] = [{"role": "main", "value": document.title}]
    if dateline is not None:
        item["infoSources"] = [{"name": dateline.sender, "role": "originator"}]
        item["genres"] = [{"name": dateline.kind, "literal": "press-release"}]
    if leads:
        item["descriptions"] = [
            {"role": "lead", "contentType": "text/plain", "value": _plain_text(leads)},
            {"role": "lead", "contentType": "application/xhtml+xml", "value": _xhtml(leads)},
        ]
    if rest:
        item["bodies"] = [
            {"role": "main", "contentType": "text/plain", "value": _plain_text(rest)},
            {"role": "richtext", "contentType": "application/xhtml+xml", "value": _xhtml(rest)},
        ]
    people = _people(document.blocks)
    if people:
        item["people"] = people
    return item


def write(document: Document, options: Options) -> bytes:
    """Write ``document`` as ninjs JSON, identified by its release id and version."""
    return ninjs_bytes(document, release_id=document.release_id, version=document.version)


def ninjs_bytes(document: Document, *, release_id: str, version: int = 1) -> bytes:
    """Return :func:`ninjs` of ``document`` as UTF-8 JSON.

    Keys keep the fixed order of :func:`ninjs`, the JSON is indented by two
    spaces, non-ASCII characters (no-break spaces included) are written as
    themselves, and the text ends with one newline: the same document always
    gives the same bytes. Raises as :func:`ninjs` does.
    """
    item = ninjs(document, release_id=release_id, version=version)
    return (json.dumps(item, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
