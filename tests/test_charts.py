"""Charts: their figures, words and numbers per language, pictures, and where they go.

The pictures are drawn with matplotlib (the ``charts`` extra, in the test
dependency group); without it the release renders without charts and says so.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import os
import re
import struct
import subprocess
import sys
import warnings
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from tests.conftest import LANGS, ROOT, load_example

import nas_press
import nas_press.plan.statements
from nas_press.document import Chart, Document
from nas_press.plan import plan
from nas_press.plan.charts import HistoryPoint, PlannedChart
from nas_press.realize import charts as words
from nas_press.realize.locale import formatter
from nas_press.writers import charts as _charts, docx as _docx
from nas_press.writers.chart_cache import CACHE_ENV

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

FORMS_ALT = {
    "fi": "Uudet asiakkaat hyväksikäytön muodon mukaan tammi–kesäkuussa 2025. Osuudet 88"
    " uudesta asiakkaasta: pakkoavioliitto 30 (34\xa0%), pakkotyö 27 (31\xa0%) ja seksuaalinen"
    " hyväksikäyttö 24 (27\xa0%).",
    "sv": "Nya klienter efter form av utnyttjande under januari–juni 2025. Andelar av 88 nya"
    " klienter: tvångsäktenskap 30 (34\xa0%), tvångsarbete 27 (31\xa0%) och sexuellt"
    " utnyttjande 24 (27\xa0%).",
    "en": "New clients by form of exploitation in the first half of 2025. Shares of 88 new"
    " clients: forced marriage 30 (34%), forced labour 27 (31%) and sexual exploitation"
    " 24 (27%).",
}
"""The alt text of the 2025 chart of new clients by form: its title and every figure."""

HISTORY_ALT = {
    "fi": "Auttamisjärjestelmään ohjatut ja asiakkaiksi hyväksytyt tammi–kesäkuussa 2016–2018."
    " 2016: ohjattuja 74, asiakkaiksi hyväksyttyjä 45. 2017: ohjattuja 88, asiakkaiksi"
    " hyväksyttyjä 55. 2018: ohjattuja 115, asiakkaiksi hyväksyttyjä 76.",
    "sv": "Hänvisade till hjälpsystemet och antagna som klienter under januari–juni 2016–2018."
    " 2016: 74 hänvisade, 45 antagna som klienter. 2017: 88 hänvisade, 55 antagna som klienter."
    " 2018: 115 hänvisade, 76 antagna som klienter.",
    "en": "People referred to the NAS and admitted as clients, January–June"
    " 2016–2018. 2016: 74 referred, 45 admitted as clients. 2017: 88 referred, 55 admitted as"
    " clients. 2018: 115 referred, 76 admitted as clients.",
}
"""The alt text of the 2018 chart of referrals and admissions over the years."""


def picture(chart: Chart) -> bytes:
    """The chart's picture, which matplotlib (in the test group) always draws."""
    png = _charts.picture(chart)
    assert png is not None
    return png


def charts_of(document: Document) -> list[Chart]:
    """The chart blocks of a document, in order."""
    return [block for block in document.blocks if isinstance(block, Chart)]


def planned_charts(stem: str) -> list[PlannedChart]:
    """The planned charts of an example release, in order."""
    return [item for item in plan(load_example(stem)).items if isinstance(item, PlannedChart)]


def without_charts(release: nas_press.Release) -> nas_press.Release:
    """The release with its chart body items taken out."""
    body = tuple(item for item in release.body if not isinstance(item, nas_press.Chart))
    return attrs.evolve(release, body=body)


def png_chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    """Each chunk of a PNG file: its type and its data."""
    assert data.startswith(PNG_SIGNATURE)
    at = len(PNG_SIGNATURE)
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        yield kind, data[at + 8 : at + 8 + length]
        at += 12 + length


def png_size(data: bytes) -> tuple[int, int]:
    """The width and height of a PNG picture, in pixels."""
    kind, header = next(png_chunks(data))
    assert b"IHDR" == kind
    width, height = struct.unpack(">II", header[:8])
    return width, height


