"""Every task an editor or CI runs: ``invoke --list`` shows them, each with one line of help."""

import atexit
import contextlib
import gc
import os
import re
import shlex
import shutil
import subprocess
import sys

from invoke import task

ROOT = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(ROOT, "plugins"))

from site_data.messages import say, tr  # noqa: E402 - found through the path above

# A command's process ends when its command does: the exit frees the build's objects all
# at once, and Python's last walk over them first (a cycle collection of the whole heap)
# would add 0.1 s to a rebuild at 500 pages per language. Frozen, they are not walked.
# Once per process, however often this file is loaded (the tests load it for every command).
atexit.unregister(gc.freeze)
atexit.register(gc.freeze)

# Help texts are read when invoke loads this file, before any option: their
# language is $THRACE_LANG's (Bulgarian by default). Messages follow --lang.
LANG_HELP = tr("the language of the messages: bg (default) or en; also $THRACE_LANG").in_language()


def _described(message):
    """Give a task its help text (its docstring) in the editors' language."""

    def describe(function):
        function.__doc__ = message.in_language()
        return function

    return describe


OUTPUT = os.path.join(ROOT, "output")
DEV_SETTINGS = os.path.join(ROOT, "pelicanconf.py")
PUBLISH_SETTINGS = os.path.join(ROOT, "publishconf.py")


def _run(arguments, cwd=ROOT, env=None, quiet=False):
    """Run a program from an argument list (never through a shell); exit with its status if it fails."""
    output = subprocess.DEVNULL if quiet else None
    result = subprocess.run(
        arguments, cwd=cwd, env=None if env is None else {**os.environ, **env}, stdout=output, check=False
    )
    if result.returncode != 0:
        sys.exit(f"{shlex.join(arguments)} exited with status {result.returncode}")


