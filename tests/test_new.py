"""``nas-press new``: the starter file, the next period from an earlier release, the statistics
history it extends and the texts it carries over (nas_press.release.new)."""

from __future__ import annotations

import datetime
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import EXAMPLES, LANGS, ROOT, installed_env, load_example

import nas_press
from nas_press.cli import main
from nas_press.release.load import PLACEHOLDER, fingerprint, load_history
from nas_press.release.model import Period
from nas_press.release.new import following, new_release, next_period, starter, starter_text

FIGURES = {
    "statistics.referrals.count": 150,
    "statistics.referrals.change.percent": 12,
    "statistics.new_clients.count": 100,
    "statistics.new_clients.children": 20,
    "statistics.new_clients.home_country": 20,
    "statistics.new_clients.abroad": 10,
    "statistics.new_clients.forms.forced_labour": 30,
    "statistics.new_clients.forms.forced_marriage": 30,
    "statistics.new_clients.forms.sexual_exploitation": 20,
    "statistics.new_clients.forms.other": 20,
    "statistics.new_clients.nationalities": 30,
    "statistics.in_finland.count": 70,
    "statistics.in_finland.nationalities": 20,
    "statistics.in_finland.finnish": 10,
    "statistics.in_finland.women": 40,
    "statistics.in_finland.forms.forced_labour": 30,
    "statistics.in_finland.forms.forced_marriage": 20,
    "statistics.in_finland.forms.sexual_exploitation": 20,
    "statistics.register.persons": 1000,
    "statistics.register.victims": 800,
    "statistics.register.children": 200,
    "statistics.register.minors": 15,
    "statistics.register.women": 500,
}
"""A value for each figure a placeholder may stand for, consistent with one another."""


def fill(path: Path, published: datetime.date, figures: dict[str, Any] = FIGURES) -> list[str]:
    """Write a value in place of every placeholder of the release file at ``path``; return the
    key paths filled."""
    import tomlkit

    document = tomlkit.parse(path.read_text("utf-8"))
    filled: list[str] = []

    def value(key: str) -> Any:
        last = key.rsplit(".", 1)[-1]
        if key in figures:
            return figures[key]
        if last == "published":
            return published
        if last == "phone":
            return "0295 463 000"
        if last == "email":
            return "testi.henkilo@migri.fi"
        if last in ("name", "speaker"):
            return "Testi Henkilö"
        if last in LANGS:
            return f"Teksti {last} kohdassa {key.rsplit('.', 1)[0]}"
        raise AssertionError(f"no value to fill in at {key}")

    def walk(node: Any, prefix: str) -> None:
        items = (
            enumerate(node)
            if isinstance(node, list)
            else list(node.items())
            if isinstance(node, dict)
            else []
        )
        for key, item in items:
            full = f"{prefix}[{key}]" if isinstance(node, list) else f"{prefix}.{key}".lstrip(".")
            if isinstance(item, str) and item.startswith(PLACEHOLDER):
                node[key] = value(full)
                filled.append(full)
            else:
                walk(item, full)

    walk(document, "")
    path.write_text(tomlkit.dumps(document), "utf-8")
    return filled


def placeholder_lines(text: str) -> list[int]:
    """The lines of ``text`` holding a placeholder outside a comment."""
    return [
        n
        for n, line in enumerate(text.splitlines(), 1)
        if f'"{PLACEHOLDER}' in line.split("#", 1)[0]
    ]


def errors(path: Path) -> list[nas_press.Problem]:
    _, problems = nas_press.read_release(path)
    return [p for p in problems if p.severity == "error"]


def warnings_of(path: Path) -> list[nas_press.Problem]:
    _, problems = nas_press.read_release(path)
    return [p for p in problems if p.severity == "warning"]


class TestPeriods:
    @pytest.mark.parametrize(
        ("today", "period"),
        [
            ("2026-01-15", "2025"),  # the annual release is being prepared
            ("2026-03-31", "2025"),
            ("2026-04-05", "2026-h1"),  # too long after: the first half in progress
            ("2026-07-01", "2026-h1"),
            ("2026-09-30", "2026-h1"),
            ("2026-10-01", "2026"),
            ("2026-12-03", "2026"),
        ],
    )
    def test_next_period(self, today: str, period: str) -> None:
        """Without --from, the period whose release comes next after today."""
        assert period == str(next_period(datetime.date.fromisoformat(today)))

    def test_following(self) -> None:
        """A first half is followed by its whole year, a year by the next first half."""
        assert "2025" == str(following(Period.parse("2025-h1")))
        assert "2026-h1" == str(following(Period.parse("2025")))


