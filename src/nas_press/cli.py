"""The ``nas-press`` command: start, render and check release files.

Each subcommand is one entry of :data:`COMMANDS`: a function that adds its
arguments to its parser and a function that runs it.

Exit status: 0 on success, 1 when a release file (or what it asks for) is
invalid, or, with ``--strict``, holds a warning, or a file cannot be
written; 2 on wrong usage. A user's mistake is reported on standard error,
never as a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from nas_press.exceptions import NasPressError, Problem, UnknownLanguageError, printable

if TYPE_CHECKING:
    from nas_press.release.model import Release

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


# -- argument types


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


# -- what the command prints


class Ui:
    """What the command prints: problems and results, counted; less with ``--quiet``.

    Errors always go to standard error. Warnings are printed unless quiet (and
    then too under ``--strict``, where they fail). Results (the paths written,
    "valid") go to standard output, and notes of a slow step to standard error,
    unless quiet.
    """

    def __init__(self, *, quiet: bool = False, strict: bool = False) -> None:
        self.quiet = quiet
        self.strict = strict
        self.errors = 0
        self.warnings = 0

    def problems(self, problems: Iterable[Problem], source: str) -> tuple[int, int]:
        """Print ``problems``, errors first, then warnings, each in the order of the file's
        lines; count them, and return the errors and warnings printed."""
        errors = warnings = 0
        ordered = sorted(problems, key=lambda p: (p.severity != "error", p.file or "", p.line or 0))
        for problem in ordered:
            if problem.severity == "error":
                errors += 1
            elif self.quiet and not self.strict:
                continue
            else:
                warnings += 1
            print(problem.describe(source), file=sys.stderr)
        self.errors += errors
        self.warnings += warnings
        return errors, warnings

    def warning(self, message: str) -> None:
        """A warning that stands in no release file (a style added, charts left out)."""
        self.warnings += 1
        if not self.quiet or self.strict:
            print(printable(f"nas-press: warning: {message}"), file=sys.stderr)

    def fail(self, message: str) -> int:
        print(printable(f"nas-press: error: {message}"), file=sys.stderr)
        return EXIT_INVALID

    def result(self, line: str) -> None:
        if not self.quiet:
            print(printable(line), flush=True)

    def note(self, message: str) -> None:
        """A line before a step that takes seconds (``drawing 2 charts…``)."""
        if not self.quiet:
            print(printable(f"nas-press: {message}"), file=sys.stderr, flush=True)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _counts(errors: int, warnings: int) -> str:
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"


# -- release files


def _release_files(paths: Sequence[Path]) -> list[Path]:
    """The release files ``paths`` name: each file, and the release files of each folder.

    In a folder, every ``*.toml`` file in name order, but the statistics history
    (``history.toml``, or any file holding only period tables), the organisation
    file (``organisation.toml``, or any file holding only contacts and
    boilerplate) and the files the folder's releases refer to (such as a history
    they name).
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += _releases_in(path)
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def _releases_in(folder: Path) -> list[Path]:
    import tomllib

    from nas_press.release.load import HISTORY_FILE, ORGANISATION_FILE

    candidates = sorted(p for p in folder.glob("*.toml") if p.is_file())
    referred: set[Path] = set()
    skipped: set[Path] = set()
    for path in candidates:
        try:
            table = tomllib.loads(path.read_text("utf-8"))
        except (OSError, UnicodeError, tomllib.TOMLDecodeError):
            continue  # reported as the release file it seems to be
        head = table.get("release")
        if isinstance(head, dict):
            for value in head.values():
                if isinstance(value, str) and value.endswith(".toml"):
                    referred.add((folder / value).resolve())
        elif table and all(_is_period(name) for name in table):
            skipped.add(path)
        elif table and set(table) <= {"contacts", "boilerplate"}:
            skipped.add(path)  # an organisation file
    return [
        p
        for p in candidates
        if p.name not in (HISTORY_FILE, ORGANISATION_FILE)
        and p not in skipped
        and p.resolve() not in referred
    ]


def _is_period(name: str) -> bool:
    from nas_press.release.model import Period

    try:
        Period.parse(name)
    except NasPressError:
        return False
    return True


