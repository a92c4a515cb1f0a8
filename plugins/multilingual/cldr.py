"""What Babel writes out from its CLDR data, remembered from one build to the next.

Dates, lists, sizes and language names come from Babel, which loads the whole
CLDR data of a language the first time it writes anything in it: some 45 ms for
the site's four languages, every time a new process builds (`invoke build`),
for the same few hundred texts as the build before. ``cldr(function, *args)``
returns what the Babel call returns, remembered by the call: in this process,
and beside the Markdown cache for the next process (``KeptTexts``). A text
depends on nothing but the call and Babel's version (its CLDR data), so the
kept file is used only with the version that wrote it. A build adds what it
used to what it loaded: a rebuild renders a few pages, and the dates of the
others are wanted again by the next. Past KEPT_TEXTS, only what the build used
is kept, so dates removed from the data do not stay for ever.
"""

import babel
from babel import Locale

from site_data.kept_files import read_kept, write_kept
from site_output.later import keep_after_build

# Written into the kept file: a file of another Babel (or another layout) is not used.
KEPT_FORMAT = ("cldr texts", 1, babel.__version__)
# Cleared when it holds this many: a test run builds hundreds of sites in one process.
REMEMBERED_TEXTS = 50_000
# The most texts the kept file holds beyond those the build used (the real site has some 1,000).
KEPT_TEXTS = 20_000

# {call: text} of this process.
_TEXTS = {}
_MISSING = object()
# The calls of the build under way (since its KeptTexts was made): what it keeps.
_used = set()


def cldr(function, *args, **options):
    """Return ``function(*args, **options)`` (a Babel call whose result depends on its arguments only), remembered.

    The call is known by the function's name and the arguments' repr, which
    tells apart what equality does not: 1 from 1.0, the same moment in two time zones.
    """
    call = (f"{function.__module__}.{function.__qualname__}", repr(args), repr(sorted(options.items())))
    text = _TEXTS.get(call, _MISSING)
    if text is _MISSING:
        if len(_TEXTS) >= REMEMBERED_TEXTS:
            _TEXTS.clear()
        text = _TEXTS[call] = function(*args, **options)
    _used.add(call)
    return text


def language_in(code, locale):
    """Return the name of the language ``code`` in ``locale`` ("английски"), or the code if CLDR has none."""
    return cldr(_language_in, code, str(locale))


def _language_in(code, locale):
    return Locale.parse(locale).languages.get(code, code)


class KeptTexts:
    """The texts a build's process starts with, read from ``path``, and the save of what the build used.

    ``path`` None: the process's memory only (a build without a cache).
    """

    def __init__(self, path):
        self.path = path
        self.loaded = set()
        _used.clear()
        if path is None:
            return
        texts = read_kept(path, KEPT_FORMAT, dict)
        if texts is None or not all(isinstance(text, str) for text in texts.values()):
            return  # none yet, another Babel's, or damaged: Babel writes them again
        self.loaded = set(texts)
        for call, text in texts.items():
            _TEXTS.setdefault(call, text)

    def save(self):
        """Keep the texts this build used for the next process (after publishing, in the preview's)."""
        used = set(_used)
        kept = used | self.loaded
        if len(kept) > KEPT_TEXTS:
            kept = used
        if self.path is None or kept == self.loaded:
            return

        texts = {call: _TEXTS[call] for call in sorted(kept) if call in _TEXTS}
        keep_after_build(lambda: write_kept(self.path, KEPT_FORMAT, texts))
