"""Every figure, person, title, phone number and address of the two reference releases
appears in each language version of its example, in that language's format."""

from __future__ import annotations

import functools
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import EXAMPLE_STEMS, EXAMPLES, LANGS, load_example

import nas_press

NB = "\xa0"

# (fi, sv, en): how each figure or fact of the reference release reads in each language.
FACTS_2025 = [
    ("185", "185", "185"),
    (f"19{NB}prosenttia enemmän", f"19{NB}procent fler", f"19{NB}per cent more"),
    ("piiriin hyväksyttiin 88 uutta asiakasta", "88 nya klienter", "88 new clients"),
    (f"34{NB}prosenttia", f"34{NB}procent", f"34{NB}per cent"),
    (f"31{NB}prosenttia", f"31{NB}procent", f"31{NB}per cent"),
    (f"27{NB}prosenttia", f"27{NB}procent", f"27{NB}per cent"),
    ("viidessä kunnassa", "fem kommuner", "five municipalities"),
    ("42", "42", "42"),
    ("noin puolet", "Ungefär hälften", "About half"),
    ("kummankin noin viidesosa", "ungefär en femtedel vardera", "about a fifth each"),
    ("edustivat 24 eri kansalaisuutta", "medborgare i 24 länder", "24 nationalities"),
    ("seitsemän oli Suomen kansalaisia", "sju var finska medborgare", "seven were Finnish"),
    (f"71{NB}prosenttia", f"71{NB}procent", f"71{NB}per cent"),
    (f"1{NB}588", f"1{NB}588", "1,588"),
    (f"1{NB}323", f"1{NB}323", "1,323"),
    ("265", "265", "265"),
    (
        "Uhreista 21 oli alaikäisiä",
        "Av offren var 21 minderåriga",
        "Of the victims, 21 were minors",
    ),
    ("noin kaksi kolmasosaa", "ungefär två tredjedelar", "about two thirds"),
    ("2006", "2006", "2006"),
    (
        f"(24/7) päivystävää infopuhelinta (0295{NB}463{NB}177)",
        f"0295{NB}463{NB}177, som är öppen dygnet runt (24/7)",
        f"24/7 helpline, 0295{NB}463{NB}177",
    ),
    ("Joutsenon vastaanottokeskus", "Joutseno förläggning", "Joutseno reception centre"),
    ("Maahanmuuttovirasto", "Migrationsverket", "Finnish Immigration Service"),
    ("ihmiskauppa.fi", "ihmiskauppa.fi", "ihmiskauppa.fi"),
    (
        "apulaisjohtaja Katri Lyijynen",
        "Katri Lyijynen, biträdande direktör",
        "Katri Lyijynen, Deputy Director",
    ),
    (
        "ylitarkastaja ja tiiminvetäjä Terhi Tafari",
        "Terhi Tafari, överinspektör och teamledare",
        "Terhi Tafari, Senior Adviser and Team Leader",
    ),
    (
        "31. heinäkuuta asti:\nVeikko Mäkelä\nylitarkastaja",
        "Till och med den 31 juli:\nVeikko Mäkelä\növerinspektör",
        "Until 31 July:\nVeikko Mäkelä\nSenior Adviser",
    ),
    (
        "4. elokuuta alkaen:\nTerhi Tafari\nylitarkastaja ja tiiminvetäjä",
        "Från och med den 4 augusti:\nTerhi Tafari\növerinspektör och teamledare",
        "From 4 August:\nTerhi Tafari\nSenior Adviser and Team Leader",
    ),
    (
        "Minna Lehtipuu\nviestinnän asiantuntija",
        "Minna Lehtipuu\nkommunikationsspecialist",
        "Minna Lehtipuu\nCommunications Specialist",
    ),
    (f"0295{NB}463{NB}242\nveikko.makela@migri.fi",) * 3,
    (f"0295{NB}463{NB}240\nterhi.tafari@migri.fi",) * 3,
    (f"0295{NB}434{NB}240\nminna.lehtipuu@migri.fi",) * 3,
]

