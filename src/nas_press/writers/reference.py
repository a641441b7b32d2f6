"""Reference documents: read a brand's own .docx safely and keep only what is safe to build on.

The DOCX writer (:mod:`nas_press.writers.docx`) builds each file on a
prepared python-docx document; with ``--reference-doc`` that document is the
organisation's own, adapted here as pandoc's option of that name does:

- :func:`read_reference` refuses what is not a regular file (a FIFO, a
  device such as ``/dev/zero``) before reading it, and a file larger than
  :data:`MAX_FILE`;
- :func:`open_reference` checks the zip directory before anything is
  decompressed (at most :data:`MAX_MEMBERS` members, each at most
  :data:`MAX_MEMBER` bytes once decompressed, :data:`MAX_TOTAL` in all), and
  refuses an OpenDocument file, a Word template or macro-enabled file, a
  damaged file and a ``document.xml`` without ``w:body``, each with a
  :class:`~nas_press.exceptions.ReferenceDocumentError` naming the file;
- :func:`strip` empties the body but for its section properties and keeps
  only the parts a document is built on (styles, settings, web settings,
  font table and embedded fonts, theme, numbering, the separators of foot-
  and endnotes, the headers and footers the section names, and the images
  of those). Everything that could make Word fetch or run something is
  dropped, each named in a :class:`~nas_press.exceptions.ReferencePartWarning`:
  external relationships of every kept part (remote images, ``file:///``
  links), macro projects (``vbaProject.bin``), embedded objects and ActiveX
  controls, the ``attachedTemplate`` of the settings, a ``webSettings``
  frame set, mail-merge data sources, custom XML and the data bindings to
  it, a glossary, and fields that include or link other files
  (``INCLUDEPICTURE``, ``INCLUDETEXT``, ``LINK``, ``DDE``, ``IMPORT``);
- :func:`adopt_styles` finds the styles the writer needs by name and adds
  those the reference lacks.
"""

from __future__ import annotations

import copy
import io
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Final, cast

from nas_press.exceptions import ReferenceDocumentError, ReferencePartWarning

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.opc.part import Part, XmlPart
    from docx.opc.rel import Relationships, _Relationship
    from docx.oxml.xmlchemy import BaseOxmlElement

__all__ = [
    "DAMAGED",
    "DEFAULT_NAME",
    "MAX_FILE",
    "MAX_MEMBER",
    "MAX_MEMBERS",
    "MAX_TOTAL",
    "SAVE_AS_DOCX",
    "adopt_styles",
    "open_reference",
    "read_reference",
    "strip",
]

MAX_FILE: Final = 64 * 1024 * 1024
"""The largest reference document read, in bytes."""
MAX_MEMBERS: Final = 2000
"""The most members a reference document's zip archive may have."""
MAX_MEMBER: Final = 32 * 1024 * 1024
"""The largest a member may be once decompressed, as the zip directory says."""
MAX_TOTAL: Final = 128 * 1024 * 1024
"""The largest all members together may be once decompressed."""

DEFAULT_NAME: Final = "the reference document"
"""How messages name a reference document given as bytes."""

_W_URI: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R_URI: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RT: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

_WORD_DOCUMENT: Final = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
_NOT_A_DOCUMENT: Final = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": (
        "a Word template (.dotx)"
    ),
    "application/vnd.ms-word.document.macroEnabled.main+xml": (
        "a macro-enabled Word document (.docm)"
    ),
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": (
        "a macro-enabled Word template (.dotm)"
    ),
}
"""What a package whose main part has one of these content types is, to say so when refusing it."""
SAVE_AS_DOCX: Final = "open it in Word or LibreOffice and save it as a Word document (.docx)"

_KEPT_OF_THE_DOCUMENT: Final = frozenset(
    _RT + name
    for name in (
        "styles",
        "settings",
        "webSettings",
        "fontTable",
        "theme",
        "numbering",
        "footnotes",
        "endnotes",
    )
)
"""Relationships of ``document.xml`` to parts of the document as a whole, which are kept."""

