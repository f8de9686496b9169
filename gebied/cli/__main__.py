"""``python -m gebied.cli``: the gebied command line."""

from gebied.cli.main import app

app()
