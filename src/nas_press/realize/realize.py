"""Realizing an outline in one language: Jinja templates to a neutral Document.

Each language has its own templates under ``templates/<lang>/`` and runs in a
sandboxed Jinja environment with ``StrictUndefined``: a template that uses a
value the release does not have fails with its name and line instead of
writing an empty string. Environments and compiled templates are kept per
language for the life of the process (:mod:`nas_press.realize.templates`).

Template output is running text: a blank line separates paragraphs, other
white space (spaces, tabs, single newlines) folds to one space, and no-break
spaces are kept. ``[text](https://…)`` becomes a link.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import attrs
import jinja2
from jinja2.exceptions import SecurityError

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
from nas_press.realize.locale import VAGUE_PHRASES, formatter, locale_data
from nas_press.realize.templates import environment
from nas_press.release.model import (
    AuthoredHeading,
    AuthoredParagraph,
    AuthoredQuote,
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
