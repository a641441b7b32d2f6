"""``nas-press preview``: the three language versions in the browser, as they will be published.

A small web server on 127.0.0.1 shows one page: the HTML writer's page of
each language side by side, each in a sandboxed frame, and beside them every
problem ``nas-press check`` finds (the functions of
:mod:`nas_press.checks.gather`), each with its key and line. A thread looks
at the release file every :data:`POLL_SECONDS`; when its content has
changed, the release is read and validated and its pages rendered, and the
page is told so by a Server-Sent Event, so a saved file is shown well within
half a second; then the rest of ``check`` runs (the figures compared between
the languages, the accessibility of the files) and its problems follow in a
second event. A file with an error shows the error and keeps the last
version that could be rendered.

The server is the standard library's :class:`http.server.ThreadingHTTPServer`:
nothing to install, and the page needs no more than a few GET requests and one
event stream. It listens on the loopback address only, answers only requests
whose ``Host`` is ``127.0.0.1`` or ``localhost`` with its own port (so that a
web site cannot reach it by pointing a name of its own at 127.0.0.1, DNS
rebinding), and sends every response with a Content-Security-Policy that lets
nothing be loaded from elsewhere. The rendered pages run no script: they are
served with a policy of their own (no script, styles and ``data:`` pictures
only, ``sandbox``) into frames with the ``sandbox`` attribute, and the
preview's own page allows only its own script and stylesheet and frames of
its own, so that a link followed inside a frame leads nowhere.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import hashlib
import html
import json
import os
import stat
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO, Any, Final
from urllib.parse import urlsplit

import attrs

from nas_press.checks.gather import Findings, by_line, check_read, read, render_noting
from nas_press.exceptions import NasPressError, Problem, printable
from nas_press.release.source import MAX_FILE_BYTES

__all__ = ["POLL_SECONDS", "Preview", "Shown", "serve", "serving"]

HOST: Final = "127.0.0.1"
"""The address the server listens on: the loopback interface alone."""

ALLOWED_HOSTS: Final = frozenset({"127.0.0.1", "localhost"})
"""Host names a request may name in its ``Host`` header (with the server's port)."""

POLL_SECONDS: Final = 0.1
"""How often the release file is looked at."""

KEEPALIVE_SECONDS: Final = 15.0
"""How long an event stream may stay silent before a comment line keeps it open."""

PAGE_POLICY: Final = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
    " frame-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none';"
    " frame-ancestors 'none'"
)
"""The Content-Security-Policy of the preview's own page, script, stylesheet and events."""

FRAME_POLICY: Final = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none';"
    " form-action 'none'; frame-ancestors 'self'; sandbox allow-same-origin"
)
"""The Content-Security-Policy of a rendered page: its own stylesheet and ``data:``
pictures, no script, shown only in a frame of the preview. ``allow-same-origin``
lets the preview's script keep the place a reader has scrolled to when the
page is replaced; without ``allow-scripts`` nothing in the page can run."""

_COMMON_HEADERS: Final = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Cache-Control", "no-store"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
)


@attrs.frozen
class Shown:
    """One state of the preview: the pages shown and the problems found.

    ``version`` counts the states, from 1 (a saved file makes two: its pages,
    then all of ``check``'s findings). ``pages`` maps each language to the
    HTML page shown for it: the last that could be rendered, which is older
    than the problems when the file is broken (``broken``). ``problems`` are
    the findings of the last check, each as :func:`describe` gives it, in
    the order ``check`` prints them. ``rendered`` and ``checked`` are
    the times of the pages and of the check, ``HH:MM:SS`` local time.
    ``checking`` is true while the pages are new and only the problems of
    reading the file are known: the rest of ``check`` is running.
    """

    version: int
    pages: Mapping[str, bytes]
    problems: tuple[dict[str, Any], ...]
    broken: bool
    rendered: str | None
    checked: str
    checking: bool = False

    def page_ids(self) -> dict[str, str]:
        """A short digest of each page, which changes when the page does."""
        return {lang: hashlib.sha256(page).hexdigest()[:16] for lang, page in self.pages.items()}


