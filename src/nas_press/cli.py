"""The ``nas-press`` command: render and check release files.

Exit status: 0 on success, 1 when the release file (or what it asks for) is
invalid, 2 on wrong usage. A user's mistake is reported on standard error,
never as a traceback.
"""

from __future__ import annotations

import argparse
import sys
import warnings as _warnings
from collections.abc import Sequence
from pathlib import Path

from nas_press._resources import supported_languages
from nas_press.exceptions import NasPressError, Problem, UnknownLanguageError
from nas_press.release.load import read_release
from nas_press.release.model import Release
from nas_press.release.source import with_lines
from nas_press.writers import DEFAULT_FORMATS, FORMATS, WRITERS

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


def _csv(value: str) -> list[str]:
    items = [v.strip() for v in value.split(",") if v.strip()]
    if not items:
        raise argparse.ArgumentTypeError("expected a comma-separated list, such as fi,sv,en")
    return items


def _out(value: str) -> str:
    if not value:
        raise argparse.ArgumentTypeError(
            "expected a folder, or - for standard output; an empty name would write into "
            "the current folder (give . for that)"
        )
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nas-press",
        description="Author the NAS statistics press release in Finnish, Swedish and English "
        "from one release file.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    render = commands.add_parser(
        "render",
        help="write the release as DOCX and plain text (or HTML, Markdown, ninjs JSON)",
        description="Render RELEASE.toml into DIR/<file stem>.<lang>.<format>. Every file is "
        "produced in memory first; nothing is written unless all succeed.",
    )
    render.add_argument("release", metavar="RELEASE.toml", type=Path, help="the release file")
    render.add_argument(
        "--out",
        metavar="DIR",
        type=_out,
        required=True,
        help="output folder (created if missing), or - to write the one file asked for "
        "(one language, one format) to standard output",
    )
    render.add_argument(
        "--lang",
        metavar="LANGS",
        type=_csv,
        default=None,
        help="comma-separated languages (default: the release's own)",
    )
    render.add_argument(
        "--format",
        metavar="FORMATS",
        type=_csv,
        default=list(DEFAULT_FORMATS),
        help="comma-separated formats: "
        + "; ".join(f"{w.extension} ({w.description})" for w in WRITERS.values())
        + f" (default: {','.join(DEFAULT_FORMATS)})",
    )
    render.add_argument(
        "--reference-doc",
        metavar="BRAND.docx",
        type=Path,
        default=None,
        help="build the DOCX files on this Word document (.docx, not a .dotx template): keep its "
        "styles, page setup, headers and footers, theme and fonts; a style nas_press needs that "
        "it lacks is added and named in a warning",
    )
    check = commands.add_parser(
        "check",
        help="validate a release file and report every problem",
        description="Validate RELEASE.toml, render it in memory in every language and format, "
        "and compare the figures each language version states; report every error and "
        "warning with its key and line.",
    )
    check.add_argument("release", metavar="RELEASE.toml", type=Path, help="the release file")
    _absorb_parser(commands)
    return parser


def _absorb_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    absorb = commands.add_parser(
        "absorb",
        help="write the edits of the approval round (edited DOCX files) back into the release file",
        description="Read each edited language version (tracked insertions accepted, deletions "
        "dropped) and write every authored text that changed back into RELEASE.toml, keeping its "
        "comments, order and layout. Edits of generated sentences are reported, not written; "
        "comments are listed with the text they stand on. Nothing is written unless the whole "
        "file could be updated.",
    )
    absorb.add_argument("release", metavar="RELEASE.toml", type=Path, help="the release file")
    absorb.add_argument(
        "docx",
        metavar="EDITED.docx",
        type=Path,
        nargs="+",
        help="edited DOCX files, one a language",
    )
    absorb.add_argument(
        "--changes",
        action="store_true",
        help="list the tracked changes with their author and date instead; write nothing",
    )
    absorb.add_argument(
        "--dry-run", action="store_true", help="show the change to the release file as a diff"
    )


def _report(problems: Sequence[Problem], source: str) -> None:
    """Print ``problems``: errors, then warnings, each in the order of the file's lines."""
    for problem in sorted(problems, key=lambda p: (p.severity != "error", p.line or 0)):
        print(problem.describe(source), file=sys.stderr)


def _load(path: Path) -> tuple[Release | None, list[Problem]]:
    return read_release(path, source=str(path), default_id=path.stem)


def _fail(message: str) -> int:
    print(f"nas-press: error: {message}", file=sys.stderr)
    return EXIT_INVALID


