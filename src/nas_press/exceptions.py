"""Every error nas_press raises on purpose.

All of them derive from :class:`NasPressError`; each also subclasses the
built-in exception it is a kind of, so callers may catch either.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs


@attrs.frozen
class Problem:
    """One thing wrong (or doubtful) in a release.

    ``path`` is the key path in the release file (``statistics.in_finland.women``),
    ``value`` the value found there (``None`` when the key is missing),
    ``expected`` what would have been right. ``line`` is the line of the release
    file where the key stands, when the release came from a file.
    ``severity`` is ``"error"`` or ``"warning"``; warnings do not stop a render.
    ``file`` names the file the key stands in when it is not the release file
    itself (the statistics history, the organisation file).
    """

    path: str
    message: str
    expected: str = ""
    value: object = None
    line: int | None = None
    severity: str = "error"
    file: str | None = None

    def describe(self, source: str | None = None) -> str:
        """Return the problem as one line: ``file:line: key: message (expected …, found …)``.

        Every character that is not printable (ESC, BEL, CR and the other control
        characters, line and paragraph separators, bidirectional overrides) is
        written as an escape such as ``\\x1b``, so that a key or a value of the
        release file cannot drive the terminal it is printed on.
        """
        where = self.file or source or "<release>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        text = f"{where}: {self.severity}: "
        if self.path:
            text += f"{self.path}: "
        text += self.message
        details = []
        if self.expected:
            details.append(f"expected {self.expected}")
        if self.value is not None:
            details.append(f"found {self.value!r}")
        if details:
            text += f" ({'; '.join(details)})"
        return printable(text)


def printable(text: str) -> str:
    """Return ``text`` with each character that is not printable written as an escape.

    Such as ``\\x1b`` for ESC, ``\\r``, ``\\x85``, ``\\u2028`` or ``\\u202e``, as
    ``repr`` writes them. Spaces of every width stay, as does every printable
    character and a backslash, so an escape already written is not escaped again.
    """
    if text.isprintable():
        return text
    import unicodedata

    return "".join(
        c if c.isprintable() or unicodedata.category(c) == "Zs" else repr(c)[1:-1] for c in text
    )


class NasPressError(Exception):
    """Base class of every error raised by nas_press."""


class ReleaseError(NasPressError, ValueError):
    """A release is invalid; ``problems`` lists every error found at once.

    ``source`` names the release file, when there is one.
    """

    def __init__(self, problems: Sequence[Problem], source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        super().__init__(self._message())

    def _message(self) -> str:
        errors = [p for p in self.problems if p.severity == "error"]
        plural = "s" if len(errors) != 1 else ""
        head = f"{len(errors)} problem{plural} in {printable(self.source or 'the release')}"
        return "\n".join([head + ":", *(f"  {p.describe(self.source)}" for p in errors)])


class UnknownLanguageError(NasPressError, LookupError):
    """A language code has no templates or locale data.

    ``language`` is the code asked for; ``suggestion`` a supported code that
    was probably meant, or ``None``.
    """

    def __init__(self, language: str, supported: Sequence[str]) -> None:
        self.language = language
        self.supported = tuple(supported)
        self.suggestion = _suggest_language(language, self.supported)
        hint = f"; did you mean {self.suggestion!r}?" if self.suggestion else ""
        super().__init__(
            f"unknown language {language!r}: expected one of {', '.join(self.supported)}{hint}"
        )


class UnknownFormatError(NasPressError, LookupError):
    """An output format has no writer.

    ``format`` is the format asked for; ``supported`` the formats there are.
    """

    def __init__(self, format: str, supported: Sequence[str]) -> None:
        self.format = format
        self.supported = tuple(supported)
        super().__init__(f"unknown format {format!r}: expected one of {', '.join(self.supported)}")


class TemplateError(NasPressError, RuntimeError):
    """A template failed: it used a value the release does not have, or is broken.

    ``template`` is the template's name and ``line`` its line, when known.
    """

    def __init__(self, message: str, template: str | None = None, line: int | None = None) -> None:
        self.template = template
        self.line = line
        where = template or "<template>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}")


class DocumentError(NasPressError, ValueError):
    """A document holds text that its file format cannot carry (such as a control character)."""


class LocaleDataError(NasPressError, ValueError):
    """A file under ``locales/`` is missing a key or holds the wrong kind of value."""


class ReferenceDocumentError(NasPressError, ValueError):
    """A reference document (``--reference-doc``) cannot be used: it is not a Word document.

    Such as a file that is not a zip archive, an OpenDocument file, a Word
    template (.dotx) or a damaged .docx; the message says which, and what to do.
    """


class ReferenceStyleWarning(UserWarning):
    """A reference document lacks a style nas_press uses; nas_press's own definition is added.

    ``style`` is the style's name as Word shows it (``"Lead"``); ``added_as``
    the name the added style was given, which differs from ``style`` only when
    the reference has a style of that name of the other kind (a character
    style where a paragraph style is needed, or the reverse); ``kind`` is the
    kind of style nas_press needs (``paragraph`` or ``character``).
    """

    def __init__(self, style: str, added_as: str | None = None, kind: str = "paragraph") -> None:
        self.style = style
        self.kind = kind
        self.added_as = style if added_as is None else added_as
        if self.added_as == style:
            message = f"the reference document has no style {style!r}; nas_press's own is added"
        else:
            message = (
                f"the reference document has no {kind} style {style!r} (its {style!r}"
                f" is of another kind); nas_press's own is added as {self.added_as!r}"
            )
        super().__init__(message)


class ReferencePartWarning(ReferenceStyleWarning):
    """A reference document holds something that is not carried into the DOCX files.

    Such as a link to a file outside the document, a macro project, an
    attached template or a frame set: anything that could make Word fetch or
    run something. ``what`` says what was dropped and where (``word/settings.xml
    holds an attached template (w:attachedTemplate)``), ``source`` names the
    reference document.
    """

    def __init__(self, what: str, source: str = "the reference document") -> None:
        self.what = what
        self.source = source
        self.style = ""
        self.kind = ""
        self.added_as = ""
        UserWarning.__init__(self, f"{source}: {what}; it is dropped")


class ChartsUnavailableWarning(UserWarning):
    """The release has charts, but matplotlib is not installed: it renders without them.

    Install the optional dependency with ``pip install 'nas_press[charts]'``.
    """

    def __init__(self, reason: str = "") -> None:
        if reason:
            super().__init__(
                f"matplotlib is installed but cannot be imported ({reason}), so the release is"
                " rendered without its charts; to draw them, reinstall it with:"
                " pip install --force-reinstall 'nas_press[charts]'"
            )
        else:
            super().__init__(
                "matplotlib is not installed, so the release is rendered without its charts;"
                " to draw them, install it with: pip install 'nas_press[charts]'"
            )


def _suggest_language(language: str, supported: Sequence[str]) -> str | None:
    base = language.replace("_", "-").split("-")[0].lower()
    return base if base in supported and base != language else None
