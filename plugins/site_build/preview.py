"""The preview of ``invoke serve``: build, serve the folder, rebuild and reload the browser on every change.

The pages load the reload client through publishing's live-reload script (a file
under assets/, which the site's Content-Security-Policy allows), because the
policy blocks the inline snippet the livereload server adds to every page.

While the last rebuild failed, every address shows its problems instead of the
page. That page is made in memory and served by the preview server itself, so
the published output/ (and its last good build) is never touched; once a
rebuild succeeds, the server serves output/ again and the browser reloads to
the page.
"""

import gc
import os
import sys
import threading
from pathlib import Path

import watchfiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from livereload.handlers import StaticFileHandler
from livereload.watcher import Watcher

from site_data import editor_language, tr
from site_data.messages import say
from site_data.problems import summary_line
from site_output.fingerprints import NOT_INPUTS
from site_output.reads import KnownReads

from .build import BuildFailed, build_site
from .publish import PublishedHere

# Turned on for the preview only: the pages then load the live-reload script.
PREVIEW_OVERRIDES = {"PUBLISHING_LIVE_RELOAD": True}

TEMPLATES = Path(__file__).with_name("templates")
# Milliseconds a change must be quiet before the rebuild starts.
WATCH_STEP_MS = 30


class Preview:
    """The state of the preview: the error page of the last failed build, or None when it succeeded."""

    def __init__(self, lang=None):
        self.lang = editor_language(lang)
        self.error_page = None
        # Autoescape on: every file name, message and fix comes from an editor's files.
        self.templates = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))

    def show(self, failure):
        """Show the problems of ``failure`` (a BuildFailed) at every address, or the site if it is None."""
        self.error_page = None if failure is None else self.render(failure)

    def render(self, failure):
        """Return the HTML page that lists what made the build fail."""
        lang = self.lang
        problems = [
            {
                "location": f"{problem.path}:{problem.line}",
                "message": problem.message.in_language(lang),
                "fix": problem.fix.in_language(lang) if problem.fix else "",
                "is_warning": problem.severity != "error",
            }
            for problem in failure.problems
        ]
        return self.templates.get_template("preview_error.html").render(
            lang=lang,
            title=tr("The site could not be built").in_language(lang),
            lead=tr(
                "Fix these problems in the files named; the page comes back by itself when they are fixed. "
                "The published site was not changed."
            ).in_language(lang),
            reason=failure.reason.in_language(lang) if failure.reason is not None else "",
            problems=problems,
            fix_label=tr("What to do:").in_language(lang),
            warning_label=tr("warning").in_language(lang),
            summary=summary_line(failure.problems, lang) if failure.reason is None else "",
        )

    def handler(self):
        """Return the preview server's file handler: output/ as it is, or the error page while there is one."""
        preview = self

        class PreviewFileHandler(StaticFileHandler):
            def get(self, path, include_body=True):
                if preview.error_page is None:
                    return super().get(path, include_body)
                self.set_status(500)
                self.set_header("Content-Type", "text/html; charset=utf-8")
                self.set_header("Cache-Control", "no-store")
                self.finish(preview.error_page if include_body else None)
                return None

        return PreviewFileHandler


def build_and_list(
    settings_file, output, lang=None, overrides=None, failed_note=None, known_reads=None, published_here=None
):
    """Build ``output``; print every problem (warnings too) and the summary line in ``lang``.

    Return the BuildFailed if the build failed (``failed_note`` is printed with
    it: what the editor sees now), else None. KeyboardInterrupt is not caught.
    """
    try:
        report = build_site(
            settings_file,
            output,
            overrides=overrides,
            lang=lang,
            known_reads=known_reads,
            published_here=published_here,
        )
    except BuildFailed as failure:
        if failure.reason is not None:
            print(failure.report(lang), file=sys.stderr)
        for problem in failure.problems:
            print(problem.render(lang), file=sys.stderr)
        print(failed_note or say("The build failed; output/ was left as it was.", lang), file=sys.stderr)
        if failure.reason is None:
            print(summary_line(failure.problems, lang), file=sys.stderr)
        return failure
    for problem in report.problems:
        print(problem.render(lang))
    print(say("Built the site into {folder}/", lang, folder=Path(output).name))
    print(summary_line(report.problems, lang))
    return None


