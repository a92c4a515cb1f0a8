"""What ``invoke serve`` shows while the last rebuild failed: its problems, at every address.

The page is made in memory and served by the preview server itself, so the
published output/ (and its last good build) is never touched; once a rebuild
succeeds, the server serves output/ again and the browser reloads to the page.
"""

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from livereload.handlers import StaticFileHandler

from site_data import editor_language, tr
from site_data.problems import summary_line

TEMPLATES = Path(__file__).with_name("templates")


class Preview:
    """The state of the preview: the error page of the last failed build, or None when it succeeded."""

    def __init__(self, lang=None):
        self.lang = editor_language(lang)
        self.error_page = None
        # Autoescape on: every file name, message and fix comes from an editor's files.
        self.templates = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))

    def show(self, failure):
        """Show the problems of ``failure`` (a BuildFailed) at every address, or the site if it is None."""
        self.error_page = None if failure is None else self.render(failure)

    def render(self, failure):
        """Return the HTML page that lists what made the build fail."""
        lang = self.lang
        problems = [
            {
                "location": f"{problem.path}:{problem.line}",
                "message": problem.message.in_language(lang),
                "fix": problem.fix.in_language(lang) if problem.fix else "",
                "is_warning": problem.severity != "error",
            }
            for problem in failure.problems
        ]
        return self.templates.get_template("preview_error.html").render(
            lang=lang,
            title=tr("The site could not be built").in_language(lang),
            lead=tr("Fix these problems in the files named; the page comes back by itself when they are fixed. "
                    "The published site was not changed.").in_language(lang),
            reason=failure.reason.in_language(lang) if failure.reason is not None else "",
            problems=problems,
            fix_label=tr("What to do:").in_language(lang),
            warning_label=tr("warning").in_language(lang),
            summary=summary_line(failure.problems, lang) if failure.reason is None else "",
        )

    def handler(self):
        """Return the preview server's file handler: output/ as it is, or the error page while there is one."""
        preview = self

        class PreviewFileHandler(StaticFileHandler):
            def get(self, path, include_body=True):
                if preview.error_page is None:
                    return super().get(path, include_body)
                self.set_status(500)
                self.set_header("Content-Type", "text/html; charset=utf-8")
                self.set_header("Cache-Control", "no-store")
                self.finish(preview.error_page if include_body else None)
                return None

        return PreviewFileHandler
