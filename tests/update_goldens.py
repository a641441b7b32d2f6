"""Rewrite the golden files under tests/golden/ from the bundled examples and the sweep of
the generated statements (tests/sweep.py), and the README's table of statements.

Run after a deliberate change to templates, locale data or writers
(``make goldens``), then read the diff of the ``.txt`` and ``.document.xml``
files before committing.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.conftest import EXAMPLE_STEMS, EXAMPLES, GOLDEN, LANGS  # noqa: E402
from tests.docx_compare import pretty_document_xml  # noqa: E402
from tests.readme import README, readme_with_table  # noqa: E402
from tests.sweep import sweep_texts  # noqa: E402
from tests.test_periods import IDS as PERIOD_IDS, period_texts  # noqa: E402

import nas_press  # noqa: E402


def web_formats(release: nas_press.Release, document: nas_press.Document) -> dict[str, bytes]:
    """The HTML page, the Markdown and the ninjs JSON of one language version."""
    return {
        "html": nas_press.to_html(document).encode("utf-8"),
        "md": nas_press.to_markdown(document).encode("utf-8"),
        "json": nas_press.ninjs_bytes(document),
    }


def golden_files() -> dict[str, bytes]:
    """Return every golden file name mapped to the bytes the examples render to now."""
    files: dict[str, bytes] = {}
    for stem in EXAMPLE_STEMS:
        release = nas_press.load_release(EXAMPLES / f"{stem}.toml")
        for lang in release.languages:
            document = nas_press.render(release, lang)
            docx = nas_press.docx_bytes(document)
            files[f"{stem}.{lang}.txt"] = nas_press.to_text(document).encode("utf-8")
            files[f"{stem}.{lang}.docx"] = docx
            files[f"{stem}.{lang}.document.xml"] = pretty_document_xml(docx).encode("utf-8")
            for fmt, data in web_formats(release, document).items():
                files[f"{stem}.{lang}.{fmt}"] = data
    for lang, text in sweep_texts(LANGS).items():
        files[f"sweep.{lang}.txt"] = text.encode("utf-8")
    for name in PERIOD_IDS:
        for lang, text in period_texts(name).items():
            files[f"periods/{name}.{lang}.txt"] = text.encode("utf-8")
    return files


def main() -> int:
    """Write the golden files and list the ones that changed."""
    GOLDEN.mkdir(exist_ok=True)
    for name, data in golden_files().items():
        path = GOLDEN / name
        path.parent.mkdir(exist_ok=True)
        old = path.read_bytes() if path.exists() else None
        if old != data:
            path.write_bytes(data)
            print(f"{'updated' if old is not None else 'created'} {path.relative_to(HERE.parent)}")
    readme = README.read_text("utf-8")
    if readme != readme_with_table(readme):
        README.write_text(readme_with_table(readme), "utf-8")
        print("updated the statements table of README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
