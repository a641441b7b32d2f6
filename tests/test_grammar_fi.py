"""Finnish grammar of the generated text, checked with Voikko's morphological analysis.

Every generated statement of the examples, the edge cases, the real periods and the
sweep (tests/sweep.py) is read in Finnish:

- after a nominative cardinal of 2 or more ("kaksi", "88"), the noun phrase it counts
  is in the partitive singular ("88 uutta asiakasta", "28 pakkotyön uhria"), and a
  verb after that phrase is singular ("oli", never "olivat");
- after 1 ("yksi", "1"), the noun phrase is in the nominative singular ("1 prosentti",
  never "1 prosenttia");
- no sentence opens with a digit;
- no two consecutive sentences of a release's running text open with the same two words.

A numeral counts the first noun or adjective after it, past genitive attributes
("pakkotyön", "ihmiskaupan") and a translative complement ("uhriksi tunnistettua");
a word in another case ("52 vuonna 2018", "88 uudesta asiakkaasta") is not counted
by it. In a coordinated list after "oli" the verb is left out and the predicate is
a partitive plural ("20 oli Suomen kansalaisia ja 15 alaikäisiä"), which is allowed
there only. The checks themselves are tested on broken sentences, so that they can fail.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from tests.conftest import EXAMPLE_STEMS, EXAMPLES
from tests.grammar import corpus, generated_problems
from tests.sweep import releases as sweep_releases
from tests.tools import open_voikko

import nas_press
from nas_press.document import Lead, Paragraph, Quote, plain
from nas_press.plan import PlannedStatement, plan
from nas_press.realize.realize import _statement, realize, realize_parts

TESTS = Path(__file__).resolve().parent
RELEASES = (
    [EXAMPLES / f"{stem}.toml" for stem in EXAMPLE_STEMS]
    + sorted((TESTS / "edge").glob("*.toml"))
    + sorted((TESTS / "periods").glob("20*.toml"))
)

CARDINALS = {
    "nolla": 0,
    "yksi": 1,
    "kaksi": 2,
    "kolme": 3,
    "neljä": 4,
    "viisi": 5,
    "kuusi": 6,
    "seitsemän": 7,
    "kahdeksan": 8,
    "yhdeksän": 9,
    "kymmenen": 10,
}
"""The nominative cardinals the templates spell out (locales/fi/locale.toml, numbers.words)."""

TOKEN = re.compile(r"\d+(?:[\u00a0\u202f ]\d{3})*(?:,\d+)?\.?|[^\W\d_]+(?:-[^\W\d_]+)*|[^\w\s]")
"""A number (with its thousands separated by a no-break space, and a full stop after it
when it is an ordinal such as the day of a date), a word, or a punctuation mark."""

SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[^\W_a-zäöå]|[–”])")
NOUNS = {"nimisana", "laatusana", "nimisana_laatusana", "paikannimi", "lukusana"}
"""Voikko's word classes of what a numeral counts: nouns, adjectives and participles."""
PERIOD_WORDS = {"vuonna", "vuoden", "vuosina", "vuodesta", "tammi–kesäkuussa", "koko"}


@functools.cache
def voikko() -> Any:
    """One Voikko for the module (terminated when the process ends)."""
    return open_voikko()


@functools.cache
def analyses(word: str) -> tuple[tuple[str | None, str | None, str | None], ...]:
    """Voikko's analyses of ``word``: (word class, case, number) each."""
    return tuple(
        (a.get("CLASS"), a.get("SIJAMUOTO"), a.get("NUMBER")) for a in voikko().analyze(word)
    )


