"""Check the whole tree as the build does, without writing anything."""

import os
import tempfile

from pelican.settings import read_settings

from site_output.reads import one_read_per_build

from .containment import tree_problems
from .heap import fewer_collections
from .pipeline import run_pipeline, stored_reads


def read_site(settings_file, overrides=None):
    """Run the build's reading and checking phase; return (SiteModel or None, problems).

    The build's own pipeline, stopped before anything is written (see pipeline.py),
    so the check command and the build cannot disagree about what is wrong.
    """
    # Pelican makes its output folder when it starts; it stays empty.
    with tempfile.TemporaryDirectory(prefix="thrace-check-") as nowhere, fewer_collections():
        settings = read_settings(os.path.abspath(settings_file), override=dict(overrides or {}, OUTPUT_PATH=nowhere))
        # As in a build, the check of the tree and the run of Pelican share each file's one reading.
        with one_read_per_build(stored_reads(settings)):
            refused = tree_problems(settings)
            if refused:
                # Nothing is parsed until these are fixed: a hostile file must not be read at all.
                return None, refused
            outcome = run_pipeline(settings, stop_after_reading=True)
    return outcome.model, outcome.problems


def check_site(settings_file, overrides=None):
    """Return every problem (errors and warnings) the build would find."""
    _model, problems = read_site(settings_file, overrides)
    return problems
