"""Where `invoke deploy` uploads the site, parsed strictly, and the exact command it runs.

The target is a setting an editor or a CI variable may set, so it is data: it is
checked against a narrow grammar and becomes single arguments of an argument list,
never part of a shell string. What is refused (spaces, ; $ ` | & quotes, an
option-like leading "-", "..") is refused with the reason and an example.
"""

import re
import sys
from dataclasses import dataclass

# rsync:[USER@]HOST:/absolute/path/  (a host name or IPv4 address; the path from a safe alphabet)
RSYNC_TARGET = re.compile(
    r"rsync:(?P<user>[A-Za-z0-9_][A-Za-z0-9._-]*@)?(?P<host>[A-Za-z0-9][A-Za-z0-9.-]*):(?P<path>/[A-Za-z0-9._/+-]*)"
)
# ghp-import:BRANCH  (a git branch name without options or ranges)
GHP_TARGET = re.compile(r"ghp-import:(?P<branch>[A-Za-z0-9][A-Za-z0-9._/-]*)")
EXAMPLES = "rsync:deploy@example.org:/srv/www/rao-trakia/ or ghp-import:gh-pages"
# rsync options: recursive, links as links, times, checksums; every new file is put in place
# only at the end of the transfer (--delay-updates) and stale files go after it (--delete-after),
# so the live folder is never a half-uploaded mix for longer than the final renames.
RSYNC_OPTIONS = ["--recursive", "--links", "--times", "--checksum", "--delay-updates", "--delete-after", "--verbose"]


class DeployTargetError(ValueError):
    """PUBLISHING_DEPLOY_TARGET is not a target we can upload to safely."""


@dataclass(frozen=True)
class DeployTarget:
    """A parsed deploy target: the method and where it uploads."""

    method: str
    destination: str


def parse_target(text):
    """Return the DeployTarget of ``text``; raise DeployTargetError saying what is wrong."""
    if not text:
        raise DeployTargetError(f"PUBLISHING_DEPLOY_TARGET is empty; set it, e.g. to {EXAMPLES}")
    bad = sorted({char for char in text if char.isspace() or char in ";$`|&<>()'\"\\*?[]{}!#~"})
    if bad:
        shown = " ".join("a space" if char == " " else repr(char) for char in bad)
        raise DeployTargetError(
            f"PUBLISHING_DEPLOY_TARGET {text!r} contains {shown}, which a target never has; write it as {EXAMPLES}"
        )
    if ".." in text.split(":", 1)[-1]:
        raise DeployTargetError(
            f"PUBLISHING_DEPLOY_TARGET {text!r} contains '..'; write the folder's full path, as in {EXAMPLES}"
        )
    rsync = RSYNC_TARGET.fullmatch(text)
    if rsync:
        user = rsync["user"] or ""
        destination = f"{user}{rsync['host']}:{rsync['path']}"
        if not rsync["path"].endswith("/"):
            destination += "/"  # upload into the folder, never as a new folder inside it
        return DeployTarget("rsync", destination)
    ghp = GHP_TARGET.fullmatch(text)
    if ghp and not ghp["branch"].endswith(("/", ".lock", ".")):
        return DeployTarget("ghp-import", ghp["branch"])
    raise DeployTargetError(
        f"PUBLISHING_DEPLOY_TARGET {text!r} is not a target; write it as {EXAMPLES} "
        "(the host and folder without options, the folder as an absolute path)"
    )


def deploy_command(target, output_path, python=sys.executable):
    """Return the argument list that uploads the folder ``output_path`` to ``target``."""
    if target.method == "rsync":
        # The trailing slash: the content of the generation output/ links to, not the link itself.
        return ["rsync", *RSYNC_OPTIONS, "--", f"{output_path.rstrip('/')}/", target.destination]
    return [
        python,
        "-m",
        "ghp_import",
        "--no-jekyll",
        "--push",
        "--force",
        "--branch",
        target.destination,
        "--",
        output_path,
    ]
