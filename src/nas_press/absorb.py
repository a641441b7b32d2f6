"""Bring the edits of the approval round back into the release file.

The DOCX files go round for approval: reviewers edit them in Word or
LibreOffice, with tracked changes and comments. :func:`absorb` reads each
edited language version and writes every authored text that changed back
into the release file, keeping the file's comments, order and layout
(tomlkit).

How an edited file is read:

- Its language is its core property ``dc:language`` (or, failing that, the
  language of its default run properties); its release is ``dc:identifier``,
  which must be the release file's ``id``.
- Tracked insertions are taken as accepted and tracked deletions as dropped
  (``w:ins`` kept, ``w:del`` left out; moves likewise); fields show their
  results; hyperlinks become ``[text](url)`` again.
- Each authored text stands between the start and end of the bookmark named
  after its key (:func:`~nas_press.document.bookmark_name`). A text that is
  a whole paragraph (the headline, the lead, a heading, a paragraph) is read
  as the whole paragraph that holds its bookmark, so that words typed at its
  very start or end, which Word leaves outside the bookmark, count. Within a
  paragraph that also holds generated words (a quotation and its
  attribution, a contact's lines), words added just outside a bookmark,
  between it and the generated words around it, are taken as part of the
  authored text.
- The rest is compared with a fresh render of the release: an edit to a
  generated sentence cannot be written back (it comes from the figures and a
  template), so it is reported with the statement's name and the sentence
  before and after.
"""

from __future__ import annotations

import difflib
import io
import os
import re
import stat
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from nas_press.document import (
    BulletList,
    Chart,
    ContactBlock,
    Dateline,
    Heading,
    Inline,
    Lead,
    Paragraph,
    Quote,
    Span,
    bookmark_key,
    plain,
)
from nas_press.exceptions import NasPressError, Problem, printable

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element as _Element

    from nas_press.realize.realize import Part
    from nas_press.release.model import Release

__all__ = [
    "AbsorbError",
    "Absorbed",
    "Comment",
    "EditedDocx",
    "GeneratedEdit",
    "LanguageReport",
    "TextChange",
    "TrackedChange",
    "absorb",
    "read_docx",
    "write_release",
]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"

_SKIPPED = frozenset(
    f"{_W}{tag}"
    for tag in (
        "pPr",
        "rPr",
        "sectPr",
        "tblPr",
        "tblGrid",
        "trPr",
        "tcPr",
        "sdtPr",
        "sdtEndPr",
        "instrText",
        "delInstrText",
        "drawing",
        "pict",
        "object",
        "footnoteReference",
        "endnoteReference",
        "commentReference",
        "annotationRef",
    )
) | {f"{_MC}Fallback"}
"""Elements whose content is not text a reader sees: properties, field codes, pictures (a text
box's words are not the release's), the choice Word gives older readers."""
_DELETED = frozenset({f"{_W}del", f"{_W}moveFrom"})
_INSERTED = frozenset({f"{_W}ins", f"{_W}moveTo"})
_CHARACTERS = {
    f"{_W}tab": "\t",
    f"{_W}br": "\n",
    f"{_W}cr": "\n",
    f"{_W}noBreakHyphen": "\u2011",
    f"{_W}softHyphen": "\u00ad",
}
_MARK = "\ue000"
_MARK_END = "\ue001"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
_ENDS_SENTENCE = ".?!"
_MAX_PART = 50_000_000
"""The largest part of an edited DOCX read, uncompressed, in bytes."""


class AbsorbError(NasPressError, ValueError):
    """An edited DOCX cannot be absorbed into the release file: the message says which file
    and why."""


@attrs.frozen
class TrackedChange:
    """A tracked change of an edited DOCX: an ``insertion`` or a ``deletion`` (a move is
    both), by ``author`` at ``date`` (as the file gives it, ``2025-07-08T09:30:00Z``), of
    ``text``, in the part of the release named ``where``."""

    kind: str
    author: str
    date: str
    text: str
    where: str


@attrs.frozen
class Comment:
    """A reviewer's comment: by ``author`` at ``date``, saying ``text``, standing on the text
    ``on`` in the part of the release named ``where``."""

    author: str
    date: str
    text: str
    on: str
    where: str


@attrs.frozen
class TextChange:
    """An authored text that changed: ``key`` is its key path with the language
    (``body[3].quote.text.fi``)."""

    key: str
    before: str
    after: str


@attrs.frozen
class GeneratedEdit:
    """An edit of text the release file does not hold, which cannot be written back.

    ``source`` names what wrote the text (``statement referrals (body[0])``, ``the
    attribution of body[3] (templates/fi/quote.j2)``); ``before`` is the sentence as
    rendered (empty for a paragraph the reviewer added), ``after`` as edited (empty for one
    removed). An authored text inside either stands as its key in angle brackets.
    """

    source: str
    before: str
    after: str


