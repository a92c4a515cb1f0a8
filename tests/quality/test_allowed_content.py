"""Everything the HTML allow-list allows runs no script and sends no visitor elsewhere, in Chromium.

The tiny site with a page that uses every element, attribute and kind of link
the allow-list allows (tests/fixtures/allowed) is built; the page is opened in
each language (the others show it as a fallback) with its Content-Security-Policy
bypassed, so that the result holds on a host that sends no headers. Chromium's
debugger reports every script it compiles (inline code, event handlers,
javascript: links, files); only the site's own script files may appear.
Dialogs, navigations of the page away from its address and requests to other
hosts are recorded too. Nothing is evaluated in the pages, so that the only
code compiled in a page's own world is the page's. The site's other pages hold
nothing the allow-list allows that this page does not: opening them all (some
120 pages of the real site) was a tenth of the whole suite's time.
"""

import re
import shutil
import time
from dataclasses import dataclass, field

import pytest
from PIL import Image

from conftest import REPO, build, write_tiny_site

ALLOWED_PAGE = REPO / "tests" / "fixtures" / "allowed" / "everything-allowed.bg.md"
# A heading of its text: what the page's versions in every language show.
ALLOWED_TEXT = "Заглавие с котва"
# Where the site's own scripts are published (plugins/publishing): the only code a page may load.
OWN_SCRIPT_FOLDERS = ("/assets/", "/pagefind/")
SETTLE_MS = 300  # long enough for a <meta http-equiv=refresh content=0> to fire
TABS = 8  # pages open at once, the addresses going to each tab in turn


@pytest.fixture(scope="module")
def allowed_site(tmp_path_factory):
    """The tiny site plus the page that uses everything the allow-list allows (development build)."""
    root = write_tiny_site(tmp_path_factory.mktemp("allowed"))
    shutil.copy(ALLOWED_PAGE, root / "content" / "pages" / ALLOWED_PAGE.name)
    (root / "content" / "images").mkdir(exist_ok=True)
    # A small real photo for the page's figure (the images plugin reads and re-encodes it).
    Image.new("RGB", (64, 48), (40, 90, 140)).save(root / "content" / "images" / "snimka.png")
    return build(root, root / "output")


@dataclass
class _Tab:
    """A tab of the recorder: the page it holds, since when, and the code compiled in the page's own world."""

    page: object
    compiled: list = field(default_factory=list)
    address: str = None
    loaded_at: float = 0.0


def _open(tab, address):
    """Go to ``address`` in the tab, from a clean record of compiled code."""
    tab.compiled.clear()
    tab.page.goto(address, wait_until="load")
    tab.address, tab.loaded_at = address, time.monotonic()


def _note_settled(tab, own, seen):
    """Once the tab's page has settled for SETTLE_MS since its load, note what it ran and where it went."""
    # Waiting, even for nothing, lets Playwright deliver what the browser reported meanwhile.
    tab.page.wait_for_timeout(max(0.0, SETTLE_MS - (time.monotonic() - tab.loaded_at) * 1000))
    if tab.page.url != tab.address:
        seen["navigations"].append(f"{tab.address} -> {tab.page.url}")
    foreign = [url for url in tab.compiled if not url.startswith(own)]
    if foreign:
        seen["scripts"][tab.address] = foreign
    tab.address = None


def record(browser, server, addresses):
    """Open each address; return what ran or happened: {scripts, dialogs, navigations, elsewhere}.

    ``scripts`` maps an address to the code compiled in the page's own world
    that is not one of the site's script files. The addresses go to the TABS tabs
    in turn; a page is looked at when its tab is wanted again, or at the end, and
    only once it has settled for SETTLE_MS since its load. The other tabs take
    about a second to load theirs, so all but the last few pages have settled
    for longer by then, with no pause after each group of tabs (which took a
    fifth of the test's time).
    """
    # No service_workers="block": Playwright would inject a script of its own into every page.
    context = browser().new_context(bypass_csp=True)
    seen = {"scripts": {}, "dialogs": [], "navigations": [], "elsewhere": []}
    # Only requests to other hosts reach this process (a pattern matched in the browser's driver).
    context.route(
        re.compile(f"^(?!{re.escape(server)}/)"),
        lambda route: (seen["elsewhere"].append(route.request.url), route.abort()),
    )
    own = tuple(server + folder for folder in OWN_SCRIPT_FOLDERS)
    tabs = []
    for _number in range(min(TABS, len(addresses))):
        tab = _Tab(context.new_page())
        tab.page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
        debugger = context.new_cdp_session(tab.page)
        # The page's own world only: Playwright keeps its helpers in an isolated world.
        debugger.on(
            "Debugger.scriptParsed",
            lambda event, compiled=tab.compiled: (
                compiled.append(event.get("url") or "(inline code or a handler)")
                if (event.get("executionContextAuxData") or {}).get("isDefault")
                else None
            ),
        )
        debugger.send("Debugger.enable")
        tabs.append(tab)
    try:
        for number, address in enumerate(addresses):
            tab = tabs[number % len(tabs)]
            if tab.address is not None:
                _note_settled(tab, own, seen)
            # Nothing is evaluated in the pages (Playwright's own code would be compiled there too).
            _open(tab, address)
        for tab in tabs:
            if tab.address is not None:
                _note_settled(tab, own, seen)
    finally:
        context.close()
    return seen


def test_the_page_with_everything_allowed_runs_no_script_and_stays_in_every_language(allowed_site, serve, browser):
    server = serve(allowed_site)
    pages = [path for path in sorted(allowed_site.rglob("*.html")) if ALLOWED_TEXT in path.read_text(encoding="utf-8")]
    assert sorted(path.relative_to(allowed_site).parts[0] for path in pages) == sorted(
        ["el", "en", "tr", "vsichko-pozvoleno"]
    ), pages
    seen = record(browser, server, [f"{server}/{path.relative_to(allowed_site).as_posix()}" for path in pages])
    assert seen == {"scripts": {}, "dialogs": [], "navigations": [], "elsewhere": []}


ATTACKS = {
    "script.html": "<p>x</p><script>1</script>",
    "handler.html": '<img src="missing.png" alt="" onerror="1">',
    "dialog.html": "<script>alert('hello')</script>",
    "refresh.html": '<meta http-equiv="refresh" content="0;url=target.html">',
}


def test_the_recorder_sees_scripts_dialogs_and_redirects(tmp_path, serve, browser):
    # The same recorder, on pages that do what the allow-list forbids: it must see each.
    for name, body in dict(ATTACKS, **{"target.html": "<p>target</p>"}).items():
        (tmp_path / name).write_text(f"<!doctype html><html lang=en><title>t</title>{body}</html>", encoding="utf-8")
    server = serve(tmp_path)
    seen = record(browser, server, [f"{server}/{name}" for name in ATTACKS])
    assert sorted(seen["scripts"]) == sorted(
        f"{server}/{name}" for name in ("script.html", "handler.html", "dialog.html")
    )
    assert seen["dialogs"] == ["hello"]
    assert seen["navigations"] == [f"{server}/refresh.html -> {server}/target.html"]
