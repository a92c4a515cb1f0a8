"""The services on their pages and on the printable request form, and editors' mistakes."""

import re

import pytest
import yaml

from conftest import LANGUAGES, REPO, build
from site_checks import failed_build, href_path, line_of, page, page_path, replace, text_of

SERVICES = {
    "bg": "Услуги за общините",
    "en": "Services for municipalities",
    "el": "Υπηρεσίες για τους δήμους",
    "tr": "Belediyelere yönelik hizmetler",
}
CONSULTATIONS = {
    "bg": "Консултации и съдействие при управление на проекти и изготвяне на проектни предложения",
    "en": "Consultancy and assistance in project management and the preparation of project proposals",
    "el": "Συμβουλευτική και συνδρομή στη διαχείριση έργων και στην εκπόνηση προτάσεων έργων",
    "tr": "Proje yönetimi ve proje tekliflerinin hazırlanmasında danışmanlık ve destek",
}
REQUEST = {
    "bg": "Заявка за услуга",
    "en": "Service request form",
    "el": "Αίτηση παροχής υπηρεσίας",
    "tr": "Hizmet talep formu",
}


def services(group, lang):
    """Return the titles of a group's services in ``lang``, from the real data file."""
    data = yaml.safe_load((REPO / "data/services.yaml").read_text(encoding="utf-8"))
    return [service["title"][lang] for service in data if service["group"] == group]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_services_pages_list_their_services(real_site, lang):
    for title, group in ((SERVICES, "municipal-services"), (CONSULTATIONS, "project-consultations")):
        soup = page(real_site, lang, title[lang])
        assert [text_of(li) for li in soup.select("main ol.th-services > li")] == services(group, lang)
    link = page(real_site, lang, SERVICES[lang]).select_one("main section[aria-labelledby=how-to-request] a")
    assert text_of(link) == REQUEST[lang]
    assert href_path(real_site, link["href"])[0] == page_path(real_site, lang, REQUEST[lang])
    # The signed request is for the services for municipalities only: the consultations do not send to it.
    assert page(real_site, lang, CONSULTATIONS[lang]).select_one("main section[aria-labelledby=how-to-request]") is None
    assert len(services("municipal-services", lang)) == 6 and len(services("project-consultations", lang)) == 4


@pytest.mark.parametrize("lang", LANGUAGES)
def test_project_consultations_are_listed_once(real_site, lang):
    soup = page(real_site, lang, CONSULTATIONS[lang])
    lists = soup.select("main article ol, main article ul")
    assert [element.get("class") for element in lists] == [["th-services"]], (
        "the list comes from data/services.yaml only"
    )
    assert len(soup.select("main article li")) == 4


@pytest.mark.parametrize("lang", LANGUAGES)
def test_request_form_lists_every_service_with_a_box(real_site, lang):
    soup = page(real_site, lang, REQUEST[lang])
    form = soup.select_one("main .th-request")
    groups = [text_of(h3) for h3 in form.find_all("h3")]
    # The signed request is for the services for municipalities only (the association's text).
    assert groups == [SERVICES[lang]], "each group is named by the title of its page"
    listed = [text_of(li) for li in form.select("ul.th-request__services > li")]
    assert listed == services("municipal-services", lang)
    boxes = form.select("ul.th-request__services > li > span.th-request__box")
    assert len(boxes) == len(listed) and all(box["aria-hidden"] == "true" for box in boxes)
    assert not form.find(["input", "form", "script"]), "a paper form: nothing to fill in on screen"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_request_form_has_blanks_to_fill_in_by_hand(real_site, lang):
    form = page(real_site, lang, REQUEST[lang]).select_one("main .th-request")
    fields = form.select("dl.th-request__fields > div")
    # No stamp box: the association's text asks for the mayor's or the council chair's signature only.
    assert len(fields) == 6, "municipality, contact person, phone or e-mail, description, date, signature"
    assert all(field.find("dd", class_="th-request__blank") is not None for field in fields)
    if lang == "en":
        assert [text_of(field.find("dt")) for field in fields] == [
            "Municipality",
            "Contact person",
            "Phone or e-mail",
            "Description of the request",
            "Date",
            "Signature of the mayor or the chair of the municipal council",
        ]
    assert "кмета" in text_of(page(real_site, "bg", REQUEST["bg"]).select_one("main .th-request__intro"))


def test_request_form_prints_on_one_a4_page_without_menus():
    css = (REPO / "themes/thrace/static/css/site.css").read_text(encoding="utf-8")
    assert re.search(r"@page th-request \{[^}]*size: A4", css)
    print_rules = "".join(re.findall(r"@media print \{(.*?)\n\}", css, re.S))
    assert ".th-body:has(.th-request) { page: th-request;" in print_rules
    assert ".th-nav" in print_rules and ".th-body:has(.th-request) .th-footer" in print_rules


def test_request_form_is_in_the_menu_after_services(real_site):
    soup = page(real_site, "en", REQUEST["en"])
    children = [text_of(a) for a in soup.select(".th-section-nav a")]
    assert children[children.index(SERVICES["en"]) + 1] == REQUEST["en"]
    current = soup.select(".th-section-nav a[aria-current=page]")
    assert [text_of(a) for a in current] == [REQUEST["en"]]


# Editors' mistakes and settings ----------------------------------------------------------------------


def test_unknown_group(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    path = replace(
        site_copy, "data/services.yaml", "  group: project-consultations\n", "  group: project-consultation\n"
    )
    message = rebuild()
    assert (
        f"data/services.yaml:{line_of(path, 'group: project-consultation')}: 'group' is 'project-consultation', which is not one of the allowed values"
        in message
    )
    assert "did you mean 'project-consultations'?" in message


def test_service_without_bulgarian_title(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    path = replace(site_copy, "data/services.yaml", "    bg: Юридически услуги\n", "    bg:\n")
    message = rebuild()
    assert f"data/services.yaml:{line_of(path, '    bg:')}: 'title' has no Bulgarian text (bg)" in message


def test_duplicate_service_id(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    path = replace(site_copy, "data/services.yaml", "- id: technical-services", "- id: legal-services")
    message = rebuild()
    second = line_of(path, "    bg: Технически услуги") - 3
    assert (
        f"data/services.yaml:{second}: the id 'legal-services' is used twice (first on line {line_of(path, '- id: legal-services')})"
        in message
    )


def test_group_without_a_page_in_the_settings(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    message = rebuild(SERVICES_GROUP_PAGES={"municipal-services": "services"})
    path = site_copy / "data/services.yaml"
    assert (
        f"data/services.yaml:{line_of(path, 'group: project-consultations')}: the group 'project-consultations' has no page"
        in message
    )


def test_settings_are_checked(site_copy):
    with pytest.raises(Exception, match="services: unknown setting SERVICES_REQUEST_PAGE"):
        build(site_copy, site_copy / "output", SERVICES_REQUEST_PAGE="service-request")
    with pytest.raises(Exception, match="services: SERVICES_GROUP_PAGES must be a dict"):
        build(site_copy, site_copy / "output", SERVICES_GROUP_PAGES=["services"])
    with pytest.raises(Exception, match="services: SERVICES_REQUEST_GROUPS names \\['consultations'\\]"):
        build(site_copy, site_copy / "output", SERVICES_REQUEST_GROUPS=["consultations"])
