"""Face: the ``gebied`` command line (typer), one module per command group.

Commands print Dutch/English messages and exit with code 2 on bad input, never a traceback.
May use every other subpackage; nothing imports it.
"""

from gebied.cli.main import app

__all__ = ["app"]
