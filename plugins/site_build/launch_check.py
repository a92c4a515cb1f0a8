"""What the association must still fill in before the site can go public (``invoke launch-check``).

Each check names the file, the line and what to write, in Bulgarian: the people
who fill these facts in are the association's staff. The public address
(SITEURL) is checked here and by ``invoke publish-build``, which refuses to
publish under an address that cannot be the public one.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

from multilingual.contacts import has_contacts, local_contacts
from multilingual.sections import statement_feedback
from site_data import DataOptions, Problem, load_site_data

# Names reserved for examples and tests (RFC 2606, RFC 6761): never a public address.
RESERVED_SUFFIXES = (".example", ".invalid", ".localhost", ".test")
SITEURL_HOW = "SITEURL=https://… invoke publish-build (или SITEURL = \"https://…\" в publishconf.py)"


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
    """Return the Problem (in Bulgarian) with a public address that cannot be the site's, or None."""
    parts = urlsplit(siteurl or "")
    host = (parts.hostname or "").lower()
    if not siteurl:
        message = "публичният адрес на сайта (SITEURL) не е зададен"
    elif parts.scheme not in ("https", "http") or not host:
        message = f"публичният адрес на сайта (SITEURL) „{siteurl}“ не е адрес в интернет"
    elif host == "localhost" or host.endswith(RESERVED_SUFFIXES):
        message = f"публичният адрес на сайта (SITEURL) „{siteurl}“ е примерен адрес, не истинският"
    else:
        return None
    return Problem("publishconf.py", line, message, f"задайте истинския адрес, напр. {SITEURL_HOW}")


def site_url_error(siteurl, root):
    """Return the message ``invoke publish-build`` stops with when SITEURL cannot be the public address, or None."""
    problem = site_url_problem(siteurl, siteurl_line(root))
    if problem is None:
        return None
    return (f"{problem}\n"
            f"The public site needs its real address (SITEURL is {siteurl!r}): set the SITEURL variable "
            "(e.g. SITEURL=https://www.example.bg invoke publish-build, or the repository variable SITEURL "
            "in GitHub) or write it in publishconf.py. Nothing was built; output/ was left as it was.")


def _line(record, field):
    return getattr(record, "key_lines", {}).get(field, 1) if record else 1


def launch_problems(settings, root):
    """Return every fact still missing before publication, as Problems in Bulgarian (empty when ready).

    ``settings`` are the publication settings (publishconf.py, read by Pelican);
    ``root`` is the folder that holds content/ and data/ (SITE_DATA_PATH may point elsewhere).
    """
    data_path = os.path.join(root, settings.get("SITE_DATA_PATH") or "data")
    options = DataOptions(tuple(settings["MULTILINGUAL_LANGUAGES"]), settings["DEFAULT_LANG"],
                          settings["PATH"], settings["TIMEZONE"])
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
        problems.append(Problem("data/contacts.yaml", 1, "няма нито един начин за връзка с асоциацията",
                                "попълнете адреса (address), електронната поща (email) и телефона (phone); "
                                "по желание и работното време (office_hours) и ЕИК/БУЛСТАТ (registration_number)"))
    elif not contacts.get("email"):
        problems.append(Problem("data/contacts.yaml", 1, "няма електронна поща на асоциацията",
                                "попълнете email: по нея посетителите искат документите, които нямат файл"))

    statement = data.get("accessibility") or {}
    feedback = statement_feedback(statement, data)
    if not any(feedback.get(field) for field in ("email", "phone", "address")):
        problems.append(Problem("data/accessibility.yaml", _line(statement, "feedback"),
                                "декларацията за достъпност няма данни за обратна връзка",
                                "попълнете data/contacts.yaml (или feedback тук, ако сигналите за достъпност "
                                "се приемат другаде)"))
    enforcement = statement.get("enforcement") or {}
    if not enforcement.get("body"):
        problems.append(Problem("data/accessibility.yaml", _line(statement, "enforcement"),
                                "декларацията за достъпност не посочва органа по прилагане",
                                "попълнете enforcement: body (на четирите езика) и legal_basis, по действащия "
                                "Закон за електронното управление"))

    structure = data.get("structure") or {}
    if not structure.get("bodies"):
        problems.append(Problem("data/structure.yaml", _line(structure, "bodies"),
                                "страницата „Как сме структурирани“ още няма данни",
                                "впишете органите на асоциацията и членовете им в bodies (образецът е в "
                                "коментара на файла)"))

    trainings = data.get("trainings") or []
    if not any(not training.get("example") for training in trainings):
        problems.append(Problem("data/trainings", 1, "в календара има само примерни обучения (example: true)",
                                "добавете истинските обучения: invoke new training --title …"))

    security = data.get("security") or {}
    if not (security.get("email") or security.get("url")):
        problems.append(Problem("data/security.yaml", 1, "няма адрес за сигнали за проблеми със сигурността (security.txt)",
                                "попълнете email (или url) и expires — датата, до която адресът е валиден"))
    return problems


def format_launch_report(problems):
    """Return the report of launch-check in Bulgarian: each missing fact, then a conclusion."""
    if not problems:
        return "Всичко необходимо за публикуването е попълнено."
    lines = [str(problem) for problem in problems]
    lines.append(f"Липсващи факти: {len(problems)}. Сайтът още не може да бъде публикуван.")
    return "\n".join(lines)
