"""Realizing a plan in one language: Jinja templates to a neutral Document.

Each generated statement is its template, ``templates/<lang>/statements/<name>.j2``,
given the statement's typed figures as ``s`` and the period as ``period``
(:mod:`nas_press.realize.templates`). Template output is running text: a blank
line separates paragraphs, other white space (spaces, tabs, single newlines)
folds to one space, and no-break spaces are kept. ``[text](https://…)``
becomes a link. Each authored text becomes a :class:`~nas_press.document.Span`
marked with its key, also inside a quotation, whose attribution the
language's ``quote.j2`` writes around it.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import attrs

from nas_press.document import (
    Block,
    BulletList,
    Contact,
    ContactBlock,
    ContactGroup,
    Dateline,
    Document,
    Heading,
    Inline,
    Lead,
    Link,
    Paragraph,
    Phone,
    Quote,
    Span,
    plain,
)
from nas_press.exceptions import TemplateError, UnknownLanguageError
from nas_press.plan import Plan, PlannedChart, PlannedStatement, plan
from nas_press.realize.charts import chart_block
from nas_press.realize.locale import formatter, locale_data, upfirst
from nas_press.realize.templates import render
from nas_press.release.lint import LINK
from nas_press.release.model import AuthoredHeading, AuthoredParagraph, AuthoredQuote, Translations
from nas_press.release.privacy import notes as privacy_notes

if TYPE_CHECKING:
    from nas_press.release.model import Contact as ContactModel, Release

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_FOLD = re.compile(r"[ \t\r\n]+")
_SPACE_BEFORE_PUNCTUATION = re.compile(r" (?=[.,;:!?])")
_LINK = LINK
_MARK = re.compile("\ue000([a-z]+)\ue001")
"""Where an authored text stands in a template's output: its name between two private-use
characters."""


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


def _authored(key: str, text: str) -> tuple[Inline, ...]:
    """An authored text as one :class:`Span` of ``key``, its links parsed."""
    return (Span(key, parse_inlines(text)),)


def _statement(
    lang: str, statement: PlannedStatement, release: Release, *, vary: bool = False
) -> list[str]:
    """The paragraphs of a planned statement in ``lang``; ``vary`` asks its template for
    the other opening of its first sentence (see :func:`_vary_openings`)."""
    text = render(
        lang,
        f"statements/{statement.name}.j2",
        {
            "s": statement.figures,
            "period": release.period,
            "published": release.published,
            "nas": formatter(lang).short_name(release.period),
            "vary": vary,
        },
    )
    result = paragraphs(text)
    if not result:
        raise TemplateError(
            "the statement rendered no text", f"templates/{lang}/statements/{statement.name}.j2"
        )
    return result


def _quote(
    lang: str, path: str, quote: AuthoredQuote, style: str, again: bool = False, later: bool = False
) -> tuple[Block, ...]:
    """A quotation and its attribution: the language's ``quote.j2`` around the two authored
    texts. A speaker quoted ``again`` is named by surname alone, without the title; a ``later``
    quotation follows another one in the release, whoever spoke it."""
    text = quote.text[lang].strip()
    ends = text[-1] if text and text[-1] in ".?!" else ""
    body = text[:-1] if ends else text
    output = render(
        lang,
        "quote.j2",
        {
            "speaker": quote.speaker,
            "surname": quote.speaker.split()[-1],
            "again": again,
            "later": later,
            "title": "\ue000title\ue001",
            "text": "\ue000text\ue001",
            "ends": ends,
            "style": style,
        },
    )
    spans = {
        "text": Span(f"{path}.quote.text", parse_inlines(body), ends),
        "title": Span(f"{path}.quote.title", parse_inlines(quote.title[lang].strip())),
    }
    blocks: list[Block] = []
    for paragraph in paragraphs(output):
        pieces: list[Inline] = []
        for number, piece in enumerate(_MARK.split(paragraph)):
            if number % 2:
                pieces.append(spans[piece])
            elif piece:
                pieces.extend(parse_inlines(piece))
        blocks.append(Quote(tuple(pieces)))
    return tuple(blocks)


def _contact_block(
    lang: str, contacts: tuple[ContactModel, ...], published: datetime.date
) -> ContactBlock:
    fmt = formatter(lang)

    def day(date: datetime.date) -> str:
        # The year is left out only where the reader takes it from the release's own date.
        return fmt.date(date, "day_month" if date.year == published.year else "day_month_year")

    groups: list[tuple[str | None, list[Contact]]] = []
    for number, contact in enumerate(contacts):
        if contact.valid_from is not None and contact.valid_until is not None:
            label: str | None = fmt.label("between").format(
                start=day(contact.valid_from), end=day(contact.valid_until)
            )
        elif contact.valid_until is not None:
            label = fmt.label("until").format(date=day(contact.valid_until))
        elif contact.valid_from is not None:
            label = fmt.label("from").format(date=day(contact.valid_from))
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


def _boilerplate(lang: str, name: str, release: Release) -> list[Block]:
    """Boilerplate block ``name`` in ``lang``: the organisation file's wording if it has one,
    else the bundled ``locales/<lang>/boilerplate.toml``."""
    own = release.boilerplate_text(name, lang)
    if own is not None:
        heading, paragraphs, items, after = own.heading, own.paragraphs, own.items, own.after
    else:
        data = locale_data(lang).boilerplate.get(name)
        if not isinstance(data, dict):
            raise TemplateError(
                f"no boilerplate block {name!r}", f"locales/{lang}/boilerplate.toml"
            )
        # The bundled wording names the NAS as the release's period did: "{nas}" is its
        # short name, "{Nas}" the same at the start of a sentence.
        short = formatter(lang).short_name(release.period)

        def named(text: object) -> str:
            return str(text).replace("{nas}", short).replace("{Nas}", upfirst(short))

        heading = named(data["heading"])
        paragraphs = tuple(named(t) for t in data.get("paragraphs", []))
        items = tuple(named(t) for t in data.get("items", []))
        after = tuple(named(t) for t in data.get("after", []))
    blocks: list[Block] = [Heading((heading,))]
    blocks += [Paragraph(parse_inlines(text)) for text in paragraphs]
    if items:
        blocks.append(BulletList(tuple(parse_inlines(text) for text in items)))
    blocks += [Paragraph(parse_inlines(text)) for text in after]
    return blocks


@attrs.frozen
class Part:
    """The blocks that one item of a release became in one language.

    ``path`` names the item as the release file does (``lead``, ``body[3]``,
    ``contacts``, ``boilerplate.nas``); ``statement`` is the planned statement
    for generated text, ``None`` for authored text, charts, contacts and
    boilerplate. A statement with nothing to add has no blocks.
    """

    path: str
    statement: PlannedStatement | None
    blocks: tuple[Block, ...]
    joins: bool = False
    """Whether the part's first paragraph goes on in the paragraph before it."""


