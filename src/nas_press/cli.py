"""The ``nas-press`` command: render and check release files.

Exit status: 0 on success, 1 when the release file (or what it asks for) is
invalid, 2 on wrong usage. A user's mistake is reported on standard error,
never as a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from nas_press._resources import supported_languages
from nas_press.checks.gather import by_line
from nas_press.exceptions import NasPressError, Problem, UnknownLanguageError
from nas_press.release.load import read_release
from nas_press.release.model import Release
from nas_press.writers import DEFAULT_FORMATS, WRITERS

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
    preview = commands.add_parser(
        "preview",
        help="show the language versions side by side in the browser, updated on every save",
        description="Serve a page on 127.0.0.1 that shows the release in every language as it "
        "will be published (the HTML pages), with every problem check finds, and updates it "
        "within half a second of the file being saved. Ctrl-C stops it.",
    )
    preview.add_argument("release", metavar="RELEASE.toml", type=Path, help="the release file")
    preview.add_argument(
        "--port",
        metavar="N",
        type=int,
        default=0,
        help="the port to listen on (default: a free one, printed)",
    )
    preview.add_argument(
        "--no-browser",
        dest="browser",
        action="store_false",
        help="print the address only; do not open it in the browser",
    )
    return parser


def _report(problems: Sequence[Problem], source: str) -> None:
    """Print ``problems``: errors, then warnings, each in the order of the file's lines."""
    for problem in by_line(problems):
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
    """Render the files in memory, printing each warning about them once."""
    from nas_press.checks.gather import render_noting

    outputs, notices = render_noting(release, stem, languages, formats, reference)
    for message in notices:
        print(f"nas-press: warning: {message}", file=sys.stderr)
    return outputs


def _check(path: Path) -> int:
    """Run ``check`` on ``path``: print every problem and the verdict, return the exit status."""
    from nas_press.checks.gather import gather

    found = gather(path)
    _report(found.problems, str(path))
    if found.release is None:
        errors = len(found.errors)
        return _fail(f"{errors} error{'s' if errors != 1 else ''} in {path}")
    for message in found.notices:
        print(f"nas-press: warning: {message}", file=sys.stderr)
    if found.failure is not None:
        return _fail(found.failure)
    _report(found.mismatches, str(path))
    _report(found.barriers, str(path))
    if found.mismatches:
        count = len(found.mismatches)
        return _fail(
            f"{count} figure{'s' if count != 1 else ''} differ between the language versions"
        )
    if found.barriers:
        count = len(found.barriers)
        return _fail(
            f"{count} accessibility problem{'s' if count != 1 else ''} in the rendered files"
        )
    languages = found.release.languages
    warnings = len(found.problems)
    print(
        f"{path}: valid; {len(languages)} languages "
        f"({', '.join(languages)}); {warnings} warning{'s' if warnings != 1 else ''}"
    )
    return EXIT_OK


def _preview(path: Path, port: int, browser: bool) -> int:
    """Run ``preview`` on ``path`` until Ctrl-C."""
    if not path.is_file():
        return _fail(f"{path}: no such file: expected a release file, such as 2025-h1.toml")
    if not 0 <= port <= 65535:
        return _fail(f"--port {port}: expected a port from 1 to 65535, or 0 for a free one")
    from nas_press.preview import serve

    return serve(path, port, browser=browser)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "render" and args.reference_doc is not None and "docx" not in args.format:
        parser.error(
            "render: --reference-doc applies to DOCX files, but --format asks for none: "
            "add docx to --format, or leave --reference-doc out"
        )
    path: Path = args.release
    if args.command == "check":
        return _check(path)
    if args.command == "preview":
        return _preview(path, args.port, args.browser)
    release, problems = _load(path)
    _report(problems, str(path))
    errors = [p for p in problems if p.severity == "error"]
    if release is None or errors:
        return _fail(
            f"{len(errors)} error{'s' if len(errors) != 1 else ''} in {path}; nothing was written"
        )
    from nas_press.output import write_outputs

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
        try:
            reference = args.reference_doc.read_bytes()
        except OSError as exc:
            return _fail(
                f"cannot read the reference document {args.reference_doc}: "
                f"{exc.strerror or exc}; nothing was written"
            )
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
