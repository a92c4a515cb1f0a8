"""The nginx and Apache configurations of docs/hosting.md, run by Debian's servers on the published site.

Each server is started on 127.0.0.1 (a free port, in the foreground) with the
generated snippets around the built output, and real requests check the headers
of a page, a fingerprinted asset, a 404 and a calendar (.ics), the gzip answer,
and that no folder is listed. Apache runs twice, with the snippet in the site's
<Directory> block and in its .htaccess, on a copy of the output that is served
through an `output` link, as a build leaves it, and that has symbolic links
planted in it: Apache must refuse them. Installing nginx and apache2 is
`invoke test-tools`' job: without one, its tests are skipped and say so, except
in CI (CI=true), where they fail.
"""

import contextlib
import gzip
import http.client
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from pelican.settings import read_settings

from conftest import REPO, TEST_SITEURL
from publishing.hosting import apache_snippet, nginx_http_snippet, nginx_server_snippet, site_headers
from publishing.settings import IMMUTABLE
from publishing.settings import read_settings as read_publishing_settings
from site_checks import stop_process

SETTINGS = read_settings(str(REPO / "publishconf.py"))
HEADERS = site_headers(read_publishing_settings(SETTINGS), TEST_SITEURL)
NGINX_CANDIDATES = ("/usr/sbin/nginx", "nginx")
MIME_TYPES = Path("/etc/nginx/mime.types")
APACHE_CANDIDATES = ("/usr/sbin/apache2", "apache2")
APACHE_MODULES = Path("/usr/lib/apache2/modules")
# The snippet in the site's <Directory> block, or in its .htaccess (the only choice on shared hosting).
APACHE_SERVERS = ("apache <Directory>", "apache .htaccess")
SERVERS = ("nginx", *APACHE_SERVERS)
# Symbolic links planted in Apache's copy of the site: to a page of the site (same owner,
# which SymLinksIfOwnerMatch would follow) and to a folder outside the document root.
PLANTED_LINKS = {"linked-page.html": "index.html", "linked-folder": "../outside"}
# Every page, asset and error answer carries these, with the values of the setting.
SITE_WIDE = (
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "Cross-Origin-Opener-Policy",
    "Cross-Origin-Resource-Policy",
    "Strict-Transport-Security",
)

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

# Debian's modules, with mod_autoindex and mod_negotiation loaded so that the snippet has
# listings and MultiViews to switch off. <Directory /> follows links as Debian's apache2.conf
# does: a link is checked against the options of the folder that holds it, so the document
# root can be `output`, the link to the live generation.
APACHE_CONF = """ServerRoot "{run}"
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile "{run}/apache2.pid"
DefaultRuntimeDir "{run}"
ErrorLog "{run}/error.log"
LogLevel warn
{user}
LoadModule mpm_event_module {modules}/mod_mpm_event.so
LoadModule authz_core_module {modules}/mod_authz_core.so
LoadModule dir_module {modules}/mod_dir.so
LoadModule mime_module {modules}/mod_mime.so
LoadModule headers_module {modules}/mod_headers.so
LoadModule deflate_module {modules}/mod_deflate.so
LoadModule autoindex_module {modules}/mod_autoindex.so
LoadModule negotiation_module {modules}/mod_negotiation.so
TypesConfig /etc/mime.types
DocumentRoot "{root}"
DirectoryIndex index.html
<Directory />
    Options FollowSymLinks
    AllowOverride None
    Require all denied
</Directory>
<Directory "{root}">
    Require all granted
{site_part}
</Directory>
"""
# What docs/hosting.md asks of the server for the .htaccess.
APACHE_HTACCESS_OVERRIDE = "AllowOverride FileInfo Options"


def find_program(candidates, package):
    """Return the first of ``candidates`` installed, or skip (fail under CI=true) saying how to install it."""
    for candidate in candidates:
        found = shutil.which(candidate)
        if found:
            return found
    reason = (
        f"Debian's {package} is not installed: run `.venv/bin/invoke test-tools` as root, "
        f"or `apt-get install {package}`"
    )
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


@contextlib.contextmanager
def running(command, port, log):
    """Run a server in the foreground until the block ends; fail with its ``log`` if it does not listen on ``port``."""
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    # Stopped first: its stderr ends only when it does.
                    stop_process(server)
                    written = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
                    pytest.fail(
                        f"{command[0]} did not start on 127.0.0.1:{port}:\n{server.stderr.read()}{written}",
                        pytrace=False,
                    )
                time.sleep(0.05)
        yield
    finally:
        stop_process(server)
        server.stderr.close()


@contextlib.contextmanager
def nginx(published_site, run):
    """Serve the published site with the generated nginx configuration; yield its port."""
    program = find_program(NGINX_CANDIDATES, "nginx")
    port = free_port()
    conf = run / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(
            run=run,
            port=port,
            root=published_site,
            mime_types=MIME_TYPES,
            http_part=indent(nginx_http_snippet(HEADERS), 4),
            server_part=indent(nginx_server_snippet(HEADERS), 8),
        ),
        encoding="utf-8",
    )
    # -e: the error log from the start, before the configuration is read (not /var/log, which a user cannot write).
    options = ["-c", str(conf), "-p", str(run), "-e", str(run / "error.log")]
    checked = subprocess.run([program, "-t", "-q", *options], capture_output=True, text=True)
    assert checked.returncode == 0, f"nginx refuses the generated configuration:\n{checked.stderr}"
    with running([program, *options], port, run / "error.log"):
        yield port