@attrs.frozen
class LanguageReport:
    """What one edited language version holds."""

    lang: str
    file: str
    changes: tuple[TextChange, ...]
    generated: tuple[GeneratedEdit, ...]
    comments: tuple[Comment, ...]
    tracked: tuple[TrackedChange, ...]


@attrs.frozen
class Absorbed:
    """The result of :func:`absorb`: a report per language, in the release's order, and the
    release file's text before and after (the same when nothing changed)."""

    reports: tuple[LanguageReport, ...]
    before: str
    after: str

    @property
    def changed(self) -> bool:
        """Whether any authored text changed."""
        return self.before != self.after


# --- Reading an edited DOCX -------------------------------------------------------------------


@attrs.define
class _Piece:
    key: str | None
    text: str
    link: int | None = None
    """The hyperlink the text is in: an index into the reader's ``urls``."""


@attrs.define
class _Paragraph:
    urls: list[str]
    """The reader's link addresses, which the pieces' ``link`` index."""
    pieces: list[_Piece] = attrs.field(factory=list)

    def segments(self) -> list[tuple[str | None, str, str]]:
        """The paragraph as runs of one key each: ``(key, plain text, text with links)``."""
        return _segments(self.pieces, self.urls)


def _segments(pieces: Sequence[_Piece], urls: Sequence[str]) -> list[tuple[str | None, str, str]]:
    result: list[tuple[str | None, str, str]] = []
    i = 0
    while i < len(pieces):
        key = pieces[i].key
        j = i
        while j < len(pieces) and pieces[j].key == key:
            j += 1
        text_plain, text_marked = [], []
        k = i
        while k < j:
            link = pieces[k].link
            m = k
            while m < j and pieces[m].link == link:
                m += 1
            words = "".join(p.text for p in pieces[k:m])
            text_plain.append(words)
            text_marked.append(words if link is None or not words else f"[{words}]({urls[link]})")
            k = m
        result.append((key, "".join(text_plain), "".join(text_marked)))
        i = j
    return result


@attrs.define
class _OpenComment:
    text: list[str]
    paragraph: int
    key: str | None


@attrs.frozen
class EditedDocx:
    """What :func:`read_docx` found in an edited DOCX.

    ``language`` is its language tag and ``identifier`` its release identifier (``None``
    where the file has none); ``paragraphs`` are its paragraphs of text as runs of one key
    each, ``(key, plain text, text with links)`` (``key`` is ``None`` outside every authored
    text); ``marks`` gives each authored text's key the paragraph its bookmark starts in;
    ``comments`` and ``tracked`` are found with the paragraph they start in and the key they
    stand in.
    """

    language: str | None
    identifier: str | None
    paragraphs: tuple[tuple[tuple[str | None, str, str], ...], ...]
    marks: dict[str, int]
    comments: tuple[tuple[Comment, int, str | None], ...]
    tracked: tuple[tuple[TrackedChange, int, str | None], ...]


