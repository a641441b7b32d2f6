"""Accessibility checks of the rendered DOCX and HTML files, in pure Python.

A public authority's documents fall under the EU Web Accessibility Directive
(2016/2102; in Finland the Act on the Provision of Digital Services,
306/2019), which asks for WCAG 2.1 level AA through EN 301 549. These checks
read the files back, as a reader's software would, and test what a press
release can get wrong; they need no browser, no office suite and no parser
beyond the standard library (:mod:`zipfile`, :mod:`xml.etree.ElementTree`,
:mod:`html.parser`).

A DOCX (:func:`docx_problems`) must have a title (``dc:title`` in the core
properties) and a language (``dc:language``, and ``w:lang`` in the run
defaults of ``styles.xml``, the two the same, each a well-formed language
tag); its headings must not skip a level and must have text; every drawing
(``w:drawing``: a picture, chart or shape) must have alt text (the ``descr``
of its ``wp:docPr``) unless it is marked decorative; every hyperlink must
have text. A paragraph's heading level is its own ``w:outlineLvl`` if it has
one, else its style's: the style's ``w:outlineLvl`` (``n`` is level
``n + 1``; 9 is body text), or its name ("heading N" is level N, "Title"
level 0), or else that of the style it is based on, and so on up. The title
is level 0 and a document starts at level 0, so the first heading after the
title is at most level 1, and each heading is at most one level below the
one before it. Pictures and links are looked for in the body, the headers
and footers, and the footnotes and endnotes; headings in the body only.

An HTML page (:func:`html_problems`) must have a ``lang`` on ``<html>`` and
a ``<title>``, both not blank; exactly one ``h1`` and one ``<main>`` landmark;
headings that do not skip a level and have text; ``alt`` on every ``<img>``
(``alt=""`` marks a decorative image); text or an ``aria-label`` on every
link; and no ``id`` used twice.

Not checked here (they need a renderer, or this package's files do not
have them): colour contrast, reading order of floating objects, tables, form
controls, VML pictures and field-code hyperlinks in a DOCX, Strict Open XML
files, and whether a language tag names the language the text is in.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from io import BytesIO
from typing import TYPE_CHECKING, Final, NamedTuple

from nas_press.exceptions import Problem

if TYPE_CHECKING:
    import zipfile
    from html.parser import HTMLParser
    from xml.etree import ElementTree

__all__ = ["accessibility_problems", "docx_problems", "html_problems"]

_LANGUAGE_TAG: Final = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
"""The shape of a BCP 47 language tag (``fi-FI``, ``sv-FI``, ``en-GB``)."""

_SHOWN: Final = 60
"""Characters of a heading or link text quoted in a message."""


def accessibility_problems(outputs: Mapping[str, bytes]) -> list[Problem]:
    """Check every ``.docx`` and ``.html`` file of ``outputs`` (names mapped to bytes).

    ``outputs`` is what :func:`nas_press.output.render_outputs` returns;
    files of other formats are passed over. Returns the problems of all
    files, file by file in the order given, each with the file's name as its
    ``path``; an empty list when every file passes. Raises nothing.
    """
    problems: list[Problem] = []
    for name, data in outputs.items():
        if name.endswith(".docx"):
            problems += docx_problems(data, name=name)
        elif name.endswith(".html"):
            problems += html_problems(data, name=name)
    return problems


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…")


def _count(number: int, thing: str) -> str:
    """Return ``'no thing'``, ``'1 thing'`` or ``'2 things'``."""
    return f"{number or 'no'} {thing}{'s' if number != 1 else ''}"


def _language_problems(name: str, what: str, tag: str, expected: str) -> list[Problem]:
    """The problem of a language tag that is missing, blank or not shaped like one."""
    if not tag.strip():
        return [Problem(name, f"{what} is not set", expected)]
    if not _LANGUAGE_TAG.fullmatch(tag):
        return [Problem(name, f"{what} is not a language tag", expected, tag)]
    return []


# --------------------------------------------------------------------------- DOCX

_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WP: Final = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_R: Final = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_DC: Final = "{http://purl.org/dc/elements/1.1/}"
_RELS: Final = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DECORATIVE: Final = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"

_HEADING_NAME: Final = re.compile(r"heading ([1-9])", re.IGNORECASE)
_BODY_TEXT: Final = 9
"""The ``w:outlineLvl`` of body text: not a heading."""
_STORY_TYPES: Final = ("/header", "/footer", "/footnotes", "/endnotes")
"""Relationship types (by ending) of the parts besides the body that hold text and pictures."""

_DOCX_LANGUAGE: Final = "a language tag such as 'fi-FI'"


class _Unreadable(Exception):
    """A part of the file cannot be read; the message says which and why."""


# Records are named tuples and plain classes, not attrs classes: making a class
# with attrs costs about 0.7 ms, paid on every ``import nas_press``.


class _Style(NamedTuple):
    name: str
    based_on: str | None
    outline_level: int | None


class _Relationship(NamedTuple):
    id: str
    type: str
    target: str
    """The target as written: a URL for an external target."""
    part: str | None
    """The name of the part targeted, or ``None`` for an external target."""


class _Part(NamedTuple):
    """One XML part of a DOCX: its name, root element and relationships."""

    name: str
    root: ElementTree.Element
    relationships: tuple[_Relationship, ...]


def _target(relationships: tuple[_Relationship, ...], ending: str) -> str | None:
    """Return the part of the first internal relationship whose type ends with ``ending``."""
    for rel in relationships:
        if rel.part is not None and rel.type.endswith(ending):
            return rel.part
    return None


def docx_problems(data: bytes, *, name: str) -> list[Problem]:
    """Return what makes the DOCX file ``data`` inaccessible; ``[]`` when nothing does.

    ``name`` (the file name, such as ``2025-h1.fi.docx``) is the ``path`` of
    every problem returned. A file that is not a readable DOCX (not a zip, a
    part that is not XML, no main document) is one problem. Raises nothing.
    See the module's docstring for what is checked.
    """
    import zipfile

    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return _DocxChecker(archive, name).problems()
    except zipfile.BadZipFile as exc:
        return [Problem(name, f"not a DOCX file: {exc}", "a DOCX (zip) file")]
    except _Unreadable as exc:
        return [Problem(name, f"not a readable DOCX file: {exc}", "a DOCX file Word can open")]


class _DocxChecker:
    def __init__(self, archive: zipfile.ZipFile, name: str) -> None:
        self._archive = archive
        self._name = name
        package = self._relationships("")
        document_name = _target(package, "/officeDocument") or "word/document.xml"
        document = self._part(document_name)
        if document is None:
            raise _Unreadable(f"it has no main document part ({document_name})")
        self._document = document
        self._core_name = _target(package, "/metadata/core-properties") or "docProps/core.xml"
        self._styles_name = _target(document.relationships, "/styles") or "word/styles.xml"
        self._stories = [document]
        for rel in document.relationships:
            if rel.part is not None and rel.type.endswith(_STORY_TYPES):
                story = self._part(rel.part)
                if story is not None:
                    self._stories.append(story)

    def problems(self) -> list[Problem]:
        styles = self._xml(self._styles_name)
        return [
            *self._properties(styles),
            *self._headings(styles),
            *(p for story in self._stories for p in self._pictures(story)),
            *(p for story in self._stories for p in self._hyperlinks(story)),
        ]

    # -- reading the package

    def _xml(self, part: str) -> ElementTree.Element | None:
        """Return the root element of ``part``, or ``None`` if the file has no such part."""
        import zipfile
        from xml.etree import ElementTree

        try:
            data = self._archive.read(part)
        except KeyError:
            return None
        except (zipfile.BadZipFile, OSError, ValueError) as exc:  # a damaged member
            raise _Unreadable(f"{part}: {exc}") from exc
        try:
            return ElementTree.fromstring(data)
        except ElementTree.ParseError as exc:
            raise _Unreadable(f"{part} is not well-formed XML ({exc})") from exc

    def _relationships(self, part: str) -> tuple[_Relationship, ...]:
        """Return the relationships of ``part`` (``""``: of the package)."""
        folder, base = posixpath.split(part)
        root = self._xml(posixpath.join(folder, "_rels", f"{base}.rels"))
        if root is None:
            return ()
        found = []
        for rel in root.iter(f"{_RELS}Relationship"):
            target = rel.get("Target", "")
            internal = rel.get("TargetMode", "Internal") == "Internal" and bool(target)
            joined = target[1:] if target.startswith("/") else posixpath.join(folder, target)
            found.append(
                _Relationship(
                    id=rel.get("Id", ""),
                    type=rel.get("Type", ""),
                    target=target,
                    part=posixpath.normpath(joined) if internal else None,
                )
            )
        return tuple(found)

    def _part(self, part: str) -> _Part | None:
        root = self._xml(part)
        return None if root is None else _Part(part, root, self._relationships(part))

    # -- the checks

    def _properties(self, styles: ElementTree.Element | None) -> Iterator[Problem]:
        """The title and the language, in the core properties and the style defaults."""
        name = self._name
        core = self._xml(self._core_name)
        if core is None:
            yield Problem(
                name,
                f"the document has no core properties ({self._core_name}), so neither a title"
                " nor a language",
                "a core properties part with dc:title and dc:language",
            )
            stated = ""
        else:
            title = _text_of(core.find(f"{_DC}title"))
            if not title.strip():
                yield Problem(
                    name,
                    f"the document has no title (dc:title in {self._core_name} is empty)",
                    "the headline as the document title",
                )
            stated = _text_of(core.find(f"{_DC}language"))
            yield from _language_problems(
                name,
                f"the document language (dc:language in {self._core_name})",
                stated,
                _DOCX_LANGUAGE,
            )
        default = ""
        if styles is not None:
            lang = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}lang")
            default = "" if lang is None else lang.get(f"{_W}val", "")
        yield from _language_problems(
            name,
            f"the default text language (w:lang in the w:docDefaults of {self._styles_name})",
            default,
            _DOCX_LANGUAGE,
        )
        if stated.strip() and default.strip() and stated.lower() != default.lower():
            yield Problem(
                name,
                f"the default text language ({default!r}, w:lang in {self._styles_name}) differs"
                f" from the document language ({stated!r}, dc:language in {self._core_name})",
                "the same language tag in both",
            )

    def _headings(self, styles_root: ElementTree.Element | None) -> Iterator[Problem]:
        """Headings in the body: each has text and is at most one level below the one before."""
        styles, default_style = _styles(styles_root)
        body = self._document.root.find(f"{_W}body")
        if body is None:
            return
        previous, previous_style = 0, None
        for number, paragraph in enumerate(_paragraphs(body), start=1):
            style_id = default_style
            own_level = None
            properties = paragraph.find(f"{_W}pPr")
            if properties is not None:
                style = properties.find(f"{_W}pStyle")
                if style is not None:
                    style_id = style.get(f"{_W}val")
                own_level = _outline_level(properties)
            if own_level is not None:
                level = None if own_level == _BODY_TEXT else own_level + 1
            else:
                level = _style_level(styles, style_id)
            if level is None:
                continue
            shown = styles[style_id].name if style_id in styles else (style_id or "Normal")
            text = "".join(_texts(paragraph))
            where = f"paragraph {number}, in style {shown!r},"
            if not text.strip():
                yield Problem(
                    self._name,
                    f"{where} is a heading (level {level}) without text",
                    "text in every heading",
                )
            if level > previous + 1:
                after = (
                    "the start of the document"
                    if previous_style is None
                    else f"a {previous_style!r} paragraph (level {previous})"
                )
                yield Problem(
                    self._name,
                    f"{where} {_quote(text)}, is a heading of level {level} right after"
                    f" {after}: a heading level is skipped",
                    f"a heading of level {previous + 1} or less",
                    level,
                )
            previous, previous_style = level, shown

    def _pictures(self, part: _Part) -> Iterator[Problem]:
        """Every drawing (a picture, chart or shape) has alt text, or is marked decorative."""
        for number, drawing in enumerate(part.root.iter(f"{_W}drawing"), start=1):
            properties = drawing.find(f".//{_WP}docPr")
            if properties is not None:
                if properties.get("descr", "").strip():
                    continue
                decorative = properties.find(f".//{_DECORATIVE}")
                if decorative is not None and decorative.get("val") in ("1", "true"):
                    continue
                label = f"drawing {properties.get('name', '') or number!r}"
            else:
                label = f"drawing {number}"
            yield Problem(
                self._name,
                f"{label} in {part.name} has no alt text",
                "a description (alt text) in the descr of its wp:docPr, or a decorative mark",
            )

    def _hyperlinks(self, part: _Part) -> Iterator[Problem]:
        """Every hyperlink has text that says where it leads."""
        for link in part.root.iter(f"{_W}hyperlink"):
            if "".join(_texts(link)).strip():
                continue
            rid = link.get(f"{_R}id")
            if rid is not None:
                targets = {rel.id: rel.target for rel in part.relationships}
                target = f"to {targets.get(rid, rid)!r}"
            else:
                target = f"to the bookmark {link.get(f'{_W}anchor', '')!r}"
            yield Problem(
                self._name,
                f"a hyperlink {target} in {part.name} has no text",
                "link text that says where it leads",
            )


def _text_of(element: ElementTree.Element | None) -> str:
    return "" if element is None else "".join(element.itertext())


def _texts(element: ElementTree.Element) -> Iterator[str]:
    for t in element.iter(f"{_W}t"):
        yield t.text or ""


def _paragraphs(element: ElementTree.Element) -> Iterator[ElementTree.Element]:
    """The paragraphs of the body's text flow, in order: not those in text boxes."""
    for child in element:
        if child.tag == f"{_W}p":
            yield child
        else:
            yield from _paragraphs(child)


