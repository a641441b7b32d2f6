"""The checks of a whole release, run explicitly and once: :func:`lint`.

The model checks its own invariants when it is built (a part no larger than
its whole, …). Here are the checks that need the release as a whole, or
outside knowledge: the target languages and every authored text in each,
characters a file cannot hold, dates, what each statement and chart needs,
the contacts (phone numbers through ``phonenumbers``, which is imported
here and only here), agreement with the statistics history, and the
privacy of victims (:mod:`nas_press.release.privacy`).

Each check yields :class:`~nas_press.exceptions.Problem` objects named by the
key path of the release file, so that the same checks serve a release built
in code and one loaded from a file (where the loader adds line numbers).
"""

from __future__ import annotations

import fnmatch
import re
import unicodedata
from collections.abc import Iterable, Iterator

from nas_press._resources import supported_languages
from nas_press.exceptions import Problem, _suggest_language
from nas_press.release.model import (
    AuthoredHeading,
    AuthoredParagraph,
    AuthoredQuote,
    BodyItem,
    Chart,
    Contact,
    Percent,
    Release,
    Statement,
    Translations,
)

MAX_TEXT = 4000
"""Longest authored text accepted, in characters (a long paragraph is about 1 000)."""

MAX_SHORT = 200
"""Longest headline, name, title or phone number accepted."""

MAX_EMAIL = 254
"""Longest e-mail address there can be (RFC 5321: a path of 256 characters less ``<>``)."""

# C0 and C1 controls (but tab, newline, carriage return), unpaired surrogates and
# noncharacters: a DOCX cannot hold the first ones, HTML forbids all of them.
_BAD_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    # the last two code points of every plane: U+FFFE, U+FFFF, U+1FFFE, …, U+10FFFF
    + "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000))
    + "]"
)
_VISIBLE_CF = frozenset("\u00ad")
"""Format characters that are welcome in text: the soft hyphen marks where a long word may break."""
_PHONE = re.compile(r"^(\+[1-9]|0)[0-9 ]{4,18}[0-9]$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")


def lint(release: Release) -> list[Problem]:
    """Every problem of ``release`` found by looking at it as a whole, errors and warnings."""
    from nas_press.release.privacy import privacy_problems

    problems = [
        *_check_languages(release),
        *_check_texts(release),
        *_check_dates(release),
        *_check_counts(release),
        *_check_body(release),
        *_check_contacts(release),
        *_check_history(release),
        *_check_unsaid(release),
    ]
    # The figures of earlier periods the release states are known from its plan,
    # which a release with errors may not have.
    problems += privacy_problems(release, planned=not errors(problems))
    if not errors(problems):
        from nas_press.plan import plan

        problems += plan(release).notes
    return problems


def _check_unsaid(release: Release) -> Iterator[Problem]:
    """A figure that no statement can say (the forms of the register's victims) is printed
    nowhere unless an authored text says it: the release is told, not left to find out."""
    from nas_press.plan.statements import registry

    patterns = [pattern for spec in registry().values() for pattern in spec.asserts]
    for key, _ in release.statistics.figures():
        if not any(fnmatch.fnmatchcase(key, pattern) for pattern in patterns):
            yield Problem(
                f"statistics.{key}",
                "no statement says this figure, so no generated text gives it",
                "a figure a statement says (see the README's table of statements), or an"
                " authored paragraph that says it",
                severity="warning",
            )


def errors(problems: list[Problem]) -> list[Problem]:
    """The errors among ``problems``."""
    return [p for p in problems if p.severity == "error"]