FACTS_2018 = [
    ("76 uutta asiakasta", "76 nya klienter", "76 new clients"),
    ("Heistä 30", "Av dem hade 30", "30 of whom"),
    (
        "12 oli seksuaalisen hyväksikäytön, 10 pakkotyön ja 4 pakkoavioliiton uhreja",
        "tolv varit offer för sexuellt utnyttjande, tio för tvångsarbete och fyra för"
        " tvångsäktenskap",
        "12 had been victims of sexual exploitation, 10 of forced labour and four of forced"
        " marriage",
    ),
    (
        "8 koko vuonna 2017 ja 4 koko vuonna 2016",
        "åtta under hela 2017 och fyra under hela 2016",
        "more victims of sexual exploitation than in the whole of 2017 (eight) or 2016 (four)",
    ),
    ("GRETA", "GRETA", "GRETA"),
    ("115 henkilöä", "115 personer", "115 people"),
    (
        "30. kesäkuuta 2018 vielä viisi esitystä",
        "30 juni 2018 väntade fem hänvisningar fortfarande på beslut",
        "On 30 June 2018, five referrals were still awaiting a decision",
    ),
    (
        "vastaavana aikana vuotta aiemmin, jolloin ohjattuja oli 88",
        "motsvarande period 2017 (88)",
        "first half of 2017 (88)",
    ),
    (
        "ohjattuja oli 88 ja asiakkaaksi otettiin 55",
        "(88), då 55 nya klienter antogs",
        "(88), when 55 new clients were admitted",
    ),
    (
        "2016, ohjattuja oli 74, ja heistä 45 otettiin asiakkaaksi",
        "hänvisades 74 personer under motsvarande period 2016, och 45 nya klienter antogs",
        "in the first half of 2016, 74 people were referred and 45 were admitted",
    ),
    ("379 henkilöä", "379 personer", "379 people"),
    (
        "299 ihmiskaupan uhria ja 80 heidän alaikäistä lastaan",
        "299 offer och deras 80 minderåriga barn",
        "299 victims of trafficking and their 80 underage children",
    ),
    (
        "Uhreista 40 oli tullut auttamisjärjestelmään alaikäisenä",
        "Av offren hade 40 antagits till hjälpsystemet som minderåriga",
        "40 had first come to the Assistance System as minors",
    ),
    (
        "Uusista asiakkaista 18 eli lähes neljäsosa",
        "Nästan en fjärdedel av de nya klienterna (18 personer)",
        "Almost a quarter of the new clients (18 people)",
    ),
    (
        "29 oli seksuaalisen",
        "hade 29 varit offer för sexuellt utnyttjande",
        "29 had been victims of sexual",
    ),
    ("28 pakkotyön", "28 för tvångsarbete", "28 of forced labour"),
    ("11 pakkoavioliiton", "11 för tvångsäktenskap", "11 of forced marriage"),
    ("8 muiden", "8 för andra former", "eight of other forms"),
    ("kolme toimipistettä", "tre kontor", "three offices"),
    ("Joutsenon vastaanottokeskuksen", "Joutseno förläggning", "Joutseno reception centre"),
    ("www.ihmiskauppa.fi", "www.ihmiskauppa.fi", "www.ihmiskauppa.fi"),
]

CASES = [("2025-h1", FACTS_2025), ("2018-h1", FACTS_2018)]


@functools.cache
def text(stem: str, lang: str) -> str:
    """The plain text of an example in one language."""
    return nas_press.to_text(nas_press.render(load_example(stem), lang))


@pytest.mark.parametrize(("stem", "facts"), CASES, ids=[c[0] for c in CASES])
def test_every_fact_appears(stem: str, facts: list[tuple[str, str, str]], lang: str) -> None:
    """Each figure and fact of the reference release is in the version, formatted for it."""
    column = LANGS.index(lang)
    missing = [fact[column] for fact in facts if fact[column] not in text(stem, lang)]
    assert [] == missing


def test_make_examples_renders_every_example(tmp_path: Path) -> None:
    """`make examples` (examples/make_releases.py) exits 0 and writes the DOCX and text of
    every example release in every language, leaving out the history and organisation files."""
    script = EXAMPLES / "make_releases.py"
    result = subprocess.run(
        [sys.executable, str(script), str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert 0 == result.returncode, result.stderr
    expected = sorted(
        f"{stem}.{lang}.{ext}"
        for stem in EXAMPLE_STEMS
        for lang in LANGS
        for ext in ("docx", "txt")
    )
    assert expected == sorted(p.name for p in tmp_path.iterdir())