def has(word: str, case: str, number: str | None = None) -> bool:
    """Whether one analysis of ``word`` is in ``case`` (and ``number``)."""
    return any(c == case and (number is None or n == number) for _, c, n in analyses(word))


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph; a full stop after a day ("30. kesäkuuta") ends none."""
    found: list[str] = []
    for piece in SENTENCE.split(text):
        if found and re.search(r"\b\d{1,2}\.$", found[-1]):
            found[-1] += " " + piece
        else:
            found.append(piece)
    return [s for s in found if s]


def _value(token: str) -> int | None:
    """The value of a nominative cardinal token, or ``None``."""
    if token[0].isdigit():
        if token.endswith(".") or "," in token:
            return None  # an ordinal ("30."), a decimal
        return int(re.sub(r"\D", "", token))
    return CARDINALS.get(token.lower())


def numeral_problems(sentence: str) -> list[str]:
    """What is wrong with the numerals of one sentence (see the module's docstring)."""
    tokens = TOKEN.findall(sentence)
    problems = []
    for i, token in enumerate(tokens):
        value = _value(token)
        if value is None:
            continue
        before = tokens[i - 1].lower() if i else ""
        year = token.isdigit() and len(token) == 4 and 1990 <= value <= 2100
        if before in PERIOD_WORDS or year:
            continue
        ellipsis = before in ("ja", ",", "eikä") and any(t in ("oli", "olivat") for t in tokens[:i])
        j = i + 1
        while j < len(tokens):
            word = tokens[j]
            if not word[0].isalpha():
                break
            if word.lower() in PERIOD_WORDS or word.lower() == "tammi":
                break  # "kahdeksan koko vuonna 2017", "48 tammi–kesäkuussa 2020"
            if word == "eri":
                # "63 eri maan kansalaisia": the numeral is in the case of the noun after "eri"
                following = tokens[j + 1] if j + 1 < len(tokens) else ""
                if following[:1].isalpha() and not has(following, "osanto"):
                    break
                j += 1
                continue
            kinds = {c for c, _, _ in analyses(word)}
            if not kinds & NOUNS:
                break
            if not (has(word, "osanto") or has(word, "nimento")):
                if has(word, "omanto") or has(word, "tulento"):
                    j += 1
                    continue  # a genitive attribute or a translative complement
                break  # another case: the numeral does not count this word
            if value == 1 and not has(word, "nimento", "singular"):
                problems.append(f"{token} {word}: after 1, the nominative singular")
            elif value >= 2 and not has(word, "osanto", "singular"):
                if not (ellipsis and has(word, "osanto", "plural")):
                    problems.append(f"{token} {word}: after {token}, the partitive singular")
            elif value >= 2 and j + 1 < len(tokens) and tokens[j + 1] == "olivat":
                problems.append(f"{token} {word} olivat: a counted subject takes 'oli'")
            break
        if value >= 2 and j == i + 1 and j < len(tokens) and tokens[j] == "olivat":
            problems.append(f"{token} olivat: a number as the subject takes 'oli'")
    return problems


def opening(sentence: str) -> tuple[str, ...]:
    """The first two words of a sentence, in lower case."""
    return tuple(w.lower() for w in re.findall(r"[^\W_]+", sentence)[:2])


SPELLED = "kaksi|kolme|neljä|viisi|kuusi|seitsemän|kahdeksan|yhdeksän"
_S = r"[\s\xa0]"
BIG = re.compile(
    rf"(?<![\d,.\xa0])(\d{{1,3}}(?:\xa0\d{{3}})+|\d{{2,}})"
    rf"(?![\d.,]|{_S}?%|{_S}prosent|{_S}eri{_S}|{_S}\w+st[aä]\b)"
)
"""A count of 10 or more: not a percentage, a number of countries ("33 eri maan") or the
size of the group a part is of ("21 uudesta asiakkaasta")."""
SMALL = re.compile(
    rf"\b(?:{SPELLED})\b(?!{_S}(?:kolmasosaa|neljäsosaa|viidesosaa|kymmenesosaa|kertaa|henkilö\b))"
)
"""A spelled-out count from two up, not a vague share ("kaksi kolmasosaa"). "Yksi" stays a
word in every language: the figure check does not read the words for one."""


def mixed_series(sentence: str) -> bool:
    """Whether a sentence counts with digits (10 or more) and with words (two to nine) at
    once: press style writes every count of such a series in digits ("12 oli …, 10 … ja
    4 …", "40 ja lisäksi heidän 7 alaikäistä lastaan")."""
    rest = re.sub(r"\([^)]*\)", "", sentence)
    rest = re.sub(r"\b(?:19|20)\d\d\b", "", rest)  # years
    rest = re.sub(r"\b\d{1,2}\.", "", rest)  # the day of a date
    rest = re.sub(r"\b\w+(?: ja puoli)? kertaa\b", "", rest)  # a multiple, no count
    return bool(BIG.search(rest) and SMALL.search(rest))


def sentence_problems(paragraphs: list[str]) -> list[str]:
    """Sentences that open with a digit, and consecutive sentences that open alike."""
    problems = []
    previous: tuple[str, ...] = ()
    for paragraph in paragraphs:
        for sentence in sentences(paragraph):
            if sentence[0].isdigit():
                problems.append(f"opens with a digit: {sentence}")
            if previous and opening(sentence) == previous:
                problems.append(f"opens as the sentence before it does: {sentence}")
            previous = opening(sentence)
    return problems


def _running(blocks: Any) -> list[str]:
    return [plain(b.content) for b in blocks if isinstance(b, (Lead, Paragraph, Quote))]


def texts(release: nas_press.Release) -> tuple[list[str], list[list[str]]]:
    """The generated paragraphs of ``release`` in Finnish, and its running text in runs
    (a heading, a chart or a list ends a run)."""
    generated: list[str] = []
    runs: list[list[str]] = [[]]
    for part in realize_parts(plan(release), "fi"):
        if part.statement is not None:
            generated += _running(part.blocks)
        if part.path.startswith(("contacts", "boilerplate")):
            break
        for block in part.blocks:
            if isinstance(block, (Lead, Paragraph, Quote)):
                runs[-1].append(plain(block.content))
            else:
                runs.append([])
    return generated, [run for run in runs if run]


def all_releases() -> Iterator[tuple[str, nas_press.Release]]:
    for path in RELEASES:
        yield path.stem, nas_press.load_release(path)
    yield from sweep_releases()


def generated_sentences() -> Iterator[str]:
    """Every generated sentence of every release and of the sweep, in Finnish."""
    for _, release in all_releases():
        for text in texts(release)[0]:
            yield from sentences(text)


@functools.cache
def problems() -> dict[str, list[str]]:
    """Every problem of every release, by release."""
    found: dict[str, list[str]] = {}
    for name, release in all_releases():
        generated, runs = texts(release)
        issues = [p for text in generated for s in sentences(text) for p in numeral_problems(s)]
        issues += [p for p in sentence_problems(generated) if p.startswith("opens with a digit")]
        issues += [p for run in runs for p in sentence_problems(run) if "opens as" in p]
        if issues:
            found[name] = sorted(set(issues))
    return found


class TestRendered:
    def test_numerals_agree(self) -> None:
        """Every generated Finnish sentence declines the noun after each numeral right
        and agrees the verb with a counted subject."""
        found = {
            name: [p for p in issues if "after" in p or "takes" in p]
            for name, issues in problems().items()
        }
        assert {} == {name: issues for name, issues in found.items() if issues}

    def test_no_sentence_opens_with_a_digit(self) -> None:
        """No generated Finnish sentence opens with a digit."""
        found = {
            name: [p for p in issues if p.startswith("opens with a digit")]
            for name, issues in problems().items()
        }
        assert {} == {name: issues for name, issues in found.items() if issues}

    def test_consecutive_sentences_open_differently(self) -> None:
        """No two consecutive sentences of a Finnish release open with the same two words."""
        found = {
            name: [p for p in issues if p.startswith("opens as")]
            for name, issues in problems().items()
        }
        assert {} == {name: issues for name, issues in found.items() if issues}

    def test_a_series_with_a_big_count_is_in_digits(self) -> None:
        """A sentence that gives a count of 10 or more writes its other counts in digits too
        (places, forms, a profile's genders, the register's victims and children, a referral's
        comparison, the new clients and their children, earlier years' figures)."""
        found = {
            name: hits
            for name, release in all_releases()
            if (
                hits := [
                    s
                    for text in texts(release)[0]
                    for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÅ–])", text)
                    if mixed_series(s)
                ]
            )
        }
        assert {} == found

    def test_recurring_defects_are_gone(self) -> None:
        """Phrasings an editor struck do not come back: "Heillä oli" after a part of the group
        (it points at the nearest count: "kolme oli alaikäisiä. Heillä oli …"), "uhreja"
        after every item of a list of shares, "Heidät molemmat", "suomessa" in lower case,
        earlier periods joined with semicolons, "Vuotta aiemmin asiakkaiksi …" right after
        a date, a group's nationalities in a sentence of their own after its parts, and "yksi"
        of two people where Finnish says "toinen"; nor do children who "came with" the new
        clients, "joukossa olleista", "Muu hyväksikäytön muoto oli", "vielä yksi" of a pending
        application (it reads "one more"), "seitsemän heistä" for "heistä seitsemän", the
        caveat on exploitation abroad in the present perfect, equal shares bracketed one by
        one, and the NAS named again right after the applications to say that no one was
        admitted; nor "sen piiriin" after
        the applications (it points at "hakemus"), "heidän" children after a part of the
        clients, "Heistä" right after the minors, minors in the "ja heistä" clause after the
        nationalities, "yhtä monta kuin", a spelled-out number in a list with one of 10 or
        more, two whole gender groups each with its own "oli", the NAS's name before the
        places, "(20 henkilöä)" after a vague share, or ", joista N otettiin asiakkaaksi";
        nor "He olivat …" right after a share of women (it reads as the women), the children
        in a sentence of their own with the same verb, or the new clients' minors without
        "itse" right after their children, nor "Heistä" before figures of earlier years only
        (it points at the group of this period), "Auttamisjärjestelmän piiriin ei hyväksytty"
        right after the applications, "He … He olivat N eri maan kansalaisia", or Finnish
        citizenship before the gender ("olivat Suomen kansalaisia ja tyttöjä")."""
        struck = re.compile(
            "|".join(
                (
                    r"Heillä oli kaikkiaan",
                    r"prosenttia \w+ uhreja, \d+\s?prosenttia",
                    r"Heidät molemmat",
                    r"\bsuomessa\b",
                    r";\s(?:tammi|vuonna|koko vuonna)",
                    r"Vuotta aiemmin asiakka",
                    r"; (?:kumpaakaan|yhtäkään) ei ollut",
                    r"kahdesta uudesta asiakkaasta yksi",
                    r"\bnolla vuonna",
                    r"yksi oli \w+ uhri ja yksi",
                    r"\), ja muiden ihmiskaupan muotojen osuus",
                    r"prosenttia oli \w+ uhreja ja \w+ \d+\s?prosenttia \w+ uhreja",
                    r"mukana auttamisjärjestelmään tuli",
                    r"joukossa olleista",
                    r"Muu hyväksikäytön muoto oli",
                    r"odotti [^.]* vielä yksi",
                    r"\w+ heistä oli",
                    r"on joissakin tapauksissa voinut",
                    r"\((?P<p>\d+)\s%\), [^()]+ \((?P=p)\s%\)",
                    r"sen piiriin (?:ei )?hyväksyt",
                    r"hänen yksi alaikäinen",
                    r"Heistä \S+ oli joutunut hyväksikäytetyksi Suomessa\. Lisäksi \w+ \w+ heidän",
                    r"Alaikäisiä oli \w+\. (?:Heistä|He kaikki|He molemmat)",
                    r"eri (?:maan kansalaisia|kansalaisuutta), ja heistä \S+ oli"
                    r" (?:alaikäisiä|täysi-ikäisiä)",
                    r"yhtä monta kuin",
                    r"\d{2,} (?:pakko|seksuaalisen|muiden)[^.]* ja (?:kaksi|kolme|neljä|viisi|kuusi"
                    r"|seitsemän|kahdeksan|yhdeksän) (?:pakko|seksuaalisen|muiden)",
                    r"uhri, ja ainoa",
                    r"[Aa]uttamisjärjestelmän \S+ uudesta asiakkaasta",
                    r"\(\d+\s?henkilöä\) oli joutunut",
                    r", joista \S+ otettiin asiakkaaksi",
                    r"Heistä [^.]*(?:uhreja|pakotettuja) oli \S+ (?:vuonna|koko|tammi)",
                    r"olivat Suomen kansalaisia ja (?:naisia|tyttöjä|miehiä|poikia)",
                )
            )
        )
        within = re.compile(
            r"(?:Uusista asiakkaista|Suomessa hyväksikäytetyistä) [^.]*\. "
            r"(?:Uudet asiakkaat|Suomessa hyväksikäytetyt) (?:olivat \S+ eri maan|edustivat)"
        )
        across = re.compile(
            "|".join(
                (
                    # "He" after a share of women reads as the women
                    r"prosenttia oli (?:naisia|miehiä)[^.]*\. He olivat",
                    # the verb again for the children, and minors right after them
                    r"otettiin \S+ uutta asiakasta\. Lisäksi asiakkaiksi otettiin heidän",
                    r"alaikäistä lastaan\. (?:Uusista asiakkaista|Heistä) \S+ oli alaikäisiä",
                    # this period's count just said: the history goes on from it
                    r"hyväksikäytetyksi Suomessa\. Suomessa hyväksikäytettyjä uusia asiakkaita oli",
                    # the NAS named again right after the applications, to say no one
                    r"\. Auttamisjärjestelmän piiriin ei hyväksyt",
                    # "He … He olivat N eri maan kansalaisia"
                    r"\bHe [^.]*\. He (?:olivat \S+ eri maan|edustivat)",
                )
            )
        )
        found = {
            name: hits
            for name, release in all_releases()
            if (
                hits := [
                    s for text in texts(release)[0] for s in sentences(text) if struck.search(s)
                ]
                + [text for text in texts(release)[0] if within.search(text)]
                + [
                    # across statements: a run of running text up to a heading
                    match.group()
                    for run in texts(release)[1]
                    for match in [across.search(" ".join(run))]
                    if match
                ]
            )
        }
        assert {} == found

    def test_history_goes_on_from_the_count(self) -> None:
        """Right after the sentence giving this period's count of those exploited in Finland,
        the earlier years are its comparison ("Vastaavat luvut olivat …")."""
        release = nas_press.load_release(TESTS / "periods" / "2019-year.toml")
        said = " ".join(texts(release)[0])
        assert (
            "Heistä 70 oli joutunut hyväksikäytetyksi Suomessa. Aiempina vuosina Suomessa"
            " hyväksikäytettyjä oli vähemmän: 52 vuonna 2018 ja 42 vuonna 2016." in said
        )

    def test_a_comparison_names_its_measure(self) -> None:
        """A sentence of earlier figures names what it compares: a bare "Vastaavat luvut
        olivat 52 vuonna 2018 …" does not say which figures. A pair right after the sentence
        giving both figures ("… hakemuksia kirjattiin 80 ja … 50 uutta asiakasta. Vastaavat
        luvut olivat 70 ja 45 tammi–kesäkuussa 2028") compares those two."""
        bare = re.compile(
            r"^Vastaav(?:at luvut olivat|a luku oli|ana aikana luvut? (?:oli|olivat))"
            r" (?!\S+ ja \S+ (?:tammi|koko|vuon))\S+ \w"
        )
        found = [s for s in generated_sentences() if bare.search(s)]
        assert [] == found

    def test_one_earlier_year_of_a_form_is_a_year_earlier(self) -> None:
        """A form's figure of the year before alone reads "Vuotta aiemmin …" (years_back),
        right after this period's figures of the forms, the figure alone: "vähemmän, 21"
        would say twice what the two figures show."""
        release = nas_press.load_release(TESTS / "periods" / "2022-year.toml")
        said = " ".join(texts(release)[0])
        assert (
            "24 seksuaalisen hyväksikäytön uhreja. Vuotta aiemmin seksuaalisen hyväksikäytön"
            " uhreja oli Suomessa 21." in said
        )
        found = [
            s
            for s in generated_sentences()
            if re.search(r"oli Suomessa (?:vähemmän|enemmän|saman verran), \S+\.$", s)
        ]
        assert [] == found

    def test_history_after_the_count_paragraph_is_a_comparison(self) -> None:
        """The earlier years of those exploited in Finland, opening the paragraph after the
        one that gave this period's count, read as a comparison with its direction."""
        release = nas_press.load_release(TESTS / "periods" / "2020-year.toml")
        said = " ".join(texts(release)[0])
        assert (
            "Aiempina vuosina Suomessa hyväksikäytettyjä uusia asiakkaita oli vähemmän: 70"
            " vuonna 2019 ja 52 vuonna 2018." in said
        )
        annual = " ".join(texts(nas_press.load_release(TESTS / "edge" / "annual.toml"))[0])
        # The form was said as a share only ("puolet"): the comparison gives its count.
        assert (
            "Pakkotyön uhreja oli Suomessa 45, kun vastaavat luvut olivat 40 vuonna 2029 ja 30"
            " vuonna 2028." in annual
        )

    @pytest.mark.parametrize(
        ("stem", "expected"),
        [
            (
                "edge/large",
                "Uudet asiakkaat edustivat 120 eri kansalaisuutta, ja heistä 1\u00a0000 oli Suomen"
                " kansalaisia. Naisten osuus uusista asiakkaista oli 60\u00a0prosenttia, ja"
                " alaikäisiä oli 1\u00a0200.",
            ),
        ],
    )
    def test_profile_after_the_group_named_opens_otherwise(self, stem: str, expected: str) -> None:
        """Right after a sentence opening with the group in any case, the profile's sentence after
        the nationalities (which open with the group as the organisation writes them) does not
        open with the group again ("Uudet asiakkaat edustivat … Naisten osuus uusista asiakkaista
        oli 60 prosenttia")."""
        release = nas_press.load_release(TESTS / f"{stem}.toml")
        said = " ".join(texts(release)[0])
        assert expected in said
        assert "Uudet asiakkaat olivat 120" not in said

    def test_admitted_clients_agree_in_number(self) -> None:
        """The admissions of the year before do not repeat this period's verb ("Asiakkaiksi
        otettiin 367 … Edellisenä vuonna uusia asiakkaita oli 243"), and no admission counts
        several in the singular."""
        release = nas_press.load_release(TESTS / "periods" / "2022-year.toml")
        said = " ".join(texts(release)[0])
        assert "Edellisenä vuonna uusia asiakkaita oli 243." in said
        assert not re.search(r"asiakkaaksi otettiin (?!yksi )\S+ henkilöä", said)

    def test_a_share_after_the_minors_names_its_group(self) -> None:
        """A gender share right after a sentence on minors names whose share it is ("…, ja 25
        oli yhä alaikäisiä. Naisten osuus uhreista oli noin kaksi kolmasosaa."): a bare "Naisia
        oli …" or "Naisten osuus oli …" there reads as a share of the minors."""
        bare = re.compile(r"^(?:Naisia|Miehiä|(?:Naisten|Miesten)(?: ja \w+)? osuus) oli ")
        found = [two for one, two in consecutive() if "alaikäi" in one and bare.match(two)]
        assert [] == found
        assert (
            "ja 25 oli yhä alaikäisiä. Naisten osuus uhreista oli noin kaksi kolmasosaa."
            in _said("edge/annual")
        )

    def test_entered_as_minors_names_its_group(self) -> None:
        """Those who came to the NAS as minors are a part of the register's group, named like
        its other parts ("Uhreista 40 oli tullut auttamisjärjestelmään alaikäisenä."), never
        "Kaikkiaan 40 asiakasta oli tullut …"."""
        found = [
            s for s in generated_sentences() if s.startswith("Kaikkiaan") and "alaikäisenä" in s
        ]
        assert [] == found
        assert (
            "80 heidän alaikäistä lastaan. Uhreista 40 oli tullut auttamisjärjestelmään"
            " alaikäisenä." in _said("../examples/2018-h1")
        )

    def test_no_heista_after_earlier_years(self) -> None:
        """A sentence ending on earlier years or on no one ("…, kun vastaavana aikana luku oli 12
        vuonna 2029, eikä vuonna 2028 ollut yhtään.") is no antecedent for "Heistä": the next
        sentence names the group ("Suomessa hyväksikäytetyistä viisi oli …")."""
        years = re.compile(r"(?:vuonna \d{4}|yhtään|ketään)\.$")
        found = [
            two
            for one, two in consecutive()
            if years.search(one) and re.match(r"(?:Heistä|He|Heidän)\b", two)
        ]
        assert [] == found

    def test_admissions_in_the_organisations_words(self) -> None:
        """Admissions since the applications (2023) read as the organisation writes them:
        "Auttamisjärjestelmän piiriin hyväksyttiin 88 uutta asiakasta", never a bare "Uusia
        asiakkaita hyväksyttiin 88." or "Uudeksi asiakkaaksi hyväksyttiin yksi henkilö." as a
        sentence; and two consecutive sentences never admit with the same verb phrase
        ("… piiriin hyväksyttiin 110 uutta asiakasta. … ja uusia asiakkaita oli 90")."""
        bare = re.compile(
            r"^(?:\S+ \S+ )?(?:[Uu]usia asiakkaita hyväksyttiin \S+"
            r"|[Uu]udeksi asiakkaaksi hyväksyttiin yksi henkilö)\.$"
        )
        assert [] == [s for s in generated_sentences() if bare.search(s)]
        verb = re.compile(r"piiriin hyväksyttiin|[Aa]siakka\w+ otettiin")
        found = []
        for one, two in consecutive():
            a, b = verb.search(one), verb.search(two)
            if a and b and a.group().lower() == b.group().lower():
                found.append(two)
        assert [] == found
        assert "Auttamisjärjestelmän piiriin hyväksyttiin 88 uutta asiakasta. Heistä" in _said(
            "../examples/2025-h1"
        )
        assert (
            "Edellisenä vuonna uusia asiakkaita oli 170."
            " Vuonna 2028 hakemuksia kirjattiin 300 ja uusia asiakkaita oli 150."
            in _said("edge/annual")
        )

    @pytest.mark.parametrize(
        ("stem", "expected"),
        [
            (
                "edge/decrease",
                "vähemmän kuin vastaavana aikana vuotta aiemmin, jolloin hakemuksia kirjattiin 250"
                " ja uusia asiakkaita hyväksyttiin 110. Kaksi vuotta aiemmin, tammi–kesäkuussa"
                " 2028,",
            ),
            (
                "edge/corrected",
                "vuotta aiemmin, jolloin hakemuksia kirjattiin 250 ja uusia asiakkaita"
                " hyväksyttiin 110.",
            ),
            (
                "edge/large",
                "vuotta aiemmin, jolloin hakemuksia kirjattiin 9\u00a0000 ja uusia asiakkaita"
                " hyväksyttiin 8\u00a0000.",
            ),
            (
                "edge/counts-1",
                "saman verran kuin vastaavana aikana vuotta aiemmin, jolloin hyväksyttiin yksi"
                " uusi asiakas.",
            ),
            (
                "edge/counts-2",
                "saman verran kuin vastaavana aikana vuotta aiemmin, jolloin uusia asiakkaita"
                " hyväksyttiin kaksi.",
            ),
            (
                "../examples/2018-h1",
                "vuotta aiemmin, jolloin ohjattuja oli 88 ja asiakkaaksi otettiin 55. Kaksi vuotta"
                " aiemmin, tammi–kesäkuussa 2016, ohjattuja oli 74, ja heistä 45 otettiin"
                " asiakkaaksi.",
            ),
            (
                "periods/2022-year",
                "Asiakkaiksi otettiin 367 henkilöä ja lisäksi heidän 62 alaikäistä lastaan."
                " Edellisenä vuonna uusia asiakkaita oli 243.",
            ),
        ],
    )
    def test_history_goes_on_from_the_change(self, stem: str, expected: str) -> None:
        """When the referrals sentence ends on its comparison with the same period a year
        earlier, the admissions of that period are said in it, beside its count rather than
        after a bracket ("…, jolloin hakemuksia kirjattiin 250 ja uusia asiakkaita hyväksyttiin
        110."), not in a sentence of their own that names the period
        and the verb again ("… (250). Edellisen vuoden tammi–kesäkuussa auttamisjärjestelmän
        piiriin hyväksyttiin 110 uutta asiakasta."); after the period's own admissions (2022)
        the year is named ("Edellisenä vuonna …")."""
        said = _said(stem)
        assert expected in said
        assert not re.search(r"\)\. Edellisen vuoden tammi–kesäkuussa", said)
        assert "Uusia asiakkaita oli vuotta aiemmin" not in said
        repeated = r"piiriin hyväksyttiin [^.]*\. Edellis[^.]* piiriin hyväksyttiin"
        assert not re.search(repeated, said)

    @pytest.mark.parametrize(
        "stem", ["edge/corrected", "edge/annual", "edge/large", "periods/2023-year"]
    )
    def test_varied_places_open_with_the_place_or_the_share(self, stem: str) -> None:
        """The other opening of places, for a group named without its size, does not open
        with the group and declines its numerals right."""
        release = nas_press.load_release(TESTS / f"{stem}.toml")
        statement = next(
            item
            for item in plan(release).items
            if isinstance(item, PlannedStatement) and item.name == "places" and item.figures
        )
        named = attrs.evolve(statement.figures.group, kind="name")
        varied = attrs.evolve(statement, figures=attrs.evolve(statement.figures, group=named))
        text = " ".join(_statement("fi", varied, release, vary=True))
        assert not text.startswith(("Uusista asiakkaista", "Kaikista")), text
        assert [] == [p for s in sentences(text) for p in numeral_problems(s)]
        assert [] == sentence_problems([text])
        # A count in digits is the subject after the place, in the nominative ("Suomessa oli
        # joutunut hyväksikäytetyksi 90 uutta asiakasta"), not a part of the group in the
        # elative ("… 90 uusista asiakkaista"), nor "Kaikkiaan", which is for a total.
        assert not re.search(r"oli joutunut hyväksikäytetyksi [\d\xa0 ]+uusista", text)
        assert not text.startswith("Kaikkiaan")

    def test_varied_places_in_their_releases(self) -> None:
        """The other opening of places as the releases give it: "Suomessa oli joutunut
        hyväksikäytetyksi 90 uutta asiakasta, kotimaassaan 40 ja kolmannessa maassa 30."; never a
        part of the group in the elative after the place ("… 90 uusista asiakkaista"), nor
        "Kaikkiaan" before a part."""
        assert (
            "Suomessa oli joutunut hyväksikäytetyksi 90 uutta asiakasta, kotimaassaan 40 ja"
            " kolmannessa maassa 30." in _said("edge/annual")
        )
        assert (
            "Kotimaassaan oli joutunut hyväksikäytetyksi 2\u00a0500 uutta asiakasta ja"
            " kolmannessa maassa 1\u00a0500." in _said("edge/large")
        )
        marked = re.compile(
            r"^(?:Suomessa|Kotimaassaan|Kolmannessa maassa) oli joutunut hyväksikäytetyksi"
            r" [\d\xa0 ]+uusista"
        )
        assert [] == [s for s in generated_sentences() if marked.search(s)]
        assert [] == [
            s for s in generated_sentences() if s.startswith("Kaikkiaan") and "maassa" in s
        ]

    def test_varied_places_of_two_are_one_and_the_other(self) -> None:
        """Of two new clients, the other opening of places says "toinen … ja toinen", as the
        usual one does: "Toinen uusista asiakkaista oli joutunut hyväksikäytetyksi kotimaassaan
        ja toinen kolmannessa maassa.", not "Yksi uusi asiakas … ja yksi …"."""
        found = []
        for _, release in sweep_releases():
            for item in plan(release).items:
                if not (isinstance(item, PlannedStatement) and item.name == "places"):
                    continue
                if item.figures is None or item.figures.total != 2:  # type: ignore[attr-defined]
                    continue
                named = attrs.evolve(item.figures.group, kind="name")  # type: ignore[attr-defined]
                varied = attrs.evolve(item, figures=attrs.evolve(item.figures, group=named))
                found.append(" ".join(_statement("fi", varied, release, vary=True)))
        assert (
            "Toinen uusista asiakkaista oli joutunut hyväksikäytetyksi kotimaassaan ja toinen"
            " kolmannessa maassa." in " ".join(found)
        )
        assert [] == [t for t in found if t.startswith("Yksi uusi asiakas")]

    def test_profile_with_a_share_and_a_denial(self) -> None:
        """A share of women beside a count and a "none" goes in the group's sentence, the
        "none" as "eikä", and the nationalities follow without a pronoun."""
        release = nas_press.load_release(TESTS / "edge" / "corrected.toml")
        shares = nas_press.load_release(TESTS / "edge" / "shares.toml")
        (none,) = [
            item.figures.minors
            for item in plan(shares).items
            if isinstance(item, PlannedStatement) and item.name == "in_finland_profile"
        ]
        (statement,) = [
            item
            for item in plan(release).items
            if isinstance(item, PlannedStatement) and item.name == "in_finland_profile"
        ]
        figures = attrs.evolve(statement.figures, minors=none)
        text = " ".join(_statement("fi", attrs.evolve(statement, figures=figures), release))
        assert text == (
            "Suomessa hyväksikäytetyistä kahdeksan oli Suomen kansalaisia ja 65\u00a0prosenttia"
            " naisia, eikä yksikään ollut alaikäinen. Suomessa hyväksikäytetyt edustivat 12 eri"
            " kansalaisuutta."
        )

    def test_every_release_is_read(self) -> None:
        """The examples, edge cases, real periods and the sweep all give generated text."""
        read = [name for name, release in all_releases() if texts(release)[0]]
        assert len(read) > len(RELEASES) + 100
        assert {p.stem for p in RELEASES} <= set(read)


