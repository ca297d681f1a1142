"""``python -m ita_analytics`` runs the ``ita`` command."""

from .cli import run

run()
