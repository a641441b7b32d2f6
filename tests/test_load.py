"""Reading release files (nas_press.release.load): every problem, with key path and line."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import EXAMPLE_STEMS, EXAMPLES, load_example, minimal_release, to_toml

import nas_press
from nas_press.release.load import read_release


def problems_of(text: str | bytes) -> list[nas_press.Problem]:
    """Return the errors found in a release text."""
    _, problems = read_release(text, source="broken.toml")
    return [p for p in problems if p.severity == "error"]


def example_text(stem: str = "2025-h1") -> str:
    """The text of an example release file."""
    return (EXAMPLES / f"{stem}.toml").read_text("utf-8")


class TestExamples:
    @pytest.mark.parametrize("stem", EXAMPLE_STEMS)
    def test_examples_load(self, stem: str) -> None:
        """Both bundled examples are valid."""
        release = load_example(stem)
        assert release.languages == ("fi", "sv", "en")

    def test_2025_figures(self) -> None:
        """The 2025 example carries the figures of its reference release."""
        release = load_example("2025-h1")
        stats = release.statistics
        assert stats.referrals is not None
        assert stats.register is not None
        assert (
            stats.referrals.count,
            stats.referrals.change.percent,
            stats.referrals.change.year,
        ) == (185, 19, 2024)  # type: ignore[union-attr]
        assert (
            stats.register.persons,
            stats.register.victims,
            stats.register.children,
            stats.register.minors,
        ) == (1588, 1323, 265, 21)
        assert datetime.date(2025, 7, 31) == release.contacts[1].valid_until

    def test_2018_register_derives_victims(self) -> None:
        """The register keeps what the file gives; the victims, not given, are the persons less
        the children where a share of them needs a base."""
        register = load_example("2018-h1").statistics.register
        assert register is not None
        assert (register.persons, register.victims, register.children) == (379, None, 80)
        assert 299 == register.derived_victims


class TestErrors:
    def test_empty(self) -> None:
        """An empty file is one clear problem."""
        assert [p.message for p in problems_of("  \n")] == ["the file is empty"]

    def test_not_toml(self) -> None:
        """A TOML syntax error names its line."""
        (problem,) = problems_of("[release]\nid = \n")
        assert problem.message.startswith("not valid TOML")
        assert problem.line == 2

    def test_not_utf8(self) -> None:
        """A file saved in Latin-1 is refused with the line of the first bad byte."""
        (problem,) = problems_of(
            example_text().replace("Mäkelä", "M\udce4kel\udce4").encode("utf-8", "surrogateescape")
        )
        assert "not UTF-8" in problem.message
        assert (
            problem.line
            == example_text()
            .splitlines()
            .index(next(line for line in example_text().splitlines() if "Mäkelä" in line))
            + 1
        )

    def test_unknown_key_with_hint(self) -> None:
        """A misspelt key is reported with its path, line and a suggestion."""
        text = example_text().replace("nationalities = 24", "nationalitis = 24")
        (problem,) = problems_of(text)
        assert problem.path == "statistics.in_finland.nationalitis"
        assert "did you mean 'nationalities'?" in problem.message
        assert text.splitlines()[problem.line - 1].startswith("nationalitis")  # type: ignore[operator]

    @pytest.mark.parametrize(
        ("old", "new", "path", "expected"),
        [
            (
                "count = 42",
                'count = "42"',
                "statistics.in_finland.count",
                "a whole number, 0 or more",
            ),
            (
                "count = 42",
                "count = 42.5",
                "statistics.in_finland.count",
                "a whole number, 0 or more",
            ),
            (
                "count = 42",
                "count = true",
                "statistics.in_finland.count",
                "a whole number, 0 or more",
            ),
            (
                "count = 42",
                "count = -42",
                "statistics.in_finland.count",
                "a whole number, 0 or more",
            ),
            (
                "published = 2025-07-10",
                'published = "10.7.2025"',
                "release.published",
                "a date such as 2025-07-10, or 2025-07-10T10:00:00",
            ),
        ],
    )
    def test_wrong_type(self, old: str, new: str, path: str, expected: str) -> None:
        """Text, decimals, booleans and negatives where a count belongs are refused."""
        problems = problems_of(example_text().replace(old, new, 1))
        assert [(path, expected)] == [(p.path, p.expected) for p in problems]

    def test_every_problem_at_once(self) -> None:
        """Several mistakes are reported together, each with its own line."""
        text = (
            example_text()
            .replace("nationalities = 24", "nationalities = -1")
            .replace("children = 265", 'children = "265"')
            .replace('kind = "first-half"', 'kind = "first half"')
        )
        problems = problems_of(text)
        paths = [p.path for p in problems]
        assert sorted(paths) == [
            "period.kind",
            "statistics.in_finland.nationalities",
            "statistics.register.children",
        ]
        assert all(p.line is not None for p in problems)

    def test_missing_required(self) -> None:
        """A missing table is named."""
        text = example_text().replace('[period]\nyear = 2025\nkind = "first-half"\n', "")
        assert [p.path for p in problems_of(text)] == ["period"]

    def test_missing_translation(self) -> None:
        """An authored text missing in a target language names the language."""
        text = "\n".join(
            line
            for line in example_text().splitlines()
            if not line.startswith("paragraph.sv") and not line.startswith('sv = "Tvångs')
        )
        problems = problems_of(text)
        assert [p.path for p in problems] == ["headline.sv"]
        assert problems[0].message == "no sv text"

    def test_part_larger_than_whole(self) -> None:
        """Victims in Finland cannot outnumber the new clients."""
        text = example_text().replace("count = 42", "count = 120")
        paths = {p.path for p in problems_of(text)}
        assert "statistics.in_finland.count" in paths

    def test_error_message_names_file_key_and_line(self) -> None:
        """The raised error lists the file, the line and the key."""
        text = example_text().replace("persons = 1588", "persons = 1590")
        with pytest.raises(nas_press.ReleaseError) as info:
            nas_press.parse_release(text, source="2025-h1.toml")
        line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("persons"))
        assert f"2025-h1.toml:{line}: error: statistics.register.persons" in str(info.value)


class TestCountLimits:
    @pytest.mark.parametrize("value", ["1000001", "10" + "0" * 30, str(2**63)])
    def test_count_too_large(self, value: str) -> None:
        """A count beyond 1 000 000 is a typing mistake, named by its key, never a crash."""
        text = example_text().replace("count = 185", f"count = {value}", 1)
        (problem,) = problems_of(text)
        assert ("statistics.referrals.count", "a count larger than 1 000 000") == (
            problem.path,
            problem.message,
        )

    def test_largest_count_is_accepted(self) -> None:
        """A count of exactly 1 000 000 is read (and then checked against its whole)."""
        text = example_text().replace("persons = 1588", "persons = 1000000", 1)
        text = text.replace("victims = 1323", "victims = 999735", 1)
        assert [] == problems_of(text)

    @pytest.mark.parametrize("year", ["-3", "0", "1999", "3000"])
    def test_change_year_implausible(self, year: str) -> None:
        """The year of the change on an earlier period is a plausible year, as a period's is."""
        text = example_text().replace("year = 2024, percent", f"year = {year}, percent", 1)
        (problem,) = problems_of(text)
        assert ("statistics.referrals.change.year", "not a year of the NAS statistics") == (
            problem.path,
            problem.message,
        )

    @pytest.mark.parametrize("percent", ["100000001", "1" + "0" * 30])
    def test_change_percent_too_large(self, percent: str) -> None:
        """A published rise beyond 100 000 000 % is refused by its key, never a crash."""
        text = example_text().replace("percent = 19", f"percent = {percent}", 1)
        (problem,) = problems_of(text)
        assert ("statistics.referrals.change.percent", "a rise of more than 100 000 000 %") == (
            problem.path,
            problem.message,
        )

    def test_largest_change_percent_renders(self) -> None:
        """The largest rise accepted renders in every language."""
        text = example_text().replace("percent = 19", "percent = 100000000", 1)
        release = nas_press.parse_release(text)
        for lang in release.languages:
            assert "100" in nas_press.to_text(nas_press.render(release, lang))


