"""The one way the site is built: one build per tree, rendered and checked in staging, then switched live."""

import contextlib
import os
from dataclasses import dataclass

from pelican.settings import read_settings

from multilingual.settings import read_settings as read_multilingual_settings
from site_data import fatal_problems, format_problems
from site_output.later import after_publishing
from site_output.reads import one_read_per_build

from .containment import tree_problems
from .dated import announce_dated
from .heap import fewer_collections
from .lock import BuildLocked, build_lock
from .pipeline import run_pipeline, stored_reads
from .publish import clean_leftovers, live_generation, make_staging, publish, remove_staging

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


def build_site(
    settings_file,
    output_path,
    overrides=None,
    lock_timeout=LOCK_TIMEOUT,
    lang=None,
    known_reads=None,
    published_here=None,
):
    """Build a new generation of the site and switch ``output_path`` to it only if nothing failed.

    One build of a tree at a time: a second one waits for the first (at most
    ``lock_timeout`` seconds). Raise BuildFailed with every problem listed;
    ``output_path`` then shows the site it showed before. Findings that depend on
    today's date are printed (and added to the CI summary) but never fail.
    Return a BuildReport: the settings the site was built with and its warnings.
    ``known_reads`` (site_output.reads.KnownReads) carries the files' digests from the last build of a warm process;
    without it the build trusts the digests the last one kept in the cache for the files whose status did not change.
    ``published_here`` (publish.PublishedHere) is what the warm process knows of the generations it filled.
    """
    output_path = os.path.abspath(output_path)
    try:
        # The preview writes the memories a build leaves for the next once it has published (site_output.later):
        # its page comes sooner. A new process writes them as it goes, which frees them sooner (at 2,000
        # pages per language they would hold some 10 MiB through the rendering).
        keeping = after_publishing() if published_here is not None else contextlib.nullcontext()
        with build_lock(output_path, lock_timeout, lang=lang), fewer_collections(), keeping:
            clean_leftovers(output_path)
            staging = make_staging(output_path)
            live = live_generation(output_path)
            # What the live generation holds, when this process filled it (the preview's): no look at each file.
            live_files = published_here.files_of(live) if published_here is not None and live else None
            try:
                settings, warnings = _render(settings_file, staging, overrides, live, known_reads, live_files)
                publish(staging, output_path, published_here)
            finally:
                remove_staging(staging)
    except BuildLocked as locked:
        raise BuildFailed(reason=locked.reason) from None
    announce_dated(warnings, lang=lang)
    settings["OUTPUT_PATH"] = output_path
    return BuildReport(settings, warnings)


def _render(settings_file, staging, overrides, previous, known_reads=None, live_files=None):
    """Render, check and index the whole site into ``staging``; return the settings and the warnings.

    Pages whose inputs are those of a page of ``previous`` (the live generation)
    are taken over from it rather than rendered (site_output); ``live_files``, if
    known, are the names of the files ``previous`` holds.
    """
    settings = read_settings(
        os.path.abspath(settings_file),
        override=dict(
            overrides or {}, OUTPUT_PATH=staging, SITE_OUTPUT_PREVIOUS=previous, SITE_OUTPUT_KEEP_FINGERPRINTS=True
        ),
    )
    # Links, unpublishable files and oversized or too deeply nested sources stop
    # the build before Pelican reads, parses or copies anything.
    with one_read_per_build(known_reads or stored_reads(settings)):
        refused = tree_problems(settings)
        if refused:
            raise BuildFailed(refused)
        problems = run_pipeline(settings, live_files=live_files).problems
    # Decided here, by the rule the check applies too: the generators raise only a part of this.
    if fatal_problems(problems, read_multilingual_settings(settings)["SITE_STRICT"]):
        raise BuildFailed(problems)
    return settings, problems
