"""The head of every page run: page configuration, the app's style and its browser set-up.

Called by ``app.py`` before the app's code is imported (that and the area take ~3 s on a server's first
run), so the browser gets its style and starts loading the map's code at once. Imports only Streamlit.
"""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

from gebied.maps.zicht import ZICHT

#: Page-wide style: a map that fills the screen height, Dutch texts where Streamlit has English ones,
#: no developer chrome. Injected on every run.
APP_CSS = """
<style>
.block-container {padding-top: 2.6rem; padding-bottom: 1rem; max-width: 100%;}
[data-testid="stElementContainer"]:has([data-testid="stDeckGlJsonChart"]),
[data-testid="stFullScreenFrame"]:has([data-testid="stDeckGlJsonChart"]),
[data-testid="stDeckGlJsonChart"] {height: var(--gebied-kaart-hoogte, calc(100vh - 8.5rem)) !important;}
[data-testid="stDeckGlJsonChart"] > div {height: 100% !important;}
[data-testid="stElementToolbar"] {display: none !important;}
[data-testid="stToolbar"] [data-testid="stAppDeployButton"], [data-testid="stMainMenu"] {display: none !important;}
[data-testid="stStatusWidget"] label {font-size: 0 !important;}
[data-testid="stStatusWidget"] label::after {content: "Bezig…"; font-size: 0.875rem;}
[data-testid="stFileUploaderDropzoneInstructions"] > div > span {font-size: 0 !important;}
[data-testid="stFileUploaderDropzoneInstructions"] > div > span::before {
  content: "Sleep een bestand hierheen"; font-size: 0.9rem;}
[data-testid="stFileUploaderDropzoneInstructions"] > div > small {font-size: 0 !important;}
[data-testid="stFileUploaderDropzoneInstructions"] > div > small::before {
  content: "CSV, XLSX, GeoPackage of GeoJSON, hoogstens 20 MB"; font-size: 0.8rem;}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {font-size: 0 !important;}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {
  content: "Bestand kiezen"; font-size: 0.9rem;}
[data-testid="InputInstructions"] {display: none !important;}
[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > script:only-child) {display: none;}
.gebied-figuur {margin-bottom: 0.55rem;}
.gebied-figuur .label {font-size: 0.8rem; color: #555;}
.gebied-figuur .waarde {font-size: 1.45rem; font-weight: 600; line-height: 1.2;}
.gebied-figuur .toelichting {font-size: 0.75rem; color: #595959;}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {
  color: #595959 !important; opacity: 1 !important;}
:focus-visible {outline: 3px solid #1a6b3c !important; outline-offset: 2px;}
.gebied-melding {padding: 0.6rem 0.8rem; border-radius: 0.4rem; margin: 0.3rem 0; font-size: 1rem;}
.gebied-melding.success {background: #e3f4e8; color: #14532d; border: 1px solid #1a6b3c;}
.gebied-melding.error {background: #fde8e8; color: #7f1d1d; border: 1px solid #b91c1c;}
.gebied-sr {position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;}
[data-testid="stStatusWidget"] button {font-size: 0 !important;}
[data-testid="stStatusWidget"] button::after {content: "Stoppen"; font-size: 0.875rem;}
.gebied-concept {display: inline-block; padding: 0.1rem 0.5rem; border-radius: 0.6rem; font-size: 0.8rem;
  background: #fff3cd; color: #7a5a00; border: 1px solid #e6c65c;}
</style>
"""


