"""Template data for the core page types: home, news, structure, accessibility statement.

Each provider takes the generator and the version being rendered and returns the
extra variables its template loops over. Keyed by template name.
"""

import datetime
import re

from site_data import Problem, tr


def news_items(generator, lang, limit=None):
    """Return the news items in ``lang``, newest first, as links with dates."""
    site = generator.site
    items = sorted(
        (page for page in site.pages.values() if page.kind == "news"),
        key=lambda page: (page.date, page.key),
        reverse=True,
    )
    links = []
    for page in items[:limit]:
        link = site.link(page.key, lang)
        link["date_iso"] = page.date.date().isoformat()
        link["date_text"] = generator.local_date(page.date, lang)
        links.append(link)
    return links


def home_context(generator, version):
    """The home page: the sections of the site and the latest news."""
    site = generator.site
    # Sections with pages under them become groups of cards; the others are in the menu.
    # A page with nothing to show yet (an empty calendar) is not promoted on the home page.
    sections = []
    for item in site.navigation(site.main_navigation, version.lang, version.key):
        children = [child for child in item["children"] if site.pages[child["key"]].indexed]
        if children:
            sections.append(dict(item, children=children))
    return {
        "sections": sections,
        "latest_news": news_items(generator, version.lang, generator.options["MULTILINGUAL_HOME_NEWS_COUNT"]),
        "news_href": site.url_for(generator.options["MULTILINGUAL_NEWS_KEY"], version.lang)
        if generator.options["MULTILINGUAL_NEWS_KEY"] in site.pages
        else None,
    }


def news_context(generator, version):
    """The news index: every item, and the language's feed."""
    return {
        "news_items": news_items(generator, version.lang),
        "feed_href": generator.site.absolute(
            feed_path(generator.site, generator.options["MULTILINGUAL_NEWS_KEY"], version.lang)
        ),
    }


def article_context(generator, version):
    """A news item: its date in the reader's language."""
    date = generator.site.pages[version.key].date
    return {"date_iso": date.date().isoformat(), "date_text": generator.local_date(date, version.lang)}


def feed_path(site, news_key, lang):
    """Return the path of the Atom feed of a language's news, named like the news page (novini.atom.xml)."""
    return site.file_beside(news_key, lang, ".atom.xml")


def in_lang(value, lang):
    """Return a Localized value's LocalText in ``lang``, or None for an absent value."""
    return value.in_lang(lang) if value else None


def structure_context(generator, version):
    """How the association is structured, from data/structure.yaml."""
    lang = version.lang
    bodies = []
    for body in (generator.data.get("structure") or {}).get("bodies", []):
        bodies.append(
            {
                "name": in_lang(body.get("name"), lang),
                "description": in_lang(body.get("description"), lang),
                "members": [
                    {
                        "name": member["name"],
                        "role": in_lang(member.get("role"), lang),
                        "municipality": in_lang(member.get("municipality"), lang),
                    }
                    for member in body.get("members", [])
                ],
            }
        )
    return {"bodies": bodies}


def end_sentence(text):
    """Return ``text`` with a single period where a date ending in "г." meets the sentence's own period."""
    return re.sub(r"(?<!\.)\.\.(?=\s|$)", ".", text)


def statement_feedback(statement, data):
    """Return the statement's own feedback contact, or else the association's (data/contacts.yaml): one source of truth."""
    feedback = statement.get("feedback") or {}
    if any(feedback.get(field) for field in ("email", "phone", "address")):
        return feedback
    return {field: (data.get("contacts") or {}).get(field) for field in ("email", "phone", "address")}


def accessibility_context(generator, version):
    """The accessibility statement, from data/accessibility.yaml (EU model statement)."""
    lang = version.lang
    gettext = generator.catalogs[lang].gettext
    statement = generator.data.get("accessibility") or {}
    feedback = statement_feedback(statement, generator.data)
    enforcement = statement.get("enforcement") or {}
    standard = gettext("WCAG %(version)s, level %(level)s") % {
        "version": statement["wcag_version"],
        "level": statement["wcag_level"],
    }
    if statement.get("harmonised_standard"):
        standard = f"{standard} ({statement['harmonised_standard']})"
    name = version_site_name(generator, lang)
    return {
        # The statement's first sentence (accessibility.html) describes the page.
        "description": generator.site.catalogs[lang].gettext(
            "%(name)s is committed to making its website accessible, in accordance with "
            "Directive (EU) 2016/2102 of the European Parliament and of the Council."
        )
        % {"name": name},
        "statement": {
            "compliance": statement.get("compliance"),
            "standard": standard,
            "non_accessible": [in_lang(item, lang) for item in statement.get("non_accessible", [])],
            "prepared": end_sentence(
                gettext("This statement was prepared on %(date)s.")
                % {"date": generator.local_date(statement["prepared_on"], lang)}
            ),
            "reviewed": end_sentence(
                gettext("The statement was last reviewed on %(date)s.")
                % {"date": generator.local_date(statement["reviewed_on"], lang)}
            ),
            "method": statement["method"],
            "feedback_email": feedback.get("email"),
            "feedback_phone": feedback.get("phone"),
            "feedback_address": in_lang(feedback.get("address"), lang),
            "enforcement_body": in_lang(enforcement.get("body"), lang),
            "enforcement_url": enforcement.get("url"),
            "enforcement_basis": in_lang(enforcement.get("legal_basis"), lang),
        },
    }


def version_site_name(generator, lang):
    """Return the association's name in ``lang`` (the source name where it has no translation)."""
    return generator.data.get("site")["name"].in_lang(lang).text


def accessibility_review_problems(data, today):
    """Warn when the accessibility statement was last reviewed more than a year ago."""
    statement = data.get("accessibility")
    reviewed = statement.get("reviewed_on") if statement else None
    if reviewed and today - reviewed > datetime.timedelta(days=365):
        return [
            Problem(
                statement.path,
                statement.key_lines.get("reviewed_on", 1),
                tr(
                    "the accessibility statement was last reviewed on {date}, more than a year ago",
                    date=reviewed.isoformat(),
                ),
                tr("review the site against the statement and set 'reviewed_on' to the date of the review"),
                "warning",
                dated=True,
            )
        ]
    return []


SECTION_PROVIDERS = {
    "home": home_context,
    "news": news_context,
    "article": article_context,
    "structure": structure_context,
    "accessibility": accessibility_context,
}