def _render(
    release: Release,
    stem: str,
    languages: Sequence[str],
    formats: Sequence[str],
    reference: bytes | None,
) -> dict[str, bytes]:
    """Render the files in memory, printing each warning about them once.

    Those are a style added to the reference document and charts left out
    for want of matplotlib: once, not once per language.
    """
    import warnings

    from nas_press._api import render_outputs
    from nas_press.exceptions import ChartsUnavailableWarning, ReferenceStyleWarning

    shown = (ReferenceStyleWarning, ChartsUnavailableWarning)
    with warnings.catch_warnings(record=True) as caught:
        for category in shown:
            warnings.simplefilter("always", category)
        if reference is None:
            outputs = render_outputs(release, stem, languages, formats)
        else:
            outputs = render_outputs(release, stem, languages, formats, reference=reference)
    ours = [w for w in caught if issubclass(w.category, shown)]
    for message in dict.fromkeys(str(w.message) for w in ours):
        print(f"nas-press: warning: {message}", file=sys.stderr)
    for other in caught:
        if other not in ours:
            warnings.warn_explicit(other.message, other.category, other.filename, other.lineno)
    return outputs


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "absorb":
        from nas_press.absorb import run

        return run(args.release, args.docx, changes=args.changes, dry_run=args.dry_run)
    if args.command == "render" and args.reference_doc is not None and "docx" not in args.format:
        parser.error(
            "render: --reference-doc applies to DOCX files, but --format asks for none: "
            "add docx to --format, or leave --reference-doc out"
        )
    path: Path = args.release
    release, problems = _load(path)
    _report(problems, str(path))
    errors = [p for p in problems if p.severity == "error"]
    if release is None or errors:
        return _fail(
            f"{len(errors)} error{'s' if len(errors) != 1 else ''} in {path}; nothing was written"
            if args.command == "render"
            else f"{len(errors)} error{'s' if len(errors) != 1 else ''} in {path}"
        )
    from nas_press.output import write_outputs

    if args.command == "check":
        from nas_press.checks.a11y import accessibility_problems
        from nas_press.checks.figures import figure_problems
        from nas_press.exceptions import ChartsUnavailableWarning

        try:
            outputs = _render(release, path.stem, release.languages, FORMATS, None)
            with _warnings.catch_warnings():  # said once already, by _render
                _warnings.simplefilter("ignore", ChartsUnavailableWarning)
                mismatches = figure_problems(release)
        except NasPressError as exc:
            return _fail(str(exc))
        mismatches = with_lines(mismatches, path.read_text("utf-8"))
        _report(mismatches, str(path))
        barriers = accessibility_problems(outputs)
        _report(barriers, str(path))
        if mismatches:
            return _fail(
                f"{len(mismatches)} figure{'s' if len(mismatches) != 1 else ''} "
                "differ between the language versions"
            )
        if barriers:
            return _fail(
                f"{len(barriers)} accessibility problem{'s' if len(barriers) != 1 else ''} "
                "in the rendered files"
            )
        warnings = len(problems)
        print(
            f"{path}: valid; {len(release.languages)} languages "
            f"({', '.join(release.languages)}); {warnings} warning{'s' if warnings != 1 else ''}"
        )
        return EXIT_OK
    languages = args.lang if args.lang is not None else list(release.languages)
    for lang in languages:
        if lang not in supported_languages():
            return _fail(str(UnknownLanguageError(lang, supported_languages())))
    if args.out == "-" and (len(languages) != 1 or len(args.format) != 1):
        parser.error(
            "render: --out - writes one file to standard output, so it needs one language "
            f"and one format (such as --lang {languages[0]} --format txt); asked for "
            f"{len(languages)} language{'s' if len(languages) != 1 else ''} "
            f"({','.join(languages)}) and {len(args.format)} format"
            f"{'s' if len(args.format) != 1 else ''} ({','.join(args.format)})"
        )
    reference = None
    if args.reference_doc is not None:
        from nas_press.writers.reference import read_reference

        try:
            reference = read_reference(args.reference_doc)
        except NasPressError as exc:
            return _fail(f"{exc}; nothing was written")
    try:
        outputs = _render(release, path.stem, languages, args.format, reference)
    except NasPressError as exc:
        return _fail(f"{exc}; nothing was written")
    if args.out == "-":
        try:
            sys.stdout.buffer.write(*outputs.values())
            sys.stdout.buffer.flush()
        except OSError as exc:
            return _fail(f"cannot write to standard output: {exc.strerror or exc}")
        return EXIT_OK
    try:
        written = write_outputs(outputs, args.out)
    except NasPressError as exc:  # its message says what was changed
        return _fail(str(exc))
    for target in written:
        print(target)
    return EXIT_OK


def run() -> None:
    """Entry point of the ``nas-press`` script."""
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
