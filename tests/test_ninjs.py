"""The ninjs writer (nas_press.writers.ninjs), validated against IPTC's ninjs 3.1 JSON Schema.

The schema is read from ``../shared/ninjs/`` beside the repository and never
copied into it. Without it, or without the ``jsonschema`` package, the tests
that validate skip on a developer's machine and fail in CI (``CI=true``), as
the tests that need an external program do (see ``tests/tools.py``).

``format`` is checked too: ``jsonschema`` checks ``date-time`` and ``uri`` only
when optional packages are installed, so the tests register their own strict
checks (RFC 3339 date-times, absolute RFC 3986 URIs).
"""

from __future__ import annotations

import datetime
import functools
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, NoReturn

import attrs
import pytest
from tests.conftest import EXAMPLE_STEMS, LANGS, card, load_example
from tests.tools import in_ci

import nas_press
from nas_press.document import (
    BulletList,
    Chart,
    ContactBlock,
    ContactGroup,
    Document,
    Heading,
    Lead,
    Link,
    Paragraph,
    Quote,
    contents,
    flat,
    plain,
)
from nas_press.exceptions import DocumentError
from nas_press.realize.realize import e164
from nas_press.writers.ninjs import NINJS_SCHEMA, ninjs, ninjs_bytes, publication_time, release_uri
from nas_press.writers.text import to_text

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "shared" / "ninjs" / "ninjs-schema_3.1.json"
"""IPTC's ninjs 3.1 schema, in ``shared/ninjs/`` next to the repository."""

CASES = [(stem, lang) for stem in EXAMPLE_STEMS for lang in LANGS]

EDGE = Path(__file__).resolve().parent / "edge"
EDGE_CASES = [(p.stem, lang) for p in sorted(EDGE.glob("*.toml")) for lang in LANGS]

_DATE_TIME = re.compile(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$"
)
"""RFC 3339 ``date-time``."""

_URI = re.compile(
    r"^[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=-]|%[0-9A-Fa-f]{2})*$"
)
"""An absolute URI: a scheme, then only the characters RFC 3986 allows."""


def _unavailable(message: str) -> NoReturn:
    """Skip the test locally, fail it in CI, where the schema and jsonschema are always present."""
    if in_ci():
        pytest.fail(
            f"{message}; CI=true, so a test that needs it fails instead of skipping", pytrace=False
        )
    pytest.skip(message)


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    """IPTC's ninjs 3.1 JSON Schema, read from ../shared/ninjs/."""
    if not SCHEMA_PATH.is_file():
        _unavailable(
            f"{SCHEMA_PATH} not found: put IPTC's ninjs-schema_3.1.json in shared/ninjs/"
            " next to the repository (never inside it)"
        )
    data: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> Any:
    """A validator of the draft the schema declares, checking formats strictly."""
    try:
        import jsonschema
    except ImportError:
        _unavailable("jsonschema not installed: install the project's test dependency group")
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    checker = jsonschema.FormatChecker()

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(value: object) -> bool:
        if not isinstance(value, str):
            return True
        datetime.datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
        return _DATE_TIME.match(value) is not None

    @checker.checks("uri")
    def is_uri(value: object) -> bool:
        return not isinstance(value, str) or _URI.match(value) is not None

    return cls(schema, format_checker=checker)


def errors(validator: Any, item: object) -> list[str]:
    """Every schema error in ``item``, as ``path: message``, in a stable order."""
    found = validator.iter_errors(item)
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found)


@functools.cache
def example(stem: str, lang: str) -> Document:
    """An example release written in ``lang``."""
    return nas_press.render(load_example(stem), lang)


def document(*blocks: object, published: datetime.date = datetime.date(2030, 7, 1)) -> Document:
    """A small English document with the given blocks."""
    return Document("en", "en-GB", "Headline", published, tuple(blocks))  # type: ignore[arg-type]


CONTACTS = ContactBlock(
    "For more information:",
    (
        ContactGroup(None, (card("Anna Example", email="anna.example@migri.fi"),)),
        ContactGroup(
            "Until 31 July:",
            (
                card(
                    "Bo Sample",
                    "press-desk@evil.example",
                    phone="+46 8 123 456 78",
                    e164="+46812345678",
                    email="bo.sample@migri.fi",
                    organisation="+999 555 0100",
                ),
            ),
        ),
    ),
)
"""A contact block of two contacts, the second with an address and a number in its title
and organisation, which are not contact details."""


