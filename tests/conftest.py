"""Shared fixtures: real builds of the real site, and of small sites made in a tmp dir."""

import copy
import datetime
import functools
import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from jinja2 import FileSystemBytecodeCache
from pelican.settings import read_settings

from multilingual.translation_status import fingerprint, with_fingerprint
from site_build import build_site
from site_build.lock import build_lock
from site_data.messages import LANGUAGE_VARIABLE

REPO = Path(__file__).resolve().parents[1]
LANGUAGES = ["bg", "en", "el", "tr"]
# "Today" for every test build, so that upcoming/past splits do not depend on the clock.
FIXED_TODAY = datetime.date(2026, 11, 27)
# The public address of every test publication build: publishconf.py has none of its own
# (publish-build refuses to run without the real one), so a test names it.
TEST_SITEURL = "https://www.rao-trakia.example"


def source_settings(source_root):
    """Return the settings that build the site whose content/ and data/ are in ``source_root``, on FIXED_TODAY."""
    source_root = Path(source_root)
    return {
        "PATH": str(source_root / "content"),
        "SITE_DATA_PATH": str(source_root / "data"),
        "MULTILINGUAL_TRANSLATIONS_PATH": str(REPO / "translations"),
        "SITE_TODAY": FIXED_TODAY,
    }


def build(source_root, output, settings_file="pelicanconf.py", **overrides):
    """Build the site whose content/ and data/ are in ``source_root`` into ``output``."""
    settings = source_settings(source_root)
    if settings_file == "publishconf.py":
        settings["SITEURL"] = TEST_SITEURL
    # No content cache unless a test names one: a test build must not read
    # what an earlier build (or the developer's own) left in the repository's cache/.
    settings["MARKDOWN_CACHE_ENABLED"] = "CACHE_PATH" in overrides
    # Images are encoded in this process: a pool of workers started for a few photos costs
    # each worker a second of imports. tests/plugins/test_images.py's photo build uses the pool.
    settings["IMAGES_WORKERS"] = 1
    if TEMPLATE_CACHE and "JINJA_ENVIRONMENT" not in overrides:
        # A copy: a build may add to the environment's lists (its extensions).
        settings["JINJA_ENVIRONMENT"] = copy.deepcopy(_jinja_environment(settings_file, TEMPLATE_CACHE[0]))
    settings.update(overrides)
    build_site(REPO / settings_file, output, overrides=settings)
    return Path(output)


def pytest_configure(config):
    """Let the Python processes the tests start keep their compiled modules, in pytest's cache folder.

    Where $PYTHONDONTWRITEBYTECODE is set, each new process (a build, an ``invoke``
    command) compiled every module of plugins/ and tests/ again: a third of its
    imports. In pytest's own folder (.pytest_cache/) the source tree stays as it is.
    """
    cache = getattr(config, "cache", None)  # None, or absent with `-p no:cacheprovider`
    if cache is None:
        return
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(cache.mkdir("pycache"))


# The folder of Jinja's compiled templates for the builds of this test process (template_cache).
TEMPLATE_CACHE = []


@functools.cache
def _jinja_environment(settings_file, folder):
    """Return the settings file's JINJA_ENVIRONMENT with its compiled templates kept in ``folder``."""
    environment = dict(read_settings(str(REPO / settings_file))["JINJA_ENVIRONMENT"])
    environment["bytecode_cache"] = FileSystemBytecodeCache(folder)
    return environment


@pytest.fixture(scope="session", autouse=True)
def template_cache(tmp_path_factory):
    """Keep the compiled templates of this process's test builds in its temporary folder.

    A test build has every cache off, so that it reads nothing an earlier build
    left, and so compiled each template again (a tenth of a small site's build).
    Jinja's compiled code is keyed by the template's file and checked against its
    source, as in an editor's builds (site_build/pipeline.py); each process has its own.
    """
    TEMPLATE_CACHE[:] = [str(tmp_path_factory.mktemp("templates"))]
    yield
    TEMPLATE_CACHE.clear()


def read_html(path):
    """Parse a built HTML file."""
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def page_for_url(output, url, siteurl=""):
    """Return the output file a site URL points to (pretty URLs end in index.html)."""
    path = url[len(siteurl) :] if siteurl and url.startswith(siteurl) else url
    path = path.split("#", 1)[0].lstrip("/")
    target = Path(output) / path
    return target / "index.html" if path == "" or path.endswith("/") else target


def built_once(tmp_path_factory, name, make):
    """Return ``name``/output in the run's temporary folder, made by ``make(folder)`` once per test run.

    With pytest-xdist every worker process has a session of its own, and its own
    temporary folder inside the run's: the first worker to get here builds, the
    others wait for it (a lock beside the folder) and read the same output. The
    tests only read these builds; a test that changes one works on a copy (copy_build).
    """
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / name
    with build_lock(str(folder / "made")):
        if not (folder / "output").exists():
            make(folder)
    return folder / "output"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The real site, built once per test run in development mode."""
    return built_once(tmp_path_factory, "real-site", lambda folder: build(REPO, folder / "output"))


@pytest.fixture(scope="session")
def published_site(tmp_path_factory):
    """The real site, built once per test run with publishconf.py."""
    return built_once(
        tmp_path_factory,
        "published-site",
        lambda folder: build(REPO, folder / "output", settings_file="publishconf.py"),
    )


ONLY_IN_BULGARIAN = """Title: Страница само на български
Summary: Страница, която още не е преведена.

