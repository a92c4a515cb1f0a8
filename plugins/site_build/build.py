"""The one way the site is built: check everything, render into staging, then swap in."""

import logging
import os
import shutil
import tempfile

from pelican import Pelican
from pelican.settings import read_settings

from site_data import EditorError, Problem, format_problems


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
    """Build into a new folder beside ``output_path``; replace it only if nothing failed.

    Raise BuildFailed with every problem listed; ``output_path`` is then untouched.
    Return the settings the site was built with.
    """
    output_path = os.path.abspath(output_path)
    parent = os.path.dirname(output_path)
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".build-", dir=parent)
    settings = read_settings(os.path.abspath(settings_file), override=dict(overrides or {}, OUTPUT_PATH=staging))
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
    _swap_in(staging, output_path)
    settings["OUTPUT_PATH"] = output_path
    return settings


def _swap_in(staging, output_path):
    """Replace ``output_path`` by ``staging`` with two renames (no half-written state)."""
    os.chmod(staging, 0o755)
    if os.path.exists(output_path):
        retired = tempfile.mkdtemp(prefix=".retired-", dir=os.path.dirname(output_path))
        os.rename(output_path, os.path.join(retired, "site"))
        os.rename(staging, output_path)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.rename(staging, output_path)