def people(item: dict[str, object]) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    """The ``people`` of an item as (name, rel, [(type, role, value), …])."""
    return [
        (
            p["name"],
            p["rel"],
            [(c["type"], c["role"], c["value"]) for c in p.get("contactInfo", [])],
        )
        for p in item.get("people", [])  # type: ignore[attr-defined]
    ]


def by_content_type(entries: object, content_type: str) -> str:
    """The value of the one entry of ``entries`` with ``content_type``."""
    (value,) = [e["value"] for e in entries if e["contentType"] == content_type]  # type: ignore[attr-defined]
    return str(value)


def xhtml(fragment: str) -> ET.Element:
    """Parse an XHTML fragment as XML, wrapped in one element; fails if it is not well-formed."""
    return ET.fromstring(f"<div>{fragment}</div>")


class TestSchema:
    def test_declared_draft(self, schema: dict[str, Any], validator: Any) -> None:
        """The schema is IPTC's ninjs 3.1, declares draft 2020-12, and is what we validate with."""
        import jsonschema

        assert "https://json-schema.org/draft/2020-12/schema" == schema["$schema"]
        assert NINJS_SCHEMA == schema["$id"]
        assert jsonschema.Draft202012Validator is type(validator)

    @pytest.mark.parametrize(("stem", "lang"), CASES)
    def test_examples_validate(self, validator: Any, stem: str, lang: str) -> None:
        """Both example releases, in each of the three languages, are valid ninjs 3.1."""
        item = ninjs(example(stem, lang), release_id=stem)
        assert [] == errors(validator, item)

    @pytest.mark.parametrize(("stem", "lang"), EDGE_CASES)
    def test_edge_cases_validate(self, validator: Any, stem: str, lang: str) -> None:
        """Every edge-case release (tests/edge/), in each language, is valid ninjs 3.1."""
        release = nas_press.load_release(EDGE / f"{stem}.toml")
        item = ninjs(nas_press.render(release, lang), release_id=release.id)
        assert [] == errors(validator, item)

    @pytest.mark.parametrize(("stem", "lang"), CASES)
    def test_bytes_validate(self, validator: Any, stem: str, lang: str) -> None:
        """The JSON bytes, parsed back, are the same valid object."""
        item = ninjs(example(stem, lang), release_id=stem)
        parsed = json.loads(ninjs_bytes(example(stem, lang), release_id=stem))
        assert item == parsed
        assert [] == errors(validator, parsed)

    def test_without_lead(self, validator: Any) -> None:
        """A document without a lead validates and has no descriptions."""
        item = ninjs(document(Paragraph(("Body.",)), CONTACTS), release_id="test")
        assert [] == errors(validator, item)
        assert "descriptions" not in item

    def test_without_contacts(self, validator: Any) -> None:
        """A document without contacts validates and names no people."""
        item = ninjs(document(Lead(("Lead.",)), Paragraph(("Body.",))), release_id="test")
        assert [] == errors(validator, item)
        assert "people" not in item

    def test_headline_only(self, validator: Any) -> None:
        """A document that is only a headline validates, with no descriptions, bodies or people."""
        item = ninjs(document(), release_id="test")
        assert [] == errors(validator, item)
        assert [] == [key for key in ("descriptions", "bodies", "people") if key in item]

    def test_every_block(self, validator: Any) -> None:
        """A document with every kind of block, links and markup characters validates."""
        item = ninjs(
            document(
                Lead(("Lead with ", Link("a link", "https://example.fi/?a=1&b=2"), ".")),
                Heading(("Sub <heading> & more",)),
                Paragraph(('1\xa0588 ‘quoted’ "double"',)),
                Quote(("“Quote,” says X.",)),
                BulletList((("a",), (Link("b", "https://example.fi/b"),))),
                CONTACTS,
            ),
            release_id="test",
            version=2,
        )
        assert [] == errors(validator, item)

    def test_odd_release_id(self, validator: Any) -> None:
        """A release id with spaces, slashes and non-ASCII letters still gives valid URIs."""
        item = ninjs(document(), release_id="2030 h1/ä")
        assert [] == errors(validator, item)
        assert "tag:ihmiskauppa.fi,2025:nas-press/2030%20h1%2F%C3%A4/en" == item["uri"]

    @pytest.mark.parametrize(
        ("change", "where"),
        [
            ({"uri": "not a uri"}, "uri"),
            ({"versionCreated": "2030-07-01"}, "versionCreated"),
            ({"version": 1}, "version"),
            ({"headline": "ninjs 1 spelling"}, ""),
            ({"embargoed": "2030-07-01T00:00:00+03:00"}, ""),
        ],
    )
    def test_validation_bites(self, validator: Any, change: dict[str, object], where: str) -> None:
        """The validator is not vacuous: a bad URI or date-time, a number for the version and
        a property ninjs 3.1 does not have (older spellings) are errors."""
        item = {**ninjs(document(), release_id="test"), **change}
        assert [where] == sorted({e.split(":")[0] for e in errors(validator, item)})


