"""Editors' mistakes, one table: each is made in a small copy of the site, then `invoke check` and `invoke build` run.

A mistake must make both commands fail (or, for a warning, only `check --strict`),
name the file and line with words that say what to do, show no traceback, and
leave the last good build in output/ exactly as it was. Files saved with a BOM
or with Windows line ends are no mistake: the site builds.
"""

import gc
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass

import pytest
from PIL import Image

from conftest import FIXED_TODAY, REPO, build, page_for_url, read_html
from editor_commands import editor_environment, invoke_here
from site_build import BuildFailed
from site_checks import PristineTree, append, line_of, page, replace, snapshot, text_of

# The small site: the Bulgarian pages (the plugins need each of them), one English
# translation, one news item in two languages, the real data and catalogs.
TRANSLATED_PAGE = "trainings"
NEWS = "2026-11-27-four-language-site"
BG_CATALOG = "translations/bg/LC_MESSAGES/messages.po"


def catalog_line(text):
    """Return the number of the first line of the real Bulgarian catalog that holds ``text``."""
    lines = (REPO / BG_CATALOG).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


ALL_NEWS = catalog_line('msgid "All news"')


def make_site(root):
    """Make the small site in ``root``: sources copied, code linked, settings as the project's."""
    (root / "content" / "pages").mkdir(parents=True)
    (root / "content" / "news").mkdir()
    for path in sorted((REPO / "content" / "pages").glob("*.bg.md")):
        shutil.copy(path, root / "content" / "pages" / path.name)
    shutil.copy(REPO / "content" / "pages" / f"{TRANSLATED_PAGE}.en.md", root / "content" / "pages")
    for lang in ("bg", "en"):
        shutil.copy(REPO / "content" / "news" / f"{NEWS}.{lang}.md", root / "content" / "news")
    # The site's share card, which the images plugin publishes with every build.
    (root / "content" / "images").mkdir()
    shutil.copy(REPO / "content" / "images" / "site-card.png", root / "content" / "images")
    # A photo the image cases show (with and without its text alternative).
    Image.new("RGB", (64, 48), (40, 90, 140)).save(root / "content" / "images" / "hall.jpg")
    for folder in ("data", "translations"):
        shutil.copytree(REPO / folder, root / folder)
    for name in ("tasks.py", "publishconf.py"):
        shutil.copy(REPO / name, root / name)
    settings = (REPO / "pelicanconf.py").read_text(encoding="utf-8")
    # "Today" pinned, so that the example trainings' dates give the same result on any day.
    settings += f"\nimport datetime  # noqa: E402\nSITE_TODAY = datetime.date({FIXED_TODAY.year}, {FIXED_TODAY.month}, {FIXED_TODAY.day})\n"
    (root / "pelicanconf.py").write_text(settings, encoding="utf-8")
    for folder in ("plugins", "themes"):
        (root / folder).symlink_to(REPO / folder)
    return root


# publish-build refuses to run without a real public address (see test_launch_check.py).
PUBLIC_SITEURL = "https://www.rao-trakia.bg"


def invoke(root, *args, in_a_process=False):
    """Run an invoke task in the site copy as an editor would (no $THRACE_LANG); return (exit code, everything printed).

    In this process (editor_commands.invoke_here) unless ``in_a_process``: the
    few commands run in a process of their own show that the real command exits
    with the same status and prints no traceback.
    """
    env = editor_environment(SITEURL=PUBLIC_SITEURL)
    if not in_a_process:
        return invoke_here(root, *args, env=env)
    done = subprocess.run([sys.executable, "-m", "invoke", *args], cwd=root, capture_output=True, text=True, env=env)
    return done.returncode, done.stdout + done.stderr


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    """The small site, built once; each case works in its folder, restored from the pristine copy beside it."""
    folder = tmp_path_factory.mktemp("mistakes")
    root = make_site(folder / "site")
    code, printed = invoke(root, "build")
    assert code == 0, printed
    code, printed = invoke(root, "check", "--strict")
    assert code == 0, printed
    pristine = PristineTree(root, folder / "pristine")
    # Putting the site back waits for the cycle collector to free the commands' content caches (closed_state):
    # with the objects this process holds now left out of its collections, it walks only the cases' own.
    gc.collect()
    gc.freeze()
    yield pristine
    gc.unfreeze()


