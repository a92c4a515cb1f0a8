"""The one pipeline of the build and the check: Pelican's own ``run()``, and what it reported.

``invoke build`` and ``invoke check`` both call ``Pelican(settings).run()``. A
check stops it at Pelican's public ``all_generators_finalized`` signal, which is
sent once every generator has read and checked the sources and before anything
is written, so a check runs exactly the build's reading and checking phase and
the two cannot disagree about what is wrong.

Every file is written by one writer (site_output.OutputWriter), which this
module hands to Pelican through its ``get_writer`` signal.

The core and the feature plugins report in one way (``SiteModel.report``): a
fatal set of problems is raised as EditorError, and the others are kept as the
model's warnings (they are logged too, but Pelican's log drops a warning it has
shown once in the process, so a second build in one process would miss them).
Anything else Pelican logs as an error is a problem too, since Pelican logs and
goes on.
"""

import logging
import os
from dataclasses import dataclass, field

from jinja2 import FileSystemBytecodeCache
from pelican import Pelican, signals
from pelican.log import console

from markdown_cache.settings import keeps_derived
from multilingual.generator import MultilingualGenerator
from multilingual.model import SiteModel
from site_data import EditorError, Problem, tr
from site_output import OutputWriter
from site_output.reads import StoredReads, one_read_per_build

from .heap import settle_reading


class _ReadingDone(Exception):
    """Raised at all_generators_finalized in a check: the reading and checking phase is over."""


@dataclass
class Outcome:
    """What one run of the pipeline found: the site model (None if the sources could not be read) and every problem."""

    model: SiteModel | None = None
    problems: list = field(default_factory=list)
    # The writer of the build (None in a check): how many outputs it made and took over.
    writer: object = None


class _ErrorLog(logging.Handler):
    """Keep every error Pelican logs (errors are never deduplicated) as a problem."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.problems = []

    def emit(self, record):
        problem = record.args[0] if isinstance(record.args, tuple) and record.args else None
        # Pelican's own words (in English): a problem our checks did not foresee.
        self.problems.append(
            problem
            if isinstance(problem, Problem)
            else Problem("(pelican)", 0, tr("Pelican reports: {report}", report=record.getMessage()))
        )


class KeptBytecodeCache(FileSystemBytecodeCache):
    """Jinja's bytecode cache in a folder, whose code this process also keeps in memory once loaded.

    The preview's builds each loaded the code of some 40 templates from the
    folder (unmarshalled again at every save). Code objects never change, and an
    entry is found by the template's name and the checksum of its source, as in
    the folder.
    """

    def __init__(self, directory):
        super().__init__(directory)
        self.codes = {}

    def load_bytecode(self, bucket):
        code = self.codes.get((bucket.key, bucket.checksum))
        if code is not None:
            bucket.code = code
            return
        super().load_bytecode(bucket)
        if bucket.code is not None:
            self.codes[bucket.key, bucket.checksum] = bucket.code

    def dump_bytecode(self, bucket):
        super().dump_bytecode(bucket)
        self.codes[bucket.key, bucket.checksum] = bucket.code


# {folder: KeptBytecodeCache} of the last builds of this process (a test run builds hundreds of sites).
_bytecode_caches = {}
KEPT_BYTECODE_CACHES = 2


def _bytecode_cache(folder):
    found = _bytecode_caches.pop(folder, None) or KeptBytecodeCache(folder)
    _bytecode_caches[folder] = found  # the most recently used last
    while len(_bytecode_caches) > KEPT_BYTECODE_CACHES:
        del _bytecode_caches[next(iter(_bytecode_caches))]
    return found


def _with_template_cache(settings):
    """Return ``settings`` with Jinja's compiled templates kept in the cache folder, when caching is on.

    Every generator of every build makes its own Jinja environment, which
    compiles each template again; the compiled code, keyed by the template's
    source, is the same from one build to the next. A bytecode cache the
    settings' JINJA_ENVIRONMENT already names is kept.
    """
    if not keeps_derived(settings):
        return settings
    if (settings.get("JINJA_ENVIRONMENT") or {}).get("bytecode_cache") is not None:
        return settings
    folder = os.path.join(settings["CACHE_PATH"], "templates")
    os.makedirs(folder, exist_ok=True)
    environment = dict(settings.get("JINJA_ENVIRONMENT") or {}, bytecode_cache=_bytecode_cache(folder))
    return dict(settings, JINJA_ENVIRONMENT=environment)


def stored_reads(settings):
    """Return the digests the last build kept in the cache (site_output.reads.StoredReads), or None without a cache.

    What a process is not told by a watcher it learns from the files' status.
    """
    if not keeps_derived(settings):
        return None
    return StoredReads(os.path.join(settings["CACHE_PATH"], "reads", "digests.pickle"))


def _print_nothing(*objects, **options):
    """Pelican's console's print while a build runs."""


def run_pipeline(settings, stop_after_reading=False, live_files=None):
    """Run Pelican with ``settings``; return the Outcome, every problem listed once.

    With ``stop_after_reading`` nothing is written: the run ends when every
    generator has read and checked the sources. ``live_files`` (names, if known)
    are the files of the live generation (OutputWriter.live_files).
    """
    outcome = Outcome()
    cores = []

    def generator_made(generator):
        # The core makes the site model; every other plugin contributes to it (multilingual/model.py).
        if isinstance(generator, MultilingualGenerator):
            cores.append(generator)

    def reading_done(generators):
        if stop_after_reading:
            raise _ReadingDone
        settle_reading()

    class BuildWriter(OutputWriter):
        """The writer of this run, kept so that its record is closed when Pelican is done."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.live_files = live_files
            outcome.writer = self

    def writer_class(pelican):
        return BuildWriter

    settings = _with_template_cache(settings)
    log = _ErrorLog()
    root = logging.getLogger()
    root.addHandler(log)
    connected = (
        (signals.generator_init, generator_made),
        (signals.all_generators_finalized, reading_done),
        (signals.get_writer, writer_class),
    )
    for signal, receiver in connected:
        signal.connect(receiver, weak=False)
    raised = []
    # Pelican prints its own summary ("Done: Processed …", in English) on its console;
    # the build ends with ours instead, in the editors' language (see site_build.preview).
    was_quiet, console.quiet = console.quiet, True
    # Quiet, rich still lays out what it is given (markup, highlighting), 10–15 ms a build: it is given nothing.
    was_print, console.print = console.__dict__.get("print"), _print_nothing
    try:
        with one_read_per_build():
            Pelican(settings).run()
    except _ReadingDone:
        pass
    except EditorError as error:
        raised = error.problems
    finally:
        console.quiet = was_quiet
        if was_print is None:
            del console.print  # the Console class's own again
        else:
            console.print = was_print
        for signal, receiver in connected:
            signal.disconnect(receiver)
        root.removeHandler(log)
        if outcome.writer is not None:
            outcome.writer.close()
    outcome.model = cores[0].model if cores else None
    # The error raised lists its warnings again with its errors.
    warnings = outcome.model.warnings if outcome.model else []
    outcome.problems = sorted(set(warnings) | set(raised) | set(log.problems))
    return outcome
