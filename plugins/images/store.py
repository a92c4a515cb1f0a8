"""Every image the site publishes: checked once, encoded once per content, copied into the output."""

import concurrent.futures
import json
import logging
import multiprocessing
import os
from dataclasses import dataclass, field

from PIL import Image, UnidentifiedImageError

from site_data import Problem, tr

from .pipeline import EXTENSIONS, MEDIA_TYPES, Job, encode, entry_path, file_digest, read_manifest

logger = logging.getLogger(__name__)

# What Pillow (and pypdfium2, a RuntimeError) raise for a file that is not a readable image or PDF.
UNREADABLE = (OSError, SyntaxError, ValueError, RuntimeError, UnidentifiedImageError, Image.DecompressionBombError)


@dataclass
class Use:
    """Where an image is used: the file and line an editor fixes if it is wrong."""

    path: str
    line: int


@dataclass
class Request:
    """An image a page, a data record or a document needs, by its path under content/."""

    path: str
    kind: str = "photo"
    uses: list = field(default_factory=list)
    widths: tuple = ()


@dataclass(frozen=True)
class Copy:
    """One published file of an image."""

    encoding: str
    width: int
    height: int
    cached: str
    published: str

    @property
    def media_type(self):
        """Return the MIME type of the file."""
        return MEDIA_TYPES[self.encoding]


@dataclass(frozen=True)
class DerivedImage:
    """An image as published: its copies in every encoding and width."""

    source: str
    copies: tuple
    encodings: tuple

    @property
    def fallback(self):
        """Return the encoding every browser reads (JPEG or PNG)."""
        return self.encodings[-1]

    def in_encoding(self, encoding):
        """Return the copies of one encoding, narrowest first."""
        return [copy for copy in self.copies if copy.encoding == encoding]

    @property
    def largest(self):
        """Return the widest copy in the fallback encoding (its size is the image's intrinsic size)."""
        return self.in_encoding(self.fallback)[-1]


def published_name(source, key, width, encoding):
    """Return the path a copy is published at: the source's folder and name, its width and a fingerprint."""
    stem = os.path.splitext(source)[0]
    return f"{stem}-{width}.{key[:10]}.{EXTENSIONS[encoding]}"


