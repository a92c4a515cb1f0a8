"""The preview of ``invoke serve``: build, serve the folder, rebuild and reload the browser on every change.

The pages load the reload client through publishing's live-reload script (a file
under assets/, which the site's Content-Security-Policy allows), because the
policy blocks the inline snippet the livereload server adds to every page.
"""

import sys

from .build import BuildFailed, build_site

# Turned on for the preview only: the pages then load the live-reload script.
PREVIEW_OVERRIDES = {"PUBLISHING_LIVE_RELOAD": True}


def build_preview(settings_file, output, overrides=None):
    """Build the preview; on a mistake print every problem and keep the last good build."""
    try:
        build_site(settings_file, output, overrides={**PREVIEW_OVERRIDES, **(overrides or {})})
    except BuildFailed as failure:
        print(failure, file=sys.stderr)
        print("The preview still shows the last good build.", file=sys.stderr)
        return False
    return True


def serve_preview(settings_file, output, watched, port=8000, host="localhost", overrides=None):
    """Build, then serve ``output`` on host:port until stopped, rebuilding when a path in ``watched`` changes."""
    from livereload import Server

    build_preview(settings_file, output, overrides)
    server = Server()
    for path in watched:
        server.watch(path, lambda: build_preview(settings_file, output, overrides))
    server.serve(root=output, port=port, host=host, open_url_delay=None)
