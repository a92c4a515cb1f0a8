"""Everything the HTML allow-list allows runs no script and sends no visitor elsewhere, in Chromium.

A copy of the real site with a page that uses every element, attribute and
kind of link the allow-list allows (tests/fixtures/allowed) is built; every
page of it is opened with its Content-Security-Policy bypassed, so that the
result holds on a host that sends no headers. Chromium's debugger reports
every script it compiles (inline code, event handlers, javascript: links,
files); only the site's own script files may appear. Dialogs, navigations of
the page away from its address and requests to other hosts are recorded too.
Nothing is evaluated in the pages, so that the only code compiled in a page's
own world is the page's.
"""

import re
import shutil

import pytest
from PIL import Image

from conftest import REPO, build

ALLOWED_PAGE = REPO / "tests" / "fixtures" / "allowed" / "everything-allowed.bg.md"
# Where the site's own scripts are published (plugins/publishing): the only code a page may load.
OWN_SCRIPT_FOLDERS = ("/assets/", "/pagefind/")
SETTLE_MS = 300  # long enough for a <meta http-equiv=refresh content=0> to fire
TABS = 8  # pages open at once


@pytest.fixture(scope="module")
def allowed_site(tmp_path_factory):
    """The real site plus the page that uses everything the allow-list allows (development build)."""
    root = tmp_path_factory.mktemp("allowed")
    for folder in ("content", "data"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(ALLOWED_PAGE, root / "content" / "pages" / ALLOWED_PAGE.name)
    (root / "content" / "images").mkdir(exist_ok=True)
    # A small real photo for the page's figure (the images plugin reads and re-encodes it).
    Image.new("RGB", (64, 48), (40, 90, 140)).save(root / "content" / "images" / "snimka.png")
    return build(root, root / "output")


def record(browser, server, addresses):
    """Open each address; return what ran or happened: {scripts, dialogs, navigations, elsewhere}.

    ``scripts`` maps an address to the code compiled in the page's own world
    that is not one of the site's script files. The addresses are opened TABS at a
    time, one in each tab, and the tabs then settle together: a tab opened earlier
    has settled for longer than the last.
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
        page = context.new_page()
        page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
        compiled = []
        debugger = context.new_cdp_session(page)
        # The page's own world only: Playwright keeps its helpers in an isolated world.
        debugger.on(
            "Debugger.scriptParsed",
            lambda event, compiled=compiled: (
                compiled.append(event.get("url") or "(inline code or a handler)")
                if (event.get("executionContextAuxData") or {}).get("isDefault")
                else None
            ),
        )
        debugger.send("Debugger.enable")
        tabs.append((page, compiled))
    try:
        for start in range(0, len(addresses), len(tabs)):
            opened = list(zip(tabs, addresses[start : start + len(tabs)], strict=False))  # the last batch may be short
            for (page, compiled), address in opened:
                compiled.clear()
                page.goto(address, wait_until="load")
            # Nothing is evaluated in the pages (Playwright's own code would be compiled there too).
            tabs[0][0].wait_for_timeout(SETTLE_MS)
            for (page, compiled), address in opened:
                if page.url != address:
                    seen["navigations"].append(f"{address} -> {page.url}")
                foreign = [url for url in compiled if not url.startswith(own)]
                if foreign:
                    seen["scripts"][address] = foreign
    finally:
        context.close()
    return seen


def test_no_page_runs_script_or_navigates_away(allowed_site, serve, browser):
    server = serve(allowed_site)
    files = sorted(allowed_site.rglob("*.html"))
    assert any("vsichko-pozvoleno" in path.as_posix() for path in files), (
        "the page with everything allowed was not built"
    )
    seen = record(browser, server, [f"{server}/{path.relative_to(allowed_site).as_posix()}" for path in files])
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
