"""The nginx configuration of docs/hosting.md, run by Debian's nginx on the published site.

nginx is started on 127.0.0.1 (a free port, in the foreground, no master process)
with the generated http and server snippets around the built output, and real
requests check the headers of a page, a fingerprinted asset, a 404 and a
calendar (.ics). Installing nginx is `invoke test-tools`' job: without it the
test is skipped and says so, except in CI (CI=true), where it fails.
"""

import gzip
import http.client
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from pelican.settings import read_settings

from conftest import REPO, TEST_SITEURL
from publishing.hosting import nginx_http_snippet, nginx_server_snippet, site_headers
from publishing.settings import IMMUTABLE
from publishing.settings import read_settings as read_publishing_settings
from site_checks import stop_process

SETTINGS = read_settings(str(REPO / "publishconf.py"))
HEADERS = site_headers(read_publishing_settings(SETTINGS), TEST_SITEURL)
NGINX_CANDIDATES = ("/usr/sbin/nginx", "nginx")
MIME_TYPES = Path("/etc/nginx/mime.types")
# Every page, asset and error answer carries these, with the values of the setting.
SITE_WIDE = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy",
             "Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy", "Strict-Transport-Security")

NGINX_CONF = """daemon off;
master_process off;
pid {run}/nginx.pid;
error_log {run}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
{http_part}
    server {{
        listen 127.0.0.1:{port};
        root {root};
{server_part}
    }}
}}
"""


def find_nginx():
    """Return the nginx program, or skip (fail under CI=true) saying how to install it."""
    for candidate in NGINX_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    reason = "Debian's nginx is not installed: run `.venv/bin/invoke test-tools` as root, or `apt-get install nginx`"
    if os.environ.get("CI") == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def free_port():
    """Return a TCP port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def indent(text, spaces):
    return "\n".join((" " * spaces + line) if line else "" for line in text.splitlines())


@pytest.fixture(scope="module")
def nginx(published_site, tmp_path_factory):
    """Serve the published site with the generated configuration; yield its port; stop nginx."""
    program = find_nginx()
    run = tmp_path_factory.mktemp("nginx")
    port = free_port()
    conf = run / "nginx.conf"
    conf.write_text(NGINX_CONF.format(
        run=run, port=port, root=published_site, mime_types=MIME_TYPES,
        http_part=indent(nginx_http_snippet(HEADERS), 4), server_part=indent(nginx_server_snippet(HEADERS), 8),
    ), encoding="utf-8")
    # -e: the error log from the start, before the configuration is read (not /var/log, which a user cannot write).
    options = ["-c", str(conf), "-p", str(run), "-e", str(run / "error.log")]
    checked = subprocess.run([program, "-t", "-q", *options], capture_output=True, text=True)
    assert checked.returncode == 0, f"nginx refuses the generated configuration:\n{checked.stderr}"
    server = subprocess.Popen([program, *options], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"nginx did not start on 127.0.0.1:{port}:\n{server.stderr.read()}", pytrace=False)
                time.sleep(0.05)
        yield port
    finally:
        stop_process(server)
        server.stderr.close()


def get(port, path, gzip_ok=False):
    """Return (status, headers as {lower name: value}, body) of a GET of ``path``."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
        response = connection.getresponse()
        return response.status, {name.lower(): value for name, value in response.getheaders()}, response.read()
    finally:
        connection.close()


def assert_site_wide(headers, path):
    for name in SITE_WIDE:
        assert HEADERS["/*"].get(name), f"the setting has no {name} for a public https:// SITEURL"
        assert headers.get(name.lower()) == HEADERS["/*"][name], f"{path}: {name} is {headers.get(name.lower())!r}"


def test_a_page_gets_every_header_and_its_gzip_copy(nginx, published_site):
    status, headers, body = get(nginx, "/")
    assert status == 200
    assert_site_wide(headers, "/")
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert "immutable" not in headers.get("cache-control", ""), "a page must not be cached for a year"
    assert body == (published_site / "index.html").read_bytes()
    status, headers, body = get(nginx, "/", gzip_ok=True)
    assert (status, headers.get("content-encoding"), headers.get("vary")) == (200, "gzip", "Accept-Encoding")
    assert gzip.decompress(body) == (published_site / "index.html").read_bytes()


def test_a_fingerprinted_asset_is_cached_for_a_year(nginx, published_site):
    stylesheet = next((published_site / "assets").glob("site.*.css"))
    path = f"/assets/{stylesheet.name}"
    status, headers, _body = get(nginx, path)
    assert status == 200
    assert headers.get("cache-control") == IMMUTABLE
    assert_site_wide(headers, path)


@pytest.mark.parametrize("path", ["/assets/site.0000000000.css", "/no-such-page/"])
def test_a_404_keeps_the_headers_but_is_not_cached(nginx, published_site, path):
    status, headers, body = get(nginx, path)
    assert status == 404
    assert "cache-control" not in headers, f"{path}: a 404 sent Cache-Control {headers.get('cache-control')!r}"
    assert_site_wide(headers, path)
    assert body == (published_site / "404.html").read_bytes(), "the 404 is not the site's own 404 page"


def test_a_calendar_is_served_as_text_calendar(nginx, published_site):
    calendar = sorted(published_site.rglob("*.ics"))[0]
    path = "/" + calendar.relative_to(published_site).as_posix()
    status, headers, body = get(nginx, path)
    assert status == 200
    assert headers["content-type"].split(";")[0] == "text/calendar"
    assert body.startswith(b"BEGIN:VCALENDAR")
    assert_site_wide(headers, path)


@pytest.mark.parametrize(("siteurl", "hsts"), [
    ("https://www.rao-trakia.example", True),
    ("", False),
    ("http://www.rao-trakia.example", False),
    ("https://localhost:8000", False),
    ("https://127.0.0.1", False),
])
def test_hsts_only_for_a_public_https_address(siteurl, hsts):
    headers = site_headers(read_publishing_settings(SETTINGS), siteurl)
    assert ("Strict-Transport-Security" in headers["/*"]) is hsts


def test_hsts_can_be_switched_off():
    options = read_publishing_settings({**SETTINGS, "PUBLISHING_HSTS": ""})
    assert "Strict-Transport-Security" not in site_headers(options, "https://www.rao-trakia.example")["/*"]


def test_site_headers_leave_the_setting_as_it_was():
    options = read_publishing_settings(SETTINGS)
    before = repr(options["PUBLISHING_HEADERS"])
    site_headers(options, "https://www.rao-trakia.example")
    assert repr(options["PUBLISHING_HEADERS"]) == before
