"""Realizing an outline in one language: Jinja templates to a neutral Document.

Each language has its own templates under ``templates/<lang>/`` and runs in a
sandboxed Jinja environment with ``StrictUndefined``: a template that uses a
value the release does not have fails with its name and line instead of
writing an empty string. Environments and compiled templates are cached per
language for the life of the process, and compiled templates also on disk in
the user's cache folder from one process to the next (:class:`_TemplateCache`).

Template output is running text: a blank line separates paragraphs, other
white space (spaces, tabs, single newlines) folds to one space, and no-break
spaces are kept. ``[text](https://…)`` becomes a link.
"""

from __future__ import annotations

import functools
import marshal
import re
import sys
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import jinja2
from jinja2.bccache import Bucket
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from nas_press._resources import cache_dir, data_dir, digest, read_cached, write_cached
from nas_press.document import (
    Block,
    BulletList,
    Contact,
    ContactBlock,
    ContactGroup,
    Document,
    Heading,
    Inline,
    Lead,
    Link,
    Paragraph,
    Phone,
    Quote,
    Span,
)
from nas_press.exceptions import TemplateError, UnknownLanguageError
from nas_press.plan.numbers import Vague
from nas_press.plan.outline import Outline, PlannedChart, PlannedStatement, plan
from nas_press.realize.charts import chart_block
from nas_press.realize.locale import VAGUE_PHRASES, Formatter, formatter, locale_data, upfirst
from nas_press.release.model import (
    AuthoredHeading,
    AuthoredParagraph,
    AuthoredQuote,
    Period,
    Translations,
)

if TYPE_CHECKING:
    from nas_press.release.model import Contact as ContactModel, Release

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_FOLD = re.compile(r"[ \t\r\n]+")
_SPACE_BEFORE_PUNCTUATION = re.compile(r" (?=[.,;:!?])")
_LINK = re.compile(r"\[([^\]]+)\]\(((?:https?://|mailto:)[^)\s]+)\)")


def parse_inlines(text: str) -> tuple[str | Link, ...]:
    """Split running text at ``[text](url)`` links into strings and :class:`Link` objects."""
    pieces: list[str | Link] = []
    position = 0
    for match in _LINK.finditer(text):
        if match.start() > position:
            pieces.append(text[position : match.start()])
        pieces.append(Link(match.group(1), match.group(2)))
        position = match.end()
    if position < len(text):
        pieces.append(text[position:])
    return tuple(pieces)


def paragraphs(text: str) -> list[str]:
    """Split template output into paragraphs with white space folded.

    A space before ``.,;:!?`` is dropped, so a template may put punctuation
    on a line of its own after a block tag.
    """
    result = []
    for chunk in _PARAGRAPH_BREAK.split(text.strip()):
        folded = _SPACE_BEFORE_PUNCTUATION.sub("", _FOLD.sub(" ", chunk)).strip()
        if folded:
            result.append(folded)
    return result


def _period_phrase(fmt: Formatter, period: Period, role: str = "during") -> str:
    return fmt.data.text("periods", period.kind.value, role).format(year=period.year)


