"""Pelican entry point of the documents plugin."""

from pelican import signals

from multilingual.model import require_core


def register():
    """Connect the plugin to Pelican's signals.

    The multilingual core runs DocumentsFeature (FEATURE in __init__.py), which
    adds a page per kind of document and the data of the pages that list
    documents; here only the check that the core is listed.
    """
    signals.initialized.connect(require_core)
