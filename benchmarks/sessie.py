"""A visitor of the app that speaks Streamlit's own protocol, without a browser: for timing the server alone.

Ten browser tabs on this machine's two cores time the tabs' own JavaScript as much as the server (each tab parses
and lays out every answer). This client does what a tab sends: it opens the app's websocket
(``/_stcore/stream``), asks for a script run with the page and the widget values a visitor chose
(``BackMsg.rerun_script``), and reads the server's answer up to its ``script_finished``. It keeps the widgets the
server sent, so it can choose an option the way the browser does (a selectbox's value is its shown label).
Nothing of the answer is drawn; static files (the map's JSON) are fetched by a browser from the same server and
are not asked for here.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlparse

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


@dataclass
class Sessie:
    """One visitor's websocket session with the app at ``url`` (``http://host:port``)."""

    url: str
    pages: dict[str, str] = field(default_factory=dict)  # page name (as the navigation shows it) -> script hash
    selectboxes: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # label -> (widget id, options)
    page: str = ""
    _ws: object = None

    async def open(self) -> float:
        """Connect and run the app's first page, as a tab opening the address; seconds to the server's answer."""
        host = urlparse(self.url).netloc
        self._ws = await websockets.connect(f"ws://{host}/_stcore/stream", subprotocols=["streamlit"],
                                            origin=self.url, max_size=None, open_timeout=60)
        return await self._run()

    async def to_page(self, name: str) -> float:
        """Switch to page ``name`` (its label in the navigation); seconds to the server's answer."""
        self.page = self.pages[name]
        self.selectboxes.clear()
        return await self._run()

    async def choose(self, label: str, option: str) -> float:
        """Choose ``option`` in the selectbox labelled ``label`` on the current page; seconds to the answer."""
        widget_id, options = self.selectboxes[label]
        if option not in options:
            raise ValueError(f"{option!r} is not one of {options}")
        return await self._run({widget_id: option})

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()  # type: ignore[attr-defined]

    async def _run(self, strings: dict[str, str] | None = None) -> float:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = ""
        state.page_script_hash = self.page
        for widget_id, value in (strings or {}).items():
            w = state.widget_states.widgets.add()
            w.id, w.string_value = widget_id, value
        t = time.perf_counter()
        await self._ws.send(msg.SerializeToString())  # type: ignore[attr-defined]
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await self._ws.recv())  # type: ignore[attr-defined]
            kind = fwd.WhichOneof("type")
            if kind == "navigation":
                self.pages = {p.page_name: p.page_script_hash for p in fwd.navigation.app_pages}
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                el = fwd.delta.new_element
                if el.WhichOneof("type") == "selectbox":
                    self.selectboxes[el.selectbox.label] = (el.selectbox.id, list(el.selectbox.options))
            elif kind == "script_finished":
                return time.perf_counter() - t
