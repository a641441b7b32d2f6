"""nas_press: multilingual press releases of the NAS statistics, as DOCX, text, HTML and more.

Load a release file with :func:`load_release` (or build a :class:`Release`
in code), write it in one language with :func:`render`, and turn the
resulting :class:`~nas_press.document.Document` into bytes with
:func:`docx_bytes` or :func:`to_text`, or let :func:`render_files` do all of
it for every language and format. :func:`accessibility_problems` (or
:func:`docx_problems` and :func:`html_problems`) checks the DOCX and HTML
files for what the EU Web Accessibility Directive asks of them.

Every name is imported from its module when first used (:pep:`562`), so
that ``import nas_press`` costs little more than starting Python: a tool
that only checks a release never loads the writers, and the command line
loads only what its command needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nas_press._api import (
        docx_bytes as docx_bytes,
        ninjs_bytes as ninjs_bytes,
        render as render,
        render_files as render_files,
        to_html as to_html,
        to_markdown as to_markdown,
        to_text as to_text,
        write_bytes as write_bytes,
        write_docx as write_docx,
        write_text as write_text,
    )
    from nas_press._resources import (
        supported_languages as supported_languages,
    )
    from nas_press.checks.a11y import (
        accessibility_problems as accessibility_problems,
        docx_problems as docx_problems,
        html_problems as html_problems,
    )
    from nas_press.document import (
        Document as Document,
    )
    from nas_press.exceptions import (
        ChartsUnavailableWarning as ChartsUnavailableWarning,
        DocumentError as DocumentError,
        LocaleDataError as LocaleDataError,
        NasPressError as NasPressError,
        Problem as Problem,
        ReferenceDocumentError as ReferenceDocumentError,
        ReferencePartWarning as ReferencePartWarning,
        ReferenceStyleWarning as ReferenceStyleWarning,
        ReleaseError as ReleaseError,
        TemplateError as TemplateError,
        UnknownFormatError as UnknownFormatError,
        UnknownLanguageError as UnknownLanguageError,
    )
    from nas_press.output import (
        OutputError as OutputError,
    )
    from nas_press.release.lint import (
        lint as lint,
    )
    from nas_press.release.load import (
        load_history as load_history,
        load_release as load_release,
        parse_release as parse_release,
        read_history as read_history,
        read_release as read_release,
    )
    from nas_press.release.model import (
        AuthoredHeading as AuthoredHeading,
        AuthoredParagraph as AuthoredParagraph,
        AuthoredQuote as AuthoredQuote,
        Change as Change,
        Chart as Chart,
        Contact as Contact,
        Forms as Forms,
        History as History,
        HistoryEntry as HistoryEntry,
        InFinland as InFinland,
        NewClients as NewClients,
        People as People,
        Percent as Percent,
        Period as Period,
        PeriodKind as PeriodKind,
        Privacy as Privacy,
        Referrals as Referrals,
        Register as Register,
        Release as Release,
        Statement as Statement,
        Statistics as Statistics,
        Translations as Translations,
    )
    from nas_press.writers import (
        DEFAULT_FORMATS as DEFAULT_FORMATS,
        FORMATS as FORMATS,
    )

_EXPORTS: dict[str, tuple[str, ...]] = {
    "nas_press.checks.a11y": (
        "accessibility_problems",
        "docx_problems",
        "html_problems",
    ),
    "nas_press._api": (
        "docx_bytes",
        "ninjs_bytes",
        "render",
        "render_files",
        "to_html",
        "to_markdown",
        "to_text",
        "write_bytes",
        "write_docx",
        "write_text",
    ),
    "nas_press.release.lint": ("lint",),
    "nas_press.release.load": (
        "load_history",
        "load_release",
        "parse_release",
        "read_history",
        "read_release",
    ),
    "nas_press.release.model": (
        "AuthoredHeading",
        "AuthoredParagraph",
        "AuthoredQuote",
        "Change",
        "Chart",
        "Contact",
        "Forms",
        "History",
        "HistoryEntry",
        "InFinland",
        "NewClients",
        "People",
        "Percent",
        "Period",
        "PeriodKind",
        "Privacy",
        "Referrals",
        "Register",
        "Release",
        "Statement",
        "Statistics",
        "Translations",
    ),
    "nas_press.output": ("OutputError",),
    "nas_press._resources": ("supported_languages",),
    "nas_press.document": ("Document",),
    "nas_press.exceptions": (
        "ChartsUnavailableWarning",
        "DocumentError",
        "LocaleDataError",
        "NasPressError",
        "Problem",
        "ReferenceDocumentError",
        "ReferencePartWarning",
        "ReferenceStyleWarning",
        "ReleaseError",
        "TemplateError",
        "UnknownFormatError",
        "UnknownLanguageError",
    ),
    "nas_press.writers": (
        "DEFAULT_FORMATS",
        "FORMATS",
    ),
}
"""The public names, by the module that defines them."""

_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = sorted(_MODULE_OF)


def __getattr__(name: str) -> Any:
    """Import the public ``name`` from its module on first use, and keep it."""
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'nas_press' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
