"""Settings of the publishing plugin: defaults in one place, checked before the build."""

import re

from multilingual.plugin_settings import PluginSettingsError, read_plugin_settings

from .deploy import DeployTargetError, parse_target

PREFIX = "PUBLISHING_"

# Stands in the policy for the folders our own scripts live at; hosting.site_headers() puts
# them in place (a CSP source can carry a path, but only with a host: see SCRIPT_FOLDERS).
SCRIPT_SOURCES = "{script-sources}"

# The Content-Security-Policy of every page. No 'unsafe-inline' anywhere: the theme has no
# inline script or style. script-src names the folders of our own scripts, not the whole
# origin, so that a .js file published anywhere else on the site cannot run.
# 'wasm-unsafe-eval' lets the search page compile Pagefind's WebAssembly (it allows
# WebAssembly only, not eval()); JSON-LD blocks are data, not scripts, and are not subject to
# script-src (docs/hosting.md explains both). base-uri 'none': no page has a <base>, so an
# injected one cannot redirect the relative links.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    f"script-src {SCRIPT_SOURCES} 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",  # Pagefind's interface draws its search icon from a data: SVG
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

# A year, for files whose name changes whenever their content does.
IMMUTABLE = "public, max-age=31536000, immutable"

DEFAULTS = {
    # HTTP headers by path pattern ("/*" or "/folder/*"), written to _headers (Netlify,
    # Cloudflare Pages) and, through `invoke hosting-docs`, to the nginx and Apache
    # snippets in docs/hosting.md. The policy of "/*" is also put in every page's <meta>.
    "PUBLISHING_HEADERS": {
        "/*": {
            "Content-Security-Policy": CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "same-origin",
            "Permissions-Policy": "accelerometer=(), browsing-topics=(), camera=(), geolocation=(), gyroscope=(), "
                                  "magnetometer=(), microphone=(), payment=(), usb=()",
            # A window this site opens, or that opens it, gets no handle on the other.
            "Cross-Origin-Opener-Policy": "same-origin",
            # Other sites' pages cannot embed our files (images, scripts) in theirs; links still work.
            "Cross-Origin-Resource-Policy": "same-origin",
        },
        # Fingerprinted assets (site.<hash>.css) and Pagefind's content-addressed chunks. The
        # nginx and Apache snippets send a Cache-Control of these folders with status 200 only.
        "/assets/*": {"Cache-Control": IMMUTABLE},
        "/pagefind/fragment/*": {"Cache-Control": IMMUTABLE},
        "/pagefind/index/*": {"Cache-Control": IMMUTABLE},
    },
    # Strict-Transport-Security sent with every file when SITEURL is https:// on a public host
    # (never for localhost or an empty SITEURL); empty: not sent. Two years, without
    # includeSubDomains or preload: those bind every other host of the domain as well.
    "PUBLISHING_HSTS": "max-age=63072000",
    # Output folder of the minified, fingerprinted stylesheet and script.
    "PUBLISHING_ASSETS_DIR": "assets",
    # The theme's stylesheet (inside the theme's static/ folder) that pages link.
    "PUBLISHING_STYLESHEET": "css/site.css",
    # Key of the Markdown page (Template: search) that is the search page of each language.
    "PUBLISHING_SEARCH_PAGE_KEY": "search",
    # Index the built pages with Pagefind after the build (a failed indexing fails the build);
    # publishconf.py turns it on. Without an index the search page shows its list of pages.
    "PUBLISHING_SEARCH_INDEX": False,
    # Write a .gz copy (gzip -9, no timestamp) of every text file, for nginx's gzip_static
    # and Apache; publishconf.py turns it on.
    "PUBLISHING_PRECOMPRESS": False,
    # The files that get a .gz copy, by extension.
    "PUBLISHING_PRECOMPRESS_EXTENSIONS": [".html", ".css", ".js", ".json", ".xml", ".txt", ".ics", ".svg"],
    # Give every page a 1200 × 630 picture with the site's name and the page's title (og:image),
    # made with Pillow (share_card.py) and cached by content in CACHE_PATH/share-cards;
    # publishconf.py turns it on (shared pages need absolute addresses).
    "PUBLISHING_SHARE_CARDS": False,
    # Load the live-reload client on every page (live-reload.js, from assets/): `invoke serve`
    # turns it on for the preview; a built or published site never has it.
    "PUBLISHING_LIVE_RELOAD": False,
    # Where `invoke deploy` uploads output/: "rsync:USER@HOST:/path/" or "ghp-import:BRANCH";
    # empty: deploy refuses to run.
    "PUBLISHING_DEPLOY_TARGET": "",
}