class TestHistoryFile:
    def test_later_periods_of_a_shared_history_are_left_out(self, tmp_path: Path) -> None:
        """A history.toml holding every published period serves an earlier release too: the
        periods after the release's own are left out, not refused."""
        (tmp_path / "history.toml").write_text(
            '["2029-h1".referrals]\ncount = 80\n["2031-h1".referrals]\ncount = 999\n', "utf-8"
        )
        release_file = tmp_path / "2030-h1.toml"
        release_file.write_text(to_toml(minimal_release() | {"history": {}}), "utf-8")

        release = nas_press.load_release(release_file)

        assert ["2029-h1"] == [str(e.period) for e in release.history.entries]

    def test_later_period_in_the_release_itself_is_an_error(self) -> None:
        """A period after the release's own written in the release is a typing mistake."""
        data = minimal_release()
        data["history"] = {"2031-h1": {"referrals": {"count": 80}}}

        messages = [p.message for p in problems_of(to_toml(data))]

        assert any("ends after the release's own" in m for m in messages)

    def test_history_file_given_as_release(self, tmp_path: Path) -> None:
        """Checking the history file itself says what it is and what to give instead, in one
        error rather than one per missing table."""
        path = tmp_path / "history.toml"
        path.write_text('["2029-h1".referrals]\ncount = 80\n', "utf-8")

        _, problems = read_release(path)

        assert 1 == len(problems)
        assert "statistics history" in problems[0].message
        assert "release file" in problems[0].expected


