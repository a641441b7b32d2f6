"""Helpers for tests that need an external program (LibreOffice, hunspell, Chromium, …).

Such a test skips on a developer's machine that lacks the program, so the
suite stays usable without root, and fails in CI (``CI=true``), where
``.ci/install-tools`` has installed everything and a skip would hide a check
that silently stopped running. Either way the message names the Debian package.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
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


SOFFICE_TIMEOUT = 180
"""Seconds one run of headless LibreOffice may take before the test fails."""


def soffice_convert(
    soffice: str, sources: list[Path], target: str, folder: Path, filter_name: str = ""
) -> list[Path]:
    """Convert ``sources`` to ``target`` (an extension, such as ``pdf`` or ``docx``, with
    LibreOffice's ``filter_name`` if given) in one headless soffice run with a fresh profile
    under ``folder``; return the outputs, failing the test if one is missing."""
    profile = folder / f"profile-{target}"
    profile.mkdir()
    outdir = folder / target
    convert = f"{target}:{filter_name}" if filter_name else target
    command = [
        soffice,
        "--headless",
        f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to",
        convert,
        "--outdir",
        str(outdir),
        *map(str, sources),
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    try:
        log, _ = process.communicate(timeout=SOFFICE_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        log, _ = process.communicate()
        pytest.fail(f"soffice --convert-to {convert} took more than {SOFFICE_TIMEOUT} s:\n{log}")
    outputs = [outdir / f"{source.stem}.{target}" for source in sources]
    assert 0 == process.returncode, f"soffice --convert-to {convert}:\n{log}"
    missing = [path.name for path in outputs if not path.is_file()]
    assert not missing, f"soffice --convert-to {convert} did not write {missing}:\n{log}"
    return outputs
