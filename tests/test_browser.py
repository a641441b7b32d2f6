"""A real browser opens every HTML page: headless Chromium, with axe-core.

Both examples, every edge-case release in ``tests/edge/`` and a release built
here with what they lack (:func:`sample_release`: a link whose text is not its
address, line breaks and a tab in authored texts) are rendered in the three
languages as HTML and plain text (``render_outputs``), written to files and
opened from ``file:`` addresses in one headless Chromium for the whole module
(:mod:`tests.chromium`). In each page:

- axe-core (pinned in ``tests/browser/package.json``) runs with the rules
  tagged WCAG 2.0, 2.1 and 2.2 level A and AA and ``best-practice``
  (:data:`AXE_TAGS`): it must report no violation, and nothing it could not
  decide ("incomplete", which needs a person to review);
- ``document.body.innerText``, the text as laid out and shown, must be the
  plain-text output line by line, after normalising white space
  (:func:`lines`), no-break spaces included;
- ``document.documentElement.lang`` must be the version's language tag.

Broken pages made from a real one must each be reported by axe with the
rule they break, so a passing run means something.

The tests skip without ``chromium`` (Debian ``chromium``) or axe-core (``make
browser-tools``) and fail without them in CI (see :mod:`tests.tools`).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from tests.chromium import Chromium
from tests.conftest import EXAMPLE_STEMS, EXAMPLES, LANGS, minimal_release, texts, to_toml
from tests.tools import require_file, require_tool

import nas_press
import nas_press._api
import nas_press.document
from nas_press.document import Document, Link

AXE = Path(__file__).resolve().parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"
"""The version pinned in tests/browser/package.json; the tests check that it is the one run."""

AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")
"""The rules run: WCAG 2.1 AA, which the EU Web Accessibility Directive asks for through
EN 301 549, WCAG 2.2 AA, its successor, and axe's best practices (one ``main``, one ``h1``,
all content in landmarks, heading order), which an article page can meet in full. AAA
rules and axe's experimental rules are left out."""

EXPECTED_RULES = (
    "color-contrast",
    "document-title",
    "heading-order",
    "html-has-lang",
    "html-lang-valid",
    "landmark-one-main",
    "link-name",
    "page-has-heading-one",
    "region",
)
"""Rules that must have checked something (passed) on every page: evidence that axe ran
the intended rule set on the real content, not on an empty or unloaded page."""

LANGUAGE_TAGS = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}
"""The language tag of each version, written out here rather than taken from the document."""

EDGE = Path(__file__).resolve().parent / "edge"
EDGE_STEMS = tuple(sorted(p.stem for p in EDGE.glob("*.toml")))
SAMPLE = "sample"
STEMS = (*EXAMPLE_STEMS, *EDGE_STEMS, SAMPLE)

INSPECT = """
axe.run(document, {runOnly: {type: "tag", values: %s}}).then(result => ({
  version: result.testEngine.version,
  violations: result.violations.map(rule => ({
    id: rule.id, impact: rule.impact, help: rule.help, helpUrl: rule.helpUrl,
    nodes: rule.nodes.map(node => ({target: node.target, summary: node.failureSummary})),
  })),
  incomplete: result.incomplete.map(rule => ({
    id: rule.id, impact: rule.impact, help: rule.help, helpUrl: rule.helpUrl,
    nodes: rule.nodes.map(node => ({target: node.target, summary: node.failureSummary})),
  })),
  passes: result.passes.map(rule => rule.id),
  text: document.body.innerText,
  lang: document.documentElement.lang,
}))
"""
"""Runs axe-core on the open page and returns its findings with the page's visible text and
language; a script, not a file of its own, so that each page is opened and read once."""

# Only ASCII white space: \s would also match the no-break spaces (U+00A0)
# that numbers and percentages hold, which must survive into the page.
_WHITE_SPACE = re.compile("[ \t\r\f\v]+")
_BULLET = re.compile("^- ", re.MULTILINE)


def sample_release() -> nas_press.Release:
    """A valid release with what the bundled ones lack.

    An authored paragraph with a link whose text is not its address (the
    plain text then shows the address in angle brackets), a line break and a
    tab; a heading and a contact title with a line break.
    """
    data = copy.deepcopy(minimal_release())
    data["body"][1:1] = [
        {"heading": texts("Kaksi\nriviä", "Två\nrader", "Two\nlines")},
        {
            "paragraph": texts(
                "Lue [katsaus](https://migri.fi/katsaus?vuosi=2030).\nToinen\trivi.",
                "Läs [översikten](https://migri.fi/sv/oversikt?ar=2030).\nAndra\traden.",
                "Read [the review](https://migri.fi/en/review?year=2030).\nSecond\tline.",
            )
        },
    ]
    data["contacts"][0]["title"] = texts(
        "ylitarkastaja\nMaahanmuuttovirasto",
        "överinspektör\nMigrationsverket",
        "Senior Adviser\nMigri",
    )
    return nas_press.parse_release(to_toml(data), source=f"{SAMPLE}.toml")