class Loaded(NamedTuple):
    path: Path
    release: Release | None
    errors: int
    warnings: int
    unfilled: int
    """The errors that are placeholders left by ``nas-press new``."""

    def summary(self) -> str:
        """``3 errors in PATH``, saying how many of them are values still to fill in."""
        text = f"{_plural(self.errors, 'error')} in {self.path}"
        if self.unfilled:
            from nas_press.release.load import PLACEHOLDER

            text += f" (of which {self.unfilled} still {PLACEHOLDER})"
        return text


def _load(path: Path, ui: Ui) -> Loaded:
    """Read and check the release file at ``path``, printing its problems."""
    from nas_press.release.load import UNFILLED, read_release

    release, problems = read_release(path, source=str(path), default_id=path.stem)
    errors, warnings = ui.problems(problems, str(path))
    unfilled = sum(
        1
        for p in problems
        if p.severity == "error" and p.value is not None and p.message.startswith(UNFILLED)
    )
    if release is not None and not errors:
        from nas_press.release.privacy import notes

        for note in notes(release):  # a decision the reader of every copy must see
            print(printable(f"nas-press: note: {note}"), file=sys.stderr)
    return Loaded(path, None if errors else release, errors, warnings, unfilled)


def _render(
    release: Release,
    stem: str,
    languages: Sequence[str],
    formats: Sequence[str],
    reference: bytes | None,
    ui: Ui,
) -> tuple[dict[str, bytes], int]:
    """Render the files in memory, printing each warning about them once; return the files
    and the number of warnings printed.

    Those are a style added to the reference document and charts left out
    for want of matplotlib: once, not once per language.
    """
    from nas_press.checks.gather import render_noting

    outputs, messages = render_noting(
        release, stem, languages, formats, reference, progress=ui.note
    )
    for message in messages:
        ui.warning(message)
    return outputs, len(messages)


# -- render


def _render_arguments(parser: argparse.ArgumentParser) -> None:
    from nas_press.writers import DEFAULT_FORMATS, WRITERS

    parser.add_argument(
        "releases",
        metavar="RELEASE",
        type=Path,
        nargs="+",
        help="release files (.toml), or folders of them",
    )
    parser.add_argument(
        "-o",
        "--out",
        metavar="DIR",
        type=_out,
        required=True,
        help="output folder (created if missing), or - to write the one file asked for "
        "(one release, one language, one format) to standard output",
    )
    parser.add_argument(
        "--lang",
        metavar="LANGS",
        type=_csv,
        default=None,
        help="comma-separated languages (default: each release's own)",
    )
    parser.add_argument(
        "--format",
        metavar="FORMATS",
        type=_csv,
        default=list(DEFAULT_FORMATS),
        help="comma-separated formats: "
        + "; ".join(f"{w.extension} ({w.description})" for w in WRITERS.values())
        + f" (default: {','.join(DEFAULT_FORMATS)})",
    )
    parser.add_argument(
        "--reference-doc",
        metavar="BRAND.docx",
        type=Path,
        default=None,
        help="build the DOCX files on this Word document (.docx, not a .dotx template): keep its "
        "styles, page setup, headers and footers, theme and fonts; a style nas_press needs that "
        "it lacks is added and named in a warning",
    )
    _add_common(parser, strict=True)


