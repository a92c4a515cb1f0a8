"""The pure helpers behind the front-matter and catalog checks."""

import pytest

from multilingual.front_matter import check_front_matter, iso_form, read_front_matter
from multilingual.po_checks import syntax_problems
from site_data.yaml_lines import unclosed_quote


@pytest.mark.parametrize(
    "written,iso",
    [
        ("31.12.2026", "2026-12-31"),
        ("05.03.2026", "2026-03-05"),  # day first, as Bulgarians write it: never 3 May
        ("5/3/2026", "2026-03-05"),
        ("31.12.2026 г.", "2026-12-31"),
        ("2026-3-5", "2026-03-05"),
        ("31.12.2026 10:30", "2026-12-31 10:30"),
        ("31.02.2026", ""),
        ("утре", ""),
    ],
)
def test_iso_form_of_a_date(written, iso):
    assert iso_form(written) == iso


def test_front_matter_lines_and_continuations():
    text = "---\nTitle: Заглавие\nSummary: първи ред\n    втори ред\n\nTitle: not a field\n"
    fields = [(entry.name, entry.value, entry.line) for entry in read_front_matter(text)]
    assert fields == [("Title", "Заглавие", 2), ("Summary", "първи ред втори ред", 3)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Title: Х\nDate: 2026-11-27 10:00\n\nТекст", []),
        ("title: Х\ndate: 2026-11-27\n\nТекст", []),  # Pelican reads the names in any case
        ("Title: Х\nDate: 2026-11-27\nStatus: hidden\n", ["3: 'Status: hidden' is not an allowed value"]),
        ("Date: 2026-11-27\n", ["1: the 'Title:' line is missing"]),
        (
            "Заглавие: Х\nDate: 2026-11-27\n",
            [
                "1: 'Заглавие:' is not a field name the site knows",
                "1: the 'Title:' line is missing",
                "1: the 'Date:' line is missing",
            ],
        ),
        ("Title: Х\nDate: 2026-11-27\nОбобщение: кратко\n", ["3: 'Обобщение:' is not a field name the site knows"]),
    ],
)
def test_news_front_matter(text, expected):
    found = [f"{p.line}: {p.message}" for p in check_front_matter("n.bg.md", text, "news")]
    assert found == expected


def test_a_draft_may_leave_fields_empty():
    assert check_front_matter("p.en.md", "Title: \nSummary: \nStatus: draft\n", "page") == []
    assert [p.line for p in check_front_matter("p.en.md", "Title: \nSummary: \n", "page")] == [1, 2]


@pytest.mark.parametrize(
    "text,line",
    [
        ('a: 1\nb: "open\nc: 2\n', 2),
        ("a: 'it''s closed'\nb: 'open\n", 2),
        ('- "closed \\" inside"\n- "open\n', 2),
        ('a: "closed"\nb: plain "quoted" word\n', None),
    ],
)
def test_unclosed_quote(text, line):
    found = unclosed_quote(text, 99)
    assert (found[0] if found else None) == line


def test_po_syntax_lines():
    text = 'msgid ""\nmsgstr ""\n"Language: bg\\n"\n\n# note\nmsgid "A"\nmsgstr "а\nstray\nmsgstr[0] "x"\nmsgstr "a "b" c"\n'
    assert [(p.line, p.message.split(" ")[0:4]) for p in syntax_problems(text, "m.po")] == [
        (7, ["the", "text", "on", "this"]),
        (8, ["this", "line", "is", "not"]),
        (10, ["a", '"', "inside", "the"]),
    ]