@pytest.fixture
def site(built_site):
    """The small site as built_site left it, in the same folder for every case of this process.

    The build's memory of clean checks and its compiled templates are keyed by the
    site's folder too: in a new folder each case would check and compile everything again.
    Only what the last case changed is put back (PristineTree.restore).
    """
    built_site.restore()
    return built_site.root


def write(relative, text, encoding="utf-8", newline=None):
    """Return a change that writes a whole file of the site."""

    def change(root):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding=encoding, newline=newline) as handle:
            handle.write(text)

    return change


def recode(relative, encoding=None, prefix="", newline=None):
    """Return a change that saves a file of the site again in another encoding or with other line ends."""

    def change(root):
        path = root / relative
        text = path.read_text(encoding="utf-8")
        # The Greek and Turkish letters a Cyrillic code page lacks become "?", as in an editor's "Save as".
        with open(path, "w", encoding=encoding or "utf-8", errors="replace", newline=newline) as handle:
            handle.write(prefix + text)

    return change


def edit(relative, old, new):
    return lambda root: replace(root, relative, old, new)


def add(relative, text):
    return lambda root: append(root, relative, text)


def copy(relative, to):
    return lambda root: shutil.copy(root / relative, root / to)


@dataclass
class Mistake:
    """One editor's mistake and what the commands must say about it."""

    name: str
    change: object
    where: str = ""  # "path:line" the message starts with ("" for cases that pass)
    words: tuple = ()  # words of that message
    severity: str = "error"  # "error", "warning" or "none"
    absent: tuple = ("Traceback", "(pelican)")  # nothing of these anywhere in what is printed
    alone: bool = False  # the only problem reported
    lang: str = ""  # "en": the commands run with --lang en (else in Bulgarian, the default)


SITE_NAME_EN = "  en: Regional Association of Municipalities “Thrace”"
A_TRAINING = "data/trainings/example-2026-10-current-issues.yaml"
NEWS_BG = f"content/news/{NEWS}.bg.md"
PAGE_BG = f"content/pages/{TRANSLATED_PAGE}.bg.md"
PAGE_EN = f"content/pages/{TRANSLATED_PAGE}.en.md"
NEW_PAGE = "content/pages/x.bg.md"
BODY = "\n\nТекст на страницата.\n"
TRAININGS_EN_LINE_5 = "The training courses held"
SERVICES_LINK = "See [our services]({filename}services.en.md).\n\n"
TRAININGS_LINE_6 = "Асоциацията предлага на своите членове обучения в няколко насоки:"

