"""The printable request form: one A4 page in every language, and a print button only where a script runs."""

import re

import pytest

from .conftest import TemplateCase

LANGUAGES = ["bg", "en", "el", "tr"]
# A PDF page object; "/Type /Pages" is the tree that holds them.
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")


def pdf_pages(pdf):
    """Return how many pages a PDF (Chromium's output) has."""
    return len(PDF_PAGE.findall(pdf))


@pytest.fixture
def request_form(published, serve, open_page):
    """Return open(lang) -> the Visit of the published request form in ``lang``."""
    server = serve(published.output)

    def open_form(lang):
        relative = published.find(TemplateCase("service_request", lang))
        assert relative, f"the published site has no request form in {lang}"
        return open_page(published.address(relative), {published.siteurl: server})

    return open_form


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_request_form_prints_on_one_a4_page(request_form, lang):
    page = request_form(lang).page
    pdf = page.pdf(format="A4", print_background=False)
    assert pdf.startswith(b"%PDF")
    assert pdf_pages(pdf) == 1, f"the request form in {lang} prints on {pdf_pages(pdf)} A4 pages"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_print_button_prints_where_a_script_runs(request_form, lang):
    page = request_form(lang).page
    button = page.locator("[data-th-print]")
    assert button.count() == 1 and button.is_visible()
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    button.click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    assert not button.is_visible(), "the button is not printed on the form"


def test_without_javascript_there_is_no_print_button(published, serve, browser):
    relative = published.find(TemplateCase("service_request", "en"))
    context = browser().new_context(java_script_enabled=False)
    try:
        server = serve(published.output)
        context.route(
            "**/*",
            lambda route: (
                route.fulfill(response=route.fetch(url=route.request.url.replace(published.siteurl, server, 1)))
                if route.request.url.startswith(published.siteurl)
                else route.abort()
            ),
        )
        page = context.new_page()
        page.goto(published.address(relative))
        assert page.locator("[data-th-print]").count() == 0 or not page.locator("[data-th-print]").is_visible()
        assert page.locator("h1").is_visible()
    finally:
        context.unroute_all(behavior="ignoreErrors")
        context.close()


def test_the_page_counter_counts_the_pages_of_a_longer_page(request_form):
    """The counter is not stuck at one: the same form, in screen layout, takes more than one A4 page."""
    page = request_form("en").page
    page.emulate_media(media="screen")
    assert pdf_pages(page.pdf(format="A4")) > 1