@contextlib.contextmanager
def _collector_off():
    """Within: Python's cycle collector is off, except in the build, which turns it on once it has frozen the heap.

    What a command imports (modules, classes, functions) lives as long as the
    process and is never garbage, yet the collector walked it some 90 times
    while the build's modules were imported, and again before the build froze
    it (site_build.heap): 0.03 s of every command.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _build(settings_file, lang):
    """Build into output/ and list every problem, ending with the summary line; exit with status 1 if it failed."""
    with _collector_off():
        _build_now(settings_file, lang)


def _build_now(settings_file, lang):
    from site_build.preview import build_and_list

    if settings_file == PUBLISH_SETTINGS:
        _require_public_siteurl(lang)
    try:
        failure = build_and_list(settings_file, OUTPUT, lang)
    except KeyboardInterrupt:
        # Ctrl-C: the live site is switched in one step, so it is the old one or the new one.
        sys.exit(say("Interrupted; output/ shows the last complete build.", lang))
    if failure is not None:
        sys.exit(1)


def _require_public_siteurl(lang):
    """Stop before building when SITEURL is unset or a placeholder: every absolute link would be wrong."""
    from pelican.settings import read_settings

    from site_build.launch_check import site_url_error

    error = site_url_error(read_settings(PUBLISH_SETTINGS)["SITEURL"], ROOT, lang)
    if error:
        print(error, file=sys.stderr)
        sys.exit(1)


@task(name="launch-check", help={"lang": LANG_HELP})
@_described(tr("List every fact still missing before the site can go public; fail while any is."))
def launch_check(c, lang=None):
    from pelican.settings import read_settings

    from site_build.launch_check import format_launch_report, launch_problems

    problems = launch_problems(read_settings(PUBLISH_SETTINGS), ROOT)
    print(format_launch_report(problems, lang))
    if problems:
        sys.exit(1)


@task(
    help={
        "strict": tr("check the public site as publish-build does: drafts left out, warnings fatal").in_language(),
        "lang": LANG_HELP,
    }
)
@_described(tr("Check every page, data file, link and catalog without writing output/."))
def check(c, strict=False, lang=None):
    from site_build import check_site
    from site_build.dated import announce_dated
    from site_data import fatal_problems, format_problems

    # Strict means what publishing does, so it reads the publication's settings (publishconf.py).
    problems = check_site(PUBLISH_SETTINGS if strict else DEV_SETTINGS)
    if problems:
        print(format_problems(problems, lang))
    else:
        print(say("No problems found.", lang))
    # Listed again, framed: they never fail the check, strict or not (see site_build/dated.py).
    announce_dated(problems, stream=sys.stdout, lang=lang)
    if fatal_problems(problems, strict):
        sys.exit(1)


@task(help={"lang": LANG_HELP})
@_described(tr("Build the development site into output/ (checks everything first)."))
def build(c, lang=None):
    _build(DEV_SETTINGS, lang)


@task(name="publish-build", help={"lang": LANG_HELP})
@_described(tr("Build the public site into output/ with publishconf.py (absolute URLs, no examples)."))
def publish_build(c, lang=None):
    _build(PUBLISH_SETTINGS, lang)


@task(help={"port": tr("the port of the preview (default 8000)").in_language(), "lang": LANG_HELP})
@_described(tr("Build, serve output/ on http://localhost:PORT and rebuild and reload on every change."))
def serve(c, port=8000, lang=None):
    from site_build.preview import serve_preview

    watched = [os.path.join(ROOT, folder) for folder in ("content", "data", "themes", "translations", "plugins")]
    serve_preview(DEV_SETTINGS, OUTPUT, watched + [DEV_SETTINGS], port=int(port), lang=lang)


# What the tests run: Debian package -> the programs that provide it (any one will do).
# Chromium in the order tests/quality/conftest.py looks for it (after $CHROME_PATH);
# nginx and Apache run the generated configurations in tests/test_hosting.py.
DEBIAN_TEST_TOOLS = {
    "chromium": ("chromium", "chromium-browser", "google-chrome"),
    "default-jre-headless": ("java",),
    "npm": ("npm",),
    "nginx": ("nginx", "/usr/sbin/nginx"),
    "apache2": ("apache2", "/usr/sbin/apache2"),
}
BROWSER_TOOLS = os.path.join(ROOT, "tests", "browser")


def _missing_test_tools():
    """Return the Debian packages of DEBIAN_TEST_TOOLS that no program on this machine stands for."""
    missing = []
    for package, programs in DEBIAN_TEST_TOOLS.items():
        if package == "chromium" and os.environ.get("CHROME_PATH"):
            continue
        if not any(shutil.which(program) for program in programs):
            missing.append(package)
    return missing


@task(name="test-tools")
def test_tools(c):
    """Install the test tools: Debian's chromium, Java, nginx and apache2 (as root), and axe-core and vnu.jar (npm ci)."""
    missing = _missing_test_tools()
    # As root, or on a CI runner as a user with password-less sudo (GitHub's runners have no chromium).
    as_root = (
        [] if os.geteuid() == 0 else ["sudo", "-n"] if os.environ.get("CI") == "true" and shutil.which("sudo") else None
    )
    if missing and as_root is not None:
        quiet = {"env": {"DEBIAN_FRONTEND": "noninteractive"}, "quiet": True}
        _run([*as_root, "apt-get", "update", "-qq"], **quiet)
        _run([*as_root, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], **quiet)
    elif missing:
        # The tests that need them fail and say so (nginx's and Apache's are skipped outside CI); the others still run.
        print(
            f"test-tools: {', '.join(missing)} missing; as root: apt-get install {' '.join(missing)}", file=sys.stderr
        )
    if shutil.which("npm"):
        # --ignore-scripts: vnu-jar's postinstall would download a Java runtime; Debian's is used instead.
        _run(
            ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=BROWSER_TOOLS,
            quiet=True,
        )


@task(pre=[test_tools])
def test(c):
    """Install the test tools, then run the whole test suite."""
    _run([sys.executable, "-m", "pytest"])


@task
def clean(c):
    """Remove output/ (the link and its generations) and the caches."""
    from site_build.publish import generations_folder

    if os.path.islink(OUTPUT):
        os.unlink(OUTPUT)
    for folder in (
        OUTPUT,
        generations_folder(OUTPUT),
        os.path.join(ROOT, "cache"),
        os.path.join(ROOT, ".pytest_cache"),
    ):
        shutil.rmtree(folder, ignore_errors=True)


@task(help={"n": "pages per language in the synthetic site", "runs": "timed runs of each build after a warm-up"})
def bench(c, n=500, runs=3):
    """Time our build against stock Pelican + i18n_subsites and Hugo; write the table to bench/RESULTS.md."""
    _run([sys.executable, os.path.join(ROOT, "bench", "run.py"), "--n", str(int(n)), "--runs", str(int(runs))])


