"""What the association must still fill in before the site can go public (``invoke launch-check``).

Each check names the file, the line and what to write, in the editors' language
(Bulgarian by default): the people who fill these facts in are the association's staff. The public address
(SITEURL) is checked here and by ``invoke publish-build``, which refuses to
publish under an address that cannot be the public one.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

from multilingual.contacts import has_contacts, local_contacts
from multilingual.model import required_datasets
from multilingual.sections import statement_feedback
from site_data import DataOptions, Problem, load_site_data, tr, tr_plural

# Names reserved for examples and tests (RFC 2606, RFC 6761): never a public address.
RESERVED_SUFFIXES = (".example", ".invalid", ".localhost", ".test")
SITEURL_HOW = "SITEURL=https://… invoke publish-build"


def siteurl_line(root):
    """Return the line of publishconf.py that sets SITEURL (1 if there is none)."""
    path = os.path.join(root, "publishconf.py")
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.startswith("SITEURL"):
                    return number
    return 1


def site_url_problem(siteurl, line=1):
    """Return the Problem with a public address that cannot be the site's, or None."""
    parts = urlsplit(siteurl or "")
    host = (parts.hostname or "").lower()
    if not siteurl:
        message = tr("the public address of the site (SITEURL) is not set")
    elif parts.scheme not in ("https", "http") or not host:
        message = tr("the public address of the site (SITEURL) '{siteurl}' is not an internet address", siteurl=siteurl)
    elif host == "localhost" or host.endswith(RESERVED_SUFFIXES):
        message = tr(
            "the public address of the site (SITEURL) '{siteurl}' is an example address, not the real one",
            siteurl=siteurl,
        )
    else:
        return None
    return Problem(
        "publishconf.py",
        line,
        message,
        tr('set the real address, e.g. {how} (or SITEURL = "https://…" in publishconf.py)', how=SITEURL_HOW),
    )


def site_url_error(siteurl, root, lang=None):
    """Return the message (in ``lang``) ``invoke publish-build`` stops with when SITEURL cannot be the public address, or None."""
    problem = site_url_problem(siteurl, siteurl_line(root))
    if problem is None:
        return None
    return (
        problem.render(lang)
        + "\n"
        + tr(
            "The public site needs its real address (SITEURL is {siteurl}): set the SITEURL variable "
            "(e.g. SITEURL=https://www.example.bg invoke publish-build, or the repository variable SITEURL "
            "in GitHub) or write it in publishconf.py. Nothing was built; output/ was left as it was.",
            siteurl=repr(siteurl),
        ).in_language(lang)
    )


def _line(record, field):
    return getattr(record, "key_lines", {}).get(field, 1) if record else 1


def launch_problems(settings, root):
    """Return every fact still missing before publication, as Problems (empty when ready).

    ``settings`` are the publication settings (publishconf.py, read by Pelican);
    ``root`` is the folder that holds content/ and data/ (SITE_DATA_PATH may point elsewhere).
    """
    data_path = os.path.join(root, settings.get("SITE_DATA_PATH") or "data")
    options = DataOptions(
        tuple(settings["MULTILINGUAL_LANGUAGES"]),
        settings["DEFAULT_LANG"],
        settings["PATH"],
        settings["TIMEZONE"],
        required_datasets(settings),
    )
    # Data files refer to pages by key: the keys are the names of content/pages/<key>.<lang>.md.
    pages = {path.name.split(".", 1)[0] for path in Path(settings["PATH"], "pages").glob("*.md")}
    data, errors = load_site_data(data_path, options, known_ids={"pages": pages})
    errors = [problem for problem in errors if problem.severity == "error"]
    if errors:
        # The facts cannot be judged in files that do not read; `invoke check` says more.
        return errors
    problems = []
    siteurl = site_url_problem(settings.get("SITEURL"), siteurl_line(root))
    if siteurl:
        problems.append(siteurl)

    contacts = data.get("contacts")
    if not has_contacts(local_contacts(data, settings["DEFAULT_LANG"])):
        problems.append(
            Problem(
                "data/contacts.yaml",
                1,
                tr("there is no way at all to reach the association"),
                tr(
                    "fill in the address (address), the e-mail (email) and the phone (phone); "
                    "if you wish, the office hours (office_hours) and the registration number "
                    "(registration_number) too"
                ),
            )
        )
    elif not contacts.get("email"):
        problems.append(
            Problem(
                "data/contacts.yaml",
                1,
                tr("the association has no e-mail address"),
                tr("fill in email: visitors ask through it for the documents that have no file"),
            )
        )

    statement = data.get("accessibility") or {}
    feedback = statement_feedback(statement, data)
    if not any(feedback.get(field) for field in ("email", "phone", "address")):
        problems.append(
            Problem(
                "data/accessibility.yaml",
                _line(statement, "feedback"),
                tr("the accessibility statement has no contact for feedback"),
                tr("fill in data/contacts.yaml (or feedback here, if accessibility reports go somewhere else)"),
            )
        )
    enforcement = statement.get("enforcement") or {}
    if not enforcement.get("body"):
        problems.append(
            Problem(
                "data/accessibility.yaml",
                _line(statement, "enforcement"),
                tr("the accessibility statement names no enforcement body"),
                tr(
                    "fill in enforcement: body (in the four languages) and legal_basis, under the "
                    "E-Government Act in force"
                ),
            )
        )

    structure = data.get("structure") or {}
    if not structure.get("bodies"):
        problems.append(
            Problem(
                "data/structure.yaml",
                _line(structure, "bodies"),
                tr("the page 'How we are structured' has no data yet"),
                tr("write the association's bodies and their members under bodies (the file's comment shows how)"),
            )
        )

    trainings = data.get("trainings") or []
    if not any(not training.get("example") for training in trainings):
        problems.append(
            Problem(
                "data/trainings",
                1,
                tr("the calendar has only example trainings (example: true)"),
                tr("add the real trainings: invoke new training --title …"),
            )
        )

    security = data.get("security") or {}
    if not (security.get("email") or security.get("url")):
        problems.append(
            Problem(
                "data/security.yaml",
                1,
                tr("there is no address for reports of security problems (security.txt)"),
                tr("fill in email (or url) and expires, the date until which the address is valid"),
            )
        )
    return problems


def format_launch_report(problems, lang=None):
    """Return the report of launch-check in ``lang`` (Bulgarian by default): each missing fact, then a conclusion."""
    if not problems:
        return tr("Everything publication needs is filled in.").in_language(lang)
    lines = [problem.render(lang) for problem in problems]
    lines.append(
        tr_plural(
            "{count} fact is missing. The site cannot be published yet.",
            "{count} facts are missing. The site cannot be published yet.",
            len(problems),
        ).in_language(lang)
    )
    return "\n".join(lines)
