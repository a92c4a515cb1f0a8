"""The HTTP headers of PUBLISHING_HEADERS, written for each kind of static host.

One setting, made concrete for one SITEURL by site_headers(), then three spellings:
`_headers` (Netlify, Cloudflare Pages), an nginx snippet and an Apache snippet (both
kept in docs/hosting.md), plus the part of the policy that a page can carry itself in
<meta> (for hosts that set no headers, like GitHub Pages).
"""

from urllib.parse import urlsplit

from .search import BUNDLE_DIR
from .settings import SCRIPT_SOURCES

# Directives a <meta http-equiv="Content-Security-Policy"> cannot carry (CSP Level 3, 6.1).
META_IGNORED_DIRECTIVES = ("frame-ancestors", "report-uri", "report-to", "sandbox")


# Hosts that are never reached over a public https:// address: no HSTS for them.
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "0.0.0.0")

# Headers the nginx and Apache snippets send with status 200 only: a 404 or 403 under
# /assets/ must not be cached for a year.
ONLY_WITH_200 = ("Cache-Control",)

# The text files Apache compresses: those the build writes .gz copies of for nginx
# (PUBLISHING_PRECOMPRESS_EXTENSIONS); images and fonts are compressed already.
APACHE_COMPRESSED = "html|css|js|json|xml|txt|ics|svg"


def script_folders(options):
    """Return the output folders our own scripts live in: the fingerprinted assets and Pagefind's bundle."""
    return [options["PUBLISHING_ASSETS_DIR"], BUNDLE_DIR]


def script_sources(siteurl, folders):
    """Return the script-src sources of ``folders`` under ``siteurl``.

    A CSP source with a path must name its host, so a build without an absolute
    SITEURL (the development build, served from wherever the editor runs it) can
    only say 'self'.
    """
    if not siteurl.startswith(("https://", "http://")):
        return "'self'"
    return " ".join(f"{siteurl.rstrip('/')}/{folder}/" for folder in folders)


def is_public_https(siteurl):
    """True if ``siteurl`` is an https:// address of a host other than this machine."""
    parts = urlsplit(siteurl)
    return parts.scheme == "https" and (parts.hostname or "") not in LOCAL_HOSTS


def site_headers(options, siteurl):
    """Return PUBLISHING_HEADERS made concrete for ``siteurl``: script folders in the policy, HSTS if https.

    A new mapping: the settings are read, never changed.
    """
    sources = script_sources(siteurl, script_folders(options))
    headers = {
        pattern: {name: value.replace(SCRIPT_SOURCES, sources) for name, value in values.items()}
        for pattern, values in options["PUBLISHING_HEADERS"].items()
    }
    if options["PUBLISHING_HSTS"] and is_public_https(siteurl):
        headers["/*"]["Strict-Transport-Security"] = options["PUBLISHING_HSTS"]
    return headers


def netlify_headers(headers):
    """Return the text of a _headers file (Netlify and Cloudflare Pages format)."""
    blocks = []
    for pattern, values in headers.items():
        lines = [pattern] + [f"  {name}: {value}" for name, value in values.items()]
        blocks.append("\n".join(lines))
    return "\n".join(blocks) + "\n"


def meta_policy(headers):
    """Return the Content-Security-Policy of "/*" without what a <meta> cannot say."""
    directives = [part.strip() for part in headers["/*"]["Content-Security-Policy"].split(";") if part.strip()]
    return "; ".join(d for d in directives if d.split()[0] not in META_IGNORED_DIRECTIVES)


def _folder(pattern):
    """Return "/assets/" for the pattern "/assets/*"."""
    return pattern[:-1]


def _status_variables(headers):
    """Return {value: nginx variable} for the values of the headers sent with status 200 only."""
    values = sorted(
        {
            value
            for pattern, fields in headers.items()
            if pattern != "/*"
            for name, value in fields.items()
            if name in ONLY_WITH_200
        }
    )
    return {value: f"$publishing_only_with_200_{number}" for number, value in enumerate(values, 1)}


def nginx_http_snippet(headers):
    """Return the part of the nginx configuration that belongs in the http { } block (a map cannot go in server)."""
    lines = [
        "# Inside the http { } block. Generated from PUBLISHING_HEADERS",
        "# (plugins/publishing/settings.py) by `invoke hosting-docs`.",
        "# Long caching with status 200 only: an empty value sends no header at all.",
    ]
    for value, variable in _status_variables(headers).items():
        lines += [f"map $status {variable} {{", f'    200 "{value}";', '    default "";', "}"]
    return "\n".join(lines) + "\n"


