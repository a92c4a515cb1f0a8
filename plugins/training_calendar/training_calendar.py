"""Pelican entry point of the training calendar plugin."""

from pelican import signals

from multilingual.model import require_core


def register():
    """Connect the plugin to Pelican's signals.

    The multilingual core runs this plugin's Feature (FEATURE in __init__.py):
    after the data is read and checked, it adds the calendar's pages, which the
    core then renders, and writes the .ics files. Here only the check that the
    core is listed.
    """
    signals.initialized.connect(require_core)
