"""Every plugin's settings table: checked by one function, listed exactly in the plugin's README.

And the site still builds when a setting is left to its default, or a feature plugin is left out;
every build renders its templates with StrictUndefined, as production does.
"""

import datetime
import importlib
import re
import shutil

import pytest
from jinja2 import StrictUndefined, UndefinedError
from pelican.settings import read_settings

from conftest import LANGUAGES, REPO, build, read_html
from plugin_settings import PluginSettingsError, Setting, SettingsTable

PLUGINS = REPO / "plugins"
# Every package with a settings table: the plugins, each with its README.
TABLES = sorted(path.parent.name for path in PLUGINS.glob("*/settings.py"))

EXAMPLE = SettingsTable(
    "example",
    "EXAMPLE_",
    (
        Setting("EXAMPLE_COUNT", int, 3, "How many.", check=lambda value: None if value >= 0 else "must be 0 or more"),
        Setting("EXAMPLE_ON", bool, False, "Whether."),
        Setting("EXAMPLE_PATH", (str, type(None)), None, "Where; `None`: nowhere."),
        Setting("EXAMPLE_DAY", (datetime.date, type(None)), None, "Which day."),
    ),
)


# The one function --------------------------------------------------------------------------------


def test_defaults_are_returned_and_never_written_back():
    settings = {"EXAMPLE_COUNT": 5, "OTHER": 1}
    assert EXAMPLE.read(settings) == {
        "EXAMPLE_COUNT": 5,
        "EXAMPLE_ON": False,
        "EXAMPLE_PATH": None,
        "EXAMPLE_DAY": None,
    }
    assert settings == {"EXAMPLE_COUNT": 5, "OTHER": 1}


@pytest.mark.parametrize(
    "settings, message",
    [
        ({"EXAMPLE_CONT": 3}, "example: unknown setting EXAMPLE_CONT; the settings are: EXAMPLE_COUNT, EXAMPLE_ON"),
        ({"EXAMPLE_COUNT": "3"}, "example: EXAMPLE_COUNT must be a int, not '3'"),
        ({"EXAMPLE_COUNT": True}, "example: EXAMPLE_COUNT must be a int, not True"),
        ({"EXAMPLE_ON": 1}, "example: EXAMPLE_ON must be a bool, not 1"),
        ({"EXAMPLE_PATH": 3}, "example: EXAMPLE_PATH must be a str or None, not 3"),
        ({"EXAMPLE_DAY": datetime.datetime(2026, 1, 1)}, "example: EXAMPLE_DAY must be a date or None"),
        ({"EXAMPLE_COUNT": -1}, "example: EXAMPLE_COUNT must be 0 or more"),
    ],
)
def test_an_unknown_key_or_a_wrong_value_names_the_plugin_and_the_key(settings, message):
    with pytest.raises(PluginSettingsError, match=re.escape(message)):
        EXAMPLE.read(settings)


def test_the_readme_table_lists_name_type_default_and_description():
    assert EXAMPLE.markdown().splitlines()[2:4] == [
        "| `EXAMPLE_COUNT` | int | `3` | How many. |",
        "| `EXAMPLE_ON` | bool | `False` | Whether. |",
    ]


# Every plugin's table and README -------------------------------------------------------------------


def readme_settings(readme):
    """Return the table that follows the README's "## Settings" heading."""
    lines = readme.read_text(encoding="utf-8").splitlines()
    assert "## Settings" in lines, f"{readme} has no '## Settings' section"
    after = lines[lines.index("## Settings") + 1 :]
    start = next(number for number, line in enumerate(after) if line.startswith("|"))
    table = []
    for line in after[start:]:
        if not line.startswith("|"):
            break
        table.append(line)
    return "\n".join(table) + "\n"


@pytest.mark.parametrize("plugin", TABLES)
def test_every_settings_module_is_one_table_of_distinct_names(plugin):
    table = importlib.import_module(f"{plugin}.settings").SETTINGS
    assert isinstance(table, SettingsTable)
    assert len(set(table.names())) == len(table.names())


@pytest.mark.parametrize("plugin", TABLES)
def test_the_readme_lists_exactly_the_settings_of_the_table(plugin):
    table = importlib.import_module(f"{plugin}.settings").SETTINGS
    assert table.plugin == plugin
    assert readme_settings(PLUGINS / plugin / "README.md") == table.markdown(), (
        f"plugins/{plugin}/README.md: the table under '## Settings' must be:\n{table.markdown()}"
    )


@pytest.mark.parametrize("plugin", TABLES)
def test_every_default_passes_its_own_checks(plugin):
    table = importlib.import_module(f"{plugin}.settings").SETTINGS
    assert list(table.read({})) == table.names()


# A tiny site: settings left to their defaults, a feature plugin left out ----------------------------


def register_every_plugin():
    """Connect every plugin's signals, as an earlier build of the real site in this process has."""
    for plugin in (
        "multilingual",
        "markdown_cache",
        "training_calendar",
        "documents",
        "images",
        "timeline",
        "services",
        "publishing",
    ):
        importlib.import_module(plugin).register()


