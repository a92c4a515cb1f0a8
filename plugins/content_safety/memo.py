"""The checks that found nothing, remembered from one build to the next by a digest of what they read.

Checking every source's HTML, nesting and images is pure work on bytes, and
a rebuild after one edit would otherwise repeat it for every page. A check is
remembered only when it found no problem: a source with a problem is checked
again at every build, so its problems are always reported in full. A process
also remembers the checks it found clean, cache or no cache: the preview of
`invoke serve` and a run of the tests build many times in one process. The digest
covers the check's inputs, the code of the checks (this package and the multilingual
plugin's source checks) and the versions of Python and of the libraries they
use, so a changed rule checks everything again.
"""

import functools
import hashlib
import os

from site_data.kept_files import read_kept, write_kept

# The packages whose code decides what a check finds.
CHECK_PACKAGES = ("content_safety", "multilingual")


@functools.cache
def _code_digest():
    """Return a digest of the checks' code (it cannot change while a process runs: Python does not reload it)."""
    from site_output.fingerprints import code_digest, digest, library_versions

    plugins = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    folders = [os.path.join(plugins, package) for package in CHECK_PACKAGES]
    return digest(*library_versions(), code_digest(*folders))


# The key of the file of a build's clean checks: one of another layout is not read.
KEPT_FORMAT = "clean checks 2"
# The keys of the checks found clean in this process, whatever the build's cache.
_CLEAN_IN_PROCESS = set()
# The same keys by the inputs they were worked out from, when those are short (names, digests):
# a build of the preview asks again for some 8,000 checks, most with the very same inputs.
_CLEAN_BY_INPUTS = {}
SHORT_INPUTS = 4096
# Cleared when it holds this many: a test run builds hundreds of sites in one process.
REMEMBERED_INPUTS = 100_000


@functools.cache
def _key_prefix():
    """Return the checks' code digest as the first bytes of every key's hashed text."""
    return _code_digest().encode() + b"\0"


class CleanChecks:
    """The keys of the checks that found nothing; ``path`` None remembers them only in this process."""

    def __init__(self, path):
        self.path = path
        self.known = set()
        self.used = set()
        if path is not None:
            # No memory yet, or a damaged one: everything is checked.
            self.known = set(read_kept(path, KEPT_FORMAT, list) or ())

    def run(self, check, *inputs):
        """Return ``check()``'s problems, or [] without running it when the same inputs were clean before.

        ``inputs`` are everything the check reads, as hashable values (text, bytes, numbers).
        """
        key = _CLEAN_BY_INPUTS.get(inputs)
        if key is not None:
            self.used.add(key)
            return []
        # Some 8,000 calls per build: one hash of one text. The repr of a tuple of texts, bytes and
        # numbers tells any two apart, and is the same in every process.
        text = repr(inputs)
        key = hashlib.sha256(_key_prefix() + text.encode("utf-8", "surrogatepass")).hexdigest()
        if key in self.known or key in _CLEAN_IN_PROCESS:
            problems = []
        else:
            problems = check()
        if not problems:
            self.used.add(key)
            _CLEAN_IN_PROCESS.add(key)
            if len(text) <= SHORT_INPUTS:
                if len(_CLEAN_BY_INPUTS) >= REMEMBERED_INPUTS:
                    _CLEAN_BY_INPUTS.clear()
                _CLEAN_BY_INPUTS[inputs] = key
        return problems

    def save(self):
        """Keep the keys this build used (so the memory never outgrows the site); never fails the build."""
        if self.path is None or self.used == self.known:
            return
        write_kept(self.path, KEPT_FORMAT, sorted(self.used))


def clean_checks(settings, name):
    """Return the memory of the checks called ``name`` of a build; only the process's when caching is off.

    It lives beside the Markdown cache and follows its switch: both keep what a
    build derived from a source's bytes (tests build without either).
    """
    from markdown_cache.settings import keeps_derived

    if not keeps_derived(settings):
        return CleanChecks(None)
    return CleanChecks(os.path.join(settings["CACHE_PATH"], "checks", f"{name}.clean"))
