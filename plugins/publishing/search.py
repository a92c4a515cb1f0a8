"""Search on a static host: Pagefind's index per language, its interface text, and the no-script list.

Pagefind keeps one index per language, keyed on <html lang>. Only the <main> of a
real translation carries data-pagefind-body, so a fallback page (Bulgarian text
inside another language's interface) stays out of that language's index, and
the search page itself (which lists every page) is not indexed at all.
"""

import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile

# Output folder of Pagefind's bundle (its script, interface and index).
BUNDLE_DIR = "pagefind"


def _(message):
    """Mark interface text for `invoke i18n-extract`; it is translated per language at build time."""
    return message


# The text of Pagefind's default interface (the keys it looks up), as gettext messages.
# Pagefind 1.5 ships no Bulgarian strings; ours are used in every language so that the
# search page speaks with the same words as the rest of the site.
UI_TEXT = {
    "placeholder": _("Search"),
    "clear_search": _("Clear"),
    "load_more": _("Show more results"),
    "search_label": _("Search this site"),
    "filters_label": _("Filters"),
    "zero_results": _("No results for %(term)s"),
    "many_results": _("%(count)s results for %(term)s"),
    "one_result": _("%(count)s result for %(term)s"),
    "alt_search": _("No results for %(term)s. Showing results for %(other)s instead"),
    "search_suggestion": _("No results for %(term)s. Try one of these searches:"),
    "searching": _("Searching for %(term)s…"),
}
# Our keyword placeholders -> the tokens Pagefind replaces.
PAGEFIND_TOKENS = {"term": "[SEARCH_TERM]", "count": "[COUNT]", "other": "[DIFFERENT_TERM]"}


def ui_translations(catalog):
    """Return Pagefind's interface text in the catalog's language, with Pagefind's tokens."""
    return {key: catalog.gettext(message) % PAGEFIND_TOKENS for key, message in UI_TEXT.items()}


def is_indexed(version, search_key):
    """True if Pagefind should index the version: a real translation, not the search page."""
    return version.is_translation and version.key != search_key


def page_tree(site, lang, navigation, exclude, home_key):
    """Return every page in ``lang`` as nested links ({title, href, children}), home first.

    The order follows the main menu, then the remaining pages by date (news, newest
    first) and title. This is what the search page shows when no script runs.
    """
    nav_order = {home_key: -1}
    for position, entry in enumerate(navigation):
        nav_order[entry["page"] if isinstance(entry, dict) else entry] = position
        for child_position, child in enumerate(entry.get("children", []) if isinstance(entry, dict) else []):
            nav_order[child] = child_position
    children = {}
    for page in site.pages.values():
        if page.key not in exclude:
            children.setdefault(page.parent, []).append(page)

    def order(page):
        date = page.date.timestamp() if page.date else 0
        title = page.versions[lang].title.text.casefold()
        return (nav_order.get(page.key, len(nav_order)), -date, title)

    def branch(parent):
        return [
            {**site.link(page.key, lang), "children": branch(page.key)}
            for page in sorted(children.get(parent, []), key=order)
        ]

    return branch(None)


def search_context(site, version, catalog, navigation, exclude, home_key, indexed):
    """Return what the search page of a language shows."""
    bundle = site.absolute(f"{BUNDLE_DIR}/")
    return {
        "search": {
            "indexed": indexed,
            "action": site.absolute(version.url),
            "bundle": bundle,
            "translations": json.dumps(ui_translations(catalog), ensure_ascii=False, sort_keys=True),
            "pages": page_tree(site, version.lang, navigation, exclude, home_key),
        }
    }


def html_files(root):
    """Return the HTML files under ``root`` (relative paths), sorted."""
    found = []
    for folder, folders, files in os.walk(root):
        folders[:] = [name for name in folders if name != BUNDLE_DIR or folder != root]
        found += [os.path.relpath(os.path.join(folder, name), root) for name in files if name.endswith(".html")]
    return sorted(found)


# prctl(2) option: the signal a child gets when its parent dies (Linux).
PR_SET_PDEATHSIG = 1


def _die_with_the_build():
    """Ask Linux to kill Pagefind if the build is killed, so it cannot write into a staging folder cleaned since."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


class IndexingFailed(Exception):
    """Pagefind could not index the built site."""


def build_index(output_path, languages):
    """Index the built site with Pagefind's CLI (one index per <html lang>); return {lang: pages}.

    The CLI rather than Pagefind's Python service: the service (1.5.2) can stop
    before it has finished writing the bundle, leaving truncated files.
    """
    bundle = os.path.join(output_path, BUNDLE_DIR)
    # Named after the output folder, so that site_build finds what a killed build left (.build-…).
    with tempfile.TemporaryDirectory(prefix=f"{os.path.basename(output_path)}.pagefind-") as pages:
        # Pagefind numbers the pages in the order the file system lists them, and that order
        # depends on the file system (ext4: by a hash of the name; tmpfs: by creation), and
        # site_build may stage on either. So Pagefind reads copies made in sorted order, always
        # in the same place (the temporary folder): every build on a machine gives one index.
        for relative in html_files(output_path):
            target = os.path.join(pages, relative)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(os.path.join(output_path, relative), target)
        # The pinned binary itself: `python -m pagefind` started an interpreter only to find it, 0.12 s a build.
        # Imported here, where the index is made: a build in development makes none (and the import is 3 ms).
        from pagefind_bin import get_executable

        command = [str(get_executable()), "--site", pages, "--output-path", bundle, "--quiet"]
        run = subprocess.run(
            command,
            capture_output=True,
            text=True,
            check=False,
            preexec_fn=_die_with_the_build if sys.platform == "linux" else None,
        )
    if run.returncode != 0:
        raise IndexingFailed(f"pagefind exited with {run.returncode}:\n{run.stdout}{run.stderr}")
    entry_path = os.path.join(bundle, "pagefind-entry.json")
    with open(entry_path, encoding="utf-8") as handle:
        entry = json.load(handle)
    counts = {lang: info["page_count"] for lang, info in entry["languages"].items()}
    empty = [lang for lang in languages if not counts.get(lang)]
    if empty:
        raise IndexingFailed(f"pagefind indexed no page in {', '.join(empty)}; is data-pagefind-body on their <main>?")
    # Pagefind writes the languages in a random order: sort them, so two builds are identical.
    with open(entry_path, "w", encoding="utf-8") as handle:
        json.dump(entry, handle, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return counts


QUERY_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "query.mjs")


def query_index(output_path, lang, terms):
    """Return {term: [{url, title}]}: what Pagefind's own search finds in ``lang`` (needs Node.js)."""
    node = shutil.which("node")
    if node is None:
        raise IndexingFailed("querying the index runs Pagefind's search in Node.js; install Node.js (node) first")
    command = [node, QUERY_SCRIPT, os.path.join(output_path, BUNDLE_DIR), lang, *terms]
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise IndexingFailed(f"the search in Node.js failed:\n{run.stderr}")
    return json.loads(run.stdout)
