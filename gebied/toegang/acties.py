"""Every write of the app and the CLI, guarded: check the role on the server, do it, log who and when.

Pages and commands call these functions, never the stores' writes directly, so a widget message that a role
may not send, or a page it may not open, changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from gebied.core.errors import GebiedError
from gebied.scenario import store as scenarios
from gebied.scenario.model import Scenario
from gebied.toegang import logboek
from gebied.toegang.accounts import Accounts
from gebied.toegang.rollen import Gebruiker, vereis
from gebied.werkplaats.store import Store

#: The largest upload accepted (MB), also Streamlit's ``server.maxUploadSize``.
MAX_UPLOAD_MB = 20


def scenario_opslaan(wie: Gebruiker | None, store: Store, folder: Path, scenario: Scenario) -> Path:
    """Save a scenario under its name (the previous version is kept)."""
    wie = vereis(wie, "scenario.opslaan")
    path = scenarios.save(scenario, folder)
    logboek.schrijf(store.engine, wie, "scenario.opslaan", scenario.naam, gebied=scenario.gebied)
    return path


def scenario_hernoemen(wie: Gebruiker | None, store: Store, folder: Path, oud: str, nieuw: str) -> Path:
    wie = vereis(wie, "scenario.hernoemen")
    path = scenarios.rename(folder, oud, nieuw)
    logboek.schrijf(store.engine, wie, "scenario.hernoemen", oud, nieuw=nieuw.strip(), map=Path(folder).name)
    return path


def scenario_verwijderen(wie: Gebruiker | None, store: Store, folder: Path, naam: str) -> None:
    wie = vereis(wie, "scenario.verwijderen")
    scenarios.delete(folder, naam)
    logboek.schrijf(store.engine, wie, "scenario.verwijderen", naam, map=Path(folder).name)


def scenario_versie_herstellen(wie: Gebruiker | None, store: Store, folder: Path, naam: str, versie: str) -> Path:
    wie = vereis(wie, "scenario.herstellen")
    path = scenarios.restore_version(folder, naam, versie)
    logboek.schrijf(store.engine, wie, "scenario.herstellen", naam, versie=versie)
    return path


def scenario_terugzetten(wie: Gebruiker | None, store: Store, folder: Path, ident: str) -> Path:
    """Put a deleted scenario back."""
    wie = vereis(wie, "scenario.herstellen")
    path = scenarios.restore_deleted(folder, ident)
    logboek.schrijf(store.engine, wie, "scenario.herstellen", path.stem, verwijderd=ident)
    return path


def upload(wie: Gebruiker | None, store: Store, soort: str, naam: str, grootte: int) -> None:
    """Accept an upload (``soort``: overrides or prognose) of ``grootte`` bytes, and log it."""
    wie = vereis(wie, f"upload.{soort}")
    if grootte > MAX_UPLOAD_MB * 1024 * 1024:
        mb = grootte / 1024 / 1024
        raise GebiedError(f"Het bestand is {mb:.1f} MB; hoogstens {MAX_UPLOAD_MB} MB.",
                          f"The file is {mb:.1f} MB; at most {MAX_UPLOAD_MB} MB.")
    logboek.schrijf(store.engine, wie, f"upload.{soort}", Path(naam).name, bytes=grootte)


def werksessie_openen(wie: Gebruiker | None, store: Store, naam: str, gebied: str, verhaal: str | None,
                      scenario_namen: list[str]) -> tuple[str, str]:
    """Open a werksessie; returns ``(code, facilitator token)``."""
    wie = vereis(wie, "werksessie.openen")
    code, token = store.open_sessie(naam, gebied, verhaal, scenario_namen)
    logboek.schrijf(store.engine, wie, "werksessie.openen", code, naam=naam, gebied=gebied)
    return code, token


def werksessie_sluiten(wie: Gebruiker | None, store: Store, code: str, token: str) -> None:
    wie = vereis(wie, "werksessie.sluiten")
    store.sluit(code, token)
    logboek.schrijf(store.engine, wie, "werksessie.sluiten", code)


def werksessie_vraag(wie: Gebruiker | None, store: Store, code: str, token: str, vraag: str) -> None:
    wie = vereis(wie, "werksessie.sturen")
    store.zet_vraag(code, token, vraag)
    logboek.schrijf(store.engine, wie, "werksessie.sturen", code, vraag=vraag)


def werksessie_hoofdstuk(wie: Gebruiker | None, store: Store, code: str, token: str, hoofdstuk: int) -> None:
    wie = vereis(wie, "werksessie.sturen")
    store.zet_hoofdstuk(code, token, hoofdstuk)
    logboek.schrijf(store.engine, wie, "werksessie.sturen", code, hoofdstuk=int(hoofdstuk))


def opmerking_verbergen(wie: Gebruiker | None, store: Store, code: str, token: str, opmerking: int,
                        verborgen: bool = True) -> None:
    wie = vereis(wie, "opmerking.verbergen")
    store.verberg(code, token, opmerking, verborgen)
    logboek.schrijf(store.engine, wie, "opmerking.verbergen", code, opmerking=int(opmerking), verborgen=verborgen)


def bijdragen(wie: Gebruiker | None, store: Store, code: str) -> str:
    """Check that ``wie`` may contribute to session ``code`` (a deelnemer link only to its own session); returns
    the participant id the contribution is stored under. Contributions carry who and when themselves."""
    wie = vereis(wie, "bijdrage", sessie=code)
    return wie.naam[:40]


def exporteren(wie: Gebruiker | None) -> Gebruiker:
    """Check that ``wie`` may make exports (every medewerker; not a link)."""
    return vereis(wie, "export")


def gebruiker_toevoegen(wie: Gebruiker | None, store: Store, naam: str, rol: str, wachtwoord: str | None) -> None:
    wie = vereis(wie, "gebruiker.beheren")
    Accounts(store).toevoegen(naam, rol, wachtwoord)
    logboek.schrijf(store.engine, wie, "gebruiker.toevoegen", naam, rol=rol, oidc=wachtwoord is None)


def gebruiker_rol(wie: Gebruiker | None, store: Store, naam: str, rol: str) -> None:
    wie = vereis(wie, "gebruiker.beheren")
    oud = Accounts(store).zet_rol(naam, rol)
    logboek.schrijf(store.engine, wie, "gebruiker.rol", naam, van=oud, naar=rol)


def gebruiker_wachtwoord(wie: Gebruiker | None, store: Store, naam: str, wachtwoord: str) -> None:
    wie = vereis(wie, "gebruiker.beheren")
    Accounts(store).zet_wachtwoord(naam, wachtwoord)
    logboek.schrijf(store.engine, wie, "gebruiker.wachtwoord", naam)


def gebruiker_verwijderen(wie: Gebruiker | None, store: Store, naam: str) -> None:
    wie = vereis(wie, "gebruiker.beheren")
    Accounts(store).verwijder(naam)
    logboek.schrijf(store.engine, wie, "gebruiker.verwijderen", naam)