def _render_command(args: argparse.Namespace, parser: argparse.ArgumentParser, ui: Ui) -> int:
    from nas_press._resources import supported_languages

    if args.reference_doc is not None and "docx" not in args.format:
        parser.error(
            "render: --reference-doc applies to DOCX files, but --format asks for none: "
            "add docx to --format, or leave --reference-doc out"
        )
    paths = _release_files(args.releases)
    if not paths:
        return ui.fail(f"no release file in {', '.join(map(str, args.releases))}")
    if args.out == "-" and len(paths) != 1:
        parser.error(
            "render: --out - writes one file to standard output, so it needs one release "
            f"file; asked for {len(paths)}"
        )
    stems: dict[str, Path] = {}
    for path in paths:
        if path.stem in stems:
            parser.error(
                f"render: {stems[path.stem]} and {path} would write the same files "
                f"({path.stem}.…) into {args.out}: render them into separate folders"
            )
        stems[path.stem] = path
    loaded = [_load(path, ui) for path in paths]
    failed = [item for item in loaded if item.release is None]
    for item in failed:
        ui.fail(f"{item.summary()}; nothing was written")
    if failed:
        return EXIT_INVALID
    if args.strict and ui.warnings:
        return ui.fail(
            f"{_plural(ui.warnings, 'warning')}, which --strict counts as errors; "
            "nothing was written"
        )
    reference = None
    if args.reference_doc is not None:
        from nas_press.writers.reference import read_reference

        try:
            reference = read_reference(args.reference_doc)
        except NasPressError as exc:
            return ui.fail(f"{exc}; nothing was written")
    outputs: dict[str, bytes] = {}
    for item in loaded:
        assert item.release is not None
        languages = args.lang if args.lang is not None else list(item.release.languages)
        for lang in languages:
            if lang not in supported_languages():
                return ui.fail(str(UnknownLanguageError(lang, supported_languages())))
        if args.out == "-" and (len(languages) != 1 or len(args.format) != 1):
            parser.error(
                "render: --out - writes one file to standard output, so it needs one language "
                f"and one format (such as --lang {languages[0]} --format txt); asked for "
                f"{_plural(len(languages), 'language')} ({','.join(languages)}) and "
                f"{_plural(len(args.format), 'format')} ({','.join(args.format)})"
            )
        try:
            rendered, _ = _render(
                item.release, item.path.stem, languages, args.format, reference, ui
            )
        except NasPressError as exc:
            return ui.fail(f"{exc}; nothing was written")
        outputs.update(rendered)
    if args.strict and ui.warnings:
        return ui.fail(
            f"{_plural(ui.warnings, 'warning')}, which --strict counts as errors; "
            "nothing was written"
        )
    if args.out == "-":
        try:
            sys.stdout.buffer.write(*outputs.values())
            sys.stdout.buffer.flush()
        except OSError as exc:
            return ui.fail(f"cannot write to standard output: {exc.strerror or exc}")
        return EXIT_OK
    from nas_press.output import write_outputs

    try:
        written = write_outputs(outputs, args.out)
    except NasPressError as exc:  # its message says what was changed
        return ui.fail(str(exc))
    for target in written:
        ui.result(str(target))
    return EXIT_OK


# -- check


def _check_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "releases",
        metavar="RELEASE",
        type=Path,
        nargs="+",
        help="release files (.toml), or folders of them",
    )
    _add_common(parser, strict=True)


def _check_command(args: argparse.Namespace, parser: argparse.ArgumentParser, ui: Ui) -> int:
    paths = _release_files(args.releases)
    if not paths:
        return ui.fail(f"no release file in {', '.join(map(str, args.releases))}")
    status = EXIT_OK
    for path in paths:
        if _check_one(path, ui) != EXIT_OK:
            status = EXIT_INVALID
    if len(paths) > 1:
        summary = f"{len(paths)} release files: {_counts(ui.errors, ui.warnings)}"
        if status != EXIT_OK:
            ui.fail(summary)
        else:
            ui.result(summary)
    if status == EXIT_OK and args.strict and ui.warnings:
        return ui.fail(f"{_plural(ui.warnings, 'warning')}, which --strict counts as errors")
    return status


def _check_one(path: Path, ui: Ui) -> int:
    """Check one release file as :func:`nas_press.checks.gather.gather` does (the live
    preview shows the same findings): read it, render it in memory, compare its versions,
    check the accessibility of its files."""
    from nas_press.checks.gather import Findings, check_read

    item = _load(path, ui)
    if item.release is None:
        return ui.fail(item.summary())
    release = item.release
    found = check_read(Findings(release, ()), path, progress=ui.note)
    warnings = item.warnings
    for message in found.notices:
        ui.warning(message)
        warnings += 1
    if found.failure is not None:
        return ui.fail(found.failure)
    errors, more = ui.problems(found.mismatches, str(path))
    warnings += more
    if errors:
        return ui.fail(f"{_plural(errors, 'figure')} differ between the language versions")
    errors, more = ui.problems(found.barriers, str(path))
    warnings += more
    if errors:
        return ui.fail(f"{_plural(errors, 'accessibility problem')} in the rendered files")
    ui.result(
        f"{path}: valid; {_plural(len(release.languages), 'language')} "
        f"({', '.join(release.languages)}); {_counts(0, warnings)}"
    )
    return EXIT_OK


# -- new


def _new_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("release", metavar="RELEASE.toml", type=Path, help="the file to write")
    parser.add_argument(
        "--from",
        dest="previous",
        metavar="PREVIOUS.toml",
        type=Path,
        default=None,
        help="start from this earlier release: carry its languages, contacts still valid, "
        "quote speakers, boilerplate and texts, and add its figures to the statistics history",
    )
    parser.add_argument(
        "--period",
        metavar="PERIOD",
        default=None,
        help="the new release's period, such as 2026-h1 (first half) or 2026 (whole year); "
        "default: the period after the earlier release's, or, without --from, the period "
        "whose release comes next",
    )
    parser.add_argument("--force", action="store_true", help="replace RELEASE.toml if it exists")
    _add_common(parser, strict=False)


