"""The live preview (nas_press.preview, ``nas-press preview``).

The server is started on a free port in threads of the test process
(:func:`nas_press.preview.serving`) and read with urllib; the command is run
as a process and stopped with SIGINT, as Ctrl-C does. The page itself is
driven in headless Chromium (:mod:`tests.chromium`) with axe-core, as in
``tests/test_browser.py``: those tests skip without ``chromium`` or axe-core
and fail without them in CI (see :mod:`tests.tools`).

Each test works on a copy of the 2025 example and its history in a folder of
its own, edited as a person saving it in an editor would.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.chromium import Chromium
from tests.conftest import EXAMPLES, LANGS
from tests.test_browser import AXE, AXE_TAGS, AXE_VERSION, describe
from tests.tools import require_file, require_tool

import nas_press._api
import nas_press.preview
from nas_press.cli import main
from nas_press.preview import FRAME_POLICY, PAGE_POLICY, POLL_SECONDS, Running, serving

SHOWN_WITHIN = 0.5
"""Seconds from saving the file to the page showing it: the preview's promise."""

HEADLINE = (
    'en = "Forced marriage and forced labour the most common forms of exploitation in the first'
    ' half of the year – cooperation helps to fight human trafficking"'
)
SWEDISH_HEADLINE = (
    "Tvångsäktenskap och tvångsarbete de vanligaste formerna av utnyttjande under första"
    " halvåret – samarbete hjälper mot människohandel"
)
BROKEN_LINE = 21
"""The line of ``statistics.referrals.count`` in the 2025 example."""