def _now() -> str:
    return datetime.datetime.now().strftime("%H:%M:%S")


def describe(problem: Problem, source: str) -> dict[str, Any]:
    """``problem`` for the page: severity, file, key, line and ``check``'s line of text."""
    return {
        "severity": problem.severity,
        "file": printable(problem.file) if problem.file else None,
        "key": printable(problem.path),
        "line": problem.line,
        "text": problem.describe(source),
    }


def _said(severity: str, message: str) -> dict[str, Any]:
    """A finding ``check`` prints on a line of its own, as ``nas-press: error: …``."""
    text = printable(f"nas-press: {severity}: {message}")
    return {"severity": severity, "file": None, "key": "", "line": None, "text": text}


def _everything(found: Findings, source: str) -> tuple[dict[str, Any], ...]:
    """Every finding of ``found``, in the order and the words of ``nas-press check``.

    The problems of reading the file (errors first, each kind by line), the
    warnings about rendering, an error that stopped it, the figures that
    differ between languages and the accessibility problems.
    """
    return (
        *(describe(p, source) for p in by_line(found.problems)),
        *(_said("warning", notice) for notice in found.notices),
        *(() if found.failure is None else (_said("error", found.failure),)),
        *(describe(p, source) for p in (*by_line(found.mismatches), *by_line(found.barriers))),
    )


class Preview:
    """A release file watched, checked and rendered: the state a preview page shows.

    :meth:`refresh` looks at the file and, when its content has changed,
    checks it again; :meth:`wait` blocks until a state newer than a given
    version exists. Both may be called from any thread.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = str(path)
        self._changed = threading.Condition()
        self._refreshing = threading.Lock()
        self._content: object = None
        self._state: Shown | None = None
        self._good: tuple[dict[str, bytes], str] | None = None
        self._closed = False

    @property
    def state(self) -> Shown:
        """The current state; the file is checked first if it never was."""
        with self._changed:
            state = self._state
        if state is None:
            self.refresh()
            with self._changed:
                assert self._state is not None
                return self._state
        return state

    def _fingerprint(self) -> object:
        """What changes when the file's content does: its bytes' digest, or its status."""
        try:
            info = os.stat(self.path)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
                return ("not read", info.st_mode, info.st_size, info.st_mtime_ns, info.st_ino)
            # Opened without blocking: a named pipe put in its place since cannot hang it.
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            with open(fd, "rb", closefd=True) as file:
                if not stat.S_ISREG(os.fstat(fd).st_mode):
                    return ("not read", info.st_mode)
                return hashlib.sha256(file.read(MAX_FILE_BYTES + 1)).digest()
        except OSError as exc:
            return ("unreadable", exc.errno)

    def refresh(self) -> bool:
        """Check and render the file again if its content changed; return whether it did.

        The file's bytes are compared, not only its time and size, so that
        an edit saved twice within one tick of the file system's clock, or
        one that keeps the size, is seen too. The file is read and validated
        first, and its HTML pages are shown at once with the problems found
        so far (``checking``); then the rest of ``check`` runs and the state
        is replaced by its full findings.
        """
        with self._refreshing:
            content = self._fingerprint()
            with self._changed:
                if self._state is not None and content == self._content:
                    return False
                self._content = content
            try:
                self._check()
            except Exception as exc:  # a fault of nas_press: shown, and the preview goes on
                import traceback

                traceback.print_exc()
                failure = f"nas-press failed while checking the file ({exc!r}); please report it"
                self._publish(Findings(None, (), failure=failure), checking=False)
            return True

    def _check(self) -> None:
        """Read, render and check the file, publishing the pages first and then the findings."""
        found = read(self.path)
        if found.release is not None:
            try:
                outputs, _ = render_noting(
                    found.release, self.path.stem, found.release.languages, ("html",)
                )
            except NasPressError:  # check_read reports it
                pass
            else:
                self._publish(attrs.evolve(found, outputs=outputs), checking=True)
        self._publish(check_read(found, self.path), checking=False)

    def _publish(self, found: Findings, *, checking: bool) -> None:
        """Make the state of ``found`` the current one and wake every waiter."""
        problems = _everything(found, self.name)
        checked = _now()
        with self._changed:
            previous = self._state
            if found.outputs and found.release is not None:
                stem = self.path.stem
                pages = {
                    lang: found.outputs[f"{stem}.{lang}.html"] for lang in found.release.languages
                }
                rendered: str | None = checked
                if not checking:
                    self._good = (pages, checked)
            elif self._good is not None:
                pages, rendered = self._good
            else:
                pages, rendered = {}, None
            self._state = Shown(
                version=1 if previous is None else previous.version + 1,
                pages=pages,
                problems=problems,
                broken=not found.outputs,
                rendered=rendered,
                checked=checked,
                checking=checking,
            )
            self._changed.notify_all()

    def wait(self, after: int, timeout: float) -> Shown | None:
        """Return the first state newer than version ``after``; ``None`` after ``timeout`` s.

        Returns ``None`` at once when the preview is closed.
        """
        deadline = time.monotonic() + timeout
        with self._changed:
            while not self._closed:
                if self._state is not None and self._state.version > after:
                    return self._state
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._changed.wait(left)
        return None

    def close(self) -> None:
        """Wake every waiter: the preview is ending."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def watch(self, stop: threading.Event) -> None:
        """Refresh every :data:`POLL_SECONDS` until ``stop`` is set."""
        while not stop.wait(POLL_SECONDS):
            self.refresh()


