"""The one way the site is built: one build per tree, rendered and checked in staging, then switched live."""

import logging
import os
import shutil
from dataclasses import dataclass

from pelican import Pelican
from pelican.settings import read_settings

from site_data import EditorError, Problem, format_problems, tr

from .dated import announce_dated
from .lock import BuildLocked, build_lock
from .publish import clean_leftovers, make_staging, publish

# How long a build waits for another build of the same tree, in seconds.
LOCK_TIMEOUT = 600


class BuildFailed(Exception):
    """The build stopped; the published folder was left as it was.

    ``problems`` are what was wrong (warnings included), ``reason`` a message
    when the build stopped for another cause (another build held the tree).
    """

    def __init__(self, problems=(), reason=None):
        self.problems = sorted(set(problems))
        self.reason = reason
        super().__init__(self.report())

    def report(self, lang=None):
        """Return what stopped the build, in ``lang``: every problem and the summary line, or the reason."""
        if self.reason is not None:
            return self.reason.in_language(lang)
        return format_problems(self.problems, lang)

    def __str__(self):
        return self.report()


@dataclass
class BuildReport:
    """A build that succeeded: its settings, and the warnings it found (to be listed, never fatal here)."""

    settings: dict
    problems: list


# Pelican drops a source without a mandatory field (a news item's Date, a page's
# Title) before any plugin sees it, and only logs this message about it.
PELICAN_MISSING_FIELD = "Skipping %s: could not find information about '%s'"
MISSING_FIELD_FIXES = {
    "date": tr("add a line 'Date: YYYY-MM-DD' at the top, e.g. Date: 2027-03-15"),
    "title": tr("add a line 'Title: …' at the top"),
}


class _ErrorCollector(logging.Handler):
    """Remember every error logged while Pelican runs (Pelican logs and goes on), and every warning."""

    def __init__(self, project_root):
        super().__init__(level=logging.WARNING)
        self.project_root = project_root
        self.errors = []
        self.warnings = []

    def emit(self, record):
        if record.levelno < logging.ERROR:
            # The generators log each warning they let through as ("%s", problem).
            problem = record.args[0] if isinstance(record.args, tuple) and record.args else None
            if isinstance(problem, Problem):
                self.warnings.append(problem)
            return
        if record.msg == PELICAN_MISSING_FIELD and len(record.args or ()) == 2:
            source, field = record.args
            path = os.path.relpath(str(source), self.project_root).replace(os.sep, "/")
            fix = MISSING_FIELD_FIXES.get(field) or tr("add a line '{field}: …' at the top", field=field.title())
            self.errors.append(Problem(path, 1, tr("the '{field}:' line is missing", field=field.title()), fix))
            return
        # Pelican's own words (in English): a problem our checks did not foresee.
        self.errors.append(Problem("(pelican)", 0, tr("Pelican reports: {report}", report=record.getMessage())))


def build_site(settings_file, output_path, overrides=None, lock_timeout=LOCK_TIMEOUT, lang=None):
    """Build a new generation of the site and switch ``output_path`` to it only if nothing failed.

    One build of a tree at a time: a second one waits for the first (at most
    ``lock_timeout`` seconds). Raise BuildFailed with every problem listed;
    ``output_path`` then shows the site it showed before. Findings that depend on
    today's date are printed (and added to the CI summary) but never fail.
    Return a BuildReport: the settings the site was built with and its warnings.
    """
    output_path = os.path.abspath(output_path)
    try:
        with build_lock(output_path, lock_timeout, lang=lang):
            clean_leftovers(output_path)
            staging = make_staging(output_path)
            try:
                settings, warnings = _render(settings_file, staging, overrides)
                publish(staging, output_path)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except BuildLocked as locked:
        raise BuildFailed(reason=locked.reason) from None
    announce_dated(warnings, lang=lang)
    settings["OUTPUT_PATH"] = output_path
    return BuildReport(settings, warnings)


def _render(settings_file, staging, overrides):
    """Render, check and index the whole site into ``staging``; return the settings and the warnings."""
    settings = read_settings(os.path.abspath(settings_file), override=dict(overrides or {}, OUTPUT_PATH=staging))
    collector = _ErrorCollector(os.path.dirname(os.path.abspath(settings["PATH"])))
    root = logging.getLogger()
    root.addHandler(collector)
    try:
        Pelican(settings).run()
    except EditorError as error:
        # Sources Pelican skipped (and logged) are problems too: list them with the rest.
        raise BuildFailed(collector.errors + collector.warnings + error.problems) from None
    finally:
        root.removeHandler(collector)
    if collector.errors:
        raise BuildFailed(collector.errors + collector.warnings)
    return settings, sorted(set(collector.warnings))
