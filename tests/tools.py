"""Helpers for tests that need an external program (LibreOffice, hunspell, Chromium, …).

Such a test skips on a developer's machine that lacks the program, so the
suite stays usable without root, and fails in CI (``CI=true``), where
``.ci/install-tools`` has installed everything and a skip would hide a check
that silently stopped running. Either way the message names the Debian package.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, NoReturn

import pytest


def in_ci() -> bool:
    """Return whether the tests run in CI, where a missing tool is an error."""
    return os.environ.get("CI") == "true"


def require_tool(name: str, package: str) -> str:
    """Return the path of the executable ``name``, or end the test if it is missing.

    ``package`` is the Debian package that provides it. A missing program
    skips the test locally and fails it in CI (``CI=true``).
    """
    path = shutil.which(name)
    if path is not None:
        return path
    missing(
        f"{name} not found: install the Debian package {package} (or run .ci/install-tools as root)"
    )


def require_file(path: Path, install: str) -> Path:
    """Return ``path`` if it is a file, or end the test as :func:`require_tool` does.

    ``install`` says how to get the file (a command to run), for the message.
    """
    if path.is_file():
        return path
    missing(f"{path} not found: {install}")


def missing(message: str) -> NoReturn:
    """End the test because something it needs is missing: skip it, or fail it in CI."""
    if in_ci():
        pytest.fail(
            f"{message}; CI=true, so a test that needs it fails instead of skipping", pytrace=False
        )
    pytest.skip(message)


VOIKKO_INSTALL = (
    "install the Debian packages libvoikko1 and voikko-fi, and the PyPI package libvoikko"
    " (in the test dependency group)"
)


def open_voikko() -> Any:
    """Return a ``libvoikko.Voikko`` for Finnish, or end the test as :func:`missing` does.

    The shared library is opened first, on its own: building a ``Voikko``
    without it fails inside ``__init__`` and leaves a half-built object whose
    ``__del__`` raises later, far from here. Voikko's own exception (the
    library is there, the Finnish dictionary is not) is caught as well. The
    caller terminates the object.
    """
    try:
        import libvoikko  # type: ignore[import-untyped]
    except ImportError as exc:
        missing(f"the libvoikko Python package is missing ({exc}): {VOIKKO_INSTALL}")
    try:
        libvoikko.VoikkoLibrary.open()
    except OSError as exc:
        missing(f"the Voikko library cannot be loaded ({exc}): {VOIKKO_INSTALL}")
    try:
        return libvoikko.Voikko("fi")
    except libvoikko.VoikkoException as exc:
        missing(f"Voikko has no Finnish dictionary ({exc}): {VOIKKO_INSTALL}")
