"""Build hook: compile the Jinja templates into the package when it is built.

A wheel carries ``nas_press/_compiled/<lang>/``, the templates compiled by
:func:`nas_press.realize.templates.compile_package` with the very environment
the package renders with, so an installed nas_press compiles no template. An
editable install (a checkout) compiles them into ``src/nas_press/_compiled/``
(ignored by git) for the same reason; a template edited afterwards no longer
matches its module and is compiled from its source, so nothing stale is ever
served. ``python hatch_build.py`` compiles them into the checkout again.

Beside them goes ``docx-template-<digest>.docx``, python-docx's default
template prepared as the DOCX writer prepares it
(:func:`nas_press.writers.docx.write_template`), which the writer opens instead
of preparing the template in every process, as long as the digest in its
name matches the writer and python-docx of the running process.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
IN_CHECKOUT = ROOT / "src" / "nas_press" / "_compiled"


def compile_into(target: Path, root: Path = ROOT) -> None:
    """Compile every language's templates into the package folder ``target``."""
    sys.path.insert(0, str(root / "src"))
    try:
        from nas_press.realize.templates import compile_package
        from nas_press.writers.docx import write_template
    finally:
        sys.path.pop(0)
    shutil.rmtree(target, ignore_errors=True)
    compile_package(target)
    write_template(target)


if __name__ == "__main__":  # without hatchling, which only the build environment has
    compile_into(IN_CHECKOUT)
    print(f"compiled the templates into {IN_CHECKOUT}")
    sys.exit(0)

from hatchling.builders.hooks.plugin.interface import BuildHookInterface  # noqa: E402


class CompileTemplates(BuildHookInterface):
    """Adds the compiled templates to the wheel, or to the checkout for an editable install."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile the templates before the wheel is assembled."""
        root = Path(self.root)
        if version == "editable":
            compile_into(root / "src" / "nas_press" / "_compiled", root)
            return
        self._folder = tempfile.mkdtemp(prefix="nas-press-compiled-")
        compile_into(Path(self._folder) / "_compiled", root)
        build_data["force_include"][str(Path(self._folder) / "_compiled")] = "nas_press/_compiled"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """Remove the temporary folder of a wheel's compiled templates."""
        folder = getattr(self, "_folder", None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
