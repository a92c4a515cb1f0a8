"""The published pages break none of their Content-Security-Policy, in Chromium.

The site's ``_headers`` file (Netlify / Cloudflare Pages format, written by the
publishing plugin) says which headers the host sends with each path. The local
server sends them the same way, the browser opens one page of each template, and
every console message and ``securitypolicyviolation`` event is collected: none may
report a violation of the policy.
"""

import re

import pytest

from publishing.hosting import meta_policy, netlify_headers, site_headers
from publishing.settings import read_settings as read_publishing_settings

from .built_pages import SITEURL, write
from .conftest import PUBLISH_SETTINGS, TemplateCase

CSP_HEADERS = ("content-security-policy", "content-security-policy-report-only")
CSP_MESSAGE = re.compile(r"Content Security Policy|Content-Security-Policy", re.IGNORECASE)
# Recorded from the start of the page, before any of its own scripts (injected by the browser, not by the page).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => window.__cspViolations.push(
  `${event.effectiveDirective} blocked ${event.blockedURI || "inline code"} (${event.sourceFile || "?"}:${event.lineNumber})`));
"""


def parse_headers_file(text):
    """Return [(path regex, header, value)] from a _headers file: a path line, then indented 'Name: value' lines."""
    rules, pattern = [], None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            path = re.sub(r"^https?://[^/]+", "", line.strip())
            # '*' matches anything (a splat), ':name' one path segment.
            pattern = "".join(
                ".*" if part == "*" else "[^/]+" if part.startswith(":") else re.escape(part)
                for part in re.split(r"(\*|:[A-Za-z]\w*)", path)
                if part
            )
            continue
        name, colon, value = line.strip().partition(":")
        assert pattern is not None and colon, f"_headers:{number}: a header line before any path, or without a colon"
        rules.append((pattern, name.strip(), value.strip()))
    return rules


def policies_for(rules, path):
    """Return the CSP headers the rules send with ``path``."""
    return [
        (name, value) for pattern, name, value in rules if name.lower() in CSP_HEADERS and re.fullmatch(pattern, path)
    ]


def csp_violations(visit):
    """Return every CSP violation the page reported, in its console or as an event."""
    reported = [f"console {kind}: {text}" for kind, text in visit.console if CSP_MESSAGE.search(text)]
    reported += [f"event: {event}" for event in visit.page.evaluate("() => window.__cspViolations || []")]
    return reported


@pytest.fixture
def open_with_violations(open_kept_page):
    """open_kept_page, recording securitypolicyviolation events from the page's start.

    A policy is the document's own, and a tab that routes its requests has no HTTP
    cache: a page in a kept tab meets its policy as in a fresh browser, without the
    cost of a new context and tab (half of each check's time).
    """

    def open_with_violations(address, origins):
        visit = open_kept_page(address, origins, init_script=RECORD_VIOLATIONS)
        visit.page.wait_for_timeout(100)  # let late reports (fonts, images) arrive
        return visit

    return open_with_violations


@pytest.fixture(scope="session")
def header_rules(published):
    headers_file = published.output / "_headers"
    if not headers_file.is_file():
        pytest.skip(
            f"the published site has no _headers file ({headers_file.name} in the output folder): "
            "there is no Content-Security-Policy to test until the publishing plugin writes one"
        )
    return parse_headers_file(headers_file.read_text(encoding="utf-8"))


def test_pages_report_no_csp_violation(csp_page, header_rules, serve, open_with_violations):
    path = "/" + csp_page.relative_url
    assert policies_for(header_rules, path), f"_headers sends no Content-Security-Policy with {path}"
    # The development build (for a template the published site does not use) gets the published headers too.
    address, origins = csp_page.served_by(serve(csp_page.site.output, tuple(header_rules)))
    problems = csp_violations(open_with_violations(address, origins))
    assert not problems, f"{csp_page.label}:\n  " + "\n  ".join(problems)


def test_csp_check_reports_inline_style_and_script(tmp_path, serve, open_with_violations):
    write(tmp_path, "_headers", "# the site\n/*\n  Content-Security-Policy: default-src 'self'\n  X-Other: 1\n")
    write(
        tmp_path,
        "index.html",
        """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<style>body { color: red; }</style></head>
<body><p>Inline code</p><script>document.title = "changed";</script></body></html>""",
    )
    rules = parse_headers_file((tmp_path / "_headers").read_text(encoding="utf-8"))
    assert policies_for(rules, "/") == [("Content-Security-Policy", "default-src 'self'")]
    visit = open_with_violations(SITEURL + "/", {SITEURL: serve(tmp_path, tuple(rules))})
    problems = csp_violations(visit)
    assert any(problem.startswith("console error:") and "style-src" in problem for problem in problems), problems
    assert any(problem.startswith("console error:") and "script-src" in problem for problem in problems), problems
    assert any(problem.startswith("event: script-src") for problem in problems), problems
    assert visit.page.title() == "t", "the inline script ran: the policy was not applied"


# The published policy, for a site at SITEURL: the headers a host sends, and the <meta> of each page.
PROBE_HEADERS = site_headers(read_publishing_settings(PUBLISH_SETTINGS), SITEURL)
# A page that loads one of our scripts and one planted among the documents, and tries a <base>.
PROBE_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">{meta}<title>t</title>
<base href="https://elsewhere.example/">
<script src="/assets/ours.js"></script><script src="/documents/planted.js"></script></head>
<body><p>Probe</p></body></html>"""


@pytest.mark.parametrize("delivery", ["headers", "meta"])
def test_only_scripts_in_our_script_folders_run(tmp_path, serve, open_with_violations, delivery):
    """A .js file published outside assets/ and pagefind/ does not run, with the headers or with the <meta> alone."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{meta_policy(PROBE_HEADERS)}">'
    write(tmp_path, "index.html", PROBE_PAGE.format(meta=meta if delivery == "meta" else ""))
    write(tmp_path, "assets/ours.js", 'document.documentElement.dataset.ours = "ran";\n')
    write(tmp_path, "documents/planted.js", 'document.documentElement.dataset.planted = "ran";\n')
    rules = parse_headers_file(netlify_headers(PROBE_HEADERS)) if delivery == "headers" else ()
    visit = open_with_violations(SITEURL + "/", {SITEURL: serve(tmp_path, tuple(rules))})
    ran = visit.page.evaluate("() => ({...document.documentElement.dataset})")
    assert ran == {"ours": "ran"}, f"with the policy in {delivery}, these scripts ran: {ran}"
    assert visit.page.evaluate("() => document.baseURI") == SITEURL + "/", "an injected <base> took effect"
    problems = csp_violations(visit)
    assert any("script-src" in problem and "/documents/planted.js" in problem for problem in problems), problems
    assert any("base-uri" in problem for problem in problems), problems


def test_the_policy_names_our_script_folders_and_forbids_the_rest():
    policy = dict(
        directive.strip().split(" ", 1) for directive in PROBE_HEADERS["/*"]["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == f"{SITEURL}/assets/ {SITEURL}/pagefind/ 'wasm-unsafe-eval'"
    for name, value in {
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }.items():
        assert policy[name] == value, name
    # A <meta> policy cannot say frame-ancestors (browsers ignore it there, and say so).
    assert "frame-ancestors" not in meta_policy(PROBE_HEADERS)


def test_a_development_build_without_siteurl_allows_its_own_origin():
    """A CSP source with a path needs a host: without SITEURL, script-src can only be 'self'."""
    headers = site_headers(read_publishing_settings(PUBLISH_SETTINGS), "")
    assert "script-src 'self' 'wasm-unsafe-eval'" in headers["/*"]["Content-Security-Policy"]
    assert "Strict-Transport-Security" not in headers["/*"]


def test_the_search_runs_under_the_published_policy(published, header_rules, serve, open_with_violations):
    """Pagefind's module, WebAssembly and index load from the script folders the policy names."""
    relative = published.find(TemplateCase("search", "en"))
    assert relative, "the published site has no English search page"
    visit = open_with_violations(
        published.address(relative) + "?q=training", {published.siteurl: serve(published.output, tuple(header_rules))}
    )
    visit.page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    links = visit.page.eval_on_selector_all(".pagefind-ui__result-link", "links => links.map(link => link.href)")
    assert links and all(link.startswith(f"{published.siteurl}/en/") for link in links), links
    problems = csp_violations(visit)
    assert not problems, "the search broke the policy:\n  " + "\n  ".join(problems)


def relative_luminance(rgb):
    """Return the WCAG relative luminance of an (r, g, b) colour of 0–255."""

    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second):
    """Return the WCAG contrast ratio of two colours."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def css_rgb(value):
    """Return (r, g, b) of a computed CSS colour 'rgb(…)' or 'rgba(…)' (opaque)."""
    numbers = re.findall(r"[\d.]+", value)
    assert len(numbers) == 3 or (len(numbers) == 4 and float(numbers[3]) == 1), value
    return tuple(round(float(n)) for n in numbers[:3])


def test_the_search_box_has_a_visible_label_and_readable_results(published, header_rules, serve, open_with_violations):
    relative = published.find(TemplateCase("search", "en"))
    visit = open_with_violations(
        published.address(relative) + "?q=training", {published.siteurl: serve(published.output, tuple(header_rules))}
    )
    page = visit.page
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    box = page.locator(".th-search__ui input")
    labels = box.evaluate("box => Array.from(box.labels, label => label.textContent.trim())")
    assert labels == ["Search this site"]
    assert page.locator("label[data-th-search-label]").is_visible()
    colours = page.evaluate("""() => {
        const box = document.querySelector('.th-search__ui input');
        const link = document.querySelector('.pagefind-ui__result-link');
        const excerpt = document.querySelector('.pagefind-ui__result-excerpt');
        return {placeholder: getComputedStyle(box, '::placeholder').color, box: getComputedStyle(box).backgroundColor,
                link: getComputedStyle(link).color, excerpt: getComputedStyle(excerpt).color,
                site_link: getComputedStyle(document.querySelector('main .th-prose a, footer a')).color};
    }""")
    white = (255, 255, 255)
    assert contrast(css_rgb(colours["placeholder"]), css_rgb(colours["box"])) >= 4.5, colours
    assert contrast(css_rgb(colours["excerpt"]), white) >= 4.5, colours
    assert css_rgb(colours["link"]) == css_rgb(colours["site_link"]), "results' links look like the site's"
    assert not csp_violations(visit)
