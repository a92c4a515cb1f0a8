"""How to reach the association (data/contacts.yaml), as every template and plugin shows it.

One function prepares the contacts for a language; the footer, the Contacts page,
the request form, the documents' request links, the accessibility statement and
the Organization JSON-LD all read that result, so a field filled in once appears
everywhere, and a field left out appears nowhere.
"""

from urllib.parse import quote

CONTACT_FIELDS = ("address", "email", "phone", "office_hours", "registration_number", "profiles")


def local_contacts(data, lang):
    """Return the filled-in contacts in ``lang``: {address, email, phone, office_hours, registration_number, profiles}.

    Texts are LocalText (the Bulgarian text where a translation is missing); an
    absent field is None (an empty list for profiles).
    """
    record = (data.get("contacts") if data is not None else None) or {}
    address, hours = record.get("address"), record.get("office_hours")
    return {
        "address": address.in_lang(lang) if address else None,
        "email": record.get("email"),
        "phone": record.get("phone"),
        "phone_href": phone_href(record["phone"]) if record.get("phone") else None,
        "office_hours": hours.in_lang(lang) if hours else None,
        "registration_number": record.get("registration_number"),
        "profiles": list(record.get("profiles") or []),
    }


def has_contacts(contacts):
    """True if at least one way to reach the association is filled in."""
    return any(contacts[name] for name in CONTACT_FIELDS)


def phone_href(phone):
    """Return the tel: link of a phone number written for people (+359 42 …)."""
    return "tel:" + "".join(char for char in phone if char.isdigit() or char == "+")


def mailto(email, subject):
    """Return a mailto: link with a prefilled subject (RFC 6068: the subject percent-encoded as UTF-8)."""
    return f"mailto:{email}?subject={quote(subject, safe='')}"