class TestChecks:
    """The checks find the errors they are for, in sentences broken on purpose."""

    @pytest.mark.parametrize(
        "sentence",
        [
            "Auttamisjärjestelmän piiriin hyväksyttiin 88 uudet asiakkaat.",
            "Auttamisjärjestelmään kirjattiin kaksi uusia hakemuksia.",
            "Pakkotyön osuus oli 1 prosenttia.",
            "Ratkaisua odotti vielä viisi hakemus.",
            "Heistä 28 pakkotyön uhrit oli naisia.",
            "Kaikkiaan 40 asiakasta olivat tulleet auttamisjärjestelmään alaikäisenä.",
            "Uusista asiakkaista kaksi olivat naisia.",
        ],
    )
    def test_broken_numeral_is_found(self, sentence: str) -> None:
        """A noun in the wrong case or number after a numeral, or a plural verb, is found."""
        assert numeral_problems(sentence) != []

    @pytest.mark.parametrize(
        "sentence",
        [
            "Auttamisjärjestelmän piiriin hyväksyttiin 88 uutta asiakasta.",
            "Pakkotyön osuus oli 1 prosentti.",
            "Palvelujen piirissä oli 1\u00a0588 henkilöä: 1\u00a0323 ihmiskaupan uhriksi"
            " tunnistettua ja 265 heidän alaikäistä lastaan.",
            "Uusista asiakkaista 20 oli Suomen kansalaisia, 15 alaikäisiä ja 61 prosenttia naisia.",
            "Suomessa hyväksikäytettyjä uusia asiakkaita oli 70 vuonna 2019, kun vastaava luku"
            " oli 52 vuonna 2018.",
            "Ratkaisua odotti 30. kesäkuuta 2025 vielä yksi hakemus.",
            "Auttamisjärjestelmän 88 uudesta asiakkaasta 42 oli joutunut hyväksikäytetyksi"
            " Suomessa.",
        ],
    )
    def test_right_numeral_passes(self, sentence: str) -> None:
        """Correct sentences of the kinds the templates write pass."""
        assert [] == numeral_problems(sentence)

    def test_digit_opening_is_found(self) -> None:
        """A sentence that opens with a number is found; a day inside a sentence is not one."""
        assert sentence_problems(["88 uudesta asiakkaasta 42 oli joutunut hyväksikäytetyksi."])
        assert [] == sentence_problems(["Ratkaisua odotti 30. kesäkuuta vielä viisi hakemusta."])

    @pytest.mark.parametrize(
        "sentence",
        [
            "Kaikista 21 uudesta asiakkaasta 10 oli joutunut hyväksikäytetyksi Suomessa,"
            " viisi kotimaassaan ja 6 kolmannessa maassa.",
            "Uusia asiakkaita hyväksyttiin 40 ja lisäksi heidän seitsemän alaikäistä lastaan.",
            "Vastaavat luvut olivat 140 ja kaksi koko vuonna 2028.",
        ],
    )
    def test_mixed_series_is_found(self, sentence: str) -> None:
        """Words and digits in one series are found."""
        assert mixed_series(sentence)

    @pytest.mark.parametrize(
        "sentence",
        [
            "Kaikista 21 uudesta asiakkaasta viisi oli joutunut hyväksikäytetyksi Suomessa.",
            "Uudet asiakkaat edustivat 33 eri kansalaisuutta, ja heistä viisi oli Suomen"
            " kansalaisia.",
            "Alaikäisiä oli kahdeksan ja naisia 61\u00a0prosenttia.",
            "Ratkaisua odotti 30. kesäkuuta 2030 vielä viisi hakemusta.",
            "Uhreista 21 oli alaikäisiä ja noin kaksi kolmasosaa naisia.",
        ],
    )
    def test_separate_figures_are_no_series(self, sentence: str) -> None:
        """A percentage, a number of countries, a group's size, a date or a vague share beside
        a spelled-out count is no series."""
        assert not mixed_series(sentence)

    def test_same_opening_is_found(self) -> None:
        """Two consecutive sentences opening with the same two words are found, across
        paragraphs too."""
        assert sentence_problems(
            ["Suomessa hyväksikäytetyistä puolet oli naisia.", "Suomessa hyväksikäytetyistä 12."]
        )
        assert [] == sentence_problems(["Suomessa hyväksikäytetyistä puolet.", "Suomessa oli."])


