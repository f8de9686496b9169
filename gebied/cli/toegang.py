"""``gebied gebruiker`` (local accounts) and ``gebied logboek`` (every write, who and when).

Whoever runs these on the server acts as beheerder, logged under the system user's name (``cli:<name>``).
"""

from __future__ import annotations

import getpass
import sys
from typing import Annotated, Optional

import typer

from gebied.cli.common import clean_errors, print_table
from gebied.core.errors import GebiedError
from gebied.toegang.rollen import ACCOUNT_ROLLEN, Gebruiker

app = typer.Typer(help="Accounts voor de app: toevoegen, lijst, rol, verwijderen / local accounts.",
                  no_args_is_help=True)
ROLLEN = ", ".join(f"{r} ({d})" for r, d in ACCOUNT_ROLLEN.items())


def cli_user() -> Gebruiker:
    """The person at the server's terminal: beheerder, named after the system user."""
    try:
        naam = getpass.getuser()
    except (KeyError, OSError):
        naam = "onbekend"
    return Gebruiker(naam=f"cli:{naam}", rol="beheerder", bron="cli")


def read_password() -> str:
    """The password: asked twice on a terminal; otherwise one line from standard input (for scripts)."""
    if sys.stdin.isatty():
        first = getpass.getpass("Wachtwoord: ")
        if getpass.getpass("Nog een keer: ") != first:
            raise GebiedError("De twee wachtwoorden verschillen.", "The two passwords differ.")
        return first
    line = sys.stdin.readline()
    if not line:
        raise GebiedError("Geen wachtwoord op de standaardinvoer.", "No password on standard input.")
    return line.rstrip("\r\n")


@app.command("toevoegen")
@clean_errors
def toevoegen(naam: str, rol: Annotated[str, typer.Option(help=ROLLEN)] = "planner",
              oidc: Annotated[bool, typer.Option("--oidc", help="zonder wachtwoord: de rol van een OIDC-login "
                                                 "(naam = e-mailadres)")] = False) -> None:
    """Voeg een account toe; vraagt het wachtwoord (twee keer) / add an account."""
    from gebied.toegang import acties
    from gebied.werkplaats.store import Store

    acties.gebruiker_toevoegen(cli_user(), Store(), naam, rol, None if oidc else read_password())
    typer.echo(f"Account '{naam}' toegevoegd met rol {rol}.")


@app.command("lijst")
@clean_errors
def lijst() -> None:
    """Alle accounts en hun rol / every account."""
    import pandas as pd

    from gebied.toegang.accounts import Accounts
    from gebied.werkplaats.store import Store

    rows = Accounts(Store()).lijst()
    if not rows:
        typer.echo("Nog geen accounts: de app draait alleen op 127.0.0.1, als één lokale planner.")
        return
    print_table(pd.DataFrame([{"naam": a.naam, "rol": a.rol, "inloggen": "wachtwoord" if a.wachtwoord else "OIDC",
                               "aangemaakt": f"{a.aangemaakt:%Y-%m-%d %H:%M}"} for a in rows]))


@app.command("rol")
@clean_errors
def rol(naam: str, nieuwe_rol: Annotated[str, typer.Argument(help=ROLLEN)]) -> None:
    """Geef een account een andere rol / change a role."""
    from gebied.toegang import acties
    from gebied.werkplaats.store import Store

    acties.gebruiker_rol(cli_user(), Store(), naam, nieuwe_rol)
    typer.echo(f"Account '{naam}' heeft nu rol {nieuwe_rol}.")


@app.command("wachtwoord")
@clean_errors
def wachtwoord(naam: str) -> None:
    """Zet een nieuw wachtwoord / set a new password."""
    from gebied.toegang import acties
    from gebied.werkplaats.store import Store

    acties.gebruiker_wachtwoord(cli_user(), Store(), naam, read_password())
    typer.echo(f"Nieuw wachtwoord gezet voor '{naam}'.")


@app.command("verwijder")
@clean_errors
def verwijder(naam: str) -> None:
    """Verwijder een account / remove an account."""
    from gebied.toegang import acties
    from gebied.werkplaats.store import Store

    acties.gebruiker_verwijderen(cli_user(), Store(), naam)
    typer.echo(f"Account '{naam}' verwijderd.")


@clean_errors
def logboek(aantal: Annotated[int, typer.Option(help="hoeveel regels (nieuwste eerst)")] = 50,
            actie: Annotated[Optional[str], typer.Option(help="alleen deze actie, bv. scenario.opslaan")] = None
            ) -> None:
    """Het logboek: elke wijziging met wie en wanneer / the audit log."""
    from gebied.toegang import logboek as lb
    from gebied.werkplaats.store import Store

    df = lb.lees(Store().engine, aantal, actie)
    if df.empty:
        typer.echo("Het logboek is leeg.")
        return
    df["tijd"] = df["tijd"].map(lambda t: f"{t:%Y-%m-%d %H:%M:%S}")
    print_table(df)
