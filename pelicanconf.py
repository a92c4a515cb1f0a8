"""Settings of the development build (``invoke build``, ``invoke serve``).

publishconf.py imports these and overrides only what the published site changes.
"""

import datetime
import os

from jinja2 import StrictUndefined

ROOT = os.path.dirname(os.path.abspath(__file__))

SITENAME = "РАО „Тракия“"  # Pelican requires one; pages take the name from data/site.yaml.
SITEURL = ""
PATH = os.path.join(ROOT, "content")
THEME = os.path.join(ROOT, "themes", "thrace")
TIMEZONE = "Europe/Sofia"
DEFAULT_LANG = "bg"

# Pelican's defaults plus autoescape: whatever an editor wrote is printed as text;
# HTML our Python made (a page's body, JSON-LD) arrives marked safe (multilingual/markup.py).
# The multilingual plugin refuses to render without autoescape.
# StrictUndefined: a template that reads a variable no code gave it stops the build,
# naming the template, its line and the variable, instead of publishing an empty
# attribute or heading (see plugins/multilingual/theme_variables.py).
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
    "autoescape": True,
    "undefined": StrictUndefined,
}

PLUGIN_PATHS = [os.path.join(ROOT, "plugins")]
# multilingual is the core: it reads and validates everything, hands the site model
# to the other plugins' features in the order they declare, and renders every page
# (plugins/multilingual/README.md). The order of this list does not change the site.
PLUGINS = ["multilingual", "training_calendar", "documents", "images", "timeline", "services", "publishing"]

# Language code -> Babel locale (British English); the order of the language switcher.
MULTILINGUAL_LANGUAGES = {"bg": "bg_BG", "en": "en_GB", "el": "el_GR", "tr": "tr_TR"}
MULTILINGUAL_TRANSLATIONS_PATH = "translations"
SITE_DATA_PATH = "data"
# None: today in TIMEZONE. Tests and benchmarks fix a date; SITE_TODAY=YYYY-MM-DD in the
# environment builds or checks the site as it will be on that day (dated findings included).
SITE_TODAY = datetime.date.fromisoformat(os.environ["SITE_TODAY"]) if os.environ.get("SITE_TODAY") else None
SITE_STRICT = False  # publishconf.py and CI make warnings fatal

# Sources: pages and news items are named <key>.<language>.md.
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = ["news"]
# content/images/ is not copied: the images plugin publishes resized copies without metadata.
STATIC_PATHS = ["documents"]
# Pelican reads a language from every file name (FILENAME_METADATA), static files
# too: "report.v2.pdf" would be a file in the language "v2", saved through
# STATIC_LANG_SAVE_AS, which Pelican does not define. A static file keeps its path
# whatever its name says.
STATIC_LANG_URL = STATIC_LANG_SAVE_AS = "{path}"
# Never read or published: dotfiles, editor backups and OS junk (content_safety's check of the
# tree skips the same names, and reports links, secrets and unpublishable types before the build).
IGNORE_FILES = [
    ".*",
    "*~",
    "*.swp",
    "*.swo",
    "*.swx",
    "*.bak",
    "*.BAK",
    "*.orig",
    "*.tmp",
    "Thumbs.db",
    "thumbs.db",
    "desktop.ini",
    "Desktop.ini",
    "~$*",
    "#*#",
]
FILENAME_METADATA = r"(?P<translation_key>[^.]+)\.(?P<lang>[^.]+)"
FORMATTED_FIELDS = []  # summaries are plain text
# Sources are Markdown only; Pelican warns about files of a switched-off format.
READERS = {"rst": None, "html": None, "htm": None}
# Translations are linked by key by the multilingual plugin, not by Pelican.
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None

# Pelican's own page writers are off: the multilingual plugin writes every page
# in every language, so each file is produced once and from one place.
ARTICLE_URL = ARTICLE_SAVE_AS = ARTICLE_LANG_URL = ARTICLE_LANG_SAVE_AS = ""
PAGE_URL = PAGE_SAVE_AS = PAGE_LANG_URL = PAGE_LANG_SAVE_AS = ""
DRAFT_URL = DRAFT_SAVE_AS = DRAFT_LANG_URL = DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_URL = DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_URL = DRAFT_PAGE_LANG_SAVE_AS = ""
CATEGORY_SAVE_AS = TAG_SAVE_AS = AUTHOR_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES = []
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {},
    },
    "output_format": "html5",
}

# Each Markdown file is parsed once per content and settings, by one reused
# parser, on every core when many changed; the cache lives in cache/, outside
# the staging folder each build renders into. See plugins/markdown_cache.
PLUGINS += ["markdown_cache"]
CACHE_PATH = os.path.join(ROOT, "cache")

DELETE_OUTPUT_DIRECTORY = False  # the build writes into a fresh folder and publishes what changed
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