def _outline_level(properties: ElementTree.Element) -> int | None:
    element = properties.find(f"{_W}outlineLvl")
    if element is None:
        return None
    try:
        value = int(element.get(f"{_W}val", ""))
    except ValueError:
        return None
    return value if 0 <= value <= _BODY_TEXT else None


def _styles(root: ElementTree.Element | None) -> tuple[dict[str, _Style], str | None]:
    """Return the paragraph styles by id, and the id of the default paragraph style."""
    styles: dict[str, _Style] = {}
    default = None
    if root is None:
        return styles, default
    for style in root.iter(f"{_W}style"):
        if style.get(f"{_W}type") != "paragraph":
            continue
        style_id = style.get(f"{_W}styleId", "")
        name = style.find(f"{_W}name")
        based_on = style.find(f"{_W}basedOn")
        properties = style.find(f"{_W}pPr")
        styles[style_id] = _Style(
            name=style_id if name is None else name.get(f"{_W}val", style_id),
            based_on=None if based_on is None else based_on.get(f"{_W}val"),
            outline_level=None if properties is None else _outline_level(properties),
        )
        if style.get(f"{_W}default") in ("1", "true", "on") and default is None:
            default = style_id
    return styles, default


def _style_level(styles: Mapping[str, _Style], style_id: str | None) -> int | None:
    """Return the heading level of a paragraph style, or ``None`` if it is not a heading."""
    seen: set[str] = set()
    while style_id is not None and style_id in styles and style_id not in seen:
        seen.add(style_id)
        style = styles[style_id]
        if style.outline_level is not None:
            return None if style.outline_level == _BODY_TEXT else style.outline_level + 1
        heading = _HEADING_NAME.fullmatch(style.name.strip())
        if heading is not None:
            return int(heading.group(1))
        if style.name.strip().lower() == "title":
            return 0
        style_id = style.based_on
    return None