def state_json(preview: Preview, state: Shown) -> dict[str, Any]:
    """``state`` as the page's script reads it."""
    errors = sum(p["severity"] == "error" for p in state.problems)
    warnings = len(state.problems) - errors
    return {
        "version": state.version,
        "file": preview.name,
        "pages": state.page_ids(),
        "names": {lang: _language_names(lang) for lang in state.pages},
        "problems": list(state.problems),
        "broken": state.broken,
        "checking": state.checking,
        "rendered": state.rendered,
        "checked": state.checked,
        "summary": summary(state, errors, warnings),
    }


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"


def summary(state: Shown, errors: int, warnings: int) -> str:
    """One sentence on what the page shows, for the status line."""
    found = (
        "no problems"
        if not errors and not warnings
        else " and ".join(
            _count(n, thing) for n, thing in ((errors, "error"), (warnings, "warning")) if n
        )
    )
    if state.checking:
        return (
            f"Rendered at {state.checked}: {found} so far; checking the figures and accessibility."
        )
    if not state.broken:
        return f"Checked and rendered at {state.checked}: {found}."
    if state.rendered is None:
        return f"Checked at {state.checked}: {found}; nothing could be rendered yet."
    return (
        f"Checked at {state.checked}: {found}. The pages are the last version that could be"
        f" rendered, at {state.rendered}."
    )


# ---------------------------------------------------------------------------- the page


@functools.cache
def _language_names(lang: str) -> tuple[str, str]:
    """The name of ``lang`` in itself (``suomi``) and in English (``Finnish``)."""
    from babel import Locale

    return Locale.parse(lang).get_display_name(lang) or lang, Locale("en").languages.get(lang, lang)


def _problem_items(preview: Preview, state: Shown) -> Iterator[str]:
    for problem in state.problems:
        where = "" if problem["line"] is None else f"line {problem['line']}"
        if problem["file"]:
            where = f"{problem['file']} {where}".strip()
        yield (
            f'<li class="{problem["severity"]}">'
            f'<span class="severity">{problem["severity"]}</span> '
            f'<span class="where">{html.escape(where)}</span> '
            f'<code class="key">{html.escape(problem["key"])}</code>'
            f'<span class="text">{html.escape(problem["text"])}</span></li>'
        )


