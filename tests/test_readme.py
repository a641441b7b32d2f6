"""The README's table of generated statements is the statement registry's."""

from __future__ import annotations

from tests.readme import BLOCK, README, readme_with_table, statements_table

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
