"""The cross-language figure check: every language version states the same figures.

Each item of a release (a generated statement, an authored paragraph or
quote, a chart's alt text, the contacts, a boilerplate block) is rendered in
every target language, and the figures are read back out of the text:

- phone numbers (``0295 463 177``, ``+358 …``) → ``phone:+358295463177``;
- times of day as the dateline writes them, with the words that stand before
  the time there (``klo 10.00``, ``kl. 9.30``, ``at 10:00``) → ``time:10:00``,
  so that neither the hour nor the minutes are read as counts;
- dates with a month name (``30. kesäkuuta 2025``, ``31 July``) and numeric
  dates (``30.6.2025``, ``1.1.–31.12.2024``) → ``date:2025-06-30``,
  ``date:--07-31``;
- percentages (``34 %``, ``34%``, ``71 prosenttia``, ``71 procent``,
  ``61 per cent``) → ``percent:34``;
- a change said as a multiple or a half, which the locale data's ``[figures.changes]``
  lists with the per cent it stands for (``twice as many as`` → ``percent:100``, ``half
  as many as`` → ``percent:50``; not ``twice as many minors as``, a multiple), as another
  language may write the per cent itself;
- multiples (``kaksi kertaa``, ``dubbelt``, ``twice``, ``ten times``) →
  ``times:2``, and "one in N" (``joka viides``, ``vart femte``,
  ``one in five``) → ``every:5``;
- four-digit numbers from 1900 to 2999 without a group separator → ``year:2025``;
- period phrases without a year, which the locale data lists with how many years
  before the release's own they lie (``vuotta aiemmin``, ``året innan``, ``a year
  earlier`` → 1; ``kesäkuun lopussa`` → 0) → the year they stand for, so that one
  language may write "a year earlier" where another writes "in 2024";
- every other number in digits, with the language's group separator → ``n:1588``;
- spelled-out numbers from two up, in every case form the locale data lists
  (``viidessä`` → 5) → ``n:5``, except in the phrases the locale data names
  as no numbers (Swedish ``köpt sex``);
- vague shares ("about half") → ``vague:about half``, by what they stand
  for rather than by their words: the plan says which shares a statement
  gives as vague phrases.

The words for zero and one are not read, since in running text they are
mostly not figures (``en`` is also the Swedish article). What a language
writes is its locale data (``locales/<lang>/locale.toml``: its numbers, month
names through Babel, period phrases and the ``[figures]`` table); the check
itself holds no language. The sets of figures must be equal across the
languages, and every figure of a generated statement must be one the plan
holds.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterator, Sequence
from typing import Any, cast

import attrs
from babel import Locale

from nas_press.document import Block, contents, plain
from nas_press.exceptions import Problem
from nas_press.plan import PlannedStatement, plan
from nas_press.plan.numbers import Share, Vague
from nas_press.plan.records import Earlier, Record
from nas_press.plan.statements._common import ChangeFigure
from nas_press.realize.locale import formatter
from nas_press.release.model import Percent, Period, Release


@attrs.frozen
class Figure:
    """A figure found in a text: its normalised value and the sentence it stands in."""

    value: str
    sentence: str


_SENTENCE_END = re.compile(r"(?<=[.!?:”\"])\s+(?=[A-ZÅÄÖ0-9”“\"–])")
_NUMERIC_DATE = re.compile(
    r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})?"
    r"(?:\s?[–-]\s?(\d{1,2})\.(\d{1,2})\.(\d{4}))?(?![\d])"
)
"""A date written d.m.yyyy, or a range d.m.–d.m.yyyy whose first date takes the year of the
second."""


_TIME_MARK = re.compile("\ue002([0-9]+)\ue003")
"""Where :func:`extract` found a time of day: its number between two private-use characters."""


def _sentences(text: str) -> list[str]:
    return _SENTENCE_END.split(text)


def _alternation(words: Sequence[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


@functools.cache
def _patterns(lang: str) -> dict[str, Any]:
    fmt = formatter(lang)
    data = fmt.data
    locale = Locale.parse(data.babel_locale)
    months = {name.lower(): number for number, name in locale.months["format"]["wide"].items()}
    group = re.escape(locale.number_symbols["latn"]["group"])
    words: dict[str, int] = {}
    numbers = data.settings["numbers"]
    for value, word in enumerate(numbers["words"]):
        if value >= 2:
            words[word.lower()] = value
    for forms in numbers.get("cases", {}).values():
        for value, word in enumerate(forms):
            if value >= 2:
                words[word.lower()] = value
    table = data.value("figures")
    words.update({str(k).lower(): int(v) for k, v in table.get("words", {}).items()})
    word_alt = _alternation(list(words))
    number = rf"(?:\d+|{word_alt})"
    percent_words = data.value("percent", "word")
    percent_forms = (
        [
            w
            for form in percent_words.values()
            for w in (form.values() if isinstance(form, dict) else [form])
        ]
        if isinstance(percent_words, dict)
        else [percent_words]
    )
    percent_alt = "|".join(
        re.escape(w).replace(r"\ ", r"[\s\xa0]")
        for w in sorted(set(percent_forms), key=len, reverse=True)
    )
    periods = [
        re.escape(phrase).replace(r"\{year\}", r"(\d{4})")
        for roles in data.settings["periods"].values()
        for phrase in roles.values()
        if phrase.strip() != "{year}"
    ]
    ordinals = {str(k).lower(): int(v) for k, v in table.get("ordinals", {}).items()}
    every = [
        re.escape(p)
        .replace(r"\{number\}", f"({number})")
        .replace(r"\{ordinal\}", f"({_alternation(list(ordinals)) or '(?!)'})")
        .replace(r"\ ", r"[\s\xa0]")
        for p in table.get("every", [])
    ]
    times = [
        re.escape(p).replace(r"\{number\}", f"({number})").replace(r"\ ", r"[\s\xa0]")
        for p in table.get("times", [])
    ]
    multiples = {str(k).lower(): int(v) for k, v in table.get("multiples", {}).items()}
    changes = {str(k).lower(): int(v) for k, v in table.get("changes", {}).items()}
    day = re.escape(str(table.get("day", "")))
    relative = {str(k).lower(): int(v) for k, v in table.get("relative", {}).items()}
    return {
        "time": _time_pattern(data.text("dateline", "moment"), data.text("dateline", "time")),
        "periods": re.compile("|".join(sorted(periods, key=len, reverse=True)), re.IGNORECASE),
        "date": re.compile(
            rf"\b(\d{{1,2}}){day}[\s\xa0]({_alternation(list(months))})(?:[\s\xa0](\d{{4}}))?\b",
            re.IGNORECASE,
        ),
        "months": months,
        "relative": re.compile(
            rf"\b({_alternation(list(relative))})\b(?![\s\xa0]+\d{{4}})".replace(
                r"\ ", r"[\s\xa0]"
            ),
            re.IGNORECASE,
        )
        if relative
        else None,
        "relative_years": {k.replace("\xa0", " "): v for k, v in relative.items()},
        # Not after a digit and a no-break space: "000 000" of "1 000 000" is a number's
        # groups (fi, sv), not a phone number.
        "phone": re.compile(
            r"(?<![\d,.])(?<!\d\xa0)"
            r"(?:\+\d{1,3}(?:[ \xa0]\d{1,4}){2,4}|0\d{2,4}(?:[ \xa0]\d{2,4}){1,3})"
            r"(?!\d|,\d)"
        ),
        "percent": re.compile(
            rf"(?<![\d,.])(\d+(?:{group}\d{{3}})*)[\s\xa0]?(?:%|(?:{percent_alt})\b)"
        ),
        "number": re.compile(rf"(?<![\d])(\d{{1,3}}(?:{group}\d{{3}})+|\d+)(?![\d])"),
        "words": re.compile(rf"\b({word_alt})\b", re.IGNORECASE) if words else None,
        "word_values": words,
        "ordinals": ordinals,
        "every": [re.compile(rf"\b{p}\b", re.IGNORECASE) for p in every],
        "times": [re.compile(rf"\b{p}\b", re.IGNORECASE) for p in times],
        "multiples": re.compile(rf"\b({_alternation(list(multiples))})\b", re.IGNORECASE)
        if multiples
        else None,
        "multiple_values": multiples,
        "changes": re.compile(
            rf"\b({_alternation(list(changes))})\b".replace(r"\ ", r"[\s\xa0]"), re.IGNORECASE
        )
        if changes
        else None,
        "change_values": {k.replace("\xa0", " "): v for k, v in changes.items()},
        "not_numbers": [
            re.compile(rf"\b{re.escape(p)}\b", re.IGNORECASE) for p in table.get("not_numbers", [])
        ],
    }


def _time_pattern(moment: str, time: str) -> re.Pattern[str]:
    """A time of day as ``moment`` writes it: the words that stand before ``{time}`` in it
    (" klo "), then the Babel pattern ``time`` (``H.mm``, ``HH:mm``), as a regular expression
    whose groups are the hour and the minutes."""
    before = moment.split("{time}", 1)[0].rsplit("}", 1)[-1].strip()
    fields = {"H": r"(\d{1,2})", "HH": r"(\d{2})", "m": r"(\d{1,2})", "mm": r"(\d{2})"}
    pieces = []
    for match in re.finditer(r"H+|m+|'[^']*'|.", time):
        token = match.group()
        if token in fields:
            pieces.append(fields[token])
        elif token.startswith("'") and len(token) > 1:
            pieces.append(re.escape(token.strip("'")))
        else:
            pieces.append(re.escape(token))
    words = re.escape(before).replace(r"\ ", r"[\s\xa0]") + r"[\s\xa0]" if before else ""
    return re.compile(rf"(?<![\w.]){words}{''.join(pieces)}(?![\d]|[.:]\d)", re.IGNORECASE)


def _value(token: str, patterns: dict[str, Any]) -> int:
    token = token.lower()
    if token.isdigit():
        return int(token)
    return int(patterns["word_values"].get(token, patterns["ordinals"].get(token, 0)))


def extract(
    text: str, lang: str, vague: Sequence[tuple[str, Vague]] = (), year: int | None = None
) -> list[Figure]:
    """Return every figure in ``text`` written in ``lang``, in order of kind.

    ``vague`` lists the vague phrases the text may hold and what they stand
    for; each is taken out before numbers are read. ``year`` is the year of the
    release's period: given it, a period phrase without a year ("a year earlier")
    is read as the year it stands for.
    """
    from nas_press.realize.realize import e164

    patterns = _patterns(lang)
    figures: list[Figure] = []
    # Times first, over the whole text: the words before a time may end in a full stop
    # ("kl. 10.00"), which is no sentence end.
    times: list[tuple[str, str]] = []

    def mark(match: re.Match[str]) -> str:
        times.append((f"{int(match.group(1)):02d}:{int(match.group(2)):02d}", match.group()))
        return f"\ue002{len(times) - 1}\ue003"

    text = patterns["time"].sub(mark, text)
    for marked in _sentences(text):
        sentence = _TIME_MARK.sub(lambda m: times[int(m.group(1))][1], marked)
        rest = marked
        for match in patterns["phone"].finditer(rest):
            figures.append(Figure(f"phone:{e164(match.group())}", sentence))
        rest = patterns["phone"].sub(" ", rest)
        for match in _TIME_MARK.finditer(rest):
            figures.append(Figure(f"time:{times[int(match.group(1))][0]}", sentence))
        rest = _TIME_MARK.sub(" ", rest)
        for match in _NUMERIC_DATE.finditer(rest):
            d1, m1, y1, d2, m2, y2 = match.groups()
            if d2 is not None:
                figures.append(Figure(_date(y2, m1, d1), sentence))
                figures.append(Figure(_date(y2, m2, d2), sentence))
            else:
                figures.append(Figure(_date(y1, m1, d1), sentence))
        rest = _NUMERIC_DATE.sub(" ", rest)
        for match in patterns["date"].finditer(rest):
            day, month, named_year = match.groups()
            figures.append(
                Figure(_date(named_year, str(patterns["months"][month.lower()]), day), sentence)
            )
        rest = patterns["date"].sub(" ", rest)
        # A period phrase ("the first half of 2025") is not a share: keep only its year.
        rest = patterns["periods"].sub(lambda m: f" {next(g for g in m.groups() if g)} ", rest)
        if year is not None and patterns["relative"] is not None:
            rest = patterns["relative"].sub(lambda m: f" {year - _back(m, patterns)} ", rest)
        for phrase, share in vague:
            pattern = re.compile(rf"\b{re.escape(phrase)}\b", re.IGNORECASE)
            if pattern.search(rest):
                figures.append(Figure(f"vague:{share.qualifier} {share.fraction}", sentence))
                rest = pattern.sub(" ", rest)
        for pattern in patterns["not_numbers"]:
            rest = pattern.sub(" ", rest)
        if patterns["changes"] is not None:
            for match in patterns["changes"].finditer(rest):
                said = re.sub(r"[\s\xa0]+", " ", match.group(1).lower())
                figures.append(Figure(f"percent:{patterns['change_values'][said]}", sentence))
            rest = patterns["changes"].sub(" ", rest)
        for pattern in patterns["every"]:
            for match in pattern.finditer(rest):
                figures.append(Figure(f"every:{_value(match.group(1), patterns)}", sentence))
            rest = pattern.sub(" ", rest)
        for pattern in patterns["times"]:
            for match in pattern.finditer(rest):
                figures.append(Figure(f"times:{_value(match.group(1), patterns)}", sentence))
            rest = pattern.sub(" ", rest)
        if patterns["multiples"] is not None:
            for match in patterns["multiples"].finditer(rest):
                figures.append(
                    Figure(f"times:{patterns['multiple_values'][match.group(1).lower()]}", sentence)
                )
            rest = patterns["multiples"].sub(" ", rest)
        for match in patterns["percent"].finditer(rest):
            figures.append(Figure(f"percent:{_digits(match.group(1))}", sentence))
        rest = patterns["percent"].sub(" ", rest)
        for match in patterns["number"].finditer(rest):
            raw = match.group(1)
            kind = "year" if re.fullmatch(r"(19|2\d)\d\d", raw) else "n"
            figures.append(Figure(f"{kind}:{_digits(raw)}", sentence))
        if patterns["words"] is not None:
            for match in patterns["words"].finditer(rest):
                figures.append(
                    Figure(f"n:{patterns['word_values'][match.group(1).lower()]}", sentence)
                )
    return figures


def _back(match: re.Match[str], patterns: dict[str, Any]) -> int:
    """How many years before the release's own a relative period phrase lies."""
    return int(patterns["relative_years"][re.sub(r"[\s\xa0]+", " ", match.group(1).lower())])


