"""Headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe: no port, no network),
shared by the checks that load the site in a real browser (ci/docs-browser.py, ci/docs-accessibility.py).

    browser = Browser(profile_dir)          # one Chromium for the whole check
    tab = Tab(browser, 390, 844)            # a page target, its viewport emulated (a phone below 800 px)
    tab.load(url); tab.evaluate("...")      # navigate and wait for the load event; run a script in the page
    tab.resize(1400, 900); tab.color_scheme("dark")
    browser.close()

New headless Chromium clamps --window-size below 500 px, so a width is set with Emulation.setDeviceMetricsOverride,
never with the window."""
import base64
import fcntl
import json
import os
import pathlib
import select
import subprocess
import sys
import time

CHROMIUM = pathlib.Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
         "--mute-audio", "--remote-debugging-pipe"]


class CannotRun(Exception):
    pass


class Browser:
    """Chromium with the DevTools protocol on fds 3 (its input) and 4 (its output), one JSON message per NUL."""

    def __init__(self, profile):
        to_chrome_r, to_chrome_w = os.pipe()
        from_chrome_r, from_chrome_w = os.pipe()
        # Move the child's ends above 10 first, so that placing them on 3 and 4 cannot overwrite one another.
        child_in = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)
        child_out = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)

        def place():
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        command = [str(CHROMIUM)] + FLAGS + [f"--user-data-dir={profile}", "about:blank"]
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, preexec_fn=place, pass_fds=(3, 4))
        for fd in (to_chrome_r, from_chrome_w, child_in, child_out):
            os.close(fd)
        self.writer, self.reader = os.fdopen(to_chrome_w, "wb"), os.fdopen(from_chrome_r, "rb")
        self.next_id, self.buffer, self.events, self.replies, self.sent = 0, b"", [], {}, {}

    def _read(self, deadline):
        while b"\0" not in self.buffer:
            if time.monotonic() > deadline:
                raise CannotRun("chromium did not answer in time")
            ready, _, _ = select.select([self.reader], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                continue
            chunk = os.read(self.reader.fileno(), 1 << 16)
            if not chunk:
                raise CannotRun("chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, session=None, **params):
        """Sends a command without waiting for its answer: its id, for answer() (tabs can work at once)."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self.writer.write(json.dumps(message).encode() + b"\0")
        self.writer.flush()
        self.sent[self.next_id] = method
        return self.next_id

    def answer(self, ids, timeout=60):
        """(id, result) of the first command of `ids` (sent, not yet answered) that Chromium answers."""
        deadline = time.monotonic() + timeout
        while True:
            for command in ids:
                if command in self.replies:
                    reply, method = self.replies.pop(command), self.sent.pop(command)
                    if "error" in reply:
                        raise CannotRun(f"{method}: {reply['error'].get('message')}")
                    return command, reply.get("result", {})
            self._keep(self._read(deadline))

    def call(self, method, session=None, timeout=60, **params):
        return self.answer([self.send(method, session, **params)], timeout)[1]

    def wait_for(self, method, session, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            for k, event in enumerate(self.events):
                if event.get("method") == method and event.get("sessionId") == session:
                    # it and this tab's events before it are done with; other tabs' stay
                    self.events = [e for i, e in enumerate(self.events) if i > k or e.get("sessionId") != session]
                    return event
            self._keep(self._read(deadline))

    def _keep(self, message):
        """An answer (kept for answer()) or an event (for wait_for()) read while waiting for another."""
        if "id" in message:
            self.replies[message["id"]] = message
        else:
            self.events.append(message)

    def close(self):
        try:
            self.call("Browser.close", timeout=10)
        except (CannotRun, OSError, ValueError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Tab:
    """One page target of the browser, its viewport `width` x `height` CSS px (emulated as a phone below 800)."""

    def __init__(self, browser, width, height, own_context=False):
        self.browser = browser
        # a context of its own (a separate profile in memory) has a renderer process of its own: two such tabs run
        # their scripts at the same time, on two cores
        context = {"browserContextId": browser.call("Target.createBrowserContext")["browserContextId"]} \
            if own_context else {}
        target = browser.call("Target.createTarget", url="about:blank", **context)["targetId"]
        self.session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.width, self.height = width, height
        browser.call("Page.enable", self.session)
        browser.call("Emulation.setDeviceMetricsOverride", self.session, width=width, height=height,
                     deviceScaleFactor=1, mobile=width < 800)

    def resize(self, width, height):
        if (width, height) != (self.width, self.height):
            self.width, self.height = width, height
            self.browser.call("Emulation.setDeviceMetricsOverride", self.session, width=width, height=height,
                              deviceScaleFactor=1, mobile=width < 800)

    def color_scheme(self, scheme):
        """The reader's system theme as the page's media queries see it: "light", "dark", or None (the default)."""
        features = [{"name": "prefers-color-scheme", "value": scheme}] if scheme else []
        self.browser.call("Emulation.setEmulatedMedia", self.session, features=features)

    def load(self, url):
        """Navigates to `url` and returns when its load event fired (its scripts ran)."""
        if "#" in url:      # a page reached by a change of #fragment alone fires no load event: leave it first
            self.browser.call("Page.navigate", self.session, url="about:blank")
            self.browser.wait_for("Page.loadEventFired", self.session)
        self.browser.events = [e for e in self.browser.events if e.get("sessionId") != self.session]
        self.browser.call("Page.navigate", self.session, url=url)
        self.browser.wait_for("Page.loadEventFired", self.session)

    def evaluate(self, expression, timeout=60, wait=False):
        """The value of a script run in the page (JSON-able); with `wait`, of the promise it returns."""
        return self.value(self.browser.call("Runtime.evaluate", self.session, timeout=timeout, expression=expression,
                                            returnByValue=True, awaitPromise=wait))

    def start(self, expression):
        """Starts a script that returns a promise, without waiting: the command's id (Browser.answer, value())."""
        return self.browser.send("Runtime.evaluate", self.session, expression=expression, returnByValue=True,
                                 awaitPromise=True)

    @staticmethod
    def value(result):
        """The value of a script from Runtime.evaluate's result, or CannotRun with the script's error."""
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise CannotRun(f"script failed: {details.get('exception', {}).get('description') or details.get('text')}")
        return result["result"].get("value")

    def screenshot(self, path, height):
        data = self.browser.call("Page.captureScreenshot", self.session, format="png", captureBeyondViewport=True,
                                 clip={"x": 0, "y": 0, "width": self.width, "height": min(height, 6000), "scale": 1})
        path.write_bytes(base64.b64decode(data["data"]))


def generate_site(site, build_dir, verify=None):
    """Writes the site into SITE from the build's runs (ci/gen-docs.py --no-catalog --reuse-runs), as the browser
    tests do unless told the site is there: None, or why it could not be generated."""
    root = pathlib.Path(__file__).resolve().parent.parent
    command = [sys.executable, str(root / "ci" / "gen-docs.py"), "--no-catalog", "--reuse-runs",
               "--build-dir", str(build_dir), "--site", str(site)]
    if verify:
        command += ["--verify", str(verify)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        return (done.stderr or done.stdout).strip()[-400:]
    return None
