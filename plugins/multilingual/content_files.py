"""Checks of the Markdown sources: file names, languages, keys, slugs, templates, links."""

import difflib
import functools
import os
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from site_data import Problem, tr
from site_data.paths import relative_display

from .body import body_html, set_page_link_marks

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# A link written to a source file, e.g. href="{filename}trainings.bg.md#kinds".
FILENAME_LINK = re.compile(
    r"""(?P<attr>href|src)=(?P<quote>["'])\{filename\}(?P<path>[^"'#]*)(?P<anchor>#[^"']*)?(?P=quote)"""
)
FILENAME = "{filename}"
# Where a match of FILENAME_LINK starts, counted back from its "{filename}": href=" or src=".
LINK_STARTS = (len('href="'), len('src="'))
PAGE_LINK_MARK = "thrace-page:"
# The class an editor gives an image that needs no text: ![](photo.jpg){: .decorative} (attr_list, in "extra").
DECORATIVE_CLASS = "decorative"


@dataclass
class SourceFile:
    """A Markdown source with what its name and front matter say."""

    content: object
    kind: str
    path: str
    key: str
    lang: str


def source_line(path, pattern):
    """Return the 1-based line of the first match of ``pattern`` in the file (1 if none)."""
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if re.search(pattern, line, re.IGNORECASE):
                    return number
    except OSError:
        pass
    return 1


def display_path(content, base):
    """Return the source path relative to the project (``content/pages/x.bg.md``)."""
    return relative_display(content.source_path, base)


def check_sources(contents, kind, languages, default_lang, base):
    """Return (SourceFile list, problems) for Pelican content objects of one kind."""
    sources, problems = [], []
    for content in contents:
        path = display_path(content, base)
        metadata = content.metadata
        key, lang = metadata.get("translation_key"), metadata.get("lang")
        name = os.path.basename(content.source_path)
        if not key or lang not in languages or name.count(".") != 2:
            problems.append(
                Problem(
                    path,
                    1,
                    tr("the file name '{name}' does not say the page and its language", name=name),
                    tr(
                        "name it <key>.<language>.md with language one of {languages}, e.g. trainings.en.md",
                        languages=", ".join(languages),
                    ),
                )
            )
            continue
        if "slug" in metadata and not SLUG_PATTERN.match(str(metadata["slug"])):
            problems.append(
                Problem(
                    path,
                    source_line(content.source_path, r"^slug\s*:"),
                    tr("the slug '{slug}' is not valid", slug=metadata["slug"]),
                    tr(
                        "use lowercase Latin letters, digits and hyphens, e.g. Slug: training-calendar, "
                        "or remove the line to derive it from the title"
                    ),
                )
            )
            continue
        if kind == "news" and "date" not in metadata:
            problems.append(
                Problem(path, 1, tr("a news item needs a date"), tr("add a line 'Date: YYYY-MM-DD' at the top"))
            )
            continue
        sources.append(SourceFile(content, kind, path, key, lang))
    return sources, problems


def group_by_key(sources, default_lang):
    """Return ({key: {lang: SourceFile}}, problems): every translation needs a Bulgarian original."""
    groups, problems = {}, []
    # By file name: the order Pelican hands the sources over follows the file system.
    for source in sorted(sources, key=lambda source: source.path):
        group = groups.setdefault(source.key, {})
        if source.lang in group:
            other = group[source.lang]
            problems.append(
                Problem(
                    source.path,
                    1,
                    tr(
                        "the key '{key}' in language '{lang}' is also used by {other}:1",
                        key=source.key,
                        lang=source.lang,
                        other=other.path,
                    ),
                    tr("give one of the files another name"),
                )
            )
            continue
        group[source.lang] = source
    for key, group in list(groups.items()):
        if default_lang not in group:
            for source in group.values():
                original = os.path.join(os.path.dirname(source.content.source_path), f"{key}.{default_lang}.md")
                if os.path.isfile(original):
                    continue  # the original is a draft left out of this build, or has a problem of its own
                problems.append(
                    Problem(
                        source.path,
                        1,
                        tr(
                            "there is no Bulgarian original '{name}' for this translation",
                            name=f"{key}.{default_lang}.md",
                        ),
                        tr(
                            "create {original} first, or rename this file to the key of an existing page",
                            original=f"{os.path.dirname(source.path)}/{key}.{default_lang}.md",
                        ),
                    )
                )
            del groups[key]
    return groups, problems


