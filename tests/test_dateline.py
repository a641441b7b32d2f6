"""The dateline (nas_press.realize.realize.dateline) and the publication metadata.

Above the headline every version shows the sender, the release type and the
publication time in its language's style; an embargoed release leads with its
embargo line; a corrected release (version 2) shows its note and keeps its
identifier. The ninjs item carries the same times with Helsinki's offset.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from typing import Any

import pytest
from tests.conftest import LANGS
from tests.test_ninjs import errors, schema, validator  # noqa: F401 (fixtures)

import nas_press
from nas_press.checks.figures import extract, figure_problems
from nas_press.exceptions import ReleaseError
from nas_press.realize.realize import dateline
from nas_press.writers import WRITERS

Change = Callable[[dict[str, Any]], None]

SENDERS = {
    "fi": "Maahanmuuttovirasto – Ihmiskaupan uhrien auttamisjärjestelmä",
    "sv": "Migrationsverket – Hjälpsystemet för offer för människohandel",
    "en": "Finnish Immigration Service – National Assistance System for Victims of Human"
    " Trafficking",
}
KINDS = {"fi": "Tiedote", "sv": "Pressmeddelande", "en": "Press release"}
AT_TEN = {"fi": "15.7.2030 klo 10.00", "sv": "15.7.2030 kl. 10.00", "en": "15 July 2030 at 10:00"}
EMBARGO = {
    "fi": "EMBARGO 15.7.2030 klo 9.30",
    "sv": "EMBARGO 15.7.2030 kl. 9.30",
    "en": "EMBARGO 15 July 2030 at 09:30",
}
NOTES = {
    "fi": "Uusien asiakkaiden määrä on korjattu.",
    "sv": "Antalet nya klienter har rättats.",
    "en": "The number of new clients has been corrected.",
}


def embargoed(data: dict[str, Any]) -> None:
    """Published at 09:30 under embargo until then."""
    data["release"]["published"] = datetime.datetime(2030, 7, 15, 9, 30)
    data["release"]["embargo"] = datetime.datetime(2030, 7, 15, 9, 30)


def corrected(data: dict[str, Any]) -> None:
    """Version 2, corrected the next day at 14:15."""
    data["release"]["version"] = 2
    data["release"]["corrected"] = datetime.datetime(2030, 7, 16, 14, 15)
    data["release"]["correction"] = dict(NOTES)


def text(release: nas_press.Release, lang: str, extension: str) -> str:
    """One version of ``release`` written in the format ``extension``, as text."""
    return WRITERS[extension].write(nas_press.render(release, lang)).decode("utf-8")


class TestDateline:
    def test_words(self, make_release: Callable[..., nas_press.Release], lang: str) -> None:
        """Sender, release type and time, by the language's locale data; a date alone is
        published at 10:00."""
        found = dateline(make_release(), lang)
        assert (SENDERS[lang], KINDS[lang], AT_TEN[lang], None, None) == (
            found.sender,
            found.kind,
            found.published,
            found.embargo,
            found.correction,
        )
        expected = datetime.datetime(2030, 7, 15, 10, 0).isoformat() + "+03:00"
        assert expected == found.published_at.isoformat()

    def test_time_of_day(self, make_release: Callable[..., nas_press.Release]) -> None:
        """A local date-time gives the time of day; winter has Helsinki's +02:00."""

        def winter(data: dict[str, Any]) -> None:
            data["release"]["published"] = datetime.datetime(2031, 2, 10, 9, 5)

        release = make_release(winter)
        shown = [dateline(release, lang).published for lang in LANGS]
        assert ["10.2.2031 klo 9.05", "10.2.2031 kl. 9.05", "10 February 2031 at 09:05"] == shown
        assert "2031-02-10T09:05:00+02:00" == release.published_at.isoformat()

    @pytest.mark.parametrize("extension", ["txt", "html", "md"])
    def test_every_format(
        self, make_release: Callable[..., nas_press.Release], lang: str, extension: str
    ) -> None:
        """Text, HTML and Markdown show sender, type and time before the headline (in the
        page's body: its ``<title>`` is the headline alone)."""
        release = make_release()
        written = text(release, lang, extension).partition("<body>")
        written = written[2] or written[0]
        places = [
            written.index(SENDERS[lang]),
            written.index(KINDS[lang]),
            written.index(AT_TEN[lang]),
            written.index(release.headline[lang]),
        ]
        assert sorted(places) == places

    def test_text_layout(self, make_release: Callable[..., nas_press.Release]) -> None:
        """The plain text opens with the sender, then the type and time, then the headline."""
        written = text(make_release(), "fi", "txt")
        expected = f"{SENDERS['fi']}\nTiedote {AT_TEN['fi']}\n\nOtsikko testille\n\n"
        assert written.startswith(expected)

    def test_html_time(self, make_release: Callable[..., nas_press.Release]) -> None:
        """The HTML page gives the moment as a machine-readable ``<time>``, in the header."""
        written = text(make_release(), "sv", "html")
        assert (
            f'Pressmeddelande <time datetime="2030-07-15T10:00:00+03:00">{AT_TEN["sv"]}</time>'
            in written
        )
        assert written.index("<header>") < written.index("<h1>") < written.index("</header>")


