"""Shared fixtures: real builds of the real site, and of small sites made in a tmp dir."""

import datetime
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from site_build import build_site
from site_data.messages import LANGUAGE_VARIABLE

REPO = Path(__file__).resolve().parents[1]
LANGUAGES = ["bg", "en", "el", "tr"]
# "Today" for every test build, so that upcoming/past splits do not depend on the clock.
FIXED_TODAY = datetime.date(2026, 11, 27)
# The public address of every test publication build: publishconf.py has none of its own
# (publish-build refuses to run without the real one), so a test names it.
TEST_SITEURL = "https://www.rao-trakia.example"


def build(source_root, output, settings_file="pelicanconf.py", **overrides):
    """Build the site whose content/ and data/ are in ``source_root`` into ``output``."""
    source_root = Path(source_root)
    settings = {
        "PATH": str(source_root / "content"),
        "SITE_DATA_PATH": str(source_root / "data"),
        "MULTILINGUAL_TRANSLATIONS_PATH": str(REPO / "translations"),
        "SITE_TODAY": FIXED_TODAY,
    }
    if settings_file == "publishconf.py":
        settings["SITEURL"] = TEST_SITEURL
    # No content cache unless a test names one: a test build must not read
    # what an earlier build (or the developer's own) left in the repository's cache/.
    settings["MARKDOWN_CACHE_ENABLED"] = "CACHE_PATH" in overrides
    settings.update(overrides)
    build_site(REPO / settings_file, output, overrides=settings)
    return Path(output)


def read_html(path):
    """Parse a built HTML file."""
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def page_for_url(output, url, siteurl=""):
    """Return the output file a site URL points to (pretty URLs end in index.html)."""
    path = url[len(siteurl):] if siteurl and url.startswith(siteurl) else url
    path = path.split("#", 1)[0].lstrip("/")
    target = Path(output) / path
    return target / "index.html" if path == "" or path.endswith("/") else target


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The real site, built once per test session in development mode."""
    return build(REPO, tmp_path_factory.mktemp("real") / "output")


@pytest.fixture(scope="session")
def published_site(tmp_path_factory):
    """The real site, built once per test session with publishconf.py."""
    return build(REPO, tmp_path_factory.mktemp("published") / "output", settings_file="publishconf.py")


@pytest.fixture
def site_copy(tmp_path):
    """A copy of the real content/ and data/ that a test may change before building it."""
    for folder in ("content", "data"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    return tmp_path


@pytest.fixture(autouse=True)
def english_messages(monkeypatch):
    """Speak English to the tests of the rules: they match the English source of the messages.

    Editors get Bulgarian by default; tests/test_editor_mistakes.py and
    tests/test_editor_messages.py check that text, running without this variable.
    """
    monkeypatch.setenv(LANGUAGE_VARIABLE, "en")
