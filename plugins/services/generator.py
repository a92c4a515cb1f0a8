"""The services of data/services.yaml on their pages and on the printable request form."""

import functools

from multilingual.model import Feature
from site_data import EditorError, Problem, tr

from .settings import read_settings


class ServicesFeature(Feature):
    """Give each services page its list, and the request form every service to tick."""

    datasets = ("services",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = read_settings(self.settings)
        self.services = []

    def contribute(self, model):
        """Check the pages the services go on, then hand each its part of the list."""
        site, data = model.site, model.data
        self.services = data.get("services") or []
        self._check(site, data)
        for group, page_key in self.options["SERVICES_GROUP_PAGES"].items():
            site.add_context_provider(page_key, functools.partial(self.group_context, group))
        site.add_context_provider(self.options["SERVICES_REQUEST_KEY"], self.request_context)

    def _check(self, site, data):
        """Every group needs its page, and the form its page; else the build stops."""
        default = site.default_lang
        groups = self.options["SERVICES_GROUP_PAGES"]
        problems = []
        for page_key in [*groups.values(), self.options["SERVICES_REQUEST_KEY"]]:
            if page_key not in site.pages:
                problems.append(
                    Problem(
                        f"content/pages/{page_key}.{default}.md",
                        1,
                        tr("the services plugin needs the page '{key}', which does not exist", key=page_key),
                        tr("create the page, or change SERVICES_GROUP_PAGES / SERVICES_REQUEST_KEY in pelicanconf.py"),
                    )
                )
        for service in self.services:
            if service["group"] not in groups:
                problems.append(
                    Problem(
                        service.path,
                        service.key_lines["group"],
                        tr("the group '{group}' has no page", group=service["group"]),
                        tr(
                            "add it to SERVICES_GROUP_PAGES in pelicanconf.py, or use one of: {groups}",
                            groups=", ".join(groups),
                        ),
                    )
                )
        if problems:
            raise EditorError(problems)

    def _titles(self, group, lang):
        return [service["title"].in_lang(lang) for service in self.services if service["group"] == group]

    # Template data, per page version ------------------------------------------------------

    def group_context(self, group, site, version):
        """A services page: its services, and the link to the request form if the form is for them."""
        requested = group in self.options["SERVICES_REQUEST_GROUPS"]
        return {
            "services": self._titles(group, version.lang),
            "service_request": site.link(self.options["SERVICES_REQUEST_KEY"], version.lang) if requested else None,
        }

    def request_context(self, site, version):
        """The request form: every service the signed request is for, under the title of its page."""
        groups = []
        for group, page_key in self.options["SERVICES_GROUP_PAGES"].items():
            if group not in self.options["SERVICES_REQUEST_GROUPS"]:
                continue
            titles = self._titles(group, version.lang)
            if titles:
                groups.append({"id": group, "title": site.version(page_key, version.lang).title, "services": titles})
        return {"service_groups": groups}