def check_text(path: str, text: str, limit: int = MAX_TEXT) -> Iterator[Problem]:
    """Yield problems of one piece of text: empty, too long, not writable as DOCX, or
    holding an invisible formatting character (a warning)."""
    if not text.strip():
        yield Problem(path, "text is empty", "non-empty text", text)
        return
    bad = _BAD_CHARS.search(text)
    if bad:
        name = unicodedata.name(bad.group(), f"U+{ord(bad.group()):04X}")
        yield Problem(
            path,
            f"text holds the control or invalid character {name} at position {bad.start() + 1}",
            "printable text (a DOCX cannot hold control characters or unpaired surrogates)",
            text[max(0, bad.start() - 20) : bad.start() + 20],
        )
    hidden = next(
        (c for c in text if unicodedata.category(c) == "Cf" and c not in _VISIBLE_CF), None
    )
    if hidden is not None:
        at = text.index(hidden)
        name = unicodedata.name(hidden, f"U+{ord(hidden):04X}")
        yield Problem(
            path,
            f"text holds the invisible character {name} (U+{ord(hidden):04X}) at position"
            f" {at + 1}, often brought along by copying text; it changes how the text shows,"
            " reads aloud or is found",
            "text without invisible formatting characters",
            text[max(0, at - 20) : at + 20],
            severity="warning",
        )
    if len(text) > limit:
        yield Problem(path, f"text is {len(text)} characters long", f"at most {limit} characters")
    for match in LINK.finditer(text):
        shown, target = match.group(1).strip(), match.group(2)
        if _ADDRESS.fullmatch(shown) and _host(shown) != _host(target):
            yield Problem(
                path,
                f"the link shows the address {shown!r} but leads to {target!r}",
                "a link whose text is its own address, or words that are not an address",
                match.group(0),
                severity="warning",
            )


LINK = re.compile(r"\[([^\]]+)\]\(((?:https?://|mailto:)[^)\s]+)\)")
"""A link in authored text: ``[text](https://…)`` or ``[text](mailto:…)``."""

_ADDRESS = re.compile(
    r"(?:https?://|mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?",
    re.I,
)
"""Link text that reads as a web or e-mail address."""


def _host(address: str) -> str:
    """The host (or mailbox) an address names, without a scheme, ``www.`` or a path."""
    found = re.sub(r"^(?:https?://|mailto:)", "", address.strip().lower())
    found = found.split("/", 1)[0].split("?", 1)[0]
    return found.removeprefix("www.")


def _check_languages(release: Release) -> Iterator[Problem]:
    supported = supported_languages()
    if not release.languages:
        yield Problem("release.languages", "no target language", f"some of {', '.join(supported)}")
    for i, lang in enumerate(release.languages):
        if lang not in supported:
            hint = _suggest_language(lang, supported)
            msg = f"unknown language {lang!r}" + (f"; did you mean {hint!r}?" if hint else "")
            yield Problem(f"release.languages[{i}]", msg, f"one of {', '.join(supported)}", lang)
    if len(set(release.languages)) != len(release.languages):
        yield Problem(
            "release.languages",
            "a language is listed twice",
            "each language once",
            list(release.languages),
        )
    if not _ID.match(release.id):
        yield Problem(
            "release.id",
            "not usable as a file name",
            "letters, digits, '.', '_' and '-', at most 80 characters",
            release.id,
        )


def translations(release: Release) -> Iterator[tuple[str, Translations, int]]:
    """Every authored text of ``release`` with its key path and its longest length."""
    return authored(
        release.headline, release.lead, release.correction, release.body, release.contacts
    )


def authored(
    headline: Translations | None,
    lead: Translations | Statement | None,
    correction: Translations | None,
    body: tuple[BodyItem, ...],
    contacts: tuple[Contact, ...],
) -> Iterator[tuple[str, Translations, int]]:
    """Every authored text of a release's parts, with its key path and its longest length."""
    if headline is not None:
        yield "headline", headline, MAX_SHORT
    if isinstance(lead, Translations):
        yield "lead", lead, MAX_TEXT
    if correction is not None:
        yield "release.correction", correction, MAX_TEXT
    for i, item in enumerate(body):
        if isinstance(item, AuthoredHeading):
            yield f"body[{i}].heading", item.text, MAX_SHORT
        elif isinstance(item, AuthoredParagraph):
            yield f"body[{i}].paragraph", item.text, MAX_TEXT
        elif isinstance(item, AuthoredQuote):
            yield f"body[{i}].quote.title", item.title, MAX_SHORT
            yield f"body[{i}].quote.text", item.text, MAX_TEXT
    for i, contact in enumerate(contacts):
        yield f"contacts[{i}].title", contact.title, MAX_SHORT


