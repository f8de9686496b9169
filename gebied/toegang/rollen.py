"""Roles, what each may open and do, and the person acting (:class:`Gebruiker`).

One table says it all: :data:`PAGINAS` (which role opens which page) and :data:`ACTIES` (which role may do
which action). :func:`vereis` is called on the server before every write; a page not allowed is refused
before it runs.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Literal

from gebied.core.errors import GebiedError

Rol = Literal["beheerder", "planner", "lezer", "deelnemer", "scherm"]

#: Roles an account can have, most rights first, with the Dutch description the app and CLI show.
ACCOUNT_ROLLEN: dict[str, str] = {
    "beheerder": "accounts en logboek, en alles wat een planner doet",
    "planner": "alles: scenario's maken en opslaan, gegevens uploaden, werksessies leiden",
    "lezer": "alle pagina's en exports bekijken, niets wijzigen (raadsleden, collega's)",
}
MEDEWERKERS: frozenset[str] = frozenset(ACCOUNT_ROLLEN)
PLANNERS: frozenset[str] = frozenset({"beheerder", "planner"})

#: Page (its address, ``url_path``) -> the roles that may open it. Meedoen is open to everyone (a deelnemer
#: needs only the session code); Scherm to a projector link of its session and to every medewerker.
PAGINAS: dict[str, frozenset[str]] = {
    "kaart": MEDEWERKERS, "bereik": MEDEWERKERS, "scenarios": MEDEWERKERS, "afweging": MEDEWERKERS,
    "vergelijken": MEDEWERKERS,
    "kernprofiel": MEDEWERKERS, "verhaal": MEDEWERKERS, "gegevens": MEDEWERKERS,
    "werkplaats": PLANNERS, "beheer": frozenset({"beheerder"}),
    "meedoen": frozenset({*MEDEWERKERS, "deelnemer", "anoniem"}),
    "scherm": frozenset({*MEDEWERKERS, "scherm"}),
    "toegankelijkheid": frozenset({*MEDEWERKERS, "deelnemer", "scherm", "anoniem"}),
}

#: Action -> the roles that may do it (every write is one of these and is logged).
ACTIES: dict[str, frozenset[str]] = {
    "scenario.opslaan": PLANNERS, "scenario.hernoemen": PLANNERS, "scenario.verwijderen": PLANNERS,
    "scenario.herstellen": PLANNERS,
    "upload.overrides": PLANNERS, "upload.prognose": PLANNERS,
    "werksessie.openen": PLANNERS, "werksessie.sluiten": PLANNERS, "werksessie.sturen": PLANNERS,
    "opmerking.verbergen": PLANNERS,
    "bijdrage": frozenset({*MEDEWERKERS, "deelnemer"}),
    "export": MEDEWERKERS,
    "gebruiker.beheren": frozenset({"beheerder"}), "logboek.lezen": frozenset({"beheerder"}),
}

#: Actions in Dutch, for refusals and the logboek page.
ACTIE_NAMEN: dict[str, str] = {
    "scenario.opslaan": "een scenario opslaan", "scenario.hernoemen": "een scenario hernoemen",
    "scenario.verwijderen": "een scenario verwijderen", "scenario.herstellen": "een scenario herstellen",
    "upload.overrides": "eigen gegevens uploaden", "upload.prognose": "een prognose uploaden",
    "werksessie.openen": "een werksessie openen", "werksessie.sluiten": "een werksessie sluiten",
    "werksessie.sturen": "een werksessie sturen", "opmerking.verbergen": "een opmerking verbergen",
    "bijdrage": "bijdragen aan een werksessie", "export": "exporteren",
    "gebruiker.beheren": "accounts beheren", "logboek.lezen": "het logboek lezen",
}


@dataclass(frozen=True)
class Gebruiker:
    """The person acting: a name, a role and where the identity comes from.

    Parameters
    ----------
    naam
        Account name, OIDC e-mail or subject, or a generated participant id.
    rol
        One of :data:`Rol`.
    bron
        ``account`` (local login), ``oidc``, ``lokaal`` (the single local planner), ``link`` (a Meedoen or
        projector link), ``cli`` (a command on the server).
    sessie
        For ``deelnemer`` and ``scherm``: the one werksessie code the link gives access to.
    """

    naam: str
    rol: Rol
    bron: str = "account"
    sessie: str | None = None

    def label(self) -> str:
        """How the app names this person (Dutch)."""
        return {"lokaal": "lokale planner (geen accounts)", "link": f"{self.rol} (link)"}.get(
            self.bron, f"{self.naam} ({self.rol})")


class GeenToegang(GebiedError):
    """A page or action this person's role may not open or do."""


def mag(wie: Gebruiker | None, actie: str) -> bool:
    """Whether ``wie`` may do ``actie`` (an unknown action: nobody may)."""
    return wie is not None and wie.rol in ACTIES.get(actie, frozenset())


def vereis(wie: Gebruiker | None, actie: str, sessie: str | None = None) -> Gebruiker:
    """Refuse (:class:`GeenToegang`) unless ``wie`` may do ``actie``; a link role only for its own session."""
    if not mag(wie, actie):
        rol = "niet ingelogd" if wie is None else f"rol {wie.rol}"
        raise GeenToegang(f"Geen toegang: {ACTIE_NAMEN.get(actie, actie)} mag niet ({rol}).",
                          f"Not allowed: {actie} ({'not logged in' if wie is None else wie.rol}).")
    assert wie is not None
    if wie.sessie is not None and sessie is not None and wie.sessie != sessie.strip().upper():
        raise GeenToegang("Geen toegang: deze link hoort bij een andere werksessie.",
                          "Not allowed: this link belongs to another session.")
    return wie


def mag_pagina(wie: Gebruiker | None, pagina: str) -> bool:
    """Whether ``wie`` (None: an anonymous visitor) may open the page with address ``pagina``."""
    return (wie.rol if wie else "anoniem") in PAGINAS.get(pagina, frozenset())


def is_loopback(address: str | None) -> bool:
    """Whether a server bound to ``address`` is reachable from this machine only."""
    if address in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(address or "").is_loopback
    except ValueError:
        return False  # empty (every interface) or a name