def release(stem: str) -> nas_press.Release:
    """The release called ``stem``: an example, an edge case or the sample."""
    if stem == SAMPLE:
        return sample_release()
    if stem in EDGE_STEMS:
        return nas_press.load_release(EDGE / f"{stem}.toml")
    return nas_press.load_release(EXAMPLES / f"{stem}.toml")


@attrs.frozen
class Inspected:
    """One page as the browser showed it, with the plain text it must match."""

    document: Document
    plain_text: str
    result: dict[str, Any]


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    """One headless Chromium for the whole module."""
    executable = require_tool("chromium", "chromium")
    with Chromium(executable) as chromium:
        yield chromium


@pytest.fixture(scope="module")
def axe_source() -> str:
    """The source of axe-core, injected into each page after it has loaded."""
    path = require_file(AXE, "run `make browser-tools` (npm ci in tests/browser)")
    return path.read_text(encoding="utf-8")


def inspect(browser: Chromium, axe_source: str, path: Path) -> dict[str, Any]:
    """Open ``path``, run axe-core in it, and return :data:`INSPECT`'s findings."""
    browser.open(path)
    browser.evaluate(axe_source)
    result: dict[str, Any] = browser.evaluate(INSPECT % list(AXE_TAGS))
    return result


@pytest.fixture(scope="module")
def inspected(
    browser: Chromium, axe_source: str, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, str], Inspected]:
    """Every page of every release in every language, opened and inspected once."""
    root = tmp_path_factory.mktemp("browser")
    pages: dict[tuple[str, str], Inspected] = {}
    for stem in STEMS:
        source = release(stem)
        outputs = nas_press._api.render_outputs(source, stem, LANGS, ("html", "txt"))
        for lang in LANGS:
            page = root / f"{stem}.{lang}.html"
            page.write_bytes(outputs[page.name])
            pages[stem, lang] = Inspected(
                document=nas_press.render(source, lang),
                plain_text=outputs[f"{stem}.{lang}.txt"].decode("utf-8"),
                result=inspect(browser, axe_source, page),
            )
    return pages


@pytest.fixture(params=STEMS)
def page(
    request: pytest.FixtureRequest, lang: str, inspected: dict[tuple[str, str], Inspected]
) -> Inspected:
    """Each release in each language, as the browser showed it."""
    return inspected[str(request.param), lang]


def describe(findings: list[dict[str, Any]]) -> str:
    """axe-core's findings, one rule a paragraph: id, impact, help, address and each node."""
    out = []
    for rule in findings:
        out.append(f"{rule['id']} ({rule['impact']}): {rule['help']} <{rule['helpUrl']}>")
        for node in rule["nodes"]:
            summary = " ".join(str(node["summary"] or "").split())
            out.append(f"  at {' > '.join(map(str, node['target']))}: {summary}")
    return "\n".join(out)


def links(document: Document) -> Iterator[Link]:
    """Every link of ``document``, in order (a chart has none)."""
    for _, link in nas_press.document.links(document):
        yield link


def lines(text: str) -> list[str]:
    """The lines of ``text`` with white space normalised: what must be equal, line by line.

    Each run of ASCII white space within a line (spaces, tabs) becomes one
    space, each line is stripped, and blank lines are dropped, so that the
    blank line between two paragraphs of the plain text and the margins a
    browser turns into line ends count alike. No-break spaces are kept, and
    line ends are not collapsed: a heading run into a paragraph, or a lost
    ``<br>``, is a difference.
    """
    stripped = (_WHITE_SPACE.sub(" ", line).strip(" ") for line in text.split("\n"))
    return [line for line in stripped if line]


def shown_lines(page: Inspected) -> tuple[list[str], list[str]]:
    """The plain text as a browser would show it, and what the browser showed, as :func:`lines`.

    Two differences are by design and removed from the plain text, exactly
    and nothing else: a link's address, which the plain text adds in angle
    brackets after a link text that does not show it (in the page it is the
    ``href``), and the ``- `` before a bullet item (in the page the list
    marker, which is not text).
    """
    ours = page.plain_text
    for link in links(page.document):
        ours = ours.replace(f"{link.text} <{link.url}>", link.text)
    return lines(_BULLET.sub("", ours)), lines(page.result["text"])