#: How the browser draws maps, set before the first one. Without a graphics card (a browser drawing WebGL in
#: software: SwiftShader, llvmpipe — virtual desktops, projector laptops) the map is drawn without
#: anti-aliasing and without keeping its last frame for reading: a third less work a frame, which there is the
#: largest part of every answer; with a graphics card nothing changes. Every map draws once per choice: a draw
#: waits (at most 0.3 s) while a shown layer's data file is still loading or the view the run announced
#: (:mod:`gebied.maps.zicht`) has not arrived, instead of drawing the old picture first. A province's overview is
#: not drawn while a loaded detail picture covers the whole view (:data:`gebied.maps.base.ROLLEN`; a view panned
#: past the detail picture draws it again). It also starts loading
#: Streamlit's map code (its deck.gl chunk, ~3 MB, and its style sheet) and the other element code of
#: :data:`PRELOAD` as soon as a first page run begins, not when the first such element arrives: on a first visit
#: the browser fetches and compiles it while the server still loads the app and its area (the same modules, so
#: Streamlit's own imports later find them ready).
_BROWSER_JS = """
<script>
(() => {
  if (window.gebiedGl) return;
  window.gebiedGl = true;
  // every word of the app is Dutch; the story's scrolling text the keyboard can reach; charts whose numbers are
  // in a table beside them hidden from screen readers; Streamlit's skip link in Dutch. Cheap selectors only, run
  // in the frame of the change that needs it (no style reads, no work after the page has settled).
  const NEDERLANDS = {
    'Page not found': 'Pagina niet gevonden',
    "The page that you have requested does not seem to exist. Running the app's main page.":
      'De pagina die u opvroeg, bestaat niet. U ziet de startpagina.',
  };
  const toegankelijk = () => {
    const root = document;
    if (root.documentElement.lang !== 'nl') root.documentElement.lang = 'nl';
    for (const el of root.querySelectorAll('.st-key-verhaal_tekst:not([tabindex])')) {
      el.tabIndex = 0;
      el.setAttribute('role', 'region');
      el.setAttribute('aria-label', 'Tekst van het hoofdstuk');
    }
    for (const svg of root.querySelectorAll('.vega-embed svg:not([aria-hidden])')) {
      svg.setAttribute('aria-hidden', 'true');
    }
    for (const a of root.querySelectorAll('[data-testid=stSkipToContent]')) {
      if (a.textContent === 'Skip to main content') a.textContent = 'Naar de inhoud';
    }
    for (const d of root.querySelectorAll('[role=dialog]')) {  // an address that is no page
      const walk = document.createTreeWalker(d, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const nl = NEDERLANDS[n.nodeValue.trim()];
        if (nl) n.nodeValue = nl;
      }
    }
  };
  let gepland = false;
  new MutationObserver(() => {
    if (!gepland) { gepland = true; requestAnimationFrame(() => { gepland = false; toegankelijk(); }); }
  }).observe(document.body, {childList: true, subtree: true});
  toegankelijk();
  // A page run gives the map new layers, and often a new view a moment later (Streamlit sets it after drawing
  // the layers), while their data files arrive just after the run: deck.gl would draw the new layers at the old
  // view with the old data, then again for the view and for each file (at a kern: four frames of 100-200 ms in a
  // software renderer). A draw waits while a layer's data loads and while a view the page announced (the
  // `zicht` of its layer ZICHT) has not arrived, at most WACHT ms each, so one choice draws once. A resized map
  // draws at once: its canvas was cleared. window.gebiedKaart counts draws and waits, and holds the map's Deck.
  const WACHT = 300, ZICHT = '__ZICHT__';
  const kaart = window.gebiedKaart = {getekend: 0, gewacht: 0};
  const laadt = (deck, laden, nu) => {  // a shown layer loading for less than WACHT ms; the layers loading since
    const nieuw = new Map();
    let wacht = false;
    for (const layer of deck.layerManager.getLayers()) {
      if (layer.isLoaded || !layer.props.visible) continue;  // a hidden layer loading ahead changes no picture
      const sinds = laden.has(layer.id) ? laden.get(layer.id) : nu;
      nieuw.set(layer.id, sinds);
      if (nu - sinds < WACHT) wacht = true;
    }
    return [wacht, nieuw];
  };
  const houd = (deck) => {
    if (deck.gebiedWacht) return;
    deck.gebiedWacht = true;
    kaart.deck = deck;
    const redraw = deck.redraw, setProps = deck.setProps;
    const zichtVan = (layers) => {  // the view a run announced (null: none, e.g. before the first layers)
      const laag = Array.isArray(layers) ? layers.find(l => l && l.id === ZICHT) : null;
      return laag ? JSON.stringify(laag.props.zicht) : null;
    };
    let laden = new Map(), zicht = zichtVan(deck.props.layers), verwacht = null;
    // the overview is not drawn where a loaded detail picture covers the whole view (see gebied.maps.base.ROLLEN)
    const dekt = (l, [w, s, e, n]) => {
      if (!l.props.dekkend || !l.props.visible || !l.isLoaded || !Array.isArray(l.props.bounds)) return false;
      const xs = l.props.bounds.map(p => p[0]), ys = l.props.bounds.map(p => p[1]);
      return Math.min(...xs) <= w && Math.max(...xs) >= e && Math.min(...ys) <= s && Math.max(...ys) >= n;
    };
    const filter = ({layer, viewport}) => {
      if (!layer.props.overzicht) return true;
      const b = viewport.getBounds();
      return !deck.layerManager.getLayers().some(l => dekt(l, b));
    };
    setProps.call(deck, {layerFilter: filter});
    deck.setProps = function (props) {
      if ('layerFilter' in props && !props.layerFilter) props = Object.assign({}, props, {layerFilter: filter});
      if (Array.isArray(props.layers) && props.layers !== this.props.layers) {
        const nieuw = zichtVan(props.layers);
        if (zicht && nieuw && nieuw !== zicht) verwacht = {view: this.props.viewState, sinds: performance.now()};
        zicht = nieuw || zicht;
      }
      return setProps.call(this, props);
    };
    deck.redraw = function (reden) {
      const waarom = !reden && this.layerManager && this.needsRedraw({clearRedrawFlags: false});
      if (waarom && !String(waarom).startsWith('Canvas resized')) {
        const nu = performance.now();
        if (verwacht && (this.props.viewState !== verwacht.view || nu - verwacht.sinds >= WACHT)) verwacht = null;
        const [wacht, nieuw] = laadt(this, laden, nu);
        laden = nieuw;
        if (wacht || verwacht) { kaart.gewacht++; return; }  // its flags stay set: the next frame asks again
      }
      if (waarom) kaart.getekend++;
      return redraw.call(this, reden);
    };
  };
  const zoek = (canvas, pogingen) => {  // the Deck of @deck.gl/react's component that drew this canvas
    const key = Object.keys(canvas).find(k => k.startsWith('__reactFiber'));
    let f = key ? canvas[key] : null;
    for (let i = 0; f && i < 8; i++, f = f.return) {
      for (let h = f.memoizedState, j = 0; h && typeof h === 'object' && 'next' in h && j < 20; j++, h = h.next) {
        const deck = h.memoizedState && h.memoizedState.current && h.memoizedState.current.deck;
        if (deck && typeof deck.redraw === 'function' && 'layerManager' in deck) return houd(deck);
      }
    }
    if (pogingen > 0) requestAnimationFrame(() => zoek(canvas, pogingen - 1));
  };
  const gezocht = new WeakSet();
  const own = HTMLCanvasElement.prototype.getContext;
  let software = null;
  HTMLCanvasElement.prototype.getContext = function (type, attrs) {
    if (type === 'webgl2' || type === 'webgl') {
      if (!gezocht.has(this)) { gezocht.add(this); requestAnimationFrame(() => zoek(this, 30)); }
      if (software === null) {
        const probe = own.call(document.createElement('canvas'), type);
        const info = probe && probe.getExtension('WEBGL_debug_renderer_info');
        const name = info ? String(probe.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
        software = /swiftshader|llvmpipe|softpipe|software/i.test(name);
        const lose = probe && probe.getExtension('WEBGL_lose_context');
        if (lose) lose.loseContext();
      }
      if (software) attrs = Object.assign({}, attrs || {}, {antialias: false, preserveDrawingBuffer: false});
    }
    return own.call(this, type, attrs);
  };
  const [chunks, style] = __CODE__;
  const index = document.querySelector('script[type=module][src*="/static/js/index."]');
  // what Streamlit's own loader already asked for (a first run that arrives at once draws its elements before
  // this script runs) is not asked for again
  const asked = new Set([...performance.getEntriesByType('resource').map(r => r.name),
                         ...[...document.querySelectorAll('link[href]')].map(l => l.href)]);
  for (const chunk of (index ? chunks : [])) {
    const href = new URL(chunk, index.src).href;
    if (!asked.has(href)) import(href).catch(() => {});
  }
  if (style && index) {  // the same address Streamlit's loader looks for, so it does not load it again
    const href = new URL(style, index.src).href;
    const link = Object.assign(document.createElement('link'), {rel: 'stylesheet', href});
    if (!asked.has(href)) document.head.appendChild(link);
  }
})();
</script>
"""