# --------------------------------------------------------------------------- HTML

_HEADINGS: Final = {f"h{n}": n for n in range(1, 7)}
_HTML_LANGUAGE: Final = '<html lang="…"> with a language tag such as "fi-FI"'


class _Open:
    """An element whose text is being collected: a heading, a link or the title."""

    def __init__(self, tag: str, attributes: dict[str, str | None]) -> None:
        self.tag = tag
        self.attributes = attributes
        self.parts: list[str] = []

    @property
    def text(self) -> str:
        return "".join(self.parts)


class _Page:
    """What the checks need out of a page, gathered element by element in one pass."""

    def __init__(self) -> None:
        self.language: str | None = None
        """The ``lang`` of ``<html>`` (``""`` without one); ``None`` if there is no ``<html>``."""
        self.titles: list[str] = []
        self.headings: list[tuple[int, str]] = []
        self.images: list[dict[str, str | None]] = []
        self.links: list[_Open] = []
        self.ids: Counter[str] = Counter()
        self.mains = 0
        self._open: list[_Open] = []

    def start(self, tag: str, attributes: dict[str, str | None]) -> None:
        """Note an element's start tag."""
        element_id = attributes.get("id")
        if element_id is not None:
            self.ids[element_id] += 1
        if tag == "main" or (attributes.get("role") or "").strip().lower() == "main":
            self.mains += 1
        if tag == "html" and self.language is None:
            self.language = attributes.get("lang") or ""
        elif tag == "img":
            self.images.append(attributes)
            for element in self._open:  # an image's alt text names the link or heading
                element.parts.append(attributes.get("alt") or "")
        elif tag in _HEADINGS or tag == "title" or (tag == "a" and "href" in attributes):
            self._open.append(_Open(tag, attributes))

    def end(self, tag: str) -> None:
        """Note an end tag: it ends the innermost open element of its kind."""
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                self._done(self._open.pop(index))
                return

    def text(self, data: str) -> None:
        """Note text, which belongs to every element open around it."""
        for element in self._open:
            element.parts.append(data)

    def finish(self) -> None:
        """End the elements the page never closed."""
        while self._open:
            self._done(self._open.pop(0))

    def _done(self, element: _Open) -> None:
        if element.tag == "title":
            self.titles.append(element.text)
        elif element.tag == "a":
            self.links.append(element)
        else:
            self.headings.append((_HEADINGS[element.tag], element.text))