MISTAKES = [
    # Reading errors: empty files, encodings, YAML syntax.
    Mistake(
        "emptied site.yaml",
        write("data/site.yaml", ""),
        "data/site.yaml:1:",
        ("файлът е празен", "data/schemas/site.yaml"),
    ),
    Mistake(
        "emptied services.yaml, comments left",
        write("data/services.yaml", "# Услуги\n# (изтрито)\n"),
        "data/services.yaml:2:",
        ("файлът е празен", "[]"),
    ),
    Mistake(
        "new empty training",
        write("data/trainings/2027-05-new.yaml", ""),
        "data/trainings/2027-05-new.yaml:1:",
        ("файлът е празен",),
    ),
    Mistake(
        "training saved as Windows-1251",
        write("data/trainings/2027-05-new.yaml", "kind: new-mayors\ntitle:\n  bg: Обучение\n", encoding="cp1251"),
        "data/trainings/2027-05-new.yaml:3:",
        ("не е текст в UTF-8", "Windows-1251", "запишете отново като UTF-8"),
    ),
    Mistake(
        "site.yaml saved as Windows-1251",
        recode("data/site.yaml", "cp1251"),
        "data/site.yaml:5:",
        ("Windows-1251", "UTF-8"),
        alone=True,
    ),
    Mistake(
        "data file indented with a tab",
        edit("data/site.yaml", "  bg: Регионална", "\tbg: Регионална"),
        "data/site.yaml:5:",
        ("с табулация", "интервали"),
        alone=True,
    ),
    Mistake(
        "Greek page saved as Windows-1253",
        write("content/pages/trainings.el.md", "Title: Επιμόρφωση\n\nΚείμενο.\n", encoding="cp1253"),
        "content/pages/trainings.el.md:1:",
        ("Windows-1253",),
        alone=True,
    ),
    Mistake(
        "Greek catalog saved as Windows-1253",
        recode("translations/el/LC_MESSAGES/messages.po", "cp1253"),
        "translations/el/LC_MESSAGES/messages.po:",
        ("Windows-1253",),
        alone=True,
    ),
    Mistake(
        "unclosed double quote",
        edit("data/site.yaml", SITE_NAME_EN, '  en: "Regional Association of Municipalities'),
        "data/site.yaml:6:",
        ("двойните кавички", "не са затворени"),
        alone=True,
    ),
    Mistake(
        "unclosed quote that a later line closes",
        edit(A_TRAINING, 'законодателството"', "законодателството"),
        f"{A_TRAINING}:5:",
        ("двойните кавички", "не са затворени"),
        alone=True,
    ),
    Mistake(
        "broken kinds file gives no advice about the trainings",
        edit("data/training_kinds.yaml", "- id: new-mayors", "- id: new-mayors\n  name: [bg"),
        "data/training_kinds.yaml:",
        ("грешка в записа (YAML)",),
        alone=True,
    ),
    # Duplicates across files.
    Mistake(
        "training copied with another extension",
        copy(A_TRAINING, A_TRAINING.replace(".yaml", ".yml")),
        A_TRAINING.replace(".yaml", ".yml") + ":1:",
        (A_TRAINING + ":1", "се използва и от"),
    ),
    Mistake(
        "document id used twice",
        add("data/documents.yaml", "- id: protocol-polis-2004\n  title: {bg: Копие}\n  kind: protocol\n"),
        "data/documents.yaml:",
        ("„protocol-polis-2004“ е използван два пъти", "първия път на ред"),
    ),
    Mistake(
        "page key used in two folders",
        write("content/pages/more/home.bg.md", "Title: Още" + BODY),
        "content/pages/",
        ("content/pages/home.bg.md", "content/pages/more/home.bg.md:1", "се използва и от"),
    ),
    Mistake(
        "news item with a page's key",
        write("content/news/home.bg.md", "Title: Новина\nDate: 2026-11-28" + BODY),
        "content/news/home.bg.md:1:",
        ("се използва и от страницата content/pages/home.bg.md:1",),
    ),
    # Markdown sources and their front matter.
    Mistake(
        "page without Title",
        write(NEW_PAGE, "Summary: Кратко." + BODY),
        f"{NEW_PAGE}:1:",
        ("липсва ред „Title:“", "Title:"),
        absent=("Traceback", "(pelican)", "Skipping", "/tmp"),
    ),
    Mistake(
        "original without Title, translation exists",
        edit(PAGE_BG, "Title: Обучения\n", ""),
        f"{PAGE_BG}:1:",
        ("липсва ред „Title:“",),
        absent=("Traceback", "(pelican)", "Skipping", "български оригинал"),
        alone=True,
    ),
    Mistake(
        "page saved as Windows-1251",
        recode(PAGE_BG, "cp1251"),
        f"{PAGE_BG}:1:",
        ("Windows-1251", "UTF-8"),
        absent=("Traceback", "(pelican)", "Could not process", "български оригинал"),
        alone=True,
    ),
    Mistake(
        "unknown field Autor",
        edit(PAGE_BG, "Title: Обучения\n", "Title: Обучения\nAutor: Иван\n"),
        f"{PAGE_BG}:2:",
        ("непознато поле „Autor:“", "Title:, Summary:"),
        absent=("може би", "Traceback"),
    ),
    Mistake("misspelt Summery", edit(PAGE_EN, "Summary:", "Summery:"), f"{PAGE_EN}:2:", ("може би „Summary:“",)),
    Mistake(
        "day-first date",
        edit(NEWS_BG, "Date: 2026-11-27", "Date: 31.12.2026"),
        f"{NEWS_BG}:2:",
        ("31.12.2026 → 2026-12-31",),
    ),
    Mistake(
        "day and month that could be swapped",
        edit(NEWS_BG, "Date: 2026-11-27", "Date: 05.03.2026"),
        f"{NEWS_BG}:2:",
        ("05.03.2026 → 2026-03-05",),
    ),
    Mistake(
        "date that does not exist",
        edit(NEWS_BG, "Date: 2026-11-27", "Date: 2026-02-30"),
        f"{NEWS_BG}:2:",
        ("не е дата",),
        absent=("Traceback", "(pelican)", "Could not process"),
    ),
    Mistake(
        "news item without Date",
        edit(NEWS_BG, "Date: 2026-11-27\n", ""),
        f"{NEWS_BG}:1:",
        ("липсва ред „Date:“", "ГГГГ-ММ-ДД"),
        absent=("Traceback", "(pelican)", "Skipping", "български оригинал"),
    ),
    Mistake(
        "status with a capital letter",
        edit(PAGE_EN, "Title:", "Status: Draft\nTitle:"),
        f"{PAGE_EN}:1:",
        ("може би „draft“",),
    ),
    Mistake(
        "field written twice",
        edit(PAGE_BG, "Title: Обучения\n", "Title: Обучения\nTitle: Курсове\n"),
        f"{PAGE_BG}:2:",
        ("написано два пъти", "първия път на ред 1"),
    ),
    Mistake(
        "field not filled in",
        edit(PAGE_BG, "Title: Обучения\n", "Title: Обучения\nSlug: …\n"),
        f"{PAGE_BG}:2:",
        ("не е попълнено",),
    ),
    # Links between pages: a missing translation is a fallback, a page that is nowhere a mistake.
    Mistake(
        "link to a translation that does not exist",
        edit(PAGE_EN, TRAININGS_EN_LINE_5, SERVICES_LINK + TRAININGS_EN_LINE_5),
        severity="none",
    ),
    Mistake(
        "link to a page that exists in no language",
        edit(PAGE_EN, TRAININGS_EN_LINE_5, SERVICES_LINK.replace("services", "servises") + TRAININGS_EN_LINE_5),
        f"{PAGE_EN}:5:",
        ("„servises.en.md“ не води до страница", "може би ({filename}services.en.md)"),
        absent=("Traceback", "(pelican)", ".bg.md"),
        alone=True,
    ),
    # Images: a text alternative, or the mark of a decorative image.
    Mistake(
        "image without alt text",
        edit(PAGE_BG, TRAININGS_LINE_6, "![](/images/hall.jpg)\n\n" + TRAININGS_LINE_6),
        f"{PAGE_BG}:6:",
        ("„hall.jpg“ няма текстово описание", "![какво показва изображението]", "{: .decorative}"),
    ),
    Mistake(
        "image with blank alt text",
        edit(PAGE_BG, TRAININGS_LINE_6, "![ ](/images/hall.jpg)\n\n" + TRAININGS_LINE_6),
        f"{PAGE_BG}:6:",
        ("няма текстово описание",),
    ),
    Mistake(
        'HTML image with alt=""',
        edit(PAGE_BG, TRAININGS_LINE_6, '<img src="/images/hall.jpg" alt="">\n\n' + TRAININGS_LINE_6),
        f"{PAGE_BG}:6:",
        ("няма текстово описание",),
    ),
    Mistake(
        "second image of the same file without alt text",
        edit(PAGE_BG, TRAININGS_LINE_6, "![Залата](/images/hall.jpg)\n\n![](/images/hall.jpg)\n\n" + TRAININGS_LINE_6),
        f"{PAGE_BG}:8:",
        ("няма текстово описание",),
        alone=True,
    ),
    Mistake(
        "an image marked decorative",
        edit(PAGE_BG, TRAININGS_LINE_6, "![](/images/hall.jpg){: .decorative}\n\n" + TRAININGS_LINE_6),
        severity="none",
    ),
    # Catalogs.
    Mistake(
        "misspelt %(name)s placeholder",
        edit(BG_CATALOG, 'за %(term)s"', 'за %(trm)s"'),
        f"{BG_CATALOG}:{catalog_line('за %(term)s')}:",
        ("заместителите", "'trm'"),
    ),
    Mistake(
        "missing {name} placeholder",
        add(BG_CATALOG, '\nmsgid "Hello, {name}"\nmsgstr "Здравейте"\n'),
        f"{BG_CATALOG}:",
        ("липсва заместителят {name}",),
    ),
    Mistake(
        "unclosed quote in a catalog",
        edit(BG_CATALOG, 'msgstr "Всички новини"', 'msgstr "Всички новини'),
        f"{BG_CATALOG}:{ALL_NEWS + 1}:",
        ("не е затворена",),
        alone=True,
    ),
    Mistake(
        "stray line in a catalog",
        edit(BG_CATALOG, 'msgstr "Всички новини"', 'msgstr "Всички новини"\nВсички'),
        f"{BG_CATALOG}:{ALL_NEWS + 2}:",
        ("не е коментар",),
        alone=True,
    ),
    Mistake(
        "fuzzy translation",
        edit(BG_CATALOG, 'msgid "All news"', '#, fuzzy\nmsgid "All news"'),
        f"{BG_CATALOG}:{ALL_NEWS + 1}:",
        ("fuzzy",),
        severity="warning",
    ),
    Mistake(
        "untranslated entry",
        edit(BG_CATALOG, 'msgstr "Всички новини"', 'msgstr ""'),
        f"{BG_CATALOG}:{ALL_NEWS}:",
        ("няма превод за bg",),
        severity="warning",
    ),
    Mistake(
        "obsolete entry",
        add(BG_CATALOG, '\n#~ msgid "Gone"\n#~ msgstr "Няма го"\n'),
        f"{BG_CATALOG}:",
        ("остарял запис",),
        severity="warning",
    ),
    # What is no mistake.
    Mistake("page saved with a BOM", recode(PAGE_BG, prefix="\ufeff"), severity="none"),
    Mistake("page with Windows line ends", recode(PAGE_EN, newline="\r\n"), severity="none"),
    Mistake("data file saved with a BOM", recode("data/site.yaml", prefix="\ufeff"), severity="none"),
    Mistake("data file with Windows line ends", recode(A_TRAINING, newline="\r\n"), severity="none"),
    Mistake("a draft page", edit(PAGE_EN, "Title:", "Status: draft\nTitle:"), severity="none"),
    Mistake("a draft news item", edit(NEWS_BG, "Title:", "Status: draft\nTitle:"), severity="none"),
    # The same mistakes, with the messages asked for in English.
    Mistake(
        "emptied site.yaml, in English",
        write("data/site.yaml", ""),
        "data/site.yaml:1:",
        ("the file is empty", "data/schemas/site.yaml"),
        absent=("Traceback", "(pelican)", "файлът"),
        lang="en",
    ),
    Mistake(
        "unknown field Autor, in English",
        edit(PAGE_BG, "Title: Обучения\n", "Title: Обучения\nAutor: Иван\n"),
        f"{PAGE_BG}:2:",
        ("unknown field 'Autor:'", "Title:, Summary:"),
        absent=("did you mean", "Traceback", "поле"),
        lang="en",
    ),
    Mistake(
        "fuzzy translation, in English",
        edit(BG_CATALOG, 'msgid "All news"', '#, fuzzy\nmsgid "All news"'),
        f"{BG_CATALOG}:{ALL_NEWS + 1}:",
        ("the bg translation of “All news” is marked fuzzy", "[warning]"),
        severity="warning",
        lang="en",
    ),
]
SUMMARY = {
    "bg": re.compile(r"^\d+ грешк[аи], \d+ предупреждени[ея]$"),
    "en": re.compile(r"^\d+ errors?, \d+ warnings?$"),
}
NO_ERRORS = {"bg": "0 грешки, ", "en": "0 errors, "}


