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
from typing import NoReturn

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