class TestStarter:
    def test_period_is_written(self) -> None:
        """The starter is for the period asked for, and otherwise the file shipped."""
        text = starter(Period.parse("2031"))
        table = tomllib.loads(text)
        assert {"year": 2031, "kind": "year"} == table["period"]
        assert len(text.splitlines()) == len(starter_text().splitlines())

    def test_every_part_of_the_reference_is_listed(self) -> None:
        """Every key of the README's reference release stands in the starter, to fill in or
        commented out."""
        readme = (ROOT / "README.md").read_text("utf-8").split("## The release file", 1)[1]
        reference = tomllib.loads(readme.split("```toml\n", 1)[1].split("```", 1)[0])
        keys: set[str] = set()

        def collect(node: Any, parent: str) -> None:
            if isinstance(node, list):
                for item in node:
                    collect(item, parent)
            elif isinstance(node, dict):
                for key, value in node.items():
                    if parent != "history" and key not in LANGS:
                        keys.add(key)
                    collect(value, key)

        collect(reference, "")
        text = starter_text()
        missing = sorted(
            k for k in keys if not any(f in text for f in (f"{k} =", f"{k}.", f".{k}", f"[{k}"))
        )
        assert [] == missing
        assert "[history." in text

    def test_check_reports_each_placeholder_by_key_and_line(self, tmp_path: Path) -> None:
        """Each placeholder is one error, at its line, saying what to write; no other error."""
        path = tmp_path / "2026-h1.toml"
        assert 0 == main(["new", str(path), "--period", "2026-h1"])
        found = errors(path)
        assert placeholder_lines(path.read_text("utf-8")) == [p.line for p in found]
        assert all(p.message.startswith("not filled in") for p in found)
        by_path = {p.path: p for p in found}
        assert "a date such as" in by_path["release.published"].expected
        assert "the text in sv" == by_path["headline.sv"].expected
        assert "whole number" in by_path["statistics.register.persons"].expected

    def test_check_says_how_many_are_left(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """check's last line counts the placeholders among the errors."""
        path = tmp_path / "2026.toml"
        new_release(path, period=Period.parse("2026"))
        path.write_text(path.read_text("utf-8").replace("[period]", "[period]\nyears = 1"), "utf-8")
        assert 1 == main(["check", str(path)])
        count = len(placeholder_lines(starter_text()))
        last = capsys.readouterr().err.splitlines()[-1]
        assert (
            f"nas-press: error: {count + 1} errors in {path} (of which {count} still FILL IN)"
            == last
        )

    def test_filled_in_it_is_valid(self, tmp_path: Path) -> None:
        """Filling every placeholder gives a release that check accepts without a warning."""
        path = tmp_path / "2026.toml"
        assert 0 == main(["new", str(path), "--period", "2026", "-q"])
        assert len(fill(path, datetime.date(2027, 2, 10))) == len(placeholder_lines(starter_text()))
        assert [] == errors(path)
        assert [] == warnings_of(path)
        assert 0 == main(["check", str(path)])

    def test_partly_filled_reports_only_what_is_left(self, tmp_path: Path) -> None:
        """A figure typed wrongly beside placeholders is its own error, and the placeholders
        bring no type errors."""
        path = tmp_path / "2026.toml"
        new_release(path, period=Period.parse("2026"))
        text = path.read_text("utf-8").replace('persons = "FILL IN"', "persons = -5", 1)
        path.write_text(text, "utf-8")
        found = errors(path)
        assert ["a negative count"] == [
            p.message for p in found if p.path == "statistics.register.persons"
        ]
        assert all(
            p.message.startswith("not filled in")
            for p in found
            if p.path != "statistics.register.persons"
        )

    def test_default_period_is_the_next_release(self, tmp_path: Path) -> None:
        """Without --period, the period whose release comes next after the given day."""
        made = new_release(tmp_path / "r.toml", today=datetime.date(2026, 8, 1))
        assert (tmp_path / "r.toml",) == made.written
        assert {"year": 2026, "kind": "first-half"} == tomllib.loads(
            (tmp_path / "r.toml").read_text("utf-8")
        )["period"]


class TestFrom:
    @pytest.fixture
    def annual(self, tmp_path: Path) -> Path:
        """``new 2025.toml --from examples/2025-h1.toml --period 2025`` in another folder."""
        path = tmp_path / "2025.toml"
        assert 0 == main(
            ["new", str(path), "--from", str(EXAMPLES / "2025-h1.toml"), "--period", "2025"]
        )
        return path

    def test_carries_what_is_named(self, annual: Path) -> None:
        """Languages, boilerplate, still-valid contacts, speakers and texts are carried; the
        period advanced; every figure a placeholder; the release's own id and date not."""
        earlier = tomllib.loads((EXAMPLES / "2025-h1.toml").read_text("utf-8"))
        table = tomllib.loads(annual.read_text("utf-8"))
        assert {"year": 2025, "kind": "year"} == table["period"]
        assert earlier["release"]["languages"] == table["release"]["languages"]
        assert earlier["release"]["boilerplate"] == table["release"]["boilerplate"]
        assert "id" not in table["release"]
        assert PLACEHOLDER == table["release"]["published"]
        assert ["Minna Lehtipuu", "Terhi Tafari"] == [c["name"] for c in table["contacts"]]
        assert earlier["contacts"][2] == table["contacts"][1]
        assert earlier["headline"] == table["headline"]
        assert earlier["body"] == table["body"]
        figures = [p for p in errors(annual) if p.path.startswith("statistics.")]
        assert 18 == len(figures)
        assert all(p.message.startswith("not filled in") for p in figures)
        assert {"year": 2024, "percent": PLACEHOLDER} == table["statistics"]["referrals"]["change"]

    def test_history_is_created_from_the_earlier_one(self, annual: Path) -> None:
        """The history beside the new release starts as the earlier release's, with its period
        added: the figures as published and their comments."""
        history = annual.parent / "history.toml"
        text = history.read_text("utf-8")
        assert text.startswith((EXAMPLES / "history.toml").read_text("utf-8"))
        earlier = tomllib.loads((EXAMPLES / "2025-h1.toml").read_text("utf-8"))
        assert earlier["statistics"] == tomllib.loads(text)["2025-h1"]
        assert "new_clients.forms.forced_marriage = 30  # inferred from 34 %" in text
        held = load_history(history)
        assert held.get(Period.parse("2025-h1")) == load_example("2025-h1").statistics
        assert held.get(Period.parse("2017-h1")) is not None

    def test_carried_texts_are_warned_about_until_rewritten(self, annual: Path) -> None:
        """Each authored text carried over is a warning at its line while unchanged; a
        rewritten one is not."""
        fill(annual, datetime.date(2026, 2, 10))
        assert [] == errors(annual)
        unchanged = warnings_of(annual)
        assert 12 == len(unchanged)  # headline, lead, two quotes, in three languages
        assert all("unchanged since 2025-h1" in p.message for p in unchanged)
        assert all(p.line is not None for p in unchanged)
        text = annual.read_text("utf-8")
        headline = tomllib.loads(text)["headline"]["fi"]
        annual.write_text(text.replace(headline, "Vuoden uusi otsikko"), "utf-8")
        assert "headline.fi" not in [p.path for p in warnings_of(annual)]
        assert 11 == len(warnings_of(annual))
        assert fingerprint(headline) in annual.read_text("utf-8")

    def test_next_first_half_from_the_year(self, annual: Path) -> None:
        """Then ``new --from 2025.toml --period 2026-h1``: the year's figures join the history,
        the change on 2025-h1 is computed from it, and everything named is carried again."""
        fill(annual, datetime.date(2026, 2, 10))
        following_release = annual.parent / "2026-h1.toml"
        assert 0 == main(
            ["new", str(following_release), "--from", str(annual), "--period", "2026-h1"]
        )
        history = tomllib.loads((annual.parent / "history.toml").read_text("utf-8"))
        assert 150 == history["2025"]["referrals"]["count"]
        assert "2025-h1" in history
        table = tomllib.loads(following_release.read_text("utf-8"))
        assert {"year": 2026, "kind": "first-half"} == table["period"]
        assert "change" not in table["statistics"]["referrals"]
        assert ["Minna Lehtipuu", "Terhi Tafari"] == [c["name"] for c in table["contacts"]]
        assert "Katri Lyijynen" == table["body"][3]["quote"]["speaker"]
        assert "2025" == table["carried"]["from"]
        fill(following_release, datetime.date(2026, 8, 10))
        assert [] == errors(following_release)
        release = nas_press.load_release(following_release)
        assert release.history.get(Period.parse("2025-h1")) is not None

    def test_compare_is_moved_with_the_period(self, tmp_path: Path) -> None:
        """A statement's compare periods move by the years between two releases of one kind."""
        shutil.copy(EXAMPLES / "2018-h1.toml", tmp_path / "2018-h1.toml")
        shutil.copy(EXAMPLES / "history.toml", tmp_path / "history.toml")
        before = [
            b.get("compare")
            for b in tomllib.loads((tmp_path / "2018-h1.toml").read_text("utf-8"))["body"]
        ]
        assert any(before)
        new_release(
            tmp_path / "2019-h1.toml",
            previous=tmp_path / "2018-h1.toml",
            period=Period.parse("2019-h1"),
        )
        after = [
            b.get("compare")
            for b in tomllib.loads((tmp_path / "2019-h1.toml").read_text("utf-8"))["body"]
        ]
        moved = [
            None
            if c is None
            else [str(Period(Period.parse(p).year + 1, Period.parse(p).kind)) for p in c]
            for c in before
        ]
        assert moved == after

    def test_existing_file_is_kept(self, annual: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An existing release file is replaced only with --force; the history is not touched."""
        history = annual.parent / "history.toml"
        before = annual.read_bytes(), history.read_bytes()
        argv = ["new", str(annual), "--from", str(EXAMPLES / "2025-h1.toml"), "--period", "2025"]
        assert 1 == main(argv)
        assert "exists; give --force" in capsys.readouterr().err
        assert before == (annual.read_bytes(), history.read_bytes())
        annual.write_text("changed", "utf-8")
        assert 0 == main([*argv, "--force"])
        assert before == (annual.read_bytes(), history.read_bytes())

    def test_history_is_made_when_there_is_none(self, tmp_path: Path) -> None:
        """Without a history anywhere, one is made beside the new release, holding the earlier
        period, and the new release finds it."""
        shutil.copy(EXAMPLES / "2025-h1.toml", tmp_path / "2025-h1.toml")
        made = new_release(tmp_path / "2025.toml", previous=tmp_path / "2025-h1.toml")
        assert {tmp_path / "2025.toml", tmp_path / "history.toml"} == set(made.written)
        held = load_history(tmp_path / "history.toml")
        assert [Period.parse("2025-h1")] == [e.period for e in held.entries]
        fill(tmp_path / "2025.toml", datetime.date(2026, 2, 10))
        release = nas_press.load_release(tmp_path / "2025.toml")
        assert release.history.get(Period.parse("2025-h1")) == load_example("2025-h1").statistics

    def test_named_history(self, tmp_path: Path) -> None:
        """A history the earlier release names is extended in its folder; from another folder,
        a history.toml beside the new release is made from it."""
        old = tmp_path / "old"
        old.mkdir()
        shutil.copy(EXAMPLES / "history.toml", old / "stats.toml")
        text = (EXAMPLES / "2025-h1.toml").read_text("utf-8")
        (old / "2025-h1.toml").write_text(
            text.replace("[release]\n", '[release]\nhistory = "stats.toml"\n'), "utf-8"
        )
        new_release(old / "2025.toml", previous=old / "2025-h1.toml")
        assert (
            "stats.toml"
            == tomllib.loads((old / "2025.toml").read_text("utf-8"))["release"]["history"]
        )
        assert "2025-h1" in tomllib.loads((old / "stats.toml").read_text("utf-8"))
        assert not (old / "history.toml").exists()
        elsewhere = tmp_path / "new" / "2025.toml"
        elsewhere.parent.mkdir()
        new_release(elsewhere, previous=old / "2025-h1.toml")
        assert "history" not in tomllib.loads(elsewhere.read_text("utf-8"))["release"]
        assert (old / "stats.toml").read_text("utf-8") == (
            elsewhere.parent / "history.toml"
        ).read_text("utf-8")

    def test_other_figures_in_the_history_are_refused(self, tmp_path: Path) -> None:
        """A history holding other figures for the earlier period is an error, and nothing is
        written."""
        history = tmp_path / "history.toml"
        history.write_text("[2025-h1]\nreferrals.count = 184\n", "utf-8")
        with pytest.raises(nas_press.NasPressError, match=r"referrals.count"):
            new_release(tmp_path / "2025.toml", previous=EXAMPLES / "2025-h1.toml")
        assert ["history.toml"] == [p.name for p in tmp_path.iterdir()]
        assert "[2025-h1]\nreferrals.count = 184\n" == history.read_text("utf-8")

    def test_invalid_earlier_release_is_refused(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An earlier release with an error is named with its problems; nothing is written."""
        earlier = tmp_path / "old" / "2025-h1.toml"
        earlier.parent.mkdir()
        earlier.write_text(
            (EXAMPLES / "2025-h1.toml").read_text("utf-8").replace("count = 42", "count = 420"),
            "utf-8",
        )
        assert 1 == main(["new", str(tmp_path / "2025.toml"), "--from", str(earlier)])
        err = capsys.readouterr().err
        assert "statistics.in_finland.count" in err
        assert "must be valid" in err
        assert ["old"] == [p.name for p in tmp_path.iterdir()]

    def test_period_must_come_later(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--period before the earlier release's own is refused."""
        code = main(
            [
                "new",
                str(tmp_path / "x.toml"),
                "--from",
                str(EXAMPLES / "2025-h1.toml"),
                "--period",
                "2024",
            ]
        )
        assert 1 == code
        assert "not after 2025-h1" in capsys.readouterr().err
        assert [] == list(tmp_path.iterdir())

    def test_period_must_be_a_period(self, tmp_path: Path) -> None:
        """--period that names no period is wrong usage."""
        with pytest.raises(SystemExit) as exited:
            main(["new", str(tmp_path / "x.toml"), "--period", "2026-h2"])
        assert 2 == exited.value.code


@pytest.mark.slow
class TestInstalled:
    def test_new_check_from_the_wheel(self, installed: Path, tmp_path: Path) -> None:
        """From the wheel alone: new, filled in, is valid; new --from the example for the year,
        then for the next first half, carries everything named."""
        command = str(installed.parent / "nas-press")

        def nas_press_run(*args: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [command, *args],
                cwd=tmp_path,
                env=installed_env(),
                capture_output=True,
                text=True,
                check=False,
            )

        started = nas_press_run("new", "start.toml", "--period", "2026")
        assert 0 == started.returncode, started.stderr
        assert 1 == nas_press_run("check", "start.toml").returncode
        fill(tmp_path / "start.toml", datetime.date(2027, 2, 10))
        checked = nas_press_run("check", "start.toml")
        assert 0 == checked.returncode, checked.stderr
        assert "0 errors, 0 warnings" in checked.stdout

        examples = tmp_path / "examples"
        examples.mkdir()
        for name in ("2025-h1.toml", "history.toml"):
            shutil.copy(EXAMPLES / name, examples / name)
        year = nas_press_run(
            "new", "2025.toml", "--from", "examples/2025-h1.toml", "--period", "2025"
        )
        assert 0 == year.returncode, year.stderr
        fill(tmp_path / "2025.toml", datetime.date(2026, 2, 10))
        half = nas_press_run("new", "2026-h1.toml", "--from", "2025.toml", "--period", "2026-h1")
        assert 0 == half.returncode, half.stderr
        table = tomllib.loads((tmp_path / "2026-h1.toml").read_text("utf-8"))
        assert ["fi", "sv", "en"] == table["release"]["languages"]
        assert ["nas", "migri"] == table["release"]["boilerplate"]
        assert ["Minna Lehtipuu", "Terhi Tafari"] == [c["name"] for c in table["contacts"]]
        speakers = [b["quote"]["speaker"] for b in table["body"] if "quote" in b]
        assert ["Katri Lyijynen", "Terhi Tafari"] == speakers
        history = tomllib.loads((tmp_path / "history.toml").read_text("utf-8"))
        assert {"2016-h1", "2016", "2017-h1", "2017", "2025-h1", "2025"} == set(history)
        fill(tmp_path / "2026-h1.toml", datetime.date(2026, 8, 10))
        checked = nas_press_run("check", "--strict", "2026-h1.toml")
        assert 1 == checked.returncode  # the carried texts are still unchanged
        assert "12 warnings" in checked.stderr
        assert 12 == checked.stderr.count("unchanged since 2025")