Тази страница е написана само на български език, за да се провери как
изглежда непреведена страница в интерфейса на другите езици.
"""


@pytest.fixture(scope="session")
def published_with_fallback(tmp_path_factory):
    """The real site plus content/pages/only-in-bulgarian.bg.md, built once per test run with publishconf.py.

    The real site is fully translated, so without this page the fallback pages,
    which every new page goes through until it is translated, would never be
    checked in a publication build. Its sources are beside the output (its parent).
    """

    def make(folder):
        for name in ("content", "data"):
            shutil.copytree(REPO / name, folder / name, dirs_exist_ok=True)
        (folder / "content" / "pages" / "only-in-bulgarian.bg.md").write_text(ONLY_IN_BULGARIAN, encoding="utf-8")
        build(folder, folder / "output", settings_file="publishconf.py")

    return built_once(tmp_path_factory, "published-with-fallback", make)


@pytest.fixture
def site_copy(tmp_path):
    """A copy of the real content/ and data/ that a test may change before building it."""
    for folder in ("content", "data"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    return tmp_path


# The tiny site: one page per template the plugins need, no example data --------------------------

# Key -> (Bulgarian title, template). The feature plugins refuse to build without these pages;
# the home page is translated so that every language has a page of its own (the search index
# of a publication build needs one).
TINY_PAGES = {
    "home": ("Начало", "home"),
    "news": ("Новини", "news"),
    "search": ("Търсене", "search"),
    "documents": ("Документи", "documents"),
    "timeline": ("Хронология", "timeline"),
    "cross-border-cooperation": ("Трансгранично сътрудничество", "activity"),
    "services": ("Услуги", "activity"),
    "project-consultations": ("Консултации по проекти", "activity"),
    "service-request": ("Заявка за услуга", "service_request"),
    "training-calendar": ("Календар на обученията", "training_calendar"),
}
TINY_HOME = {"en": "Home", "el": "Αρχική", "tr": "Ana sayfa"}
TINY_NEWS = "2026-11-20-tiny-news"
TINY_NEWS_TITLE = {"bg": "Първата новина на сайта", "en": "The site's first news item"}


def write_tiny_site(root):
    """Write a tiny site in ``root``: a page per template the plugins need, one news item, the real data trimmed.

    For the tests of a rule that does not depend on what the site says (atomic
    publishing, caches, rebuilds): it builds with every plugin, in development and
    publication settings (strict), in about half the time of the real site.
    """
    root = Path(root)
    shutil.copytree(REPO / "data", root / "data", ignore=shutil.ignore_patterns("trainings"))
    (root / "data" / "trainings").mkdir()
    for name in ("documents", "timeline"):
        (root / "data" / f"{name}.yaml").write_text("[]\n", encoding="utf-8")
    menu = "".join(f"  - page: {key}\n" for key in TINY_PAGES if key != "home")
    (root / "data" / "navigation.yaml").write_text(f"main:\n{menu}footer: []\n", encoding="utf-8")
    pages = root / "content" / "pages"
    pages.mkdir(parents=True)
    for key, (title, template) in TINY_PAGES.items():
        (pages / f"{key}.bg.md").write_text(
            f"Title: {title}\nTemplate: {template}\nSummary: {title}.\n\nТекст на страницата.\n", encoding="utf-8"
        )
    home = (pages / "home.bg.md").read_text(encoding="utf-8")
    for lang, title in TINY_HOME.items():
        text = f"Title: {title}\nTemplate: home\nSummary: {title}.\n\nText of the page ({lang}).\n"
        (pages / f"home.{lang}.md").write_text(with_fingerprint(text, fingerprint(home)), encoding="utf-8")
    # One news item, in Bulgarian and English: the Greek and Turkish feeds are empty, as on a new site.
    news = root / "content" / "news"
    news.mkdir()
    item = f"Title: {TINY_NEWS_TITLE['bg']}\nDate: 2026-11-20\nSummary: Кратко.\n\nТекст на новината.\n"
    (news / f"{TINY_NEWS}.bg.md").write_text(item, encoding="utf-8")
    english = f"Title: {TINY_NEWS_TITLE['en']}\nDate: 2026-11-20\nSummary: In short.\n\nText of the news item.\n"
    (news / f"{TINY_NEWS}.en.md").write_text(with_fingerprint(english, fingerprint(item)), encoding="utf-8")
    (root / "content" / "images").mkdir()
    shutil.copy(REPO / "content" / "images" / "site-card.png", root / "content" / "images")
    return root


@pytest.fixture
def tiny_site(tmp_path):
    """The tiny site (write_tiny_site) in a tmp folder, for a test to change and build."""
    return write_tiny_site(tmp_path)


@pytest.fixture(autouse=True)
def english_messages(monkeypatch):
    """Speak English to the tests of the rules: they match the English source of the messages.

    Editors get Bulgarian by default; tests/test_editor_mistakes.py and
    tests/test_editor_messages.py check that text, running without this variable.
    """
    monkeypatch.setenv(LANGUAGE_VARIABLE, "en")