@pytest.fixture
def release_file(tmp_path: Path) -> Path:
    """A copy of the 2025 example, with its statistics history beside it."""
    for name in ("2025-h1.toml", "history.toml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    path = tmp_path / "2025-h1.toml"
    assert HEADLINE in path.read_text("utf-8").splitlines()
    assert "count = 185" == path.read_text("utf-8").splitlines()[BROKEN_LINE - 1]
    return path


def save(path: Path, text: str) -> None:
    """Save ``text`` as an editor does: into a new file renamed over the old one."""
    temporary = path.with_name(f".{path.name}.saving")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def with_headline(path: Path, headline: str) -> str:
    """The text of ``path`` with the English headline, whatever it is now, replaced."""
    lines = path.read_text("utf-8").splitlines(keepends=True)
    start = lines.index("[headline]\n")
    at = next(n for n in range(start, len(lines)) if lines[n].startswith("en = "))
    lines[at] = f'en = "{headline}"\n'
    return "".join(lines)


def broken(path: Path) -> str:
    """The text of ``path`` with a text where the referrals count must be a number."""
    lines = path.read_text("utf-8").splitlines(keepends=True)
    lines[BROKEN_LINE - 1] = 'count = "many"\n'
    return "".join(lines)


@pytest.fixture
def running(release_file: Path) -> Iterator[Running]:
    """The preview of ``release_file``, served on a free port."""
    with serving(release_file) as served:
        yield served


def fetch(
    running: Running, path: str = "/", host: str | None = None, method: str = "GET"
) -> tuple[int, dict[str, str], bytes]:
    """Request ``path`` of the preview; return the status, the headers and the body."""
    request = urllib.request.Request(running.url.rstrip("/") + path, method=method)
    if host is not None:
        request.add_unredirected_header("Host", host)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, dict(error.headers), error.read()


def state(running: Running) -> dict[str, Any]:
    """The state the page shows, as its script receives it."""
    status, _, body = fetch(running, "/state")
    assert 200 == status
    data: dict[str, Any] = json.loads(body)
    return data


def next_state(
    running: Running, version: int, within: float = 5.0, *, checked: bool = True
) -> tuple[dict[str, Any], float]:
    """Wait for a state newer than ``version``; return it and the seconds it took.

    With ``checked``, the state must hold all of ``check``'s findings; without,
    it may be the one that shows the new pages while the check runs.
    """
    start = time.monotonic()
    while time.monotonic() - start < within:
        current = state(running)
        if current["version"] > version and not (checked and current["checking"]):
            return current, time.monotonic() - start
        time.sleep(0.01)
    raise AssertionError(f"no new state within {within} s")


def page_of(running: Running, lang: str) -> str:
    """The rendered page the frame of ``lang`` shows."""
    status, _, body = fetch(running, f"/page/{lang}")
    assert 200 == status
    return body.decode("utf-8")


class TestPage:
    def test_three_versions_as_published(self, running: Running, release_file: Path) -> None:
        """Each frame shows the HTML writer's page of its language, byte for byte."""
        outputs = nas_press._api.render_outputs(
            nas_press.load_release(release_file), "2025-h1", LANGS, ("html",)
        )
        for lang in LANGS:
            assert outputs[f"2025-h1.{lang}.html"].decode("utf-8") == page_of(running, lang)

    def test_page_names_each_language(self, running: Running) -> None:
        """The page has a heading per language, marked with its language, and a titled frame."""
        _, headers, body = fetch(running)
        text = body.decode("utf-8")
        assert "text/html; charset=utf-8" == headers["Content-Type"]
        assert ['fi">suomi', 'sv">svenska', 'en">English'] == re.findall(
            r'<h2 id="heading-\w+" lang="(\w+">\w+)</h2>', text
        )
        assert ["Finnish", "Swedish", "English"] == re.findall(
            r'title="(\w+) version, as published"', text
        )
        assert 3 == text.count('sandbox="allow-same-origin"')

    def test_listens_on_loopback_only(self, running: Running) -> None:
        """The server is bound to 127.0.0.1, not to every interface."""
        assert "127.0.0.1" == running.server.server_address[0]
        assert running.url.startswith("http://127.0.0.1:")

    def test_unknown_address(self, running: Running) -> None:
        """An address the preview does not serve, or a language it lacks, is not found."""
        assert 404 == fetch(running, "/nothing")[0]
        assert 404 == fetch(running, "/page/de")[0]

    @pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
    def test_only_reading(self, running: Running, method: str) -> None:
        """Only GET and HEAD are answered: nothing can be sent to the preview."""
        status, headers, _ = fetch(running, "/", method=method)
        assert (405, "GET, HEAD") == (status, headers["Allow"])


class TestUpdate:
    def test_saved_file_shown_within_half_a_second(
        self, running: Running, release_file: Path
    ) -> None:
        """A saved edit is rendered and pushed to the page within half a second.

        Timed from the rename that saves the file to the event that brings
        the new pages, five times at random moments between two looks at the
        file: the median must be within the promise (a median, so that one
        moment of a busy machine does not decide), and all of ``check``'s
        findings must follow within a second.
        """
        shown, checked = [], []
        with urllib.request.urlopen(running.url + "events", timeout=10) as events:
            current = read_event(events)
            for attempt in range(5):
                text = with_headline(release_file, f"Edited headline {attempt}")
                time.sleep(random.uniform(0, POLL_SECONDS))
                save(release_file, text)
                start = time.monotonic()
                new = read_event(events)
                while new["pages"]["en"] == current["pages"]["en"]:
                    new = read_event(events)
                shown.append(time.monotonic() - start)
                while new["checking"]:
                    new = read_event(events)
                checked.append(time.monotonic() - start)
                assert not new["broken"]
                assert f"Edited headline {attempt}" in page_of(running, "en")
                current = new
        assert statistics.median(shown) < SHOWN_WITHIN, shown
        assert statistics.median(checked) < 2 * SHOWN_WITHIN, checked

    def test_pages_first_then_the_check(self, running: Running, release_file: Path) -> None:
        """The new pages come first, marked as being checked, then the full findings."""
        with urllib.request.urlopen(running.url + "events", timeout=10) as events:
            current = read_event(events)
            save(release_file, with_headline(release_file, "Shown before checked"))
            first = read_event(events)
            second = read_event(events)
        assert (current["version"] + 1, True) == (first["version"], first["checking"])
        assert "so far; checking the figures and accessibility" in first["summary"]
        assert (first["version"] + 1, False) == (second["version"], second["checking"])
        assert first["pages"] == second["pages"] != current["pages"]
        assert second["summary"].startswith("Checked and rendered at")

    def test_only_changed_pages_change(self, running: Running, release_file: Path) -> None:
        """An edit of the English headline changes the English page's id, not the others'."""
        before = state(running)
        save(release_file, with_headline(release_file, "Edited headline"))
        after, _ = next_state(running, before["version"])
        changed = [lang for lang in LANGS if before["pages"][lang] != after["pages"][lang]]
        assert ["en"] == changed

    def test_same_content_is_not_checked_again(self, running: Running, release_file: Path) -> None:
        """Saving the same bytes again (a new time, a new file) gives no new state."""
        before = state(running)["version"]
        save(release_file, release_file.read_text("utf-8"))
        time.sleep(0.4)
        assert before == state(running)["version"]

    def test_edit_keeping_size_and_time(self, running: Running, release_file: Path) -> None:
        """An edit in place that keeps the size and the modification time is seen too."""
        before = state(running)["version"]
        info = release_file.stat()
        text = release_file.read_text("utf-8")
        edited = text.replace("count = 185", "count = 186")
        assert len(edited) == len(text)
        release_file.write_text(edited, encoding="utf-8")
        os.utime(release_file, ns=(info.st_atime_ns, info.st_mtime_ns))
        assert (info.st_size, info.st_mtime_ns) == (
            release_file.stat().st_size,
            release_file.stat().st_mtime_ns,
        )
        next_state(running, before)

    def test_file_removed_and_written_again(self, running: Running, release_file: Path) -> None:
        """A file removed (as some editors save) is a problem; written again, it is shown."""
        text = with_headline(release_file, "Written again")
        version = state(running)["version"]
        release_file.unlink()
        gone, _ = next_state(running, version)
        assert gone["broken"]
        assert ["cannot read the file"] == [
            p["text"].split(": error: ")[1].split(":")[0] for p in gone["problems"]
        ]
        release_file.write_text(text, encoding="utf-8")
        back, _ = next_state(running, gone["version"])
        assert ([], False) == (back["problems"], back["broken"])
        assert "Written again" in page_of(running, "en")

    def test_event_stream_head(self, running: Running) -> None:
        """HEAD of the event stream answers its headers and ends, without waiting for events."""
        status, headers, body = fetch(running, "/events", method="HEAD")
        assert (200, "text/event-stream; charset=utf-8", b"") == (
            status,
            headers["Content-Type"],
            body,
        )

    def test_event_stream(self, running: Running, release_file: Path) -> None:
        """/events sends the current state at once, then each new one when the file is saved."""
        with urllib.request.urlopen(running.url + "events", timeout=10) as events:
            assert "text/event-stream; charset=utf-8" == events.headers["Content-Type"]
            first = read_event(events)
            save(release_file, with_headline(release_file, "Streamed headline"))
            start = time.monotonic()
            second = read_event(events)
            took = time.monotonic() - start
            third = read_event(events)
        assert [first["version"] + 1, first["version"] + 2] == [
            second["version"],
            third["version"],
        ]
        assert first["pages"]["en"] != second["pages"]["en"]
        assert took < SHOWN_WITHIN


def read_event(stream: Any) -> dict[str, Any]:
    """Read the next ``state`` event of a Server-Sent Events stream and return its data."""
    lines: list[str] = []
    while True:
        line = stream.readline().decode("utf-8")
        assert line, "the event stream ended"
        if line == "\n":
            if lines and lines[0] == "event: state":
                data: dict[str, Any] = json.loads(lines[1].removeprefix("data: "))
                return data
            lines = []
        else:
            lines.append(line.rstrip("\n"))


class TestProblems:
    def test_broken_file_shows_its_problem(self, running: Running, release_file: Path) -> None:
        """A file with an error shows it with its key and line, and keeps the last good pages."""
        good = {lang: page_of(running, lang) for lang in LANGS}
        before = state(running)
        save(release_file, broken(release_file))
        after, seconds = next_state(running, before["version"])
        assert seconds < SHOWN_WITHIN
        assert after["broken"]
        assert before["pages"] == after["pages"]
        assert good == {lang: page_of(running, lang) for lang in LANGS}
        assert [("error", "statistics.referrals.count", BROKEN_LINE)] == [
            (p["severity"], p["key"], p["line"]) for p in after["problems"]
        ]
        assert "last version that could be rendered" in after["summary"]

    def test_problem_in_the_page(self, running: Running, release_file: Path) -> None:
        """The page served after the error lists it: severity, line, key and check's text."""
        before = state(running)["version"]
        save(release_file, broken(release_file))
        next_state(running, before)
        text = fetch(running)[2].decode("utf-8")
        assert (
            '<li class="error"><span class="severity">error</span>'
            f' <span class="where">line {BROKEN_LINE}</span>'
            ' <code class="key">statistics.referrals.count</code>'
        ) in text
        assert '<div class="versions stale" id="versions"' in text

    def test_fixed_file_shown_again(self, running: Running, release_file: Path) -> None:
        """Once the error is mended, the new pages are shown and no problem is left."""
        good = release_file.read_text("utf-8")
        version = state(running)["version"]
        save(release_file, broken(release_file))
        version = next_state(running, version)[0]["version"]
        save(release_file, good)
        version = next_state(running, version)[0]["version"]
        save(release_file, with_headline(release_file, "Mended headline"))
        after, _ = next_state(running, version)
        assert ([], False) == (after["problems"], after["broken"])
        assert "Mended headline" in page_of(running, "en")

    def test_a_fault_is_shown_and_the_preview_goes_on(
        self,
        running: Running,
        release_file: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """A fault of nas_press while checking is shown, its traceback printed, and the
        preview keeps watching the file."""

        def fail(path: Path) -> None:
            raise RuntimeError("a fault")

        version = state(running)["version"]
        with monkeypatch.context() as patch:
            patch.setattr(nas_press.preview, "read", fail)
            save(release_file, with_headline(release_file, "Not checked"))
            faulty, _ = next_state(running, version)
        assert faulty["broken"]
        assert [
            "nas-press: error: nas-press failed while checking the file"
            " (RuntimeError('a fault')); please report it"
        ] == [p["text"] for p in faulty["problems"]]
        assert "RuntimeError: a fault" in capsys.readouterr().err
        save(release_file, with_headline(release_file, "Checked again"))
        after, _ = next_state(running, faulty["version"])
        assert ([], False) == (after["problems"], after["broken"])

    def test_broken_from_the_start(self, release_file: Path) -> None:
        """A file broken when the preview starts shows its problem and no page."""
        save(release_file, broken(release_file))
        with serving(release_file) as served:
            shown = state(served)
            assert ({}, True) == (shown["pages"], shown["broken"])
            assert "nothing could be rendered yet" in shown["summary"]
            assert 200 == fetch(served)[0]

    @pytest.mark.parametrize("case", ["warnings", "figures", "error"])
    def test_the_problems_check_reports(
        self, release_file: Path, capsys: pytest.CaptureFixture[str], case: str
    ) -> None:
        """The preview lists exactly the lines ``nas-press check`` prints, in the same order.

        For a valid file with two warnings (an English headline the same as
        the Swedish one, an invisible character in the Finnish one), for the
        same with a figure that only the Finnish headline states, and for a
        file with an error.
        """
        text = with_headline(release_file, SWEDISH_HEADLINE).replace(
            'fi = "Pakkoavioliitto', 'fi = "\u200bPakkoavioliitto', 1
        )
        if case == "figures":
            text = text.replace('fi = "\u200bPakkoavioliitto', 'fi = "\u200b185 hakemusta:', 1)
        save(release_file, broken(release_file) if case == "error" else text)
        assert (0 if case == "warnings" else 1) == main(["check", str(release_file)])
        printed = capsys.readouterr().err.splitlines()
        if case != "warnings":
            assert printed.pop().startswith("nas-press: error: ")
        with serving(release_file) as served:
            shown = [p["text"] for p in state(served)["problems"]]
        assert {"warnings": 2, "figures": 4, "error": 1}[case] == len(printed)
        assert printed == shown


class TestSecurity:
    @pytest.mark.parametrize(
        "host",
        ["evil.example", "evil.example:{port}", "127.0.0.1:1", "localhost.evil.example:{port}", ""],
    )
    def test_other_hosts_refused(self, running: Running, host: str) -> None:
        """A request naming another host (DNS rebinding) or another port is refused."""
        port = running.server.server_port
        status, _, body = fetch(running, "/state", host=host.format(port=port))
        assert 421 == status
        assert b"127.0.0.1 or localhost" in body

    @pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "localhost"])
    def test_own_hosts_answered(self, running: Running, host: str) -> None:
        """127.0.0.1 and localhost, with the server's port, are answered."""
        port = running.server.server_port
        assert 200 == fetch(running, "/state", host=host.format(port=port))[0]

    @pytest.mark.parametrize("path", ["/", "/preview.js", "/preview.css", "/state", "/nothing"])
    def test_policy_of_the_preview(self, running: Running, path: str) -> None:
        """Every response of the preview lets nothing load from elsewhere and nothing frame it."""
        _, headers, _ = fetch(running, path)
        policy = headers["Content-Security-Policy"]
        assert PAGE_POLICY == policy
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert "'none'" == directives["default-src"]
        assert {"'self'"} == {directives[d] for d in ("script-src", "style-src", "frame-src")}
        assert "'none'" == directives["frame-ancestors"]
        assert "nosniff" == headers["X-Content-Type-Options"]

    def test_policy_of_a_rendered_page(self, running: Running) -> None:
        """A rendered page may run no script and load nothing but its own style and pictures."""
        _, headers, _ = fetch(running, "/page/en")
        policy = headers["Content-Security-Policy"]
        assert FRAME_POLICY == policy
        directives = dict(d.strip().partition(" ")[::2] for d in policy.split(";"))
        assert "script-src" not in directives
        assert "'none'" == directives["default-src"]
        assert "allow-same-origin" == directives["sandbox"]


