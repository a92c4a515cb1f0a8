"""The one way the site is built: check everything, render into staging, then publish what changed."""

import logging
import os
import shutil

from pelican import Pelican
from pelican.settings import read_settings

from site_data import EditorError, Problem, format_problems

from .containment import tree_problems
from .publish import make_staging, publish


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
    """Remember every error logged while Pelican runs (Pelican logs and goes on)."""

    def __init__(self, project_root):
        super().__init__(level=logging.ERROR)
        self.project_root = project_root
        self.messages = []

    def emit(self, record):
        if record.msg == PELICAN_MISSING_FIELD and len(record.args or ()) == 2:
            source, field = record.args
            path = os.path.relpath(str(source), self.project_root).replace(os.sep, "/")
            fix = MISSING_FIELD_FIXES.get(field, f"add a line '{field.title()}: …' at the top")
            self.messages.append(str(Problem(path, 1, f"the '{field.title()}:' line is missing", fix)))
            return
        self.messages.append(record.getMessage())


def build_site(settings_file, output_path, overrides=None):
    """Build into a staging folder; publish what changed into ``output_path`` only if nothing failed.

    Raise BuildFailed with every problem listed; ``output_path`` is then untouched.
    Return the settings the site was built with.
    """
    output_path = os.path.abspath(output_path)
    staging, published = make_staging(output_path)
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
        shutil.rmtree(staging, ignore_errors=True)
        # Sources Pelican skipped (and logged) are problems too: list them with the rest.
        raise BuildFailed("\n".join(collector.messages + [format_problems(error.problems)])) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        root.removeHandler(collector)
    if collector.messages:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed("\n".join(collector.messages))
    publish(staging, output_path, published)
    settings["OUTPUT_PATH"] = output_path
    return settings