class TestLanguageVersions:
    @pytest.mark.parametrize("stem", EXAMPLE_STEMS)
    def test_shared_identifier(self, stem: str) -> None:
        """The language versions share one altIds entry, the release's URI, and differ in
        uri and language."""
        items = [ninjs(example(stem, lang), release_id=stem) for lang in LANGS]
        shared = [{"role": "release", "value": f"tag:ihmiskauppa.fi,2025:nas-press/{stem}"}]
        assert [shared] * len(LANGS) == [item["altIds"] for item in items]
        assert [f"{shared[0]['value']}/{lang}" for lang in LANGS] == [i["uri"] for i in items]
        assert ["fi-FI", "sv-FI", "en-GB"] == [item["language"] for item in items]

    def test_release_uri(self) -> None:
        """The shared identifier is a tag URI (RFC 4151) under ihmiskauppa.fi."""
        assert "tag:ihmiskauppa.fi,2025:nas-press/2025-h1" == release_uri("2025-h1")

    def test_version(self) -> None:
        """``version`` is written as a string; the uri stays the same from version to version."""
        first = ninjs(example("2025-h1", "fi"), release_id="2025-h1")
        third = ninjs(example("2025-h1", "fi"), release_id="2025-h1", version=3)
        assert ("1", "3") == (first["version"], third["version"])
        assert first["uri"] == third["uri"]
        assert {**first, "version": "3"} == third

    @pytest.mark.parametrize("version", [0, -1, True, 1.0])
    def test_bad_version(self, version: Any) -> None:
        """A version that is not a whole number from 1 is refused."""
        with pytest.raises(ValueError, match="version must be a whole number from 1"):
            ninjs(document(), release_id="test", version=version)

    def test_empty_release_id(self) -> None:
        """An empty release id is refused: it could not link the language versions."""
        with pytest.raises(ValueError, match="release_id must not be empty"):
            ninjs(document(), release_id="")


