"""Pelican entry point of the publishing plugin."""

from pelican import signals

from multilingual.model import require_core
from multilingual.settings import read_settings as read_multilingual_settings
from site_data import EditorError, Problem, tr
from site_output import OutputWriter, complete_output

from .assets import precompress
from .search import IndexingFailed, build_index
from .settings import read_settings

PLUGIN_NAME = __package__


def enabled(pelican):
    """True if this build lists the plugin (signals stay connected across builds in one process)."""
    return PLUGIN_NAME in pelican.settings.get("PLUGINS", [])


def finalize(pelican):
    """Index the finished output with Pagefind, then write the .gz copies.

    Run on `finalized`, after every generator (Pelican's StaticGenerator included)
    has written its files, and still inside the build: site_build renders into a
    staging folder and swaps it in only if this succeeds, so a failed indexing
    fails the build and leaves the published output untouched.
    """
    if not enabled(pelican):
        return
    options = read_settings(pelican.settings)
    output = pelican.output_path
    if options["PUBLISHING_SEARCH_INDEX"] or options["PUBLISHING_PRECOMPRESS"]:
        # Both read every page, those the build took over from the live site too.
        complete_output(output, pelican.settings)
    if options["PUBLISHING_SEARCH_INDEX"]:
        try:
            build_index(output, list(read_multilingual_settings(pelican.settings)["MULTILINGUAL_LANGUAGES"]))
        except (IndexingFailed, OSError) as failure:
            raise EditorError(
                [
                    Problem(
                        "(search index)",
                        0,
                        tr("Pagefind failed: {reason}", reason=str(failure)),
                        tr("see the message above; `invoke publish-build` shows it again"),
                    )
                ]
            ) from None
    if options["PUBLISHING_PRECOMPRESS"]:
        precompress(OutputWriter(output, settings=pelican.settings), set(options["PUBLISHING_PRECOMPRESS_EXTENSIONS"]))


SIGNALS = (
    # What every page's <head> gets, and the host's files, come from PublishingFeature (FEATURE in
    # __init__.py), which the multilingual core runs; without the core listed, there is nothing to publish.
    (signals.initialized, require_core),
    # Not all_generators_finalized: that comes before any file is written.
    (signals.finalized, finalize),
)


def register():
    """Connect the plugin to Pelican's signals."""
    for signal, handler in SIGNALS:
        signal.connect(handler)