#: Streamlit's element code the pages use, loaded by the browser from the first run on: the map, then the
#: side panels' lists, check boxes, number and text boxes and sliders, and the tables. Streamlit itself loads
#: an element's code when the first such element arrives and draws a grey skeleton until then; on a first visit
#: the side panel stayed grey for ~3 s after the map was drawn (the map's software frames came first).
PRELOAD = ("DeckGlJsonChart", "Selectbox", "Multiselect", "Checkbox", "NumberInput", "Slider", "TextInput",
           "DataFrame")


def _code() -> list[list[str] | str | None]:
    """The code of :data:`PRELOAD` and the map's style sheet, as addresses relative to Streamlit's main script
    (``static/js/index.*.js``); what is not found (another Streamlit version) is left out, or None."""
    static = Path(st.__file__).parent / "static" / "static"
    chunks = [f"./{js[0].name}" for name in PRELOAD if (js := sorted((static / "js").glob(f"{name}.*.js")))]
    css = sorted((static / "css").glob("DeckGlJsonChart.*.css"))
    return [chunks, f"../css/{css[0].name}" if css else None]


BROWSER_JS = _BROWSER_JS.replace("__CODE__", json.dumps(_code())).replace("__ZICHT__", ZICHT)


def head() -> None:
    """Configure the page and give the browser the app's style and set-up (first on every run)."""
    st.set_page_config(page_title="gebied — voorzieningenplanner", page_icon="🗺️", layout="wide")
    st.markdown(APP_CSS, unsafe_allow_html=True)
    st.html(BROWSER_JS, unsafe_allow_javascript=True)
