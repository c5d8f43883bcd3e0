"""The clients a steering group opens the reports in, driven from the tests: Chromium and LibreOffice.

``Browser`` starts Debian's ``chromium`` headless and talks the DevTools protocol to it over a pipe
(``--remote-debugging-pipe``: JSON messages separated by NUL bytes on file descriptors 3 and 4), so no
browser download and no WebSocket library are needed. ``office_pdf`` converts a workbook or a deck to PDF
with ``soffice --headless`` in a private profile. ``chromium_path`` / ``soffice_path`` return None where the
client is not installed (``make install`` and ``.ci/run`` install them when they can).
"""
from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
SOFFICE_NAMES = ("soffice", "libreoffice")


def chromium_path() -> str | None:
    """Returns the path of a Chromium executable on PATH, or None."""
    return next((p for p in map(shutil.which, CHROMIUM_NAMES) if p), None)


def soffice_path() -> str | None:
    """Returns the path of LibreOffice's ``soffice`` on PATH, or None."""
    return next((p for p in map(shutil.which, SOFFICE_NAMES) if p), None)


class BrowserError(RuntimeError):
    """The browser answered a command with an error, or went away."""


class Browser:
    """One headless Chromium with one page; use as a context manager.

    ``open(url, width, height)`` loads a page at a viewport size, ``evaluate(js)`` returns a JavaScript
    expression's value, ``pdf()`` prints the page (print media, CSS page size) and ``screenshot()`` returns
    a PNG of the whole page.
    """

    def __init__(self, executable: str | None = None) -> None:
        self.executable = executable or chromium_path()
        if not self.executable:
            raise BrowserError("no chromium on PATH")
        self._profile = tempfile.TemporaryDirectory(prefix="chromium-profile-")
        self._next_id = 0
        self._buffer = b""
        self._events: list[dict] = []
        self.session: str | None = None

    def __enter__(self) -> "Browser":
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire() -> None:  # in the child: the pipe ends on the (inheritable) descriptors Chromium expects
            a, b = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10), fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        args = [self.executable, "--headless=new", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--mute-audio",
                "--hide-scrollbars", "--font-render-hinting=none", f"--user-data-dir={self._profile.name}",
                "about:blank"]
        self.process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, preexec_fn=wire, close_fds=False)
        os.close(to_child_r)
        os.close(from_child_w)
        target = self.send("Target.createTarget", url="about:blank", session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True, session=False)["sessionId"]
        self.send("Page.enable")
        self.send("Runtime.enable")
        return self

    def __exit__(self, *exc: Any) -> None:
        try:
            self.send("Browser.close", session=False)
        except (BrowserError, OSError):
            pass
        for fd in (self._to_child, self._from_child):
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._profile.cleanup()

    def _read_message(self) -> dict:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                raise BrowserError("chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, session: bool = True, **params: Any) -> dict:
        """Sends one DevTools command and returns its result (events arriving meanwhile are kept)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read_message()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self._events.append(reply)

    def wait_for(self, event: str) -> dict:
        """Returns the parameters of the next ``event`` (one already received counts)."""
        while True:
            for index, message in enumerate(self._events):
                if message["method"] == event:
                    del self._events[index]
                    return message.get("params", {})
            message = self._read_message()
            if "method" in message:
                self._events.append(message)

    def open(self, url: str, width: int, height: int = 900, media: str = "screen") -> None:
        """Loads ``url`` in a viewport ``width`` × ``height`` CSS pixels (a phone's when narrower than 600,
        so the page's viewport meta counts) with ``media`` emulated; returns when the load event fired."""
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                  mobile=width < 600)
        self.send("Emulation.setEmulatedMedia", media=media)
        self._events.clear()
        self.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        """Returns the (JSON) value of a JavaScript expression in the page; a thrown error raises."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression[:60]}…: {result['exceptionDetails']}")
        return result["result"].get("value")

    def pdf(self) -> bytes:
        """Returns the page printed to PDF as Chromium's print dialog would (CSS ``@page`` size, tagged)."""
        result = self.send("Page.printToPDF", printBackground=True, preferCSSPageSize=True, generateTaggedPDF=True)
        return base64.b64decode(result["data"])

    def screenshot(self) -> bytes:
        """Returns a PNG of the whole page at the current viewport width."""
        return base64.b64decode(self.send("Page.captureScreenshot", format="png", captureBeyondViewport=True)["data"])


def office_pdf(document: Path, outdir: Path, soffice: str | None = None) -> Path:
    """Converts ``document`` (.xlsx, .pptx …) to PDF with LibreOffice headless in a private profile; returns
    the PDF's path. Raises ``RuntimeError`` with LibreOffice's output when no PDF was written."""
    soffice = soffice or soffice_path()
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="soffice-profile-") as profile:
        result = subprocess.run([soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                                 "--norestore", "--convert-to", "pdf", "--outdir", str(outdir), str(document)],
                                capture_output=True, text=True, stdin=subprocess.DEVNULL)
    pdf = outdir / (document.stem + ".pdf")
    if not pdf.exists():
        raise RuntimeError(f"soffice wrote no PDF for {document.name}: {result.stdout}{result.stderr}")
    return pdf