def _check_texts(release: Release) -> Iterator[Problem]:
    return text_problems(
        release.languages,
        translations(release),
        [
            (f"body[{i}].quote.speaker", item.speaker)
            for i, item in enumerate(release.body)
            if isinstance(item, AuthoredQuote)
        ]
        + [(f"contacts[{i}].name", c.name) for i, c in enumerate(release.contacts)],
    )


def text_problems(
    languages: Iterable[str],
    texts_of: Iterable[tuple[str, Translations, int]],
    names: Iterable[tuple[str, str]],
) -> Iterator[Problem]:
    """The problems of authored texts: missing in a target language, empty, too long, holding
    characters a file cannot hold, the same in two languages (a warning); and of names."""
    supported = supported_languages()
    targets = [lang for lang in languages if lang in supported]
    for path, texts, limit in texts_of:
        for lang in targets:
            text = texts.get(lang)
            if text is None:
                yield Problem(f"{path}.{lang}", f"no {lang} text", f"the text in {lang}")
            else:
                yield from check_text(f"{path}.{lang}", text, limit)
        for lang in texts.languages:
            if lang not in supported:
                hint = _suggest_language(lang, supported)
                yield Problem(
                    f"{path}.{lang}",
                    f"unknown language {lang!r}" + (f"; did you mean {hint!r}?" if hint else ""),
                    f"one of {', '.join(supported)}",
                    lang,
                )
        seen: dict[str, str] = {}
        for lang in targets:
            text = (texts.get(lang) or "").strip()
            if text and text in seen:
                yield Problem(
                    f"{path}.{lang}",
                    f"same text as in {seen[text]}: a translation may be missing",
                    severity="warning",
                )
            seen.setdefault(text, lang)
    for path, name in names:
        yield from check_text(path, name, MAX_SHORT)


def _check_dates(release: Release) -> Iterator[Problem]:
    if release.published <= release.period.end:
        yield Problem(
            "release.published",
            "the release is published before its period ends",
            f"a date after {release.period.end.isoformat()}",
            release.published.isoformat(),
        )
    published = release.published_at.replace(tzinfo=None)
    if release.embargo is not None and release.embargo > published:
        yield Problem(
            "release.embargo",
            "the embargo ends after the release is published",
            f"a time on or before the publication, {published.isoformat(timespec='minutes')}",
            release.embargo.isoformat(timespec="minutes"),
        )
    if release.corrected is not None and release.corrected < published:
        yield Problem(
            "release.corrected",
            "the correction is made before the release is published",
            f"a time after the publication, {published.isoformat(timespec='minutes')}",
            release.corrected.isoformat(timespec="minutes"),
        )


def _check_counts(release: Release) -> Iterator[Problem]:
    """The release's own period gives the size of each group it states (an earlier
    period of the history may lack some)."""
    stats = release.statistics
    for name in ("referrals", "new_clients", "in_finland"):
        section = getattr(stats, name)
        if section is not None and section.count is None:
            yield Problem(f"statistics.{name}.count", "missing", "a whole number of people")
    if stats.in_finland is not None and stats.new_clients is None:
        yield Problem(
            "statistics.new_clients",
            "those exploited in Finland are a part of the new clients",
            "a [statistics.new_clients] table",
        )
    reg = stats.register
    if reg is not None and reg.persons is None and reg.victims is None and reg.children is None:
        yield Problem(
            "statistics.register.persons",
            "missing",
            "the clients at the period's end: persons, victims or children",
        )


