"""The check that runs before Pelican: nothing is read or copied until content/ and data/ pass it."""

import os

import content_safety
from site_output.later import keep_after_build


def tree_problems(settings):
    """Return the problems of content/ and data/ (links, secrets, file types, sizes, nesting)."""
    options = content_safety.read_settings(settings)
    limits = content_safety.Limits(options["CONTENT_SAFETY_MAX_SOURCE_BYTES"], options["CONTENT_SAFETY_MAX_NESTING"])
    project_root = os.path.dirname(os.path.abspath(settings["PATH"]))
    data_path = os.path.join(project_root, settings.get("SITE_DATA_PATH", "data"))
    memo = content_safety.clean_checks(settings, "tree")
    problems = content_safety.check_tree(settings["PATH"], data_path, limits, memo)
    keep_after_build(memo.save)
    return problems
