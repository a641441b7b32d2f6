"""Rules of grammar and house style that the Swedish and English tests apply to every
rendered text: the examples, the releases of real periods, the edge cases and the
sweep of the generated statements (tests/sweep.py).

Each rule is a function from one sentence (or a run of sentences) to the problems it
finds, so that a test can show it failing on a sentence broken on purpose. The texts
are the running text of each document (the lead and the paragraphs, generated or
authored, not the quotations, headings, contacts or facts box), split into sentences;
a heading ends a run of sentences, as it does for a reader.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from tests.conftest import EXAMPLE_STEMS, EXAMPLES

import nas_press
from nas_press.document import Document, Heading, Lead, Paragraph, Span, plain

HERE = Path(__file__).resolve().parent
RELEASES = (
    [EXAMPLES / f"{stem}.toml" for stem in EXAMPLE_STEMS]
    + sorted((HERE / "periods").glob("20*.toml"))
    + sorted((HERE / "edge").glob("*.toml"))
)

SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9–“”])")
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")

Problem = tuple[str, str]
"""A sentence and what is wrong with it."""

Rule = Callable[[str], list[str]]


def matched(sentence: str, patterns: Sequence[tuple[str, str]]) -> list[str]:
    """The problem of each ``(pattern, problem)`` whose pattern ``sentence`` contains
    (``re.search``), in order: the shape of a rule that forbids phrases."""
    return [problem for pattern, problem in patterns if re.search(pattern, sentence)]


"""A rule: what is wrong with one sentence (nothing when it is right)."""


def runs(document: Document) -> list[list[str]]:
    """The running text of a document as runs of sentences: a heading starts a new run."""
    found: list[list[str]] = [[]]
    for block in document.blocks:
        if isinstance(block, Heading):
            found.append([])
        elif isinstance(block, (Lead, Paragraph)):
            found[-1] += split(plain(block.content))
    return [run for run in found if run]


def split(text: str) -> list[str]:
    """The sentences of a paragraph, no-break spaces as spaces."""
    return [s for s in SENTENCE.split(text.replace("\xa0", " ").strip()) if s]


def authored(document: Document) -> set[str]:
    """The sentences of the paragraphs the author wrote, which no template can change."""
    return {
        sentence
        for block in document.blocks
        if isinstance(block, (Lead, Paragraph)) and all(isinstance(p, Span) for p in block.content)
        for sentence in split(plain(block.content))
    }


Text = tuple[str, tuple[tuple[str, ...], ...], frozenset[str]]
"""A rendered text: its release's name, its runs of sentences and its authored sentences."""


@functools.cache
def corpus(lang: str) -> tuple[Text, ...]:
    """Every rendered text in ``lang``."""
    from tests.sweep import releases

    found: list[Text] = []
    named = [(path.stem, nas_press.load_release(path)) for path in RELEASES]
    for name, release in [*named, *releases()]:
        if lang in release.languages:
            document = nas_press.render(release, lang)
            found.append(
                (name, tuple(tuple(run) for run in runs(document)), frozenset(authored(document)))
            )
    return tuple(found)


def generated_problems(lang: str, rule: Callable[[str], list[str]]) -> list[tuple[str, str, str]]:
    """The problems ``rule`` finds in the generated sentences of every text in ``lang``:
    the release's name, the sentence and the problem."""
    return [
        (name, sentence, problem)
        for name, runs_, written in corpus(lang)
        for run in runs_
        for sentence in run
        if sentence not in written
        for problem in rule(sentence)
    ]


def run_problems(lang: str, rule: Callable[[list[str]], list[str]]) -> list[tuple[str, str]]:
    """The problems ``rule`` finds in each run of sentences of every text in ``lang``, with
    the release's name."""
    return [
        (name, problem)
        for name, runs_, _ in corpus(lang)
        for run in runs_
        for problem in rule(list(run))
    ]


def openings_of(lang: str) -> list[tuple[str, str]]:
    """Consecutive sentences of the corpus that open alike, where at least one of the two
    is generated (authored ones are the author's to vary)."""
    return [
        (name, problem)
        for name, found, written in corpus(lang)
        for run in found
        for first, second in itertools.pairwise(run)
        if not (first in written and second in written)
        for problem in same_openings((first, second))
    ]


def sentences_of(lang: str) -> Iterator[tuple[str, str]]:
    """Every sentence of the corpus in ``lang``, with the name of its release."""
    for name, found, _ in corpus(lang):
        for run in found:
            for sentence in run:
                yield name, sentence


def apply(rule: Rule, lang: str) -> list[tuple[str, str, str]]:
    """The problems ``rule`` finds in every sentence of the corpus: release, sentence, problem."""
    return [
        (name, sentence, problem)
        for name, sentence in sentences_of(lang)
        for problem in rule(sentence)
    ]


# -- rules of both languages


def starts_with_digit(sentence: str) -> list[str]:
    """A sentence never opens with a figure written in digits."""
    return ["opens with a digit"] if sentence[:1].isdigit() else []


