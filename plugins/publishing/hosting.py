"""The HTTP headers of PUBLISHING_HEADERS, written for each kind of static host.

One setting, three spellings: `_headers` (Netlify, Cloudflare Pages), an nginx
snippet and an Apache snippet (both kept in docs/hosting.md), plus the part of the
policy that a page can carry itself in <meta> (for hosts that set no headers,
like GitHub Pages).
"""

# Directives a <meta http-equiv="Content-Security-Policy"> cannot carry (CSP Level 3, 6.1).
META_IGNORED_DIRECTIVES = ("frame-ancestors", "report-uri", "report-to", "sandbox")


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


def nginx_snippet(headers):
    """Return the nginx configuration that sends the same headers (inside a server block)."""
    site_wide = headers["/*"]
    lines = [
        "# Inside the server { } block of the site. Generated from PUBLISHING_HEADERS",
        "# (plugins/publishing/settings.py) by `invoke hosting-docs`.",
        "gzip_static on;  # serve the .gz copies the build writes (ngx_http_gzip_static_module)",
        "charset utf-8;",
        "error_page 404 /404.html;",
        "",
    ]
    lines += [f'add_header {name} "{value}" always;' for name, value in site_wide.items()]
    for pattern, values in headers.items():
        if pattern == "/*":
            continue
        # An add_header inside a location replaces every inherited one: repeat the site-wide headers.
        lines += ["", f"location {_folder(pattern)} {{"]
        lines += [f'    add_header {name} "{value}" always;' for name, value in {**site_wide, **values}.items()]
        lines.append("}")
    return "\n".join(lines) + "\n"


def apache_snippet(headers):
    """Return the Apache configuration (.htaccess or <Directory>) that sends the same headers."""
    lines = [
        "# In the site's .htaccess or <Directory> block (mod_headers, mod_rewrite, mod_mime).",
        "# Generated from PUBLISHING_HEADERS (plugins/publishing/settings.py) by `invoke hosting-docs`.",
        "AddDefaultCharset utf-8",
        "ErrorDocument 404 /404.html",
        "<IfModule mod_headers.c>",
    ]
    lines += [f'    Header always set {name} "{value}"' for name, value in headers["/*"].items()]
    for pattern, values in headers.items():
        if pattern == "/*":
            continue
        lines.append(f'    <If "%{{REQUEST_URI}} =~ m#^{_folder(pattern)}#">')
        lines += [f'        Header always set {name} "{value}"' for name, value in values.items()]
        lines.append("    </If>")
    lines += [
        "</IfModule>",
        "# Serve the .gz copy the build wrote next to a file when the browser accepts gzip.",
        "<IfModule mod_rewrite.c>",
        "    RewriteEngine On",
        "    RewriteCond %{HTTP:Accept-Encoding} gzip",
        "    RewriteCond %{REQUEST_FILENAME}.gz -s",
        r"    RewriteRule ^(.+)\.(html|css|js|json|xml|txt|ics|svg)$ $1.$2.gz [L]",
        r"    RewriteRule \.gz$ - [E=no-gzip:1]",
        "</IfModule>",
        # file.css.gz: the type comes from .css, the encoding from .gz.
        "<IfModule mod_mime.c>",
        "    RemoveType .gz",
        "    AddEncoding gzip .gz",
        "</IfModule>",
        r'<FilesMatch "\.gz$">',
        "    <IfModule mod_headers.c>",
        "        Header append Vary Accept-Encoding",
        "    </IfModule>",
        "</FilesMatch>",
    ]
    return "\n".join(lines) + "\n"


# The sections of docs/hosting.md that are generated: marker name -> (language, function).
SNIPPETS = {"netlify": ("text", netlify_headers), "nginx": ("nginx", nginx_snippet), "apache": ("apache", apache_snippet)}


def _markers(name):
    return f"<!-- generated: {name} -->", f"<!-- end generated: {name} -->"


def render_docs(text, headers):
    """Return docs/hosting.md with each generated section rewritten from ``headers``."""
    for name, (language, make) in SNIPPETS.items():
        begin, end = _markers(name)
        start, stop = text.index(begin) + len(begin), text.index(end)
        text = text[:start] + f"\n```{language}\n{make(headers)}```\n" + text[stop:]
    return text
