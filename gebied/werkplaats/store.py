"""The workshop store: werksessies and their contributions in SQLite (WAL) or PostgreSQL, via SQLAlchemy.

Every contribution is one short transaction; on SQLite every transaction starts ``BEGIN IMMEDIATE`` (one
writer at a time, waiting up to 30 s, never "database is locked"), on PostgreSQL the server serialises. The
schema is brought to the newest migration when a store opens (under a lock, so many processes may open
at once).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Engine, create_engine, event, func, select, union_all, update
from sqlalchemy.orm import Session

from gebied.core.errors import GebiedError
from gebied.verhaal.opmerkingen import THEMAS
from gebied.werkplaats.model import (
    MAX_NAAM,
    MAX_TEKST,
    OORDELEN,
    Antwoord,
    Base,
    Opmerking,
    Reactie,
    Werksessie,
    nu,
)

MIGRATIONS = Path(__file__).parent / "migrations"
#: The newest migration in :data:`MIGRATIONS` (a test holds it to Alembic's head): a store already there opens
#: without loading Alembic (~0.2 s of the app's first page).
SCHEMA_HEAD = "0002"
CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


class WerkplaatsError(GebiedError):
    """A contribution or action the store refuses (unknown or closed session, wrong token, too long, too fast)."""


def default_url() -> str:
    """``GEBIED_DB_URL``, else a SQLite file in the user folder (``GEBIED_USER_DIR``, the werkmap or
    ``<repo>/user``)."""
    if os.environ.get("GEBIED_DB_URL"):
        return os.environ["GEBIED_DB_URL"]
    from gebied.core.config import user_root

    folder = user_root()
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'werkplaats.sqlite'}"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _scherm(token_hash: str) -> str:
    return hmac.new(token_hash.encode(), b"scherm", hashlib.sha256).hexdigest()[:24]


@dataclass(frozen=True)
class SessieInfo:
    """What everyone may know of a werksessie."""

    code: str
    naam: str
    gebied: str
    verhaal: str | None
    scenarios: list[str]
    vraag: str | None
    hoofdstuk: int
    gesloten: bool


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        # one writer at a time anyway: a few connections, the rest wait in the pool
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False}, pool_size=8,
                               max_overflow=0, pool_timeout=60)

        @event.listens_for(engine, "connect")
        def _connect(dbapi: Any, _rec: Any) -> None:
            dbapi.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
            cur = dbapi.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA synchronous=NORMAL")  # WAL: a crash of the app or server loses no commit
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine(url, pool_pre_ping=True)


class Store:
    """The workshop store at ``url`` (SQLAlchemy URL; default :func:`default_url`).

    Parameters
    ----------
    per_minuut
        Contributions one participant may make per minute (over notes, reactions and answers).
    """

    def __init__(self, url: str | None = None, per_minuut: int = 30) -> None:
        self.url = url or default_url()
        self.per_minuut = per_minuut
        self.engine = _engine(self.url)
        self.migrate()

    def migrate(self) -> None:
        """Bring the schema to the newest migration (Alembic), under a lock so concurrent openers wait; nothing
        to do (and Alembic not loaded) when it is at :data:`SCHEMA_HEAD` already."""
        if self.revision() == SCHEMA_HEAD:
            return
        from alembic import command
        from alembic.config import Config

        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(4711)")
            cfg = Config()
            cfg.set_main_option("script_location", str(MIGRATIONS))
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def revision(self) -> str | None:
        """The schema's current migration, as Alembic's version table records it (None: a new database)."""
        from sqlalchemy.exc import DBAPIError

        try:
            with self.engine.connect() as conn:
                return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        except DBAPIError:  # no version table yet
            return None

    def close(self) -> None:
        self.engine.dispose()

    # --- facilitator -------------------------------------------------------------------------------------
    def open_sessie(self, naam: str, gebied: str, verhaal: str | None = None,
                    scenarios: list[str] | None = None) -> tuple[str, str]:
        """Open a werksessie; returns ``(code, token)``. The token is shown once, to the facilitator."""
        naam = _text(naam, "naam", 120, required=True)
        token = secrets.token_urlsafe(18)
        with Session(self.engine) as s, s.begin():
            while True:
                code = "".join(secrets.choice(CODE_LETTERS) for _ in range(6))
                if s.scalar(select(Werksessie.id).where(Werksessie.code == code)) is None:
                    break
            s.add(Werksessie(code=code, naam=naam, gebied=gebied, verhaal=verhaal, hoofdstuk=0,
                             scenarios=json.dumps(scenarios or []), token_hash=_hash(token), gesloten=False,
                             aangemaakt=nu()))
        return code, token

    def _facilitator(self, s: Session, code: str, token: str) -> Werksessie:
        ws = self._sessie(s, code)
        if not hmac.compare_digest(ws.token_hash, _hash(token or "")):
            raise WerkplaatsError("Alleen de begeleider van deze werksessie kan dit.",
                                  "Only the facilitator of this session can do this.")
        return ws

    def is_begeleider(self, code: str, token: str) -> bool:
        """Whether ``token`` is the facilitator's token of session ``code``."""
        try:
            with Session(self.engine) as s, s.begin():
                self._facilitator(s, code, token)
        except WerkplaatsError:
            return False
        return True

    def scherm_sleutel(self, code: str, token: str) -> str:
        """The projector's key of session ``code`` (for the facilitator only): it opens Scherm, read-only, and
        cannot be turned back into the facilitator's token."""
        with Session(self.engine) as s, s.begin():
            return _scherm(self._facilitator(s, code, token).token_hash)

    def is_scherm(self, code: str, sleutel: str) -> bool:
        """Whether ``sleutel`` is the projector's key of session ``code``."""
        try:
            with Session(self.engine) as s, s.begin():
                ws = self._sessie(s, code)
                return hmac.compare_digest(_scherm(ws.token_hash), str(sleutel or ""))
        except WerkplaatsError:
            return False

    def sluit(self, code: str, token: str) -> None:
        """Close the session: it accepts nothing more."""
        with Session(self.engine) as s, s.begin():
            self._facilitator(s, code, token).gesloten = True

    def zet_vraag(self, code: str, token: str, vraag: str) -> None:
        """Set the question participants answer now (empty: no question)."""
        with Session(self.engine) as s, s.begin():
            self._facilitator(s, code, token).vraag = _text(vraag, "vraag", MAX_TEKST) or None

    def zet_hoofdstuk(self, code: str, token: str, hoofdstuk: int) -> None:
        """The story chapter the projector shows."""
        with Session(self.engine) as s, s.begin():
            self._facilitator(s, code, token).hoofdstuk = max(int(hoofdstuk), 0)

    def verberg(self, code: str, token: str, opmerking_id: int, verborgen: bool = True) -> None:
        """Hide (or show again) a note."""
        with Session(self.engine) as s, s.begin():
            ws = self._facilitator(s, code, token)
            s.execute(update(Opmerking).where(Opmerking.id == opmerking_id, Opmerking.sessie_id == ws.id)
                      .values(verborgen=verborgen))

    # --- participants ------------------------------------------------------------------------------------
    def _sessie(self, s: Session, code: str) -> Werksessie:
        ws = s.scalar(select(Werksessie).where(Werksessie.code == str(code).strip().upper()))
        if ws is None:
            raise WerkplaatsError(f"Geen werksessie met code '{code}'.", f"No session with code '{code}'.")
        return ws

    def _open_for(self, s: Session, code: str, deelnemer: str) -> Werksessie:
        ws = self._sessie(s, code)
        if ws.gesloten:
            raise WerkplaatsError("Deze werksessie is gesloten; bijdragen kan niet meer.",
                                  "This session is closed.")
        since = nu() - dt.timedelta(minutes=1)
        parts = [select(t.id).where(t.sessie_id == ws.id, t.deelnemer == deelnemer, t.tijd >= since)
                 for t in (Opmerking, Reactie, Antwoord)]
        recent = int(s.scalar(select(func.count()).select_from(union_all(*parts).subquery())) or 0)
        if recent >= self.per_minuut:
            raise WerkplaatsError("U draagt erg snel bij; wacht even en probeer het dan opnieuw.",
                                  "Too many contributions; wait a moment.")
        return ws

    def add_opmerking(self, code: str, deelnemer: str, thema: str, tekst: str, lon: float, lat: float,
                      naam: str = "") -> int:
        """Pin a note on the map; returns its id."""
        if thema not in THEMAS:
            raise WerkplaatsError(f"Onbekend thema '{thema}'; kies uit {', '.join(THEMAS)}.", "Unknown theme.")
        tekst = _text(tekst, "tekst", MAX_TEKST, required=True)
        with Session(self.engine) as s, s.begin():
            ws = self._open_for(s, code, deelnemer)
            row = Opmerking(sessie_id=ws.id, deelnemer=deelnemer, naam=_text(naam, "naam", MAX_NAAM), thema=thema,
                            tekst=tekst, lon=float(lon), lat=float(lat), verborgen=False, tijd=nu())
            s.add(row)
            s.flush()
            return int(row.id)

    def add_reactie(self, code: str, deelnemer: str, scenario: str, oordeel: str, kern: str = "",
                    reden: str = "", naam: str = "") -> int:
        """React to a scenario (overall, or for one kern): voor / kan_leven / tegen; returns its id."""
        if oordeel not in OORDELEN:
            raise WerkplaatsError(f"Onbekend oordeel '{oordeel}'.", "Unknown verdict.")
        with Session(self.engine) as s, s.begin():
            ws = self._open_for(s, code, deelnemer)
            if scenario not in json.loads(ws.scenarios):
                raise WerkplaatsError(f"Scenario '{scenario}' staat niet op de agenda van deze werksessie.",
                                      "Scenario not in this session.")
            row = Reactie(sessie_id=ws.id, deelnemer=deelnemer, naam=_text(naam, "naam", MAX_NAAM),
                          scenario=scenario, kern=kern or "", oordeel=oordeel,
                          reden=_text(reden, "reden", MAX_TEKST), tijd=nu())
            s.add(row)
            s.flush()
            return int(row.id)

    def add_antwoord(self, code: str, deelnemer: str, tekst: str, naam: str = "") -> int:
        """Answer the current question; returns the answer's id."""
        tekst = _text(tekst, "antwoord", MAX_TEKST, required=True)
        with Session(self.engine) as s, s.begin():
            ws = self._open_for(s, code, deelnemer)
            if not ws.vraag:
                raise WerkplaatsError("Er staat nu geen vraag open.", "There is no open question.")
            row = Antwoord(sessie_id=ws.id, deelnemer=deelnemer, naam=_text(naam, "naam", MAX_NAAM), vraag=ws.vraag,
                           tekst=tekst, tijd=nu())
            s.add(row)
            s.flush()
            return int(row.id)

    # --- reading -----------------------------------------------------------------------------------------
    def sessie(self, code: str) -> SessieInfo:
        """The session's public state."""
        with Session(self.engine) as s, s.begin():
            ws = self._sessie(s, code)
            return SessieInfo(ws.code, ws.naam, ws.gebied, ws.verhaal, json.loads(ws.scenarios), ws.vraag,
                              ws.hoofdstuk, ws.gesloten)

    def _frame(self, table: type[Base], code: str, where: Any = None) -> pd.DataFrame:
        with Session(self.engine) as s, s.begin():
            ws = self._sessie(s, code)
            q = select(table).where(table.sessie_id == ws.id)  # type: ignore[attr-defined]
            if where is not None:
                q = q.where(where)
            rows = s.scalars(q.order_by(table.id)).all()  # type: ignore[attr-defined]
            cols = [c.name for c in table.__table__.columns if c.name != "sessie_id"]
            return pd.DataFrame([{c: getattr(r, c) for c in cols} for r in rows], columns=cols)

    def opmerkingen(self, code: str, ook_verborgen: bool = False) -> pd.DataFrame:
        """The notes (hidden ones only for the facilitator)."""
        return self._frame(Opmerking, code, None if ook_verborgen else Opmerking.verborgen.is_(False))

    def reacties(self, code: str) -> pd.DataFrame:
        return self._frame(Reactie, code)

    def antwoorden(self, code: str) -> pd.DataFrame:
        return self._frame(Antwoord, code)

    def tallies(self, code: str) -> pd.DataFrame:
        """Per scenario and kern ('' = overall): how many chose each verdict (a participant's latest counts)."""
        r = self.reacties(code)
        cols = ["scenario", "kern", *OORDELEN]
        if r.empty:
            return pd.DataFrame(columns=cols)
        latest = r.sort_values("id").groupby(["deelnemer", "scenario", "kern"]).tail(1)
        t = latest.pivot_table(index=["scenario", "kern"], columns="oordeel", values="id", aggfunc="count",
                               fill_value=0)
        return t.reindex(columns=list(OORDELEN), fill_value=0).reset_index()[cols]


def _text(value: str | None, what: str, limit: int, required: bool = False) -> str:
    text = (value or "").strip()
    if required and not text:
        raise WerkplaatsError(f"Vul een {what} in.", f"Fill in a {what}.")
    if len(text) > limit:
        raise WerkplaatsError(f"De {what} is te lang ({len(text)} tekens; hoogstens {limit}).",
                              f"The {what} is too long ({len(text)} characters; at most {limit}).")
    return text
