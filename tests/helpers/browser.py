"""Helpers for real-browser tests: start the app on a free port, drive Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--use-gl=swiftshader",
         "--enable-unsafe-swiftshader",
         # no name outside this machine resolves: the browser is offline, as a planner's may be
         "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"]


#: True while an element still waits for its code: Streamlit draws a grey skeleton in its place until the
#: browser has loaded that kind of element's code (a list, a check box, a table ...), so the page is not ready.
LOADING_JS = "() => !!document.querySelector('[data-testid=stSkeleton]')"

#: Resolves when the page is drawn and its main thread is free again: two animation frames, then frames at most
#: 50 ms apart for 300 ms (a map still drawing in software, or any long task, breaks the run: a map that
#: fetches and builds a layer's data a moment after its first frame is not done); at most 30 s. The value is the
#: moment (page clock, ms) the calm began: the first frame of that last calm run, so waiting out the 300 ms is
#: not counted.
IDLE_JS = """() => new Promise(done => {
  const start = performance.now();
  let last = start, calm = 0, frames = 0, since = start;
  const tick = () => {
    const now = performance.now();
    if (now - last <= 50) { calm += 1; } else { calm = 0; since = now; }
    last = now;
    frames += 1;
    if ((frames > 2 && calm >= 3 && now - since >= 300) || now - start > 30000) done(since);
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})"""

#: Notes the page-clock moment of the last click or key press (capture phase: before the app handles it).
ACTION_JS = """() => {
  performance.setResourceTimingBufferSize(100000);  // every file the page loaded, for tests that count them
  const note = () => { window.gebiedActie = performance.now(); };
  document.addEventListener('click', note, true);
  document.addEventListener('keydown', note, true);
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, timeout_s: float = 120.0) -> None:
    """Wait until the Streamlit server at ``url`` answers its health check; TimeoutError after ``timeout_s``."""
    end = time.time() + timeout_s
    while time.time() < end:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).status == 200:
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"{url} did not start within {timeout_s:.0f} s")