def realize_parts(planned: Plan, lang: str) -> list[Part]:
    """Write each item of ``planned`` in ``lang``, keeping track of which item made which blocks.

    Raises :class:`~nas_press.exceptions.UnknownLanguageError` for a language
    the release does not target, :class:`~nas_press.exceptions.TemplateError`
    when a template fails.
    """
    release = planned.release
    if lang not in release.languages:
        raise UnknownLanguageError(lang, release.languages)
    parts: list[Part] = []
    if isinstance(planned.lead, Translations):
        parts.append(Part("lead", None, (Lead(_authored("lead", planned.lead[lang])),)))
    elif planned.lead is not None and planned.lead.figures is not None:
        parts.append(_statement_part(lang, "lead", planned.lead, release))
    quoted: set[str] = set()
    for i, item in enumerate(planned.items):
        path = f"body[{i}]"
        if isinstance(item, PlannedStatement):
            if item.figures is None:
                parts.append(Part(path, item, ()))
                continue
            parts.append(_statement_part(lang, path, item, release))
        elif isinstance(item, PlannedChart):
            parts.append(Part(path, None, (chart_block(item, formatter(lang)),)))
        elif isinstance(item, AuthoredHeading):
            parts.append(
                Part(path, None, (Heading(_authored(f"{path}.heading", item.text[lang])),))
            )
        elif isinstance(item, AuthoredParagraph):
            text = Paragraph(_authored(f"{path}.paragraph", item.text[lang]))
            parts.append(Part(path, None, (text,), joins=item.continues))
        elif isinstance(item, AuthoredQuote):
            again, later = item.speaker in quoted, bool(quoted)
            quoted.add(item.speaker)
            quote = _quote(lang, path, item, release.quotation, again, later)
            parts.append(Part(path, None, quote))
    _vary_openings(parts, lang, release)
    _introduce_name(parts, lang, release)
    if release.contacts:
        parts.append(
            Part("contacts", None, (_contact_block(lang, release.contacts, release.published),))
        )
    for name in release.boilerplate:
        parts.append(Part(f"boilerplate.{name}", None, tuple(_boilerplate(lang, name, release))))
    return parts


