"""What the theme's templates read from the feature plugins, whichever of them a build lists.

The templates render with StrictUndefined (pelicanconf.py): a variable that no
code gave them stops the build, where Jinja's default would print nothing. The
variables below are given by a feature plugin to the pages it serves; every other
page, and every page of a build that leaves the plugin out of PLUGINS, gets the
empty value here, which the templates show as nothing. So the theme renders with
any subset of the feature plugins, and a misspelt name still fails.
"""


def feature_variables():
    """Return the feature plugins' template variables, each with its value for a page they give nothing."""
    return {
        # images: a page's photos (data/galleries/), and the og:image of its first photo.
        "gallery": [],
        "share_image": [],
        # publishing: the <head>'s policy, metadata, icons, fingerprinted stylesheet and the
        # search link (None: the theme's own stylesheet, nothing else); the search page's form.
        "publishing": None,
        "search": None,
        # documents: the documents page and each kind's page; a page's related documents.
        "documents": [],
        "document_filters": [],
        "related_documents": [],
        "documents_href": None,
        # timeline: the timeline page and the pages that embed it; the home page's latest events.
        "timeline": None,
        "timeline_teaser": None,
        # services: a group's services and the link to the request form; the form's groups.
        "services": [],
        "service_request": None,
        "service_groups": [],
        # training_calendar: the calendar page (the pages the plugin adds get their own data).
        "calendar": None,
    }