def free_port() -> int:
    """A port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class TestCommand:
    def start(self, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "nas_press.cli", "preview", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )

    def test_ctrl_c_stops_it(self, release_file: Path) -> None:
        """The command prints its address, serves the page, and stops on Ctrl-C with status 0."""
        process = self.start(str(release_file), "--no-browser")
        try:
            assert process.stdout is not None
            first = process.stdout.readline()
            address = re.search(r"http://127\.0\.0\.1:\d+/", first)
            assert address is not None, first
            with urllib.request.urlopen(address.group(), timeout=10) as response:
                assert b"Preview of <code>2025-h1.toml</code>" in response.read()
            process.send_signal(signal.SIGINT)
            out, err = process.communicate(timeout=10)
        finally:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
        assert (0, "") == (process.returncode, err)
        assert "Preview stopped." in out

    def test_given_port(self, release_file: Path) -> None:
        """--port N serves on that port."""
        port = free_port()
        process = self.start(str(release_file), "--no-browser", "--port", str(port))
        try:
            assert process.stdout is not None
            assert f"http://127.0.0.1:{port}/" in process.stdout.readline()
        finally:
            process.send_signal(signal.SIGINT)
            process.communicate(timeout=10)
        assert 0 == process.returncode

    def test_opens_the_browser(self, release_file: Path, tmp_path: Path) -> None:
        """Without --no-browser, the address is opened with the user's browser ($BROWSER)."""
        opened = tmp_path / "opened"
        browser = tmp_path / "browser"
        browser.write_text(f'#!/bin/sh\necho "$1" > {opened}\n', encoding="utf-8")
        browser.chmod(0o755)
        process = self.start(str(release_file), env={**os.environ, "BROWSER": str(browser)})
        try:
            assert process.stdout is not None
            address = process.stdout.readline().split(" at ")[1].strip()
            deadline = time.monotonic() + 10
            while not opened.exists() and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            process.send_signal(signal.SIGINT)
            process.communicate(timeout=10)
        assert address == opened.read_text("utf-8").strip()

    def test_port_taken(self, release_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A port in use is reported, with status 1 and no traceback."""
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            assert 1 == main(["preview", str(release_file), "--no-browser", "--port", str(port)])
        err = capsys.readouterr().err
        assert f"nas-press: error: cannot serve the preview on 127.0.0.1 port {port}:" in err

    def test_no_such_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A file that is not there is an error naming it, before anything is served."""
        assert 1 == main(["preview", str(tmp_path / "missing.toml"), "--no-browser"])
        assert "missing.toml: no such file" in capsys.readouterr().err

    def test_help(self) -> None:
        """preview --help names its options."""
        result = subprocess.run(
            [sys.executable, "-m", "nas_press.cli", "preview", "--help"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert 0 == result.returncode
        assert "usage: nas-press preview [-h] [--port N] [--no-browser] RELEASE.toml" in " ".join(
            result.stdout.split()
        )

    def test_port_not_a_number(self, release_file: Path) -> None:
        """--port that is not a number is wrong usage: exit 2, with the usage."""
        with pytest.raises(SystemExit) as exit_:
            main(["preview", str(release_file), "--port", "eighty"])
        assert 2 == exit_.value.code

    def test_port_out_of_range(
        self, release_file: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A port that cannot be one is an error saying what is expected."""
        assert 1 == main(["preview", str(release_file), "--port", "70000"])
        assert "expected a port from 1 to 65535" in capsys.readouterr().err


# ---------------------------------------------------------------------------- in a browser


WAIT_FOR = """
new Promise((resolve, reject) => {
  const started = Date.now();
  (function poll() {
    let found = null;
    try { found = (%s); } catch (e) { found = null; }
    if (found) { resolve({value: found, at: Date.now()}); return; }
    if (Date.now() - started > %d) { reject(new Error("timed out waiting for: %s")); return; }
    setTimeout(poll, 5);
  })();
})
"""
"""Resolves, with the condition's value and the time, once the condition holds (polled)."""


AXE_RUN = """
axe.run(document, {
  runOnly: {type: "tag", values: %s}, rules: {"frame-tested": {enabled: false}}, iframes: false,
}).then(result => {
  const rules = found => found.map(rule => ({
    id: rule.id, impact: rule.impact, help: rule.help, helpUrl: rule.helpUrl,
    nodes: rule.nodes.map(node => ({target: node.target, summary: node.failureSummary})),
  }));
  return {
    version: result.testEngine.version,
    violations: rules(result.violations),
    incomplete: rules(result.incomplete),
    passes: result.passes.map(rule => rule.id),
  };
})
"""
"""Runs axe-core on the preview's page, not in its frames: they run no script, so axe cannot
run in them, and ``frame-tested``, which asks for that, is left out. What they show is the HTML
writer's page byte for byte (:meth:`TestPage.test_three_versions_as_published`), which
``tests/test_browser.py`` checks with axe-core."""


def wait_for(browser: Chromium, condition: str, timeout_ms: int = 5000) -> tuple[Any, float]:
    """Wait in the page until the JavaScript ``condition`` is truthy; its value and the time."""
    result = browser.evaluate(WAIT_FOR % (condition, timeout_ms, condition.replace('"', "'")))
    return result["value"], result["at"] / 1000


def frame_text(lang: str) -> str:
    """JavaScript: the text the frame of ``lang`` shows (it must have loaded)."""
    return f"document.getElementById('frame-{lang}').contentDocument.body.innerText"


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    """One headless Chromium for the module's browser tests."""
    executable = require_tool("chromium", "chromium")
    with Chromium(executable) as chromium:
        yield chromium


@pytest.fixture
def opened(browser: Chromium, running: Running) -> Running:
    """The preview, opened in the browser, every frame loaded."""
    version = state(running)["version"]
    browser.visit(running.url)
    for lang in LANGS:
        wait_for(browser, f"{frame_text(lang)}.length > 100")
    wait_for(browser, f"document.getElementById('versions').dataset.version === '{version}'")
    return running


class TestInBrowser:
    def test_saving_updates_the_page(
        self, browser: Chromium, opened: Running, release_file: Path
    ) -> None:
        """A saved edit is shown in the English frame within half a second (median of five)."""
        took = []
        for attempt in range(5):
            headline = f"Headline seen in the browser {attempt}"
            text = with_headline(release_file, headline)
            time.sleep(random.uniform(0, POLL_SECONDS))
            saved = time.time()
            save(release_file, text)
            _, shown = wait_for(browser, f"{frame_text('en')}.includes({headline!r})")
            took.append(shown - saved)
        assert statistics.median(took) < SHOWN_WITHIN, took
        version = next_state(opened, 0)[0]["version"]
        wait_for(browser, f"document.getElementById('versions').dataset.version === '{version}'")
        status = browser.evaluate("document.getElementById('status').textContent")
        assert status.startswith("Checked and rendered at"), status

    def test_place_kept(self, browser: Chromium, opened: Running, release_file: Path) -> None:
        """A frame reloaded with the new page stays where the reader had scrolled to."""
        frame = "document.getElementById('frame-en').contentWindow"
        browser.evaluate(f"{frame}.scrollTo(0, 300)")
        assert 300 == browser.evaluate(f"{frame}.scrollY")
        save(release_file, with_headline(release_file, "Headline of a scrolled page"))
        wait_for(browser, f"{frame_text('en')}.includes('Headline of a scrolled page')")
        y, _ = wait_for(browser, f"{frame}.scrollY")
        assert 300 == y

    def test_broken_file_shows_its_problem(
        self, browser: Chromium, opened: Running, release_file: Path
    ) -> None:
        """A broken file's problem appears with its key and line; the pages stay as they were."""
        shown_before = browser.evaluate(frame_text("en"))
        save(release_file, broken(release_file))
        item, _ = wait_for(
            browser,
            "document.querySelector('#problems li.error') && "
            "document.querySelector('#problems li.error').innerText",
        )
        assert f"line {BROKEN_LINE}" in item
        assert "statistics.referrals.count" in item
        assert "expected a whole number" in item
        assert shown_before == browser.evaluate(frame_text("en"))
        assert browser.evaluate("document.getElementById('versions').classList.contains('stale')")
        status = browser.evaluate("document.getElementById('status').textContent")
        assert "1 error" in status

    def test_first_pages_after_a_broken_start(self, browser: Chromium, release_file: Path) -> None:
        """A page opened on a broken file shows no frame; once the file is mended, all three.

        The frames are made by the page's script, sandboxed, titled and headed
        by the language's name as those the server writes.
        """
        good = release_file.read_text("utf-8")
        save(release_file, broken(release_file))
        with serving(release_file) as served:
            browser.visit(served.url)
            assert 0 == browser.evaluate("document.querySelectorAll('iframe').length")
            assert 1 == browser.evaluate("document.querySelectorAll('#problems li').length")
            save(release_file, good)
            for lang in LANGS:
                wait_for(browser, f"{frame_text(lang)}.length > 100")
            assert 0 == browser.evaluate("document.querySelectorAll('#problems li').length")
            assert [["fi", "suomi"], ["sv", "svenska"], ["en", "English"]] == browser.evaluate(
                "[...document.querySelectorAll('.version h2')].map(h => [h.lang, h.textContent])"
            )
            assert ["Finnish", "Swedish", "English"] == browser.evaluate(
                "[...document.querySelectorAll('iframe')]"
                ".map(f => f.sandbox.value === 'allow-same-origin' && f.title.split(' ')[0])"
            )

    def test_no_script_runs_in_a_frame(self, browser: Chromium, opened: Running) -> None:
        """The frames are sandboxed without scripts, and their pages are served as such."""
        assert ["allow-same-origin"] * 3 == browser.evaluate(
            "[...document.querySelectorAll('iframe')].map(f => f.getAttribute('sandbox'))"
        )
        assert browser.evaluate(
            "(() => { const d = document.getElementById('frame-en').contentDocument;"
            " const s = d.createElement('script'); s.textContent = 'window.ran = true;';"
            " d.body.appendChild(s); return !document.getElementById('frame-en')"
            ".contentWindow.ran; })()"
        )

    @pytest.mark.parametrize("broken_file", [False, True], ids=["valid", "broken"])
    def test_accessible(
        self, browser: Chromium, opened: Running, release_file: Path, broken_file: bool
    ) -> None:
        """axe-core finds no violation and leaves nothing undecided, with and without problems.

        The rendered pages in the frames are checked by ``tests/test_browser.py``;
        here the preview's own page is (its frames run no script, so axe runs
        outside them).
        """
        if broken_file:
            save(release_file, broken(release_file))
            wait_for(browser, "document.querySelector('#problems li')")
        source = require_file(AXE, "run `make browser-tools` (npm ci in tests/browser)")
        browser.evaluate(source.read_text("utf-8"))
        result = browser.evaluate(AXE_RUN % json.dumps(AXE_TAGS))
        assert AXE_VERSION == result["version"]
        assert [] == [rule["id"] for rule in result["violations"]], describe(result["violations"])
        assert [] == [rule["id"] for rule in result["incomplete"]], describe(result["incomplete"])
        for rule in ("frame-title", "html-has-lang", "landmark-one-main", "page-has-heading-one"):
            assert rule in result["passes"]


def test_report_is_quiet(running: Running) -> None:
    """Requests are not logged to the terminal: the preview prints its address and no more."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        fetch(running)
    assert "" == err.getvalue()
