"""Count how often a body sentence of a release states a figure an earlier sentence stated.

    python benchmarks/restatements.py FILE.toml [FILE.toml ...]

For each release and language: the body sentences (from the first paragraph after the
headline up to the contacts), and those that repeat a count or a percentage already
stated in an earlier body sentence of the same version. Years and dates are not counted.
A repeated figure may be a legitimate base ("of the 88 new clients"); the sentences are
printed so that a reader can tell. The official releases of the same periods repeat a
figure in about 0.06 of their body sentences.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nas_press
from nas_press.checks.figures import extract
from nas_press.realize.locale import formatter

_SENTENCE = re.compile(r"(?<=[.!?”])\s+(?=[A-ZÅÄÖ–“])")


def body(text: str, lang: str) -> list[str]:
    """The body sentences of a text version: after the headline, before the contacts."""
    heading = formatter(lang).data.text("labels", "contact_heading")
    paragraphs = text.split("\n\n")
    end = next((i for i, p in enumerate(paragraphs) if p.startswith(heading)), len(paragraphs))
    return [s for p in paragraphs[3:end] for s in _SENTENCE.split(p.strip()) if s]


def repeats(sentences: list[str], lang: str, year: int) -> list[tuple[str, set[str]]]:
    """Each sentence that repeats a count or percentage, with the figures it repeats; period
    phrases ("two years earlier") are read as the years before ``year`` they stand for."""
    seen: set[str] = set()
    found = []
    for sentence in sentences:
        figures = {
            f.value
            for f in extract(sentence, lang, year=year)
            if f.value.startswith(("n:", "percent:"))
        }
        if again := figures & seen:
            found.append((sentence, again))
        seen |= figures
    return found


def main(paths: list[str]) -> None:
    total = repeated = 0
    for path in paths:
        release = nas_press.load_release(Path(path))
        for lang in release.languages:
            sentences = body(nas_press.to_text(nas_press.render(release, lang)), lang)
            found = repeats(sentences, lang, release.period.year)
            total += len(sentences)
            repeated += len(found)
            for sentence, again in found:
                print(f"{Path(path).stem}.{lang}: {sorted(again)}: {sentence}")
    print(f"{repeated} of {total} body sentences repeat a figure: {repeated / max(total, 1):.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