def tiny_site(root, plugins, without=()):
    """Write a two-page site in ``root`` whose settings list ``plugins`` and lack the settings ``without``."""
    shutil.copytree(REPO / "data", root / "data")
    (root / "data" / "navigation.yaml").write_text("main:\n  - page: documents\nfooter: []\n", encoding="utf-8")
    (root / "data" / "timeline.yaml").write_text("[]\n", encoding="utf-8")
    (root / "data" / "documents.yaml").write_text(
        "- id: protocol\n  title: {bg: Протокол, en: Protocol, el: Πρωτόκολλο, tr: Protokol}\n"
        "  date: 2002\n  kind: protocol\n  pages: [home]\n",
        encoding="utf-8",
    )
    pages = root / "content" / "pages"
    pages.mkdir(parents=True)
    (pages / "home.bg.md").write_text("Title: Начало\nTemplate: home\n\nНачалото.\n", encoding="utf-8")
    (pages / "documents.bg.md").write_text("Title: Документи\nTemplate: documents\n\nДокументите.\n", encoding="utf-8")
    settings = root / "settings.py"
    lines = [
        "import sys",
        f"sys.path.insert(0, {str(REPO)!r})",
        "from pelicanconf import *  # noqa: F403",
        f"PLUGINS = {plugins!r}",
    ]
    lines += [f"del {name}" for name in without]
    settings.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return settings


def test_a_site_without_multilingual_languages_builds_in_the_default_languages(tmp_path):
    register_every_plugin()  # a plugin left out of PLUGINS must stay out
    settings = tiny_site(tmp_path, ["multilingual", "documents", "publishing"], without=["MULTILINGUAL_LANGUAGES"])
    output = build(tmp_path, tmp_path / "output", settings_file=settings)
    titles = {"bg": "Протокол", "en": "Protocol", "el": "Πρωτόκολλο", "tr": "Protokol"}
    for lang, prefix in [("bg", ""), ("en", "en/"), ("el", "el/"), ("tr", "tr/")]:
        assert read_html(output / prefix / "index.html").html["lang"] == lang
        # The documents plugin names each document in the language of the page (with its locale).
        documents = read_html(output / prefix / "dokumenti" / "index.html")
        assert documents.select_one("#document-protocol h2").get_text(strip=True) == titles[lang]


def test_the_theme_renders_without_the_publishing_plugin(tmp_path):
    register_every_plugin()  # a plugin left out of PLUGINS must stay out
    settings = tiny_site(tmp_path, ["multilingual", "documents"])
    output = build(tmp_path, tmp_path / "output", settings_file=settings)
    soup = read_html(output / "en" / "index.html")
    assert [link["href"] for link in soup.select("link[rel=stylesheet]")] == ["/theme/css/site.css"]
    assert (output / "theme" / "css" / "site.css").is_file()
    assert soup.select("meta[http-equiv=Content-Security-Policy]") == []
    assert soup.select_one(".th-header__search") is None
    assert soup.select_one("main h1") is not None


# The theme with any subset of the feature plugins, under StrictUndefined ----------------------------

FEATURE_PLUGINS = ["training_calendar", "documents", "images", "timeline", "services", "publishing"]

# A page of every page template (key: template), written in Bulgarian only, so that every other
# language shows it as a fallback; each with a Slug, so that its address is the same in every language.
THEME_PAGES = {
    "home": "home",
    "about": "page",
    "news": "news",
    "documents": "documents",
    "timeline": "timeline",
    "training-calendar": "training_calendar",
    "services": "activity",
    "project-consultations": "activity",
    "cross-border-cooperation": "activity",
    "civic-participation": "activity",
    "service-request": "service_request",
    "structure": "structure",
    "accessibility": "accessibility",
    "contacts": "contacts",
    "search": "search",
}

# What each feature plugin adds to the theme's pages: (page key, CSS selector).
FEATURE_MARKUP = {
    "training_calendar": [
        ("training-calendar", ".th-trainings .th-trainings__item"),
        ("training-calendar", 'link[type="text/calendar"]'),
    ],
    "documents": [("documents", "#document-protocol-polis-2004"), ("cross-border-cooperation", "#related-documents")],
    "images": [("about", ".th-gallery img"), ("home", 'meta[property="og:image"]')],
    "timeline": [
        ("timeline", "ol.th-timeline #event-signing"),
        ("cross-border-cooperation", "#timeline"),
        ("home", "#timeline-teaser"),
    ],
    "services": [
        ("services", "ol.th-services"),
        ("services", "#how-to-request"),
        ("service-request", ".th-request__group"),
    ],
    "publishing": [("home", "meta[http-equiv=Content-Security-Policy]"), ("search", ".th-search")],
}

TIMELINE = """\
- id: signing
  date: 2005-12-10
  title: {bg: Подписване, en: Signing, el: Υπογραφή, tr: İmza}
  text: {bg: Протоколът е подписан.}
  partners: [polis]
"""

GALLERY = """\
page: about
images:
  - file: images/site-card.png
    alt: {bg: Името на асоциацията, en: The association's name, el: Το όνομα της ένωσης, tr: Birliğin adı}
"""


