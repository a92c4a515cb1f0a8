"""Editors' mistakes in Markdown, front matter and data: the build stops and says where.

Each broken build must raise BuildFailed naming the exact ``path:line:`` and
how to fix it, and must leave the previously built site exactly as it was.
"""

import logging
from pathlib import Path

from conftest import build
from site_checks import failed_build, line_of, replace


def write(root, relative, text):
    path = Path(root) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_translation_without_bulgarian_original(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    write(site_copy, "content/pages/x.en.md", "Title: Orphan translation\n\nText.\n")
    message = rebuild()
    assert "content/pages/x.en.md:1: there is no Bulgarian original 'x.bg.md'" in message
    assert "create content/pages/x.bg.md" in message


def test_file_name_without_language(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    write(site_copy, "content/pages/notes.md", "Title: Бележки\n\nТекст.\n")
    message = rebuild()
    assert "content/pages/notes.md:1:" in message
    assert "<key>.<language>.md" in message


def test_unknown_language_code(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    write(site_copy, "content/pages/x.de.md", "Title: Deutsch\n\nText.\n")
    message = rebuild()
    assert "content/pages/x.de.md:1:" in message
    assert "bg, en, el, tr" in message


def test_invalid_slug(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    write(site_copy, "content/pages/x.bg.md", "Title: Хикс\nSlug: Нов Slug!\n\nТекст.\n")
    message = rebuild()
    assert "content/pages/x.bg.md:2: the slug 'Нов Slug!' is not valid" in message
    assert "lowercase Latin letters" in message


def test_unknown_template(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    write(site_copy, "content/pages/x.bg.md", "Title: Хикс\nSummary: Кратко.\nTemplate: galery\n\nТекст.\n")
    message = rebuild()
    assert "content/pages/x.bg.md:3: there is no template 'galery'" in message
    assert "page" in message.split("content/pages/x.bg.md:3:", 1)[1].split("\n", 1)[0]


def test_link_to_a_missing_page(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    write(
        site_copy,
        "content/pages/x.bg.md",
        "Title: Хикс\n\nПърви абзац.\n\nВижте [обученията]({filename}obuchenia.bg.md).\n",
    )
    message = rebuild()
    assert "content/pages/x.bg.md:5: the link to 'obuchenia.bg.md' leads to no page or file" in message


def test_slugs_colliding_in_one_language(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    write(site_copy, "content/pages/courses.bg.md", "Title: Курсове\n\nТекст.\n")
    write(site_copy, "content/pages/courses.en.md", "Title: Courses\nSlug: training\n\nText.\n")
    message = rebuild()
    # Both files are named, each at the line its address comes from.
    assert "content/pages/courses.en.md:2: the address /en/training/ is also the address of 'trainings'" in message
    trainings_title = line_of(site_copy / "content/pages/trainings.en.md", "Title:")
    assert (
        f"content/pages/trainings.en.md:{trainings_title}: the address /en/training/ is also the address of 'courses'"
        in message
    )


def test_news_item_without_date(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    write(site_copy, "content/news/2026-12-01-no-date.bg.md", "Title: Новина без дата\n\nТекст.\n")
    message = rebuild()
    assert "content/news/2026-12-01-no-date.bg.md:1:" in message
    assert "Date: YYYY-MM-DD" in message


def test_navigation_naming_an_unknown_page(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    navigation = replace(site_copy, "data/navigation.yaml", "      - services\n", "      - servises\n")
    message = rebuild()
    line = line_of(navigation, "- servises")
    assert f"data/navigation.yaml:{line}: " in message
    assert "'servises'" in message
    valid = message.split(f"data/navigation.yaml:{line}:", 1)[1].split("\n", 1)[0]
    keys = {path.name.split(".")[0] for path in (site_copy / "content" / "pages").glob("*.bg.md")}
    assert "services" in keys
    for key in keys:
        assert key in valid, f"the list of valid keys lacks {key}"


def test_yaml_syntax_error_in_site_data(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    site = replace(site_copy, "data/site.yaml", "short_name:\n", "short_name:\n  bg: РАО: „Тракия“: грешка\n")
    message = rebuild()
    line = line_of(site, "грешка")
    assert f"data/site.yaml:{line}: YAML syntax error" in message


def test_accessibility_review_before_preparation(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    statement = site_copy / "data" / "accessibility.yaml"
    text = statement.read_text(encoding="utf-8")
    reviewed = next(line for line in text.splitlines() if line.startswith("reviewed_on:"))
    statement.write_text(
        text.replace("prepared_on:", "prepared_on: 2026-11-20\n# was:", 1).replace(reviewed, "reviewed_on: 2026-11-10"),
        encoding="utf-8",
    )
    message = rebuild()
    line = line_of(statement, "reviewed_on:")
    assert f"data/accessibility.yaml:{line}: 'reviewed_on' (2026-11-10) is before 'prepared_on' (2026-11-20)" in message


def test_review_over_a_year_old_warns_but_builds(tiny_site, caplog):
    statement = tiny_site / "data" / "accessibility.yaml"
    text = statement.read_text(encoding="utf-8")
    old = {line.split(":")[0]: line for line in text.splitlines() if line.startswith(("prepared_on:", "reviewed_on:"))}
    statement.write_text(
        text.replace(old["prepared_on"], "prepared_on: 2025-06-02").replace(
            old["reviewed_on"], "reviewed_on: 2025-10-01"
        ),
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING):
        output = build(tiny_site, tiny_site / "output")  # "today" is 2026-11-27 in test builds
    line = line_of(statement, "reviewed_on:")
    warnings = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    assert any(
        f"data/accessibility.yaml:{line}: the accessibility statement was last reviewed on 2025-10-01, more than a year ago"
        in w
        for w in warnings
    ), warnings
    assert (output / "index.html").is_file()


def test_review_within_a_year_gives_no_warning(tiny_site, caplog):
    replace(tiny_site, "data/accessibility.yaml", "reviewed_on:", "reviewed_on: 2025-11-28\n# was:")
    replace(tiny_site, "data/accessibility.yaml", "prepared_on:", "prepared_on: 2025-06-02\n# was:")
    with caplog.at_level(logging.WARNING):
        build(tiny_site, tiny_site / "output")
    assert not [record for record in caplog.records if "last reviewed" in record.getMessage()]