def problem_lines(printed):
    return [line for line in printed.splitlines() if line.startswith(("content/", "data/", "translations/", "themes/"))]


# Run as real processes, once per reason: an error that Pelican itself would also log (check and build
# exit with 1), and a warning (check and build exit with 0, the strict check with 1). A publication
# build that fails runs as one too (test_strict_check_agrees_with_publish_build).
IN_A_PROCESS = {"page saved as Windows-1251", "fuzzy translation"}


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.name for m in MISTAKES])
def test_editor_mistake(mistake, site):
    root = site
    before = snapshot(root / "output")
    mistake.change(root)

    lang = ("--lang", mistake.lang) if mistake.lang else ()
    process = {"in_a_process": mistake.name in IN_A_PROCESS}
    check_code, checked = invoke(root, "check", *lang, **process)
    build_code, built = invoke(root, "build", *lang, **process)
    # A check that fails fails strictly too (tasks.check); only the others need a strict run.
    strict_code, strict = invoke(root, "check", "--strict", *lang, **process) if check_code == 0 else (1, "")
    printed = checked + strict + built
    for text in mistake.absent:
        assert text not in printed, printed

    if mistake.severity == "none":
        assert (check_code, strict_code, build_code) == (0, 0, 0), printed
        return
    if mistake.severity == "warning":
        assert (check_code, strict_code, build_code) == (0, 1, 0), printed
    else:
        assert (check_code, strict_code, build_code) == (1, 1, 1), printed
        assert snapshot(root / "output") == before, "a failed build changed output/"
    # A build lists its warnings too, and ends with the count of errors and warnings.
    summary = [line for line in built.splitlines() if SUMMARY[mistake.lang or "bg"].match(line)]
    assert len(summary) == 1, built
    assert summary[0].startswith(NO_ERRORS[mistake.lang or "bg"]) == (mistake.severity == "warning"), built
    for output in (checked, built):
        found = [
            line
            for line in problem_lines(output)
            if line.startswith(mistake.where) and all(word in line for word in mistake.words)
        ]
        assert found, output
        if mistake.alone:
            assert len(problem_lines(output)) == 1, output