_PACKAGE_KEPT: Final = frozenset({_RT + "officeDocument", _RT + "extended-properties"})
"""Relationships of the package kept: the document and its application properties."""

_SILENT: Final = frozenset(
    {
        _RT + "comments",
        _RT + "hyperlink",
        _RT + "image",
        "http://schemas.microsoft.com/office/2011/relationships/people",
        "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
        "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
        "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible",
        "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    }
)
"""Relationships of ``document.xml`` that go with the body's content, dropped without a word."""

_SAFE_CONTENT: Final = re.compile(
    r"image/[a-z0-9.+-]+|application/vnd\.openxmlformats-officedocument\.obfuscatedFont"
    r"|application/x-font(-ttf|-otf)?|font/(ttf|otf|sfnt)"
)
"""Content types of parts a kept part may relate: pictures and embedded fonts."""

_ELEMENTS_DROPPED: Final = {
    "attachedTemplate": "an attached template (w:attachedTemplate)",
    "frameset": "a frame set (w:frameset)",
    "mailMerge": "a mail-merge data source (w:mailMerge)",
    "altChunk": "an imported document (w:altChunk)",
    "subDoc": "a subdocument (w:subDoc)",
    "dataBinding": "a data binding to custom XML (w:dataBinding)",
    "control": "an ActiveX control (w:control)",
    "object": "an embedded object (w:object)",
}
"""Elements removed from every kept part, with what each is."""

_FETCHING_FIELD: Final = re.compile(
    r"^\s*(INCLUDEPICTURE|INCLUDETEXT|LINK|DDE|DDEAUTO|IMPORT)\b", re.IGNORECASE
)
"""Field instructions that make Word read another file or ask another program."""

_NOTE_SEPARATORS: Final = frozenset({"separator", "continuationSeparator", "continuationNotice"})

DAMAGED: Final = (
    KeyError,
    ValueError,
    SyntaxError,
    EOFError,
    NotImplementedError,
    RuntimeError,
    AttributeError,
    zipfile.BadZipFile,
    zlib.error,
)
"""What python-docx, lxml, zipfile and zlib raise for a damaged file.

lxml's ``XMLSyntaxError`` is a ``SyntaxError``; zipfile raises
``NotImplementedError`` for an unknown compression and ``RuntimeError`` for
an encrypted member; python-docx an ``AttributeError`` or ``KeyError`` for a
part that lacks what it expects.
"""


# --------------------------------------------------------------------------- reading


def read_reference(path: str | os.PathLike[str]) -> bytes:
    """Return the bytes of the reference document at ``path``, checked as
    :func:`open_reference` checks them.

    A FIFO, a device, a socket or a folder is refused before it is read
    (opened without blocking and checked again on the open file), and so is
    a file larger than :data:`MAX_FILE`. Raises
    :class:`~nas_press.exceptions.ReferenceDocumentError` naming the file,
    for these and for everything :func:`open_reference` refuses.
    """
    name = f"the reference document {os.fspath(path)}"
    try:
        _check_regular(os.stat(path), name)
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | _NOCTTY)
    except OSError as exc:
        raise ReferenceDocumentError(f"cannot read {name}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(descriptor, "rb") as file:
            _check_regular(os.fstat(file.fileno()), name)
            data = file.read(MAX_FILE + 1)
    except OSError as exc:
        raise ReferenceDocumentError(f"cannot read {name}: {exc.strerror or exc}") from exc
    if len(data) > MAX_FILE:
        raise ReferenceDocumentError(
            f"{name} is larger than {MAX_FILE // (1024 * 1024)} MiB; expected a Word document"
            " of styles and page setup, which is far smaller"
        )
    open_reference(data, name=name)
    return data


_NOCTTY: Final = getattr(os, "O_NOCTTY", 0)


def _check_regular(info: os.stat_result, name: str) -> None:
    if stat.S_ISREG(info.st_mode):
        return
    if stat.S_ISDIR(info.st_mode):
        what = "a folder"
    elif stat.S_ISFIFO(info.st_mode):
        what = "a FIFO (named pipe)"
    elif stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode):
        what = "a device"
    elif stat.S_ISSOCK(info.st_mode):
        what = "a socket"
    else:
        what = "not a regular file"
    raise ReferenceDocumentError(
        f"{name} is {what}, not a file; expected a Word document (.docx) saved by Word or"
        " LibreOffice"
    )