def _statement_part(
    lang: str, path: str, statement: PlannedStatement, release: Release, *, vary: bool = False
) -> Part:
    texts = _statement(lang, statement, release, vary=vary)
    if path == "lead":
        first, *rest = texts
        return Part(
            path,
            statement,
            (Lead(parse_inlines(first)), *(Paragraph(parse_inlines(p)) for p in rest)),
        )
    return Part(
        path,
        statement,
        tuple(Paragraph(parse_inlines(p)) for p in texts),
        joins=statement.joins,
    )


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\s])")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def opening(text: str, lang: str | None = None) -> tuple[str, ...]:
    """The first two words of ``text``, in lower case, for comparing sentence openings.

    With ``lang``, openings that the language's ``[openings] alike`` lists in one group
    count as one: the same group named in another case ("Uudet asiakkaat …", "Uusista
    asiakkaista …") opens two sentences alike as surely as the same words do; a word that
    ``[openings] first_word`` lists opens alike by itself (sv "Av de nya …", "Av dem …").
    """
    words = tuple(w.lower() for w in _WORD.findall(text)[:2])
    if lang is None:
        return words
    alike, first_words = _alike(lang)
    return words[:1] if words[:1] in first_words else alike.get(words, words)


@functools.cache
def _alike(lang: str) -> tuple[dict[tuple[str, ...], tuple[str, ...]], set[tuple[str, ...]]]:
    """The language's alike openings (each two-word opening of a group, to the group's
    first) and the words that open alike by themselves (``[openings] first_word``: sv "Av",
    "Under"), whatever word follows them."""
    openings = formatter(lang).data.settings.get("openings", {})
    if not isinstance(openings, dict):
        return {}, set()
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for group in openings.get("alike", []):
        first = tuple(_WORD.findall(str(group[0]).lower()))
        for phrase in group:
            table[tuple(_WORD.findall(str(phrase).lower()))] = first
    return table, {(str(word).lower(),) for word in openings.get("first_word", [])}


def _sentences(part: Part) -> list[str]:
    """The sentences of a part's running text, in order; a heading or a chart ends a run."""
    found: list[str] = []
    for block in part.blocks:
        if isinstance(block, (Lead, Paragraph, Quote)):
            found += _SENTENCE_END.split(plain(block.content))
    return found


NEARBY = 2
"""How many sentences before a statement its first sentence must not open like."""


def _vary_openings(parts: list[Part], lang: str, release: Release) -> None:
    """Give a statement the other opening of its first sentence where it would open as one
    of the :data:`NEARBY` sentences before it does, or failing that, the statement before it.

    Two sentences so near never open with the same two words: where a
    statement's first sentence would (the period phrase after a lead that
    opened with it, "Of those exploited in Finland" twice), its template is
    rendered again with ``vary`` set, which chooses another order of words;
    if that does not part them, or the sentence is authored, the statement
    before it is varied instead.
    The figures stay the same: only the words move.
    """

    def last_of(i: int) -> list[str]:
        before: list[str] = []
        for part in reversed(parts[:i]):
            if any(isinstance(b, (Heading, BulletList)) for b in part.blocks):
                break
            before = _sentences(part) + before
            if len(before) >= NEARBY:
                break
        return before[-NEARBY:]

    def collides(i: int) -> bool:
        found = _sentences(parts[i])
        return bool(found) and any(opening(found[0], lang) == opening(b, lang) for b in last_of(i))

    for i, part in enumerate(parts):
        if not part.blocks or not collides(i):
            continue
        if part.statement is not None:
            parts[i] = _statement_part(lang, part.path, part.statement, release, vary=True)
            if not collides(i):
                continue
            parts[i] = part
        j = max((k for k in range(i) if parts[k].blocks), default=None)
        if j is not None and (statement := parts[j].statement) is not None:
            earlier = parts[j]
            parts[j] = _statement_part(lang, earlier.path, statement, release, vary=True)
            if collides(i) or collides(j):
                parts[j] = earlier