CATALOG_ARGS = [
    "-F",
    "translations/babel.cfg",
    "--no-location",
    "--sort-output",
    "-k",
    "_",
    "-k",
    "gettext",
    "-k",
    "ngettext:1,2",
]


# The messages to editors (site_data/messages.py) have a catalog of their own.
EDITOR_CATALOG_ARGS = [
    "-F",
    "translations/editor/babel.cfg",
    "--no-location",
    "--sort-output",
    "--no-default-keywords",
    "-k",
    "tr",
    "-k",
    "tr_plural:1,2",
    "-k",
    "say",
]


@task(name="i18n-extract")
@_described(tr("Extract the interface text of templates and plugins into translations/messages.pot."))
def i18n_extract(c):
    _run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            *CATALOG_ARGS,
            "--project",
            "thrace-site",
            "--copyright-holder",
            "РАО „Тракия“",
            "-o",
            "translations/messages.pot",
            ".",
        ]
    )
    _run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            *EDITOR_CATALOG_ARGS,
            "--project",
            "thrace-site",
            "--copyright-holder",
            "РАО „Тракия“",
            "-o",
            "translations/editor/editor.pot",
            ".",
        ]
    )


@task(name="i18n-update", pre=[i18n_extract])
@_described(tr("Bring the four catalogs in translations/ up to date with messages.pot."))
def i18n_update(c):
    _run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "update",
            "--no-fuzzy-matching",
            "--ignore-obsolete",
            "-i",
            "translations/messages.pot",
            "-d",
            "translations",
        ]
    )
    _mirror_source_catalog(os.path.join(ROOT, "translations", "en", "LC_MESSAGES", "messages.po"))
    _run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "update",
            "--no-fuzzy-matching",
            "--ignore-obsolete",
            "-D",
            "editor",
            "-i",
            "translations/editor/editor.pot",
            "-d",
            "translations/editor",
        ]
    )
    _mirror_source_catalog(os.path.join(ROOT, "translations", "editor", "en", "LC_MESSAGES", "editor.po"))


def _mirror_source_catalog(path):
    """Fill the English catalog's empty entries with their source text.

    The templates and messages are written in English, so English needs no
    translation; an entry in an English catalog is changed only to reword.
    """
    from babel.messages.pofile import read_po, write_po

    with open(path, "rb") as handle:
        catalog = read_po(handle, locale="en")
    for message in catalog:
        if message.id and not message.string:
            message.string = message.id
        elif message.id and isinstance(message.id, (list, tuple)) and not all(message.string):
            message.string = tuple(message.id)
    with open(path, "wb") as handle:
        write_po(handle, catalog, sort_output=True, no_location=True)


@task(name="i18n-compile", help={"lang": LANG_HELP})
@_described(tr("Compile every catalog in memory (as the build does) and report what is untranslated."))
def i18n_compile(c, lang=None):
    from babel.messages.pofile import read_po

    failed = False
    for catalog_lang in sorted(os.listdir(os.path.join(ROOT, "translations"))):
        po = os.path.join(ROOT, "translations", catalog_lang, "LC_MESSAGES", "messages.po")
        if not os.path.isfile(po):
            continue
        with open(po, "rb") as handle:
            catalog = read_po(handle, locale=catalog_lang)
        missing = [m.id for m in catalog if m.id and not m.string]
        fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
        print(
            say(
                "{catalog}: {messages} messages, {missing} untranslated, {fuzzy} fuzzy",
                lang,
                catalog=catalog_lang,
                messages=len(catalog),
                missing=len(missing),
                fuzzy=len(fuzzy),
            )
        )
        failed = failed or bool(missing or fuzzy)
    if failed:
        sys.exit(1)


