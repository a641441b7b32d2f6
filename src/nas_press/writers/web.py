"""What the web writers (HTML and Markdown) share: which texts a page can show,
link addresses, and a contact's lines with working links."""

from __future__ import annotations

import re

from nas_press.document import Contact, Document, Inline, Link, links, texts
from nas_press.exceptions import DocumentError

_SCHEMES = ("https://", "http://", "mailto:", "tel:")
"""Link targets a writer accepts: a standalone page has no base for a relative
address, and no other scheme belongs in a press release."""

_NOT_HTML = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000))
    + "]"
)
"""Characters that HTML text may not hold: controls other than white space,
surrogates and noncharacters."""

_SPACE = re.compile(r"\s")


def check_web_text(document: Document) -> None:
    """Refuse a document that no web page could show faithfully.

    Raises :class:`~nas_press.exceptions.DocumentError` (a ``ValueError``),
    naming the block, if some text holds a character HTML forbids (a control
    character other than white space, a surrogate or a noncharacter), if a
    link has no text (a link must say where it leads), or if a link target is
    not an ``https:``, ``http:``, ``mailto:`` or ``tel:`` address.
    """
    for text in texts(document):
        bad = _NOT_HTML.search(text.text)
        if bad is not None:
            char = bad.group()
            where = f"{text.where}, link target" if text.url else text.where
            raise DocumentError(
                f"{where}: {text.text!r} holds {char!r} (U+{ord(char):04X}) at index"
                f" {bad.start()}, which a web page cannot hold; remove or replace it"
            )
    for where, link in links(document):
        if not link.text.strip():
            raise DocumentError(
                f"{where}: the link to {link.url!r} has no text; give it text that says"
                " where it leads"
            )
        if not link.url.lower().startswith(_SCHEMES):
            raise DocumentError(
                f"{where}: the link target {link.url!r} is not an absolute https:, http:,"
                " mailto: or tel: address"
            )


def web_address(url: str) -> str:
    """Return ``url`` with white space percent-encoded (as UTF-8), as a valid URL needs."""
    return _SPACE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), url)


def contact_lines(contact: Contact) -> tuple[tuple[Inline, ...], ...]:
    """Return the lines of a contact, its phone number a ``tel:`` link in E.164 form."""
    name, title, organisation, _, email = contact.lines()
    phone = (Link(contact.phone.display, f"tel:{contact.phone.e164}"),)
    return name, title, organisation, phone, email
