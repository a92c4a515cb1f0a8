"""Pelican entry point of the timeline plugin."""

from pelican import signals

from multilingual.model import require_core


def register():
    """Connect the plugin to Pelican's signals.

    The multilingual core runs TimelineFeature (FEATURE in __init__.py), which
    gives the timeline to the pages that show it; here only the check that the
    core is listed.
    """
    signals.initialized.connect(require_core)
