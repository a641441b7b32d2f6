"""nas_press: multilingual press releases of the NAS statistics, as DOCX, text, HTML and more.

Load a release file with :func:`load_release` (or build a :class:`Release`
in code), write it in one language with :func:`render`, and turn the
resulting :class:`~nas_press.document.Document` into bytes with
:func:`docx_bytes` or :func:`to_text`, or let :func:`render_files` do all of
it for every language and format. :func:`accessibility_problems` (or
:func:`docx_problems` and :func:`html_problems`) checks the DOCX and HTML
files for what the EU Web Accessibility Directive asks of them.
"""

from nas_press._a11y import accessibility_problems, docx_problems, html_problems
from nas_press._api import (
    docx_bytes,
    ninjs_bytes,
    render,
    render_files,
    to_html,
    to_markdown,
    to_text,
    write_docx,
    write_text,
)
from nas_press._checks import release_problems
from nas_press._load import load_release, parse_release, read_release
from nas_press._model import (
    AuthoredHeading,
    AuthoredParagraph,
    AuthoredQuote,
    Change,
    Chart,
    Contact,
    EarlierGroup,
    EarlierPeriod,
    Forms,
    InFinland,
    NewClients,
    Period,
    PeriodKind,
    Privacy,
    Referrals,
    Register,
    Release,
    Statement,
    Statistics,
    Translations,
)
from nas_press._output import DEFAULT_FORMATS, FORMATS
from nas_press._resources import supported_languages
from nas_press.document import Document
from nas_press.exceptions import (
    ChartsUnavailableWarning,
    DocumentError,
    LocaleDataError,
    NasPressError,
    Problem,
    ReferenceDocumentError,
    ReleaseError,
    TemplateError,
    UnknownLanguageError,
)

__all__ = [
    "DEFAULT_FORMATS",
    "FORMATS",
    "AuthoredHeading",
    "AuthoredParagraph",
    "AuthoredQuote",
    "Change",
    "Chart",
    "ChartsUnavailableWarning",
    "Contact",
    "Document",
    "DocumentError",
    "EarlierGroup",
    "EarlierPeriod",
    "Forms",
    "InFinland",
    "LocaleDataError",
    "NasPressError",
    "NewClients",
    "Period",
    "PeriodKind",
    "Privacy",
    "Problem",
    "ReferenceDocumentError",
    "Referrals",
    "Register",
    "Release",
    "ReleaseError",
    "Statement",
    "Statistics",
    "TemplateError",
    "Translations",
    "UnknownLanguageError",
    "accessibility_problems",
    "docx_bytes",
    "docx_problems",
    "html_problems",
    "load_release",
    "ninjs_bytes",
    "parse_release",
    "read_release",
    "release_problems",
    "render",
    "render_files",
    "supported_languages",
    "to_html",
    "to_markdown",
    "to_text",
    "write_docx",
    "write_text",
]
