"""Contacts from data/contacts.yaml: shown where people look once filled in, and nothing made up before."""

import json
import shutil
from urllib.parse import parse_qs, urlparse

import pytest

from conftest import LANGUAGES, REPO, build, read_html
from site_checks import page, text_of

FILLED = """\
address:
  bg: ул. Примерна 1, 6000 Стара Загора
  en: 1 Primerna Street, 6000 Stara Zagora
email: office@example.org
phone: +359 42 111 222
office_hours:
  bg: понеделник – петък
  el: Δευτέρα – Παρασκευή
registration_number: "123456789"
profiles:
  - https://social.example.org/rao
"""
CONTACT_TITLES = {"bg": "Контакти", "en": "Contact", "el": "Επικοινωνία", "tr": "İletişim"}
DOCUMENTS_TITLES = {"bg": "Документи", "en": "Documents", "el": "Έγγραφα", "tr": "Belgeler"}
SUBJECTS = {
    "bg": "Искане на документ: ",
    "en": "Request for a document: ",
    "el": "Αίτημα για έγγραφο: ",
    "tr": "Belge talebi: ",
}


def copy_site(root, contacts=None):
    """Copy the real content/ and data/ into ``root``, with ``contacts`` as data/contacts.yaml if given."""
    for folder in ("content", "data"):
        shutil.copytree(REPO / folder, root / folder)
    if contacts is not None:
        (root / "data" / "contacts.yaml").write_text(contacts, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    root = copy_site(tmp_path_factory.mktemp("contacts-filled"), FILLED)
    return build(root, root / "output")


@pytest.fixture(scope="module")
def empty(real_site):
    """The real site, as it is: its data/contacts.yaml has no contact filled in yet."""
    return real_site


def all_pages(output):
    return [path for path in sorted(output.rglob("index.html")) if path.relative_to(output).parts[0] != "pagefind"]


def test_every_page_has_the_contacts_in_its_footer(filled):
    paths = all_pages(filled)
    assert len(paths) > 4 * 20
    for path in paths:
        footer = read_html(path).find("footer")
        assert footer.find("a", href="mailto:office@example.org"), path
        assert footer.find("a", href="tel:+35942111222"), path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_contacts_page_shows_every_field_filled_in(filled, lang):
    soup = page(filled, lang, CONTACT_TITLES[lang])
    main = soup.find("main")
    shown = text_of(main)
    assert "office@example.org" in shown and "+359 42 111 222" in shown and "123456789" in shown
    assert main.find("a", href="https://social.example.org/rao")
    # The address has no Greek or Turkish text: the Bulgarian one, marked as Bulgarian.
    address = {"bg": "ул. Примерна 1", "en": "1 Primerna Street", "el": "ул. Примерна 1", "tr": "ул. Примерна 1"}[lang]
    assert address in shown
    if lang in ("el", "tr"):
        assert main.find("span", lang="bg", string=lambda s: s and address in s)
    assert "will be published" not in shown


def test_contacts_page_is_in_the_footer_of_every_language(filled):
    for lang in LANGUAGES:
        home = read_html(filled / ("index.html" if lang == "bg" else f"{lang}/index.html"))
        links = [text_of(a) for a in home.find("footer").find("nav").find_all("a")]
        assert CONTACT_TITLES[lang] in links


def test_without_contacts_nothing_is_made_up(empty):
    for path in all_pages(empty):
        soup = read_html(path)
        assert not soup.find("footer").find("dl"), path
        assert not soup.find("a", href=lambda h: h and h.startswith(("mailto:", "tel:"))), path
    for lang, notice in {
        "bg": "Данните за контакт с асоциацията ще бъдат публикувани на тази страница.",
        "en": "The Association’s contact details will be published on this page.",
        "el": "Τα στοιχεία επικοινωνίας της Ένωσης θα δημοσιευτούν σε αυτή τη σελίδα.",
        "tr": "Birliğin iletişim bilgileri bu sayfada yayımlanacaktır.",
    }.items():
        assert notice in text_of(page(empty, lang, CONTACT_TITLES[lang]).find("main"))


def test_an_absent_field_is_not_shown(tmp_path):
    root = copy_site(tmp_path, "email: office@example.org\n")
    output = build(root, root / "output")
    main = page(output, "en", "Contact").find("main")
    labels = [text_of(dt) for dt in main.find_all("dt")]
    assert labels == ["E-mail"]
    organization = organization_of(output / "en" / "index.html")
    assert "address" not in organization and "sameAs" not in organization
    assert organization["contactPoint"] == {
        "@type": "ContactPoint",
        "contactType": "customer support",
        "email": "office@example.org",
    }


def organization_of(path):
    blocks = [json.loads(script.string) for script in read_html(path).find_all("script", type="application/ld+json")]
    [organization] = [block for block in blocks if block.get("@type") == "Organization"]
    return organization


def test_organization_json_ld_has_the_address_and_contact_point(filled):
    organization = organization_of(filled / "en" / "index.html")
    assert organization["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "1 Primerna Street, 6000 Stara Zagora",
        "addressCountry": "BG",
    }
    assert organization["contactPoint"]["email"] == "office@example.org"
    assert organization["contactPoint"]["telephone"] == "+359 42 111 222"
    assert organization["sameAs"] == ["https://social.example.org/rao"]


def test_empty_contacts_add_nothing_to_the_organization(empty):
    organization = organization_of(empty / "index.html")
    assert not {"address", "contactPoint", "sameAs"} & set(organization)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_request_form_says_where_to_send_it(filled, empty, lang):
    title = {
        "bg": "Заявка за услуга",
        "en": "Service request form",
        "el": "Αίτηση παροχής υπηρεσίας",
        "tr": "Hizmet talep formu",
    }[lang]
    form = page(filled, lang, title).find(class_="th-request__send-to")
    assert form is not None and form.find("a", href="mailto:office@example.org")
    assert page(empty, lang, title).find(class_="th-request__send-to") is None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_documents_without_a_file_have_a_request_link(filled, empty, lang):
    soup = page(filled, lang, DOCUMENTS_TITLES[lang])
    items = soup.find_all(class_="th-documents__item")
    assert items
    for item in items:
        link = item.find("a", href=lambda h: h and h.startswith("mailto:"))
        assert link is not None
        url = urlparse(link["href"])
        assert url.path == "office@example.org"
        [subject] = parse_qs(url.query)["subject"]
        assert subject == SUBJECTS[lang] + text_of(item.find("h2"))
    empty_items = page(empty, lang, DOCUMENTS_TITLES[lang]).find_all(class_="th-documents__item")
    assert all(item.find("a", href=lambda h: h and h.startswith("mailto:")) is None for item in empty_items)
