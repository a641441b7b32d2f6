"""Broken release files: one per rule, each a clean error naming the key, with nothing written.

Each file in tests/broken/ is tests/valid.toml with one mistake. The first
problem reported must have exactly the key path, message and line below.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import LANGS

import nas_press
from nas_press.cli import main
from nas_press.release.load import read_release

HERE = Path(__file__).resolve().parent
BROKEN = HERE / "broken"

# file stem: (key path, message, line); "" is the file as a whole
EXPECTED: dict[str, tuple[str, str, int | None]] = {
    "absurd_length": ("headline.en", "text is 360 characters long", 38),
    "admitted_over_referred": (
        "statistics.new_clients.count",
        "larger than referrals.count (100)",
        15,
    ),
    "bad_email": ("contacts[0].email", "not an e-mail address", 55),
    "bad_phone": ("contacts[0].phone", "not a phone number", 54),
    "truncated_phone": (
        "contacts[0].phone",
        "7 digits, but a number that starts 0295 has 8 or 10 (such as 0295 463 177): a digit"
        " may be missing or doubled",
        54,
    ),
    "body_item_two_things": ("body[2]", "a body item must be exactly one thing", 46),
    "boolean_count": (
        "statistics.in_finland.count",
        "a boolean, not a whole number, 0 or more",
        24,
    ),
    "comments_only": ("", "the file holds no release, only comments or blank lines", None),
    "contact_expired": (
        "contacts[0].until",
        "the contact is no longer valid when the release is published",
        56,
    ),
    "contact_window_reversed": (
        "contacts[0].until",
        "the window ends before it starts (2030-09-01)",
        57,
    ),
    "control_character": (
        "headline.en",
        "text holds the control or invalid character U+000B at position 12",
        38,
    ),
    "decimal_count": (
        "statistics.in_finland.count",
        "a decimal number, not a whole number, 0 or more",
        24,
    ),
    "empty": ("", "the file is empty", None),
    "empty_id": ("release.id", "an empty id", 4),
    "empty_text": ("headline.en", "text is empty", 38),
    "finnish_over_group": (
        "statistics.in_finland.finnish",
        "larger than count (30)",
        26,
    ),
    "forms_over_total": (
        "statistics.new_clients.forms",
        "the forms add up to 61, more than count (60)",
        18,
    ),
    "huge_count": ("statistics.register.persons", "a count larger than 1 000 000", 30),
    "implausible_change_year": (
        "statistics.referrals.change.year",
        "not a year of the NAS statistics",
        13,
    ),
    "in_finland_over_new_clients": (
        "statistics.in_finland.count",
        "larger than new_clients.count (60)",
        24,
    ),
    "minors_outside_finland": (
        "statistics.in_finland.minors",
        "0, which leaves 12 of new_clients.minors (12) exploited outside Finland, where only 10"
        " of the new clients were (new_clients.count 60 less in_finland.count 50)",
        29,
    ),
    "women_and_minors_over_group": (
        "statistics.in_finland.women",
        "with the minors (35) more than count (50): women counts adults only",
        28,
    ),
    "invisible_character": (
        "headline.en",
        "text holds the invisible character ZERO WIDTH SPACE (U+200B) at position 12, often"
        " brought along by copying text; it changes how the text shows, reads aloud or is found",
        40,
    ),
    "key_given_twice": (
        "headline.fi",
        "not valid TOML: Cannot overwrite a value (at line 38, column 40)",
        38,
    ),
    "min_group_without_reason": (
        "privacy.reason",
        "the minimum group size is changed from 5 without a reason in words",
        10,
    ),
    "minors_over_victims": (
        "statistics.register.minors",
        "larger than victims (800)",
        33,
    ),
    "missing_key": ("period.kind", "missing", 6),
    "missing_translation": ("headline.sv", "no sv text", 35),
    "nationalities_over_persons": (
        "statistics.in_finland.nationalities",
        "larger than count (30)",
        25,
    ),
    "negative_count": ("statistics.register.minors", "a negative count", 33),
    "noncharacter": (
        "headline.en",
        "text holds the control or invalid character U+FFFE at position 13",
        38,
    ),
    "noncharacter_astral": (
        "headline.en",
        "text holds the control or invalid character U+1FFFE at position 13",
        38,
    ),
    "not_toml": ("period.kind", 'not valid TOML: write text in quotes, such as "first-half"', 8),
    "not_utf8": ("", "the file is not UTF-8 (byte 555)", 37),
    "published_before_period_end": (
        "release.published",
        "the release is published before its period ends",
        4,
    ),
    "register_does_not_add_up": (
        "statistics.register.persons",
        "victims (800) and children (201) add up to 1001",
        30,
    ),
    "same_text_two_languages": (
        "headline.sv",
        "same text as in fi: a translation may be missing",
        37,
    ),
    "small_nationality_group": (
        "statistics.in_finland.finnish",
        "3 Finnish nationals: a group defined by nationality of fewer than 5 people could"
        " identify its members",
        26,
    ),
    "small_non_finnish_group": (
        "statistics.in_finland.finnish",
        "leaves 2 people who are not Finnish nationals: a group defined by nationality of"
        " fewer than 5 people could identify its members",
        26,
    ),
    "statement_without_figures": (
        "body[2].statement",
        "statement 'register' needs figures the release does not have",
        42,
    ),
    "surrogate_escape": (
        "headline.en",
        "not valid TOML: Escaped character is not a Unicode scalar value (at line 38, column 25)",
        38,
    ),
    "text_for_count": ("statistics.in_finland.count", "a text, not a whole number, 0 or more", 24),
    "unknown_boilerplate": (
        "release.boilerplate[1]",
        "unknown boilerplate block 'fakta'; did you mean 'facts'?",
        5,
    ),
    "unknown_key": (
        "statistics.in_finland.wimen",
        "unknown key 'wimen'; did you mean 'women'?",
        27,
    ),
    "unknown_language": ("release.languages[0]", "unknown language 'fi-FI'; did you mean 'fi'?", 3),
    "unknown_period": ("period.kind", "unknown period 'second-half'", 8),
    "unknown_statement": (
        "body[2].statement",
        "unknown statement 'registry'; did you mean 'register'?",
        47,
    ),
    "women_over_group": (
        "statistics.in_finland.women",
        "larger than count (30)",
        27,
    ),
}

WARNINGS_ONLY = {"invisible_character", "same_text_two_languages"}


def test_every_file_has_an_expectation() -> None:
    """Each broken file is listed above, and each listed file exists."""
    assert sorted(EXPECTED) == sorted(p.stem for p in BROKEN.glob("*.toml"))


def test_valid_base() -> None:
    """The file the broken ones derive from is valid, with no warning."""
    release, problems = read_release((HERE / "valid.toml").read_bytes(), source="valid.toml")
    assert release is not None
    assert [] == problems


@pytest.mark.parametrize("stem", sorted(EXPECTED))
class TestBrokenFile:
    def test_problem(self, stem: str) -> None:
        """The first problem has the exact key path, message and line."""
        _, problems = read_release((BROKEN / f"{stem}.toml").read_bytes(), source=f"{stem}.toml")
        first = problems[0]
        assert EXPECTED[stem] == (first.path, first.message, first.line)
        expected_severity = "warning" if stem in WARNINGS_ONLY else "error"
        assert expected_severity == first.severity

    def test_render_exits_1_and_writes_nothing(
        self, stem: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """render exits 1 with the key on stderr, no traceback, and the output folder untouched;
        a file with only a warning renders, and the warning is still shown."""
        out = tmp_path / "out"
        out.mkdir()
        before = {f"{stem}.{lang}.txt": f"old {lang}\n".encode() for lang in LANGS}
        for name, data in before.items():
            (out / name).write_bytes(data)
        code = main(["render", str(BROKEN / f"{stem}.toml"), "--out", str(out)])
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert EXPECTED[stem][0] in err
        after = {p.name: p.read_bytes() for p in out.iterdir()}
        if stem in WARNINGS_ONLY:
            assert 0 == code
            assert sorted(before) == sorted(name for name in after if name.endswith(".txt"))
            assert all(after[name] != data for name, data in before.items())
        else:
            assert 1 == code
            assert before == after

    def test_api_raises_one_error_with_every_problem(self, stem: str) -> None:
        """load_release raises one ReleaseError listing the problems, naming the file."""
        if stem in WARNINGS_ONLY:
            assert "valid" == nas_press.load_release(BROKEN / f"{stem}.toml").id
            return
        with pytest.raises(nas_press.ReleaseError) as info:
            nas_press.load_release(BROKEN / f"{stem}.toml")
        assert info.value.problems
        assert f"{stem}.toml" in str(info.value)