@pytest.fixture
def no_cache(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No chart kept on disk or in memory, so that every picture is drawn anew."""
    monkeypatch.setenv(CACHE_ENV, "")
    _charts._picture.cache_clear()
    yield
    _charts._picture.cache_clear()


class TestPlan:
    def test_forms_from_counts(self) -> None:
        """The forms chart has the new clients by form, ranked, with shares of all new clients."""
        (chart,) = planned_charts("2025-h1")
        assert "new_clients_forms" == chart.name
        assert 88 == chart.total
        assert [("forced_marriage", 30, 34), ("forced_labour", 27, 31)] == [
            (f.form, f.count, f.share.percent) for f in chart.forms[:2]
        ]
        assert ("sexual_exploitation", 24, 27) == (
            chart.forms[2].form,
            chart.forms[2].count,
            chart.forms[2].share.percent,
        )

    def test_other_last(self) -> None:
        """As in the statement, other forms come last, whatever their count."""
        forms_chart = planned_charts("2018-h1")[0]
        assert ["sexual_exploitation", "forced_labour", "forced_marriage", "other"] == [
            f.form for f in forms_chart.forms
        ]

    def test_history_oldest_first_with_this_period(self) -> None:
        """The history chart has the earlier periods of the same kind and this one, oldest first."""
        history = planned_charts("2018-h1")[1]
        assert [(2016, 74, 45), (2017, 88, 55), (2018, 115, 76)] == [
            (p.period.year, p.referred, p.admitted) for p in history.history
        ]

    def test_history_leaves_out_periods_of_another_kind(
        self, make_release: Callable[..., nas_press.Release]
    ) -> None:
        """A whole year is not compared with a first half."""

        def change(data: dict[str, Any]) -> None:
            data["history"]["2028"] = {"referrals": {"count": 300}}
            data["body"] = [{"chart": "referrals_history"}]

        (chart,) = plan(make_release(change)).items
        assert isinstance(chart, PlannedChart)
        assert [2029, 2030] == [p.period.year for p in chart.history]


class TestReleaseFile:
    def test_unknown_chart_with_hint(self) -> None:
        """An unknown chart is an error naming the key and line, with a "did you mean" hint."""
        text = (ROOT / "examples" / "2025-h1.toml").read_text("utf-8")
        text = text.replace('chart = "new_clients_forms"', 'chart = "new_client_forms"')
        release, problems = nas_press.read_release(text, source="x.toml")
        assert release is None
        (problem,) = [p for p in problems if p.severity == "error"]
        assert "body[2].chart" == problem.path
        assert "unknown chart 'new_client_forms'; did you mean 'new_clients_forms'?" == (
            problem.message
        )
        line = next(
            number
            for number, content in enumerate(text.splitlines(), start=1)
            if "new_client_forms" in content
        )
        assert line == problem.line

    def test_chart_is_one_thing(self) -> None:
        """A body item cannot be a chart and a statement at once, nor have other keys."""
        text = (ROOT / "examples" / "2025-h1.toml").read_text("utf-8")
        both = text.replace(
            'chart = "new_clients_forms"', 'chart = "new_clients_forms"\nstatement = "places"'
        )
        errors = [p for p in nas_press.read_release(both)[1] if p.severity == "error"]
        assert ["a body item must be exactly one thing"] == [p.message for p in errors]
        extra = text.replace('chart = "new_clients_forms"', 'chart = "new_clients_forms"\nshow = 1')
        errors = [p for p in nas_press.read_release(extra)[1] if p.severity == "error"]
        assert ["body[2].show"] == [p.path for p in errors]

    def test_history_needs_earlier_periods(
        self, make_release: Callable[..., nas_press.Release]
    ) -> None:
        """A history chart in a release without earlier periods is an error, like a statement."""

        def change(data: dict[str, Any]) -> None:
            data["history"] = {}
            data["body"].append({"chart": "referrals_history"})

        with pytest.raises(nas_press.ReleaseError) as caught:
            make_release(change)
        (problem,) = [p for p in caught.value.problems if p.severity == "error"]
        assert f"body[{len(nas_press.plan.statements.names())}].chart" == problem.path
        assert problem.message.startswith(
            "chart 'referrals_history' needs figures the release does not have"
        )
        assert problem.line is not None

    def test_forms_needs_a_count(self, make_release: Callable[..., nas_press.Release]) -> None:
        """A forms chart needs a form with a count above 0."""

        def change(data: dict[str, Any]) -> None:
            data["statistics"]["new_clients"]["forms"] = {"forced_labour": 0}
            data["statistics"]["new_clients"]["forms_by_gender"] = {}
            data["statistics"]["in_finland"]["forms"] = {}
            data["body"] = [{"chart": "new_clients_forms"}]

        with pytest.raises(nas_press.ReleaseError) as caught:
            make_release(change)
        assert ["body[0].chart"] == [
            p.path for p in caught.value.problems if p.path.startswith("body")
        ]

    def test_lint_refuses_unknown_chart(self) -> None:
        """A chart built in code must name a known chart: the release's check says so."""
        release = attrs.evolve(load_example("2025-h1"), body=(nas_press.Chart("pie"),))
        assert [("body[0].chart", "unknown chart 'pie'")] == [
            (p.path, p.message) for p in nas_press.lint(release) if p.severity == "error"
        ]


@pytest.mark.parametrize("lang", LANGS)
class TestWords:
    def test_forms_alt_text(self, lang: str) -> None:
        """The alt text states the title and every figure, formatted for the language."""
        (chart,) = charts_of(nas_press.render(load_example("2025-h1"), lang))
        assert FORMS_ALT[lang] == chart.alt

    def test_history_alt_text(self, lang: str) -> None:
        """The history chart's alt text states every period's referrals and admissions."""
        _, history = charts_of(nas_press.render(load_example("2018-h1"), lang))
        assert HISTORY_ALT[lang] == history.alt

    def test_title_starts_alt_text(self, lang: str) -> None:
        """The title drawn in the picture opens its alt text."""
        for stem in ("2018-h1", "2025-h1"):
            for chart in charts_of(nas_press.render(load_example(stem), lang)):
                assert chart.alt.startswith(chart.title + ". ")

    def test_bar_labels(self, lang: str) -> None:
        """Each bar is labelled with its count and share, in the language's format."""
        (chart,) = planned_charts("2025-h1")
        drawing = words._forms(chart, formatter(lang))
        percent = {"fi": "\xa0%", "sv": "\xa0%", "en": "%"}[lang]
        expected = tuple(f"{n} ({p}{percent})" for n, p in ((30, 34), (27, 31), (24, 27)))
        assert expected == drawing.series[0].labels

    def test_category_and_legend_labels(self, lang: str) -> None:
        """Forms are named in the language, and the history's series have legend labels."""
        forms, history = planned_charts("2018-h1")
        drawing = words._forms(forms, formatter(lang))
        expected_first = {"fi": "Seksuaalinen hyväksikäyttö", "sv": "Sexuellt utnyttjande"}
        assert expected_first.get(lang, "Sexual exploitation") == drawing.categories[0]
        drawing = words._history(history, formatter(lang))
        expected = {
            "fi": ("Ohjatut", "Asiakkaiksi hyväksytyt"),
            "sv": ("Hänvisade", "Antagna som klienter"),
            "en": ("Referred", "Admitted as clients"),
        }
        assert expected[lang] == tuple(s.label for s in drawing.series)
        assert ("2016", "2017", "2018") == drawing.categories

    def test_large_numbers(self, lang: str) -> None:
        """Numbers of four digits are grouped as the language groups them, ticks too."""
        chart = PlannedChart(
            "referrals_history",
            nas_press.Period(2031, nas_press.PeriodKind.YEAR),
            history=(
                HistoryPoint(nas_press.Period(2030, nas_press.PeriodKind.YEAR), 1588, None),
                HistoryPoint(nas_press.Period(2031, nas_press.PeriodKind.YEAR), 2001, 1200),
            ),
        )
        drawing = words._history(chart, formatter(lang))
        alt = drawing.alt
        separator = {"fi": "\xa0", "sv": "\xa0", "en": ","}[lang]
        assert f"1{separator}588" in alt
        assert ("", f"1{separator}200") == drawing.series[1].labels
        assert (2500, f"2{separator}500") == drawing.ticks[-1]

    def test_overlap_is_said(
        self, lang: str, make_release: Callable[..., nas_press.Release]
    ) -> None:
        """When one person may count under several forms, the chart says so."""

        def change(data: dict[str, Any]) -> None:
            data["statistics"]["new_clients"]["forms"]["overlap"] = True
            data["body"] = [{"chart": "new_clients_forms"}]

        (chart,) = charts_of(nas_press.render(make_release(change), lang))
        note = formatter(lang).data.text("charts", "new_clients_forms", "overlap")
        assert chart.alt.endswith(" " + note)


class TestFigureCheck:
    def test_alt_text_figures_are_compared(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """An alt text that drops a figure in one language is reported by the figure check."""
        from nas_press.checks.figures import figure_problems

        release = load_example("2018-h1")
        assert [] == figure_problems(release)
        history = formatter("sv").data.settings["charts"]["referrals_history"]
        monkeypatch.setitem(history, "both", "{year}: {referred} hänvisade.")
        problems = figure_problems(release)
        assert problems
        assert {"body[9]"} == {p.path.split(".")[0] for p in problems}


class TestTicks:
    @pytest.mark.parametrize(
        ("top", "expected"),
        [
            (0, [0, 1]),
            (1, [0, 1]),
            (4, [0, 1, 2, 3, 4]),
            (7, [0, 2, 4, 6, 8]),
            (29, [0, 10, 20, 30]),
            (115, [0, 50, 100, 150]),
            (1588, [0, 500, 1000, 1500, 2000]),
        ],
    )
    def test_steps(self, top: int, expected: list[int]) -> None:
        """Ticks run from 0 past the largest value in steps of 1, 2 or 5 times a power of ten."""
        assert expected == [value for value, _ in words._ticks(top, formatter("en"))]


@pytest.mark.usefixtures("no_cache")
class TestPicture:
    def test_png_of_fixed_size(self) -> None:
        """A chart is a PNG of 900 pixels across (6 inches at 150 per inch), shown 576 px wide."""
        (chart,) = charts_of(nas_press.render(load_example("2025-h1"), "fi"))
        png = picture(chart)
        assert png.startswith(PNG_SIGNATURE)
        width, height = png_size(png)
        assert 900 == width
        assert (576, round(height * 96 / 150)) == _charts.size(chart)

    def test_no_metadata(self) -> None:
        """The PNG holds no text chunks (software, dates) and no modification time."""
        (chart,) = charts_of(nas_press.render(load_example("2025-h1"), "en"))
        kinds = {kind for kind, _ in png_chunks(picture(chart))}
        assert set() == kinds & {b"tEXt", b"iTXt", b"zTXt", b"tIME"}

    def test_same_bytes_when_drawn_again(self) -> None:
        """Drawing the same chart twice gives the same bytes."""
        (chart,) = planned_charts("2025-h1")
        drawing = words._forms(chart, formatter("sv"))
        assert _charts._draw(drawing) == _charts._draw(drawing)

    def test_same_bytes_in_another_process(self) -> None:
        """Another process, with another hash seed and no cache, draws the same bytes."""
        chart, _ = charts_of(nas_press.render(load_example("2018-h1"), "fi"))
        script = (
            "import hashlib, nas_press\n"
            "from nas_press.document import Chart\n"
            "release = nas_press.load_release('examples/2018-h1.toml')\n"
            "document = nas_press.render(release, 'fi')\n"
            "chart = next(b for b in document.blocks if isinstance(b, Chart))\n"
            "from nas_press.writers.charts import picture\n"
            "print(hashlib.sha256(picture(chart)).hexdigest())\n"
        )
        environment = {**os.environ, CACHE_ENV: "", "PYTHONHASHSEED": "random"}
        for _ in range(2):
            result = subprocess.run(
                [sys.executable, "-c", script],
                cwd=ROOT,
                env=environment,
                capture_output=True,
                text=True,
                check=True,
                timeout=120,
            )
            assert hashlib.sha256(picture(chart)).hexdigest() == result.stdout.strip()

    def test_user_settings_do_not_change_pixels(self, tmp_path: Path) -> None:
        """A user's matplotlibrc (style, fonts, resolution) changes nothing in the picture."""
        (chart,) = charts_of(nas_press.render(load_example("2025-h1"), "en"))
        (tmp_path / "matplotlibrc").write_text(
            "font.family: serif\nsavefig.dpi: 72\naxes.facecolor: black\nfigure.dpi: 50\n"
        )
        script = (
            "import sys, nas_press\n"
            "from nas_press.document import Chart\n"
            "release = nas_press.load_release('examples/2025-h1.toml')\n"
            "chart = next(b for b in nas_press.render(release, 'en').blocks"
            " if isinstance(b, Chart))\n"
            "from nas_press.writers.charts import picture\n"
            "sys.stdout.buffer.write(picture(chart))\n"
        )
        environment = {**os.environ, CACHE_ENV: "", "MPLCONFIGDIR": str(tmp_path)}
        result = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            check=True,
            timeout=120,
        )
        assert picture(chart) == result.stdout

    def test_import_loads_no_matplotlib(self) -> None:
        """``import nas_press`` loads neither matplotlib nor NumPy."""
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys, nas_press; print(sorted({'matplotlib', 'numpy', 'PIL'}"
                " & set(sys.modules)))",
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        assert "[]" == result.stdout.strip()


@pytest.mark.parametrize("lang", LANGS)
class TestDocx:
    def test_inline_picture_with_alt_text(self, lang: str) -> None:
        """Each chart is an inline picture, its PNG a part of its own, its alt text the descr."""
        from lxml import etree

        document = nas_press.render(load_example("2018-h1"), lang)
        data = nas_press.docx_bytes(document)
        wp = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
        a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
        r = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            body = etree.fromstring(archive.read("word/document.xml"))
            rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
            targets = {rel.get("Id"): rel.get("Target") for rel in rels}
            types = archive.read("[Content_Types].xml").decode("utf-8")
            shown = [
                (
                    inline.find(f"{wp}docPr").get("descr"),
                    inline.find(f"{wp}docPr").get("title"),
                    archive.read("word/" + targets[inline.find(f".//{a}blip").get(f"{r}embed")]),
                )
                for inline in body.iter(f"{wp}inline")
            ]
        charts = charts_of(document)

        assert [(c.alt, c.title, picture(c)) for c in charts] == shown
        assert 2 == len({png for _, _, png in shown})
        assert '<Default Extension="png" ContentType="image/png"/>' in types
        assert [] == nas_press.docx_problems(data, name="x.docx")

    def test_fits_the_text_width(self, lang: str) -> None:
        """The picture is as wide as the default page's text: 6 inches."""
        data = nas_press.docx_bytes(nas_press.render(load_example("2025-h1"), lang))
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("word/document.xml").decode("utf-8")
        assert '<wp:extent cx="5486400" ' in xml

    def test_no_picture_part_without_charts(self, lang: str) -> None:
        """A release without charts has no media and no png content type."""
        document = nas_press.render(without_charts(load_example("2025-h1")), lang)
        with zipfile.ZipFile(io.BytesIO(nas_press.docx_bytes(document))) as archive:
            assert not [n for n in archive.namelist() if n.startswith("word/media/")]
            assert b'Extension="png"' not in archive.read("[Content_Types].xml")

    def test_links_and_pictures_number_apart(self, lang: str) -> None:
        """Links and pictures each have a relationship id of their own."""
        data = nas_press.docx_bytes(nas_press.render(load_example("2018-h1"), lang))
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            rels = archive.read("word/_rels/document.xml.rels").decode("utf-8")
        ids = re.findall(r'Id="(rId\d+)"', rels)
        assert len(ids) == len(set(ids))


class TestReferenceDocument:
    def test_picture_shrinks_to_a_narrow_page(self) -> None:
        """On a reference document with a narrow page, the picture is as wide as its text."""
        import docx
        from docx.shared import Cm

        package = docx.Document()
        section = package.sections[0]
        section.page_width, section.page_height = Cm(14.8), Cm(21)
        section.left_margin = section.right_margin = Cm(2)
        buffer = io.BytesIO()
        package.save(buffer)
        document = nas_press.render(load_example("2025-h1"), "en")
        (chart,) = charts_of(document)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", _docx.ReferenceStyleWarning)
            data = nas_press.docx_bytes(document, reference=buffer.getvalue())
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("word/document.xml").decode("utf-8")
        extent = re.search(r'<wp:extent cx="(\d+)" cy="(\d+)"/>', xml)
        assert extent is not None
        width, height = int(extent.group(1)), int(extent.group(2))
        written = docx.Document(io.BytesIO(data)).sections[0]
        assert written.page_width is not None
        assert written.left_margin is not None
        assert written.right_margin is not None
        text_width = written.page_width - written.left_margin - written.right_margin
        assert Cm(10.7) < text_width < Cm(10.9)
        assert text_width == width
        css_width, css_height = _charts.size(chart)
        assert css_height * 9525 * text_width // (css_width * 9525) == height
        assert [] == nas_press.docx_problems(data, name="x.docx")


class TestTextWidth:
    def test_narrow_page_shrinks_picture(self) -> None:
        """On a reference page narrower than the chart, the picture is as wide as the text:
        the page width less the margins and gutter, in EMU, its height in proportion."""
        from tests.test_reference_doc import package

        section = (
            '<w:sectPr><w:pgSz w:w="6000" w:h="16838"/><w:pgMar w:top="1417" w:right="1134"'
            ' w:bottom="1417" w:left="1034" w:header="708" w:footer="708" w:gutter="100"/>'
            "</w:sectPr>"
        )
        document = nas_press.render(load_example("2025-h1"), "en")
        (chart,) = charts_of(document)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", nas_press.ReferenceStyleWarning)
            data = nas_press.docx_bytes(document, reference=package(section=section))
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("word/document.xml").decode("utf-8")
        width, height = _charts.size(chart)
        text_width = (6000 - 2268) * 635

        expected = (
            f'<wp:extent cx="{text_width}" cy="{height * 9525 * text_width // (width * 9525)}"/>'
        )
        assert expected in xml


@pytest.mark.parametrize("lang", LANGS)
class TestHtml:
    def test_img_with_alt(self, lang: str) -> None:
        """Each chart is a figure with an inlined PNG and the alt text, and the page passes."""
        document = nas_press.render(load_example("2018-h1"), lang)
        page = nas_press.to_html(document)
        images = re.findall(r'<img src="data:image/png;base64,([^"]+)" alt="([^"]*)"', page)
        charts = charts_of(document)
        assert [(picture(c), c.alt) for c in charts] == [
            (base64.b64decode(src), html.unescape(alt)) for src, alt in images
        ]
        assert 2 == page.count("<figure>")
        assert [] == nas_press.html_problems(page.encode("utf-8"), name="x.html")


@pytest.mark.parametrize("lang", LANGS)
class TestTextFormats:
    def test_text_markdown_and_ninjs_leave_charts_out(self, lang: str) -> None:
        """Plain text, Markdown and ninjs are the same with or without the charts."""
        release = load_example("2018-h1")
        with_them = nas_press.render(release, lang)
        without = nas_press.render(without_charts(release), lang)
        assert nas_press.to_text(without) == nas_press.to_text(with_them)
        assert nas_press.to_markdown(without) == nas_press.to_markdown(with_them)
        assert nas_press.ninjs_bytes(without) == nas_press.ninjs_bytes(with_them)


class TestWithoutMatplotlib:
    def test_renders_without_charts_and_warns(
        self, monkeypatch: pytest.MonkeyPatch, lang: str
    ) -> None:
        """Without matplotlib the DOCX and the page are written without the charts, with a
        warning; the document itself still holds them, with their alt texts."""
        release = load_example("2018-h1")
        without = nas_press.render(without_charts(release), lang)
        document = nas_press.render(release, lang)
        monkeypatch.setitem(sys.modules, "matplotlib", None)
        _charts._picture.cache_clear()
        with pytest.warns(nas_press.ChartsUnavailableWarning, match=r"nas_press\[charts\]"):
            page = nas_press.to_html(document)
        assert nas_press.to_html(without) == page
        with pytest.warns(nas_press.ChartsUnavailableWarning):
            data = nas_press.docx_bytes(document)
        assert 2 == len(charts_of(document))
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert [] == [n for n in archive.namelist() if n.startswith("word/media/")]

    def test_command_says_so_once(self, tmp_path: Path) -> None:
        """``nas-press render`` prints the warning once, writes every file and exits 0."""
        command = ["render", "examples/2018-h1.toml", "--out", str(tmp_path)]
        command += ["--format", "docx,txt,html"]
        script = (
            "import sys\n"
            "sys.modules['matplotlib'] = None\n"
            "from nas_press.cli import main\n"
            "sys.exit(main(sys.argv[1:]))\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", script, *command],
            cwd=ROOT,
            env={**os.environ, CACHE_ENV: ""},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert 0 == result.returncode, result.stderr
        warning = (
            "nas-press: warning: matplotlib is not installed, so the release is rendered without"
            " its charts; to draw them, install it with: pip install 'nas_press[charts]'"
        )
        assert 1 == result.stderr.count(warning)
        assert 9 == len(list(tmp_path.iterdir()))
        assert "<img" not in (tmp_path / "2018-h1.en.html").read_text("utf-8")

    def test_check_says_so_once(self) -> None:
        """``nas-press check`` passes without matplotlib and prints the warning once."""
        script = (
            "import sys\n"
            "sys.modules['matplotlib'] = None\n"
            "from nas_press.cli import main\n"
            "sys.exit(main(sys.argv[1:]))\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", script, "check", "examples/2025-h1.toml"],
            cwd=ROOT,
            env={**os.environ, CACHE_ENV: ""},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert 0 == result.returncode, result.stderr
        assert 1 == result.stderr.count("nas_press[charts]")