def theme_site(root, plugins):
    """Write a site with a page of every page template, whose settings list ``plugins``; return the settings file."""
    shutil.copytree(REPO / "data", root / "data")
    (root / "data" / "navigation.yaml").write_text(
        "main:\n  - page: about\n    children: [services, project-consultations, cross-border-cooperation, timeline,"
        " civic-participation, training-calendar, service-request, structure]\n  - page: news\n  - page: documents\n"
        "footer: [contacts, accessibility]\n",
        encoding="utf-8",
    )
    (root / "data" / "timeline.yaml").write_text(TIMELINE, encoding="utf-8")
    (root / "data" / "galleries").mkdir()
    (root / "data" / "galleries" / "about.yaml").write_text(GALLERY, encoding="utf-8")
    (root / "content" / "images").mkdir(parents=True)
    shutil.copy(REPO / "content" / "images" / "site-card.png", root / "content" / "images")
    pages = root / "content" / "pages"
    pages.mkdir()
    for key, template in THEME_PAGES.items():
        (pages / f"{key}.bg.md").write_text(
            f"Title: Страница {key}\nSlug: {key}\nTemplate: {template}\n\nТекстът на страницата {key}.\n",
            encoding="utf-8",
        )
    news = root / "content" / "news"
    news.mkdir()
    (news / "2026-11-20-first.bg.md").write_text(
        "Title: Първа новина\nDate: 2026-11-20\n\nНовината.\n", encoding="utf-8"
    )
    settings = root / "settings.py"
    settings.write_text(
        "\n".join(
            [
                "import sys",
                f"sys.path.insert(0, {str(REPO)!r})",
                "from pelicanconf import *  # noqa: F403",
                f"PLUGINS = {plugins!r}",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    return settings


def theme_pages(output):
    """Return {(page key, language): parsed page} of the theme site: each page parsed once for all the checks."""
    pages = {}
    for key in THEME_PAGES:
        for lang in LANGUAGES:
            prefix = "" if lang == "bg" else f"{lang}/"
            pages[key, lang] = read_html(output / prefix / ("" if key == "home" else f"{key}/") / "index.html")
    return pages


@pytest.mark.parametrize("left_out", [None, *FEATURE_PLUGINS, "every feature plugin"])
def test_the_theme_renders_every_page_with_any_feature_plugin_left_out(tmp_path, left_out):
    register_every_plugin()  # a plugin left out of PLUGINS must stay out
    listed = [plugin for plugin in FEATURE_PLUGINS if plugin != left_out and left_out != "every feature plugin"]
    settings = theme_site(tmp_path, ["multilingual", *listed])
    assert read_settings(str(settings))["JINJA_ENVIRONMENT"]["undefined"] is StrictUndefined
    pages = theme_pages(build(tmp_path, tmp_path / "output", settings_file=settings))
    for key in THEME_PAGES:
        for lang in LANGUAGES:
            soup = pages[key, lang]
            assert soup.html["lang"] == lang
            if key != "home":  # the home page's heading is the association's name
                assert soup.select_one("main h1").get_text(strip=True) == f"Страница {key}"
            # The accessibility statement is written from data/accessibility.yaml, not from its page's text.
            if key != "accessibility":
                assert soup.select_one("main .th-prose").get_text(strip=True) == f"Текстът на страницата {key}.", (
                    f"{key} ({lang}) shows its own text whatever plugins the build lists"
                )
    for plugin, markup in FEATURE_MARKUP.items():
        for key, selector in markup:
            for lang in LANGUAGES:
                shown = pages[key, lang].select_one(selector) is not None
                assert shown == (plugin in listed), (
                    f"{key} ({lang}): {selector} is shown exactly when {plugin} is listed"
                )


def test_a_template_that_reads_a_variable_no_code_gave_it_stops_the_build(tmp_path):
    # Jinja's default would print nothing in its place and publish the page; StrictUndefined names it.
    register_every_plugin()
    settings = theme_site(tmp_path, ["multilingual"])
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "themes" / "thrace", theme)
    template = theme / "templates" / "page.html"
    template.write_text(
        template.read_text(encoding="utf-8").replace("{{ page.title.text }}", "{{ page.titel }}"), encoding="utf-8"
    )
    with pytest.raises(UndefinedError, match="has no attribute 'titel'"):
        build(tmp_path, tmp_path / "output", settings_file=settings, THEME=str(theme))
    assert not (tmp_path / "output").exists(), "nothing is published"


def test_a_feature_setting_with_a_typo_is_named_before_the_editors_problems(tmp_path):
    register_every_plugin()  # a plugin left out of PLUGINS must stay out
    settings = tiny_site(tmp_path, ["multilingual", "documents"])
    # A mistake in a source too: the build stops at the settings, not with a list of problems that lacks them.
    (tmp_path / "content" / "pages" / "home.bg.md").write_text(
        "Title: Начало\nTemplate: nowhere\n\nНачалото.\n", encoding="utf-8"
    )
    with pytest.raises(PluginSettingsError, match="documents: unknown setting DOCUMENTS_PAGE_KYE"):
        build(tmp_path, tmp_path / "output", settings_file=settings, DOCUMENTS_PAGE_KYE="documents")