class ImageStore:
    """The images of one build: each checked and encoded once, whatever asks for it."""

    def __init__(self, content_path, cache_dir, widths, quality, max_megapixels, max_bytes, workers=0):
        self.content_path = content_path
        self.cache_dir = cache_dir
        self.widths = tuple(widths)
        self.quality = tuple(sorted(quality.items()))
        self.max_pixels = max_megapixels * 1_000_000
        self.max_bytes = max_bytes
        self.workers = workers or os.cpu_count() or 1
        self.images = {}
        # How many sources this build encoded (the others came from the cache).
        self.encoded = 0
        # What is known of each source from an earlier build, by its path: [size, mtime_ns,
        # SHA-256, width, height]. A file whose size and time are unchanged is not read again,
        # so a rebuild neither hashes nor opens a photo that did not change.
        self.known_path = os.path.join(cache_dir, "sources.json")
        self.known = self._read_known()

    def _read_known(self):
        try:
            with open(self.known_path, encoding="utf-8") as handle:
                known = json.load(handle)
            return known if isinstance(known, dict) else {}
        except (OSError, ValueError):
            return {}

    def _save_known(self):
        os.makedirs(self.cache_dir, exist_ok=True)
        temporary = f"{self.known_path}.{os.getpid()}.tmp"
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(self.known, handle, sort_keys=True)
        os.replace(temporary, self.known_path)

    def _facts(self, source, kind):
        """Return (SHA-256, (width, height) or None) of a source, from the earlier build if it did not change."""
        stat = os.stat(source)
        known = self.known.get(source)
        if known and known[:2] == [stat.st_size, stat.st_mtime_ns]:
            return known[2], tuple(known[3:5]) if known[3] is not None else None
        size = None
        if kind == "photo":
            with Image.open(source) as image:
                size = image.size
        digest = file_digest(source)
        self.known[source] = [stat.st_size, stat.st_mtime_ns, digest, *(size or (None, None))]
        self.changed_known = True
        return digest, size

    def get(self, path):
        """Return the DerivedImage of a source under content/, or None."""
        return self.images.get(path)

    def prepare(self, requests):
        """Check and encode what is not in the cache yet; return the problems, each at every use."""
        problems, jobs = [], {}
        self.changed_known = False
        for request in requests:
            if request.path in self.images or request.path in jobs:
                continue
            source = os.path.join(self.content_path, request.path)
            if not os.path.isfile(source):
                problems += self._at_uses(
                    request,
                    tr("the file content/{path} does not exist", path=request.path),
                    tr("add the file, or correct the name (letters, case and extension must match)"),
                )
                continue
            try:
                digest, size = self._facts(source, request.kind)
            except UNREADABLE as error:
                problems += self._unreadable(request, error)
                continue
            if size is not None:
                problems += self._check_size(request, source, size)
            job = Job(source, digest, request.kind, request.widths or self.widths, self.quality)
            manifest = read_manifest(entry_path(self.cache_dir, job.key))
            if manifest is None:
                jobs[request.path] = (request, job)
            else:
                self.images[request.path] = self._derived(request.path, job, manifest)
        problems += self._encode(jobs)
        if self.changed_known:
            self._save_known()
        return problems

    def _check_size(self, request, source, dimensions):
        """Return a warning if the photo is much bigger than a web page needs."""
        width, height = dimensions
        size = os.path.getsize(source)
        if width * height > self.max_pixels or size > self.max_bytes:
            return self._at_uses(
                request,
                tr(
                    "the photo content/{path} is {megapixels} megapixels and {megabytes} MB, "
                    "more than a web page needs; it slows every build that encodes it",
                    path=request.path,
                    megapixels=f"{width * height / 1e6:.0f}",
                    megabytes=f"{size / 1e6:.1f}",
                ),
                tr(
                    "save it at most {width} pixels wide (as JPEG, quality 85) and replace the file",
                    width=max(self.widths) * 2,
                ),
                severity="warning",
            )
        return []

    def _unreadable(self, request, error):
        return self._at_uses(
            request,
            tr(
                "the image content/{path} cannot be read: it is damaged, cut short or not an image ({error})",
                path=request.path,
                error=str(error),
            ),
            tr("open it in an image editor and save it again as JPEG or PNG, then replace the file"),
        )

    def _at_uses(self, request, message, fix, severity="error"):
        return [
            Problem(use.path, use.line, message, fix, severity)
            for use in request.uses or [Use(f"content/{request.path}", 1)]
        ]

    def _encode(self, jobs):
        """Encode the jobs, on every core when there are several; return the problems."""
        if not jobs:
            return []
        os.makedirs(self.cache_dir, exist_ok=True)
        problems = []
        ordered = sorted(jobs.items())
        # A pool of one worker would only add the start of a process (a second of imports).
        if len(ordered) == 1 or self.workers == 1:
            results = [self._run_here(job) for _path, (_request, job) in ordered]
        else:
            # spawn, not fork: the build may run threads (the preview server's), which fork would copy half-way.
            context = multiprocessing.get_context("spawn")
            workers = min(self.workers, len(ordered))
            with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                futures = [pool.submit(encode, job, self.cache_dir) for _path, (_request, job) in ordered]
                results = [_outcome(future) for future in futures]
        for (path, (request, job)), (manifest, error) in zip(ordered, results, strict=True):
            if error is not None:
                self.known.pop(job.source, None)  # read it again next time: it may have been replaced
                self.changed_known = True
                problems += self._unreadable(request, error)
                continue
            self.encoded += 1
            self.images[path] = self._derived(path, job, manifest)
        logger.info("images: encoded %d source(s)", len(ordered))
        return problems

    def _run_here(self, job):
        try:
            return encode(job, self.cache_dir), None
        except UNREADABLE as error:
            return None, error

    def _derived(self, path, job, manifest):
        entry = entry_path(self.cache_dir, job.key)
        copies = tuple(
            Copy(
                encoding,
                width,
                height,
                os.path.join(entry, f"{width}.{EXTENSIONS[encoding]}"),
                published_name(path, job.key, width, encoding),
            )
            for width, height in manifest["copies"]
            for encoding in manifest["encodings"]
        )
        return DerivedImage(path, copies, tuple(manifest["encodings"]))

    def publish(self, writer):
        """Copy every copy of every image from the cache into the output folder, through ``writer``."""
        for image in sorted(self.images.values(), key=lambda image: image.source):
            for copy in image.copies:
                writer.copy_file(copy.published, copy.cached)


def _outcome(future):
    try:
        return future.result(), None
    except UNREADABLE as error:
        return None, error
