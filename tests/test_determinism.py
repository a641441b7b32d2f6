"""The same release file gives the same bytes in every process, whatever the hash seed."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLE_STEMS, EXAMPLES

import nas_press
from nas_press.writers import FORMATS

SRC = Path(__file__).resolve().parent.parent / "src"

SCRIPT = """
import hashlib, json, sys
import nas_press
from nas_press.writers import FORMATS, writer
digests = {}
for path in sys.argv[1:]:
    release = nas_press.load_release(path)
    for lang in release.languages:
        document = nas_press.render(release, lang)
        for fmt in FORMATS:
            data = writer(fmt).write(document)
            digests[f"{path}:{lang}:{fmt}"] = hashlib.sha256(data).hexdigest()
json.dump(digests, sys.stdout, sort_keys=True)
"""


def _digests(seed: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONHASHSEED": seed, "MPLBACKEND": "Agg"}
    paths = [str(EXAMPLES / f"{stem}.toml") for stem in EXAMPLE_STEMS]
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, *paths], capture_output=True, env=env, check=True
    )
    digests: dict[str, str] = json.loads(result.stdout)
    return digests


def test_every_format_is_the_same_in_fresh_processes() -> None:
    """Two interpreters with different hash seeds write every format of both examples, in
    every language, byte for byte alike, and alike with this process."""
    first, second = _digests("1"), _digests("2")
    assert len(first) == len(EXAMPLE_STEMS) * 3 * len(FORMATS)
    assert first == second
    stem = EXAMPLE_STEMS[0]
    document = nas_press.render(nas_press.load_release(EXAMPLES / f"{stem}.toml"), "fi")
    here = hashlib.sha256(nas_press.to_text(document).encode("utf-8")).hexdigest()
    assert first[f"{EXAMPLES / f'{stem}.toml'}:fi:txt"] == here
