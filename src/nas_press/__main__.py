"""``python -m nas_press``: the ``nas-press`` command."""

from nas_press.cli import run

run()
