"""Settings of the publishing plugin: one table, checked before the build."""

import re

from plugin_settings import PluginSettingsError, Setting, SettingsTable

from .deploy import DeployTargetError, parse_target

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
CONTENT_SECURITY_POLICY = "; ".join(
    [
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
    ]
)

# A year, for files whose name changes whenever their content does.
IMMUTABLE = "public, max-age=31536000, immutable"

# HTTP headers by path pattern ("/*" or "/folder/*"). The policy of "/*" is also put in every page's <meta>.
HEADERS = {
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
}

PATH_PATTERN = re.compile(r"^/(?:[A-Za-z0-9._-]+/)*\*$")


def headers_problem(headers):
    """Return what is wrong with ``headers`` ({"/…/*": {name: value}} with a strict policy for "/*"), or None."""
    if "/*" not in headers:
        return 'needs the headers of every page under "/*"'
    for pattern, values in headers.items():
        if not isinstance(pattern, str) or not PATH_PATTERN.match(pattern):
            return f'path {pattern!r} must be "/*" or "/folder/*"'
        if not isinstance(values, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in values.items()
        ):
            return f"of {pattern!r} must map header names to strings"
        for name, value in values.items():
            if "\n" in value or '"' in value:
                return f"{pattern!r} {name!r} must be one line without double quotes"
    policy = headers["/*"].get("Content-Security-Policy")
    if not policy:
        return 'of "/*" needs a Content-Security-Policy'
    if "'unsafe-inline'" in policy or "'unsafe-eval'" in policy:
        return (
            "has a Content-Security-Policy that allows 'unsafe-inline' or 'unsafe-eval'; "
            "move the script or style into a file instead"
        )
    return None


def _extensions_problem(extensions):
    if all(isinstance(ext, str) and ext.startswith(".") for ext in extensions):
        return None
    return "must be a list of extensions like '.html'"


def _target_problem(target):
    try:
        if target:
            parse_target(target)
    except DeployTargetError as error:
        # The error names the setting already.
        return str(error).removeprefix("PUBLISHING_DEPLOY_TARGET ")
    return None


SETTINGS = SettingsTable(
    "publishing",
    "PUBLISHING_",
    (
        Setting(
            "PUBLISHING_HEADERS",
            dict,
            HEADERS,
            "HTTP headers by path pattern (`/*` or `/folder/*`), written to `_headers` (Netlify, Cloudflare "
            "Pages) and, through `invoke hosting-docs`, to the nginx and Apache snippets in `docs/hosting.md`. "
            "The policy of `/*` is also put in every page's `<meta>`.",
            check=headers_problem,
            shown_default="`HEADERS` in `settings.py`: a strict Content-Security-Policy and the other "
            "headers of every page, long caching of fingerprinted files",
        ),
        Setting(
            "PUBLISHING_HSTS",
            str,
            "max-age=63072000",
            "`Strict-Transport-Security` sent with every file when `SITEURL` is `https://` on a public host "
            "(never for localhost or an empty `SITEURL`); empty: not sent. Two years, without "
            "`includeSubDomains` or `preload`: those bind every other host of the domain as well.",
            check=lambda value: (
                None
                if re.fullmatch(r"(max-age=\d+(; ?includeSubDomains)?(; ?preload)?)?", value)
                else "must be like 'max-age=63072000' (or empty: no HSTS)"
            ),
        ),
        Setting(
            "PUBLISHING_ASSETS_DIR",
            str,
            "assets",
            "Output folder of the minified, fingerprinted stylesheet and script.",
            check=lambda value: (
                None if re.fullmatch(r"[a-z0-9_-]+", value) else "must be one folder name, e.g. 'assets'"
            ),
        ),
        Setting(
            "PUBLISHING_STYLESHEET",
            str,
            "css/site.css",
            "The theme's stylesheet (inside the theme's `static/` folder) that pages link.",
        ),
        Setting(
            "PUBLISHING_SEARCH_PAGE_KEY",
            str,
            "search",
            "Key of the Markdown page (`Template: search`) that is the search page of each language.",
        ),
        Setting(
            "PUBLISHING_SEARCH_INDEX",
            bool,
            False,
            "Index the built pages with Pagefind after the build (a failed indexing fails the build); "
            "`publishconf.py` turns it on. Without an index the search page shows its list of pages.",
        ),
        Setting(
            "PUBLISHING_PRECOMPRESS",
            bool,
            False,
            "Write a `.gz` copy (gzip -9, no timestamp) of every text file, for nginx's `gzip_static` "
            "(Apache compresses on the fly); `publishconf.py` turns it on.",
        ),
        Setting(
            "PUBLISHING_PRECOMPRESS_EXTENSIONS",
            list,
            [".html", ".css", ".js", ".json", ".xml", ".txt", ".ics", ".svg"],
            "The files that get a `.gz` copy, by extension.",
            check=_extensions_problem,
        ),
        Setting(
            "PUBLISHING_DEPLOY_TARGET",
            str,
            "",
            "Where `invoke deploy` uploads `output/`: `rsync:USER@HOST:/path/` or `ghp-import:BRANCH`; "
            "empty: deploy refuses to run.",
            check=_target_problem,
        ),
        Setting(
            "PUBLISHING_SHARE_CARDS",
            bool,
            False,
            "Give every page a 1200 × 630 picture with the site's name and the page's title (`og:image`), "
            "made with Pillow (`share_card.py`) and cached by content in `CACHE_PATH/share-cards`; "
            "`publishconf.py` turns it on (shared pages need absolute addresses).",
        ),
        Setting(
            "PUBLISHING_LIVE_RELOAD",
            bool,
            False,
            "Load the live-reload client on every page (`live-reload.js`, from `assets/`): `invoke serve` "
            "turns it on for the preview; a built or published site never has it.",
        ),
    ),
)

SettingsError = PluginSettingsError
read_settings = SETTINGS.read