class TestPublishedChange:
    @pytest.mark.parametrize(
        ("count", "percent", "fails"),
        [(100, -100, True), (0, -100, False), (0, 0, False), (0, 19, True), (100, -50, False)],
    )
    def test_change_agrees_with_the_count(self, count: int, percent: int, fails: bool) -> None:
        """A fall of 100 % leaves no referrals; no referrals is a fall of 100 % or none."""
        data = minimal_release()
        data["statistics"]["referrals"] = {
            "count": count,
            "change": {"year": 2029, "percent": percent},
        }
        data["statistics"]["new_clients"] = {"count": 0}
        data["body"] = [{"statement": "referrals"}]

        paths = [p.path for p in problems_of(to_toml(data))]

        assert fails == ("statistics.referrals.change.percent" in paths)


class TestPhoneLength:
    @pytest.mark.parametrize(
        "number",
        [
            "0295 463 177",
            "+358 295 463 177",
            "0295 5200",
            "029 497 000",
            "040 123 4567",
            "09 123 456",
            "0800 12345",
            "+46 8 123 456 78",
        ],
    )
    def test_plausible(self, number: str) -> None:
        """Numbers of the lengths their kinds have pass: state service numbers (0295 …, nine
        digits after the 0, or seven), other service numbers, mobile, landline, toll-free,
        foreign."""
        from nas_press.release.lint import phone_problem

        assert phone_problem(number) is None

    @pytest.mark.parametrize(
        ("number", "message"),
        [
            ("0295 463", "7 digits, but a number that starts 0295 has 8 or 10"),
            ("0295 46317", "9 digits, but a number that starts 0295 has 8 or 10"),
            ("0295 4631777", "11 digits, but a number that starts 0295 has 8 or 10"),
            ("+358 295 463", "6 digits, but a number that starts +358 295 has 7 or 9"),
            ("040 123", "not a phone number"),
            ("12 34", "not a phone number"),
        ],
    )
    def test_implausible(self, number: str, message: str) -> None:
        """A truncated or overlong number is refused, saying how long its kind is."""
        from nas_press.release.lint import phone_problem

        assert (phone_problem(number) or "").startswith(message)


class TestUnsaid:
    def test_a_figure_no_statement_says_is_reported(
        self, make_release: Callable[..., nas_press.Release]
    ) -> None:
        """The forms of the register's victims and its men are printed by no statement: the
        check says so, naming the key; what the register statement says is not reported."""

        def change(data: dict[str, Any]) -> None:
            data["statistics"]["register"] = {
                "persons": 100,
                "victims": 80,
                "children": 20,
                "women": 50,
                "men": 30,
                "forms": {"forced_labour": 40},
            }

        found = {
            p.path
            for p in nas_press.lint(make_release(change))
            if "no statement says" in p.message and p.severity == "warning"
        }
        assert found == {"statistics.register.men", "statistics.register.forms.forced_labour"}


def test_default_boilerplate(make_release: Callable[..., nas_press.Release]) -> None:
    """A release that names no boilerplate gets the blocks of the organisation's releases
    today, about the NAS and the Finnish Immigration Service, not the facts box, which would
    say again who runs the NAS; the facts box is there when named."""
    release = make_release()
    assert release.boilerplate == ("nas", "migri")
    text = nas_press.to_text(nas_press.render(release, "en"))
    assert text.count("Joutseno reception centre") == 1

    def facts(data: dict[str, Any]) -> None:
        data["release"]["boilerplate"] = ["facts"]

    assert make_release(facts).boilerplate == ("facts",)