class _Reader:
    def __init__(self, urls: dict[str, str], comments: dict[str, tuple[str, str, str]]) -> None:
        self.urls_by_rid = urls
        self.comment_texts = comments
        self.paragraphs: list[_Paragraph] = []
        self.urls: list[str] = []
        self.current: _Paragraph | None = None
        self.bookmarks: dict[str, str] = {}
        """The bookmarks of authored texts open at this point: key by bookmark id."""
        self.marks: dict[str, int] = {}
        self.comments_open: dict[str, _OpenComment] = {}
        self.comments: list[tuple[Comment, int, str | None]] = []
        self.tracked: list[tuple[TrackedChange, int, str | None]] = []
        self.link: int | None = None
        self.inserting: list[str] | None = None
        self.deleting: list[str] | None = None
        """The text of the deletion being read: left out, but bookmarks and comments inside
        it count (LibreOffice moves a bookmark's start into a deletion at its start)."""

    @property
    def key(self) -> str | None:
        return next(reversed(self.bookmarks.values()), None)

    def here(self) -> int:
        """The index of the paragraph being read, or of the next one between paragraphs."""
        return len(self.paragraphs) - (self.current is not None)

    def emit(self, text: str) -> None:
        if not text:
            return
        if self.deleting is not None:
            self.deleting.append(text)
            return
        if self.current is None:  # text outside a paragraph: give it one
            self.current = _Paragraph(self.urls)
            self.paragraphs.append(self.current)
        self.current.pieces.append(_Piece(self.key, text, self.link))
        for comment in self.comments_open.values():
            comment.text.append(text)
        if self.inserting is not None:
            self.inserting.append(text)

    def walk(self, element: _Element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag in _DELETED:
                outer_delete, self.deleting = self.deleting, []
                at, key = self.here(), self.key
                self.walk(child)
                deleted = "".join(self.deleting)
                self.deleting = outer_delete
                if outer_delete is not None:
                    outer_delete.append(deleted)
                author = child.get(f"{_W}author") or ""
                date = child.get(f"{_W}date") or ""
                change = TrackedChange("deletion", author, date, deleted, "")
                self.tracked.append((change, at, key or self.key))
                continue
            if tag == f"{_W}t" or (tag == f"{_W}delText" and self.deleting is not None):
                self.emit(child.text or "")
            elif tag in _CHARACTERS:
                self.emit(_CHARACTERS[tag])
            elif tag == f"{_W}p":
                outer = self.current
                self.current = _Paragraph(self.urls)
                self.paragraphs.append(self.current)
                self.walk(child)
                self.current = outer
            elif tag in _INSERTED:
                outer_insert, self.inserting = self.inserting, []
                at, key = self.here(), self.key
                self.walk(child)
                inserted = "".join(self.inserting)
                self.inserting = outer_insert
                if outer_insert is not None:
                    outer_insert.append(inserted)
                author = child.get(f"{_W}author") or ""
                date = child.get(f"{_W}date") or ""
                self.tracked.append(
                    (TrackedChange("insertion", author, date, inserted, ""), at, key)
                )
            elif tag == f"{_W}bookmarkStart":
                key = bookmark_key(child.get(f"{_W}name") or "")
                if key is not None:
                    self.bookmarks[child.get(f"{_W}id") or ""] = key
                    self.marks.setdefault(key, self.here())
            elif tag == f"{_W}bookmarkEnd":
                self.bookmarks.pop(child.get(f"{_W}id") or "", None)
            elif tag == f"{_W}commentRangeStart":
                self.comments_open[child.get(f"{_W}id") or ""] = _OpenComment(
                    [], self.here(), self.key
                )
            elif tag == f"{_W}commentRangeEnd":
                self.close_comment(child.get(f"{_W}id") or "")
            elif tag == f"{_W}hyperlink":
                url = self.urls_by_rid.get(child.get(f"{_R}id") or "")
                if url is None:
                    self.walk(child)
                else:
                    outer_link = self.link
                    self.urls.append(url)
                    self.link = len(self.urls) - 1
                    self.walk(child)
                    self.link = outer_link
            else:
                self.walk(child)

    def close_comment(self, number: str) -> None:
        found = self.comments_open.pop(number, None)
        said = self.comment_texts.pop(number, None)
        if said is None:
            return
        author, date, text = said
        on = "".join(found.text) if found is not None else ""
        at = found.paragraph if found is not None else self.here()
        key = found.key if found is not None else self.key
        self.comments.append((Comment(author, date, text, on, ""), at, key))

    def finish(self) -> None:
        for number in list(self.comments_open):
            self.close_comment(number)
        for number in sorted(self.comment_texts, key=_number):  # comments with no range
            author, date, text = self.comment_texts[number]
            self.comments.append((Comment(author, date, text, "", ""), len(self.paragraphs), None))
        self.comment_texts.clear()


def _number(text: str) -> tuple[int, str]:
    return (int(text), text) if text.isdigit() else (-1, text)


def read_docx(data: bytes, name: str) -> EditedDocx:
    """Read an edited DOCX (its bytes; ``name`` is the file, for messages).

    Raises :class:`AbsorbError` for a file that is not a readable DOCX.
    """
    from xml.etree import ElementTree

    def xml(archive: zipfile.ZipFile, part: str) -> _Element | None:
        try:
            if archive.getinfo(part).file_size > _MAX_PART:
                raise AbsorbError(
                    f"{name}: its part {part} is larger than {_MAX_PART // 1_000_000} MB;"
                    " a press release is not"
                )
            return ElementTree.fromstring(archive.read(part))
        except KeyError:
            return None
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise AbsorbError(f"{name}: its part {part} cannot be read: {exc}") from None
        except ElementTree.ParseError as exc:
            raise AbsorbError(f"{name}: its part {part} is not well-formed XML: {exc}") from None

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise AbsorbError(
            f"{name}: not a DOCX file (not a zip archive); save it from Word as a Word document"
            " (.docx)"
        ) from None
    with archive:
        document = xml(archive, "word/document.xml")
        if document is None:
            raise AbsorbError(f"{name}: not a Word document (it has no word/document.xml)")
        core = xml(archive, "docProps/core.xml")
        styles = xml(archive, "word/styles.xml")
        rels = xml(archive, "word/_rels/document.xml.rels")
        comments_xml = xml(archive, "word/comments.xml")
    urls: dict[str, str] = {}
    if rels is not None:
        for rel in rels:
            if rel.get("Type") == _HYPERLINK and rel.get("TargetMode") == "External":
                urls[rel.get("Id") or ""] = rel.get("Target") or ""
    comments: dict[str, tuple[str, str, str]] = {}
    if comments_xml is not None:
        for comment in comments_xml.iter(f"{_W}comment"):
            said = "\n".join(
                "".join(t.text or "" for t in p.iter(f"{_W}t")) for p in comment.iter(f"{_W}p")
            )
            comments[comment.get(f"{_W}id") or ""] = (
                comment.get(f"{_W}author") or "",
                comment.get(f"{_W}date") or "",
                said.strip(),
            )
    reader = _Reader(urls, comments)
    body = document.find(f"{_W}body")
    try:
        if body is not None:
            reader.walk(body)
    except RecursionError:
        raise AbsorbError(f"{name}: its elements are nested too deeply to be read") from None
    reader.finish()
    return EditedDocx(
        language=_language(core, styles),
        identifier=_core_text(core, f"{_DC}identifier"),
        paragraphs=tuple(tuple(p.segments()) for p in reader.paragraphs),
        marks=reader.marks,
        comments=tuple(reader.comments),
        tracked=tuple(reader.tracked),
    )


def _core_text(core: _Element | None, tag: str) -> str | None:
    if core is None:
        return None
    found = core.find(tag)
    if found is None or not (found.text or "").strip():
        return None
    return (found.text or "").strip()


def _language(core: _Element | None, styles: _Element | None) -> str | None:
    language = _core_text(core, f"{_DC}language")
    if language is None and styles is not None:
        lang = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}lang")
        if lang is not None:
            language = lang.get(f"{_W}val")
    return language