def _key_of_source_name(relative):
    """Return (folder, key) of a source path ``folder/<key>.<language>.md``, or None for another file."""
    folder, name = os.path.split(relative)
    parts = name.split(".")
    return (folder, parts[0]) if len(parts) == 3 and parts[2] == "md" else None


def keys_by_folder(path_to_key):
    """Return {source folder: set of page keys} of ``path_to_key`` ({relative source path: key})."""
    folders = {}
    for path, key in path_to_key.items():
        folders.setdefault(os.path.dirname(path), set()).add(key)
    return folders


def filename_links(html):
    """Yield the matches of FILENAME_LINK in ``html``, as ``FILENAME_LINK.finditer`` would.

    Found from each "{filename}" (str.find) rather than by the pattern trying
    every position of every page: a match holds one right after href=" or
    src=", so it starts 6 or 5 characters before it, and the first candidate
    at or after the end of the last match is the one the pattern finds first.
    """
    end = 0
    at = html.find(FILENAME)
    while at != -1:
        for back in LINK_STARTS:
            start = at - back
            match = FILENAME_LINK.match(html, start) if start >= end else None
            if match:
                end = match.end()
                break
        at = html.find(FILENAME, max(at + 1, end))
        if match:
            yield match


def _sub_links(replace, html):
    """Return ``FILENAME_LINK.sub(replace, html)``, the matches found by filename_links."""
    parts, end = [], 0
    for match in filename_links(html):
        parts += [html[end : match.start()], replace(match)]
        end = match.end()
    return "".join(parts) + html[end:] if parts else html


@functools.lru_cache(maxsize=65_536)
def _link_path(base_dir, target):
    """Return (relative path, (folder, key) or None) of a link's target: text only, the same in every build."""
    relative = target.lstrip("/") if target.startswith("/") else os.path.normpath(os.path.join(base_dir, target))
    relative = relative.replace(os.sep, "/")
    return relative, _key_of_source_name(relative)


def _resolve(target, base_dir, path_to_key, folders):
    """Return (relative path, (folder, key) or None, page key or None) of a link's target."""
    relative, folder_and_key = _link_path(base_dir, target)
    key = path_to_key.get(relative)
    if key is None and folder_and_key and folder_and_key[1] in folders.get(folder_and_key[0], ()):
        key = folder_and_key[1]
    return relative, folder_and_key, key


def mark_page_links(source, path_to_key, content_root, folders=None, resolved=None, facts=None):
    """Rewrite {filename} links to pages as language-neutral marks; return problems.

    The mark is resolved when a version is rendered, so that a link in the
    Bulgarian text of a fallback page leads to the reader's language. A link to
    a translation that does not exist (yet, or any more) leads to the page in
    the reader's language all the same, which is then its honest fallback; only
    a link to a page that exists in no language is a mistake. A body left in the
    content cache is marked when it is read; which pages it links to is known
    from ``facts`` (body.BodyFacts) without reading it.
    """
    problems = []
    base_dir = os.path.dirname(source.content.relative_source_path)
    # Made once per build by the caller: per source, it would cost sources² path splits.
    folders = keys_by_folder(path_to_key) if folders is None else folders
    # The targets already resolved in this build, by (folder of the linking source, target):
    # most pages link to the same few.
    resolved = {} if resolved is None else resolved

    def link_targets():
        return tuple(match.group("path") for match in filename_links(body_html(source.content)))

    targets = facts.find(source.content, "page links", link_targets) if facts is not None else link_targets()
    marked = {}
    for target in targets:
        if (base_dir, target) not in resolved:
            resolved[base_dir, target] = _resolve(target, base_dir, path_to_key, folders)
        relative, folder_and_key, key = resolved[base_dir, target]
        if key is not None:
            marked[target] = key
        elif not os.path.isfile(os.path.join(content_root, relative)):
            line = source_line(source.content.source_path, re.escape("{filename}" + target))
            problems.append(
                Problem(
                    source.path,
                    line,
                    tr("the link to '{target}' leads to no page or file", target=target),
                    _link_fix(source, target, folder_and_key, folders),
                )
            )
    if marked:
        set_page_link_marks(source.content, PageLinkMarks(marked))
    return problems