def opening(sentence: str) -> tuple[str, ...]:
    """The first two words of a sentence, in lower case."""
    return tuple(w.lower() for w in WORD.findall(sentence)[:2])


def same_openings(run: Sequence[str]) -> list[str]:
    """Two consecutive sentences never open with the same two words."""
    return [
        f"{first!r} and {second!r} open alike"
        for first, second in itertools.pairwise(run)
        if len(opening(first)) == 2 and opening(first) == opening(second)
    ]


BRACKETS = re.compile(r"\([^()]*\)")


def percent_sign(word: str) -> Rule:
    """The percent sign only in brackets ("(34 %)"), the word in running text
    ("27 procent", "61 per cent"), never the word in brackets."""

    def rule(sentence: str) -> list[str]:
        problems = []
        if "%" in BRACKETS.sub("", sentence):
            problems.append("a % sign outside brackets")
        if any(word in b for b in BRACKETS.findall(sentence)):
            problems.append(f"{word!r} in brackets")
        return problems

    return rule


def agreement(numbers: dict[str, int], adjectives: str, nouns: dict[str, tuple[str, str]]) -> Rule:
    """A noun after a number agrees with it: the singular after one, the plural after
    any other number. ``numbers`` maps the number words to their values; ``nouns`` maps
    a noun's singular and its plural to both; ``adjectives`` (a pattern) may stand
    between the number and the noun."""
    forms = "|".join(sorted({f for pair in nouns.values() for f in pair}, key=len, reverse=True))
    words = "|".join(sorted(numbers, key=len, reverse=True))
    pattern = re.compile(
        rf"(?<![\w,.])(?P<n>\d[\d ,]*\d|\d|{words})\s+(?:(?:{adjectives})\s+)*(?P<noun>{forms})\b",
        re.I,
    )

    def rule(sentence: str) -> list[str]:
        problems = []
        for m in pattern.finditer(sentence):
            raw = m["n"].lower()
            value = numbers.get(raw)
            if value is None:
                value = int(re.sub(r"[ ,]", "", raw))
            singular, plural = nouns[m["noun"].lower()]
            expected = singular if value == 1 else plural
            if m["noun"].lower() != expected:
                problems.append(f"{m[0]!r}: {expected!r} after {m['n']}")
        return problems

    return rule


def paired(sentence: str, rules: Sequence[Rule]) -> list[str]:
    """The problems of every rule in ``rules``."""
    return [problem for rule in rules for problem in rule(sentence)]


# -- English

EN_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9,
}  # fmt: skip
EN_NOUNS = {
    word: pair
    for pair in (
        ("person", "people"),
        ("client", "clients"),
        ("referral", "referrals"),
        ("child", "children"),
        ("victim", "victims"),
        ("minor", "minors"),
        ("nationality", "nationalities"),
        ("application", "applications"),
        ("proposal", "proposals"),
        ("woman", "women"),
        ("girl", "girls"),
        ("man", "men"),
        ("boy", "boys"),
        ("country", "countries"),
    )
    for word in pair
}
en_agreement = agreement(EN_NUMBERS, r"new|underage|identified|more|other", EN_NOUNS)

EN_ARTICLE = re.compile(
    r"\b(?:a (?=(?:8|11|18|80|8\d|800|8,\d{3}|eight|eleven|eighteen|eighty|[aeio])\w*\b)"
    r"|an (?=[bcdfgjklmnpqrstvwxyz]))",
    re.I,
)


def en_article(sentence: str) -> list[str]:
    """ "a" before a consonant sound, "an" before a vowel sound: never "a 8", "a 11"."""
    return [
        f"{m[0]!r} before {sentence[m.end() :].split(' ')[0]!r}"
        for m in EN_ARTICLE.finditer(sentence)
    ]


SUBORDINATORS = frozenset(
    {
        "once", "when", "if", "although", "though", "because", "while", "as", "since",
        "after", "before", "until", "unless", "whereas", "whether",
    }
)  # fmt: skip
PREPOSITIONS = frozenset({"of", "among", "for"})
CONNECTIVES = frozenset(
    {
        "and", "but", "or", "nor", "so", "yet", "which", "who", "whom", "whose", "where", "when",
        "although", "though", "while", "as", "than", "including", "such", "especially",
        "mainly", "most", "up", "down", "compared", "against", "not",
    }
)  # fmt: skip
FINITE = re.compile(
    r"\b(?:was|were|is|are|had|has|have|did|does|do|accounted|made|numbered|admitted"
    r"|registered|came|received)\b"
)


