"""The README's table of generated statements is the statement registry's."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import EXAMPLES
from tests.readme import BLOCK, README, readme_with_table, statements_table

import nas_press
from nas_press.plan.statements import names


def test_table_is_the_registry() -> None:
    """The README lists every statement the registry holds, as the registry describes it;
    `make goldens` rewrites the table."""
    text = README.read_text("utf-8")
    assert text == readme_with_table(text), "run `make goldens` to rewrite the README's table"


def test_table_names_every_statement() -> None:
    """Each registered statement has a row, and no other row stands there."""
    match = BLOCK.search(README.read_text("utf-8"))
    assert match is not None
    rows = [line for line in match.group(2).splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == list(names())
    assert len(statements_table().splitlines()) == len(names()) + 2


def test_release_file_reference_is_a_valid_release(tmp_path: Path) -> None:
    """The README's reference of the release file, beside the examples' history, is a release
    that `check` accepts: every key it shows is a key, in its table, with a valid value."""
    text = README.read_text("utf-8").split("## The release file", 1)[1]
    block = text.split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "reference.toml").write_text(block, "utf-8")
    shutil.copy(EXAMPLES / "history.toml", tmp_path / "history.toml")
    release, problems = nas_press.read_release(tmp_path / "reference.toml")
    assert [] == [p for p in problems if p.severity == "error"]
    assert release is not None