def _read_page(source: str) -> _Page:
    page = _Page()
    parser = _parser()(page)
    parser.feed(source)
    parser.close()
    page.finish()
    return page


@functools.cache
def _parser() -> Callable[[_Page], HTMLParser]:
    """Return a parser class that passes what it reads to a page.

    Made on first use, so that ``import nas_press`` does not import
    :mod:`html.parser` (see ``benchmarks/bench.py``).
    """
    from html.parser import HTMLParser

    class Parser(HTMLParser):
        def __init__(self, page: _Page) -> None:
            super().__init__(convert_charrefs=True)
            self._page = page

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self._page.start(tag, dict(attrs))

        def handle_endtag(self, tag: str) -> None:
            self._page.end(tag)

        def handle_data(self, data: str) -> None:
            self._page.text(data)

    return Parser


def html_problems(data: bytes, *, name: str) -> list[Problem]:
    """Return what makes the HTML page ``data`` (UTF-8) inaccessible; ``[]`` when nothing does.

    ``name`` (the file name, such as ``2025-h1.fi.html``) is the ``path`` of
    every problem returned. A page that is not UTF-8 is one problem. Raises
    nothing. See the module's docstring for what is checked.
    """
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [Problem(name, f"the page is not UTF-8 ({exc.reason} at byte {exc.start})", "UTF-8")]
    page = _read_page(source)
    problems: list[Problem] = []
    if page.language is None:
        problems.append(
            Problem(name, "the page has no <html> element, so no language", _HTML_LANGUAGE)
        )
    else:
        problems += _language_problems(
            name, "the page language (lang of <html>)", page.language, _HTML_LANGUAGE
        )
    if not page.titles or not page.titles[0].strip():
        problems.append(
            Problem(
                name,
                "the page has no title (<title> is missing or empty)",
                "the headline as <title>",
            )
        )
    if page.mains != 1:
        problems.append(
            Problem(
                name,
                f"the page has {_count(page.mains, '<main> landmark')}",
                "exactly one <main>",
            )
        )
    problems += _html_headings(name, page.headings)
    for image in page.images:
        if "alt" not in image:
            problems.append(
                Problem(
                    name,
                    f"an <img> ({image.get('src') or 'without src'}) has no alt attribute",
                    'alt text, or alt="" for a decorative image',
                )
            )
    for link in page.links:
        label = link.attributes.get("aria-label") or link.attributes.get("aria-labelledby") or ""
        if not link.text.strip() and not label.strip():
            problems.append(
                Problem(
                    name,
                    f"a link to {link.attributes.get('href')!r} has no text",
                    "link text (or an aria-label) that says where it leads",
                )
            )
    for element_id, count in page.ids.items():
        if count > 1:
            problems.append(
                Problem(name, f"the id {element_id!r} is used {count} times", "each id once")
            )
    return problems


def _html_headings(name: str, headings: list[tuple[int, str]]) -> Iterator[Problem]:
    top = sum(1 for level, _ in headings if level == 1)
    if top != 1:
        yield Problem(
            name,
            f"the page has {_count(top, '<h1> heading')}",
            "exactly one <h1>",
        )
    previous = 0
    for level, text in headings:
        if not text.strip():
            yield Problem(name, f"an <h{level}> heading has no text", "text in every heading")
        if level > previous + 1:
            after = "the start of the page" if previous == 0 else f"an <h{previous}>"
            yield Problem(
                name,
                f"<h{level}> {_quote(text)} comes right after {after}: a heading level is skipped",
                f"a heading of level {previous + 1} or less",
            )
        previous = level
