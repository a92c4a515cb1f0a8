"""The accessibility statement: every sentence in the reader's language, the enforcement body, one feedback contact."""

import shutil

import pytest
import yaml

from conftest import LANGUAGES, REPO, build
from multilingual.sections import end_sentence
from site_checks import page, replace, text_of

TITLES = {
    "bg": "Декларация за достъпност",
    "en": "Accessibility statement",
    "el": "Δήλωση προσβασιμότητας",
    "tr": "Erişilebilirlik beyanı",
}
STANDARD = {
    "bg": "WCAG 2.1, ниво AA (EN 301 549)",
    "en": "WCAG 2.1, level AA (EN 301 549)",
    "el": "WCAG 2.1, επίπεδο AA (EN 301 549)",
    "tr": "WCAG 2.1, AA düzeyi (EN 301 549)",
}


def statement(output, lang):
    return page(output, lang, TITLES[lang]).find("main")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_standard_is_named_in_the_readers_language(real_site, lang):
    text = text_of(statement(real_site, lang))
    assert STANDARD[lang] in text
    if lang != "en":
        assert "level" not in text.lower()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Декларацията е изготвена на 27 ноември 2026 г..", "Декларацията е изготвена на 27 ноември 2026 г."),
        ("Prepared on 27 November 2026.", "Prepared on 27 November 2026."),
        ("Изготвена на 1 май 2026 г.. Преразгледана.", "Изготвена на 1 май 2026 г. Преразгледана."),
        ("Wait...", "Wait..."),
    ],
)
def test_a_date_ending_in_a_period_ends_the_sentence_once(text, expected):
    assert end_sentence(text) == expected


def test_bulgarian_dates_end_the_sentence_with_one_period(real_site):
    text = text_of(statement(real_site, "bg"))
    assert "27 ноември 2026 г." in text
    assert "г.." not in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_enforcement_body_and_its_legal_basis_are_named(real_site, lang):
    facts = yaml.safe_load((REPO / "data/accessibility.yaml").read_text(encoding="utf-8"))["enforcement"]
    text = text_of(statement(real_site, lang))
    assert facts["body"][lang] in text
    assert facts["legal_basis"][lang] in text


@pytest.fixture(scope="module")
def without_own_facts(tmp_path_factory):
    """A copy of the real site whose statement has neither its own feedback contact nor an enforcement body, built once.

    The association's contacts are filled in (an e-mail and a phone): the statement must fall back to them.
    """
    root = tmp_path_factory.mktemp("statement")
    for folder in ("content", "data"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "data/contacts.yaml").write_text("email: office@example.org\nphone: +359 42 111 222\n", encoding="utf-8")
    path = root / "data/accessibility.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("enforcement:\n")
    end = text.index("  # url:", start)
    path.write_text(text[:start] + "enforcement:\n" + text[end:], encoding="utf-8")
    return build(root, root / "output")


def test_feedback_contact_comes_from_the_contacts_when_the_statement_has_none(without_own_facts):
    output = without_own_facts
    for lang in LANGUAGES:
        main = statement(output, lang)
        assert main.find("a", href="mailto:office@example.org"), lang
        assert "+359 42 111 222" in text_of(main)


def test_the_statements_own_feedback_contact_comes_first(site_copy):
    (site_copy / "data/contacts.yaml").write_text("email: office@example.org\n", encoding="utf-8")
    replace(site_copy, "data/accessibility.yaml", "feedback:\n", "feedback:\n  email: access@example.org\n")
    output = build(site_copy, site_copy / "output")
    main = statement(output, "en")
    assert main.find("a", href="mailto:access@example.org")
    assert not main.find("a", href="mailto:office@example.org")


def test_without_an_enforcement_body_the_statement_says_it_is_being_prepared(without_own_facts):
    output = without_own_facts
    assert "Its details are being prepared." in text_of(statement(output, "en"))