def _new_command(args: argparse.Namespace, parser: argparse.ArgumentParser, ui: Ui) -> int:
    from nas_press.release.model import Period
    from nas_press.release.new import NewError, new_release

    period = None
    if args.period is not None:
        try:
            period = Period.parse(args.period)
        except NasPressError:
            parser.error(
                f"new: --period {args.period!r} is no period: write a year such as 2026, "
                "or a first half such as 2026-h1"
            )
    try:
        made = new_release(args.release, previous=args.previous, period=period, force=args.force)
    except NewError as exc:
        ui.problems(exc.problems, str(args.previous or args.release))
        return ui.fail(str(exc))
    for line in made.notes:
        ui.note(line)
    for target in made.written:
        ui.result(str(target))
    return EXIT_OK


# -- absorb


def _absorb_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("release", metavar="RELEASE.toml", type=Path, help="the release file")
    parser.add_argument(
        "docx",
        metavar="EDITED.docx",
        type=Path,
        nargs="+",
        help="edited DOCX files, one a language",
    )
    parser.add_argument(
        "--changes",
        action="store_true",
        help="list the tracked changes with their author and date instead; write nothing",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="show the change to the release file as a diff"
    )
    _add_common(parser, strict=False)


def _absorb_command(args: argparse.Namespace, parser: argparse.ArgumentParser, ui: Ui) -> int:
    from nas_press.absorb import run

    return run(args.release, args.docx, changes=args.changes, dry_run=args.dry_run)


# -- preview


def _preview_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("release", metavar="RELEASE.toml", type=Path, help="the release file")
    parser.add_argument(
        "--port",
        metavar="N",
        type=int,
        default=0,
        help="the port to listen on (default: a free one, printed)",
    )
    parser.add_argument(
        "--no-browser",
        dest="browser",
        action="store_false",
        help="print the address only; do not open it in the browser",
    )


def _preview_command(args: argparse.Namespace, parser: argparse.ArgumentParser, ui: Ui) -> int:
    path: Path = args.release
    if not path.is_file():
        return ui.fail(f"{path}: no such file: expected a release file, such as 2025-h1.toml")
    if not 0 <= args.port <= 65535:
        return ui.fail(f"--port {args.port}: expected a port from 1 to 65535, or 0 for a free one")
    from nas_press.preview import serve

    return serve(path, args.port, browser=args.browser)


# -- the command


def _add_common(parser: argparse.ArgumentParser, *, strict: bool) -> None:
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print errors only" + (" (and warnings, with --strict)" if strict else ""),
    )
    if strict:
        parser.add_argument(
            "--strict",
            action="store_true",
            help="treat every warning as an error: exit 1 (for CI)",
        )


class Command(NamedTuple):
    """A subcommand: its name, its one-line help and description, and its two functions."""

    name: str
    help: str
    description: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, argparse.ArgumentParser, Ui], int]


COMMANDS: tuple[Command, ...] = (
    Command(
        "new",
        "start a release file: a commented starter, or the next period of an earlier release",
        "Write RELEASE.toml for a new period. Without --from, a commented starter file "
        "whose every value to write is FILL IN; with --from, the earlier release carried "
        "over with its figures added to the statistics history and FILL IN in place of each "
        "new figure. check reports every FILL IN left, and every text still unchanged from "
        "the earlier release. An existing file is replaced only with --force.",
        _new_arguments,
        _new_command,
    ),
    Command(
        "render",
        "write releases as DOCX and plain text (or HTML, Markdown, ninjs JSON)",
        "Render each RELEASE into DIR/<file stem>.<lang>.<format>. Every file is produced "
        "in memory first; nothing is written unless all succeed.",
        _render_arguments,
        _render_command,
    ),
    Command(
        "check",
        "validate release files and report every problem",
        "Validate each RELEASE, render it in memory in every language and format, and "
        "compare the figures each language version states; report every error and warning "
        "with its key and line, and count them.",
        _check_arguments,
        _check_command,
    ),
    Command(
        "absorb",
        "write the edits of the approval round (edited DOCX files) back into the release file",
        "Read each edited language version (tracked insertions accepted, deletions "
        "dropped) and write every authored text that changed back into RELEASE.toml, keeping "
        "its comments, order and layout. Edits of generated sentences are reported, not "
        "written; comments are listed with the text they stand on. Nothing is written unless "
        "the whole file could be updated.",
        _absorb_arguments,
        _absorb_command,
    ),
    Command(
        "preview",
        "show the language versions side by side in the browser, updated on every save",
        "Serve a page on 127.0.0.1 that shows the release in every language as it will be "
        "published (the HTML pages), with every problem check finds, and update it within "
        "half a second of the file being saved. Ctrl-C stops it.",
        _preview_arguments,
        _preview_command,
    ),
)
"""Every subcommand, in the order the help lists them."""


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("nas_press")
    except PackageNotFoundError:  # pragma: no cover - run from a bare source tree
        return "unknown"