class TestContent:
    @pytest.mark.parametrize(("stem", "lang"), CASES)
    def test_headline(self, stem: str, lang: str) -> None:
        """The one headline, role main, is the document's title."""
        doc = example(stem, lang)
        item = ninjs(doc, release_id=stem)
        assert [{"role": "main", "value": doc.title}] == item["headlines"]

    @pytest.mark.parametrize(("stem", "lang"), CASES)
    def test_lead(self, stem: str, lang: str) -> None:
        """The lead is the description, as the plain-text writer shows it and as XHTML."""
        doc = example(stem, lang)
        item = ninjs(doc, release_id=stem)
        leads = [b for b in doc.blocks if isinstance(b, Lead)]
        assert 1 == len(leads)
        alone = attrs.evolve(doc, blocks=tuple(leads), dateline=None)
        expected = to_text(alone).split("\n\n", 1)[1][:-1]
        assert ["lead", "lead"] == [d["role"] for d in item["descriptions"]]  # type: ignore[attr-defined]
        assert expected == by_content_type(item["descriptions"], "text/plain")
        rich = xhtml(by_content_type(item["descriptions"], "application/xhtml+xml"))
        assert expected == "".join(rich.itertext())

    @pytest.mark.parametrize(("stem", "lang"), CASES)
    def test_body_text(self, stem: str, lang: str) -> None:
        """The plain-text body is the plain-text writer's output without headline and lead."""
        doc = example(stem, lang)
        item = ninjs(doc, release_id=stem)
        rest = tuple(b for b in doc.blocks if not isinstance(b, Lead))
        alone = attrs.evolve(doc, blocks=rest, dateline=None)
        expected = to_text(alone).removeprefix(f"{doc.title}\n\n")
        assert expected[:-1] == by_content_type(item["bodies"], "text/plain")
        assert [("main", "text/plain"), ("richtext", "application/xhtml+xml")] == [
            (b["role"], b["contentType"])
            for b in item["bodies"]  # type: ignore[attr-defined]
        ]

    @pytest.mark.parametrize(("stem", "lang"), CASES)
    def test_body_xhtml(self, stem: str, lang: str) -> None:
        """The XHTML body is well-formed, holds every paragraph's text and keeps links working."""
        doc = example(stem, lang)
        item = ninjs(doc, release_id=stem)
        root = xhtml(by_content_type(item["bodies"], "application/xhtml+xml"))
        texts = ["".join(e.itertext()) for e in root if e.tag in ("p", "h2")]
        for block in doc.blocks:
            if isinstance(block, Paragraph):
                assert plain(block.content) in texts
            if isinstance(block, Heading):
                assert block.text in texts
        links = [b for b in doc.blocks if not isinstance(b, Lead)]
        expected = [
            (piece.url, piece.text)
            for block in links
            for content in contents(block)
            for piece in flat(content)
            if isinstance(piece, Link) and not isinstance(block, Chart)
        ]
        assert expected == [(a.get("href"), a.text) for a in root.iter("a")]

    @pytest.mark.parametrize(("stem", "lang"), CASES)
    def test_contacts(self, stem: str, lang: str) -> None:
        """Each contact of the release is a person (rel contact) with its phone and e-mail."""
        release = load_example(stem)
        item = ninjs(example(stem, lang), release_id=stem)
        expected = [
            (c.name, "contact", [("phone", "work", e164(c.phone)), ("email", "work", c.email)])
            for c in release.contacts
        ]
        assert expected == people(item)
        assert ("people" in item) == bool(release.contacts)

    def test_example_contacts(self) -> None:
        """The 2025 example names its three contacts; the 2018 one has none and no people."""
        assert 3 == len(people(ninjs(example("2025-h1", "sv"), release_id="2025-h1")))
        assert "people" not in ninjs(example("2018-h1", "sv"), release_id="2018-h1")

    def test_contact_fields_only(self) -> None:
        """Contact details are the contact's own phone and e-mail fields, in E.164 form;
        an address or a number in a title or an organisation is not taken for one."""
        item = ninjs(document(CONTACTS), release_id="test")
        expected = [
            (
                "Anna Example",
                "contact",
                [("phone", "work", "+358295463000"), ("email", "work", "anna.example@migri.fi")],
            ),
            (
                "Bo Sample",
                "contact",
                [("phone", "work", "+46812345678"), ("email", "work", "bo.sample@migri.fi")],
            ),
        ]
        assert expected == people(item)

    @pytest.mark.parametrize("stem", EXAMPLE_STEMS)
    def test_dates(self, stem: str) -> None:
        """A release file's date alone is published at 10:00 in Finland, first version and
        this one; not embargoed, so no embargoedUntil."""
        release = load_example(stem)
        item = ninjs(example(stem, "fi"), release_id=stem)
        moment = f"{release.published.isoformat()}T10:00:00+03:00"
        keys = ("firstCreated", "versionCreated")
        assert [moment] * 2 == [item[key] for key in keys]
        assert "contentCreated" not in item
        assert "embargoedUntil" not in item

    def test_winter_date(self) -> None:
        """A document without a dateline is dated 00:00 Finnish winter time (+02:00)."""
        item = ninjs(document(published=datetime.date(2030, 1, 15)), release_id="test")
        assert "2030-01-15T00:00:00+02:00" == item["firstCreated"]

    @pytest.mark.parametrize(
        ("date", "expected"),
        [
            (datetime.date(2030, 1, 15), "2030-01-15T00:00:00+02:00"),
            (datetime.date(2025, 3, 30), "2025-03-30T00:00:00+02:00"),
            (datetime.date(2025, 3, 31), "2025-03-31T00:00:00+03:00"),
            (datetime.date(2025, 10, 26), "2025-10-26T00:00:00+03:00"),
            (datetime.date(2025, 10, 27), "2025-10-27T00:00:00+02:00"),
        ],
    )
    def test_publication_time(self, date: datetime.date, expected: str) -> None:
        """Midnight in Helsinki carries that day's offset: +02:00 in winter, +03:00 in summer
        (the clocks change at 03:00/04:00, after midnight)."""
        assert expected == publication_time(date)

    def test_fixed_fields(self) -> None:
        """The fixed fields: standard, type, completeness and status, in a fixed key order."""
        item = ninjs(document(Lead(("L.",)), Paragraph(("P.",)), CONTACTS), release_id="t")
        expected_keys = [
            "uri",
            "standard",
            "altIds",
            "type",
            "representationType",
            "version",
            "language",
            "pubStatus",
            "firstCreated",
            "versionCreated",
            "headlines",
            "descriptions",
            "bodies",
            "people",
        ]
        assert expected_keys == list(item)
        expected = {"name": "ninjs", "version": "3.1", "schema": NINJS_SCHEMA}
        assert expected == item["standard"]
        assert ("text", "full", "usable") == (
            item["type"],
            item["representationType"],
            item["pubStatus"],
        )

    def test_xhtml_escaping(self) -> None:
        """Markup characters in text and link targets are escaped; the fragment parses back."""
        doc = document(Paragraph(("a < b & c > d ", Link("x", 'https://e.fi/?a=1&b="2"'))))
        value = by_content_type(ninjs(doc, release_id="t")["bodies"], "application/xhtml+xml")
        assert (
            '<p>a &lt; b &amp; c &gt; d <a href="https://e.fi/?a=1&amp;b=&quot;2&quot;">x</a></p>'
            == value
        )
        assert 'https://e.fi/?a=1&b="2"' == xhtml(value).find("p/a").get("href")  # type: ignore[union-attr]

    @pytest.mark.parametrize("char", ["\x01", "\x0b", "\ufffe", "\ud800"])
    def test_text_xml_cannot_hold(self, char: str) -> None:
        """Text holding a character XML cannot hold is refused, naming the block."""
        with pytest.raises(DocumentError, match=r"block 0 \(Paragraph\)"):
            ninjs(document(Paragraph((f"x{char}y",))), release_id="test")