def plant_site(published_site, folder):
    """Copy the published site into ``folder`` as a build leaves it, with PLANTED_LINKS; return its `output` link."""
    shutil.copytree(published_site, folder / "generation")
    (folder / "outside").mkdir()
    (folder / "outside" / "secret.txt").write_text("not part of the site\n", encoding="utf-8")
    for name, target in PLANTED_LINKS.items():
        (folder / "generation" / name).symlink_to(target)
    (folder / "output").symlink_to("generation")
    return folder / "output"


@contextlib.contextmanager
def apache(published_site, place):
    """Serve a copy of the published site with the generated Apache snippet in ``place``; yield its port."""
    program = find_program(APACHE_CANDIDATES, "apache2")
    # Started as root, Apache serves as nobody, who cannot enter pytest's private tmp folders.
    with tempfile.TemporaryDirectory(prefix="apache-") as name:
        run = Path(name)
        run.chmod(0o755)
        root = plant_site(published_site, run)
        user = ""
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            user = f"User #{nobody.pw_uid}\nGroup #{nobody.pw_gid}"
        if place == "apache .htaccess":
            (root / ".htaccess").write_text(apache_snippet(HEADERS), encoding="utf-8")
            site_part = indent(APACHE_HTACCESS_OVERRIDE, 4)
        else:
            site_part = indent(apache_snippet(HEADERS), 4)
        port = free_port()
        conf = run / "apache2.conf"
        conf.write_text(
            APACHE_CONF.format(run=run, port=port, user=user, modules=APACHE_MODULES, root=root, site_part=site_part),
            encoding="utf-8",
        )
        checked = subprocess.run([program, "-t", "-f", str(conf)], capture_output=True, text=True)
        assert checked.returncode == 0, f"Apache refuses the generated configuration:\n{checked.stderr}"
        with running([program, "-f", str(conf), "-DFOREGROUND"], port, run / "error.log"):
            yield port


@pytest.fixture(scope="module", params=SERVERS)
def server(request, published_site, tmp_path_factory):
    """The port of one of SERVERS serving the published site; a test picks others with indirect parametrize."""
    if request.param == "nginx":
        started = nginx(published_site, tmp_path_factory.mktemp("nginx"))
    else:
        started = apache(published_site, request.param)
    with started as port:
        yield port


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


def test_a_page_gets_every_header_and_a_gzip_answer(server, published_site):
    status, headers, body = get(server, "/")
    assert status == 200
    assert_site_wide(headers, "/")
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert "immutable" not in headers.get("cache-control", ""), "a page must not be cached for a year"
    assert body == (published_site / "index.html").read_bytes()
    status, headers, body = get(server, "/", gzip_ok=True)
    assert (status, headers.get("content-encoding"), headers.get("vary")) == (200, "gzip", "Accept-Encoding")
    assert gzip.decompress(body) == (published_site / "index.html").read_bytes()


def test_a_fingerprinted_asset_is_cached_for_a_year(server, published_site):
    stylesheet = next((published_site / "assets").glob("site.*.css"))
    path = f"/assets/{stylesheet.name}"
    status, headers, _body = get(server, path)
    assert status == 200
    assert headers.get("cache-control") == IMMUTABLE
    assert_site_wide(headers, path)


@pytest.mark.parametrize("path", ["/assets/site.0000000000.css", "/no-such-page/"])
def test_a_404_keeps_the_headers_but_is_not_cached(server, published_site, path):
    status, headers, body = get(server, path)
    assert status == 404
    assert "cache-control" not in headers, f"{path}: a 404 sent Cache-Control {headers.get('cache-control')!r}"
    assert_site_wide(headers, path)
    assert body == (published_site / "404.html").read_bytes(), "the 404 is not the site's own 404 page"


def test_a_calendar_is_served_as_text_calendar(server, published_site):
    calendar = sorted(published_site.rglob("*.ics"))[0]
    path = "/" + calendar.relative_to(published_site).as_posix()
    status, headers, body = get(server, path)
    assert status == 200
    assert headers["content-type"].split(";")[0] == "text/calendar"
    assert body.startswith(b"BEGIN:VCALENDAR")
    assert_site_wide(headers, path)


@pytest.mark.parametrize("path", ["/assets/", "/pagefind/fragment/"])
def test_a_folder_is_not_listed(server, published_site, path):
    assert (published_site / path.strip("/")).is_dir() and not (
        published_site / path.strip("/") / "index.html"
    ).exists()
    status, _headers, body = get(server, path)
    assert status in (403, 404), f"{path} answered {status}"
    assert b"Index of" not in body


@pytest.mark.parametrize("server", APACHE_SERVERS, indirect=True)
@pytest.mark.parametrize("path", ["/linked-page.html", "/linked-folder/secret.txt"])
def test_apache_follows_no_symbolic_link(server, path):
    status, _headers, body = get(server, path)
    assert status == 403, f"{path} answered {status}: {body[:80]!r}"


@pytest.mark.parametrize(
    ("siteurl", "hsts"),
    [
        ("https://www.rao-trakia.example", True),
        ("", False),
        ("http://www.rao-trakia.example", False),
        ("https://localhost:8000", False),
        ("https://127.0.0.1", False),
    ],
)
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