def page(preview: Preview, state: Shown) -> bytes:
    """The preview page for ``state``; the script keeps it current from then on."""
    data = state_json(preview, state)
    name = html.escape(Path(preview.name).name)
    versions = []
    for lang, page_id in data["pages"].items():
        own, english = _language_names(lang)
        versions.append(
            f'<section class="version" aria-labelledby="heading-{lang}">\n'
            f'<h2 id="heading-{lang}" lang="{lang}">{html.escape(own)}</h2>\n'
            f'<iframe id="frame-{lang}" data-page="{page_id}"'
            f' src="/page/{lang}?v={page_id}" sandbox="allow-same-origin"'
            f' title="{html.escape(english)} version, as published"></iframe>\n'
            "</section>"
        )
    problems = "\n".join(_problem_items(preview, state))
    classes = "versions stale" if state.broken else "versions"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview of {name}</title>
<link rel="stylesheet" href="/preview.css">
<script src="/preview.js" defer></script>
</head>
<body>
<header>
<h1>Preview of <code>{name}</code></h1>
<p id="status" role="status">{html.escape(data["summary"])}</p>
</header>
<main>
<section id="problems-section" aria-labelledby="problems-heading">
<h2 id="problems-heading">Problems found by check</h2>
<ul id="problems">
{problems}
</ul>
</section>
<div class="{classes}" id="versions" data-version="{state.version}">
{chr(10).join(versions)}
</div>
</main>
</body>
</html>
""".encode()


STYLESHEET: Final = b"""\
body { margin: 0; font-family: system-ui, sans-serif; line-height: 1.4; color: #1a1a1a;
  background: #f4f4f4; }
header, #problems-section { padding: 0 1rem; }
h1 { font-size: 1.25rem; margin: 0.5rem 0 0.25rem; }
h2 { font-size: 1.05rem; margin: 0.5rem 0; }
#status { margin: 0 0 0.5rem; }
#problems { margin: 0; padding: 0; list-style: none; }
#problems:empty::after { content: "None."; }
#problems li { margin: 0.25rem 0; padding: 0.25rem 0.5rem; background: #fff;
  border-left: 0.3rem solid #767676; }
#problems li.error { border-left-color: #b00020; }
#problems li.warning { border-left-color: #8a5a00; }
.severity { font-weight: bold; text-transform: uppercase; font-size: 0.85rem; }
.key { font-weight: bold; }
.text { display: block; font-family: ui-monospace, monospace; font-size: 0.85rem;
  white-space: pre-wrap; overflow-wrap: anywhere; }
.versions { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr));
  gap: 0.5rem; padding: 0 0.5rem 0.5rem; }