def _check_body(release: Release) -> Iterator[Problem]:
    from nas_press.plan.charts import chart_problems
    from nas_press.plan.statements import registry

    statements = registry()
    items: list[tuple[str, Statement]] = [
        (f"body[{i}]", item) for i, item in enumerate(release.body) if isinstance(item, Statement)
    ]
    if isinstance(release.lead, Statement):
        items.insert(0, ("lead", release.lead))
    for path, statement in items:
        spec = statements.get(statement.name)
        if spec is None:
            yield Problem(
                f"{path}.statement",
                f"unknown statement {statement.name!r}",
                f"one of {', '.join(statements)}",
                statement.name,
            )
            continue
        if not spec.has_section(release.statistics):
            yield Problem(
                f"{path}.statement",
                f"statement {statement.name!r} needs figures the release does not have",
                f"a [statistics.{spec.needs}] table",
                statement.name,
            )
            continue
        if not spec.has_figures(release.statistics):
            yield Problem(
                f"{path}.statement",
                f"statement {statement.name!r} has nothing to say: the release gives none of"
                " its figures",
                "one of " + ", ".join(f"statistics.{k}" for k in spec.needs_one_of),
                statement.name,
            )
        for i, period in enumerate(statement.compare):
            if not period.before(release.period):
                yield Problem(
                    f"{path}.compare[{i}]",
                    f"{period} does not end before the release's period ({release.period})",
                    "an earlier period",
                    str(period),
                )
            elif release.history.get(period) is None:
                yield Problem(
                    f"{path}.compare[{i}]",
                    f"the statistics history holds no figures for {period}",
                    "a period of the history (history.toml, or [history.<period>])",
                    str(period),
                )
        if statement.show not in spec.shows:
            yield Problem(
                f"{path}.show",
                f"statement {statement.name!r} has no choice {statement.show!r}",
                " or ".join(repr(s) for s in spec.shows),
                statement.show,
            )
    for i, item in enumerate(release.body):
        if isinstance(item, Chart):
            yield from chart_problems(release, f"body[{i}].chart", item.name)
    if not release.body:
        yield Problem("body", "the release has no body", "at least one [[body]] item")
    if not release.contacts:
        yield Problem("contacts", "the release names no press contact", severity="warning")
    from nas_press.release.model import BOILERPLATE

    for i, name in enumerate(release.boilerplate):
        if name not in BOILERPLATE:
            yield Problem(
                f"release.boilerplate[{i}]",
                f"unknown boilerplate block {name!r}",
                f"one of {', '.join(BOILERPLATE)}",
                name,
            )


def _check_contacts(release: Release) -> Iterator[Problem]:
    for i, contact in enumerate(release.contacts):
        path = f"contacts[{i}]"
        yield from contact_problems(path, contact)
        end = contact.valid_until
        if end is not None and end < release.published and not window_reversed(contact):
            yield Problem(
                f"{path}.until",
                "the contact is no longer valid when the release is published",
                f"a date on or after {release.published.isoformat()}",
                end.isoformat(),
            )


def email_problem(address: str) -> str | None:
    """What is wrong with the e-mail address ``address``, or ``None``.

    The address must look like one (``name@host.domain``, letters, digits and
    ``._%+-``) and keep to the limits of RFC 5321 and RFC 1035: at most 254
    characters in all, 64 before the ``@`` and 63 in each part of the domain.
    """
    if len(address) > MAX_EMAIL:
        return f"an e-mail address of {len(address)} characters, longer than any can be"
    if not _EMAIL.match(address):
        return "not an e-mail address"
    local, _, domain = address.rpartition("@")
    if len(local) > 64:
        return f"not an e-mail address: {len(local)} characters before the @, at most 64"
    for label in domain.split("."):
        if len(label) > 63 or label.startswith("-") or label.endswith("-"):
            return f"not an e-mail address: the domain part {label[:20]!r} is not a host name"
    return None


def window_reversed(contact: Contact) -> bool:
    """Whether the contact's window ends before it starts."""
    start, end = contact.valid_from, contact.valid_until
    return start is not None and end is not None and end < start