def comma_splice(sentence: str) -> list[str]:
    """No two independent clauses are joined by a comma alone: where the words before a
    comma hold a finite verb and do not open with a subordinating word, the words after
    it do not open a clause of their own (a subject and its finite verb) without "and",
    "but", "which", … ."""
    problems = []
    split = r",(?=\s)|;|:|–"
    clauses = [c.strip() for c in re.split(split, sentence)]
    separators = re.findall(split, sentence)
    for i, separator in enumerate(separators):
        before, after = clauses[i], clauses[i + 1]
        words = WORD.findall(after.lower())
        if separator != "," or not words or words[0] in CONNECTIVES:
            continue
        head = WORD.findall(" ".join(clauses[: i + 1]).lower())
        if not head or head[0] in SUBORDINATORS or not FINITE.search(before):
            continue
        # "Of the new clients admitted in 2020, 48 had …": a phrase opening with a preposition
        # and holding no comma is no clause, though a participle in it looks like a verb.
        if i == 0 and head[0] in PREPOSITIONS:
            continue
        # A clause of its own: a verb among its first five words, after a subject.
        verb = next((j for j, w in enumerate(words[:5]) if FINITE.fullmatch(w)), None)
        if verb is not None and verb > 0 and words[verb - 1] not in {"of", "whom", "which"}:
            problems.append(f"comma splice before {after!r}")
    return problems


EN_RULES: tuple[Rule, ...] = (
    starts_with_digit,
    en_agreement,
    en_article,
    percent_sign("per cent"),
    comma_splice,
)


# -- Swedish

SV_NUMBERS = {
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8,
    "nio": 9, "tio": 10, "elva": 11, "tolv": 12,
}  # fmt: skip
SV_NOUNS = {
    word: pair
    for pair in (
        ("person", "personer"),
        ("klient", "klienter"),
        ("ansökan", "ansökningar"),
        ("nationalitet", "nationaliteter"),
        ("kvinna", "kvinnor"),
        ("flicka", "flickor"),
        ("pojke", "pojkar"),
        ("land", "länder"),
        ("hänvisning", "hänvisningar"),
    )
    for word in pair
}
SV_ADJECTIVES = (
    r"ny|nya|nytt|minderårig|minderårigt|minderåriga|identifierad|identifierat|identifierade"
    r"|vuxen|vuxet|vuxna|finsk|finskt|finska"
)
sv_agreement = agreement(SV_NUMBERS, SV_ADJECTIVES, SV_NOUNS)

NEUTER = ("offer", "barn", "förslag", "land", "år", "fall")
COMMON = (
    "klient", "person", "ansökan", "nationalitet", "kvinna", "flicka", "man", "pojke",
    "hänvisning", "medborgare", "form", "andel", "ökning", "minskning",
)  # fmt: skip
SV_ARTICLE = re.compile(
    rf"\b(?P<article>en|ett)\s+(?P<adjectives>(?:(?:{SV_ADJECTIVES}|annan|annat|tredje|mindre)\s+)*)"
    rf"(?P<noun>{'|'.join(NEUTER + COMMON)})\b",
    re.I,
)


def sv_article(sentence: str) -> list[str]:
    """A spelled-out one agrees with its noun ("en ny klient", "ett minderårigt barn", never
    "ett minderåriga barn" or "en offer"), and so do the adjectives between them."""
    problems = []
    for m in SV_ARTICLE.finditer(sentence):
        article, noun = m["article"].lower(), m["noun"].lower()
        adjectives = m["adjectives"].lower().split()
        wanted = "ett" if noun in NEUTER else "en"
        if article != wanted:
            problems.append(f"{m[0]!r}: {wanted!r} with {noun!r}")
        for adjective in adjectives:
            if adjective in {"tredje", "mindre"}:  # the same in every gender and number
                continue
            plural = adjective.endswith(("a", "e"))
            neuter = adjective.endswith("t")
            if (
                plural
                or (neuter and wanted == "en")
                or (
                    wanted == "ett"
                    and adjective in {"ny", "minderårig", "identifierad", "vuxen", "finsk"}
                )
            ):
                problems.append(
                    f"{m[0]!r}: {adjective!r} does not agree with {m['article']} {noun}"
                )
    return problems


AV_DE = re.compile(
    r"\b(?:av|bland|alla|båda) de (?:[\d ]+ |(?:två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv) )?"
    r"(?:(?:nya|minderåriga|identifierade|övriga|jämförda|tidigare) )*"
    r"(?P<word>[^\W\d_]+)(?P<then>(?: och [^\W\d_]+)? som\b)?",
    re.I,
)


def sv_definite(sentence: str) -> list[str]:
    """After "av de", "bland de", "alla de", "båda de" the noun is in the definite form
    ("av de nya klienterna"), unless "de" is the determiner of a relative clause ("av de 42
    som utnyttjats", "av de nya klienter som utnyttjats", "av de kvinnor och flickor som …")."""
    problems = []
    for m in AV_DE.finditer(sentence):
        word = m["word"]
        if word == "som" or m["then"] or word.endswith(("na", "en", "ne")):
            continue
        problems.append(f"{m[0]!r}: a definite form after 'de'")
    return problems


SV_RULES: tuple[Rule, ...] = (
    starts_with_digit,
    sv_agreement,
    sv_article,
    sv_definite,
    percent_sign("procent"),
)
