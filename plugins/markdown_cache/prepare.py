"""Before the generators read: find the sources the cache lacks, parse them on every core, prune."""

import multiprocessing
import os

from site_output.listing import listing
from site_output.reads import file_digest

from .listing import ignored_names, listed_files
from .parser import MarkdownParser, decode_source, markdown_settings
from .reader import MarkdownReader, open_cache
from .settings import read_settings, worker_count


def markdown_sources(settings):
    """Return the Markdown files the page and article generators will read, sorted."""
    folder = listing(settings["PATH"])
    key = (
        "markdown sources",
        *(tuple(settings[name]) for name in ("PAGE_PATHS", "PAGE_EXCLUDES", "ARTICLE_PATHS", "ARTICLE_EXCLUDES")),
        tuple(settings["IGNORE_FILES"]),
    )
    return folder.derived(key, lambda: _markdown_sources(folder, settings))


def _markdown_sources(folder, settings):
    # The page and article generators' own rule (listing.listed_files), with the Markdown reader's extensions.
    ignored = ignored_names(tuple(settings["IGNORE_FILES"]))
    found = set()
    for paths, exclude in (
        (settings["PAGE_PATHS"], settings["PAGE_EXCLUDES"]),
        (settings["ARTICLE_PATHS"], settings["ARTICLE_EXCLUDES"]),
    ):
        found |= listed_files(folder, paths, exclude, ignored, MarkdownReader.file_extensions)
    return tuple(sorted(os.path.normpath(os.path.join(folder.top, path)) for path in found))


def _parse_share(paths, md_settings, formatted_fields, cache, connection):
    """In a worker: parse some sources with one parser, sending (key, entry) back one by one."""
    parser = MarkdownParser(md_settings, formatted_fields)
    try:
        for path in paths:
            try:
                with open(path, "rb") as handle:
                    data = handle.read()
                entry = parser.parse(decode_source(data))
            except Exception:  # noqa: BLE001 - the reader parses it again and reports the problem
                continue
            connection.send((cache.key(data), entry))
    finally:
        connection.close()


def _received(connections):
    """Yield what the workers send until each has closed its end."""
    # Imported when workers parse: a rebuild after a few edits parses in this process (14 ms of imports).
    import multiprocessing.connection

    open_connections = list(connections)
    while open_connections:
        for connection in multiprocessing.connection.wait(open_connections):
            try:
                yield connection.recv()
            except EOFError:
                open_connections.remove(connection)


def parse_in_parallel(paths, settings, cache, workers):
    """Parse ``paths`` in ``workers`` forked processes; store what they send in the cache as it arrives."""
    md_settings = markdown_settings(settings)
    context = multiprocessing.get_context("fork")
    processes, connections = [], []
    for share in (paths[i::workers] for i in range(workers)):
        receiving, sending = context.Pipe(duplex=False)
        process = context.Process(
            target=_parse_share, daemon=True, args=(share, md_settings, settings["FORMATTED_FIELDS"], cache, sending)
        )
        process.start()
        sending.close()  # the worker holds the only sending end: its exit ends the stream
        processes.append(process)
        connections.append(receiving)
    cache.put_many(_received(connections))
    for process in processes:
        process.join()


def prepare_cache(pelican):
    """Check the settings; parse on every core what the cache lacks; delete entries long unused.

    A source missing from the cache afterwards (a worker failed, another build
    pruned it) is simply parsed by the reader: the cache only ever saves work.
    """
    settings = pelican.settings
    options = read_settings(settings)
    cache = open_cache(settings, options)
    if cache is None:
        return
    known = cache.known()
    keys, missing = set(), []
    for path in markdown_sources(settings):
        try:
            key = cache.key_of(file_digest(path))
        except OSError:
            continue
        if key not in known and key not in keys:
            missing.append(path)
        keys.add(key)
    cache.prune(keys, known, options["MARKDOWN_CACHE_MAX_AGE_DAYS"])
    workers = min(worker_count(options), len(missing))
    if (
        workers > 1
        and len(missing) >= options["MARKDOWN_CACHE_PARALLEL_MIN"]
        and "fork" in multiprocessing.get_all_start_methods()
    ):
        parse_in_parallel(missing, settings, cache, workers)
    cache.close()