def _check_directory(data: bytes, name: str) -> None:
    """Refuse what is not a zip archive of a Word document, before anything is decompressed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                raise ReferenceDocumentError(
                    f"{name} has {len(infos)} members in its zip archive, more than the"
                    f" {MAX_MEMBERS} a Word document of styles and page setup needs"
                )
            total = 0
            for info in infos:
                if info.file_size > MAX_MEMBER:
                    raise ReferenceDocumentError(
                        f"{name} holds {info.filename!r} of {info.file_size} bytes once"
                        f" decompressed, more than {MAX_MEMBER // (1024 * 1024)} MiB;"
                        f" {SAVE_AS_DOCX} without it"
                    )
                total += info.file_size
            if total > MAX_TOTAL:
                raise ReferenceDocumentError(
                    f"{name} holds {total} bytes once decompressed, more than"
                    f" {MAX_TOTAL // (1024 * 1024)} MiB"
                )
            names = {info.filename for info in infos}
            mimetype = b""
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100]
    except ReferenceDocumentError:
        raise
    except (OSError, *DAMAGED) as exc:
        raise ReferenceDocumentError(
            f"{name} is not a .docx file: it is not a zip archive, as every .docx is ({exc});"
            " expected a Word document saved by Word or LibreOffice"
        ) from exc
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        kind = mimetype.decode("ascii", "replace")
        raise ReferenceDocumentError(
            f"{name} is an OpenDocument file ({kind}), not a .docx; {SAVE_AS_DOCX}"
        )
    if "[Content_Types].xml" not in names:
        raise ReferenceDocumentError(
            f"{name} is a zip archive but not a .docx file: it has no [Content_Types].xml;"
            " expected a Word document saved by Word or LibreOffice"
        )


def open_reference(data: bytes, *, name: str = DEFAULT_NAME) -> DocxDocument:
    """Return ``data`` opened with python-docx, if it is a Word document with a body.

    Raises :class:`~nas_press.exceptions.ReferenceDocumentError`, its message
    starting with ``name``, for what is not a zip archive, a zip archive whose
    directory announces members too large (see the module's docstring), an
    OpenDocument file, a zip archive that is no Office Open XML package, a
    Word template (.dotx) or macro-enabled file (Word turns a template into
    a new document when it opens it, which is what the user should do), a
    damaged file, or a ``document.xml`` without ``w:body``.
    """
    from docx.opc.exceptions import PackageNotFoundError
    from docx.package import Package

    if not isinstance(data, bytes):
        raise TypeError(
            f"reference must be the bytes of a .docx file, not {type(data).__name__}"
            " (read a file with Path.read_bytes() or nas_press.writers.reference.read_reference())"
        )
    _check_directory(data, name)
    try:
        part = Package.open(io.BytesIO(data)).main_document_part
        content_type = part.content_type
    except (PackageNotFoundError, *DAMAGED) as exc:
        raise ReferenceDocumentError(
            f"{name} is damaged: python-docx cannot read it ({exc}); {SAVE_AS_DOCX}"
        ) from exc
    if content_type != _WORD_DOCUMENT:
        what = _NOT_A_DOCUMENT.get(content_type)
        if what is None:
            raise ReferenceDocumentError(
                f"{name} is not a Word document: its main part is {content_type!r},"
                f" expected {_WORD_DOCUMENT!r}"
            )
        raise ReferenceDocumentError(
            f"{name} is {what}, not a Word document (.docx), and is not used as it is;"
            f" {SAVE_AS_DOCX}"
        )
    document = cast("DocxDocument", part.document)
    if document.element.find(f"{{{_W_URI}}}body") is None:
        raise ReferenceDocumentError(
            f"{name} is damaged: its word/document.xml has no w:body; {SAVE_AS_DOCX} again"
        )
    return document


# --------------------------------------------------------------------------- what is kept


def strip(document: DocxDocument, *, name: str = DEFAULT_NAME) -> list[ReferencePartWarning]:
    """Empty the body of ``document`` and drop every part it is not built on (module docstring).

    Returns a warning for each thing dropped that could make Word fetch or
    run something, or that a brand put there on purpose; the content of the
    body and what goes with it (its pictures, links and comments) go
    without a word. The core properties are dropped too: the writer makes its own.
    """
    from docx.oxml.ns import qn

    dropped: list[ReferencePartWarning] = []

    def drop(what: str) -> None:
        dropped.append(ReferencePartWarning(what, name))

    package = document.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype not in _PACKAGE_KEPT:
            del package.rels[rid]

    body = document.element.find(qn("w:body"))
    section = body.find(qn("w:sectPr"))
    for child in list(body):
        if child is not section:
            body.remove(child)
    named = _named_ids(document.element)

    part = document.part
    for rid, rel in list(part.rels.items()):
        if rid in named and rel.reltype in (_RT + "header", _RT + "footer") and not rel.is_external:
            continue
        if rel.reltype in _KEPT_OF_THE_DOCUMENT and not rel.is_external:
            continue
        del part.rels[rid]
        if rel.reltype in _SILENT:
            continue
        drop(_describe(part, rel))

    kept: dict[int, XmlPart] = {}
    for rid in list(part.rels):
        _clean(part.rels, rid, kept, drop)
    _clean_xml(document.element, "word/document.xml", set(), drop)
    return dropped


def _describe(owner: Part, rel: _Relationship) -> str:
    """Say what a dropped relationship of ``owner`` is, for a warning."""
    source = owner.partname.lstrip("/")
    kind = rel.reltype.rsplit("/", 1)[-1]
    if rel.is_external:
        return f"{source} links to {rel.target_ref!r} outside the document ({kind})"
    target = rel.target_part
    return f"{source} relates {target.partname.lstrip('/')} ({kind}, {target.content_type})"


def _named_ids(element: BaseOxmlElement) -> set[str]:
    """The relationship ids that attributes in ``element`` name."""
    return {
        str(value)
        for node in element.iter()
        for attribute, value in node.attrib.items()
        if str(attribute).startswith(f"{{{_R_URI}}}")
    }


def _clean(
    rels: Relationships, rid: str, kept: dict[int, XmlPart], drop: Callable[[str], None]
) -> None:
    """Clean the part ``rels[rid]``: its relationships, then its XML (see :func:`strip`)."""
    rel = rels[rid]
    target = rel.target_part
    if _SAFE_CONTENT.fullmatch(target.content_type):
        return
    part = kept.get(id(target))
    if part is None:
        part = _as_xml_part(target)
        kept[id(target)] = part
        gone: set[str] = set()
        for inner_id, inner in list(part.rels.items()):
            if not inner.is_external and _SAFE_CONTENT.fullmatch(inner.target_part.content_type):
                continue
            del part.rels[inner_id]
            gone.add(inner_id)
            drop(_describe(part, inner))
        partname = part.partname.lstrip("/")
        _clean_xml(part.element, partname, gone, drop)
        if rel.reltype in (_RT + "footnotes", _RT + "endnotes"):
            _keep_separators(part.element)
    if part is not target:
        rels.add_relationship(rel.reltype, part, rid)


def _as_xml_part(part: Part) -> XmlPart:
    """Return ``part`` as a python-docx ``XmlPart``, parsed from its bytes if it is not one."""
    from docx.opc.part import XmlPart

    if isinstance(part, XmlPart):
        return part
    xml_part = cast(
        "XmlPart", XmlPart.load(part.partname, part.content_type, part.blob, part.package)
    )
    for rid, rel in part.rels.items():
        target = rel.target_ref if rel.is_external else rel.target_part
        xml_part.rels.add_relationship(rel.reltype, target, rid, rel.is_external)
    return xml_part


_WATCHED: Final = tuple(
    f"{{{_W_URI}}}{name}"
    for name in (*_ELEMENTS_DROPPED, "customXml", "smartTag", "fldSimple", "instrText")
)
"""The elements :func:`_clean_xml` looks at, found by lxml without walking the others."""


def _clean_xml(
    root: BaseOxmlElement, partname: str, gone: set[str], drop: Callable[[str], None]
) -> None:
    """Remove from ``root`` what names a dropped relationship, and what fetches or runs things."""
    w = f"{{{_W_URI}}}"
    for element in list(root.iter(*_WATCHED)):
        name = element.tag[len(w) :]
        if name in _ELEMENTS_DROPPED:
            if element.getparent() is not None:
                drop(f"{partname} holds {_ELEMENTS_DROPPED[name]}")
                _remove(element)
        elif name in ("customXml", "smartTag"):
            drop(f"{partname} holds custom XML markup ({name})")
            _unwrap(element)
        elif name == "fldSimple" and _FETCHING_FIELD.match(element.get(f"{w}instr", "")):
            drop(f"{partname} holds a field {element.get(f'{w}instr', '').strip()!r}")
            _unwrap(element)
        elif name == "instrText" and _FETCHING_FIELD.match(element.text or ""):
            drop(f"{partname} holds a field {(element.text or '').strip()!r}")
            element.text = ""
    if not gone:
        return
    for element in list(root.iter()):
        for attribute, value in list(element.attrib.items()):
            if str(attribute).startswith(f"{{{_R_URI}}}") and value in gone:
                del element.attrib[attribute]
                if not any(str(a).startswith(f"{{{_R_URI}}}") for a in element.attrib):
                    _remove_picture(element)


def _remove_picture(element: BaseOxmlElement) -> None:
    """Remove the drawing or VML picture that ``element``, which lost its picture, stands in."""
    for ancestor in element.iterancestors(f"{{{_W_URI}}}drawing", f"{{{_W_URI}}}pict"):
        _remove(ancestor)
        return


def _remove(element: BaseOxmlElement) -> None:
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def _unwrap(element: BaseOxmlElement) -> None:
    """Replace ``element`` by its children but its own properties."""
    parent = element.getparent()
    if parent is None:
        return
    at = parent.index(element)
    for child in list(element):
        if isinstance(child.tag, str) and child.tag.endswith(("}customXmlPr", "}smartTagPr")):
            continue
        parent.insert(at, child)
        at += 1
    parent.remove(element)


def _keep_separators(notes: BaseOxmlElement) -> None:
    """Keep only the separators of a foot- or endnotes part: its notes belong to the body."""
    w = f"{{{_W_URI}}}"
    for note in list(notes):
        if note.get(f"{w}type") not in _NOTE_SEPARATORS:
            notes.remove(note)


# --------------------------------------------------------------------------- styles


def adopt_styles(
    document: DocxDocument,
    own: DocxDocument,
    kinds: Mapping[str, str],
) -> tuple[dict[str, str], tuple[tuple[str, str], ...], bool]:
    """Find the style of ``document`` for each name of ``kinds``; copy those it lacks from ``own``.

    ``kinds`` maps each style name the writer uses, in the order missing ones
    are reported, to its kind (``paragraph`` or ``character``). A style is
    found by its name (``w:name``, case-insensitively: Word writes the
    built-in ones in English and in lower case, ``heading 1``, whatever the
    language of its menus, while the style id may be translated,
    ``Otsikko1``), or else by the style id of ``own``, among the styles of
    the same kind; 'Normal' is also the default paragraph style.

    A style not found is copied from ``own`` under a style id the reference
    does not use, and its name if the reference has a style of that name of
    the other kind. Its references to other styles (``basedOn``, ``next``,
    ``link``) are pointed at the reference's styles of the same names, or
    dropped where it has none; a list style brings its list definition into
    the numbering part under unused numbers.

    Returns the style id of each name, the names of the added styles with
    the name each was given, and whether 'Normal' paragraphs must name their
    style (when it is not the default paragraph style, as LibreOffice writes it).
    """
    from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn
    from docx.parts.styles import StylesPart

    # python-docx would make a missing styles part from its own template; start from nothing.
    _related_or_empty(document, RT.STYLES, StylesPart, "/word/styles.xml", CT.WML_STYLES, "styles")
    styles = document.styles.element
    our_styles = {s.get(qn("w:styleId")): s for s in own.styles.element.iterchildren(qn("w:style"))}
    own_ids = {name: own.styles[name].style_id for name in kinds}
    theirs: list[BaseOxmlElement] = list(styles.iterchildren(qn("w:style")))

    def name_of(style: BaseOxmlElement) -> str:
        found = style.find(qn("w:name"))
        return "" if found is None else str(found.get(qn("w:val"), ""))

    def kind_of(style: BaseOxmlElement) -> str:
        return str(style.get(qn("w:type"), "paragraph"))

    def is_default(style: BaseOxmlElement) -> bool:
        return style.get(qn("w:default")) in ("1", "true", "on")

    def find(name: str, kind: str, style_id: str | None = None) -> BaseOxmlElement | None:
        folded = name.casefold()
        for style in theirs:
            if kind_of(style) == kind and name_of(style).casefold() == folded:
                return style
        for style in theirs:
            if (
                style_id is not None
                and kind_of(style) == kind
                and style.get(qn("w:styleId")) == style_id
            ):
                return style
        return None

    ids: dict[str, str] = {}
    added: list[tuple[str, str]] = []
    copies: list[BaseOxmlElement] = []
    taken = {style.get(qn("w:styleId")) for style in theirs}
    for name, kind in kinds.items():
        own_id = own_ids[name]
        found = find(name, kind, own_id)
        if found is None and name == "Normal":
            found = next((s for s in theirs if kind_of(s) == kind and is_default(s)), None)
        if found is not None:
            ids[name] = str(found.get(qn("w:styleId")))
            continue
        style = copy.deepcopy(our_styles[own_id])
        style_id = _unused(own_id, taken)
        taken.add(style_id)
        style.set(qn("w:styleId"), style_id)
        added_as = name
        if any(name_of(s).casefold() == name.casefold() for s in theirs):
            added_as = f"{name} (nas_press)"
            style.find(qn("w:name")).set(qn("w:val"), added_as)
        if is_default(style) and any(kind_of(s) == kind and is_default(s) for s in theirs):
            del style.attrib[qn("w:default")]
        styles.append(style)
        ids[name] = style_id
        added.append((name, added_as))
        copies.append(style)

    own_names = {own_id: name for name, own_id in own_ids.items()}

    def resolve(own_id: str) -> str | None:
        """Return the reference's style id for the style ``own_id`` of ``own``."""
        if own_id in own_names:
            return ids[own_names[own_id]]
        source = our_styles.get(own_id)
        found = None if source is None else find(name_of(source), kind_of(source))
        return None if found is None else str(found.get(qn("w:styleId")))

    def repoint(element: BaseOxmlElement, tags: Sequence[str]) -> None:
        for tag in tags:
            for reference in list(element.iter(qn(tag))):
                target = resolve(str(reference.get(qn("w:val"))))
                if target is None:
                    reference.getparent().remove(reference)
                else:
                    reference.set(qn("w:val"), target)

    for style in copies:
        repoint(style, ("w:basedOn", "w:next", "w:link"))
        num_id = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if num_id is not None:
            new_id = _adopt_numbering(document, own, str(num_id.get(qn("w:val"))), repoint)
            num_id.set(qn("w:val"), new_id)

    body = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{ids['Normal']}']")
    body_style_named = not (body is not None and is_default(body))
    return ids, tuple(added), body_style_named


def _adopt_numbering(
    document: DocxDocument,
    own: DocxDocument,
    own_num_id: str,
    repoint: Callable[[BaseOxmlElement, Sequence[str]], None],
) -> str:
    """Copy list ``own_num_id`` of ``own`` into ``document``; return its new id.

    The list (``w:num``) and its definition (``w:abstractNum``) are numbered
    after the reference's highest; the definition's style references are
    pointed at the reference's styles by ``repoint``. A reference without a
    numbering part is given one.
    """
    from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn
    from docx.parts.numbering import NumberingPart

    numbering_part = _related_or_empty(
        document, RT.NUMBERING, NumberingPart, "/word/numbering.xml", CT.WML_NUMBERING, "numbering"
    )
    numbering = cast("XmlPart", numbering_part).element
    ours = cast("XmlPart", own.part.part_related_by(RT.NUMBERING)).element
    num = ours.find(f"{qn('w:num')}[@{qn('w:numId')}='{own_num_id}']")
    if num is None:
        raise RuntimeError(f"the DOCX template has no list {own_num_id}")
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = ours.find(f"{qn('w:abstractNum')}[@{qn('w:abstractNumId')}='{abstract_id}']")
    if abstract is None:
        raise RuntimeError(f"the DOCX template has no list definition {abstract_id}")

    def next_number(tag: str, attribute: str) -> str:
        numbers = [
            int(value)
            for element in numbering.iterchildren(qn(tag))
            if (value := element.get(qn(attribute), "")).isdigit()
        ]
        return str(max(numbers, default=0) + 1)

    abstract, num = copy.deepcopy(abstract), copy.deepcopy(num)
    abstract.set(qn("w:abstractNumId"), next_number("w:abstractNum", "w:abstractNumId"))
    num.set(qn("w:numId"), next_number("w:num", "w:numId"))
    num.find(qn("w:abstractNumId")).set(qn("w:val"), abstract.get(qn("w:abstractNumId")))
    repoint(abstract, ("w:pStyle", "w:styleLink", "w:numStyleLink"))
    # The schema's order: w:abstractNum elements, then w:num, then w:numIdMacAtCleanup.
    first_num = numbering.find(qn("w:num"))
    clean_up = numbering.find(qn("w:numIdMacAtCleanup"))
    if first_num is not None:
        first_num.addprevious(abstract)
    elif clean_up is not None:
        clean_up.addprevious(abstract)
    else:
        numbering.append(abstract)
    if clean_up is not None:
        clean_up.addprevious(num)
    else:
        numbering.append(num)
    return str(num.get(qn("w:numId")))


def _related_or_empty(
    document: DocxDocument,
    reltype: str,
    part_class: Callable[..., Part],
    partname: str,
    content_type: str,
    root: str,
) -> Part:
    """The part of ``document`` related by ``reltype``; or, when it has none, a new empty
    one of ``part_class`` (its XML a bare ``<w:root/>``), related to the document."""
    from docx.opc.packuri import PackURI
    from docx.oxml.parser import parse_xml

    document_part = document.part
    try:
        return document_part.part_related_by(reltype)
    except KeyError:
        part = part_class(
            PackURI(partname),
            content_type,
            parse_xml(f'<w:{root} xmlns:w="{_W_URI}"/>'),
            document_part.package,
        )
        document_part.relate_to(part, reltype)
        return part


def _unused(style_id: str, taken: set[str | None]) -> str:
    """Return ``style_id``, or it with the lowest number appended that is not ``taken``."""
    candidate, number = style_id, 0
    while candidate in taken:
        number += 1
        candidate = f"{style_id}{number}"
    return candidate