# --- Comparing with a fresh render --------------------------------------------------------------


@attrs.frozen
class _Unit:
    """One paragraph of a fresh render, as the DOCX writer writes it: its source and its runs
    of one key each ``(key, plain text)``."""

    source: str
    runs: tuple[tuple[str | None, str], ...]
    whole: str | None = None
    """The key of an authored text that is the whole paragraph."""


def _runs(lines: Sequence[Sequence[Inline]]) -> tuple[tuple[str | None, str], ...]:
    runs: list[tuple[str | None, str]] = []
    for number, line in enumerate(lines):
        if number:
            runs.append((None, "\n"))
        for piece in line:
            if isinstance(piece, Span):
                runs.append((piece.key, plain(piece.content)))
            else:
                runs.append((None, piece if isinstance(piece, str) else piece.text))
    merged: list[tuple[str | None, str]] = []
    for key, text in runs:
        if merged and merged[-1][0] == key and key is None:
            merged[-1] = (key, merged[-1][1] + text)
        elif text or key is not None:
            merged.append((key, text))
    return tuple(merged)


def _units(
    parts: Sequence[Part], headline: tuple[Inline, ...], lang: str, top: Dateline | None = None
) -> list[_Unit]:
    from nas_press.realize.realize import running_on

    units = []
    if top is not None:
        units.append(
            _Unit(
                f"the dateline (locales/{lang}/locale.toml)",
                _runs([(line,) for line in top.lines()]),
            )
        )
    units.append(_Unit("headline", _runs([headline]), "headline"))
    paragraph: tuple[Inline, ...] | None = None  # the last block, when it was a paragraph
    if top is not None and top.correction is not None:
        units.append(_Unit("the correction note", _runs([top.correction])))
    for part, _, block, on in running_on(parts):
        if part.statement is not None:
            source = f"statement {part.statement.name} ({part.path})"
        elif part.path.startswith("boilerplate."):
            source = (
                f"boilerplate {part.path.removeprefix('boilerplate.')}"
                f" (locales/{lang}/boilerplate.toml)"
            )
        else:
            source = part.path
        running, paragraph = paragraph, None
        match block:
            case Paragraph(content=content) if on and running is not None:
                # Run on in the paragraph before it, as the document has it
                # (realize.running_on): one paragraph of generated and authored words.
                paragraph = (*running, " ", *content)
                units[-1] = _Unit(units[-1].source, _runs([paragraph]))
            case Lead(content=content) | Heading(content=content) | Paragraph(content=content):
                whole = (
                    content[0].key if len(content) == 1 and isinstance(content[0], Span) else None
                )
                units.append(_Unit(source, _runs([content]), whole))
                paragraph = content if isinstance(block, Paragraph) else None
            case Quote(content=content):
                units.append(
                    _Unit(
                        f"the attribution of {part.path} (templates/{lang}/quote.j2)",
                        _runs([content]),
                    )
                )
            case BulletList(items=items):
                units.extend(_Unit(source, _runs([item])) for item in items)
            case ContactBlock(heading=heading, groups=groups):
                units.append(_Unit(source, _runs([(heading,)])))
                for group in groups:
                    if group.label is not None:
                        units.append(_Unit(source, _runs([(group.label,)])))
                    for contact in group.contacts:
                        units.append(_Unit(source, _runs(contact.lines())))
            case Chart():
                pass
    return [u for u in units if any(text or key for key, text in u.runs)]


def _masked(runs: Sequence[tuple[str | None, str]]) -> str:
    return "".join(text if key is None else f"{_MARK}{key}{_MARK_END}" for key, text in runs)