def site_text(output):
    """Return the text of every text file of a built site."""
    return "\n".join(
        path.read_text(encoding="utf-8")
        for path in sorted(output.rglob("*"))
        if path.suffix in (".html", ".xml", ".json", ".ics", ".txt")
    )


def test_a_draft_is_previewed_with_a_banner_and_never_published(tmp_path):
    root = make_site(tmp_path / "site")
    replace(root, NEWS_BG, "Title:", "Status: draft\nTitle:")
    replace(root, PAGE_EN, "Title:", "Status: draft\nTitle:")
    news_title = "Сайтът на РАО „Тракия“ вече е на четири езика"
    english_summary = "Training for representatives of member municipalities"

    preview = build(root, tmp_path / "preview")
    for lang, title, words in (("bg", news_title, "Чернова"), ("en", "Training", "never published")):
        banner = page(preview, lang, title).select(".th-notice--draft")
        assert banner and words in text_of(banner[0])
    assert not page(preview, "bg", "Обучения").select(".th-notice--draft")

    published = build(root, tmp_path / "published", settings_file="publishconf.py")
    text = site_text(published)
    assert news_title not in text
    assert english_summary not in text
    assert "th-notice--draft" not in text
    # The English address shows the Bulgarian original instead, as for any missing translation.
    assert page(published, "en", "Обучения").select(".th-notice")


