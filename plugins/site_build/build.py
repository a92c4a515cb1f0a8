"""The one way the site is built: one build per tree, rendered and checked in staging, then switched live."""

import logging
import os
import shutil

from pelican import Pelican
from pelican.settings import read_settings

from site_data import EditorError, Problem, format_problems

from .containment import tree_problems
from .dated import announce_dated
from .lock import BuildLocked, build_lock
from .publish import clean_leftovers, make_staging, publish

# How long a build waits for another build of the same tree, in seconds.
LOCK_TIMEOUT = 600


class BuildFailed(Exception):
    """The build stopped; the published folder was left as it was."""


# Pelican drops a source without a mandatory field (a news item's Date, a page's
# Title) before any plugin sees it, and only logs this message about it.
PELICAN_MISSING_FIELD = "Skipping %s: could not find information about '%s'"
MISSING_FIELD_FIXES = {
    "date": "add a line 'Date: YYYY-MM-DD' at the top, e.g. Date: 2027-03-15",
    "title": "add a line 'Title: …' at the top",
}


class _ErrorCollector(logging.Handler):
    """Remember every error logged while Pelican runs (Pelican logs and goes on), and the dated findings."""

    def __init__(self, project_root):
        super().__init__(level=logging.WARNING)
        self.project_root = project_root
        self.messages = []
        self.dated = []

    def emit(self, record):
        if record.levelno < logging.ERROR:
            # The generators log each warning they let through as ("%s", problem).
            problem = record.args[0] if isinstance(record.args, tuple) and record.args else None
            if isinstance(problem, Problem) and problem.dated:
                self.dated.append(problem)
            return
        if record.msg == PELICAN_MISSING_FIELD and len(record.args or ()) == 2:
            source, field = record.args
            path = os.path.relpath(str(source), self.project_root).replace(os.sep, "/")
            fix = MISSING_FIELD_FIXES.get(field, f"add a line '{field.title()}: …' at the top")
            self.messages.append(str(Problem(path, 1, f"the '{field.title()}:' line is missing", fix)))
            return
        self.messages.append(record.getMessage())


def build_site(settings_file, output_path, overrides=None, lock_timeout=LOCK_TIMEOUT):
    """Build a new generation of the site and switch ``output_path`` to it only if nothing failed.

    One build of a tree at a time: a second one waits for the first (at most
    ``lock_timeout`` seconds). Raise BuildFailed with every problem listed;
    ``output_path`` then shows the site it showed before. Findings that depend on
    today's date are printed (and added to the CI summary) but never fail.
    Return the settings the site was built with.
    """
    output_path = os.path.abspath(output_path)
    try:
        with build_lock(output_path, lock_timeout):
            clean_leftovers(output_path)
            staging = make_staging(output_path)
            try:
                settings, dated = _render(settings_file, staging, overrides)
                publish(staging, output_path)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except BuildLocked as locked:
        raise BuildFailed(str(locked)) from None
    announce_dated(dated)
    settings["OUTPUT_PATH"] = output_path
    return settings


def _render(settings_file, staging, overrides):
    """Render, check and index the whole site into ``staging``; return the settings and the dated findings."""
    settings = read_settings(os.path.abspath(settings_file), override=dict(overrides or {}, OUTPUT_PATH=staging))
    # Links, unpublishable files and oversized or too deeply nested sources stop
    # the build before Pelican reads, parses or copies anything.
    refused = tree_problems(settings)
    if refused:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(format_problems(refused))
    collector = _ErrorCollector(os.path.dirname(os.path.abspath(settings["PATH"])))
    root = logging.getLogger()
    root.addHandler(collector)
    try:
        Pelican(settings).run()
    except EditorError as error:
        # Sources Pelican skipped (and logged) are problems too: list them with the rest.
        raise BuildFailed("\n".join(collector.messages + [format_problems(error.problems)])) from None
    finally:
        root.removeHandler(collector)
    if collector.messages:
        raise BuildFailed("\n".join(collector.messages))
    return settings, collector.dated