@contextmanager
def running_app(timeout: float = 120.0, env: dict[str, str] | None = None, address: str | None = "127.0.0.1",
                args: list[str] | None = None, port: int | None = None):
    """Start the app as ``python3 run.py app`` does (``python -m gebied.app.serve``: ``streamlit run app.py``
    with the default area loading as the server starts) on a free port; yield its URL; stop it afterwards.

    ``address=None`` binds as ``python3 run.py app`` does (every interface, headless).
    """
    port = port or free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / f"streamlit-{port}.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "gebied.app.serve", "--server.headless", "true",
         "--server.port", str(port), *(["--server.address", address] if address else []),
         "--browser.gatherUsageStats", "false", *(args or [])],
        cwd=REPO, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, timeout)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def non_blank_share(png: bytes) -> tuple[float, int]:
    """Share of pixels that are not near-white, and the number of distinct colours."""
    from io import BytesIO

    from PIL import Image

    img = np.asarray(Image.open(BytesIO(png)).convert("RGB")).reshape(-1, 3)
    share = float((img.min(axis=1) < 235).mean())
    colours = len(np.unique(img[:: max(1, len(img) // 50000)], axis=0))
    return share, colours


LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:", "chrome")


class AppBrowser:
    """One tab in Chromium on the app that knows when the app is done: script idle, map data in, frames drawn.

    Every request the browser makes is recorded; ``outside`` holds those not to this machine (they fail: no
    outside name resolves, see :data:`FLAGS`, so a test sees the app as an offline user would). Requests are
    watched, not intercepted: Playwright's interception turns the browser's HTTP cache off, and a planner's
    browser has one.
    """

    def __init__(self, pw, url: str, width: int = 1920, height: int = 1080, touch: bool = False) -> None:
        self.browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        self.context = self.browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL",
                                                has_touch=touch, is_mobile=touch)
        self.outside: list[str] = []
        self.context.on("request", self._request)
        self.context.add_init_script(f"({ACTION_JS})()")
        self.page = self.context.new_page()
        self.finished = 0  # script runs the server reported finished (read from the websocket)
        self.page.on("websocket", lambda ws: ws.on("framereceived", self._frame))
        self.pending: set[str] = set()
        self.page.on("request", lambda r: self.pending.add(r.url) if "/app/static/" in r.url else None)
        self.page.on("requestfinished", lambda r: self.pending.discard(r.url))
        self.page.on("requestfailed", lambda r: self.pending.discard(r.url))
        self.url = url

    def _request(self, request) -> None:
        if not request.url.startswith(LOCAL):
            self.outside.append(request.url)

    def _frame(self, payload: bytes | str) -> None:
        """Count ``script_finished`` messages (a fast run may never show 'running' in the page)."""
        if isinstance(payload, str):
            return
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = ForwardMsg()
        try:
            msg.ParseFromString(payload)
        except Exception:
            return
        if msg.WhichOneof("type") == "script_finished" and msg.script_finished in (
                ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR):
            self.finished += 1

    def runs(self) -> int:
        """Finished script runs of this tab so far."""
        self.page.evaluate("() => 0")  # lets Playwright deliver the websocket events that arrived
        return self.finished

    def settled(self, before: int, timeout_s: float = 180.0, drawn: bool = True) -> float:
        """Wait until a run has finished since ``before``, the map data has arrived, no element still waits for
        its code (:data:`LOADING_JS`), and the page is drawn with its main thread free again (:data:`IDLE_JS`);
        returns the page-clock moment (ms) it became free."""
        end = time.time() + timeout_s
        while time.time() < end:
            state = self.page.evaluate(
                "() => document.querySelector('[data-testid=stApp]')?.getAttribute('data-test-script-state')")
            if self.runs() > before and state == "notRunning" and not self.pending:
                has_map = self.page.evaluate(
                    "() => !!document.querySelector('[data-testid=stDeckGlJsonChart] canvas, "
                    "[data-testid=stImage] img')")
                if (has_map or not drawn) and not self.page.evaluate(LOADING_JS):
                    return float(self.page.evaluate(IDLE_JS))
            time.sleep(0.01)
        self.shot("niet-klaar")
        raise TimeoutError(f"the app did not settle (runs {self.runs()} since {before}, pending {self.pending}, "
                           f"address {self.page.url}); screenshot test-artifacts/niet-klaar.png")

    def timed(self, action, drawn: bool = True) -> float:
        """Do ``action`` and wait until the app is done; returns the seconds from the action's last click or key
        press in the page until the page was drawn and free again, on the page's own clock (the driver's own
        overhead — finding the element, polling — is not counted)."""
        before = self.runs()
        action()
        return self._since_action(self.settled(before, drawn=drawn))

    def _since_action(self, free: float) -> float:
        """Seconds from the page's last click or key press to ``free`` (page clock, ms)."""
        return (free - self.page.evaluate("() => window.gebiedActie")) / 1000.0

    def open(self, path: str = "", drawn: bool = True) -> float:
        """Go to the app (``path`` after its address) and wait until it is done (as :meth:`settled`); returns
        the moment it became free as seconds since the epoch (the page's clock: the driver's polling and the
        wait for a calm run of frames not counted)."""
        before = self.runs()
        self.page.goto(self.url + path)
        free = self.settled(before, drawn=drawn)
        return (float(self.page.evaluate("() => performance.timeOrigin")) + free) / 1000.0

    def reload(self) -> None:
        before = self.runs()
        self.page.reload()
        self.settled(before)

    def nav(self, title: str, drawn: bool = True) -> float:
        """Go to a page by its title in the side panel's navigation; the time until it is drawn (as
        :meth:`timed`; ``drawn=False`` for a page without a map)."""
        link = self.page.locator("[data-testid=stSidebarNav]").get_by_text(title, exact=True)
        before, url = self.runs(), self.page.url
        link.click()
        end = time.time() + 30  # the address changes when the server starts the page's run
        while self.page.url == url and self.runs() == before and time.time() < end:
            time.sleep(0.01)
        if self.page.url == url and self.runs() == before:  # a click that landed while the app was repainting
            link.click()
        return self._since_action(self.settled(before, drawn=drawn))

    def select(self, key: str, option: str, drawn: bool = True) -> float:
        """Choose ``option`` (or, when it is already chosen, the first other one); the time as :meth:`timed`."""
        box = self.page.locator(f".st-key-{key} [role=combobox]")
        if box.input_value() == option:
            box.click()
            option = next(o for o in self.page.get_by_role("option").all_inner_texts() if o != option)
            box.press("Escape")

        def act() -> None:
            for attempt in range(3):  # a rerun that lands while the list opens closes it again
                box.click()
                item = self.page.get_by_role("option", name=option, exact=True)
                if attempt:  # a long list (a province's kernen) draws only its first options: type to find it
                    self.page.keyboard.type(option)
                try:
                    item.wait_for(timeout=5_000)
                except Exception:
                    box.press("Escape")
                    continue
                item.click()
                return
            raise TimeoutError(f"option {option!r} of {key} did not appear")
        return self.timed(act, drawn=drawn)

    def number(self, key: str, value: int) -> float:
        def act() -> None:
            box = self.page.locator(f".st-key-{key} input")
            box.fill(str(value))
            box.press("Enter")
        return self.timed(act)

    def button(self, key: str) -> float:
        return self.timed(lambda: self.page.locator(f".st-key-{key} button").click())

    def figure(self, label: str) -> str:
        """The value of a key figure beside the map."""
        return self.page.locator(".gebied-figuur").filter(
            has=self.page.locator(".label", has_text=label)).first.locator(".waarde").inner_text()

    def heading(self) -> str:
        return self.page.locator("[data-testid=stHeading]").first.inner_text()

    def shot(self, name: str, full_page: bool = False) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def close(self) -> None:
        self.browser.close()


#: The WCAG 2.1 A and AA rules of axe-core (the law asks AA: EN 301 549, Besluit digitale toegankelijkheid).
AXE_WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
            "resultTypes": ["violations"]}


def axe_violations(page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[dict]:
    """axe-core's WCAG 2.1 AA violations on ``page`` of the given impacts: id, impact, nodes and the first
    element's HTML (axe-core as shipped by axe-playwright-python, run inside the page)."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, options=AXE_WCAG).response["violations"]
    return [{"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"]),
             "html": v["nodes"][0]["html"][:200] if v["nodes"] else ""}
            for v in found if v["impact"] in impacts]


def tab_to(page, js_test: str, most: int = 60) -> None:
    """Press Tab until the focused element passes ``js_test`` (a function of the element), as a keyboard user
    moves through a page; fails after ``most`` presses."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!el && ({js_test})(el); }}"):
            return
    raise AssertionError(f"{most} presses of Tab never reached the element ({js_test})")