@functools.cache
def environment(lang: str) -> SandboxedEnvironment:
    """Return the sandboxed Jinja environment of ``lang``, built once per process.

    Its templates are compiled once per process, and kept compiled on disk
    from one process to the next (see :class:`_TemplateCache`).
    """
    fmt = formatter(lang)
    env = SandboxedEnvironment(
        extensions=["jinja2.ext.do"],
        loader=jinja2.FileSystemLoader(str(data_dir("templates") / lang)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters.update(
        number=fmt.number,
        count=fmt.count,
        percent=fmt.percent,
        percent_words=fmt.percent_words,
        plural=fmt.plural,
        date=fmt.date,
        vague=fmt.vague,
        join_list=fmt.join,
        form=fmt.form,
        upfirst=upfirst,
        period=functools.partial(_period_phrase, fmt),
    )
    env.globals.update(label=fmt.label)
    folder = cache_dir()
    if folder is not None:
        env.bytecode_cache = _TemplateCache(
            folder / f"templates-{sys.implementation.cache_tag}", lang, _fingerprint(env)
        )
    return env


_CACHE_FORMAT = "nas_press compiled template 1"


def _fingerprint(env: jinja2.Environment) -> str:
    """Everything besides a template's source and file name that its compiled code depends on.

    Jinja's version and the interpreter's; the environment's class, syntax,
    whitespace and escaping settings and extensions; and the names of its
    filters, tests and globals, which the compiler checks.
    """
    return repr(
        (
            _CACHE_FORMAT,
            jinja2.__version__,
            sys.version,
            sys.implementation.cache_tag,
            f"{type(env).__module__}.{type(env).__qualname__}",
            env.sandboxed,
            env.is_async,
            env.block_start_string,
            env.block_end_string,
            env.variable_start_string,
            env.variable_end_string,
            env.comment_start_string,
            env.comment_end_string,
            env.line_statement_prefix,
            env.line_comment_prefix,
            env.trim_blocks,
            env.lstrip_blocks,
            env.newline_sequence,
            env.keep_trailing_newline,
            env.optimized,
            env.autoescape if isinstance(env.autoescape, bool) else repr(env.autoescape),
            env.finalize is None,
            sorted(env.extensions),
            sorted(env.filters),
            sorted(env.tests),
            sorted(env.globals),
        )
    )


class _TemplateCache(jinja2.BytecodeCache):
    """The compiled code of one language's templates, kept on disk between processes.

    Compiling the templates of three languages takes several times longer
    than everything else a render does, and Jinja compiles them anew in every
    process. Here each template's code is stored (marshalled, as Python's own
    ``.pyc`` files are) in one file per language and template name, headed by
    a digest (:func:`~nas_press._resources.digest`) of the template's source,
    its file name and the :func:`_fingerprint` of the environment: a file
    whose header does not match, or that cannot be read or unmarshalled, is
    ignored and rewritten, so a cached template always gives the same output
    as a freshly compiled one. Files are replaced atomically (see
    :func:`~nas_press._resources.write_cached`), and only in a folder private
    to the user.
    """

    def __init__(self, folder: Path, lang: str, fingerprint: str) -> None:
        self.folder = folder
        self.lang = lang
        self.fingerprint = fingerprint

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        """Return the bucket of template ``name``, with its code if the cache holds it."""
        key = f"{self.lang}-{digest(name.encode('utf-8', 'surrogatepass'))}.code"
        checksum = digest(
            self.fingerprint.encode("utf-8"),
            (filename or name).encode("utf-8", "surrogatepass"),
            source.encode("utf-8", "surrogatepass"),
        )
        bucket = Bucket(environment, key, checksum)
        self.load_bytecode(bucket)
        return bucket

    def _header(self, bucket: Bucket) -> bytes:
        return f"{_CACHE_FORMAT}\n{bucket.checksum}\n".encode("ascii")

    def load_bytecode(self, bucket: Bucket) -> None:
        """Give ``bucket`` the cached code if the file is there and up to date."""
        data = read_cached(self.folder, bucket.key)
        header = self._header(bucket)
        if data is None or not data.startswith(header):
            return
        try:
            code = marshal.loads(memoryview(data)[len(header) :])
        except (EOFError, ValueError, TypeError):
            return
        if isinstance(code, types.CodeType):
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Store the code of ``bucket``, or nothing if it cannot be written."""
        if bucket.code is not None:
            write_cached(self.folder, bucket.key, self._header(bucket) + marshal.dumps(bucket.code))


def _render(lang: str, name: str, context: dict[str, Any]) -> str:
    env = environment(lang)
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(
            f"no template {exc.name!r} for language {lang!r}", f"templates/{lang}/{name}"
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            exc.message or "syntax error", f"templates/{lang}/{name}", exc.lineno
        ) from None
    except (
        jinja2.UndefinedError,
        SecurityError,
        TypeError,
        ValueError,
        AttributeError,
        KeyError,
    ) as exc:
        where = f"templates/{lang}/{name}"
        raise TemplateError(str(exc), where, _template_line(exc, name)) from None


def _template_line(exc: BaseException, name: str) -> int | None:
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(name):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _statement_blocks(
    lang: str, statement: PlannedStatement, release: Release
) -> tuple[list[str], tuple[tuple[str, Vague], ...]]:
    """Render a statement into paragraphs, with the vague phrases it wrote."""
    recorded: list[tuple[str, Vague]] = []
    token = VAGUE_PHRASES.set(recorded)
    try:
        text = _render(
            lang,
            f"statements/{statement.name}.j2",
            {
                "s": statement.figures,
                "show": statement.show,
                "period": release.period,
                "published": release.published,
            },
        )
    finally:
        VAGUE_PHRASES.reset(token)
    result = paragraphs(text)
    if not result:
        raise TemplateError(
            "the statement rendered no text", f"templates/{lang}/statements/{statement.name}.j2"
        )
    return result, tuple(recorded)


def _contact_block(lang: str, contacts: tuple[ContactModel, ...]) -> ContactBlock:
    fmt = formatter(lang)
    groups: list[tuple[str | None, list[Contact]]] = []
    for number, contact in enumerate(contacts):
        if contact.valid_from is not None and contact.valid_until is not None:
            label: str | None = fmt.label("between").format(
                start=fmt.date(contact.valid_from, "day_month"),
                end=fmt.date(contact.valid_until, "day_month"),
            )
        elif contact.valid_until is not None:
            label = fmt.label("until").format(date=fmt.date(contact.valid_until, "day_month"))
        elif contact.valid_from is not None:
            label = fmt.label("from").format(date=fmt.date(contact.valid_from, "day_month"))
        else:
            label = None
        card = Contact(
            name=contact.name,
            title=(Span(f"contacts[{number}].title", (contact.title[lang],)),),
            organisation=fmt.label("organisation"),
            phone=Phone(contact.phone.replace(" ", "\xa0"), e164(contact.phone)),
            email=contact.email,
        )
        if groups and groups[-1][0] == label:
            groups[-1][1].append(card)
        else:
            groups.append((label, [card]))
    return ContactBlock(
        fmt.label("contact_heading"),
        tuple(ContactGroup(label, tuple(items)) for label, items in groups),
    )


def e164(number: str) -> str:
    """Return a phone number in international E.164 form (``+358295463242``).

    A number written the Finnish way, with the trunk prefix 0, gets Finland's
    country code in its place; an international number (``+46 …``) keeps its
    own. Separators go. The release's checks have made sure it is a number.
    """
    digits = "".join(c for c in number if c.isdigit())
    if number.startswith("+"):
        return "+" + digits
    return "+358" + digits.removeprefix("0")


def _boilerplate(lang: str, name: str) -> list[Block]:
    data = locale_data(lang).boilerplate.get(name)
    if not isinstance(data, dict):
        raise TemplateError(f"no boilerplate block {name!r}", f"locales/{lang}/boilerplate.toml")
    blocks: list[Block] = [Heading((str(data["heading"]),))]
    for text in data.get("paragraphs", []):
        blocks.append(Paragraph(parse_inlines(str(text))))
    if "items" in data:
        blocks.append(BulletList(tuple(parse_inlines(str(t)) for t in data["items"])))
    for text in data.get("after", []):
        blocks.append(Paragraph(parse_inlines(str(text))))
    return blocks


@attrs.frozen
class Part:
    """The blocks that one item of a release became in one language.

    ``path`` names the item as the release file does (``headline``, ``lead``,
    ``body[3]``, ``contacts``, ``boilerplate.nas``); ``statement`` is the
    planned statement for generated text, ``None`` for authored text,
    charts, contacts and boilerplate. A chart that could not be drawn
    (without matplotlib) has no blocks.
    """

    path: str
    statement: PlannedStatement | None
    blocks: tuple[Block, ...]
    vague: tuple[tuple[str, Vague], ...] = ()


def realize_parts(outline: Outline, lang: str) -> list[Part]:
    """Write each item of ``outline`` in ``lang``, keeping track of which item made which blocks.

    Raises :class:`~nas_press.exceptions.UnknownLanguageError` for a language
    the release does not target, :class:`~nas_press.exceptions.TemplateError`
    when a template fails.
    """
    release = outline.release
    if lang not in release.languages:
        raise UnknownLanguageError(lang, release.languages)
    parts: list[Part] = []
    if isinstance(outline.lead, Translations):
        parts.append(Part("lead", None, (Lead(_authored("lead", outline.lead[lang])),)))
    elif outline.lead is not None:
        (first, *rest), vague = _statement_blocks(lang, outline.lead, release)
        parts.append(
            Part(
                "lead",
                outline.lead,
                (Lead(parse_inlines(first)), *(Paragraph(parse_inlines(p)) for p in rest)),
                vague,
            )
        )
    for i, item in enumerate(outline.items):
        path = f"body[{i}]"
        if isinstance(item, PlannedStatement):
            texts, vague = _statement_blocks(lang, item, release)
            parts.append(Part(path, item, tuple(Paragraph(parse_inlines(p)) for p in texts), vague))
        elif isinstance(item, PlannedChart):
            parts.append(Part(path, None, (chart_block(item, formatter(lang)),)))
        elif isinstance(item, AuthoredHeading):
            heading = Heading(_authored(f"{path}.heading", item.text[lang]))
            parts.append(Part(path, None, (heading,)))
        elif isinstance(item, AuthoredParagraph):
            content = _authored(f"{path}.paragraph", item.text[lang])
            parts.append(Part(path, None, (Paragraph(content),)))
        elif isinstance(item, AuthoredQuote):
            text = _render(
                lang,
                "quote.j2",
                {
                    "speaker": item.speaker,
                    "title": item.title[lang],
                    "text": item.text[lang].strip(),
                },
            )
            parts.append(Part(path, None, tuple(Quote(parse_inlines(p)) for p in paragraphs(text))))
    if release.contacts:
        parts.append(Part("contacts", None, (_contact_block(lang, release.contacts),)))
    for name in release.boilerplate:
        parts.append(Part(f"boilerplate.{name}", None, tuple(_boilerplate(lang, name))))
    return parts


def _authored(key: str, text: str) -> tuple[Inline, ...]:
    """Return an authored text as one :class:`Span` of ``key``, its links parsed."""
    return (Span(key, parse_inlines(text)),)


def realize(outline: Outline, lang: str) -> Document:
    """Write ``outline`` in ``lang`` as a neutral :class:`Document`.

    Raises :class:`~nas_press.exceptions.UnknownLanguageError` for a language
    the release does not target, :class:`~nas_press.exceptions.TemplateError`
    when a template fails.
    """
    parts = realize_parts(outline, lang)
    release = outline.release
    return Document(
        lang=lang,
        language=formatter(lang).data.language_tag,
        title=release.headline[lang],
        published=release.published,
        blocks=tuple(block for part in parts for block in part.blocks),
        release_id=release.id,
    )


def render_document(release: Release, lang: str) -> Document:
    """Plan ``release`` and write it in ``lang``."""
    return realize(plan(release), lang)
