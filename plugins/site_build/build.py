"""The one way the site is built: one build per tree, rendered and checked in staging, then switched live."""

import os
import shutil

from pelican.settings import read_settings

from multilingual.settings import read_settings as read_multilingual_settings
from site_data import fatal_problems, format_problems

from .containment import tree_problems
from .dated import announce_dated, dated_findings
from .lock import BuildLocked, build_lock
from .pipeline import run_pipeline
from .publish import clean_leftovers, make_staging, publish

# How long a build waits for another build of the same tree, in seconds.
LOCK_TIMEOUT = 600


class BuildFailed(Exception):
    """The build stopped; the published folder was left as it was."""


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
        raise BuildFailed(format_problems(refused))
    problems = run_pipeline(settings).problems
    # Decided here, by the rule the check applies too: the generators raise only a part of this.
    if fatal_problems(problems, read_multilingual_settings(settings)["SITE_STRICT"]):
        raise BuildFailed(format_problems(problems))
    return settings, dated_findings(problems)