class TestEmbargo:
    @pytest.mark.parametrize("extension", ["txt", "md"])
    def test_leads_the_text(
        self, make_release: Callable[..., nas_press.Release], lang: str, extension: str
    ) -> None:
        """The newswire text and the Markdown open with the embargo line."""
        written = text(make_release(embargoed), lang, extension)
        assert written.startswith(EMBARGO[lang] + "\n\n")

    def test_html(self, make_release: Callable[..., nas_press.Release], lang: str) -> None:
        """The page shows the embargo line first, above the sender."""
        written = text(make_release(embargoed), lang, "html")
        assert f'<p class="embargo">{EMBARGO[lang]}</p>' in written
        assert written.index(EMBARGO[lang]) < written.index(SENDERS[lang])

    def test_without(self, make_release: Callable[..., nas_press.Release], lang: str) -> None:
        """A release without an embargo shows no embargo line anywhere."""
        release = make_release()
        assert all("EMBARGO" not in text(release, lang, ext) for ext in ("txt", "html", "md"))

    def test_lifted_for_a_later_correction(
        self, make_release: Callable[..., nas_press.Release], lang: str
    ) -> None:
        """A version corrected after the embargo ended is published at once: no embargo line
        leads it, though its ninjs keeps the embargo every version had."""

        def both(data: dict[str, Any]) -> None:
            embargoed(data)
            corrected(data)

        release = make_release(both)
        assert all("EMBARGO" not in text(release, lang, ext) for ext in ("txt", "html", "md"))
        assert (
            "2030-07-15T09:30:00+03:00" == json.loads(text(release, lang, "json"))["embargoedUntil"]
        )

    def test_date_alone(self, make_release: Callable[..., nas_press.Release]) -> None:
        """An embargo given as a date alone ends at 10:00 that day, as a publication does."""

        def by_date(data: dict[str, Any]) -> None:
            data["release"]["embargo"] = datetime.date(2030, 7, 15)

        assert datetime.datetime(2030, 7, 15, 10, 0) == make_release(by_date).embargo

    def test_after_publication(self, make_release: Callable[..., nas_press.Release]) -> None:
        """An embargo that ends after the publication is an error naming the key."""

        def late(data: dict[str, Any]) -> None:
            data["release"]["embargo"] = datetime.datetime(2030, 7, 15, 12, 0)

        with pytest.raises(ReleaseError) as caught:
            make_release(late)
        (problem,) = caught.value.problems
        assert ("release.embargo", "the embargo ends after the release is published") == (
            problem.path,
            problem.message,
        )


