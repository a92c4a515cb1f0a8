"""Pelican entry point of the services plugin."""

from pelican import signals

from multilingual.model import require_core


def register():
    """Connect the plugin to Pelican's signals.

    The multilingual core runs this plugin's Feature (FEATURE in __init__.py),
    which gives the services pages and the request form their data. Here only
    the check that the core is listed.
    """
    signals.initialized.connect(require_core)
