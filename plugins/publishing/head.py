"""What the <head> of a page says to other sites: Open Graph, Twitter card, Organization JSON-LD.

Everything is computed from the Site and the version being rendered; the template
only loops over the results. The JSON-LD is serialised by multilingual.markup.json_ld.
"""


def og_locale(locale):
    """Return the Open Graph spelling of a Babel locale ('bg_BG' stays 'bg_BG')."""
    return locale.replace("-", "_")


def page_title(site, version, home_key):
    """Return the title others show for a page: the association's name for a home page."""
    if version.key == home_key:
        return site.names["name"].in_lang(version.content_lang).text
    return version.title.text


def shared_texts(site, version, home_key):
    """Return (site name, title) a shared version shows: the original's, in its language, for a fallback."""
    lang = version.content_lang
    described = site.pages[version.key].versions[lang]
    return site.names["name"].in_lang(lang).text, page_title(site, described, home_key)


def image_properties(image):
    """Return the Open Graph properties of a picture {url, width, height, alt}, or none without one."""
    if image is None:
        return []
    return [
        ("og:image", image["url"]),
        ("og:image:width", str(image["width"])),
        ("og:image:height", str(image["height"])),
        ("og:image:alt", image["alt"]),
    ]


def open_graph(site, version, locales, home_key, image=None):
    """Return the Open Graph properties of a version as [{property, content}].

    A fallback version describes what its canonical URL holds: the Bulgarian
    original, in Bulgarian, with the original's translations as alternates.
    ``image`` is the page's picture ({url, width, height, alt}), if it has one.
    """
    page = site.pages[version.key]
    lang = version.content_lang
    described = page.versions[lang]
    properties = [
        ("og:title", page_title(site, described, home_key)),
        ("og:type", "article" if page.kind == "news" else "website"),
        ("og:url", site.canonical(version)),
        ("og:site_name", site.names["name"].in_lang(lang).text),
        ("og:locale", og_locale(locales[lang])),
    ]
    properties += [
        ("og:locale:alternate", og_locale(locales[other]))
        for other in site.languages
        if other != lang and page.versions[other].is_translation
    ]
    if version.description:
        properties.insert(1, ("og:description", version.description))
    if page.kind == "news" and page.date:
        properties.append(("article:published_time", page.date.date().isoformat()))
    properties += image_properties(image)
    return [{"property": name, "content": content} for name, content in properties]


def twitter_card(site, version, home_key, image=None):
    """Return the Twitter card of a version as [{name, content}]: a large picture if it has one (og:image)."""
    described = site.pages[version.key].versions[version.content_lang]
    card = "summary_large_image" if image else "summary"
    tags = [("twitter:card", card), ("twitter:title", page_title(site, described, home_key))]
    if version.description:
        tags.append(("twitter:description", version.description))
    return [{"name": name, "content": content} for name, content in tags]


def organization(site, lang, home_key, contacts=None):
    """Return the schema.org Organization of the association in ``lang``: its names, and the contacts filled in.

    ``contacts`` is multilingual.contacts.local_contacts(…) for ``lang``; an absent
    field adds nothing (no PostalAddress without an address, no ContactPoint
    without an e-mail or a phone).
    """
    names = site.names
    alternate = [names["short_name"].in_lang(lang).text]
    for other in site.languages:
        if other == lang:
            continue
        for field in ("name", "short_name"):
            text = names[field].in_lang(other)
            if text.lang == other and text.text not in alternate:
                alternate.append(text.text)
    return {
        "@context": "https://schema.org",
        "@type": "Organization",
        # One @id for the four home pages: they describe the same organisation.
        "@id": site.url_for(home_key, site.default_lang) + "#organization",
        "name": names["name"].in_lang(lang).text,
        "alternateName": alternate,
        "url": site.url_for(home_key, lang),
        **contact_properties(contacts or {}),
    }


def contact_properties(contacts):
    """Return the Organization properties that data/contacts.yaml fills in (PostalAddress, ContactPoint, sameAs)."""
    properties = {}
    if contacts.get("address"):
        # The address is one free text per language: it goes whole into streetAddress.
        properties["address"] = {
            "@type": "PostalAddress",
            "streetAddress": contacts["address"].text,
            "addressCountry": "BG",
        }
    point = {key: contacts[field] for key, field in (("email", "email"), ("telephone", "phone")) if contacts.get(field)}
    if point:
        properties["contactPoint"] = {"@type": "ContactPoint", "contactType": "customer support", **point}
    if contacts.get("profiles"):
        properties["sameAs"] = list(contacts["profiles"])
    return properties