def _shown(masked: str) -> str:
    return re.sub(f"{_MARK}([^{_MARK_END}]*){_MARK_END}", r"<\1>", masked)


def _sentences(masked: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(masked.strip()) if s]


@attrs.define
class _Edited:
    """An edited paragraph being matched with the fresh render: runs ``[key, plain, marked]``."""

    runs: list[list[Any]]

    def masked(self) -> str:
        return _masked([(key, text) for key, text, _ in self.runs])


def _adjust(unit: _Unit, edited: _Edited) -> None:
    """Take words added just outside a bookmark, next to generated words, into the authored
    text; make a paragraph that is one authored text that text entirely."""
    if unit.whole is not None:
        if any(key == unit.whole for key, _, _ in edited.runs):
            plain_text = "".join(r[1] for r in edited.runs)
            marked = "".join(r[2] for r in edited.runs)
            edited.runs = [[unit.whole, plain_text, marked]]
        return
    fresh_keys = [key for key, _ in unit.runs if key is not None]
    edited_keys = [r[0] for r in edited.runs if r[0] is not None]
    if fresh_keys != edited_keys or len(set(fresh_keys)) != len(fresh_keys):
        return
    fresh_gaps = _gaps(unit.runs)
    runs = edited.runs
    # Put an empty gap between and around keys, so that runs alternate gap, key, gap, …
    alternating: list[list[Any]] = []
    for run in runs:
        if run[0] is not None and (not alternating or alternating[-1][0] is not None):
            alternating.append([None, "", ""])
        if run[0] is None and alternating and alternating[-1][0] is None:
            alternating[-1][1] += run[1]
            alternating[-1][2] += run[2]
        else:
            alternating.append(list(run))
    if not alternating or alternating[-1][0] is not None:
        alternating.append([None, "", ""])
    for number, fresh in enumerate(fresh_gaps):
        gap = alternating[2 * number]
        found = gap[1].find(fresh) if fresh else -1
        if not fresh or found < 0 or gap[1] == fresh or gap[1] != gap[2]:
            continue
        before, after = gap[1][:found], gap[1][found + len(fresh) :]
        if before and number > 0:
            previous = alternating[2 * number - 1]
            previous[1] += before
            previous[2] += before
            gap[1] = gap[2] = gap[1][found:]
        if after and 2 * number + 1 < len(alternating):
            following = alternating[2 * number + 1]
            following[1] = after + following[1]
            following[2] = after + following[2]
            gap[1] = gap[2] = gap[1][: len(gap[1]) - len(after)]
    edited.runs = [r for r in alternating if r[0] is not None or r[1] or r[2]]


def _gaps(runs: Sequence[tuple[str | None, str]]) -> list[str]:
    gaps = [""]
    for key, text in runs:
        if key is None:
            gaps[-1] += text
        else:
            gaps.append("")
    return gaps


@attrs.frozen
class _Matched:
    texts: dict[str, str]
    """The edited text of each key found, links written ``[text](url)``."""
    generated: tuple[GeneratedEdit, ...]
    sources: tuple[str, ...]
    """The source of each edited paragraph (for comments and tracked changes)."""


