"""Fixtures of the quality gate: the built site and its page templates, a local server, Chromium.

The site under test is the one CI publishes: ``published_site`` (tests/conftest.py,
built with publishconf.py). Its pages link to SITEURL, so the browser asks for
SITEURL and every such request is answered from a local http.server serving the
built folder: the page, its stylesheet and its links are then same-origin, as
they are on the real host. Nothing else is fetched from anywhere.

The tools (Debian's Java and Chromium, and the npm packages of tests/browser/)
are installed by ``invoke test-tools``; a missing one fails every test that
needs it, with the command that installs it.
"""

import functools
import os
import re
import shutil
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from pelican.settings import read_settings

from conftest import FIXED_TODAY, REPO, TEST_SITEURL
from site_build import BuildFailed, read_site

TEMPLATES = REPO / "themes" / "thrace" / "templates"
BROWSER_TOOLS = REPO / "tests" / "browser" / "node_modules"
AXE_SCRIPT = BROWSER_TOOLS / "axe-core" / "axe.min.js"
VNU_JAR = BROWSER_TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Where Chromium is looked for: $CHROME_PATH, then these names on PATH (Debian, Ubuntu, Google's).
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
# Debian's Chromium as root in a closed network: no sandbox, no GPU, and none of the
# background connections (updates, sync, QUIC probes) that would only be refused here.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_TOOLS = "`.venv/bin/invoke test-tools` (as root)"
LOCAL_SERVER = "http://127.0.0.1:"


def find_chromium(environ=None, which=shutil.which):
    """Return the Chromium to drive: $CHROME_PATH if set, else the first of CHROMIUM_NAMES on PATH, else None."""
    environ = os.environ if environ is None else environ
    if environ.get("CHROME_PATH"):
        return environ["CHROME_PATH"]
    return next((found for found in map(which, CHROMIUM_NAMES) if found), None)


def require(present, what, command):
    """Fail (never skip) when a tool is missing, saying which command installs it."""
    if not present:
        pytest.fail(f"{what} is missing: install it with {command}, or run {INSTALL_TOOLS}", pytrace=False)


# The sites under test and their page templates --------------------------------------------


PUBLISH_SETTINGS = read_settings(str(REPO / "publishconf.py"))
LANGUAGES = list(PUBLISH_SETTINGS["MULTILINGUAL_LANGUAGES"])
DEFAULT_LANG = PUBLISH_SETTINGS["DEFAULT_LANG"]
FALLBACK = "fallback"  # not a template: the Bulgarian text of a page shown in another language's interface
NOT_FOUND = "404"


def page_templates():
    """Return the theme's page templates: every template but the partials and base.html."""
    return sorted(
        path.stem for path in TEMPLATES.glob("*.html") if not path.name.startswith("_") and path.stem != "base"
    )


@dataclass(frozen=True)
class TemplateCase:
    """One page template in one language: the unit the browser tests are parametrised over."""

    template: str
    lang: str

    @property
    def id(self):
        """The case's name in test ids: template-language."""
        return f"{self.template}-{self.lang}"


def template_cases(languages=None):
    """Return every page template in every language, then a fallback page in each other language."""
    languages = languages or LANGUAGES
    cases = [TemplateCase(template, lang) for template in page_templates() for lang in languages]
    cases += [TemplateCase(FALLBACK, lang) for lang in languages if lang != DEFAULT_LANG]
    return cases


def pytest_generate_tests(metafunc):
    """Parametrise ``template_case`` over every template and language, ``csp_case`` over the default language.

    ``template_case`` has the module's scope, so that pytest runs a module's tests of
    one case one after the other (the accessibility checks share a
    page load: test_accessibility.case_problems).
    """
    for name, cases, scope in (
        ("template_case", template_cases(), "module"),
        ("csp_case", template_cases([DEFAULT_LANG]), "function"),
    ):
        if name in metafunc.fixturenames:
            metafunc.parametrize(name, cases, ids=[case.id for case in cases], scope=scope)


@dataclass(frozen=True)
class SitePage:
    """One language version of one page, as the site model laid it out."""

    key: str
    lang: str
    template: str
    url: str  # relative, as in the model: '' for the home page, 'en/news/' …
    is_translation: bool


@dataclass
class BuiltSite:
    """A built site: its output folder, its SITEURL, and which template made which page."""

    name: str
    output: Path
    siteurl: str
    languages: list
    default_lang: str
    pages: list

    def address(self, relative_url):
        """Return a page's URL as its links write it (SITEURL + '/' + relative URL)."""
        return f"{self.siteurl}/{relative_url}"

    def html_files(self):
        """Return every built HTML file."""
        return sorted(self.output.rglob("*.html"))

    def find(self, case):
        """Return the relative URL of one page made by ``case``'s template in its language, or None."""
        if case.template == NOT_FOUND:
            return ("" if case.lang == self.default_lang else f"{case.lang}/") + "404.html"
        if case.template == FALLBACK:
            found = [page for page in self.pages if page.lang == case.lang and not page.is_translation]
        else:
            found = [page for page in self.pages if page.lang == case.lang and page.template == case.template]
        # A real translation if there is one, and the shallowest page (a section before its sub-pages).
        found.sort(key=lambda page: (not page.is_translation, page.url.count("/"), page.url))
        return found[0].url if found else None


def load_built_site(name, output, settings_file, source_root=REPO):
    """Return the BuiltSite of ``output``, its model read from the sources the way the build read them."""
    overrides = {
        "PATH": str(source_root / "content"),
        "SITE_DATA_PATH": str(source_root / "data"),
        "MULTILINGUAL_TRANSLATIONS_PATH": str(REPO / "translations"),
        "SITE_TODAY": FIXED_TODAY,
    }
    if settings_file == "publishconf.py":
        overrides["SITEURL"] = TEST_SITEURL
    model, _problems = read_site(REPO / settings_file, overrides)
    assert model is not None, f"the {name} site's sources could not be read: run `invoke check`"
    site = model.site
    pages = [
        SitePage(key, lang, version.template, version.url, version.is_translation)
        for key, page in site.pages.items()
        for lang, version in page.versions.items()
    ]
    return BuiltSite(name, Path(output), site.siteurl, list(site.languages), site.default_lang, pages)


def built(request, fixture, name, settings_file):
    """Return the BuiltSite of a build fixture; if the build fails, fail with its first problems only.

    Every test of the gate needs the build: a short failure, repeated for each, keeps the
    report readable; the build command lists every problem.
    """
    try:
        output = request.getfixturevalue(fixture)
    except BuildFailed as failure:
        lines = str(failure).splitlines()
        shown = "\n".join(lines[:10] + (["…"] if len(lines) > 11 else []) + lines[-1:])
        pytest.fail(
            f"the {name} build failed, so there is no {name} site to check:\n{shown}\n"
            f"(`.venv/bin/invoke {'publish-build' if name == 'published' else 'build'}` lists every problem)",
            pytrace=False,
        )
    return load_built_site(name, output, settings_file)


@pytest.fixture(scope="session")
def published(request):
    """The published site (the published_site fixture, publishconf.py) as a BuiltSite."""
    return built(request, "published_site", "published", "publishconf.py")


@pytest.fixture(scope="session")
def with_fallback(published_with_fallback):
    """The published site plus one page written only in Bulgarian (tests/conftest.py), as a BuiltSite."""
    output = published_with_fallback
    return load_built_site("with-fallback", output, "publishconf.py", source_root=output.parent)


# A local server ---------------------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serve a folder; add the response headers of the rules whose path pattern matches."""

    header_rules = ()  # ((path regex, header name, value), …)

    def end_headers(self):
        path = self.path.split("?", 1)[0]
        for pattern, name, value in self.header_rules:
            if re.fullmatch(pattern, path):
                self.send_header(name, value)
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - the signature of the base class
        pass


SERVER_POLL_SECONDS = 0.05


@pytest.fixture(scope="session")
def serve():
    """Return serve(folder, header_rules=()) -> 'http://127.0.0.1:PORT': one server per folder and rules."""
    servers = {}

    def serve(folder, header_rules=()):
        key = (str(folder), tuple(header_rules))
        if key not in servers:
            handler = type("Handler", (_QuietHandler,), {"header_rules": tuple(header_rules)})
            server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
            server.daemon_threads = True
            # Its loop sees a shutdown request at most this often: at the default half second, the
            # dozen servers of a process took seconds to stop at the session's end.
            loop = functools.partial(server.serve_forever, poll_interval=SERVER_POLL_SECONDS)
            threading.Thread(target=loop, name=f"serve {folder}", daemon=True).start()
            servers[key] = server
        return f"{LOCAL_SERVER}{servers[key].server_address[1]}"

    yield serve
    for server in servers.values():
        server.shutdown()
        server.server_close()


# The page of each template ---------------------------------------------------------------


@dataclass
class PageUnderTest:
    """A page chosen for one template and language, to open in the browser."""

    case: TemplateCase
    site: BuiltSite
    relative_url: str

    @property
    def url(self):
        """The page's URL as the site links to it."""
        return self.site.address(self.relative_url)

    @property
    def label(self):
        """Name the page in a failure: its URL, template, language and build."""
        return f"{self.url} ({self.case.template} page, {self.case.lang}, {self.site.name} build)"

    def served_by(self, server):
        """Return (address to open, {site origin: server}) for the page served by ``server``."""
        if self.site.siteurl:
            return self.url, {self.site.siteurl: server}
        return f"{server}/{self.relative_url}", {}


def find_page(case, request):
    """Return the PageUnderTest of a case, from the published build or else the development build.

    A template that no published page uses (the illustrative trainings are left
    out of the published site) is tested on a page of the development build.
    """
    sites = ["published", "with_fallback"] if case.template == FALLBACK else ["published", "development"]
    for name in sites:
        site = request.getfixturevalue(name)
        relative = site.find(case)
        if relative is not None:
            return PageUnderTest(case, site, relative)
    if case.template == FALLBACK:
        pytest.skip(f"every page of the site is translated into {case.lang}: there is no fallback page to test")
    pytest.skip(f"no page of the published or development site uses the template {case.template}.html in {case.lang}")


@pytest.fixture
def template_page(template_case, request):
    """The page made by the case's template in the case's language (see find_page)."""
    return find_page(template_case, request)


@pytest.fixture
def csp_page(csp_case, request):
    """The page made by the case's template in the default language (see find_page)."""
    return find_page(csp_case, request)


@pytest.fixture(scope="session")
def development(request):
    """The development build (real_site, pelicanconf.py) as a BuiltSite: for templates the published site does not use."""
    return built(request, "real_site", "development", "pelicanconf.py")


# The tools -----------------------------------------------------------------------------------
# Each fixture returns a function that checks its tool when a test calls it, so that a
# missing tool fails the test itself (a failure, not a setup error and never a skip).


# The checker runs once, for seconds: Java's quick compiler alone checks the same pages with the
# same messages in half the CPU time of its optimising one (6.5 s -> 3.0 s for the 100 pages of
# the published site). The quick compiler's code needs a deeper stack for the checker's schemas
# (which the checker says, asking for at least 512 KB).
JVM_OPTIONS = ["-XX:TieredStopAtLevel=1", "-Xss4m"]


@pytest.fixture(scope="session")
def vnu():
    """Return vnu() -> the command that runs the Nu Html Checker: [java, JVM_OPTIONS…, -jar, vnu.jar]."""

    def command():
        java = shutil.which("java")
        require(java, "Java (to run the Nu Html Checker)", "`apt-get install default-jre-headless`")
        require(
            VNU_JAR.is_file(),
            f"The Nu Html Checker ({VNU_JAR.relative_to(REPO)})",
            "`npm ci --ignore-scripts` in tests/browser",
        )
        return [java, *JVM_OPTIONS, "-jar", str(VNU_JAR)]

    return command


@pytest.fixture(scope="session")
def axe_script():
    """Return axe_script() -> the path of axe-core's script, to run in pages as their init script."""

    def path():
        require(
            AXE_SCRIPT.is_file(),
            f"axe-core ({AXE_SCRIPT.relative_to(REPO)})",
            "`npm ci --ignore-scripts` in tests/browser",
        )
        return AXE_SCRIPT

    return path


@pytest.fixture(scope="session")
def browser():
    """Return browser() -> Debian's Chromium, headless, driven by Playwright; started once, when first needed.

    Never Playwright's own browser builds: there is no `playwright install` here.
    """
    started = {}

    def get():
        if "browser" not in started:
            chromium = find_chromium()
            require(
                chromium and os.path.isfile(chromium),
                f"Chromium ($CHROME_PATH={os.environ.get('CHROME_PATH', '')!r}, or one of {', '.join(CHROMIUM_NAMES)} on PATH)",
                "`apt-get install chromium`",
            )
            try:
                from playwright.sync_api import sync_playwright
            except ImportError:
                require(False, "Playwright for Python", "`.venv/bin/pip install -r requirements-test.txt`")
            started["playwright"] = sync_playwright().start()
            started["browser"] = started["playwright"].chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        return started["browser"]

    yield get
    if "browser" in started:
        started["browser"].close()
    if "playwright" in started:
        started["playwright"].stop()


@dataclass
class Visit:
    """An open page and what the browser reported while loading it."""

    origins: dict
    page: object = None
    console: list = field(default_factory=list)  # (type, text)
    blocked: list = field(default_factory=list)  # requests to anywhere but the site

    def route(self, route):
        """Answer requests to the site's origin from its local server; refuse any other host."""
        url = route.request.url
        for origin, server in self.origins.items():
            if url == origin or url.startswith(origin + "/"):
                route.fulfill(response=route.fetch(url=server + url[len(origin) :]))
                return
        if url.startswith(LOCAL_SERVER):
            route.continue_()
            return
        self.blocked.append(url)
        route.abort()


def _goto(page, address):
    response = page.goto(address, wait_until="load")
    if response is None or not response.ok:
        pytest.fail(f"{address} could not be opened: HTTP {response.status if response else '(no response)'}")


def _close(context):
    # The browser may still be fetching (the favicon, after "load"): drop those requests
    # rather than answer them from a closed context, which fails the next test.
    context.unroute_all(behavior="ignoreErrors")
    context.close()


def add_init_script(context, init_script):
    """Have ``init_script`` (a script's text, or the Path of a script file, or None) run in every page of ``context``."""
    if isinstance(init_script, Path):
        context.add_init_script(path=str(init_script))
    elif init_script:
        context.add_init_script(init_script)


@pytest.fixture
def open_page(browser):
    """Return open_page(address, origins={}, width=1280, height=800, scale=1, init_script=None).

    Each page opens in a fresh browser context and returns a Visit. ``init_script``
    (a script's text, or the Path of a script file) runs in the page before any of
    the page's own; the browser runs it whatever the page's Content-Security-Policy.
    """
    contexts = []

    def open_page(address, origins=None, width=1280, height=800, scale=1, init_script=None):
        context = browser().new_context(
            viewport={"width": width, "height": height},
            device_scale_factor=scale,
            service_workers="block",
        )
        contexts.append(context)
        add_init_script(context, init_script)
        visit = Visit(dict(origins or {}))
        context.route("**/*", visit.route)
        page = context.new_page()
        page.on("console", lambda message: visit.console.append((message.type, message.text)))
        _goto(page, address)
        visit.page = page
        return visit

    yield open_page
    for context in contexts:
        _close(context)


@dataclass
class _KeptTab:
    """A browser tab kept open between tests, and the visit it is on now."""

    page: object
    visit: Visit = None


@pytest.fixture(scope="session")
def kept_tabs(browser):
    """One tab per viewport and init script, kept open for the whole session (see open_kept_page)."""
    tabs = {}
    yield tabs
    for tab in tabs.values():
        _close(tab.page.context)


@pytest.fixture
def open_kept_page(browser, kept_tabs):
    """Return open_kept_page(address, origins={}, width=1280, height=800, scale=1, init_script=None) -> a Visit.

    As open_page, but the page opens in a tab kept for its viewport and init script,
    which goes to the address as a reader's tab follows a link: a new document, with
    nothing of the last one but the browser's cache (the init script runs in each).
    A new context and tab cost about four times the visit itself, and the
    accessibility and CSP checks open some 90 pages; the checks that depend on what a
    fresh browser has (images chosen from a srcset, print media) keep open_page.
    """

    def open_kept_page(address, origins=None, width=1280, height=800, scale=1, init_script=None):
        key = (width, height, scale, init_script)
        tab = kept_tabs.get(key)
        if tab is None or tab.page.is_closed():
            context = browser().new_context(
                viewport={"width": width, "height": height},
                device_scale_factor=scale,
                service_workers="block",
            )
            add_init_script(context, init_script)
            tab = kept_tabs[key] = _KeptTab(context.new_page())
            context.route("**/*", lambda route: tab.visit.route(route))
            tab.page.on("console", lambda message: tab.visit.console.append((message.type, message.text)))
        tab.visit = Visit(dict(origins or {}), page=tab.page)
        _goto(tab.page, address)
        return tab.visit

    return open_kept_page
