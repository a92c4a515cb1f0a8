"""Turn a corpus in our format into equivalent trees for stock Pelican + i18n_subsites and for Hugo.

Both get the same Markdown bodies in the same four languages: for stock Pelican
each file says its ``Lang:`` and shares its ``Slug:`` (the translation id) with
its translations; for Hugo each file keeps the ``<key>.<lang>.md`` name, which
is how Hugo links translations, with YAML front matter and ``{filename}`` links
turned into ``relref`` shortcodes. Minimal themes live in bench/templates/.
"""

import re
import shutil
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
LINK = re.compile(r"\]\(\{filename\}(?P<path>[^)#\s]+)(?P<anchor>#[^)\s]*)?\)")
LANGUAGES = ("bg", "en", "el", "tr")
HUGO_LANGUAGE_NAMES = {"bg": "Български", "en": "English", "el": "Ελληνικά", "tr": "Türkçe"}
MARKDOWN_SETTINGS = {
    "extension_configs": {"markdown.extensions.extra": {}, "markdown.extensions.toc": {}},
    "output_format": "html5",
}


def split_source(text):
    """Return (metadata, body) of a source in our format (Key: value lines, a blank line)."""
    metadata, lines = {}, text.split("\n")
    index = 0
    while index < len(lines) and lines[index].strip():
        key, _, value = lines[index].partition(":")
        metadata[key.strip().lower()] = value.strip()
        index += 1
    return metadata, "\n".join(lines[index + 1 :])


def _sources(corpus_root):
    content = Path(corpus_root) / "content"
    for path in sorted(content.rglob("*.md")):
        parts = path.name.split(".")
        if len(parts) == 3:
            yield path, path.relative_to(content), parts[0], parts[1]


def _copy_static(corpus_root, target):
    for folder in ("documents", "images"):
        source = Path(corpus_root) / "content" / folder
        if source.is_dir():
            shutil.copytree(source, target / folder, dirs_exist_ok=True)


PELICAN_CONF = '''"""Stock Pelican 4.12 + i18n_subsites: the whole pipeline once per language."""
SITENAME = "Bench"
SITEURL = ""
PATH = "content"
TIMEZONE = "Europe/Sofia"
DEFAULT_LANG = "bg"
THEME = {theme!r}
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = ["news"]
STATIC_PATHS = ["documents", "images"]
PAGE_URL = "{{slug}}/"
PAGE_SAVE_AS = "{{slug}}/index.html"
ARTICLE_URL = "news/{{slug}}/"
ARTICLE_SAVE_AS = "news/{{slug}}/index.html"
DIRECT_TEMPLATES = ["index"]
CATEGORY_SAVE_AS = TAG_SAVE_AS = AUTHOR_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
PLUGINS = ["i18n_subsites"]
I18N_SUBSITES = {{"en": {{}}, "el": {{}}, "tr": {{}}}}
MARKDOWN = {markdown!r}
'''


def stock_pelican_tree(corpus_root, target):
    """Write the corpus as stock Pelican + i18n_subsites expects it; return the tree."""
    target = Path(target)
    shutil.rmtree(target, ignore_errors=True)
    content = target / "content"
    for path, relative, key, lang in _sources(corpus_root):
        metadata, body = split_source(path.read_text(encoding="utf-8"))
        lines = [f"Title: {metadata.get('title', key)}"]
        for field in ("date", "summary"):
            if field in metadata:
                lines.append(f"{field.title()}: {metadata[field]}")
        lines += [f"Lang: {lang}", f"Slug: {key}"]
        destination = content / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text("\n".join(lines) + "\n\n" + body, encoding="utf-8")
    _copy_static(corpus_root, content)
    conf = PELICAN_CONF.format(theme=str(BENCH / "templates" / "pelican"), markdown=MARKDOWN_SETTINGS)
    (target / "pelicanconf.py").write_text(conf, encoding="utf-8")
    return target


def _hugo_link(match, section_of):
    path = match.group("path")
    anchor = match.group("anchor") or ""
    parts = Path(path).name.split(".")
    if path.endswith(".md") and len(parts) == 3 and parts[0] in section_of:
        return f']({{{{< relref "/{section_of[parts[0]]}/{parts[0]}.md{anchor}" >}}}})'
    return f"](/{path.lstrip('/')}{anchor})"


def hugo_tree(corpus_root, target):
    """Write the corpus as a multilingual Hugo site (translations by file name); return the tree."""
    target = Path(target)
    shutil.rmtree(target, ignore_errors=True)
    sources = list(_sources(corpus_root))
    section_of = {key: relative.parts[0] for _, relative, key, _ in sources}
    for path, relative, key, _lang in sources:
        metadata, body = split_source(path.read_text(encoding="utf-8"))
        front = {"title": metadata.get("title", key)}
        if "summary" in metadata:
            front["summary"] = metadata["summary"]
        if "date" in metadata:
            front["date"] = metadata["date"]
        body = LINK.sub(lambda m: _hugo_link(m, section_of), body)
        destination = target / "content" / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(
            "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + body, encoding="utf-8"
        )
    _copy_static(corpus_root, target / "static")
    shutil.copytree(BENCH / "templates" / "hugo", target / "layouts")
    config = [
        'baseURL = "http://localhost/"',
        'title = "Bench"',
        'defaultContentLanguage = "bg"',
        'disableKinds = ["taxonomy", "term", "RSS"]',
        "[markup.goldmark.renderer]",
        "unsafe = true",
    ]
    for weight, lang in enumerate(LANGUAGES, 1):
        config += [f"[languages.{lang}]", f"weight = {weight}", f'languageName = "{HUGO_LANGUAGE_NAMES[lang]}"']
    (target / "hugo.toml").write_text("\n".join(config) + "\n", encoding="utf-8")
    return target
