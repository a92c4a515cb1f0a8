"""The catalog check: every template string translated in every language, nothing fuzzy or stale."""

from multilingual.catalog_check import check_catalogs

TEMPLATE = '<p>{{ _("Home") }}</p>\n<p>{{ _("Latest news") }}</p>\n'
LANGUAGES = {"bg": "bg_BG", "en": "en_GB"}
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'


def make_tree(tmp_path, catalogs):
    templates = tmp_path / "themes" / "t" / "templates"
    templates.mkdir(parents=True)
    (templates / "page.html").write_text(TEMPLATE, encoding="utf-8")
    for lang, body in catalogs.items():
        folder = tmp_path / "translations" / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "messages.po").write_text(HEADER + body, encoding="utf-8")
    return check_catalogs(templates, tmp_path / "translations", LANGUAGES, tmp_path)


COMPLETE_BG = 'msgid "Home"\nmsgstr "Начало"\n\nmsgid "Latest news"\nmsgstr "Последни новини"\n'
COMPLETE_EN = 'msgid "Home"\nmsgstr "Home"\n\nmsgid "Latest news"\nmsgstr "Latest news"\n'


def test_complete_catalogs_pass(tmp_path):
    assert make_tree(tmp_path, {"bg": COMPLETE_BG, "en": COMPLETE_EN}) == []


def test_string_missing_from_a_catalog_points_at_the_template_line(tmp_path):
    problems = make_tree(tmp_path, {"bg": 'msgid "Home"\nmsgstr "Начало"\n', "en": COMPLETE_EN})
    assert [str(p).split(" — ")[0] for p in problems] == [
        "themes/t/templates/page.html:2: the interface text “Latest news” is not in the bg catalog"
    ]


def test_untranslated_entry_points_at_the_po_line(tmp_path):
    problems = make_tree(tmp_path, {"bg": COMPLETE_BG.replace('"Последни новини"', '""'), "en": COMPLETE_EN})
    assert len(problems) == 1
    assert str(problems[0]).startswith("translations/bg/LC_MESSAGES/messages.po:8: “Latest news” has no bg translation")


def test_fuzzy_entry_is_reported(tmp_path):
    fuzzy = COMPLETE_BG.replace('msgid "Latest news"', '#, fuzzy\nmsgid "Latest news"')
    problems = make_tree(tmp_path, {"bg": fuzzy, "en": COMPLETE_EN})
    assert len(problems) == 1 and "marked fuzzy" in problems[0].message


def test_stale_and_obsolete_entries_are_reported(tmp_path):
    stale = COMPLETE_BG + '\nmsgid "Old text"\nmsgstr "Стар текст"\n\n#~ msgid "Gone"\n#~ msgstr "Изчезнал"\n'
    problems = make_tree(tmp_path, {"bg": stale, "en": COMPLETE_EN})
    messages = sorted(p.message for p in problems)
    assert messages == [
        "an obsolete entry “Gone” is left in the catalog",
        "“Old text” is no longer used by any template",
    ]
    assert all(p.severity == "warning" for p in problems)


def test_missing_catalog_is_an_error(tmp_path):
    problems = make_tree(tmp_path, {"bg": COMPLETE_BG})
    assert [(p.path, p.severity) for p in problems] == [("translations/en/LC_MESSAGES/messages.po", "error")]


def test_a_template_changed_in_the_same_process_is_extracted_again(tmp_path):
    # A catalog with a problem is checked at every build; what the templates use is remembered
    # between builds of one process (the preview's) only while the templates are the same.
    assert make_tree(tmp_path, {"bg": COMPLETE_BG, "en": COMPLETE_EN}) == []
    templates = tmp_path / "themes" / "t" / "templates"
    (templates / "page.html").write_text(TEMPLATE + '<p>{{ _("Contact") }}</p>\n', encoding="utf-8")
    problems = check_catalogs(templates, tmp_path / "translations", LANGUAGES, tmp_path)
    assert [str(p).split(" — ")[0] for p in problems] == [
        f"themes/t/templates/page.html:3: the interface text “Contact” is not in the {lang} catalog"
        for lang in ("bg", "en")
    ]