def consecutive() -> Iterator[tuple[str, str]]:
    """Every two consecutive sentences of a run of the Finnish text of every release."""
    for _, release in all_releases():
        for run in texts(release)[1]:
            yield from itertools.pairwise([s for text in run for s in sentences(text)])


def _said(stem: str) -> str:
    return " ".join(texts(nas_press.load_release(TESTS / f"{stem}.toml"))[0])


def _attributions(release: Any) -> list[tuple[str, str]]:
    """The verb and the last word of the speaker's name of each quotation of the Finnish
    release, in order: ("kertoo", "Lyijynen") for "…, kertoo apulaisjohtaja Katri Lyijynen."."""
    found = []
    for part in realize_parts(plan(release), "fi"):
        for block in part.blocks:
            if isinstance(block, Quote):
                said = re.search(r"[,?!”] (\w+) [^,?!”]*?(\w+)\.$", plain(block.content))
                if said:
                    found.append((said.group(1), said.group(2)))
    return found


class TestReadingOrder:
    def test_pending_comes_after_the_admissions(self) -> None:
        """The applications still pending are said last, after the new clients and their
        children, not between the applications and the admissions."""
        after = re.compile(
            r"(?:odotti [^.]*ratkaisua|Ratkaisua odotti [^.]*)\. (?:Uudeksi|Uusia asiakkaita"
            r"|Yhtään uutta asiakasta|Asiakka|Ketään ei otettu|Lisäksi)"
        )
        found = [
            text
            for _, release in all_releases()
            for text in texts(release)[0]
            if after.search(text)
        ]
        assert [] == found
        said = [text for _, release in sweep_releases() for text in texts(release)[0]]
        assert any(
            "uusi hakemus. Auttamisjärjestelmän piiriin hyväksyttiin yksi uusi asiakas. Yksi"
            " hakemus odotti" in text
            for text in said
        )

    def test_one_earlier_year_further_back_says_how_far(self) -> None:
        """The only earlier year of the referrals, three years back, says so before the
        year ("Kolme vuotta aiemmin, vuonna 2015, …")."""
        assert (
            "Kolme vuotta aiemmin, vuonna 2015, ohjattuja oli 75, ja heistä 52 otettiin"
            " asiakkaaksi." in _said("periods/2018-year")
        )

    def test_criminal_activity_apart_after_three_forms(self) -> None:
        """After three or more "<form> uhreja" the criminal activity is its own sentence,
        opening with the victims, not a numeral."""
        said = _said("periods/2020-year")
        assert (
            "15 seksuaalisen hyväksikäytön ja 2 benefit fraud -ihmiskaupan uhreja. Rikolliseen"
            " toimintaan pakotettuja oli 5." in said
        )
        assert "uhreja, ja 5 oli pakotettu" not in said

    def test_small_counts_are_spelled_unless_in_a_series_with_big_ones(self) -> None:
        """A count from two to nine is a digit only in a paragraph with a count of 10 or more:
        a paragraph's figures are one series, spelled out or in digits alike."""
        lone = re.compile(r"(?<![\d,.\xa0(])[2-9](?!\d|[.,]\d|\xa0\d|[\s\xa0]?%|[\s\xa0]prosent)")
        big = re.compile(
            rf"(?<![\d,.\xa0])(?:\d{{1,3}}(?:\xa0\d{{3}})+|\d{{2,}})"
            rf"(?![\d,]|\.\d|{_S}?%|{_S}prosent|{_S}eri{_S}|{_S}\w+st[aä]\b)"
        )
        found = []
        for _, release in all_releases():
            blocks = realize(plan(release), "fi").blocks
            for text in [plain(b.content) for b in blocks if isinstance(b, Paragraph)]:
                rest = re.sub(r"\([^)]*\)", "", text)
                rest = re.sub(r"\b(?:19|20)\d\d\b", "", rest)
                rest = re.sub(r"\b\d{1,2}\.(?=[\s\xa0][a-zäö])", "", rest)  # a date's day
                if lone.search(rest) and not big.search(rest):
                    found.append(text)
        assert [] == found

    def test_one_number_style_in_a_paragraph(self) -> None:
        """A series of counts keeps its style over its sentences: "… ja 2 benefit fraud
        -ihmiskaupan uhreja. Rikolliseen toimintaan pakotettuja oli 5.", "…, ja heistä 5 oli
        Suomen kansalaisia. Alaikäisiä uusista asiakkaista oli 10.", never digits in one
        sentence and words in the next."""
        said = {stem: _said(stem) for stem in ("periods/2020-year", "periods/2021-year")}
        assert "Rikolliseen toimintaan pakotettuja oli 5." in said["periods/2020-year"]
        mixed = re.compile(
            rf"heistä (?:{SPELLED}) oli Suomen kansalaisia\. Alaikäisiä \w+ \w+ oli \d{{2}}"
        )
        found = [
            text
            for _, release in all_releases()
            for text in texts(release)[0]
            if mixed.search(text)
        ]
        assert [] == found

    def test_nationalities_name_their_group(self) -> None:
        """The number of nationalities names the group as its subject, in the organisation's
        words: "Suomessa hyväksikäytetyt edustivat 24 eri kansalaisuutta", never "Kansalaisuuksia
        (uusilla asiakkailla) oli kaikkiaan 24", "Uusien asiakkaiden kansalaisuuksia oli
        kaikkiaan 38" or "… olivat 24 eri maan kansalaisia"."""
        said = _said("../examples/2025-h1")
        assert (
            "Suomessa hyväksikäytetyt edustivat 24 eri kansalaisuutta, ja heistä seitsemän oli"
            " Suomen kansalaisia. Naisten osuus Suomessa hyväksikäytetyistä oli 71\u00a0prosenttia."
            in said
        )
        old = re.compile(r"[Kk]ansalaisuuksia (?:\w+ )*oli kaikkiaan|eri maan kansalaisia")
        assert [] == [s for s in generated_sentences() if old.search(s)]
        assert "Uudet asiakkaat edustivat 38 eri kansalaisuutta." in _said("periods/2022-year")
        assert "Uhrit edustivat 63 eri kansalaisuutta." in _said("periods/2021-year")

    def test_nationalities_are_no_antecedent(self) -> None:
        """A "heistä" in the sentence of the nationalities points at its subject, the group
        ("Uudet asiakkaat edustivat 20 eri kansalaisuutta, eikä yksikään heistä …"): a sentence
        opening with the nationalities has no pronoun."""
        found = [
            s
            for s in generated_sentences()
            if s.startswith("Kansalaisuuksia") and re.search(r"\bhei(?:stä|dän|llä)\b", s)
        ]
        assert [] == found
        assert (
            "Uudet asiakkaat edustivat 20 eri kansalaisuutta, eikä yksikään heistä ollut Suomen"
            " kansalainen." in _said("edge/shares")
        )

    def test_minors_name_their_group(self) -> None:
        """A count of minors says whose minors they are ("Uusista asiakkaista 15 oli alaikäisiä",
        "Alaikäisiä uusista asiakkaista oli 15"), never a bare "Alaikäisiä oli 15." after the
        nationalities."""
        bare = re.compile(r"^(?:Alaikäisiä|Täysi-ikäisiä) oli \S+\.$")
        assert [] == [s for s in generated_sentences() if bare.search(s)]
        assert (
            "Suomessa hyväksikäytetyt edustivat 30 eri kansalaisuutta, ja heistä 20 oli Suomen"
            " kansalaisia. Naisten osuus Suomessa hyväksikäytetyistä oli 61\u00a0prosenttia, ja"
            " alaikäisiä oli 8." in _said("edge/annual")
        )

    @pytest.mark.parametrize(
        ("stem", "expected"),
        [
            (
                "edge/shares",
                "Naisten osuus uusista asiakkaista oli puolet, ja alaikäisiä oli yksi.",
            ),
            (
                "edge/large",
                "Naisten osuus Suomessa hyväksikäytetyistä oli puolet, ja alaikäisiä oli 600.",
            ),
            (
                "edge/annual",
                "Naisten osuus uusista asiakkaista oli 61\u00a0prosenttia, ja alaikäisiä oli 15.",
            ),
        ],
    )
    def test_gender_share_before_the_count(self, stem: str, expected: str) -> None:
        """After the nationalities, the gender share opens the sentence and the count of minors
        follows it ("Naisten osuus uusista asiakkaista oli puolet, ja alaikäisiä oli yksi."),
        never a count with the share tucked after it ("Alaikäisiä uusista asiakkaista oli yksi,
        ja puolet oli naisia")."""
        assert expected in _said(stem)
        tucked = re.compile(
            r"^(?:Alaikäisiä|Täysi-ikäisiä) \w+ \w+ oli [^,]+, ja (?:puolet|\w+ osuus)"
        )
        assert [] == [s for s in generated_sentences() if tucked.search(s)]

    def test_gender_share_before_minors_themselves(self) -> None:
        """Right after the children who came with the new clients, their own minors follow the
        share as "ja 15 oli itse alaikäisiä", never "ja itse alaikäisiä oli 15"."""
        text = (TESTS / "edge" / "annual.toml").read_text(encoding="utf-8")
        text = text.replace(
            "[statistics.new_clients]\n", "[statistics.new_clients]\nchildren = 30\n", 1
        )
        text = text.replace('[[body]]\nstatement = "referrals_history"\n\n', "")
        said = " ".join(texts(nas_press.parse_release(text, source="annual.toml"))[0])
        assert (
            "Naisten osuus uusista asiakkaista oli 61\u00a0prosenttia, ja 15 oli itse alaikäisiä."
            in said
        )

    def test_victims_denial_last(self) -> None:
        """The register says what the victims were first and what none of them was last, with
        "eikä": "Uhreista puolet oli naisia, eikä yksikään ollut alaikäinen." (not "Uhreista
        yksikään ei ollut alaikäinen, ja puolet oli naisia")."""
        assert "Uhreista puolet oli naisia, eikä yksikään ollut alaikäinen." in _said("edge/shares")
        denial_first = re.compile(
            r"^(?:Ihmiskaupan )?[Uu]hreista (?:yksikään|kumpikaan) ei ollut [^,]+, ja"
        )
        assert [] == [s for s in generated_sentences() if denial_first.search(s)]

    def test_a_part_of_a_counted_group_is_not_of_all(self) -> None:
        """A part of a group given with its size opens with the group, the size after the
        adjective ("Uusista 10 asiakkaasta viisi oli …"), not "Kaikista 10 uudesta
        asiakkaasta viisi …", where "kaikista" belongs to no part."""
        said = list(generated_sentences())
        assert [] == [s for s in said if re.search(r"\bKaikista \d", s)]
        assert any(s.startswith("Uusista 10 asiakkaasta viisi oli joutunut") for s in said)

    def test_a_speaker_quoted_again_is_introduced_otherwise(self) -> None:
        """A second quotation of the same speaker does not repeat the first one's verb:
        "…, kertoo … Katri Lyijynen." then "…, toteaa Lyijynen." (not "kertoo" twice)."""
        found = []
        for name, release in all_releases():
            verbs: dict[str, list[str]] = {}
            for verb, who in _attributions(release):
                verbs.setdefault(who, []).append(verb)
            found += [(name, who, v) for who, v in verbs.items() if len(v) != len(set(v))]
        assert [] == found
        release = nas_press.load_release(TESTS / "periods" / "2021-year.toml")
        assert ("toteaa", "Lyijynen") in _attributions(release)

    def test_consecutive_quotations_are_introduced_otherwise(self) -> None:
        """Two quotations of a release never share their verb, whoever speaks them: the 2025
        example quotes Lyijynen, then Tafari ("…, kertoo … Lyijynen." then "…, sanoo …
        Tafari.")."""
        found = []
        for name, release in all_releases():
            verbs = [verb for verb, _ in _attributions(release)]
            if len(verbs) != len(set(verbs)):
                found.append((name, verbs))
        assert [] == found
        example = nas_press.load_release(EXAMPLES / "2025-h1.toml")
        assert [verb for verb, _ in _attributions(example)] == ["kertoo", "sanoo"]

    def test_exploited_in_finland_is_not_named_in_every_sentence(self) -> None:
        """A paragraph on those exploited in Finland names them where a sentence needs it, not in
        sentence after sentence: a form's count in the history opens with the form ("Pakkotyön
        uhreja oli Suomessa 45, kun …"), not "Suomessa hyväksikäytetyistä pakkotyön uhreja …"
        once more, and no paragraph says "Suomessa hyväksikäytet-" five times."""
        found = []
        for name, release in all_releases():
            for block in realize(plan(release), "fi").blocks:
                if not isinstance(block, Paragraph):
                    continue
                text = plain(block.content)
                if text.count("Suomessa hyväksikäytet") >= 5:
                    found.append((name, text))
                found += [
                    (name, s)
                    for s in sentences(text)
                    if re.match(r"Suomessa hyväksikäytetyistä [^.]*uhreja oli \S+, kun", s)
                ]
        assert [] == found

    def test_shares_are_in_words_in_running_text(self) -> None:
        """Running text writes a share one way, "prosenttia", also in brackets after a form:
        "Pakkotyö (45 %)" beside "61 prosenttia" in the same release mixed two forms."""
        found = [s for s in generated_sentences() if re.search(r"\d[\s\xa0]?%", s)]
        assert [] == found

    @pytest.mark.parametrize("stem", ["edge/annual", "edge/large"])
    def test_exploitation_abroad_is_qualified(self, stem: str) -> None:
        """The caveat after several exploited in their home country says it held in some
        cases only, like the caveat inside the sentence ("joissakin tapauksissa")."""
        said = _said(stem)
        assert "Kotimaassa alkanut hyväksikäyttö oli joissakin tapauksissa voinut jatkua" in said
        assert "Kotimaassa alkanut hyväksikäyttö oli voinut" not in said

    def test_two_comparisons_in_a_row_are_framed_differently(self) -> None:
        """Two history sentences in a row do not share their frame: "Aiempina vuosina …
        oli vähemmän: …. Pakkotyön uhreja oli Suomessa aiempina vuosina vähemmän: …"."""
        frame = re.compile(r"[Aa]iempina vuosina [^.:]*?(?:vähemmän|enemmän): ")
        found = [two for one, two in consecutive() if frame.search(one) and frame.search(two)]
        assert [] == found

    def test_children_who_came_with_the_clients_read_alike(self) -> None:
        """The new clients' children are said one way in every release: "ja lisäksi heidän
        N alaikäistä lastaan", or "Lisäksi asiakkaiksi …" in a sentence of their own, never
        "… uutta asiakasta ja heidän 48 alaikäistä lastaan" in one and "lisäksi" in another."""
        found = [
            s
            for s in generated_sentences()
            if re.search(r"(?:otettiin|hyväksyttiin) [^.:]*alaikäi\w+ la(?:s|p)", s)
            and not re.search(r"\b[Ll]isäksi\b", s)
        ]
        assert [] == found

    def test_a_count_and_a_share_do_not_share_a_verb(self) -> None:
        """A count and a percentage of a group go in sentences of their own: "seitsemän oli
        Suomen kansalaisia ja 71 prosenttia naisia" and "Alaikäisiä oli 15 ja naisia
        61 prosenttia" read as one figure of two kinds."""
        joined = re.compile(
            r"\boli \S+ (?:Suomen kansalaisia|alaikäisiä|täysi-ikäisiä) ja \S+[\s\xa0]prosenttia"
            r"|(?:Alaikäisiä|Täysi-ikäisiä|Suomen kansalaisia) oli \S+ ja (?:naisia|miehiä)"
            r"|(?:Naisia|Miehiä) [^.]*oli \S+[\s\xa0]prosenttia ja "
        )
        found = [s for s in generated_sentences() if joined.search(s)]
        assert [] == found

    def test_victims_named_before_are_uhreista(self) -> None:
        """Right after the register names the victims, their shares open "Uhreista", in every
        release alike, not "Ihmiskaupan uhreista" in some."""
        found = [
            text
            for _, release in all_releases()
            for text in texts(release)[0]
            if re.search(r"ihmiskaupan uhri[^.]*\. Ihmiskaupan uhreista", text)
        ]
        assert [] == found
        assert "lastaan. Uhreista 18 oli alaikäisiä" in _said("edge/corrected")

    def test_small_gender_counts_say_tai_alike(self) -> None:
        """Counted gender groups say "tai" on both sides ("yksi oli nainen tai tyttö ja
        yhdeksän miehiä tai poikia"), never "… tai tyttö ja yhdeksän miehiä ja poikia"."""
        said = [text for _, release in all_releases() for text in texts(release)[0]]
        assert [] == [t for t in said if re.search(r"tai (?:tyttö|poika)\w* ja \S+ \w+ ja ", t)]
        assert any("nainen tai tyttö ja yhdeksän miehiä tai poikia" in t for t in said)

    def test_a_small_count_is_written_alike_in_neighbouring_sentences(self) -> None:
        """A count from two to nine is not a digit in one sentence and a word in the next
        ("… ja 4 pakkoavioliiton uhreja. … kahdeksan koko vuonna 2017 ja neljä …"): a
        comparison with a figure of 10 or more gives its earlier counts in digits."""
        words = {word: n for word, n in CARDINALS.items() if 2 <= n <= 9}
        spelled = re.compile(r"\b(" + "|".join(words) + r")\b")
        found = [
            (name, first, second)
            for name, runs, written in corpus("fi")
            for run in runs
            for first, second in itertools.pairwise(run)
            if not (first in written and second in written)
            if {
                int(d)
                for d in re.findall(r"(?<![\d.,–-])\b([2-9])\b(?![.,]\d)", f"{first} {second}")
            }
            & {words[w] for w in spelled.findall(f"{first} {second}")}
        ]
        assert [] == found
        example = " ".join(texts(nas_press.load_release(EXAMPLES / "2018-h1.toml"))[0])
        assert "vähemmän: 8 koko vuonna 2017 ja 4 koko vuonna 2016." in example


