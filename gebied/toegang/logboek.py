"""The logboek: every write with who, in which role, when, what and on what — read by the beheerder."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from gebied.toegang.model import Logregel
from gebied.toegang.rollen import Gebruiker
from gebied.werkplaats.model import nu


def schrijf(engine: Engine, wie: Gebruiker, actie: str, onderwerp: str = "", **details: Any) -> None:
    """Log one write (its own short transaction)."""
    with Session(engine) as s, s.begin():
        s.add(Logregel(tijd=nu(), wie=wie.naam[:80], rol=wie.rol, actie=actie, onderwerp=str(onderwerp)[:300],
                       details=json.dumps(details, ensure_ascii=False, default=str)))


def lees(engine: Engine, limiet: int = 500, actie: str | None = None) -> pd.DataFrame:
    """The newest log lines first: tijd, wie, rol, actie, onderwerp, details."""
    cols = ["tijd", "wie", "rol", "actie", "onderwerp", "details"]
    with Session(engine) as s:
        q = select(Logregel)
        if actie:
            q = q.where(Logregel.actie == actie)
        rows = s.scalars(q.order_by(Logregel.id.desc()).limit(limiet)).all()
        return pd.DataFrame([{c: getattr(r, c) for c in cols} for r in rows], columns=cols)