class WarmBuilds:
    """The builds of the preview's one process.

    Each rebuild takes as read what the watcher did not report (KnownReads),
    and publishes knowing what the generations it filled hold (PublishedHere).
    ``free_last_build`` is called once the browser has been told to reload: a
    build leaves reference cycles that only a collection of the oldest
    generation frees, and it leaves what was alive before it out of its own
    collections (site_build.heap.fewer_collections), so without it a preview kept the
    memory of every build it made (14 MiB a save at 500 pages per language).
    """

    def __init__(self, settings_file, output, watched, overrides=None, lang=None, failed_note=None):
        self.settings_file = settings_file
        self.output = output
        self.settings = {**PREVIEW_OVERRIDES, **(overrides or {})}
        self.lang = lang
        self.failed_note = failed_note
        self.known_reads = KnownReads(watched)
        self.published_here = PublishedHere()

    def build(self, changed=()):
        """Build again after a change of ``changed`` (paths); return the BuildFailed, or None."""
        self.known_reads.forget(changed)
        return build_and_list(
            self.settings_file,
            self.output,
            self.lang,
            self.settings,
            self.failed_note,
            self.known_reads,
            self.published_here,
        )

    def free_last_build(self):
        """Free what the last build left in reference cycles."""
        gc.collect()


class ChangeWatcher:
    """Call ``on_change`` in the server's loop when a watched file changes.

    The kernel reports the changes (inotify, through watchfiles), in a thread
    of their own: livereload's own watcher walks every watched file every 0.8 s,
    which on a large site costs more than the rebuild. Changes that arrive while
    a build runs make one more build, not one each.

    Every change is reported to the next build, also of a name no build reads
    (site_output's NOT_INPUTS): a file the watcher does not report is one the
    next build takes as the last build read and listed it (KnownReads). Only
    such names start no build of their own.
    """

    def __init__(self, paths, loop, on_change):
        self.paths = paths
        self.loop = loop
        self.on_change = on_change
        self.changed = threading.Event()
        self.stopped = threading.Event()
        # The paths reported since the last build started: the next build reads them again.
        self.changed_paths = set()
        self.lock = threading.Lock()

    def start(self):
        """Start watching in a daemon thread."""
        threading.Thread(target=self._watch, name="preview-watcher", daemon=True).start()

    def stop(self):
        """Stop watching (within watchfiles' timeout)."""
        self.stopped.set()

    def _watch(self):
        # step: how long a change must be quiet before it is reported (an editor writes in several steps).
        changes = watchfiles.watch(
            *self.paths, watch_filter=None, stop_event=self.stopped, step=WATCH_STEP_MS, rust_timeout=1000
        )
        for reported in changes:
            paths = {path for _change, path in reported}
            with self.lock:
                self.changed_paths |= paths
            # A name that is never an input (an editor's swap file, __pycache__) starts no build; the next
            # build is still told of it, as the listing of its folder must be (site_output/listing.py).
            if any(not NOT_INPUTS.match(os.path.basename(path)) for path in paths):
                self.changed.set()
                self.loop.add_callback(self._handle)

    def _handle(self):
        # In the server's loop, as livereload's builds always ran: the build forks its parsing workers.
        if self.changed.is_set():
            self.changed.clear()
            with self.lock:
                changed, self.changed_paths = self.changed_paths, set()
            self.on_change(changed)


class _IdleWatcher(Watcher):
    """livereload's watcher, doing nothing: ChangeWatcher reports the changes."""

    def start(self, callback):
        return True  # livereload then starts no polling of its own

    def examine(self):
        return None, None


def serve_preview(settings_file, output, watched, port=8000, host="localhost", overrides=None, lang=None):
    """Build, then serve ``output`` on host:port until stopped, rebuilding when a path in ``watched`` changes.

    The process stays warm between builds: Python, Pelican and the plugins are
    imported once, and each rebuild renders only the pages whose inputs changed.
    """
    from livereload import Server
    from livereload.handlers import LiveReloadHandler
    from tornado.ioloop import IOLoop

    preview = Preview(lang)
    note = say("The preview shows these problems in place of the pages until they are fixed.", lang)
    builds = WarmBuilds(settings_file, output, watched, overrides, lang, note)

    def rebuild_and_reload(changed):
        preview.show(builds.build(changed))
        LiveReloadHandler.reload_waiters()
        builds.free_last_build()

    preview.show(builds.build())
    builds.free_last_build()
    server = Server(watcher=_IdleWatcher())
    server.SFH = preview.handler()
    watcher = ChangeWatcher(watched, IOLoop.current(), rebuild_and_reload)
    watcher.start()
    try:
        server.serve(root=output, port=port, host=host, open_url_delay=None)
    finally:
        watcher.stop()