def test_exact_multiples_of_a_change_are_said_as_multiples() -> None:
    """An exact multiple or half of the referrals' change is said so ("kaksi kertaa niin
    paljon kuin …", "puolet vähemmän kuin …"), never "100 prosenttia enemmän" nor "50
    prosenttia vähemmän", in every generated sentence."""
    pattern = re.compile(
        r"\b(?:(?:100|200|250|300|400)[\xa0 ]prosenttia enemmän|50[\xa0 ]prosenttia vähemmän)"
        r" kuin\b"
    )
    found = [
        (name, sentence)
        for name, runs, written in corpus("fi")
        for run in runs
        for sentence in run
        if sentence not in written and pattern.search(sentence)
    ]
    assert [] == found
    said = [s for _, runs, _ in corpus("fi") for run in runs for s in run]
    assert any("mikä on kaksi kertaa niin paljon kuin" in s for s in said)
    assert any("mikä on puolet vähemmän kuin" in s for s in said)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "Ohjattuja oli 100, mikä on kaksi kertaa niin paljon kuin vuonna 2029 (50).",
            "percent:100",
        ),
        (
            "Ohjattuja oli 350, mikä on kolme ja puoli kertaa niin paljon kuin vuonna 2029.",
            "percent:250",
        ),
        ("Ohjattuja oli 50, mikä on puolet vähemmän kuin vuonna 2029.", "percent:50"),
    ],
)
def test_multiples_of_a_change_read_as_per_cent(text: str, value: str) -> None:
    """The figure check reads the Finnish multiple or half of a change as the per cent it
    stands for, and not its number word as a count or a multiple."""
    from nas_press.checks.figures import extract

    found = [f.value for f in extract(text, "fi")]
    assert value in found
    assert not [f for f in found if f.startswith("times:") or f in ("n:3", "n:2")]


