"""The cross-language figure check: every language version states the same figures.

Each item of a release (a generated statement, an authored paragraph or
quote, a chart's alt text, the contacts, a boilerplate block) is rendered in
every target language, and the figures are read back out of the text:

- phone numbers (``0295 463 177``, ``+358 …``) → ``phone:0295463177``;
- dates written with a month name (``30. kesäkuuta 2025``, ``31 July``) →
  ``date:2025-06-30`` or ``date:--07-31``;
- percentages (``34 %``, ``34%``, ``71 prosenttia``, ``71 procent``,
  ``61 per cent``) → ``percent:34``;
- four-digit numbers from 1900 to 2099 without a group separator → ``year:2025``;
- every other number in digits, with the language's group separator → ``n:1588``;
- spelled-out numbers from two up to the language's limit, and the Finnish
  case forms listed in ``numbers.inflected`` (``viidessä`` → 5) → ``n:5``;
- vague shares ("about half") → ``vague:about half``, by what they stand
  for rather than by their words.

The words for zero and one are not read, since in running text they are
mostly not figures (``en`` is also the Swedish article). The sets of figures
must be equal across the languages, and every figure of a generated
statement must be one the model holds or the plan computed.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterator, Sequence
from typing import Any

import attrs
from babel import Locale

from nas_press.document import Block, contents, plain
from nas_press.exceptions import Problem
from nas_press.plan.numbers import Change, Share, Vague
from nas_press.plan.outline import FormFigure, FormGroup, PlannedStatement, plan
from nas_press.realize.locale import formatter
from nas_press.release.model import EarlierPeriod, Period, Release


@attrs.frozen
class Figure:
    """A figure found in a text: its normalised value and the sentence it stands in."""

    value: str
    sentence: str


_SENTENCE_END = re.compile(r"(?<=[.!?:”\"])\s+(?=[A-ZÅÄÖ0-9”“\"])")


def _sentences(text: str) -> list[str]:
    return _SENTENCE_END.split(text)


@functools.cache
def _patterns(lang: str) -> dict[str, Any]:
    fmt = formatter(lang)
    locale = Locale.parse(fmt.data.babel_locale)
    months = {name.lower(): number for number, name in locale.months["format"]["wide"].items()}
    month_alt = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    dot = r"\." if lang == "fi" else ""
    group = re.escape(locale.number_symbols["latn"]["group"])
    percent_word = re.escape(fmt.data.text("percent", "word")).replace(r"\ ", r"[\s\xa0]")
    numbers = fmt.data.settings["numbers"]
    words: dict[str, int] = {}
    for value, word in enumerate(numbers["words"]):
        if value >= 2:
            words[word.lower()] = value
    for word, value in numbers.get("inflected", {}).items():
        words[str(word).lower()] = int(value)
    word_alt = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    periods = [
        re.escape(phrase).replace(r"\{year\}", r"(\d{4})")
        for roles in fmt.data.settings["periods"].values()
        for phrase in roles.values()
        if phrase.strip() != "{year}"
    ]
    return {
        "periods": re.compile("|".join(sorted(periods, key=len, reverse=True)), re.IGNORECASE),
        "date": re.compile(
            rf"\b(\d{{1,2}}){dot}[\s\xa0]({month_alt})(?:[\s\xa0](\d{{4}}))?\b", re.IGNORECASE
        ),
        "months": months,
        # Not after a digit and a no-break space: "000 000" of "1 000 000" is a number's
        # groups (fi, sv), not a phone number.
        "phone": re.compile(
            r"(?<![\d,.])(?<!\d\xa0)"
            r"(?:\+\d{1,3}(?:[ \xa0]\d{1,4}){2,4}|0\d{2,4}(?:[ \xa0]\d{2,4}){1,3})"
            r"(?!\d|,\d)"
        ),
        "percent": re.compile(
            rf"(?<![\d,.])(\d+(?:{group}\d{{3}})*)[\s\xa0]?(?:%|{percent_word}\b)"
        ),
        "number": re.compile(rf"(?<![\d])(\d{{1,3}}(?:{group}\d{{3}})+|\d+)(?![\d])"),
        "group": group,
        "words": re.compile(rf"\b({word_alt})\b", re.IGNORECASE) if words else None,
        "word_values": words,
    }


def extract(text: str, lang: str, vague: Sequence[tuple[str, Vague]] = ()) -> list[Figure]:
    """Return every figure in ``text`` written in ``lang``, in order of kind.

    ``vague`` lists the vague phrases the text holds and what they stand for
    (as recorded while rendering); each is taken out before numbers are read.
    """
    patterns = _patterns(lang)
    figures: list[Figure] = []
    for sentence in _sentences(text):
        rest = sentence
        for match in patterns["phone"].finditer(rest):
            figures.append(Figure(f"phone:{_phone(match.group())}", sentence))
        rest = patterns["phone"].sub(" ", rest)
        for match in patterns["date"].finditer(rest):
            day, month, year = match.groups()
            number = patterns["months"][month.lower()]
            figures.append(Figure(f"date:{year or '-'}-{number:02d}-{int(day):02d}", sentence))
        rest = patterns["date"].sub(" ", rest)
        # A period phrase ("the first half of 2025") is not a share: keep only its year.
        rest = patterns["periods"].sub(lambda m: f" {next(g for g in m.groups() if g)} ", rest)
        for phrase, share in vague:
            pattern = re.compile(rf"\b{re.escape(phrase)}\b", re.IGNORECASE)
            if pattern.search(rest):
                figures.append(Figure(f"vague:{share.qualifier} {share.fraction}", sentence))
                rest = pattern.sub(" ", rest)
        for match in patterns["percent"].finditer(rest):
            figures.append(Figure(f"percent:{_digits(match.group(1))}", sentence))
        rest = patterns["percent"].sub(" ", rest)
        for match in patterns["number"].finditer(rest):
            raw = match.group(1)
            kind = "year" if re.fullmatch(r"(19|20)\d\d", raw) else "n"
            figures.append(Figure(f"{kind}:{_digits(raw)}", sentence))
        if patterns["words"] is not None:
            for match in patterns["words"].finditer(rest):
                figures.append(
                    Figure(f"n:{patterns['word_values'][match.group(1).lower()]}", sentence)
                )
    return figures


def _phone(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    return "0" + digits[3:] if text.startswith("+358") else digits


def _digits(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _block_texts(block: Block) -> Iterator[str]:
    for content in contents(block):
        yield plain(content)


def _model_values(value: object, out: set[str]) -> None:
    """Collect every figure a planned statement may state, from its figures."""
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, int):
        out.update({f"n:{value}", f"year:{value}"})
    elif isinstance(value, Share):
        _model_values(value.count, out)
        _model_values(value.total, out)
        out.add(f"percent:{value.percent}")
        if value.vague is not None:
            out.add(f"vague:{value.vague.qualifier} {value.vague.fraction}")
    elif isinstance(value, Change):
        _model_values(value.year, out)
        _model_values(value.previous, out)
        _model_values(value.current, out)
        if value.percent is not None:
            out.add(f"percent:{value.percent}")
    elif isinstance(value, Period):
        out.update({f"year:{value.year}", f"date:{value.end.isoformat()}"})
    elif isinstance(value, EarlierPeriod):
        _model_values(value.period, out)
        _model_values(value.referred, out)
        _model_values(value.admitted, out)
    elif isinstance(value, FormFigure):
        _model_values(value.count, out)
        _model_values(value.share, out)
    elif isinstance(value, FormGroup):
        for figure in value.forms:
            _model_values(figure, out)
    elif isinstance(value, dict):
        for item in value.values():
            _model_values(item, out)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _model_values(item, out)
    elif isinstance(value, datetime.date):
        out.add(f"date:{value.isoformat()}")


def figure_problems(release: Release, languages: tuple[str, ...] | None = None) -> list[Problem]:
    """Render ``release`` in every language and compare the figures each version states.

    Returns one error per figure that one language states and another does
    not (naming both languages, the figure and the sentence), and per figure
    of a generated statement that the model does not hold.
    """
    langs = languages if languages is not None else release.languages
    outline = plan(release)
    from nas_press.realize.realize import realize_parts

    found: dict[str, dict[str, list[Figure]]] = {}
    statements: dict[str, PlannedStatement] = {}
    for lang in langs:
        parts = realize_parts(outline, lang)
        headline = [("headline", release.headline[lang])]
        for path, text in headline:
            found.setdefault(path, {})[lang] = extract(text, lang)
        for part in parts:
            figures = [
                f
                for block in part.blocks
                for text in _block_texts(block)
                for f in extract(text, lang, part.vague)
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
                                f"{lang} states {_show(figure.value)}, which the release "
                                "does not hold",
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