class PageLinkMarks:
    """The marks of one body's links to pages: {target as written: page key}."""

    __slots__ = ("keys", "signature")

    def __init__(self, keys):
        self.keys = keys
        # What the marks make of the body: facts found in the marked HTML are remembered with it.
        self.signature = repr(sorted(keys.items()))

    def __call__(self, html):
        """Return ``html`` with each link to a page replaced by its mark."""

        def replace(match):
            key = self.keys.get(match.group("path"))
            if key is None:
                return match.group(0)
            anchor = match.group("anchor") or ""
            return f"{match.group('attr')}={match.group('quote')}{PAGE_LINK_MARK}{key}{anchor}{match.group('quote')}"

        return _sub_links(replace, html)


def _link_fix(source, target, folder_and_key, keys_by_folder):
    """Return how to correct a link: the closest page's file, in the language of the linking page."""
    written_folder = os.path.dirname(target)
    prefix = f"{written_folder}/" if written_folder else ""
    keys = sorted(keys_by_folder.get(folder_and_key[0], ())) if folder_and_key else []
    close = difflib.get_close_matches(folder_and_key[1], keys, n=1) if folder_and_key else []
    if close:
        return tr("did you mean ({{filename}}{file})? Or correct the name", file=f"{prefix}{close[0]}.{source.lang}.md")
    example = keys[0] if keys else "trainings"
    return tr(
        "link to an existing source file by its name, e.g. ({{filename}}{file}), or correct the name",
        file=f"{prefix}{example}.{source.lang}.md",
    )


class _ImageTags(HTMLParser):
    """Collect the attributes of every <img> of a page's HTML, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))

    handle_startendtag = handle_starttag


def is_decorative(image):
    """True if the editor marked the image as decorative: ![](photo.jpg){: .decorative}."""
    return DECORATIVE_CLASS in (image.get("class") or "").split()


def _image_lines(path, src):
    """Return the lines of the source that name ``src``, in order (several images may share it)."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return [number for number, line in enumerate(handle, 1) if src in line]
    except OSError:
        return []


def check_images(source):
    """Return a problem for each image without a text alternative that is not marked decorative.

    Python-Markdown writes ``alt=""`` for ``![](photo.jpg)``: an empty text is
    missing text unless the editor says the image is decorative.
    """
    parser = _ImageTags()
    parser.feed(body_html(source.content))
    problems, seen = [], {}
    for image in parser.images:
        src = image.get("src") or ""
        # The n-th image that shows this file is on the n-th line naming it.
        index = seen.get(src, 0)
        seen[src] = index + 1
        if (image.get("alt") or "").strip() or is_decorative(image):
            continue
        lines = _image_lines(source.content.source_path, src) if src else []
        line = lines[min(index, len(lines) - 1)] if lines else 1
        name = os.path.basename(src) or tr("an image")
        problems.append(
            Problem(
                source.path,
                line,
                tr("the image '{name}' has no text alternative", name=name),
                tr(
                    "describe the image between the brackets: ![what the image shows]({src}); "
                    "if it only decorates and says nothing the text does not, mark it: "
                    "![]({src}){{: .decorative}}",
                    src=src,
                ),
            )
        )
    return problems


def resolve_page_links(html, url_for_key):
    """Replace the language-neutral page marks in ``html`` with links in one language."""
    return re.sub(
        re.escape(PAGE_LINK_MARK) + r"([^\"'#]+)",
        lambda match: url_for_key(match.group(1)),
        html,
    )