def test_children_come_with_the_new_clients() -> None:
    """The children who came with the new clients are said in the sentence of the new
    clients ("… otettiin 247 uutta asiakasta ja lisäksi heidän 50 alaikäistä lastaan"), and
    those exploited in Finland after them with their group named, not "heistä", which would
    be the children; never a sentence of their own after those exploited in Finland ("Lisäksi
    asiakkaiksi otettiin uusien asiakkaiden 50 alaikäistä lasta")."""
    said = [s for _, runs_, _ in corpus("fi") for run in runs_ for s in run]
    assert [] == [s for s in said if re.match(r"Lisäksi \w+ \w+ uusien asiakkaiden", s)]
    assert (
        "Vuonna 2020 auttamisjärjestelmään otettiin 247 uutta asiakasta ja lisäksi heidän 50"
        " alaikäistä lastaan." in said
    )
    assert "Uusista asiakkaista 123 oli joutunut hyväksikäytetyksi Suomessa." in said


def test_one_new_client_in_the_singular() -> None:
    """One new client admitted is said in the singular, "hyväksyttiin yksi uusi asiakas",
    never with the plural partitive of a count ("uusia asiakkaita hyväksyttiin yksi")."""
    plural_one = re.compile(r"\b[Uu]usia asiakkaita hyväksyttiin yksi\b")
    assert [] == generated_problems(
        "fi", lambda s: ["one in the plural partitive"] if plural_one.search(s) else []
    )