class TestAxe:
    def test_no_violations(self, page: Inspected) -> None:
        """axe-core finds no violation of WCAG 2.0–2.2 A and AA or of its best practices."""
        violations = page.result["violations"]
        assert [] == [rule["id"] for rule in violations], describe(violations)

    def test_nothing_left_undecided(self, page: Inspected) -> None:
        """axe-core could decide every rule: nothing needs a person to review (incomplete)."""
        incomplete = page.result["incomplete"]
        assert [] == [rule["id"] for rule in incomplete], describe(incomplete)

    def test_rules_ran(self, page: Inspected) -> None:
        """The rules that matter on an article page ran and passed, colour contrast among them."""
        assert [] == [rule for rule in EXPECTED_RULES if rule not in page.result["passes"]]

    def test_pinned_version(self, page: Inspected) -> None:
        """The axe-core that ran is the version pinned in tests/browser/package.json."""
        assert AXE_VERSION == page.result["version"]


class TestText:
    def test_visible_text_is_the_plain_text(self, page: Inspected) -> None:
        """What the browser shows, line by line, is the plain text, up to white space.

        Also up to a link's address and a bullet's ``- ``, which a page shows
        otherwise (:func:`shown_lines`).
        """
        expected, actual = shown_lines(page)
        assert expected == actual

    def test_no_break_spaces_survive(self, page: Inspected) -> None:
        """Every no-break space of the plain text is shown, none turned into a space."""
        assert page.plain_text.count("\xa0") == page.result["text"].count("\xa0")


class TestLanguage:
    def test_document_language(self, page: Inspected, lang: str) -> None:
        """The page's language, as the browser reads it, is the version's tag."""
        assert LANGUAGE_TAGS[lang] == page.result["lang"]


@pytest.fixture(scope="module")
def real_page() -> str:
    """The English page of the 2025 example, which passes every check, to break."""
    outputs = nas_press._api.render_outputs(release("2025-h1"), "2025-h1", ("en",), ("html",))
    return outputs["2025-h1.en.html"].decode("utf-8")


IMAGE = (
    "<img src=\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'"
    " width='20' height='20'%3E%3C/svg%3E\">"
)

BREAKAGES = {
    "image-alt": ("</h1>", "</h1>\n<p>" + IMAGE + "</p>"),
    "html-has-lang": ('<html lang="en-GB">', "<html>"),
    "html-lang-valid": ('<html lang="en-GB">', '<html lang="english">'),
    "document-title": ("<title>[^<]*</title>", "<title></title>"),
    "link-name": ("</h1>", '</h1>\n<p><a href="https://migri.fi/"></a></p>'),
    "heading-order": ("<h2>", "<h4>"),
    "color-contrast": ("color: #1a1a1a;", "color: #b0b0b0;"),
    "region": ("<main>", "<p>Outside every landmark.</p>\n<main>"),
}
"""For each axe rule, an edit of a real page that breaks it: a regular expression, whose
first match is replaced, and its replacement."""


class TestBrokenPages:
    @pytest.mark.parametrize("rule", sorted(BREAKAGES))
    def test_reported(
        self,
        rule: str,
        real_page: str,
        browser: Chromium,
        axe_source: str,
        tmp_path: Path,
    ) -> None:
        """A page broken in one way is reported by axe-core with the rule it breaks."""
        pattern, replacement = BREAKAGES[rule]
        broken, edits = re.subn(pattern, replacement, real_page, count=1)
        assert 1 == edits
        path = tmp_path / f"broken-{rule}.html"
        path.write_text(broken, encoding="utf-8")
        found = [v["id"] for v in inspect(browser, axe_source, path)["violations"]]
        assert rule in found

    def test_hidden_text_is_a_difference(
        self, real_page: str, browser: Chromium, axe_source: str, tmp_path: Path
    ) -> None:
        """Text the page hides is not in the visible text, so the text comparison fails."""
        path = tmp_path / "hidden.html"
        path.write_text(real_page.replace("<p>", '<p style="display: none">', 1), encoding="utf-8")
        shown = inspect(browser, axe_source, path)["text"]
        original = real_page[real_page.index("<p>") + 3 :]
        hidden = original[: original.index("</p>")]
        assert hidden not in shown