def _introduce_name(parts: list[Part], lang: str, release: Release) -> None:
    """Give the full name at the first mention of the NAS's short name in generated text.

    The language's ``names.first`` lists, for a short name (``short``), the words of its
    first mention (``text``) and what shows that the reader already has them (``known``,
    such as "(NAS)"); ``inflects = true`` finds the short name as the stem of an inflected
    word and puts the full name in place of the stem. Where an authored text (not the
    headline) before the first mention has ``known``, nothing changes; a language without
    ``names.first`` keeps its short name.
    """
    fmt = formatter(lang)
    short = fmt.short_name(release.period)
    names = fmt.data.settings.get("names", {})
    entries = names.get("first", []) if isinstance(names, dict) else []
    entry = next((e for e in entries if isinstance(e, dict) and e.get("short") == short), None)
    if entry is None:
        return
    # The headline does not introduce the name: the body reads on its own, as the
    # newswire and the web page may show it under another title.
    known, text = str(entry["known"]), str(entry["text"])
    # A name that inflects ("auttamisjärjestelmään") is found by its stem, and only the stem
    # is replaced: "ihmiskaupan uhrien auttamisjärjestelmään". One that does not is found
    # as it stands: the full name cannot take a genitive "-s" ("hjälpsystemets").
    ending = r"\w*" if entry.get("inflects") is True else r"(?!\w)"
    mention = re.compile(rf"(?<!\w)({re.escape(short)}|{re.escape(upfirst(short))}){ending}")
    for i, part in enumerate(parts):
        running = [b for b in part.blocks if isinstance(b, (Lead, Paragraph, Quote))]
        said = " ".join(plain(b.content) for b in running)
        if part.statement is None:
            if known in said:
                return
            continue
        if not mention.search(said):
            continue
        blocks = list(part.blocks)
        for k, block in enumerate(blocks):
            if not isinstance(block, (Lead, Paragraph)):
                continue
            pieces = list(block.content)
            for n, piece in enumerate(pieces):
                if isinstance(piece, str) and (found := mention.search(piece)):
                    full = text if found.group(1) == short else upfirst(text)
                    pieces[n] = piece[: found.start()] + full + piece[found.end(1) :]
                    blocks[k] = type(block)(tuple(pieces))
                    parts[i] = attrs.evolve(part, blocks=tuple(blocks))
                    return
        return


def dateline(release: Release, lang: str) -> Dateline:
    """What stands above the headline in ``lang``: the sender, the release type, the
    publication time, the embargo and the note of a corrected release, each worded by the
    ``[dateline]`` table of the language's locale data."""
    fmt = formatter(lang)
    text = functools.partial(fmt.data.text, "dateline")
    embargo = release.embargo_at
    # A correction made after the embargo ended is published at once: no embargo line leads
    # it, though the item's metadata keeps the embargo every version had.
    lifted = embargo is not None and release.corrected is not None and release.version_at >= embargo
    correction: tuple[Inline, ...] | None = None
    if release.correction is not None:
        if release.corrected is None:
            label = text("correction")
        else:
            label = text("corrected").format(moment=fmt.moment(release.corrected))
        correction = (
            f"{label} ",
            Span("release.correction", parse_inlines(release.correction[lang].strip())),
        )
    return Dateline(
        sender=text("sender"),
        kind=text("kind"),
        published=fmt.moment(release.published_at.replace(tzinfo=None)),
        published_at=release.published_at,
        embargo=None
        if embargo is None or lifted
        else text("embargo").format(moment=fmt.moment(embargo.replace(tzinfo=None))),
        embargo_at=embargo,
        correction=correction,
        corrected_at=None if release.corrected is None else release.version_at,
    )


def running_on(parts: Sequence[Part]) -> Iterator[tuple[Part, int, Block, bool]]:
    """Each block of ``parts`` in order, with its part, its index in the part, and whether
    it runs on in the paragraph before it: the first paragraph of a part that joins (see
    :attr:`Part.joins`), after a paragraph."""
    last: Block | None = None
    for part in parts:
        for k, block in enumerate(part.blocks):
            on = k == 0 and part.joins and isinstance(block, Paragraph)
            yield part, k, block, on and isinstance(last, Paragraph)
            last = block


def joined(parts: Sequence[Part]) -> tuple[Block, ...]:
    """The blocks of ``parts`` in order, each paragraph that runs on (:func:`running_on`)
    put in the paragraph before it."""
    blocks: list[Block] = []
    for _, _, block, on in running_on(parts):
        last = blocks[-1] if blocks else None
        if on and isinstance(block, Paragraph) and isinstance(last, Paragraph):
            blocks[-1] = Paragraph((*last.content, " ", *block.content))
        else:
            blocks.append(block)
    return tuple(blocks)


def realize(planned: Plan, lang: str) -> Document:
    """Write ``planned`` in ``lang`` as a neutral :class:`Document`.

    Raises :class:`~nas_press.exceptions.UnknownLanguageError` for a language
    the release does not target, :class:`~nas_press.exceptions.TemplateError`
    when a template fails.
    """
    parts = realize_parts(planned, lang)
    release = planned.release
    return Document(
        lang=lang,
        language=formatter(lang).data.language_tag,
        title=release.headline[lang],
        published=release.published,
        notes=tuple(privacy_notes(release)),
        blocks=joined(parts),
        release_id=release.id,
        version=release.version,
        dateline=dateline(release, lang),
    )


def render_document(release: Release, lang: str) -> Document:
    """Plan ``release`` and write it in ``lang``."""
    return realize(plan(release), lang)
