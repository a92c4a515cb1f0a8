"""Settings of the published site: pelicanconf.py plus what production changes."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403

# The one place the public address is written; every absolute URL derives from it.
# No fallback: `invoke publish-build` refuses to build without the real address
# (from the SITEURL variable, or written here) rather than publish wrong links.
SITEURL = os.environ.get("SITEURL", "")
# Nothing is published with a warning: a missing translation or a stale catalog entry
# stops the build. Findings that depend only on today's date (an overdue accessibility
# review, a training past its date) are shown in every build but never stop it.
SITE_STRICT = True
# Pages and news marked 'Status: draft' are previewed in the development build only.
MULTILINGUAL_SHOW_DRAFTS = False
# A news item dated after today appears on its date, with the daily scheduled rebuild.
MULTILINGUAL_HIDE_FUTURE_NEWS = True
TRAINING_CALENDAR_SHOW_EXAMPLES = False  # illustrative trainings stay in the development build
# The search index (Pagefind), one per language, made after every publication build.
PUBLISHING_SEARCH_INDEX = True
# A share picture per page and language (og:image), with the site's name and the page's title.
PUBLISHING_SHARE_CARDS = True
# A page without a photo of its own shares its generated card, not the one static card.
IMAGES_SHARE_CARD = ""
# .gz copies of every text file beside it, for hosts that serve them (nginx gzip_static).
PUBLISHING_PRECOMPRESS = True
# Where `invoke deploy` uploads output/: "rsync:USER@HOST:/path/" or "ghp-import:BRANCH".
PUBLISHING_DEPLOY_TARGET = os.environ.get("PUBLISHING_DEPLOY_TARGET", "")
