"""security.txt (RFC 9116) from data/security.yaml: whom to tell about a security problem, and until when.

A contact is never made up: without one, nothing is published. An expired file is
invalid (RFC 9116, 2.5.5), so once 'expires' has passed nothing is published either.
The date findings depend on the day of the build: they are ``dated`` problems, shown
in every build and never fatal.
"""

import datetime

from site_data import Problem, tr, tr_plural

# Where RFC 9116 puts the file, inside the output folder.
SECURITY_TXT_PATH = ".well-known/security.txt"
# How long before 'expires' passes the build starts to warn.
EXPIRY_WARNING = datetime.timedelta(days=30)
# RFC 9116, 2.5.5: 'Expires' should be less than a year into the future.
LONGEST_VALIDITY = datetime.timedelta(days=366)
FIX_EXPIRES = tr("check the contact, then set 'expires' to a date less than a year ahead (YYYY-MM-DD)")


def security_txt(record, siteurl, today):
    """Return (the text of security.txt or None if nothing is to be published, [Problem])."""
    if not record or not (record.get("email") or record.get("url")):
        return None, []
    problems = []
    line_of = record.key_lines.get
    url = record.get("url")
    if url and not url.startswith("https://"):
        problems.append(
            Problem(
                record.path,
                line_of("url", 1),
                tr("the report page '{url}' is not an https:// address", url=url),
                tr("security.txt may only point at https:// pages: write the https:// address"),
            )
        )
    expires = record.get("expires")
    if expires is None:
        contact_line = min(line_of(name, 1) for name in ("email", "url") if record.get(name))
        problems.append(
            Problem(
                record.path,
                contact_line,
                tr("a security contact needs the date until which it is valid"),
                tr("add a line 'expires: YYYY-MM-DD' with a date less than a year ahead"),
            )
        )
    if problems:
        return None, problems
    line = line_of("expires", 1)
    if expires < today:
        return None, [
            _dated(
                record.path,
                line,
                tr("'expires' ({date}) has passed, so security.txt is no longer published", date=expires.isoformat()),
            )
        ]
    if expires - today < EXPIRY_WARNING:
        problems.append(
            _dated(
                record.path,
                line,
                tr_plural(
                    "security.txt expires on {date}, in {count} day",
                    "security.txt expires on {date}, in {count} days",
                    (expires - today).days,
                    date=expires.isoformat(),
                ),
            )
        )
    elif expires - today > LONGEST_VALIDITY:
        problems.append(
            _dated(
                record.path,
                line,
                tr(
                    "'expires' ({date}) is more than a year ahead; "
                    "RFC 9116 asks for less, so that the contact is checked every year",
                    date=expires.isoformat(),
                ),
            )
        )
    return render(record, siteurl), problems


def _dated(path, line, message):
    return Problem(path, line, message, FIX_EXPIRES, "warning", dated=True)


def render(record, siteurl):
    """Return the text of security.txt; it is valid through the last second of 'expires' (UTC)."""
    lines = []
    if record.get("email"):
        lines.append(f"Contact: mailto:{record['email']}")
    if record.get("url"):
        lines.append(f"Contact: {record['url']}")
    lines.append(f"Expires: {record['expires'].isoformat()}T23:59:59Z")
    if record.get("preferred_languages"):
        lines.append(f"Preferred-Languages: {', '.join(record['preferred_languages'])}")
    if siteurl.startswith("https://"):
        # Canonical: where the file is meant to be found, so a copy elsewhere can be told apart.
        lines.append(f"Canonical: {siteurl.rstrip('/')}/{SECURITY_TXT_PATH}")
    return "\n".join(lines) + "\n"
