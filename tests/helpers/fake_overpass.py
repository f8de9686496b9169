"""A local stand-in for an Overpass API on 127.0.0.1, started by the tests: answers built from an OSM fixture.

Each query's ``[bbox:…]`` is cut from the fixture with gebied's own clip; a script of failures can go
first: ``429`` (with Retry-After), ``slow`` (answers after the client gave up), ``truncated`` (half an
answer), ``html`` (an error page with status 200), ``remark`` (Overpass's runtime-error remark), ``500``.
"""

from __future__ import annotations

import contextlib
import re
import tempfile
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import shapely

from gebied.sources.clip import clip_extract


class FakeOverpass:
    """Serve ``source`` as an Overpass API; ``script`` lists what the first requests get (then: proper answers)."""

    def __init__(self, source: Path, script: list[str] | None = None, slow_s: float = 2.0,
                 fail_after: int | None = None) -> None:
        self.source = source
        self.script = list(script or [])
        self.slow_s = slow_s
        self.fail_after = fail_after  # from this request on, every answer is a 500
        self.requests: list[tuple[float, float, float, float]] = []
        self.lock = threading.Lock()
        self.tmp = Path(tempfile.mkdtemp(prefix="fake-overpass-"))
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                query = urllib.parse.parse_qs(body)["data"][0]
                s, w, n, e = map(float, re.search(r"\[bbox:([^\]]+)\]", query).group(1).split(","))
                with fake.lock:
                    fake.requests.append((w, s, e, n))
                    k = len(fake.requests)
                    step = fake.script.pop(0) if fake.script else "ok"
                if fake.fail_after is not None and k > fake.fail_after:
                    step = "500"
                fake.answer(self, step, (w, s, e, n), k)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/api/interpreter"

    def answer(self, h: BaseHTTPRequestHandler, step: str, box: tuple[float, float, float, float], k: int) -> None:
        if step == "429":
            h.send_response(429)
            h.send_header("Retry-After", "0")
            h.end_headers()
            return
        if step == "500":
            h.send_response(500)
            h.end_headers()
            h.wfile.write(b"kapot")
            return
        data = self.osm(box, k)
        if step == "slow":
            time.sleep(self.slow_s)
        elif step == "truncated":
            data = data[: len(data) // 2]
        elif step == "html":
            data = b"<html><body>Even geduld</body></html>"
        elif step == "remark":
            data = data.replace(b"</osm>", b'<remark> runtime error: Query timed out </remark>\n</osm>')
        h.send_response(200)
        h.send_header("Content-Type", "application/osm3s+xml")
        h.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up ("slow")
            h.wfile.write(data)

    def osm(self, box: tuple[float, float, float, float], k: int) -> bytes:
        out = self.tmp / f"antwoord-{k}.osm"
        clip_extract(self.source, shapely.box(*box), out)
        return out.read_bytes()

    def __enter__(self) -> FakeOverpass:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
