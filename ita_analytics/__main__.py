"""``python -m ita_analytics`` runs the ``ita`` command."""

from .app.cli import run

run()