class TestBytes:
    @pytest.mark.parametrize(("stem", "lang"), CASES)
    def test_deterministic(self, stem: str, lang: str) -> None:
        """The same document gives the same bytes, also when rendered afresh."""
        fresh = nas_press.render(load_example(stem), lang)
        first = ninjs_bytes(example(stem, lang), release_id=stem)
        assert first == ninjs_bytes(example(stem, lang), release_id=stem)
        assert first == ninjs_bytes(fresh, release_id=stem)

    def test_layout(self) -> None:
        """UTF-8 JSON indented by two spaces, ending in one newline."""
        data = ninjs_bytes(document(Paragraph(("x",))), release_id="t")
        assert data.startswith(b'{\n  "uri": "tag:')
        assert data.endswith(b"\n}\n")
        assert b"\r" not in data
        assert ninjs(document(Paragraph(("x",))), release_id="t") == json.loads(data)

    def test_characters_as_themselves(self) -> None:
        """No-break spaces, letters with diacritics and typographic quotes are written as the
        characters themselves (UTF-8), not as \\u escapes."""
        data = ninjs_bytes(example("2025-h1", "fi"), release_id="2025-h1")
        text = data.decode("utf-8")
        assert "1\xa0588" in text
        assert "Mäkelä" in text
        assert "–" in text
        assert "\\u" not in text
        assert "&nbsp;" not in text
