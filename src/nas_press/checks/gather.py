"""Every problem ``nas-press check`` reports about a release file, gathered in one place.

:func:`gather` reads the file, and when it holds no error renders it in memory
in every language and format, compares the figures the language versions
state and checks the accessibility of the DOCX and HTML files. The command
line's ``check`` prints what it finds; the live preview
(:mod:`nas_press.preview`) shows it beside the pages, from the same functions
(:func:`read`, then :func:`check_read`, between which it shows the pages),
so the two never disagree.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import attrs

from nas_press.exceptions import NasPressError, Problem
from nas_press.release.load import read_release
from nas_press.release.model import Release
from nas_press.writers import FORMATS


@attrs.frozen
class Findings:
    """What checking a release file found.

    ``problems`` are those of reading the file (errors and warnings, in the
    order :func:`~nas_press.release.load.read_release` gives them); when one
    of them is an error, ``release`` is ``None`` and nothing was rendered.
    ``outputs`` maps file names (``<stem>.<lang>.<format>``) to the bytes
    rendered, ``notices`` are the warnings about rendering (a chart left out
    for want of matplotlib), each said once, ``failure`` the message of an
    error that stopped the render. ``mismatches`` are the figures that differ
    between the language versions and ``barriers`` the accessibility problems
    of the rendered files, each with the line of its key where it has one.
    """

    release: Release | None
    problems: tuple[Problem, ...]
    outputs: Mapping[str, bytes] = attrs.field(factory=dict)
    notices: tuple[str, ...] = ()
    failure: str | None = None
    mismatches: tuple[Problem, ...] = ()
    barriers: tuple[Problem, ...] = ()

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems of reading that are errors."""
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def everything(self) -> tuple[Problem, ...]:
        """Every problem found, as ``check`` reports them.

        Errors of reading first, then its warnings, each in the order of the
        file's lines; then the figures and the accessibility problems, each
        in the same order.
        """
        return (*by_line(self.problems), *by_line(self.mismatches), *by_line(self.barriers))


def by_line(problems: Sequence[Problem]) -> list[Problem]:
    """``problems`` as ``check`` prints them: errors, then warnings, each by line."""
    return sorted(problems, key=lambda p: (p.severity != "error", p.line or 0))


def render_noting(
    release: Release,
    stem: str,
    languages: Sequence[str],
    formats: Sequence[str],
    reference: bytes | None = None,
    progress: Callable[[str], None] | None = None,
) -> tuple[dict[str, bytes], tuple[str, ...]]:
    """Render the files in memory; return them and the warnings about them, each once.

    ``progress`` is told of a step that takes seconds (``drawing 2 charts…``)
    as it starts.

    Those warnings are a style added to the reference document and charts
    left out for want of matplotlib: said once, not once per language. Other
    warnings are passed on. Raises what
    :func:`~nas_press._api.render_outputs` raises.
    """
    from nas_press._api import render_outputs
    from nas_press.exceptions import ChartsUnavailableWarning, ReferenceStyleWarning

    shown = (ReferenceStyleWarning, ChartsUnavailableWarning)
    with warnings.catch_warnings(record=True) as caught:
        for category in shown:
            warnings.simplefilter("always", category)
        outputs = render_outputs(
            release, stem, languages, formats, reference=reference, progress=progress
        )
    ours = [w for w in caught if issubclass(w.category, shown)]
    for other in caught:
        if other not in ours:
            warnings.warn_explicit(other.message, other.category, other.filename, other.lineno)
    return outputs, tuple(dict.fromkeys(str(w.message) for w in ours))


def read(path: Path) -> Findings:
    """Read the release file at ``path``: the first step of :func:`gather`, which it may stop.

    The file is read with :func:`~nas_press.release.load.read_release`, its
    statistics history beside it. When a problem is an error, ``release`` is
    ``None``, and :func:`gather` goes no further.
    """
    release, problems = read_release(path, source=str(path), default_id=path.stem)
    found = Findings(release, tuple(problems))
    if release is None or found.errors:
        return attrs.evolve(found, release=None)
    return found


def check_read(
    found: Findings,
    path: Path,
    *,
    formats: Sequence[str] = FORMATS,
    progress: Callable[[str], None] | None = None,
) -> Findings:
    """The rest of :func:`gather` for the file ``path`` read as ``found``; raise nothing.

    The release is rendered in its languages and ``formats`` (default: all),
    its figures compared between languages and its DOCX and HTML files
    checked for accessibility. ``found`` is returned as it is when it has no
    release (the file has an error).
    """
    release = found.release
    if release is None:
        return found
    from nas_press.checks.a11y import accessibility_problems
    from nas_press.checks.figures import figure_problems
    from nas_press.exceptions import ChartsUnavailableWarning
    from nas_press.release.source import with_lines

    try:
        outputs, notices = render_noting(
            release, path.stem, release.languages, formats, progress=progress
        )
        with warnings.catch_warnings():  # said once already, in the notices
            warnings.simplefilter("ignore", ChartsUnavailableWarning)
            mismatches = figure_problems(release)
        text = path.read_text("utf-8") if mismatches else ""
    except NasPressError as exc:
        return attrs.evolve(found, failure=str(exc))
    except (OSError, UnicodeError) as exc:  # the file changed or went since it was read
        return attrs.evolve(found, failure=f"cannot read the file again: {exc}")
    return attrs.evolve(
        found,
        outputs=outputs,
        notices=notices,
        mismatches=tuple(with_lines(mismatches, text)),
        barriers=tuple(accessibility_problems(outputs)),
    )


def gather(path: Path, *, formats: Sequence[str] = FORMATS) -> Findings:
    """Check the release file at ``path`` as ``nas-press check`` does; raise nothing.

    :func:`read`, then :func:`check_read`: a release without error is
    rendered in its languages and ``formats`` (default: all), its figures
    compared between languages and its DOCX and HTML files checked for
    accessibility.
    """
    return check_read(read(path), path, formats=formats)
