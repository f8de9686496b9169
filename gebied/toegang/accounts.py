"""Local accounts: argon2-hashed passwords, roles, and failed logins slowed down per account and per address.

For a gemeente without an identity provider. With OIDC the store can still give a person's role: an account
named after the e-mail address (or subject) without a password.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from gebied.core.errors import GebiedError
from gebied.toegang.model import MAX_ACCOUNTNAAM, Account, Inlogpoging
from gebied.toegang.rollen import ACCOUNT_ROLLEN, Gebruiker
from gebied.werkplaats.model import nu
from gebied.werkplaats.store import Store

NAAM = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]*")
MIN_WACHTWOORD = 10
#: Failed logins within this window count; from the third on, each doubles the wait (at most 5 minutes).
VENSTER = dt.timedelta(minutes=15)
VRIJ = 3
MAX_WACHT_S = 300


class InlogFout(GebiedError):
    """A login that is refused: wrong name or password, or too many failed attempts (wait)."""

    def __init__(self, nl: str, en: str, wacht_s: float = 0.0) -> None:
        super().__init__(nl, en)
        self.wacht_s = wacht_s


@dataclass(frozen=True)
class AccountInfo:
    naam: str
    rol: str
    wachtwoord: bool
    aangemaakt: dt.datetime


def wachttijd(mislukt: int) -> float:
    """Seconds to wait after ``mislukt`` failed logins in a row (0 for the first few)."""
    return 0.0 if mislukt < VRIJ else float(min(2 ** (mislukt - VRIJ), MAX_WACHT_S))


def _naam(naam: str) -> str:
    naam = (naam or "").strip()
    if not NAAM.fullmatch(naam) or len(naam) > MAX_ACCOUNTNAAM:
        raise GebiedError(f"Ongeldige accountnaam; gebruik letters, cijfers en . _ @ + - (hoogstens "
                          f"{MAX_ACCOUNTNAAM} tekens).", "Invalid account name.")
    return naam


def _wachtwoord(wachtwoord: str) -> None:
    if len(wachtwoord) < MIN_WACHTWOORD:
        raise GebiedError(f"Het wachtwoord is te kort: minstens {MIN_WACHTWOORD} tekens.",
                          f"The password is too short: at least {MIN_WACHTWOORD} characters.")


def _rol(rol: str) -> str:
    if rol not in ACCOUNT_ROLLEN:
        raise GebiedError(f"Onbekende rol '{rol}'; kies uit {', '.join(ACCOUNT_ROLLEN)}.", f"Unknown role '{rol}'.")
    return rol


class Accounts:
    """The accounts in ``store``'s database. ``klok`` gives the time (tests move it)."""

    def __init__(self, store: Store, klok: Callable[[], dt.datetime] = nu) -> None:
        self.engine = store.engine
        self.klok = klok
        self.hasher = PasswordHasher()
        self._dummy_hash: str | None = None
        self._aantal: tuple[float, int] | None = None

    def aantal(self, hoogstens_oud_s: float = 0.0) -> int:
        """How many accounts there are (none: the app may run as the single local planner). ``hoogstens_oud_s``:
        an answer at most that old may be reused (the app asks on every page run; an account added on the
        server counts within those seconds)."""
        now = time.monotonic()
        if self._aantal is not None and now - self._aantal[0] <= hoogstens_oud_s:
            return self._aantal[1]
        with Session(self.engine) as s:
            n = int(s.scalar(select(func.count()).select_from(Account)) or 0)
        self._aantal = (now, n)
        return n

    def toevoegen(self, naam: str, rol: str, wachtwoord: str | None) -> None:
        """Add an account; ``wachtwoord`` None: an OIDC identity whose role the store gives."""
        naam, rol = _naam(naam), _rol(rol)
        if wachtwoord is not None:
            _wachtwoord(wachtwoord)
        with Session(self.engine) as s, s.begin():
            if s.scalar(select(Account.id).where(Account.naam == naam)) is not None:
                raise GebiedError(f"Account '{naam}' bestaat al.", f"Account '{naam}' already exists.")
            s.add(Account(naam=naam, rol=rol, aangemaakt=self.klok(),
                          wachtwoord_hash=None if wachtwoord is None else self.hasher.hash(wachtwoord)))

    @property
    def _dummy(self) -> str:
        """A hash to check unknown names against: they cost as much time as known ones (made when first needed)."""
        if self._dummy_hash is None:
            self._dummy_hash = self.hasher.hash("geen-account-maar-even-traag")
        return self._dummy_hash

    def lijst(self) -> list[AccountInfo]:
        with Session(self.engine) as s:
            return [AccountInfo(a.naam, a.rol, a.wachtwoord_hash is not None, a.aangemaakt)
                    for a in s.scalars(select(Account).order_by(Account.naam))]

    def _get(self, s: Session, naam: str) -> Account:
        acc = s.scalar(select(Account).where(Account.naam == naam))
        if acc is None:
            raise GebiedError(f"Account '{naam}' bestaat niet.", f"Account '{naam}' does not exist.")
        return acc

    def zet_rol(self, naam: str, rol: str) -> str:
        """Give an account another role; returns the old one."""
        with Session(self.engine) as s, s.begin():
            acc = self._get(s, naam)
            oud, acc.rol = acc.rol, _rol(rol)
            return oud

    def zet_wachtwoord(self, naam: str, wachtwoord: str) -> None:
        _wachtwoord(wachtwoord)
        with Session(self.engine) as s, s.begin():
            self._get(s, naam).wachtwoord_hash = self.hasher.hash(wachtwoord)

    def verwijder(self, naam: str) -> None:
        with Session(self.engine) as s, s.begin():
            s.delete(self._get(s, naam))

    def rol_van(self, naam: str) -> str | None:
        """The role the store gives ``naam`` (None: no such account)."""
        with Session(self.engine) as s:
            return s.scalar(select(Account.rol).where(Account.naam == naam))

    def _mislukt(self, s: Session, kolom: Any, waarde: str) -> tuple[int, dt.datetime | None]:
        """Failed attempts in a row (within the window, since the last success) and the last one's time."""
        since = self.klok() - VENSTER
        rows = s.execute(select(Inlogpoging.gelukt, Inlogpoging.tijd).where(kolom == waarde, Inlogpoging.tijd >= since)
                         .order_by(Inlogpoging.id.desc()).limit(64)).all()
        n = 0
        for gelukt, _ in rows:
            if gelukt:
                break
            n += 1
        last = rows[0][1] if n else None
        return n, (last if last is None or last.tzinfo else last.replace(tzinfo=dt.UTC))

    def wacht(self, naam: str, adres: str) -> float:
        """Seconds before ``naam`` from ``adres`` may try again (0: now)."""
        with Session(self.engine) as s:
            waits = []
            for kolom, waarde in ((Inlogpoging.naam, naam), (Inlogpoging.adres, adres)):
                n, last = self._mislukt(s, kolom, waarde)
                if last is not None:
                    waits.append(wachttijd(n) - (self.klok() - last).total_seconds())
            return max([0.0, *waits])

    def inloggen(self, naam: str, wachtwoord: str, adres: str = "?") -> Gebruiker:
        """Check a name and password; refused (:class:`InlogFout`) when wrong or while failed logins wait."""
        naam, adres = (naam or "").strip()[:MAX_ACCOUNTNAAM], (adres or "?")[:64]
        if (w := self.wacht(naam, adres)) > 0:
            raise InlogFout(f"Te veel mislukte pogingen. Probeer het over {int(w) + 1} seconden opnieuw.",
                            f"Too many failed attempts. Try again in {int(w) + 1} seconds.", w)
        with Session(self.engine) as s:
            acc = s.scalar(select(Account).where(Account.naam == naam))
            stored = acc.wachtwoord_hash if acc is not None else None
            rol = acc.rol if acc is not None else None
        ok = False
        try:
            ok = self.hasher.verify(stored or self._dummy, wachtwoord or "") and stored is not None
        except (VerificationError, InvalidHashError):
            ok = False
        with Session(self.engine) as s, s.begin():
            s.add(Inlogpoging(naam=naam, adres=adres, gelukt=ok, tijd=self.klok()))
            s.execute(delete(Inlogpoging).where(Inlogpoging.tijd < self.klok() - 4 * VENSTER))
        if not ok or rol is None:
            raise InlogFout("Onbekende naam of verkeerd wachtwoord.", "Unknown name or wrong password.")
        return Gebruiker(naam=naam, rol=rol, bron="account")  # type: ignore[arg-type]