TYPES = {
    "PUBLISHING_HEADERS": dict,
    "PUBLISHING_HSTS": str,
    "PUBLISHING_ASSETS_DIR": str,
    "PUBLISHING_STYLESHEET": str,
    "PUBLISHING_SEARCH_PAGE_KEY": str,
    "PUBLISHING_SEARCH_INDEX": bool,
    "PUBLISHING_PRECOMPRESS": bool,
    "PUBLISHING_PRECOMPRESS_EXTENSIONS": list,
    "PUBLISHING_DEPLOY_TARGET": str,
    "PUBLISHING_SHARE_CARDS": bool,
    "PUBLISHING_LIVE_RELOAD": bool,
}

PATH_PATTERN = re.compile(r"^/(?:[A-Za-z0-9._-]+/)*\*$")


SettingsError = PluginSettingsError


def read_settings(settings):
    """Return the plugin's settings: the defaults overlaid with the site's, checked."""
    merged = read_plugin_settings(settings, "publishing", PREFIX, DEFAULTS, TYPES)
    check_headers(merged["PUBLISHING_HEADERS"])
    if not all(isinstance(ext, str) and ext.startswith(".") for ext in merged["PUBLISHING_PRECOMPRESS_EXTENSIONS"]):
        raise SettingsError("publishing: PUBLISHING_PRECOMPRESS_EXTENSIONS must be a list of extensions like '.html'")
    if not re.fullmatch(r"[a-z0-9_-]+", merged["PUBLISHING_ASSETS_DIR"]):
        raise SettingsError("publishing: PUBLISHING_ASSETS_DIR must be one folder name, e.g. 'assets'")
    if not re.fullmatch(r"(max-age=\d+(; ?includeSubDomains)?(; ?preload)?)?", merged["PUBLISHING_HSTS"]):
        raise SettingsError(f"publishing: PUBLISHING_HSTS must be like 'max-age=63072000' (or empty: no HSTS), "
                            f"not {merged['PUBLISHING_HSTS']!r}")
    target = merged["PUBLISHING_DEPLOY_TARGET"]
    if target:
        try:
            parse_target(target)
        except DeployTargetError as error:
            raise SettingsError(f"publishing: {error}") from None
    return merged


def check_headers(headers):
    """Raise SettingsError unless ``headers`` is {"/…/*": {name: value}} with a strict policy for "/*"."""
    if "/*" not in headers:
        raise SettingsError('publishing: PUBLISHING_HEADERS needs the headers of every page under "/*"')
    for pattern, values in headers.items():
        if not isinstance(pattern, str) or not PATH_PATTERN.match(pattern):
            raise SettingsError(f'publishing: PUBLISHING_HEADERS path {pattern!r} must be "/*" or "/folder/*"')
        if not isinstance(values, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in values.items()):
            raise SettingsError(f"publishing: PUBLISHING_HEADERS[{pattern!r}] must map header names to strings")
        for name, value in values.items():
            if "\n" in value or '"' in value:
                raise SettingsError(f"publishing: PUBLISHING_HEADERS[{pattern!r}][{name!r}] must be one line without double quotes")
    policy = headers["/*"].get("Content-Security-Policy")
    if not policy:
        raise SettingsError('publishing: PUBLISHING_HEADERS["/*"] needs a Content-Security-Policy')
    if "'unsafe-inline'" in policy or "'unsafe-eval'" in policy:
        raise SettingsError("publishing: the Content-Security-Policy must not allow 'unsafe-inline' or 'unsafe-eval'; "
                            "move the script or style into a file instead")