def _match(units: Sequence[_Unit], edited: EditedDocx) -> _Matched:
    paragraphs = [
        (number, _Edited([list(run) for run in runs]))
        for number, runs in enumerate(edited.paragraphs)
        if any(text for _, text, _ in runs) or any(key for key, _, _ in runs)
    ]
    fresh = [_masked(u.runs) for u in units]
    matcher = difflib.SequenceMatcher(None, fresh, [p.masked() for _, p in paragraphs], False)
    pairs: list[tuple[int | None, int | None]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pairs.extend(zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        pairs.extend(_pair(units, paragraphs, range(i1, i2), range(j1, j2)))
    sources = [""] * len(edited.paragraphs)
    generated: list[GeneratedEdit] = []
    last_source = "the start"
    for i, j in pairs:
        unit = units[i] if i is not None else None
        if j is not None:
            number, paragraph = paragraphs[j]
            if unit is not None:
                _adjust(unit, paragraph)
                sources[number] = unit.source
            else:
                sources[number] = f"a paragraph added after {last_source}"
        if unit is not None:
            last_source = unit.source
        before = fresh[i] if i is not None else ""
        after = paragraphs[j][1].masked() if j is not None else ""
        if before == after:
            continue
        if unit is None and after.startswith(_MARK) and after.endswith(_MARK_END):
            continue  # an authored text split in two: its second half, read with its key
        if unit is None:
            generated.append(
                GeneratedEdit(sources[paragraphs[j][0]] if j is not None else "", "", _shown(after))
            )
        elif j is None:
            generated.append(GeneratedEdit(f"{unit.source}: removed", _shown(before), ""))
        else:
            generated.extend(_sentence_edits(unit.source, before, after))
    # A paragraph between two that match takes the source of the one before it.
    for number in range(len(sources)):
        if not sources[number]:
            sources[number] = sources[number - 1] if number else "the start"
    texts: dict[str, list[str]] = {}
    for _, paragraph in paragraphs:
        for key, _, marked in paragraph.runs:
            if key is not None:
                texts.setdefault(key, []).append(marked)
    return _Matched(
        {key: " ".join(parts) for key, parts in texts.items()}, tuple(generated), tuple(sources)
    )


def _pair(
    units: Sequence[_Unit],
    paragraphs: Sequence[tuple[int, _Edited]],
    fresh: range,
    edited: range,
) -> Iterator[tuple[int | None, int | None]]:
    """Pair the paragraphs of a stretch that differs: a fresh paragraph with the edited one
    that holds one of its authored texts, then the rest in order; the ones left over were
    removed or added. Yielded in the order of the edited file."""
    keys = [{r[0] for r in paragraphs[j][1].runs if r[0] is not None} for j in edited]
    partner: dict[int, int] = {}
    taken: set[int] = set()
    for i in fresh:
        own = {key for key, _ in units[i].runs if key is not None}
        for offset, found in enumerate(keys):
            if own & found and offset not in taken:
                partner[i] = offset
                taken.add(offset)
                break
    rest_fresh = [i for i in fresh if i not in partner]
    rest_edited = [offset for offset in range(len(edited)) if offset not in taken]
    for i, offset in zip(rest_fresh, rest_edited, strict=False):
        if not any(key for key, _ in units[i].runs) and not keys[offset]:
            partner[i] = offset
    by_offset = {offset: i for i, offset in partner.items()}
    unpaired = [i for i in fresh if i not in partner]
    for offset in range(len(edited)):
        paired = by_offset.get(offset)
        if paired is not None:
            while unpaired and unpaired[0] < paired:
                yield unpaired.pop(0), None
        yield paired, edited[offset]
    for i in unpaired:
        yield i, None


def _sentence_edits(source: str, before: str, after: str) -> Iterator[GeneratedEdit]:
    old, new = _sentences(before), _sentences(after)
    matcher = difflib.SequenceMatcher(None, old, new, False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            yield GeneratedEdit(source, _shown(" ".join(old[i1:i2])), _shown(" ".join(new[j1:j2])))


# --- Writing the release file -------------------------------------------------------------------

_KEY_PART = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")


def _locate(document: Any, key: str) -> tuple[Any, str] | None:
    """Return the table holding ``key``'s last part in the tomlkit ``document``, and that
    part, or ``None`` where the file has no such key."""
    *parents, last = key.split(".")
    node = document
    for part in parents:
        match = _KEY_PART.fullmatch(part)
        if match is None or not hasattr(node, "get"):
            return None
        node = node.get(match.group(1))
        if match.group(2) is not None:
            index = int(match.group(2))
            if not isinstance(node, list) or index >= len(node):
                return None
            node = node[index]
        if node is None:
            return None
    if not hasattr(node, "get") or last not in node:
        return None
    return node, last


def _string(value: str, like: Any) -> Any:
    """A tomlkit string of ``value`` written the way ``like`` was, where it can be."""
    import tomlkit
    from tomlkit.items import String, StringType

    multiline = isinstance(like, String) and like.type in (StringType.MLB, StringType.MLL)
    literal = (
        isinstance(like, String)
        and like.type in (StringType.SLL, StringType.MLL)
        and "'" not in value
        and value.isprintable()
    )
    return tomlkit.string(value, literal=literal, multiline=multiline)


def absorb(
    release_path: Path, docx_paths: Sequence[Path], *, changes_only: bool = False
) -> Absorbed:
    """Read the edited DOCX files and return what they change in the release file.

    Nothing is written: :func:`write_release` writes ``Absorbed.after``. With
    ``changes_only`` the release file's text is left as it is and only the
    reports are made (its tracked changes and comments).

    Raises :class:`AbsorbError` for a release file with errors, a DOCX that
    cannot be read, belongs to another release or language, or has lost the
    marks of its authored texts, and for edits that leave the release file
    invalid.
    """
    import tomlkit

    from nas_press.plan import plan
    from nas_press.realize.realize import dateline, realize_parts
    from nas_press.release.load import parse_release, read_release

    release, problems = read_release(release_path, default_id=release_path.stem)
    errors = [p for p in problems if p.severity == "error"]
    if release is None or errors:
        raise AbsorbError(_problems(f"{release_path} has errors; fix them first", errors))
    before = release_path.read_bytes().decode("utf-8")
    document = tomlkit.parse(before)
    planned = plan(release)
    seen: dict[str, Path] = {}
    edited: list[tuple[str, Path, EditedDocx]] = []
    for path in docx_paths:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise AbsorbError(f"cannot read {path}: {exc.strerror or exc}") from None
        found = read_docx(data, str(path))
        lang = _lang_of(found, release, path)
        if lang in seen:
            raise AbsorbError(
                f"{path} and {seen[lang]} are both the {lang} version; give one file per language"
            )
        seen[lang] = path
        edited.append((lang, path, found))
    edited.sort(key=lambda item: release.languages.index(item[0]))
    reports = []
    for lang, path, found in edited:
        parts = realize_parts(planned, lang)
        headline: tuple[Inline, ...] = (Span("headline", (release.headline[lang],)),)
        units = _units(parts, headline, lang, dateline(release, lang))
        spans = {run[0]: unit for unit in units for run in unit.runs if run[0] is not None}
        lost = [key for key in spans if key not in found.marks]
        if lost:
            raise AbsorbError(_lost(path, lost, len(lost) == len(spans)))
        matched = _match(units, found)
        dropped = _dropped(parts)
        text_changes = []
        for key in spans:
            located = _locate(document, f"{key}.{lang}")
            if located is None:
                raise AbsorbError(
                    f"{release_path} has no key {key}.{lang}, which {path} marks: the DOCX was"
                    " made from another version of the release file"
                )
            table, last = located
            old = str(table[last])
            new = _authored_text(matched.texts.get(key, ""), dropped.get(key, ""))
            new = _keep_addresses(new, old)
            if new != old.strip():
                text_changes.append(TextChange(f"{key}.{lang}", old, new))
                if not changes_only:
                    table[last] = _string(new, table[last])
        reports.append(
            LanguageReport(
                lang=lang,
                file=str(path),
                changes=tuple(text_changes),
                generated=matched.generated,
                comments=tuple(
                    attrs.evolve(c, where=key or _source(matched.sources, at))
                    for c, at, key in found.comments
                ),
                tracked=tuple(
                    attrs.evolve(t, where=key or _source(matched.sources, at))
                    for t, at, key in found.tracked
                ),
            )
        )
    after = before if changes_only else tomlkit.dumps(document)
    if after != before:
        try:
            parse_release(after, str(release_path), release_path.stem, base=release_path.parent)
        except NasPressError as exc:
            raise AbsorbError(
                f"the edits would leave {release_path} invalid, so nothing was written: {exc}"
            ) from None
    return Absorbed(tuple(reports), before, after)


def _source(sources: Sequence[str], at: int) -> str:
    if not sources:
        return "the document"
    return sources[min(at, len(sources) - 1)]


def _dropped(parts: Sequence[Part]) -> dict[str, str]:
    found: dict[str, str] = {}
    for part in parts:
        for block in part.blocks:
            if isinstance(block, Quote):
                for piece in block.content:
                    if isinstance(piece, Span) and piece.dropped:
                        found[piece.key] = piece.dropped
    return found


def _authored_text(text: str, dropped: str) -> str:
    """The text to write back: white space at the ends gone, a line break a space, the
    punctuation the layout dropped put back unless the reviewer ended the text with their own."""
    text = text.replace("\n", " ").strip()
    if dropped and not (text and text[-1] in _ENDS_SENTENCE):
        text += dropped
    return text


def _keep_addresses(new: str, old: str) -> str:
    """``new`` with each link address written as ``old`` wrote it, where the two differ only
    as a word processor rewrites an address (``https://x.fi`` saved as ``https://x.fi/``)."""
    from nas_press.release.lint import LINK

    written = {_address(m.group(2)): m.group(2) for m in LINK.finditer(old)}

    def keep(match: re.Match[str]) -> str:
        url = written.get(_address(match.group(2)), match.group(2))
        return f"[{match.group(1)}]({url})"

    return LINK.sub(keep, new)


def _address(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts._replace(
        scheme=parts.scheme.lower(), netloc=parts.netloc.lower(), path=parts.path or "/"
    ).geturl()


def _lang_of(found: EditedDocx, release: Release, path: Path) -> str:
    from nas_press.realize.locale import formatter

    if found.identifier is None:
        raise AbsorbError(
            f"{path} names no release (its core property dc:identifier is empty): it was not"
            f" made by nas-press render, or its properties were removed; render {release.id}"
            " again and make the edits on that file"
        )
    if found.identifier != release.id:
        raise AbsorbError(
            f"{path} is a DOCX of the release {found.identifier!r}, not of {release.id!r}:"
            " give the edited files of this release"
        )
    tags = {formatter(lang).data.language_tag.lower(): lang for lang in release.languages}
    language = (found.language or "").lower()
    if language in tags:
        return tags[language]
    primary = [lang for tag, lang in tags.items() if tag.split("-")[0] == language.split("-")[0]]
    if len(primary) == 1 and language:
        return primary[0]
    raise AbsorbError(
        f"{path} is in the language {found.language!r}, which is not one of the release's"
        f" ({', '.join(sorted(tags))}): set the document's language, or give another file"
        if found.language
        else f"{path} does not say its language (no dc:language, no default w:lang)"
    )


def _lost(path: Path, keys: Sequence[str], all_lost: bool) -> str:
    if all_lost:
        return (
            f"{path} holds none of the bookmarks that mark the authored texts (nas_…): they were"
            " deleted, or the file was made by a program that drops bookmarks; nothing can be"
            " found again in it"
        )
    return (
        f"{path} has lost the bookmarks of {', '.join(keys)}: a reviewer deleted the text with"
        " its bookmark; restore it (reject the deletion) and absorb again, or make the change"
        " in the release file by hand"
    )


def _problems(message: str, problems: Sequence[Problem]) -> str:
    return "\n".join([message, *(p.describe() for p in problems)])


def write_release(path: Path, absorbed: Absorbed) -> None:
    """Replace the release file at ``path`` with ``absorbed.after``, atomically: the file is
    the old one or the new one, never half of either. Its permissions are kept.

    Raises :class:`AbsorbError` if the file changed since it was read, or cannot be written.
    """
    try:
        current = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AbsorbError(f"cannot read {path} again: {exc}; nothing was written") from None
    if current != absorbed.before:
        raise AbsorbError(
            f"{path} changed while the edits were being read; nothing was written: absorb again"
        )
    folder = path.resolve().parent
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(absorbed.after.encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, mode)
            os.replace(temporary, path.resolve())
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise AbsorbError(
            f"cannot write {path}: {exc.strerror or exc}; nothing was written"
        ) from None


def diff(path: Path, absorbed: Absorbed) -> str:
    """The change to the release file at ``path`` as a unified diff."""
    return "".join(
        difflib.unified_diff(
            absorbed.before.splitlines(keepends=True),
            absorbed.after.splitlines(keepends=True),
            fromfile=f"{path}",
            tofile=f"{path} (absorbed)",
        )
    )


def describe(report: LanguageReport, *, tracked: bool = False) -> list[str]:
    """The report of one language as lines to print: the texts changed (or with ``tracked``,
    the tracked changes), the edits of generated text, the comments. Every line is printable."""
    lines = [f"{report.lang} ({report.file}):"]
    if tracked:
        for change in report.tracked:
            lines.append(
                f"  {change.kind} by {change.author or 'unknown'}"
                f"{' on ' + change.date if change.date else ''} in {change.where}:"
                f' "{change.text}"'
            )
        if not report.tracked:
            lines.append("  no tracked changes")
    else:
        for text in report.changes:
            lines += [f"  changed {text.key}:", f"    - {text.before}", f"    + {text.after}"]
        if not report.changes:
            lines.append("  no authored text changed")
    for edit in report.generated:
        lines.append(f"  not written back: generated text edited in {edit.source}:")
        lines.append(f"    before: {edit.before or '(nothing)'}")
        lines.append(f"    after:  {edit.after or '(removed)'}")
    for comment in report.comments:
        lines.append(
            f"  comment by {comment.author or 'unknown'}"
            f"{' on ' + comment.date if comment.date else ''} in {comment.where},"
            f' on "{comment.on}": {comment.text}'
        )
    return [printable(line) for line in lines]


def run(release: Path, files: Sequence[Path], *, changes: bool, dry_run: bool) -> int:
    """Run ``nas-press absorb``: print each language's report, then write the release file
    (or, with ``dry_run``, print the diff instead; with ``changes``, list the tracked
    changes and write nothing). Return the exit status: 0, or 1 after printing an error."""
    import sys

    try:
        absorbed = absorb(release, files, changes_only=changes)
    except AbsorbError as exc:
        print(printable(f"nas-press: error: {exc}"), file=sys.stderr)
        return 1
    for report in absorbed.reports:
        print("\n".join(describe(report, tracked=changes)))
    generated = sum(len(r.generated) for r in absorbed.reports)
    if generated:
        print(
            f"{generated} edit{'s' if generated != 1 else ''} of generated text not written"
            " back: change the figures or the template"
        )
    count = sum(len(r.changes) for r in absorbed.reports)
    texts = f"{count} text{'s' if count != 1 else ''}"
    if changes:
        return 0
    if not absorbed.changed:
        print(printable(f"{release}: no authored text changed; nothing was written"))
        return 0
    if dry_run:
        sys.stdout.write(printable_diff(diff(release, absorbed)))
        print(printable(f"{release}: {texts} would change (--dry-run: nothing was written)"))
        return 0
    try:
        write_release(release, absorbed)
    except AbsorbError as exc:
        print(printable(f"nas-press: error: {exc}"), file=sys.stderr)
        return 1
    print(printable(f"{release}: {texts} changed"))
    return 0


def printable_diff(text: str) -> str:
    """``text`` with each line made printable (see :func:`~nas_press.exceptions.printable`)."""
    return "".join(printable(line.rstrip("\n")) + "\n" for line in text.splitlines())