def test_a_draft_in_the_menu_stops_publishing_and_says_why(tmp_path):
    root = make_site(tmp_path / "site")
    replace(root, "content/pages/structure.bg.md", "Title:", "Status: draft\nTitle:")
    build(root, tmp_path / "preview")  # previewed with its banner, menu and all
    with pytest.raises(BuildFailed) as failure:
        build(root, tmp_path / "published", settings_file="publishconf.py")
    line = line_of(root / "data/navigation.yaml", "- structure")
    assert (
        f"data/navigation.yaml:{line}: 'children item' is 'structure', "
        "a draft (content/pages/structure.bg.md:1) that this build does not publish"
    ) in str(failure.value)
    assert "delete the 'Status: draft' line in content/pages/structure.bg.md" in str(failure.value)


@dataclass
class Publication:
    """A change to the small site, and whether the public site can be published after it."""

    name: str
    change: object
    publishable: bool


PUBLICATIONS = [
    Publication("the small site as it is", lambda root: None, True),
    Publication("no search page", lambda root: (root / "content/pages/search.bg.md").unlink(), False),
    Publication("a draft in the menu", edit("content/pages/structure.bg.md", "Title:", "Status: draft\nTitle:"), False),
    Publication("a draft news item", edit(NEWS_BG, "Title:", "Status: draft\nTitle:"), True),
    Publication("a draft translation", edit(PAGE_EN, "Title:", "Status: draft\nTitle:"), True),
    Publication("unknown field", edit(PAGE_BG, "Title: Обучения\n", "Title: Обучения\nAutor: Иван\n"), False),
    Publication("fuzzy catalog entry", edit(BG_CATALOG, 'msgid "All news"', '#, fuzzy\nmsgid "All news"'), False),
]