class _VersionAction(argparse.Action):
    """``--version``: print the installed version and exit.

    The version is read from the package's metadata only when asked for:
    ``importlib.metadata`` imports the ``email`` package, which no other
    command needs.
    """

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        print(f"nas-press {_version()}")
        parser.exit()


def _parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    parser = argparse.ArgumentParser(
        prog="nas-press",
        description="Author the NAS statistics press release in Finnish, Swedish and English "
        "from one release file.",
        epilog="Exit status: 0 on success; 1 when a release file is invalid (or, with "
        "--strict, holds a warning) or a file cannot be written; 2 on wrong usage.",
    )
    parser.add_argument(
        "--version", action=_VersionAction, help="show program's version number and exit"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    parsers = {}
    for command in COMMANDS:
        sub = commands.add_parser(command.name, help=command.help, description=command.description)
        command.arguments(sub)
        parsers[command.name] = sub
    return parser, parsers


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit status."""
    parser, parsers = _parser()
    args = parser.parse_args(argv)
    ui = Ui(quiet=getattr(args, "quiet", False), strict=getattr(args, "strict", False))
    command = next(c for c in COMMANDS if c.name == args.command)
    return command.run(args, parsers[command.name], ui)


class _StandardOutputError(Exception):
    """Standard output cannot be written: closed, a broken pipe, a full disk."""


class _Guarded:
    """A stream of standard output whose failures raise :class:`_StandardOutputError`."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, data: Any) -> int:
        if self._stream is None:
            raise _StandardOutputError("standard output is closed")
        try:
            return int(self._stream.write(data))
        except (OSError, ValueError) as exc:
            raise _StandardOutputError(_reason(exc)) from None

    def flush(self) -> None:
        if self._stream is None:
            return
        try:
            self._stream.flush()
        except (OSError, ValueError) as exc:
            raise _StandardOutputError(_reason(exc)) from None

    @property
    def buffer(self) -> _Guarded:
        return _Guarded(None if self._stream is None else getattr(self._stream, "buffer", None))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, ValueError):  # writing to a closed file
        return "standard output is closed"
    return str(getattr(exc, "strerror", None) or exc)


def _silence_stdout() -> None:
    """Point standard output at the null device, so that nothing fails at exit."""
    import os

    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)
    except OSError:
        pass
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process


def run() -> None:
    """Entry point of the ``nas-press`` script.

    Standard output that cannot be written (closed, a pipe closed by its reader,
    ``> /dev/full``) is reported in one line with exit status 1, never as a
    traceback; the files a render wrote stay written.

    Python's garbage collector runs less often than by default (every
    200 000 objects made, not 700), as in mypy: a command makes few reference
    cycles, and each collection of the older generations scans every object
    of the modules imported, which at the default costs a render a tenth of
    its time.
    """
    gc.set_threshold(200_000, 30, 30)
    original = sys.stdout
    sys.stdout = _Guarded(original)
    try:
        try:
            status: str | int | None = main()
        except SystemExit as exc:  # argparse: --help, --version, wrong usage
            status = exc.code
        sys.stdout.flush()
    except _StandardOutputError as exc:
        sys.stdout = original
        _silence_stdout()
        with contextlib.suppress(OSError, ValueError):
            print(f"nas-press: error: cannot write to standard output: {exc}", file=sys.stderr)
        sys.exit(EXIT_INVALID)
    finally:
        if isinstance(sys.stdout, _Guarded):
            sys.stdout = original
    sys.exit(status)


if __name__ == "__main__":  # pragma: no cover
    run()