.version h2 { padding: 0 0.5rem; }
.stale iframe { border: 2px dashed #b00020; }
.version iframe { width: 100%; height: calc(100vh - 9rem); min-height: 20rem;
  border: 1px solid #767676; background: #fff; box-sizing: border-box; }
"""

SCRIPT: Final = b"""\
"use strict";
// Keeps the preview current: each state the server sends replaces the list of
// problems and the status line, and reloads each frame whose page changed,
// keeping the place the reader had scrolled to.
(function () {
  const status = document.getElementById("status");
  const list = document.getElementById("problems");
  const versions = document.getElementById("versions");

  function item(problem) {
    const li = document.createElement("li");
    li.className = problem.severity;
    const parts = [
      ["span", "severity", problem.severity],
      ["span", "where", [problem.file, problem.line === null ? "" : "line " + problem.line]
        .filter(Boolean).join(" ")],
      ["code", "key", problem.key],
      ["span", "text", problem.text],
    ];
    parts.forEach(function (part, index) {
      const element = document.createElement(part[0]);
      element.className = part[1];
      element.textContent = part[2];
      li.appendChild(element);
      if (index < 2) li.appendChild(document.createTextNode(" "));
    });
    return li;
  }

  function keepPlace(frame) {
    let y = 0;
    try { y = frame.contentWindow.scrollY; } catch (e) { y = 0; }
    frame.addEventListener("load", function restore() {
      frame.removeEventListener("load", restore);
      try { frame.contentWindow.scrollTo(0, y); } catch (e) { /* not ours to scroll */ }
    });
  }

  function frameOf(lang, names) {
    const found = document.getElementById("frame-" + lang);
    if (found !== null) return found;
    const section = document.createElement("section");
    section.className = "version";
    section.setAttribute("aria-labelledby", "heading-" + lang);
    const heading = document.createElement("h2");
    heading.id = "heading-" + lang;
    heading.lang = lang;
    heading.textContent = names[0];
    const frame = document.createElement("iframe");
    frame.id = "frame-" + lang;
    frame.setAttribute("sandbox", "allow-same-origin");
    frame.title = names[1] + " version, as published";
    section.append(heading, frame);
    versions.appendChild(section);
    return frame;
  }

  function show(state) {
    list.replaceChildren.apply(list, state.problems.map(item));
    versions.querySelectorAll("iframe").forEach(function (frame) {
      if (!(frame.id.slice("frame-".length) in state.pages)) frame.parentNode.remove();
    });
    Object.keys(state.pages).forEach(function (lang) {
      const frame = frameOf(lang, state.names[lang]);
      if (frame.dataset.page !== state.pages[lang]) {
        frame.dataset.page = state.pages[lang];
        keepPlace(frame);
        frame.src = "/page/" + lang + "?v=" + state.pages[lang];
      }
    });
    versions.dataset.version = String(state.version);
    versions.classList.toggle("stale", state.broken);
    if (status.textContent !== state.summary) status.textContent = state.summary;
  }

  const events = new EventSource("/events");
  events.addEventListener("state", function (event) { show(JSON.parse(event.data)); });
  events.addEventListener("error", function () {
    status.textContent = "The preview server does not answer; trying again.";
  });
}());
"""


# ---------------------------------------------------------------------------- the server


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    preview: Preview
    stopping: threading.Event


class Handler(BaseHTTPRequestHandler):
    """Answers the preview's few GET requests; anything else is refused."""

    server: _Server
    protocol_version = "HTTP/1.1"

    def version_string(self) -> str:
        """The ``Server`` header: the program, without Python's version."""
        return "nas-press-preview"

    def log_message(self, format: str, *args: Any) -> None:
        """Log nothing: the terminal shows the address and any trouble only."""

    def _host_allowed(self) -> bool:
        host = self.headers.get("Host", "")
        try:
            parts = urlsplit(f"//{host}")
            port = parts.port
        except ValueError:
            return False
        return parts.hostname in ALLOWED_HOSTS and port in (None, self.server.server_port)

    def _send(
        self,
        status: HTTPStatus,
        body: bytes,
        kind: str = "text/plain; charset=utf-8",
        policy: str = PAGE_POLICY,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", policy)
        for name, value in _COMMON_HEADERS:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self) -> None:
        """As GET, without the body."""
        self.do_GET()

    def do_GET(self) -> None:
        """Serve the page, its script and stylesheet, a rendered page, the state or events."""
        if not self._host_allowed():
            self._send(
                HTTPStatus.MISDIRECTED_REQUEST,
                b"this preview answers only at 127.0.0.1 or localhost, on its own port\n",
            )
            return
        path = urlsplit(self.path).path
        preview = self.server.preview
        state = preview.state
        if path == "/":
            self._send(HTTPStatus.OK, page(preview, state), "text/html; charset=utf-8")
        elif path == "/preview.js":
            self._send(HTTPStatus.OK, SCRIPT, "text/javascript; charset=utf-8")
        elif path == "/preview.css":
            self._send(HTTPStatus.OK, STYLESHEET, "text/css; charset=utf-8")
        elif path == "/state":
            data = json.dumps(state_json(preview, state), ensure_ascii=False)
            self._send(HTTPStatus.OK, data.encode(), "application/json")
        elif path == "/events":
            self._events()
        elif path.startswith("/page/") and path[len("/page/") :] in state.pages:
            body = state.pages[path[len("/page/") :]]
            self._send(HTTPStatus.OK, body, "text/html; charset=utf-8", FRAME_POLICY)
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n")

    def _refuse(self) -> None:
        self.send_response(HTTPStatus.METHOD_NOT_ALLOWED)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse

    def _events(self) -> None:
        """Send the current state, then each new one, as Server-Sent Events, until the end."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Content-Security-Policy", PAGE_POLICY)
        for name, value in _COMMON_HEADERS:
            self.send_header(name, value)
        self.end_headers()
        self.close_connection = True
        if self.command == "HEAD":
            return
        preview = self.server.preview
        after = 0
        try:
            while not self.server.stopping.is_set():
                state = preview.wait(after, KEEPALIVE_SECONDS)
                if state is None:
                    message = b": still here\n\n"
                else:
                    after = state.version
                    data = json.dumps(state_json(preview, state), ensure_ascii=False)
                    message = f"event: state\ndata: {data}\n\n".encode()
                self.wfile.write(message)
                self.wfile.flush()
        except OSError:  # the page was closed
            return


@attrs.frozen
class Running:
    """A preview server running in threads of this process."""

    url: str
    preview: Preview
    server: ThreadingHTTPServer


@contextlib.contextmanager
def serving(path: Path, port: int = 0) -> Iterator[Running]:
    """Serve the preview of ``path`` on 127.0.0.1:``port`` (0: a free port) while in the block.

    The file is checked and rendered before the first request is answered;
    a thread watches it, another serves. Leaving the block stops both.
    Raises ``OSError`` when the port cannot be had.
    """
    preview = Preview(path)
    preview.refresh()
    server = _Server((HOST, port), Handler)
    server.preview = preview
    server.stopping = threading.Event()
    threads = [
        threading.Thread(target=server.serve_forever, name="nas-press-preview", daemon=True),
        threading.Thread(
            target=preview.watch, args=(server.stopping,), name="nas-press-watch", daemon=True
        ),
    ]
    for thread in threads:
        thread.start()
    try:
        yield Running(f"http://{HOST}:{server.server_port}/", preview, server)
    finally:
        server.stopping.set()
        preview.close()
        server.shutdown()
        server.server_close()
        for thread in threads:
            thread.join(5)


def serve(path: Path, port: int = 0, *, browser: bool = True, out: IO[str] | None = None) -> int:
    """Run ``nas-press preview``: serve ``path`` until Ctrl-C, then return 0.

    Prints the address (and opens it in the user's browser unless
    ``browser`` is false). A port that cannot be had is reported on
    standard error, and 1 returned.
    """
    out = out if out is not None else sys.stdout
    try:
        with serving(path, port) as running:
            print(f"Previewing {printable(str(path))} at {running.url}", file=out)
            print("Saving the file updates the page. Press Ctrl-C to stop.", file=out, flush=True)
            if browser:
                import webbrowser

                threading.Thread(target=webbrowser.open, args=(running.url,), daemon=True).start()
            while True:  # until Ctrl-C; a short sleep lets every system deliver it
                time.sleep(0.5)
    except KeyboardInterrupt:
        print("Preview stopped.", file=out, flush=True)
    except OSError as exc:
        print(
            f"nas-press: error: cannot serve the preview on {HOST} port {port}:"
            f" {exc.strerror or exc}",
            file=sys.stderr,
        )
        return 1
    return 0