def contact_problems(path: str, contact: Contact) -> Iterator[Problem]:
    """The problems of one contact on its own, wherever it is written (a release or the
    organisation file): its phone number, its e-mail address and its window."""
    if (wrong := phone_problem(contact.phone)) is not None:
        yield Problem(
            f"{path}.phone",
            wrong,
            "a Finnish number such as '0295 463 177' or an international one "
            "such as '+358 295 463 177'",
            contact.phone,
        )
    if (wrong := email_problem(contact.email)) is not None:
        yield Problem(
            f"{path}.email",
            wrong,
            f"an address such as 'firstname.lastname@migri.fi', at most {MAX_EMAIL} characters",
            contact.email if len(contact.email) <= MAX_EMAIL else contact.email[:40] + "…",
        )
    start, end = contact.valid_from, contact.valid_until
    if start is not None and end is not None and end < start:
        yield Problem(
            f"{path}.until",
            f"the window ends before it starts ({start.isoformat()})",
            f"a date on or after {start.isoformat()}",
            end.isoformat(),
        )


_SERVICE_LENGTHS = {"+358295": ((7, 9), "0295 463 177")}
"""Number ranges whose length ``phonenumbers`` does not pin down, by the start of their
E.164 form: the lengths their national significant numbers (after the trunk 0) have, and
an example. ``phonenumbers`` accepts any Finnish 029 number of 6 to 10 digits; the state
administration's service numbers, 0295 …, have nine (0295 463 177), or seven for a short
service number (0295 5200)."""


def phone_problem(number: str) -> str | None:
    """Why ``number`` is no plausible Finnish (0…) or international (+…) phone number, or
    ``None`` if it is one: valid by the numbering plans ``phonenumbers`` knows, which check
    each kind's length (a mobile number, a landline, a toll-free number), and for the ranges
    whose length those plans leave open, of one of the lengths :data:`_SERVICE_LENGTHS`
    gives."""
    if not _PHONE.match(number):
        return "not a phone number"
    import phonenumbers

    try:
        parsed = phonenumbers.parse(number, "FI")
    except phonenumbers.NumberParseException:
        return "not a phone number"
    if not phonenumbers.is_valid_number(parsed):
        reason = phonenumbers.is_possible_number_with_reason(parsed)
        if reason == phonenumbers.ValidationResult.TOO_SHORT:
            return "too short for a phone number: a digit may be missing"
        if reason == phonenumbers.ValidationResult.TOO_LONG:
            return "too long for a phone number: a digit may be doubled"
        return "not a phone number"
    national = phonenumbers.national_significant_number(parsed)
    e164 = f"+{parsed.country_code}{national}"
    for start, (lengths, example) in _SERVICE_LENGTHS.items():
        if e164.startswith(start) and len(national) not in lengths:
            code = f"+{parsed.country_code}"
            if number.startswith("+"):
                begins, trunk = f"{code} {start.removeprefix(code)}", 0
            else:
                begins, trunk = f"0{start.removeprefix(code)}", 1
            shown = " or ".join(str(n + trunk) for n in lengths)
            return (
                f"{len(national) + trunk} digits, but a number that starts {begins} has"
                f" {shown} (such as {example}): a digit may be missing or doubled"
            )
    return None


def valid_phone(number: str) -> bool:
    """Whether ``number`` is a plausible Finnish (0…) or international (+…) phone number
    (see :func:`phone_problem`)."""
    return phone_problem(number) is None


def _check_history(release: Release) -> Iterator[Problem]:
    """The release's figures against what the statistics history holds for its own period."""
    held = release.history.get(release.period)
    if held is None:
        return
    for key, value in release.statistics.figures():
        other = held.figure(key)
        if other is not None and other != value:
            yield Problem(
                f"statistics.{key}",
                f"differs from the statistics history, which holds {_show(other)} for"
                f" {release.period}",
                _show(other),
                _show(value),
            )


def _show(value: object) -> str:
    return f"{value.value} %" if isinstance(value, Percent) else str(value)