def _date(year: str | None, month: str, day: str) -> str:
    return f"date:{year or '-'}-{int(month):02d}-{int(day):02d}"


def _digits(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _block_texts(block: Block) -> Iterator[str]:
    for content in contents(block):
        yield plain(content)


def _shares(value: object) -> Iterator[Share]:
    """Every share in a statement's figures."""
    if isinstance(value, Share):
        yield value
    elif attrs.has(type(value)):
        for field in attrs.fields(cast(Any, type(value))):
            yield from _shares(getattr(value, field.name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _shares(item)


def vague_phrases(statement: PlannedStatement, lang: str) -> tuple[tuple[str, Vague], ...]:
    """The vague phrases a statement may write in ``lang``, and the shares they stand for."""
    fmt = formatter(lang)
    found = {}
    for share in _shares(statement.figures):
        if share.vague is not None:
            found[fmt.vague(share)] = share.vague
    return tuple(sorted(found.items(), key=lambda item: -len(item[0])))


def _model_values(value: object, out: set[str]) -> None:
    """Collect every figure a planned statement may state, from its figures."""
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, int):
        out.update({f"n:{value}", f"year:{value}"})
    elif isinstance(value, Percent):
        out.add(f"percent:{value.value}")
    elif isinstance(value, Share):
        _model_values(value.count, out)
        _model_values(value.total, out)
        out.add(f"percent:{value.percent}")
        if value.vague is not None:
            out.add(f"vague:{value.vague.qualifier} {value.vague.fraction}")
    elif isinstance(value, Period):
        out.update({f"year:{value.year}", f"date:{value.end.isoformat()}"})
    elif isinstance(value, datetime.date):
        out.add(f"date:{value.isoformat()}")
    elif isinstance(value, ChangeFigure):
        _model_values(value.previous, out)
        _model_values(value.period, out)
        if value.percent is not None:
            out.add(f"percent:{value.percent}")
    elif isinstance(value, (Earlier, Record)) or attrs.has(type(value)):
        for field in attrs.fields(cast(Any, type(value))):
            _model_values(getattr(value, field.name), out)
    elif isinstance(value, dict):
        for item in value.values():
            _model_values(item, out)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _model_values(item, out)


def figure_problems(release: Release, languages: tuple[str, ...] | None = None) -> list[Problem]:
    """Render ``release`` in every language and compare the figures each version states.

    Returns one error per figure that one language states and another does
    not (naming both languages, the figure and the sentence), and per figure
    of a generated statement that the plan does not hold.
    """
    from nas_press.realize.realize import dateline, realize_parts

    langs = languages if languages is not None else release.languages
    planned = plan(release)
    found: dict[str, dict[str, list[Figure]]] = {}
    statements: dict[str, PlannedStatement] = {}
    for lang in langs:
        year = release.period.year
        found.setdefault("headline", {})[lang] = extract(release.headline[lang], lang, year=year)
        top = dateline(release, lang)
        found.setdefault("release.published", {})[lang] = [
            f for text in top.lines() for f in extract(text, lang, year=year)
        ]
        if top.correction is not None:
            found.setdefault("release.correction", {})[lang] = extract(
                plain(top.correction), lang, year=year
            )
        for part in realize_parts(planned, lang):
            vague = () if part.statement is None else vague_phrases(part.statement, lang)
            figures = [
                f
                for block in part.blocks
                for text in _block_texts(block)
                for f in extract(text, lang, vague, year)
            ]
            found.setdefault(part.path, {})[lang] = figures
            if part.statement is not None:
                statements[part.path] = part.statement
    problems: list[Problem] = []
    for path, by_lang in found.items():
        values = {lang: {f.value for f in figures} for lang, figures in by_lang.items()}
        for lang, figures in by_lang.items():
            for other in langs:
                missing = {f.value for f in figures} - values[other]
                for value in sorted(missing):
                    sentence = next(f.sentence for f in figures if f.value == value)
                    problems.append(
                        Problem(
                            path,
                            f"{lang} states {_show(value)} but {other} does not",
                            f"the same figures in every language (in {lang}: {sentence!r})",
                        )
                    )
        if path in statements:
            allowed: set[str] = set()
            _model_values(statements[path].figures, allowed)
            _model_values(release.period, allowed)
            for lang, figures in by_lang.items():
                for figure in figures:
                    if figure.value not in allowed:
                        problems.append(
                            Problem(
                                path,
                                f"{lang} states {_show(figure.value)}, which the release"
                                " does not hold",
                                f"a figure of the release (in {lang}: {figure.sentence!r})",
                            )
                        )
    return _unique(problems)


def _show(value: str) -> str:
    kind, _, text = value.partition(":")
    return {
        "n": f"the number {text}",
        "percent": f"{text} %",
        "year": f"the year {text}",
        "date": f"the date {text.lstrip('-')}",
        "phone": f"the phone number {text}",
        "vague": f"the share '{text}'",
        "times": f"{text} times",
        "every": f"one in {text}",
        "time": f"the time {text}",
    }.get(kind, value)


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, str]] = set()
    result = []
    for problem in problems:
        key = (problem.path, problem.message)
        if key not in seen:
            seen.add(key)
            result.append(problem)
    return result
