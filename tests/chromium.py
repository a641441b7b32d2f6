"""Headless Chromium driven from the tests through the DevTools protocol over a pipe.

Chromium started with ``--remote-debugging-pipe`` reads protocol commands
from its file descriptor 3 and writes replies and events to descriptor 4,
each message one JSON object followed by a NUL byte. That needs no
WebDriver, no network port and no package beyond the standard library, and
one browser serves every page of a test run. Only what the tests use is
here: open a page from a ``file:`` address (or, for the live preview, from
the preview's server on 127.0.0.1) and wait for its ``load`` event,
and evaluate a script in it (awaiting a promise), as
:class:`Chromium`'s methods.

The flags are those a closed machine, and root, need: ``--no-sandbox`` (the
pages are the project's own and run no script but axe-core), no GPU, and no
background networking, component updates, sync or QUIC, without which
Chromium keeps trying to reach Google's hosts; and a new, empty profile
folder per browser.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import select
import signal
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Any

TIMEOUT = 60.0
"""Seconds one protocol command may take before the browser is taken to hang."""

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--remote-debugging-pipe",
)


class BrowserError(Exception):
    """Chromium exited, hung, or answered a command with an error."""


class Chromium:
    """One headless Chromium process with one page (tab), for use in a ``with`` block."""

    def __init__(self, executable: str) -> None:
        """Start ``executable`` headless with a fresh profile and open an empty page."""
        self._profile = tempfile.TemporaryDirectory(prefix="nas-press-chromium-")
        commands_read, self._commands = os.pipe()
        self._replies, replies_write = os.pipe()
        log = Path(self._profile.name) / "chromium.log"
        self._log = log.open("wb")
        # Chromium wants the pipes as its descriptors 3 and 4: copies numbered 10
        # and up are moved there, so that moving one cannot overwrite the other.
        # Every descriptor of this process is close-on-exec, so nothing else leaks.
        ends = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (commands_read, replies_write)]
        try:
            self._pid = os.posix_spawn(
                executable,
                [executable, *FLAGS, f"--user-data-dir={self._profile.name}", "about:blank"],
                os.environ,
                file_actions=[
                    (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                    (os.POSIX_SPAWN_DUP2, self._log.fileno(), 1),
                    (os.POSIX_SPAWN_DUP2, self._log.fileno(), 2),
                    (os.POSIX_SPAWN_DUP2, ends[0], 3),
                    (os.POSIX_SPAWN_DUP2, ends[1], 4),
                ],
                setsid=True,
            )
        except OSError:
            for fd in (self._commands, self._replies):
                os.close(fd)
            self._log.close()
            self._profile.cleanup()
            raise
        finally:
            for fd in (commands_read, replies_write, *ends):
                os.close(fd)
        self._status: int | None = None
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []
        try:
            target = self._command("Target.createTarget", {"url": "about:blank"})["targetId"]
            self._session = self._command(
                "Target.attachToTarget", {"targetId": target, "flatten": True}
            )["sessionId"]
            self._command("Page.enable", session=True)
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> Chromium:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """End the browser and remove its profile; safe to call twice."""
        if self._running():
            with contextlib.suppress(OSError):  # it may be closing already
                self._send({"id": 0, "method": "Browser.close"})
            if not self._wait(10):
                os.killpg(self._pid, signal.SIGKILL)
                self._wait(None)
        for fd in (self._commands, self._replies):
            with contextlib.suppress(OSError):  # closed by an earlier call
                os.close(fd)
        self._commands = self._replies = -1
        self._log.close()
        self._profile.cleanup()

    def _running(self) -> bool:
        """Whether the browser process has not exited (reaping it if it has)."""
        return not self._wait(0)

    def _wait(self, timeout: float | None) -> bool:
        """Wait up to ``timeout`` seconds (``None``: for ever) for the browser to exit."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while self._status is None:
            pid, status = os.waitpid(self._pid, os.WNOHANG if deadline is not None else 0)
            if pid:
                self._status = os.waitstatus_to_exitcode(status)
            elif deadline is None or time.monotonic() >= deadline:
                return False
            else:
                time.sleep(0.02)
        return True

    def log(self) -> str:
        """What Chromium has written to its standard output and error so far."""
        self._log.flush()
        return (Path(self._profile.name) / "chromium.log").read_text("utf-8", "replace")

    def open(self, path: Path) -> None:
        """Load the file ``path`` in the page and wait until its ``load`` event has fired."""
        self.visit(path.resolve().as_uri())

    def visit(self, address: str) -> None:
        """Load ``address`` in the page and wait until its ``load`` event has fired."""
        self._events.clear()
        result = self._command("Page.navigate", {"url": address}, session=True)
        if "errorText" in result:
            raise BrowserError(f"cannot open {address}: {result['errorText']}")
        self._wait_for("Page.loadEventFired")
        shown = self.evaluate("[document.URL, document.readyState]")
        if [address, "complete"] != shown:
            raise BrowserError(f"opening {address} left the page at {shown}")

    def evaluate(self, expression: str) -> Any:
        """Evaluate ``expression`` in the page, await it if it is a promise, return its value.

        The value comes back as JSON, so it must be one (a string, number,
        list, plain object). A thrown exception is raised as :class:`BrowserError`.
        """
        result = self._command(
            "Runtime.evaluate",
            {"expression": expression, "awaitPromise": True, "returnByValue": True},
            session=True,
        )
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            described = details.get("exception", {}).get("description") or details.get("text")
            raise BrowserError(f"the script failed: {described}")
        return result["result"].get("value")

    # ----------------------------------------------------------------- protocol

    def _send(self, message: dict[str, Any]) -> None:
        data = json.dumps(message).encode("utf-8") + b"\0"
        while data:
            data = data[os.write(self._commands, data) :]

    def _command(
        self, method: str, params: dict[str, Any] | None = None, *, session: bool = False
    ) -> dict[str, Any]:
        """Send one command and return its result; events that arrive meanwhile are kept."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self._session
        self._send(message)
        while True:
            reply = self._receive(method)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method} failed: {reply['error']}")
                result: dict[str, Any] = reply["result"]
                return result
            if "method" in reply:
                self._events.append(reply)

    def _wait_for(self, event: str) -> dict[str, Any]:
        """Return the first event named ``event`` of the page, waiting for it if need be."""
        while True:
            for number, message in enumerate(self._events):
                if message["method"] == event and message.get("sessionId") == self._session:
                    del self._events[: number + 1]
                    return message
            self._events.append(self._receive(event))

    def _receive(self, waiting_for: str) -> dict[str, Any]:
        """Read the next message, or raise :class:`BrowserError` if none comes in time."""
        deadline = time.monotonic() + TIMEOUT
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._replies], [], [], max(left, 0))
            if not ready:
                raise BrowserError(
                    f"no answer to {waiting_for} from Chromium in {TIMEOUT:.0f} s:\n{self.log()}"
                )
            chunk = os.read(self._replies, 1 << 16)
            if not chunk:
                self._wait(5)
                raise BrowserError(
                    f"Chromium exited (status {self._status}) while waiting for"
                    f" {waiting_for}:\n{self.log()}"
                )
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        parsed: dict[str, Any] = json.loads(message)
        return parsed
