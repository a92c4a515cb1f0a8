"""`invoke serve`'s preview reloads the browser after a rebuild, under the site's own Content-Security-Policy."""

import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from livereload.handlers import LiveReloadHandler

from conftest import REPO
from site_checks import stop_process

PLUGINS = REPO / "plugins"
CONNECTED = (
    "() => Boolean(window.LiveReload && window.LiveReload.connector && window.LiveReload.connector.socket"
    " && window.LiveReload.connector.socket.readyState === 1)"
)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def preview(tiny_site, tmp_path):
    """Run the preview server of `invoke serve` on the tiny site and a free port, watching one file; stop it afterwards."""
    port = free_port()
    watched = tmp_path / "watched.txt"
    watched.write_text("first", encoding="utf-8")
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from site_build.preview import serve_preview; "
        "serve_preview(sys.argv[2], sys.argv[3], [sys.argv[4]], port=int(sys.argv[5]), host='127.0.0.1', "
        "overrides={'PATH': sys.argv[6], 'SITE_DATA_PATH': sys.argv[7], 'MULTILINGUAL_TRANSLATIONS_PATH': sys.argv[8]})"
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            code,
            str(PLUGINS),
            str(REPO / "pelicanconf.py"),
            str(tmp_path / "output"),
            str(watched),
            str(port),
            str(tiny_site / "content"),
            str(tiny_site / "data"),
            str(REPO / "translations"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    address = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 120
    try:
        while True:
            try:
                with urllib.request.urlopen(address, timeout=2):
                    answered = time.monotonic()  # it watches since before it answers
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    stop_process(server)  # its stderr ends only when it does
                    pytest.fail(f"the preview did not start:\n{server.stderr.read()}", pytrace=False)
                time.sleep(0.5)
        yield address, watched, answered
    finally:
        stop_process(server)


def test_the_preview_reloads_the_page_after_a_change(preview, open_page):
    address, watched, answered = preview
    visit = open_page(address + "en/")
    page = visit.page
    assert page.locator("head script[src*='/assets/live-reload.']").count() == 1
    page.wait_for_function(CONNECTED, timeout=30000)
    page.evaluate("() => { window.__beforeReload = true; }")
    # livereload drops a change made in its first seconds of watching (DEFAULT_RELOAD_TIME), without retrying.
    time.sleep(max(0.0, answered + LiveReloadHandler.DEFAULT_RELOAD_TIME + 1 - time.monotonic()))
    watched.write_text("changed", encoding="utf-8")
    page.wait_for_function("() => window.__beforeReload === undefined", timeout=60000)
    page.wait_for_function(CONNECTED, timeout=30000)
    # The server's own inline snippet is refused (and harmless); nothing the reload needs is.
    refused = [text for kind, text in visit.console if "Content Security Policy" in text and "inline" not in text]
    assert not refused, refused


def test_a_built_site_has_no_live_reload(real_site):
    assert not list((real_site / "assets").glob("live-reload.*"))
    assert "live-reload" not in (real_site / "index.html").read_text(encoding="utf-8")