class TestCorrection:
    @pytest.mark.parametrize("extension", ["txt", "html", "md"])
    def test_note_after_headline(
        self, make_release: Callable[..., nas_press.Release], lang: str, extension: str
    ) -> None:
        """The note, with the correction's time, follows the headline."""
        release = make_release(corrected)
        written = text(release, lang, extension)
        moment = {"fi": "16.7.2030 klo 14.15", "sv": "16.7.2030 kl. 14.15"}.get(
            lang, "16 July 2030 at 14:15"
        )
        label = {"fi": "Korjattu", "sv": "Rättat", "en": "Corrected"}[lang]
        note = f"{label} {moment}: {NOTES[lang]}"
        assert note in written
        assert written.index(release.headline[lang]) < written.index(note)

    def test_label_without_time(self, make_release: Callable[..., nas_press.Release]) -> None:
        """Without a correction time, the note has the plain label."""

        def untimed(data: dict[str, Any]) -> None:
            corrected(data)
            del data["release"]["corrected"]

        written = text(make_release(untimed), "en", "txt")
        assert f"\n\nCorrection: {NOTES['en']}\n\n" in written

    def test_ninjs(self, make_release: Callable[..., nas_press.Release], lang: str) -> None:
        """Version 2 keeps the identifier of version 1; versionCreated is the correction's
        time, firstCreated the publication's, and the note is the editors' note."""
        first = json.loads(text(make_release(), lang, "json"))
        second = json.loads(text(make_release(corrected), lang, "json"))
        assert (first["uri"], first["altIds"], "1", "2") == (
            second["uri"],
            second["altIds"],
            first["version"],
            second["version"],
        )
        assert ("2030-07-15T10:00:00+03:00", "2030-07-16T14:15:00+03:00") == (
            second["firstCreated"],
            second["versionCreated"],
        )
        assert second["edNote"].endswith(NOTES[lang])
        assert NOTES[lang] in second["bodies"][0]["value"]

    def test_without_note(self, make_release: Callable[..., nas_press.Release]) -> None:
        """Version 2 without a note, or a correction time on version 1, is an error."""

        def bare(data: dict[str, Any]) -> None:
            data["release"]["version"] = 2

        def early(data: dict[str, Any]) -> None:
            data["release"]["corrected"] = datetime.datetime(2030, 7, 16, 14, 15)

        found = []
        for change in (bare, early):
            with pytest.raises(ReleaseError) as caught:
                make_release(change)
            found.append([p.path for p in caught.value.problems])
        assert [["release.correction"], ["release.corrected"]] == found

    def test_before_publication(self, make_release: Callable[..., nas_press.Release]) -> None:
        """A correction made before the publication is an error."""

        def backwards(data: dict[str, Any]) -> None:
            corrected(data)
            data["release"]["corrected"] = datetime.datetime(2030, 7, 14, 8, 0)

        with pytest.raises(ReleaseError) as caught:
            make_release(backwards)
        assert ["release.corrected"] == [p.path for p in caught.value.problems]


class TestNinjs:
    def test_embargoed_and_corrected_validate(
        self,
        make_release: Callable[..., nas_press.Release],
        lang: str,
        validator: Any,  # noqa: F811 (the fixture of test_ninjs)
    ) -> None:
        """An embargoed, corrected release validates against IPTC's schema, with the times."""

        def both(data: dict[str, Any]) -> None:
            embargoed(data)
            corrected(data)

        item = json.loads(text(make_release(both), lang, "json"))
        assert [] == errors(validator, item)
        assert (
            "2030-07-15T09:30:00+03:00",
            "2030-07-15T09:30:00+03:00",
            "usable",
            "2",
            [{"name": SENDERS[lang], "role": "originator"}],
            [{"name": KINDS[lang], "literal": "press-release"}],
        ) == (
            item["firstCreated"],
            item["embargoedUntil"],
            item["pubStatus"],
            item["version"],
            item["infoSources"],
            item["genres"],
        )


class TestFigures:
    def test_times_are_not_counts(self, lang: str) -> None:
        """The dateline's time of day is read as a time, never as counts."""
        line = f"{KINDS[lang]} {AT_TEN[lang]}"
        assert ["time:10:00", "date:2030-07-15"] == [f.value for f in extract(line, lang)]

    def test_abbreviation_is_no_sentence_end(self) -> None:
        """ "kl. 10.00" stays one sentence: the sentence shown is the whole line."""
        (time, _) = extract("Pressmeddelande 15.7.2030 kl. 10.00", "sv")
        assert ("time:10:00", "Pressmeddelande 15.7.2030 kl. 10.00") == (time.value, time.sentence)

    def test_release_passes(self, make_release: Callable[..., nas_press.Release]) -> None:
        """An embargoed, corrected release states the same figures in every language."""

        def both(data: dict[str, Any]) -> None:
            embargoed(data)
            corrected(data)

        assert [] == figure_problems(make_release(both))

    def test_note_differs(self, make_release: Callable[..., nas_press.Release]) -> None:
        """A figure in one language's correction note only is reported under its key."""

        def differs(data: dict[str, Any]) -> None:
            corrected(data)
            data["release"]["correction"]["en"] = "The number of new clients is now 61."

        found = {p.path for p in figure_problems(make_release(differs))}
        assert {"release.correction"} == found
