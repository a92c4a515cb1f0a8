"""Pelican entry point of the services plugin."""

from pelican import signals

from .generator import ServicesGenerator


def get_generators(pelican):
    """Add the services generator; it runs after the multilingual generator (plugin order)."""
    return ServicesGenerator


def register():
    """Connect the plugin to Pelican's signals."""
    signals.get_generators.connect(get_generators)