@pytest.mark.parametrize("case", PUBLICATIONS, ids=[case.name for case in PUBLICATIONS])
def test_strict_check_agrees_with_publish_build(case, site):
    root = site
    case.change(root)
    process = {"in_a_process": case.name == "a draft in the menu"}
    check_code, checked = invoke(root, "check", "--strict", **process)
    publish_code, published = invoke(root, "publish-build", **process)
    assert "Traceback" not in checked + published
    assert (check_code == 0, publish_code == 0) == (case.publishable, case.publishable), checked + published
    # Both name the same problems: the check runs the build's own reading phase.
    assert set(problem_lines(checked)) == set(problem_lines(published)), checked + published


def test_a_link_to_a_missing_translation_leads_to_the_fallback(tmp_path):
    root = make_site(tmp_path / "site")
    replace(root, PAGE_EN, TRAININGS_EN_LINE_5, SERVICES_LINK + TRAININGS_EN_LINE_5)
    output = build(root, tmp_path / "output")
    [link] = [a for a in page(output, "en", "Training").select("main a") if text_of(a) == "our services"]
    # The English address of the services page, which shows the Bulgarian original with its notice.
    target = page_for_url(output, link["href"])
    assert link["href"].startswith("/en/") and target.is_file()
    assert read_html(target).select(".th-notice") and "Услуги за общините" in text_of(read_html(target))


SCAFFOLDS = {
    "page": ["page", "--title", "Проба", "--translations"],
    "news": ["news", "--title", "Новина", "--date", "2027-01-10"],
    "training": ["training", "--title", "Курс", "--date", "2027-05-10"],
    "document": ["document", "--title", "Документ"],
}


@pytest.mark.parametrize("kind", list(SCAFFOLDS))
def test_an_unfilled_scaffold_fails_the_check_at_its_marks(kind, site):
    root = site
    code, written = invoke(root, "new", *SCAFFOLDS[kind])
    assert code == 0, written
    # `invoke new` lists each line still to fill in as path:line.
    marks = {line.split(": ", 1)[0].strip() + ":" for line in written.splitlines() if line.startswith("  ")}
    assert marks, written
    code, checked = invoke(root, "check")
    assert code == 1, checked
    reported = {
        ":".join(line.split(":", 2)[:2]) + ":"
        for line in problem_lines(checked)
        if not line.endswith(("[warning]", "[предупреждение]"))
    }
    assert reported and reported <= marks, (written, checked)
    if kind in ("page", "news"):
        # The summary and the text: both named, and the empty translation drafts are no mistake.
        assert reported == marks and len(marks) == 2, (written, checked)