def _nginx_header(name, value, variables):
    if name in ONLY_WITH_200 and value in variables:
        return f"add_header {name} {variables[value]} always;"
    return f'add_header {name} "{value}" always;'


def nginx_server_snippet(headers):
    """Return the part of the nginx configuration that belongs in the site's server { } block."""
    site_wide = headers["/*"]
    variables = _status_variables(headers)
    lines = [
        "# Inside the server { } block of the site. Generated from PUBLISHING_HEADERS",
        "# (plugins/publishing/settings.py) by `invoke hosting-docs`.",
        "gzip_static on;  # serve the .gz copies the build writes (ngx_http_gzip_static_module)",
        "gzip_vary on;  # Vary: Accept-Encoding, so that caches keep the gzip and plain copies apart",
        "charset utf-8;",
        "error_page 404 /404.html;",
        "",
    ]
    lines += [_nginx_header(name, value, variables) for name, value in site_wide.items()]
    # An add_header inside a location replaces every inherited one: each location repeats the site-wide headers.
    for pattern, values in headers.items():
        if pattern == "/*":
            continue
        lines += ["", f"location {_folder(pattern)} {{"]
        lines += ["    " + _nginx_header(name, value, variables) for name, value in {**site_wide, **values}.items()]
        lines.append("}")
    lines += [
        "",
        "# The training calendars: nginx's own types map has no .ics.",
        r"location ~* \.ics$ {",
        "    types { text/calendar ics; }",
    ]
    lines += ["    " + _nginx_header(name, value, variables) for name, value in site_wide.items()]
    lines.append("}")
    return "\n".join(lines) + "\n"


def nginx_snippet(headers):
    """Return the nginx configuration that sends the same headers: the http part, then the server part."""
    return nginx_http_snippet(headers) + "\n" + nginx_server_snippet(headers)


def apache_snippet(headers):
    """Return the Apache configuration (.htaccess or <Directory>) that sends the same headers."""
    lines = [
        "# In the site's .htaccess or <Directory> block (mod_headers, mod_mime, mod_deflate).",
        "# Generated from PUBLISHING_HEADERS (plugins/publishing/settings.py) by `invoke hosting-docs`.",
        "# A static site needs no option: no directory listings, no symbolic link followed",
        "# (not even to a file of the same owner), no CGI, no server-side includes, no MultiViews.",
        "Options None",
        "AddDefaultCharset utf-8",
        "ErrorDocument 404 /404.html",
        "<IfModule mod_headers.c>",
    ]
    lines += [f'    Header always set {name} "{value}"' for name, value in headers["/*"].items()]
    for pattern, values in headers.items():
        if pattern == "/*":
            continue
        lines.append(f'    <If "%{{REQUEST_URI}} =~ m#^{_folder(pattern)}#">')
        lines += [
            f'        Header always set {name} "{value}"'
            + (' "expr=%{REQUEST_STATUS} == 200"' if name in ONLY_WITH_200 else "")
            for name, value in values.items()
        ]
        lines.append("    </If>")
    lines += [
        "</IfModule>",
        "<IfModule mod_mime.c>",
        "    AddType text/calendar .ics",
        "</IfModule>",
        # The build's .gz copies could only be picked with mod_rewrite, which in .htaccess and
        # <Directory> refuses to run unless symbolic links are followed: compress on the fly instead.
        "# Compressed for browsers that accept gzip; mod_deflate also sends Vary: Accept-Encoding.",
        "<IfModule mod_deflate.c>",
        rf'    <FilesMatch "\.({APACHE_COMPRESSED})$">',
        "        SetOutputFilter DEFLATE",
        "    </FilesMatch>",
        "</IfModule>",
    ]
    return "\n".join(lines) + "\n"


# The sections of docs/hosting.md that are generated: marker name -> (language, function).
SNIPPETS = {
    "netlify": ("text", netlify_headers),
    "nginx": ("nginx", nginx_snippet),
    "apache": ("apache", apache_snippet),
}


def _markers(name):
    return f"<!-- generated: {name} -->", f"<!-- end generated: {name} -->"


def render_docs(text, headers):
    """Return docs/hosting.md with each generated section rewritten from ``headers``."""
    for name, (language, make) in SNIPPETS.items():
        begin, end = _markers(name)
        start, stop = text.index(begin) + len(begin), text.index(end)
        text = text[:start] + f"\n```{language}\n{make(headers)}```\n" + text[stop:]
    return text