@task(name="i18n-status", help={"format": tr("table (default) or json").in_language(), "lang": LANG_HELP})
@_described(
    tr("Show, per language, which pages, data records and interface texts are translated, outdated or missing.")
)
def i18n_status(c, format="table", lang=None):
    import json

    from multilingual.translation_status import page_statuses

    languages, default = _languages()
    statuses = page_statuses(os.path.join(ROOT, "content"), languages, default, ROOT)
    records = _data_record_statuses(languages, default, lang)
    catalogs = _catalog_statuses(languages)
    if format == "json":
        print(
            json.dumps(
                {"pages": [s.__dict__ for s in statuses], "data": records, "interface": catalogs},
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    states = {"outdated": say("outdated", lang), "missing": say("missing", lang)}
    width = max(len(word) for word in states.values()) + 1
    for page_lang in languages:
        if page_lang == default:
            continue
        translated = [s.key for s in statuses if page_lang in s.translated]
        outdated = [s.outdated[page_lang] for s in statuses if page_lang in s.outdated]
        missing = [s.key for s in statuses if page_lang in s.missing]
        data = [r for r in records if r["languages"].get(page_lang)]
        count = {
            state: sum(1 for r in data if r["languages"][page_lang] == state)
            for state in ("translated", "outdated", "missing")
        }
        print(
            say(
                "{language}: pages {pages_translated} translated, {pages_outdated} outdated, {pages_missing} missing; "
                "data records {data_translated} translated, {data_outdated} outdated, {data_missing} missing; "
                "interface texts {texts_translated} translated, {texts_missing} missing",
                lang,
                language=page_lang,
                pages_translated=len(translated),
                pages_outdated=len(outdated),
                pages_missing=len(missing),
                data_translated=count["translated"],
                data_outdated=count["outdated"],
                data_missing=count["missing"],
                texts_translated=catalogs[page_lang]["translated"],
                texts_missing=catalogs[page_lang]["missing"],
            )
        )
        for path in outdated:
            print(f"  {states['outdated']:<{width}} {path}")
        for key in missing:
            print(f"  {states['missing']:<{width}} {key}.{page_lang}.md")
        for record in data:
            if record["languages"][page_lang] != "translated":
                print(
                    f"  {states[record['languages'][page_lang]]:<{width}} {record['path']}:{record['line']} ({record['id']})"
                )


def _data_record_statuses(languages, default, lang):
    from site_build import read_site
    from site_data.translations import record_status

    model, problems = read_site(DEV_SETTINGS)
    if model is None:
        from site_data import format_problems

        sys.exit(format_problems(problems, lang) + "\n" + say("Fix these first: invoke check", lang))
    rows = []
    for name, records in _data_records(model.data):
        for record in records:
            states = {lang: record_status(record, lang) for lang in languages if lang != default}
            if any(states.values()):
                rows.append(
                    {
                        "dataset": name,
                        "id": record.get("id", name),
                        "path": record.path,
                        "line": record.line,
                        "languages": states,
                    }
                )
    return rows


def _data_records(site_data):
    for name in sorted(site_data.schemas):
        value = site_data.get(name)
        if isinstance(value, list):
            yield name, value
        elif value:
            yield name, [value]


def _catalog_statuses(languages):
    from babel.messages.pofile import read_po

    result = {}
    for lang in languages:
        po = os.path.join(ROOT, "translations", lang, "LC_MESSAGES", "messages.po")
        with open(po, "rb") as handle:
            catalog = read_po(handle, locale=lang)
        done = sum(1 for m in catalog if m.id and m.string and not m.fuzzy)
        result[lang] = {"translated": done, "missing": sum(1 for m in catalog if m.id) - done}
    return result


@task(
    name="i18n-done",
    iterable=["path", "lang"],
    help={
        "path": tr("a translation (.md) or data file (.yaml) you brought up to date (repeatable)").in_language(),
        "lang": tr("for a data file: the language(s) you updated (default: every language it has)").in_language(),
    },
)
@_described(tr("Mark translations as made from the current Bulgarian text (after you updated them)."))
def i18n_done(c, path, lang=None):
    # --lang names the languages of the data: the messages follow $THRACE_LANG.
    from multilingual.translation_status import fingerprint, with_fingerprint

    languages, default = _languages()
    for item in path:
        if item.endswith(".yaml"):
            _data_done(item, lang or [x for x in languages if x != default], default)
            continue
        translation = os.path.abspath(item)
        name = os.path.basename(translation)
        key, page_lang, _ext = name.rsplit(".", 2)
        source = os.path.join(os.path.dirname(translation), f"{key}.{default}.md")
        if page_lang == default or not os.path.isfile(source):
            sys.exit(say("{path}: not a translation of an existing {language} page", path=item, language=default))
        with open(source, encoding="utf-8") as handle:
            current = fingerprint(handle.read())
        with open(translation, encoding="utf-8") as handle:
            text = handle.read()
        with open(translation, "w", encoding="utf-8") as handle:
            handle.write(with_fingerprint(text, current))
        print(
            say("{path}: marked as a translation of the current {original}", path=item, original=f"{key}.{default}.md")
        )


def _data_done(item, langs, default):
    from site_build import read_site
    from site_data.translations import record_status, with_translated_from

    display = os.path.relpath(os.path.abspath(item), ROOT).replace(os.sep, "/")
    model, problems = read_site(DEV_SETTINGS)
    if model is None:
        from site_data import format_problems

        sys.exit(format_problems(problems) + "\n" + say("Fix these first: invoke check"))
    records = [r for _name, rs in _data_records(model.data) for r in rs if r.path == display]
    if not records:
        sys.exit(say("{path}: no data records with translatable text in this file", path=item))
    with open(os.path.join(ROOT, display), encoding="utf-8") as handle:
        text = handle.read()
    for record in sorted(records, key=lambda r: r.line, reverse=True):
        ready = [x for x in langs if record_status(record, x) in ("translated", "outdated")]
        if ready:
            text = with_translated_from(text, record, ready)
    with open(os.path.join(ROOT, display), "w", encoding="utf-8") as handle:
        handle.write(text)
    print(
        say(
            "{path}: marked {languages} as translations of the current Bulgarian text",
            path=item,
            languages=", ".join(langs),
        )
    )


def _languages():
    from pelican.settings import read_settings

    from multilingual.settings import languages

    settings = read_settings(DEV_SETTINGS)
    return list(languages(settings)), settings["DEFAULT_LANG"]


@task(
    help={
        "kind": tr("page, news, training or document").in_language(),
        "title": tr("the title in the language of --lang").in_language(),
        "lang": tr("the language the title is written in (default bg)").in_language(),
        "key": tr("the Latin key of the page or record (default: from the title)").in_language(),
        "date": tr("YYYY-MM-DD: the date of a news item or the start of a training").in_language(),
        "translations": tr("for a page: also write draft files for the other languages").in_language(),
    }
)
@_described(tr("Write a new page, news item, training or document, ready to edit."))
def new(c, kind, title=None, lang="bg", key=None, date=None, translations=False):
    # --lang is the language of the title: the messages follow $THRACE_LANG.
    import datetime

    from pelican.settings import read_settings

    from multilingual.romanize import slugify
    from multilingual.settings import languages as site_languages
    from site_data.scaffold import list_entry_yaml, record_yaml
    from site_data.schema import PLACEHOLDER, load_schemas

    settings = read_settings(DEV_SETTINGS)
    languages = list(site_languages(settings))
    if kind not in ("page", "news", "training", "document"):
        sys.exit(say("invoke new: the kind is page, news, training or document"))
    if lang not in languages:
        sys.exit(say("invoke new: --lang must be one of {languages}", languages=", ".join(languages)))
    title = title or input(say("Title ({language}): ", language=lang)).strip()
    if not title:
        sys.exit(say("invoke new: a title is needed"))
    key = key or slugify(title, lang)
    today = datetime.date.today().isoformat()
    if kind in ("page", "news"):
        folder = "pages" if kind == "page" else "news"
        if kind == "news":
            key = f"{date or today}-{key}"
        front = [f"Title: {title}", f"Summary: {PLACEHOLDER}"]
        if kind == "news":
            front.insert(1, f"Date: {date or today}")
        # The text too is a mark to replace: the check refuses it, so an unwritten page is never published.
        written = [
            (
                _write_new(
                    os.path.join(ROOT, "content", folder, f"{key}.{lang}.md"), "\n".join(front) + f"\n\n{PLACEHOLDER}\n"
                ),
                1,
            )
        ]
        if translations and kind == "page":
            for other in languages:
                if other != lang:
                    draft = ["Title: ", "Summary: ", "Status: draft"]
                    written.append(
                        (
                            _write_new(
                                os.path.join(ROOT, "content", folder, f"{key}.{other}.md"), "\n".join(draft) + "\n\n"
                            ),
                            1,
                        )
                    )
    else:
        schemas = load_schemas(os.path.join(ROOT, "data", "schemas"))
        schema = schemas["trainings" if kind == "training" else "documents"]
        values = {"title": {lang: title}}
        if kind == "training":
            values["start"] = values["end"] = date or PLACEHOLDER_DATE
            written = [
                (
                    _write_new(
                        os.path.join(ROOT, "data", schema.file, f"{(date or today)[:7]}-{key}.yaml"),
                        record_yaml(schema, values, languages),
                    ),
                    1,
                )
            ]
        else:
            values["id"] = key
            path = os.path.join(ROOT, "data", schema.file)
            with open(path, encoding="utf-8") as handle:
                first_new_line = len(handle.read().splitlines()) + 2  # after the empty line written below
            with open(path, "a", encoding="utf-8") as handle:
                handle.write("\n" + list_entry_yaml(schema, values, languages))
            written = [(path, first_new_line)]
    # Each file written, with the first line that is new in it.
    for path, first_line in written:
        shown = os.path.relpath(path, ROOT).replace(os.sep, "/")
        print(say("Wrote {path}", path=shown))
        for number, line in _unfilled_lines(path, first_line):
            print(f"  {shown}:{number}: {line}")
    print(
        say(
            "Write what each line marked {placeholder} above asks for (optional fields may be deleted), "
            "then run: invoke check",
            placeholder=PLACEHOLDER,
        )
    )


PLACEHOLDER_DATE = "YYYY-MM-DD"


def _unfilled_lines(path, first_line):
    """Yield (line number, line) for every active line from ``first_line`` on that still holds the mark …."""
    from site_data.schema import PLACEHOLDER

    # "…" alone, as a value ("kind: …", "  en: …") or in a list ("[…]"); not an ellipsis inside a text.
    unfilled = re.compile(rf"(^|:|\[)\s*({re.escape(PLACEHOLDER)}|{PLACEHOLDER_DATE})\s*\]?\s*$")
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle.read().splitlines(), 1):
            if number >= first_line and not line.lstrip().startswith("#") and unfilled.search(line):
                yield number, line.strip()


def _write_new(path, text):
    if os.path.exists(path):
        sys.exit(say("invoke new: {path} exists already; choose another --key", path=os.path.relpath(path, ROOT)))
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


# Publishing ------------------------------------------------------------------------------


@task(
    help={
        "dry-run": "build and check, then print the upload command (its exact arguments) instead of running it",
        "lang": LANG_HELP,
    }
)
def deploy(c, dry_run=False, lang=None):
    """Build the public site (strict, tested by the build itself), then upload output/ to PUBLISHING_DEPLOY_TARGET."""
    from pelican.settings import read_settings

    from publishing.deploy import DeployTargetError, deploy_command, parse_target
    from publishing.settings import SettingsError
    from publishing.settings import read_settings as read_publishing_settings

    try:
        text = read_publishing_settings(read_settings(PUBLISH_SETTINGS))["PUBLISHING_DEPLOY_TARGET"]
        target = parse_target(text)
    except (SettingsError, DeployTargetError) as error:
        sys.exit(f"invoke deploy: {error} (in publishconf.py or the environment)")
    # Nothing is uploaded unless this build passes: _build exits on any problem.
    _build(PUBLISH_SETTINGS, lang)
    command = deploy_command(target, OUTPUT)
    if dry_run:
        print(shlex.join(command))
        return
    _run(command)


@task(name="hosting-docs")
def hosting_docs(c):
    """Rewrite the nginx, Apache and _headers snippets in docs/hosting.md from PUBLISHING_HEADERS."""
    from pelican.settings import read_settings

    from publishing.hosting import render_docs, site_headers
    from publishing.settings import read_settings as read_publishing_settings

    settings = read_settings(PUBLISH_SETTINGS)
    # The snippets show an example address until SITEURL holds the real one.
    siteurl = settings["SITEURL"] or "https://www.rao-trakia.example"
    headers = site_headers(read_publishing_settings(settings), siteurl)
    path = os.path.join(ROOT, "docs", "hosting.md")
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(render_docs(text, headers))
    print(f"Updated {os.path.relpath(path, ROOT)}")


@task(help={"lang": "the language whose index to search (default bg)", "term": "a word or phrase"})
def search(c, term, lang="bg"):
    """Search the built output/ with Pagefind's own search, as a reader would (needs Node.js)."""
    from publishing.search import query_index

    for result in query_index(OUTPUT, lang, [term])[term]:
        print(f"{result['url']}  {result['title']}")
